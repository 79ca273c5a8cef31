// The push/pull protocol between desks and the hub (Replicache-style, adapted to SQLite). Both ends validate
// with these schemas; the hub's OpenAPI document is generated from them.
import { z } from 'zod';

export const actorSchema = z.object({
  kind: z.enum(['staff', 'parent', 'system']),
  id: z.string().max(100),
  name: z.string().max(200),
  role: z.enum(['agent', 'regisseur', 'admin']).optional(),
});

export const mutationSchema = z.object({
  /** Per desk, increasing by one; the hub refuses a gap and skips what it has already seen. */
  id: z.number().int().positive(),
  commandId: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  /** The command's arguments as stored in the outbox (ids filled, JSON round-tripped). */
  args: z.unknown(),
  createdAt: z.string().datetime(),
  actor: actorSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  clientId: z.string().min(8).max(100),
  mutations: z.array(mutationSchema).max(500),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResponseSchema = z.object({ lastMutationId: z.number().int() });

export const pullRequestSchema = z.object({
  clientId: z.string().min(8).max(100),
  /** The last hub version this desk has applied; null for a first (initial) sync. */
  cookie: z.number().int().nullable(),
  /** Rows per page; a page never splits one hub version. */
  limit: z.number().int().min(1).max(50_000).default(5_000),
  /**
   * `changes`: one object per changed row (small incremental pulls). `tables`: the rows grouped by table as arrays in
   * the order of `columns` (half the bytes to write, compress and parse: the initial sync), tombstones still in
   * `changes`. A hub that does not know `tables` answers with `changes`; the desk reads both.
   */
  format: z.enum(['changes', 'tables']).default('changes'),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

const cellSchema = z.union([z.string(), z.number(), z.null()]);

export const rowChangeSchema = z.object({
  table: z.string(),
  id: z.string(),
  version: z.number().int(),
  /** null: the row was deleted (a tombstone). */
  row: z.record(z.string(), cellSchema).nullable(),
});
export type RowChange = z.infer<typeof rowChangeSchema>;

export const tableRowsSchema = z.object({
  table: z.string(),
  /** The hub's columns, in the order of each row's cells. */
  columns: z.array(z.string()),
  /** Upserted rows, in hub version order. */
  rows: z.array(z.array(cellSchema)),
});
export type TableRows = z.infer<typeof tableRowsSchema>;

export const outcomeSchema = z.object({
  mutationId: z.number().int(),
  commandId: z.string(),
  name: z.string(),
  status: z.enum(['accepted', 'modified', 'rejected']),
  /** French: why the hub modified or rejected the command. */
  message: z.string(),
  at: z.string(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const pullResponseSchema = z.object({
  baseCookie: z.number().int().nullable(),
  cookie: z.number().int(),
  lastMutationId: z.number().int(),
  changes: z.array(rowChangeSchema),
  /** Format `tables`: the upserted rows grouped by table (then `changes` holds only tombstones). */
  tables: z.array(tableRowsSchema).optional(),
  /** Verdicts on this desk's mutations acknowledged since the base cookie. */
  outcomes: z.array(outcomeSchema),
  /** More pages wait: pull again with the new cookie. */
  more: z.boolean(),
  /** The hub's current version, for a progress bar during the initial sync. */
  hubVersion: z.number().int(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const enrollRequestSchema = z.object({
  code: z.string().min(6).max(64),
  /** A desk with local data may only join an empty hub (it then uploads its data); else it must start empty. */
  deskHasData: z.boolean().default(false),
});
export const enrollResponseSchema = z.object({
  token: z.string(),
  deskId: z.string(),
  deskName: z.string(),
  commune: z.string(),
});
