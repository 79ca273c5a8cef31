// The desk's sync state, kept in local tables of its own database: the cookie (last hub version applied), the
// hub connection, and the hub's verdicts on our commands (for the sync panel).
import type Database from 'better-sqlite3';

export function installSyncState(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _sync_outcomes (
      command_id TEXT PRIMARY KEY,
      mutation_id INTEGER NOT NULL,
      name TEXT NOT NULL,
      status TEXT NOT NULL,
      message TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
  `);
}

function getMeta(sqlite: Database.Database, key: string): string | undefined {
  return (sqlite.prepare('SELECT value FROM _meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function setMeta(sqlite: Database.Database, key: string, value: string | null): void {
  if (value === null) sqlite.prepare('DELETE FROM _meta WHERE key = ?').run(key);
  else
    sqlite
      .prepare('INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
}

export function getCookie(sqlite: Database.Database): number | null {
  const value = getMeta(sqlite, 'cookie');
  return value === undefined ? null : Number(value);
}

export function setCookie(sqlite: Database.Database, cookie: number): void {
  setMeta(sqlite, 'cookie', String(cookie));
}

export interface HubConnection {
  url: string;
  deskId: string;
  deskName: string;
  commune: string;
}

export function getHubConnection(sqlite: Database.Database): HubConnection | undefined {
  const value = getMeta(sqlite, 'hub');
  return value ? (JSON.parse(value) as HubConnection) : undefined;
}

export function setHubConnection(sqlite: Database.Database, hub: HubConnection | null): void {
  setMeta(sqlite, 'hub', hub && JSON.stringify(hub));
}

export function pendingCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM _outbox').get() as { n: number }).n;
}
