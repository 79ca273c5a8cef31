// The initial sync of a new desk: the whole commune (hundreds of thousands of rows) loaded in large pages.
// Applying those rows one by one through the normal rebase costs a trigger run per row (undo capture, search
// index, slot counters), a foreign-key lookup and five random index inserts per booking; here pages come in the
// compact `tables` format (10,000 rows by default) and each is applied with multi-row upserts, the derived-data
// triggers dropped, the non-unique indexes dropped and the foreign keys off; the indexes, the search index and
// the slot counters are rebuilt once, from the loaded rows, in the transaction of the last page.
//
// Crash safety: a `_meta` flag `initialSync` is set in the transaction of the first page and cleared in the
// transaction of the last one, together with the rebuild and a full `PRAGMA foreign_key_check` (which fails the
// last page loudly, rolling it back). Dropped indexes are recorded in `_meta` in the transaction that drops them
// and recreated when the database is next opened, should the desk stop before the end. Each page commits its rows and its cookie atomically, so an interrupted
// initial sync resumes at the next page (the flag keeps the bulk path on); until the flag is cleared the replica is
// never taken as complete (`initialSyncIncomplete`). Pages may commit a child before its parent (the hub keeps
// only a row's latest version, so a parent updated later comes in a later page): that is why the foreign keys
// are checked once, at the end, not per page.
//
// Eligible: a desk that never pulled (cookie null) with an empty outbox, or one already in an initial sync.
import type Database from 'better-sqlite3';
import { replicatedTableNames } from '../../../shared/db/registry';
import type { PullResponse, TableRows } from '../../../shared/sync/protocol';
import { tableAccess, type Row, type TableAccess } from '../../../shared/sync/rows';
import { rebuildSearchIndex } from '../families/searchIndex';
import { rebuildSlotCounts } from '../reservations/slotCounts';
import { getCookie, pendingCount } from './state';

const FLAG = 'initialSync';
/** Bound parameters per multi-row statement (SQLite allows 32,766). */
const MAX_PARAMS = 8000;
const MAX_ROWS_PER_STATEMENT = 500;

/** Local triggers that only maintain derived data or the undo log; rebuilt (or not needed) after a bulk load. */
const DERIVED_TRIGGERS = [/^_undo_/, /^_search_/, /^_slot_counts_/];

/** `_meta` key: the secondary indexes dropped for the load (JSON `{ name, sql }[]`), to recreate. */
const DROPPED_INDEXES = 'initialSyncIndexes';

export class InitialSyncError extends Error {}

export function initialSyncIncomplete(sqlite: Database.Database): boolean {
  return sqlite.prepare('SELECT 1 FROM _meta WHERE key = ?').get(FLAG) !== undefined;
}

/** Whether the next pull should take the bulk path (see the header). */
export function wantsInitialSync(sqlite: Database.Database): boolean {
  if (initialSyncIncomplete(sqlite)) return true;
  return getCookie(sqlite) === null && pendingCount(sqlite) === 0;
}

export function markInitialSync(sqlite: Database.Database): void {
  sqlite.prepare(`INSERT INTO _meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING`).run(FLAG);
}

/** Runs `apply` with the derived-data triggers dropped, then recreates them as they were (same transaction). */
export function withoutDerivedTriggers(sqlite: Database.Database, apply: () => void): void {
  const triggers = (
    sqlite.prepare(`SELECT name, tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger'`).all() as {
      name: string;
      tableName: string;
      sql: string;
    }[]
  ).filter((t) => replicatedTableNames.includes(t.tableName) && DERIVED_TRIGGERS.some((p) => p.test(t.name)));
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
  apply();
  for (const t of triggers) sqlite.exec(t.sql);
}

/**
 * Drops the non-unique indexes of the replicated tables for the load (inserting into five indexes of `bookings` at
 * random places costs more than sorting them once at the end), recording their SQL in `_meta` in the same
 * transaction. Unique indexes stay: their constraints keep being enforced. `restoreDroppedIndexes` puts them back
 * at the end of the initial sync, and when the database is opened (before migrations) if a crash left them dropped.
 */
