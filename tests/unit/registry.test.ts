import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDeskDatabase } from '../../src/main/desk/db';
import { isLocalTableName, replicatedTableNames } from '../../src/shared/db/registry';

describe('replicated table registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-registry-'));
  const { sqlite } = openDeskDatabase(join(dir, 'desk.db'));
  const tables = sqlite.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`).all() as {
    name: string;
    strict: number;
  }[];
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  it('every table is either registered for sync or visibly local', () => {
    const unknown = tables.filter((t) => !isLocalTableName(t.name) && !replicatedTableNames.includes(t.name));
    expect(unknown.map((t) => t.name)).toEqual([]);
  });

  it('every registered table exists and is STRICT', () => {
    for (const name of replicatedTableNames) {
      expect(tables.find((t) => t.name === name), name).toMatchObject({ strict: 1 });
    }
  });

  it('no replicated table uses AUTOINCREMENT or a non-text primary key', () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'guichet-registry-'));
    const db = openDeskDatabase(join(dir2, 'desk.db')).sqlite;
    for (const name of replicatedTableNames) {
      const pk = db.prepare(`SELECT name, type FROM pragma_table_info(?) WHERE pk > 0`).all(name) as { name: string; type: string }[];
      expect(pk, name).toEqual([{ name: 'id', type: 'TEXT' }]);
      const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string }).sql;
      expect(sql, name).not.toMatch(/AUTOINCREMENT/i);
    }
    db.close();
    rmSync(dir2, { recursive: true, force: true });
  });
});
