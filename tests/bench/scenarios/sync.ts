// sync.initial_ms and sync.roundtrip_ms, against a real hub on 127.0.0.1 holding the 8,000-household commune and
// its school year of bookings (tests/bench/syncFixture.ts says how the hub database is made).
// - Initial sync: an empty desk connects and downloads everything through HTTP with gzip, by the client's bulk
//   path (src/main/desk/sync/initial.ts: pages of the client's default initial size in the `tables` format, each
//   applied in one transaction with multi-row upserts, derived-data triggers and non-unique indexes off; indexes,
//   foreign-key check, search index and slot counters done once with the last page). Compared with a bare bulk
//   insert of the same rows into an empty SQLite file (same schema, no triggers, one transaction).
// - Round trip: one booking on desk A, then A's sync (push + pull) and B's (pull) until B has the row; two desks
//   already in sync, on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { defaultStaffActor, type DeskCore } from '../../../src/main/desk/core';
import { defaultMigrationsFolder, openSqlite } from '../../../src/main/desk/db';
import { SeededRandom } from '../../../src/main/desk/demo/seededRandom';
import { replicatedTableNames } from '../../../src/shared/db/registry';
import { addDays } from '../../../src/shared/domain/dates';
import { columnsOf } from '../../../src/shared/sync/rows';
import { nowNs, nsToMs, percentileNs, round, rssMb } from '../measure';
import { syncFixture, type SyncFixture } from '../syncFixture';
import type { BenchResult, Scenario } from '../types';

const ROUND_TRIPS = 50;
const WARM_UP = 3;
const caller = { actor: defaultStaffActor };

export const syncScenario: Scenario = {
  name: 'sync',
  async run(): Promise<BenchResult[]> {
    const fixture = await syncFixture();
    return [await initialSync(fixture), await roundTrip(fixture)];
  },
};

