// The undo log: before-images of every replicated row a local command touches, captured by triggers into
// `_undo`, so that a rebase can put the replica back to the last state pulled from the hub before applying
// newer hub rows and re-running the still-pending commands.
// Capture is on only while `_capture.on = 1` (a flag row in the same database, so it is transactional and a
// crash can never leave it half-set): the runner turns it on for a connected desk; the rebase turns it off
// while it applies pulled rows. Triggers are rebuilt at every start (after migrations) from the live columns.
import type Database from 'better-sqlite3';
import { replicatedTableNames } from '../../../shared/db/registry';
import { columnsOf } from '../../../shared/sync/rows';

export function installCapture(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _undo (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      table_name TEXT NOT NULL,
      row_id TEXT NOT NULL,
      op TEXT NOT NULL,
      before TEXT
    );
    CREATE TABLE IF NOT EXISTS _capture (id INTEGER PRIMARY KEY CHECK (id = 1), "on" INTEGER NOT NULL) STRICT;
    INSERT INTO _capture (id, "on") VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
  `);
  sqlite.transaction(() => {
    for (const table of replicatedTableNames) {
      const image = (row: 'OLD') =>
        `json_object(${columnsOf(sqlite, table)
          .map((c) => `'${c}', ${row}."${c}"`)
          .join(', ')})`;
      const when = `WHEN (SELECT "on" FROM _capture WHERE id = 1) = 1`;
      const record = (op: string, rowId: string, before: string) =>
        `INSERT INTO _undo (table_name, row_id, op, before) VALUES ('${table}', ${rowId}, '${op}', ${before});`;
      sqlite.exec(`
        DROP TRIGGER IF EXISTS _undo_${table}_ai;
        DROP TRIGGER IF EXISTS _undo_${table}_au;
        DROP TRIGGER IF EXISTS _undo_${table}_ad;
        CREATE TRIGGER _undo_${table}_ai AFTER INSERT ON "${table}" ${when} BEGIN ${record('insert', 'NEW.id', 'NULL')} END;
        CREATE TRIGGER _undo_${table}_au AFTER UPDATE ON "${table}" ${when} BEGIN ${record('update', 'OLD.id', image('OLD'))} END;
        CREATE TRIGGER _undo_${table}_ad AFTER DELETE ON "${table}" ${when} BEGIN ${record('delete', 'OLD.id', image('OLD'))} END;
      `);
    }
  })();
}

export function setCapture(sqlite: Database.Database, on: boolean): void {
  sqlite.prepare(`UPDATE _capture SET "on" = ? WHERE id = 1`).run(on ? 1 : 0);
}

export function isCapturing(sqlite: Database.Database): boolean {
  return (sqlite.prepare(`SELECT "on" AS v FROM _capture WHERE id = 1`).get() as { v: number }).v === 1;
}
