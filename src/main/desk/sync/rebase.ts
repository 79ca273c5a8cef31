// Applying a pull on the desk, in ONE transaction (ARCHITECTURE.md, "Rebase order"):
// refuse a response not based on our current cookie; defer foreign keys; undo the pending commands' local
// effects in strict reverse capture order; apply the hub's tombstones, then its upserts; check foreign keys
// and fail loudly; drop the acknowledged commands; re-run each still-pending command in its own SAVEPOINT so a
// stale one stays pending with an error instead of blocking every rebase; refresh derived indexes.
import type Database from 'better-sqlite3';
import { replicatedTableNames } from '../../../shared/db/registry';
import type { PullResponse } from '../../../shared/sync/protocol';
import { bindable, tableAccess, type Row } from '../../../shared/sync/rows';
import type { DeskDatabase } from '../db';
import { refreshSearchIndex } from '../families/searchIndex';
import { setCapture } from './capture';
import {
  applyChangesBulk,
  applyTablesBulk,
  dropSecondaryIndexes,
  finishInitialSync,
  markInitialSync,
  tablesAsChanges,
  withoutDerivedTriggers,
} from './initial';
import { getCookie, setCookie } from './state';

export class StalePull extends Error {}

export type Replay = (row: OutboxRow) => { ok: true } | { ok: false; message: string };

export interface OutboxRow {
  mutation_id: number;
  command_id: string;
  name: string;
  args: string;
  created_at: string;
  actor: string;
  captured: number;
  local_error: string | null;
}

export function undoPending(sqlite: Database.Database): number {
  const tables = tableAccess(sqlite);
  const entries = sqlite.prepare('SELECT table_name, row_id, op, before FROM _undo ORDER BY seq DESC').all() as {
    table_name: string;
    row_id: string;
    op: 'insert' | 'update' | 'delete';
    before: string | null;
  }[];
  for (const entry of entries) {
    const access = tables.get(entry.table_name)!;
    if (entry.op === 'insert') access.remove.run(entry.row_id);
    else access.upsert.run(bindable(access, JSON.parse(entry.before!) as Row));
  }
  sqlite.prepare('DELETE FROM _undo').run();
  return entries.length;
}

export function applyChanges(sqlite: Database.Database, changes: PullResponse['changes']): void {
  const tables = tableAccess(sqlite);
  const order = new Map(replicatedTableNames.map((name, i) => [name, i]));
  const known = changes.filter((c) => order.has(c.table));
  // Tombstones children-first, then upserts parents-first (foreign keys are deferred anyway).
  const deletes = known.filter((c) => c.row === null).sort((a, b) => order.get(b.table)! - order.get(a.table)!);
  const upserts = known.filter((c) => c.row !== null).sort((a, b) => order.get(a.table)! - order.get(b.table)!);
  for (const change of deletes) tables.get(change.table)!.remove.run(change.id);
  for (const change of upserts) {
    const access = tables.get(change.table)!;
    access.upsert.run(bindable(access, change.row!));
  }
}

/**
 * `initial`: a page of an initial sync (see initial.ts): foreign keys off for the page (checked once at the end),
 * rows applied in bulk with the derived-data triggers dropped, the search index and slot counters rebuilt with
 * the last page.
 */
export function rebase(
  store: DeskDatabase,
  response: PullResponse,
  replay: Replay,
  options: { initial?: boolean } = {},
): { pending: number; failed: number } {
  const { sqlite } = store;
  const initial = options.initial ?? false;
  // A connection setting, ignored inside a transaction: set around it (nothing else runs meanwhile, the
  // connection is synchronous) and always restored.
  // Checkpoints (each an fsync of the WAL and the database) every 40 MB of pages rather than every 4 MB while
  // the commune loads.
  const checkpointEvery = initial ? (sqlite.pragma('wal_autocheckpoint', { simple: true }) as number) : null;
  // A page of a catch-up with more to come: the hub sends each row once, at its latest version, so a row of this
  // page may reference a row changed since, which comes in a later page (a guardian changed after being linked to
  // a household). Foreign keys are off for such a page and checked in full with the catch-up's last page.
  const partial = !initial && response.more;
  const keysOff = initial || partial;
  if (keysOff) sqlite.pragma('foreign_keys = OFF');
  if (checkpointEvery !== null) sqlite.pragma('wal_autocheckpoint = 10000');
  try {
    return rebaseInTransaction(store, response, replay, initial);
  } finally {
    if (keysOff) sqlite.pragma('foreign_keys = ON');
    if (checkpointEvery !== null) sqlite.pragma(`wal_autocheckpoint = ${checkpointEvery}`);
  }
}