async function initialSync(fixture: SyncFixture): Promise<BenchResult> {
  // The floor first: run after the download, its long synchronous insert (over a minute on a loaded machine)
  // outlived the hub's keep-alive timeout, and the round trip's first request then went out on a socket the
  // server was closing (ECONNRESET).
  const bulk = bareBulkInsert(fixture);
  await new Promise((resolve) => setTimeout(resolve, 10));
  const desk = await fixture.emptyDesk('Poste neuf');
  const sync = desk.core.sync!;
  const cpu = process.cpuUsage();
  const start = nowNs();
  await sync.syncNow();
  const ns = Number(nowNs() - start);
  const used = process.cpuUsage(cpu);
  const status = sync.status();
  if (status.state !== 'online') throw new Error(`initial sync failed: ${status.lastError}`);
  const count = (sqlite: DeskCore['store']['sqlite']) =>
    (sqlite.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n;
  const bookings = count(desk.core.store.sqlite);
  if (bookings !== count(fixture.hubSqlite)) throw new Error('the new desk does not have every booking');
  const rows = fixture.stampedRows;
  // Derived data rebuilt at the end of the bulk load: as many documents as households, counters for the bookings.
  const one = (sql: string) => (desk.core.store.sqlite.prepare(sql).get() as { n: number }).n;
  const searchDocuments = one('SELECT count(*) AS n FROM _search_map');
  const slotCounters = one('SELECT count(*) AS n FROM _slot_counts');
  if (searchDocuments !== one('SELECT count(*) AS n FROM households')) throw new Error('search index incomplete');
  if (slotCounters === 0) throw new Error('slot counters missing');
  await desk.close();
  await new Promise((resolve) => setTimeout(resolve, 10));
  return {
    name: 'sync.initial_ms',
    value: Math.round(nsToMs(ns)),
    unit: 'ms',
    target: 30_000,
    better: 'lower',
    rows,
    bookings,
    rows_per_s: Math.round(rows / (ns / 1e9)),
    cpu_s: round((used.user + used.system) / 1e6, 1),
    bare_bulk_insert_ms: Math.round(nsToMs(bulk)),
    ratio_to_bare_bulk_insert: round(ns / bulk, 1),
    hub_build_s: fixture.buildSeconds,
    dataset_build_s: fixture.dataset.seedSeconds,
    hub_note:
      'Hub database = the desk dataset file copied into the hub data dir, desk-only tables and triggers dropped, ' +
      'opened with openHubDatabase, one hub version stamped per row (parents first); hub and desk in this process.',
    dataset_note: fixture.dataset.note,
    load_average_1m: round(loadavg()[0]!, 1),
    rss_mb: rssMb(),
    /** Peak resident set of the bench process so far (hub and desk share it). */
    peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    search_documents: searchDocuments,
    slot_counters: slotCounters,
  };
}

/** The same rows, read from the hub's file and inserted into an empty database with the schema only. */
function bareBulkInsert(fixture: SyncFixture): number {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-bulk-'));
  const target = openSqlite(join(dir, 'bulk.db'));
  try {
    migrate(drizzle(target), { migrationsFolder: defaultMigrationsFolder() });
    const start = nowNs();
    target.transaction(() => {
      for (const table of replicatedTableNames) {
        const columns = columnsOf(fixture.hubSqlite, table);
        const list = columns.map((c) => `"${c}"`).join(', ');
        const insert = target.prepare(`INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const row of fixture.hubSqlite.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate())
          insert.run(row as unknown[]);
      }
    })();
    return Number(nowNs() - start);
  } finally {
    target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function roundTrip(fixture: SyncFixture): Promise<BenchResult> {
  const a = await fixture.cloneDesk('Poste A');
  const b = await fixture.cloneDesk('Poste B');
  await a.core.sync!.syncNow();
  await b.core.sync!.syncNow();
  const requests = await freshBookingRequests(a.core, ROUND_TRIPS + WARM_UP, 21);
  const seenOnB = b.core.store.sqlite.prepare('SELECT status FROM bookings WHERE id = ?');
  const samples: number[] = [];
  const localSamples: number[] = [];
  for (const [i, request] of requests.entries()) {
    let start = nowNs();
    const result = (await a.core.dispatch('booking.book', request, caller)) as {
      ok: boolean;
      value: { items: { bookingId: string }[] };
    };
    const localNs = Number(nowNs() - start);
    if (!result.ok) throw new Error(`booking refused: ${JSON.stringify(result)}`);
    const bookingId = result.value.items[0]!.bookingId;
    start = nowNs();
    await a.core.sync!.syncNow();
    await b.core.sync!.syncNow();
    const ns = Number(nowNs() - start);
    if (!seenOnB.get(bookingId)) throw new Error('desk B did not receive the booking');
    if (i < WARM_UP) continue;
    samples.push(ns);
    localSamples.push(localNs);
  }
  await a.close();
  await b.close();
  return {
    name: 'sync.roundtrip_ms',
    value: nsToMs(percentileNs(samples, 0.5)),
    unit: 'ms',
    target: 100,
    better: 'lower',
    p50_ms: nsToMs(percentileNs(samples, 0.5)),
    p99_ms: nsToMs(percentileNs(samples, 0.99)),
    max_ms: nsToMs(percentileNs(samples, 1)),
    round_trips: samples.length,
    local_booking_p50_ms: nsToMs(percentileNs(localSamples, 0.5)),
    note: 'From the booking committed on desk A to desk B having it: A pushes and pulls, B pulls (loopback, gzip).',
    load_average_1m: round(loadavg()[0]!, 1),
    rss_mb: rssMb(),
  };
}

/**
 * Bookings nobody made yet: a morning at the accueil périscolaire, on a coming open day, for a child enrolled there
 * who is not booked that morning — one request per child and day.
 */
export async function freshBookingRequests(core: DeskCore, count: number, seed: number) {
  const sqlite = core.store.sqlite;
  const activity = sqlite.prepare(`SELECT id FROM activities WHERE kind = 'periscolaire'`).get() as { id: string };
  const matin = sqlite
    .prepare('SELECT id FROM activity_units WHERE activity_id = ? ORDER BY position LIMIT 1')
    .get(activity.id) as { id: string };
  const today = core.clock().toISOString().slice(0, 10);
  const open = (
    (await core.dispatch(
      'activities.openDates',
      { activityId: activity.id, from: addDays(today, 7), to: addDays(today, 90) },
      caller,
    )) as { date: string }[]
  ).map((d) => d.date);
  const enrolled = sqlite
    .prepare(
      `SELECT e.child_id AS childId, (SELECT household_id FROM household_children hc WHERE hc.child_id = e.child_id ORDER BY hc.created_at, hc.id LIMIT 1) AS householdId
       FROM enrolments e WHERE e.activity_id = ? AND e.from_date <= ? AND e.to_date >= ? ORDER BY e.child_id`,
    )
    .all(activity.id, open[0], open[open.length - 1]) as { childId: string; householdId: string }[];
  const booked = sqlite.prepare('SELECT 1 FROM bookings WHERE child_id = ? AND unit_id = ? AND date = ?');
  const rng = new SeededRandom(seed);
  const seen = new Set<string>();
  const requests: { householdId: string; childId: string; items: { unitId: string; date: string }[] }[] = [];
  for (let tries = 0; requests.length < count && tries < count * 50; tries++) {
    const child = rng.pick(enrolled);
    const date = rng.pick(open);
    const key = `${child.childId}|${date}`;
    if (seen.has(key) || booked.get(child.childId, matin.id, date)) continue;
    seen.add(key);
    requests.push({ ...child, items: [{ unitId: matin.id, date }] });
  }
  if (requests.length < count) throw new Error(`only ${requests.length} fresh bookings found`);
  return requests;
}
