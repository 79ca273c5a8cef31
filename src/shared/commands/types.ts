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

export interface CommandDef<S extends z.ZodType = z.ZodType, R = unknown, N extends string = string> {
  name: N;
  /** `request`: the hub decides (booking); `fact`: never rejected for business reasons (cash payment). */
  kind: 'request' | 'fact';
  input: S;
  /**
   * Paths of ids the command creates (`householdId`, `guardians[].guardianId`): filled with fresh UUIDs when
   * absent, once, when the command is created, before it is stored — never inside the handler.
   */
  newIds?: readonly string[];
  /**
   * Runs only where the truth is: the hub, or a standalone desk (no hub configured). A connected desk must not
   * run it optimistically (it needs the whole commune or a continuous number series: issuing a month's
   * invoices, credit notes) and says plainly, offline, that it needs the hub.
   */
  authorityOnly?: boolean;
  handler: (tx: Tx, input: z.output<S>, ctx: CommandContext) => Result<R>;
}

/** Keeps the literal name, so that `DeskApi` types each command's arguments and result by its name. */
export const defineCommand = <S extends z.ZodType, R, const N extends string>(def: CommandDef<S, R, N>): CommandDef<S, R, N> => def;