export function dropSecondaryIndexes(sqlite: Database.Database): void {
  const indexes = (
    sqlite
      .prepare(
        `SELECT name, tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
      )
      .all() as { name: string; tableName: string; sql: string }[]
  ).filter((i) => replicatedTableNames.includes(i.tableName) && !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql));
  if (indexes.length === 0) return;
  const saved = droppedIndexes(sqlite);
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  sqlite
    .prepare('INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(DROPPED_INDEXES, JSON.stringify([...saved, ...indexes.map(({ name, sql }) => ({ name, sql }))]));
}

function droppedIndexes(sqlite: Database.Database): { name: string; sql: string }[] {
  const row = sqlite.prepare('SELECT value FROM _meta WHERE key = ?').get(DROPPED_INDEXES) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { name: string; sql: string }[]) : [];
}

/** Recreates the indexes `dropSecondaryIndexes` dropped, if any. Safe on any database (no `_meta` yet: nothing). */
export function restoreDroppedIndexes(sqlite: Database.Database): void {
  if (!sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_meta'`).get()) return;
  const saved = droppedIndexes(sqlite);
  if (saved.length === 0) return;
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`);
  sqlite.transaction(() => {
    for (const index of saved) if (!exists.get(index.name)) sqlite.exec(index.sql);
    sqlite.prepare('DELETE FROM _meta WHERE key = ?').run(DROPPED_INDEXES);
  })();
}

interface BulkStatements {
  access: TableAccess;
  perStatement: number;
  full: Database.Statement;
  partial: Map<number, Database.Statement>;
}

const statementCache = new WeakMap<Database.Database, Map<string, BulkStatements>>();

function multiUpsert(sqlite: Database.Database, access: TableAccess, rows: number): Database.Statement {
  const list = access.columns.map((c) => `"${c}"`).join(', ');
  const tuple = `(${access.columns.map(() => '?').join(', ')})`;
  const updates = access.columns
    .filter((c) => c !== 'id')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');
  return sqlite.prepare(
    `INSERT INTO "${access.name}" (${list}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}
     ON CONFLICT (id) DO UPDATE SET ${updates}`,
  );
}

function bulkStatements(sqlite: Database.Database, table: string): BulkStatements {
  let cache = statementCache.get(sqlite);
  if (!cache) statementCache.set(sqlite, (cache = new Map()));
  let statements = cache.get(table);
  // Prepared statements are tied to the table shape of `tableAccess` (forgotten after a migration).
  const access = tableAccess(sqlite).get(table)!;
  if (!statements || statements.access !== access) {
    const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / access.columns.length)));
    statements = { access, perStatement, full: multiUpsert(sqlite, access, perStatement), partial: new Map() };
    cache.set(table, statements);
  }
  return statements;
}

/**
 * Applies a page of hub changes with multi-row upserts: tombstones first, then rows table by table. Runs inside the
 * caller's transaction, with the foreign keys off (pages may hold a child before its parent).
 */
export function applyChangesBulk(sqlite: Database.Database, changes: PullResponse['changes']): void {
  const tables = tableAccess(sqlite);
  const byTable = new Map<string, PullResponse['changes']>();
  for (const change of changes) {
    if (!tables.has(change.table)) continue;
    if (change.row === null) {
      tables.get(change.table)!.remove.run(change.id);
      continue;
    }
    const list = byTable.get(change.table);
    if (list) list.push(change);
    else byTable.set(change.table, [change]);
  }
  for (const table of replicatedTableNames) {
    const list = byTable.get(table);
    if (!list) continue;
    const statements = bulkStatements(sqlite, table);
    const { columns } = statements.access;
    const width = columns.length;
    for (let start = 0; start < list.length; start += statements.perStatement) {
      const count = Math.min(statements.perStatement, list.length - start);
      const values: (string | number | null)[] = new Array(count * width);
      for (let i = 0; i < count; i++) {
        const row = list[start + i]!.row!;
        for (let c = 0; c < width; c++) values[i * width + c] = row[columns[c]!] ?? null;
      }
      statementFor(sqlite, statements, count).run(values);
    }
  }
}

/**
 * Applies the `tables` part of a page (rows as arrays in the hub's column order) with multi-row upserts. A desk
 * column the hub does not send is null (as `bindable` does); a hub column the desk does not have is dropped.
 */
export function applyTablesBulk(sqlite: Database.Database, tables: TableRows[]): void {
  const order = new Map(replicatedTableNames.map((name, i) => [name, i]));
  const known = tables.filter((t) => order.has(t.table)).sort((a, b) => order.get(a.table)! - order.get(b.table)!);
  for (const { table, columns: hubColumns, rows } of known) {
    const statements = bulkStatements(sqlite, table);
    const { columns } = statements.access;
    const width = columns.length;
    const source = columns.map((c) => hubColumns.indexOf(c));
    for (let start = 0; start < rows.length; start += statements.perStatement) {
      const count = Math.min(statements.perStatement, rows.length - start);
      const values: (string | number | null)[] = new Array(count * width);
      for (let i = 0; i < count; i++) {
        const row = rows[start + i]!;
        for (let c = 0; c < width; c++) {
          const from = source[c]!;
          values[i * width + c] = from < 0 ? null : (row[from] ?? null);
        }
      }
      statementFor(sqlite, statements, count).run(values);
    }
  }
}

function statementFor(sqlite: Database.Database, statements: BulkStatements, count: number): Database.Statement {
  if (count === statements.perStatement) return statements.full;
  let statement = statements.partial.get(count);
  if (!statement) statements.partial.set(count, (statement = multiUpsert(sqlite, statements.access, count)));
  return statement;
}

/** The `tables` part of a page as row changes, for the normal rebase. */
export function tablesAsChanges(tables: TableRows[]): PullResponse['changes'] {
  const changes: PullResponse['changes'] = [];
  for (const { table, columns, rows } of tables) {
    for (const cells of rows) {
      const row: Row = {};
      columns.forEach((c, i) => (row[c] = cells[i] ?? null));
      changes.push({ table, id: String(row.id), version: 0, row });
    }
  }
  return changes;
}

/**
 * The end of an initial sync, in the transaction of its last page: the dropped indexes recreated, every foreign
 * key checked once (any dangling row fails the page and leaves the initial sync incomplete), the search index and
 * slot counters rebuilt from the loaded rows, the flag cleared.
 */
export function finishInitialSync(sqlite: Database.Database): void {
  restoreDroppedIndexes(sqlite);
  const broken = sqlite.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new InitialSyncError(
      `Initial sync: ${broken.length} rows reference missing rows (first: ${first.table} → ${first.parent}).`,
    );
  }
  rebuildSlotCounts(sqlite);
  rebuildSearchIndex(sqlite);
  sqlite.prepare('DELETE FROM _meta WHERE key = ?').run(FLAG);
}
