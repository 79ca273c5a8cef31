// Replicated rows as they travel: plain JSON objects keyed by SQLite column names, read and written with
// prepared statements built from the live table shape (pragma table_xinfo), so that a migration that adds a
// column needs no change here. Used by the hub (read changed rows) and the desks (apply pulled rows, undo).
// Writes are `INSERT … ON CONFLICT (id) DO UPDATE`, never INSERT OR REPLACE (which would lose before-images and
// cascade-delete children).
import type Database from 'better-sqlite3';
import { replicatedTableNames } from '../db/registry';

export type Row = Record<string, string | number | null>;

export interface TableAccess {
  name: string;
  columns: string[];
  select: Database.Statement;
  selectMany: Database.Statement;
  upsert: Database.Statement;
  remove: Database.Statement;
}

const cache = new WeakMap<Database.Database, Map<string, TableAccess>>();

export function columnsOf(sqlite: Database.Database, table: string): string[] {
  const columns = sqlite.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0').all(table) as { name: string }[];
  return columns.map((c) => c.name);
}

/** Prepared access to every replicated table. Call `forgetTables` after a migration. */
export function tableAccess(sqlite: Database.Database): Map<string, TableAccess> {
  let tables = cache.get(sqlite);
  if (tables) return tables;
  tables = new Map();
  for (const name of replicatedTableNames) {
    const columns = columnsOf(sqlite, name);
    const list = columns.map((c) => `"${c}"`).join(', ');
    const params = columns.map((c) => `@${c}`).join(', ');
    const updates = columns
      .filter((c) => c !== 'id')
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', ');
    tables.set(name, {
      name,
      columns,
      select: sqlite.prepare(`SELECT ${list} FROM "${name}" WHERE id = ?`),
      selectMany: sqlite.prepare(`SELECT ${list} FROM "${name}" WHERE id IN (SELECT value FROM json_each(?))`),
      upsert: sqlite.prepare(`INSERT INTO "${name}" (${list}) VALUES (${params}) ON CONFLICT (id) DO UPDATE SET ${updates}`),
      remove: sqlite.prepare(`DELETE FROM "${name}" WHERE id = ?`),
    });
  }
  cache.set(sqlite, tables);
  return tables;
}

export function forgetTables(sqlite: Database.Database): void {
  cache.delete(sqlite);
}

/** Fills absent columns with null so that a row from an older replica still binds every parameter. */
export function bindable(access: TableAccess, row: Row): Row {
  const out: Row = {};
  for (const column of access.columns) out[column] = row[column] ?? null;
  return out;
}
