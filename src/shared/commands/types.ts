// What a command is: a name, a zod input schema and a synchronous handler (tx, input, ctx).
// Handlers are deterministic: time and ids come from the arguments or the context, fixed when the command is
// first created and stored with it, so the hub (or a rebase) re-running it gets exactly the same rows.
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { z } from 'zod';
import type * as schema from '../db/schema';
import type { Result } from '../result';

export type Db = BetterSQLite3Database<typeof schema>;
/** The transaction a handler writes through (drizzle's better-sqlite3 transactions are synchronous). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Role = 'agent' | 'regisseur' | 'admin';

export interface Actor {
  kind: 'staff' | 'parent' | 'system';
  id: string;
  name: string;
  role?: Role;
  /** Parents only: the households this guardian may act for (set by the hub from the session). */
  householdIds?: readonly string[];
}

export interface CommandContext {
  /** Unique id of this command, fixed at creation; derived row ids (audit rows…) start with it. */
  commandId: string;
  /** The instant the command was created (UTC ISO). Never read the clock inside a handler. */
  now: string;
  /** The Paris calendar date of `now`. */
  today: string;
  actor: Actor;
  deskId: string;
  /** `desk`: optimistic local run; `hub`: the authoritative run. */
  where: 'desk' | 'hub';
}

export interface CommandDef<S extends z.ZodType = z.ZodType, R = unknown> {
  name: string;
  /** `request`: the hub decides (booking); `fact`: never rejected for business reasons (cash payment). */
  kind: 'request' | 'fact';
  input: S;
  /**
   * Paths of ids the command creates (`householdId`, `guardians[].guardianId`): filled with fresh UUIDs when
   * absent, once, when the command is created, before it is stored — never inside the handler.
   */
  newIds?: readonly string[];
  handler: (tx: Tx, input: z.output<S>, ctx: CommandContext) => Result<R>;
}

export const defineCommand = <S extends z.ZodType, R>(def: CommandDef<S, R>): CommandDef<S, R> => def;
