// The hub's database: the same migrations as every desk (one schema), plus hub-only tables (prefixed `_hub`,
// never replicated): the version counter, the version of every replicated row (tombstones included), desks
// and their clients, and the verdict on every mutation. Row versions are stamped by triggers, so whatever
// writes a replicated table (a desk's command, a parent's, a script) is seen by the next pull.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from '../shared/commands/types';
import * as schema from '../shared/db/schema';
import { replicatedTableNames } from '../shared/db/registry';
import { defaultMigrationsFolder, openSqlite } from '../main/desk/db';
import { installSlotCounts } from '../main/desk/reservations/slotCounts';
import { installParentAccounts } from './parents/accounts';

export interface HubDatabase {
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

export function openHubDatabase(dataDir: string, migrationsFolder = defaultMigrationsFolder()): HubDatabase {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = openSqlite(join(dataDir, 'hub.db'));
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _hub_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, commune TEXT NOT NULL) STRICT;
    INSERT INTO _hub_state (id, version, commune) VALUES (1, 0, 'Commune') ON CONFLICT (id) DO NOTHING;
    CREATE TABLE IF NOT EXISTS _hub_row_versions (
      table_name TEXT NOT NULL, row_id TEXT NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
      PRIMARY KEY (table_name, row_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS _hub_row_versions_version ON _hub_row_versions (version);
    CREATE TABLE IF NOT EXISTS _hub_desks (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, code_hash TEXT, code_expires_at TEXT,
      token_hash TEXT UNIQUE, enrolled_at TEXT, revoked_at TEXT, created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS _hub_clients (
      client_id TEXT PRIMARY KEY, desk_id TEXT NOT NULL REFERENCES _hub_desks (id), last_mutation_id INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS _hub_outcomes (
      client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL, command_id TEXT NOT NULL, name TEXT NOT NULL,
      status TEXT NOT NULL, message TEXT NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL,
      PRIMARY KEY (client_id, mutation_id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS _hub_outcomes_version ON _hub_outcomes (client_id, version);
  `);
  installVersionTriggers(sqlite);
  // Places taken per (unit, group, day), for the parents' calendars (same derived table as on desks).
  installSlotCounts(sqlite);
  installParentAccounts(sqlite);
  return { sqlite, db, close: () => sqlite.close() };
}

function installVersionTriggers(sqlite: Database.Database): void {
  const stamp = (table: string, row: 'NEW' | 'OLD', deleted: 0 | 1) => `
    INSERT INTO _hub_row_versions (table_name, row_id, version, deleted)
    VALUES ('${table}', ${row}.id, (SELECT version FROM _hub_state WHERE id = 1), ${deleted})
    ON CONFLICT (table_name, row_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted;`;
  sqlite.transaction(() => {
    for (const table of replicatedTableNames) {
      sqlite.exec(`
        CREATE TRIGGER IF NOT EXISTS _hub_v_${table}_ai AFTER INSERT ON "${table}" BEGIN ${stamp(table, 'NEW', 0)} END;
        CREATE TRIGGER IF NOT EXISTS _hub_v_${table}_au AFTER UPDATE ON "${table}" BEGIN ${stamp(table, 'NEW', 0)} END;
        CREATE TRIGGER IF NOT EXISTS _hub_v_${table}_ad AFTER DELETE ON "${table}" BEGIN ${stamp(table, 'OLD', 1)} END;
      `);
    }
  })();
}

/** Starts a new hub version (one per applied mutation); call inside the write transaction. */
export function bumpVersion(sqlite: Database.Database): number {
  return (
    sqlite.prepare('UPDATE _hub_state SET version = version + 1 WHERE id = 1 RETURNING version').get() as { version: number }
  ).version;
}

export function hubVersion(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT version FROM _hub_state WHERE id = 1').get() as { version: number }).version;
}

export function communeName(sqlite: Database.Database): string {
  return (sqlite.prepare('SELECT commune FROM _hub_state WHERE id = 1').get() as { commune: string }).commune;
}

export function setCommuneName(sqlite: Database.Database, name: string): void {
  sqlite.prepare('UPDATE _hub_state SET commune = ? WHERE id = 1').run(name);
}
