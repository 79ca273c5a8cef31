// Opens a desk database: pragmas, generated migrations, local tables (outbox, meta) and the search index.
// Local-only tables start with `_` and are never replicated.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../shared/db/schema';
import type { Db } from '../../shared/commands/types';
import { installSearchIndex } from './families/searchIndex';
import { installSlotCounts } from './reservations/slotCounts';
import { installCapture } from './sync/capture';
import { restoreDroppedIndexes } from './sync/initial';
import { installSyncState } from './sync/state';

export interface DeskDatabase {
  sqlite: Database.Database;
  db: Db;
  /** Random id of this database, regenerated whenever the database is recreated (sync identity). */
  clientId: string;
}

/** The `drizzle/` folder of the source tree or the app (searched upwards from this module). */
export function defaultMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'drizzle', 'meta', '_journal.json'))) return join(dir, 'drizzle');
    dir = dirname(dir);
  }
  throw new Error('Migrations folder (drizzle/) not found');
}

export function openSqlite(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function openDeskDatabase(file: string, migrationsFolder = defaultMigrationsFolder()): DeskDatabase {
  const sqlite = openSqlite(file);
  const db = drizzle(sqlite, { schema });
  // An initial sync interrupted by a crash may have left secondary indexes dropped: back before migrations.
  restoreDroppedIndexes(sqlite);
  migrate(db, { migrationsFolder });
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    -- Pending commands, in order. AUTOINCREMENT: mutation ids keep increasing after acknowledged rows go.
    -- captured = 1 when the undo log holds the command's before-images (see sync/capture.ts).
    CREATE TABLE IF NOT EXISTS _outbox (
      mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
      command_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      args TEXT NOT NULL,
      created_at TEXT NOT NULL,
      actor TEXT NOT NULL,
      captured INTEGER NOT NULL DEFAULT 0,
      local_error TEXT
    );
  `);
  sqlite
    .prepare(`INSERT INTO _meta (key, value) VALUES ('clientId', @value) ON CONFLICT (key) DO NOTHING`)
    .run({ value: randomUUID() });
  const { value: clientId } = sqlite.prepare(`SELECT value FROM _meta WHERE key = 'clientId'`).get() as { value: string };
  installSearchIndex(sqlite);
  installSlotCounts(sqlite);
  installCapture(sqlite);
  installSyncState(sqlite);
  return { sqlite, db, clientId };
}