function rebaseInTransaction(
  store: DeskDatabase,
  response: PullResponse,
  replay: Replay,
  initial: boolean,
): { pending: number; failed: number } {
  const { sqlite } = store;
  let pending = 0;
  let failed = 0;
  sqlite.transaction(() => {
    if (response.baseCookie !== getCookie(sqlite)) throw new StalePull('Pull response is not based on the current cookie');
    if (initial) {
      markInitialSync(sqlite);
      dropSecondaryIndexes(sqlite);
      setCapture(sqlite, false);
      withoutDerivedTriggers(sqlite, () => {
        undoPending(sqlite);
        applyChangesBulk(sqlite, response.changes);
        applyTablesBulk(sqlite, response.tables ?? []);
      });
    } else {
      if (response.more) markCatchUp(sqlite);
      else sqlite.pragma('defer_foreign_keys = ON');
      setCapture(sqlite, false);
      undoPending(sqlite);
      applyChanges(sqlite, [...response.changes, ...tablesAsChanges(response.tables ?? [])]);
    }
    // No `PRAGMA foreign_key_check` here: it scans every table on every pull (0.2–0.5 s per rebase on an
    // 8,000-household commune). With defer_foreign_keys on, SQLite counts the violations and COMMIT fails
    // (SQLITE_CONSTRAINT_FOREIGNKEY, the whole rebase rolled back) while any remains: the same guarantee in O(1).
    sqlite.prepare('DELETE FROM _outbox WHERE mutation_id <= ?').run(response.lastMutationId);
    const saveOutcome = sqlite.prepare(
      `INSERT INTO _sync_outcomes (command_id, mutation_id, name, status, message, at)
       VALUES (@commandId, @mutationId, @name, @status, @message, @at) ON CONFLICT (command_id) DO NOTHING`,
    );
    for (const outcome of response.outcomes) saveOutcome.run(outcome);
    setCookie(sqlite, response.cookie);
    setCapture(sqlite, true);
    const rows = sqlite.prepare('SELECT * FROM _outbox ORDER BY mutation_id').all() as OutboxRow[];
    const mark = sqlite.prepare('UPDATE _outbox SET captured = 1, local_error = @error WHERE mutation_id = @id');
    for (const row of rows) {
      pending++;
      // Nested transaction = SAVEPOINT: a failing command rolls back alone and stays pending with its error.
      let error: string | null = null;
      try {
        sqlite.transaction(() => {
          const result = replay(row);
          if (!result.ok) {
            error = result.message;
            throw new RollbackReplay();
          }
        })();
      } catch (e) {
        if (!(e instanceof RollbackReplay)) throw e;
      }
      if (error) failed++;
      mark.run({ id: row.mutation_id, error });
    }
    if (!initial) refreshSearchIndex(sqlite);
    else if (!response.more) finishInitialSync(sqlite);
    // The last page of a catch-up: everything it brought must now hold together (fails loudly, rolled back).
    if (!initial && !response.more) finishCatchUp(sqlite);
    // Leave defer_foreign_keys on until COMMIT (SQLite resets it then): turning it off before COMMIT silently
    // discards the pending violations.
  })();
  return { pending, failed };
}

class RollbackReplay extends Error {}

const CATCH_UP = 'catchUpInProgress';

/** Set in the transaction of a catch-up page applied with foreign keys off; cleared by the last page's check. */
function markCatchUp(sqlite: Database.Database): void {
  sqlite.prepare(`INSERT INTO _meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING`).run(CATCH_UP);
}

export class CatchUpError extends Error {}

function finishCatchUp(sqlite: Database.Database): void {
  if (sqlite.prepare('DELETE FROM _meta WHERE key = ?').run(CATCH_UP).changes === 0) return;
  // Only after a catch-up of several pages (rare: a desk far behind), so the full scan is affordable.
  const broken = sqlite.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new CatchUpError(`Catch-up left ${broken.length} rows without their parent (first: ${first.table} → ${first.parent})`);
  }
}
