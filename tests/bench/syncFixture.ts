// A real hub on 127.0.0.1 holding the 8,000-household commune with its school year of bookings, shared by the
// sync and hub scenarios of one bench run (built once, closed by the runner at the end), and desks around it.
//
// The hub database is the desk dataset file itself, copied into the hub's data dir: the replicated tables are
// one schema on desk and hub, so the rows are exactly those a standalone desk would upload. Desk-only objects
// (outbox, undo log, search index, slot counters and their triggers) are dropped, openHubDatabase adds the hub
// tables and triggers, and every row is stamped with its own hub version, parents' tables first (registry
// order), as if each row had come in its own mutation. A standalone desk's upload would replay ~40,000
// commands and cannot carry the school year's bookings, which were not written through commands.
//
// Desks that start "in sync" (for the round trip and the push throughput) are copies of the same dataset file
// made into fresh replicas: new client id, empty outbox restarting at mutation 1, a device token enrolled with
// the hub, undo capture on, and the cookie set to the version the hub had when it was built. A first pull (not
// timed) brings anything written since. Only the initial-sync scenario pays for a full download.
import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { replicatedTableNames } from '../../src/shared/db/registry';
import { openHubDatabase, setCommuneName } from '../../src/portal/hubDb';
import { buildHub } from '../../src/portal/server';
import { createEnrolmentCode } from '../../src/portal/sync/desks';
import { benchClock, demoDatabase, type BenchDatabase } from './datasets';
import { onBenchEnd } from './teardown';

export interface SyncFixture {
  dataset: BenchDatabase;
  url: string;
  hubSqlite: Database.Database;
  /** Rows stamped into the hub (one version each): what an empty desk downloads. */
  stampedRows: number;
  /** The hub's version right after stamping: the cookie of desks cloned from the dataset. */
  baseVersion: number;
  /** Seconds to make the hub database from the dataset (copy, clean, stamp) and start the server. */
  buildSeconds: number;
  enrolmentCode(name: string): string;
  /** A desk already in sync with the hub (a prepared copy of the dataset), not yet pulled. */
  cloneDesk(name: string): Promise<BenchDesk>;
  /** An empty desk connected to the hub (nothing pulled yet). */
  emptyDesk(name: string): Promise<BenchDesk>;
}

export interface BenchDesk {
  core: DeskCore;
  dir: string;
  token: string;
  close(): Promise<void>;
}

let shared: Promise<SyncFixture> | undefined;

/** The bench run's hub (built on first use). */
export function syncFixture(): Promise<SyncFixture> {
  shared ??= buildFixture();
  return shared;
}

async function buildFixture(): Promise<SyncFixture> {
  const dataset = demoDatabase(8000, { cache: true, bookings: 'schoolYear' });
  const started = performance.now();
  dataset.core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const hubDir = mkdtempSync(join(tmpdir(), 'guichet-bench-hub-'));
  copyFileSync(dataset.file, join(hubDir, 'hub.db'));

  const raw = new Database(join(hubDir, 'hub.db'));
  raw.pragma('journal_mode = WAL');
  const local = raw
    .prepare(
      `SELECT type, name FROM sqlite_master WHERE (type = 'trigger') OR (type = 'table' AND name LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\')`,
    )
    .all() as { type: string; name: string }[];
  raw.transaction(() => {
    for (const t of local.filter((o) => o.type === 'trigger')) raw.exec(`DROP TRIGGER IF EXISTS "${t.name}"`);
    // The FTS table first: dropping it drops its shadow tables.
    for (const t of local
      .filter((o) => o.type === 'table')
      .sort((a, b) => (a.name === '_search' ? -1 : b.name === '_search' ? 1 : 0)))
      raw.exec(`DROP TABLE IF EXISTS "${t.name}"`);
  })();
  raw.close();

  const hubDb = openHubDatabase(hubDir);
  let version = 0;
  hubDb.sqlite.transaction(() => {
    for (const table of replicatedTableNames) {
      version += hubDb.sqlite
        .prepare(
          `INSERT INTO _hub_row_versions (table_name, row_id, version, deleted)
           SELECT ?, id, ? + row_number() OVER (ORDER BY rowid), 0 FROM "${table}"`,
        )
        .run(table, version).changes;
    }
    hubDb.sqlite.prepare('UPDATE _hub_state SET version = ? WHERE id = 1').run(version);
    setCommuneName(hubDb.sqlite, 'Aiffres');
  })();
  hubDb.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  hubDb.close();

  const { app, hub } = await buildHub({ dataDir: hubDir, clock: benchClock });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const desks: BenchDesk[] = [];
  onBenchEnd(async () => {
    for (const desk of desks) await desk.close().catch(() => {});
    await app.close();
    dataset.close();
    rmSync(hubDir, { recursive: true, force: true });
  });
  const enrolmentCode = (name: string) => createEnrolmentCode(hub.sqlite, name, benchClock()).code;

  const openDesk = (dir: string, token: string): BenchDesk => {
    const core = openDeskCore({ dataDir: dir, autoSync: false, clock: benchClock });
    const desk: BenchDesk = {
      core,
      dir,
      token,
      async close() {
        await core.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    desks.push(desk);
    return desk;
  };

  return {
    dataset,
    url,
    hubSqlite: hub.sqlite,
    stampedRows: version,
    baseVersion: version,
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
    enrolmentCode,
    async emptyDesk(name) {
      const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-desk-'));
      const desk = openDesk(dir, '');
      const connected = await desk.core.connect({ hubUrl: url, code: enrolmentCode(name) });
      if (!connected.ok) throw new Error(`desk ${name} could not connect: ${connected.message}`);
      return desk;
    },
    async cloneDesk(name) {
      const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-desk-'));
      copyFileSync(dataset.file, join(dir, 'desk.db'));
      const response = await fetch(new URL('/api/desks/enroll', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: enrolmentCode(name), deskHasData: false }),
      });
      const enrolled = (await response.json()) as {
        token: string;
        deskId: string;
        deskName: string;
        commune: string;
        message?: string;
      };
      if (!response.ok) throw new Error(`desk ${name} could not enrol: ${enrolled.message}`);
      writeFileSync(join(dir, 'device-token'), enrolled.token, { mode: 0o600 });
      chmodSync(join(dir, 'device-token'), 0o600);
      const db = new Database(join(dir, 'desk.db'));
      db.transaction(() => {
        db.exec(
          `DELETE FROM _outbox; DELETE FROM _undo; DELETE FROM sqlite_sequence WHERE name = '_outbox'; UPDATE _capture SET "on" = 1 WHERE id = 1;`,
        );
        const meta = db.prepare(
          'INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        );
        meta.run('clientId', randomUUID());
        meta.run('cookie', String(version));
        meta.run(
          'hub',
          JSON.stringify({
            url: new URL(url).origin,
            deskId: enrolled.deskId,
            deskName: enrolled.deskName,
            commune: enrolled.commune,
          }),
        );
      })();
      db.close();
      return openDesk(dir, enrolled.token);
    },
  };
}
