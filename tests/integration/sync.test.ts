import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplay } from '../../src/main/desk/commandRunner';
import { createSyncClient, type SyncClientOptions } from '../../src/main/desk/sync/client';
import { initialSyncIncomplete, wantsInitialSync } from '../../src/main/desk/sync/initial';
import { getCookie, setCookie } from '../../src/main/desk/sync/state';
import { seedCanteen } from '../fixtures/commune';
import { canonicalHashes, cleanup, connectedDesk, openDesk, startHub, type TestDesk, type TestHub } from '../fixtures/hubHarness';

const clock = () => new Date('2026-11-26T09:00:00Z');
let hubs: TestHub[] = [];
let desks: TestDesk[] = [];

afterEach(async () => {
  for (const d of desks) await d.core.close().catch(() => {});
  for (const h of hubs) await h.stop().catch(() => {});
  cleanup(...desks.map((d) => d.dir), ...hubs.map((h) => h.dataDir));
  hubs = [];
  desks = [];
});

async function twoDesks() {
  const hub = await startHub(undefined, clock);
  hubs.push(hub);
  const a = await connectedDesk(hub, 'Mairie', clock);
  desks.push(a);
  const setup = await seedCanteen(a.must, a.call, { families: ['Martin', 'Bernard', 'Petit', 'Durand'], capacity: 2 });
  await a.core.sync!.syncNow();
  const b = await connectedDesk(hub, 'Centre de loisirs', clock);
  desks.push(b);
  await b.core.sync!.syncNow();
  return { hub, a, b, ...setup };
}

const expectConverged = (hub: TestHub, ...replicas: TestDesk[]) => {
  const reference = canonicalHashes(hub.hub.sqlite);
  for (const desk of replicas) expect(canonicalHashes(desk.core.store.sqlite)).toEqual(reference);
};

describe('sync between two desks and the hub', () => {
  it('a new desk downloads everything; after syncing, both desks equal the hub row for row', async () => {
    const { hub, a, b } = await twoDesks();
    expect(a.core.sync!.status()).toMatchObject({ state: 'online', pending: 0 });
    expect((await b.call('families.search', { q: 'martin' })).length).toBe(1);
    expectConverged(hub, a, b);
  });

  it('an offline desk keeps working; on reconnection everything converges', async () => {
    const { hub, a, b, unitId, families } = await twoDesks();
    const [martin, bernard, petit] = families as [any, any, any];
    // Desk A is offline: it books and records facts locally.
    await a.must('booking.book', {
      householdId: martin.householdId,
      childId: martin.childId,
      items: [
        { unitId, date: '2026-12-01' },
        { unitId, date: '2026-12-03' },
      ],
    });
    await a.must('guardian.update', { ...(await guardianOf(a, petit.householdId)), mobilePhone: '07 11 22 33 44' });
    expect(a.core.sync!.status().pending).toBe(2);
    // What the offline desk did shows as provisional until the hub has seen it.
    const provisional = await a.call('reservations.month', { householdId: martin.householdId, month: '2026-12' });
    expect(provisional.children[0].activities[0].cells.filter((c: any) => c.provisional).map((c: any) => c.date)).toEqual([
      '2026-12-01',
      '2026-12-03',
    ]);
    // Meanwhile the hub accepts other bookings from desk B.
    await b.must('booking.book', {
      householdId: bernard.householdId,
      childId: bernard.childId,
      items: [{ unitId, date: '2026-12-01' }],
    });
    await b.core.sync!.syncNow();
    // Reconnection.
    await a.core.sync!.syncNow();
    await b.core.sync!.syncNow();
    expect(a.core.sync!.status().pending).toBe(0);
    expectConverged(hub, a, b);
    const confirmed = await a.call('reservations.month', { householdId: martin.householdId, month: '2026-12' });
    expect(confirmed.children[0].activities[0].cells.some((c: any) => c.provisional)).toBe(false);
    const grid = await b.call('reservations.month', { householdId: martin.householdId, month: '2026-12' });
    expect(grid.children[0].activities[0].cells.filter((c: any) => c.state === 'booked').map((c: any) => c.date)).toEqual([
      '2026-12-01',
      '2026-12-03',
    ]);
    expect((await b.call('families.search', { q: '07 11 22' })).map((h: any) => h.householdId)).toEqual([petit.householdId]);
  });

  it('two desks race for the last place: exactly one is accepted, the other waitlisted, both desks agree', async () => {
    const { hub, a, b, unitId, families } = await twoDesks();
    const [martin, bernard, petit] = families as [any, any, any];
    await a.must('booking.book', {
      householdId: martin.householdId,
      childId: martin.childId,
      items: [{ unitId, date: '2026-12-10' }],
    });
    await a.core.sync!.syncNow();
    await b.core.sync!.syncNow();
    // One place left; both desks book it while neither has synced.
    const fromA = await a.must('booking.book', {
      householdId: bernard.householdId,
      childId: bernard.childId,
      items: [{ unitId, date: '2026-12-10' }],
    });
    const fromB = await b.must('booking.book', {
      householdId: petit.householdId,
      childId: petit.childId,
      items: [{ unitId, date: '2026-12-10' }],
    });
    expect(fromA.items[0].outcome).toBe('booked');
    expect(fromB.items[0].outcome).toBe('booked'); // provisional on desk B
    await a.core.sync!.syncNow();
    await b.core.sync!.syncNow();
    await a.core.sync!.syncNow();
    expectConverged(hub, a, b);
    const statuses = hub.hub.sqlite.prepare(`SELECT status FROM bookings WHERE date = '2026-12-10' ORDER BY status`).all();
    expect(statuses).toEqual([{ status: 'booked' }, { status: 'booked' }, { status: 'waitlisted' }]);
    const gridOnA = await a.call('reservations.month', { householdId: petit.householdId, month: '2026-12' });
    expect(gridOnA.children[0].activities[0].cells.find((c: any) => c.date === '2026-12-10')).toMatchObject({
      state: 'waitlisted',
      position: 1,
    });
    // Desk B's sync panel says what the hub changed, in French.
    const { verdicts } = await b.call('sync.outcomes', {});
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ name: 'booking.book', status: 'modified' });
    expect(verdicts[0].message).toMatch(/liste d'attente/);
  });

  it('the same push twice and a lost push response: no duplicate, no loss', async () => {
    const { hub, a, b, unitId, families } = await twoDesks();
    const [martin] = families as [any];
    await a.must('booking.book', {
      householdId: martin.householdId,
      childId: martin.childId,
      items: [{ unitId, date: '2026-12-04' }],
    });
    const outbox = a.core.store.sqlite.prepare('SELECT * FROM _outbox').all() as any[];
    const token = a.core.store.sqlite ? (await import('node:fs')).readFileSync(`${a.dir}/device-token`, 'utf8') : '';
    const body = JSON.stringify({
      clientId: a.core.store.clientId,
      mutations: outbox.map((r) => ({
        id: r.mutation_id,
        commandId: r.command_id,
        name: r.name,
        args: JSON.parse(r.args),
        createdAt: r.created_at,
        actor: JSON.parse(r.actor),
      })),
    });
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${hub.url}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(200);
    }
    // The desk never saw those responses (lost): it pushes again on its next sync.
    await a.core.sync!.syncNow();
    await b.core.sync!.syncNow();
    expect(hub.hub.sqlite.prepare(`SELECT count(*) AS n FROM bookings WHERE date = '2026-12-04'`).get()).toEqual({ n: 1 });
    expectConverged(hub, a, b);
  });

  it('a gap in mutation ids is refused; an unknown client must start at 1', async () => {
    const { hub, a } = await twoDesks();
    const token = (await import('node:fs')).readFileSync(`${a.dir}/device-token`, 'utf8');
    const push = (clientId: string, id: number) =>
      fetch(`${hub.url}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId,
          mutations: [
            {
              id,
              commandId: `c-${clientId}-${id}`,
              name: 'household.update',
              args: {},
              createdAt: '2026-11-26T09:00:00.000Z',
              actor: { kind: 'staff', id: 'x', name: 'X' },
            },
          ],
        }),
      });
    const gap = await push(a.core.store.clientId, 999);
    expect(gap.status).toBe(409);
    expect((await gap.json()).message).toMatch(/trou/);
    expect((await push('recreated-desk-client', 5)).status).toBe(409);
  });

  it('a desk killed between local commit and push loses nothing; a restarted hub resumes', async () => {
    const { hub, a, b, unitId, families } = await twoDesks();
    const [martin] = families as [any];
    await a.must('booking.book', {
      householdId: martin.householdId,
      childId: martin.childId,
      items: [{ unitId, date: '2026-12-07' }],
    });
    const reopened = await a.reopen();
    desks = desks.map((d) => (d === a ? reopened : d));
    expect(reopened.core.sync!.status().pending).toBe(1);
    // The hub restarts on the same data directory.
    await hub.stop();
    const again = await startHub(hub.dataDir, clock);
    hubs.push(again);
    // Same port is not guaranteed: the desks were configured with the old URL, so repoint them for the test.
    for (const d of [reopened, b]) {
      d.core.store.sqlite.prepare(`UPDATE _meta SET value = json_set(value, '$.url', ?) WHERE key = 'hub'`).run(again.url);
    }
    const r2 = await reopened.reopen();
    const b2 = await b.reopen();
    desks = [r2, b2];
    await r2.core.sync!.syncNow();
    await b2.core.sync!.syncNow();
    expect(r2.core.sync!.status()).toMatchObject({ state: 'online', pending: 0 });
    expectConverged(again, r2, b2);
    expect(again.hub.sqlite.prepare(`SELECT count(*) AS n FROM bookings WHERE date = '2026-12-07'`).get()).toEqual({ n: 1 });
  });

  it('refuses unknown and revoked device tokens; another commune’s hub refuses this desk', async () => {
    const { hub, a } = await twoDesks();
    const other = await startHub(undefined, clock);
    hubs.push(other);
    const token = (await import('node:fs')).readFileSync(`${a.dir}/device-token`, 'utf8');
    const pull = (url: string, t: string) =>
      fetch(`${url}/api/sync/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: a.core.store.clientId, cookie: null }),
      });
    expect((await pull(hub.url, token)).status).toBe(200);
    expect((await pull(other.url, token)).status).toBe(401);
    expect((await pull(hub.url, 'not-a-token')).status).toBe(401);
    const { revokeDesk } = await import('../../src/portal/sync/desks');
    revokeDesk(hub.hub.sqlite, 'Mairie');
    const revoked = await pull(hub.url, token);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).message).toMatch(/révoqué/);
    await a.core.sync!.syncNow();
    expect(a.core.sync!.status().state).toBe('revoked');
  });

  it('a standalone desk uploads its data once when it connects', async () => {
    const hub = await startHub(undefined, clock);
    hubs.push(hub);
    const solo = openDesk(undefined, clock);
    desks.push(solo);
    await seedCanteen(solo.must, solo.call, { families: ['Solo', 'Seul'], capacity: 3 });
    const connected = await solo.core.connect({ hubUrl: hub.url, code: hub.enrolmentCode('Mairie') });
    expect(connected.ok).toBe(true);
    await solo.core.sync!.syncNow();
    expect(solo.core.sync!.status().pending).toBe(0);
    const fresh = await connectedDesk(hub, 'Centre', clock);
    desks.push(fresh);
    await fresh.core.sync!.syncNow();
    expectConverged(hub, solo, fresh);
    // A second desk with data cannot join a hub that has data.
    const other = openDesk(undefined, clock);
    desks.push(other);
    await other.must('household.create', {
      guardians: [{ civility: 'M.', firstName: 'Paul', lastName: 'Autre', mobilePhone: '0600000000' }],
    });
    const refused = await other.core.connect({ hubUrl: hub.url, code: hub.enrolmentCode('Autre') });
    expect(refused).toMatchObject({ ok: false });
  });
});

describe('initial sync of a new desk (bulk path)', () => {
  /** A commune on the hub: bookings (some waitlisted, one cancelled), a removed contact (a tombstone), and a
   * guardian changed after the household was linked (its latest version comes pages after the link rows). */
  async function communeOnHub() {
    const hub = await startHub(undefined, clock);
    hubs.push(hub);
    const a = await connectedDesk(hub, 'Mairie', clock);
    desks.push(a);
    const setup = await seedCanteen(a.must, a.call, {
      families: ['Martin', 'Bernard', 'Petit', 'Durand', 'Moreau'],
      capacity: 2,
    });
    const bookingIds: string[] = [];
    for (const f of setup.families) {
      const booked = await a.must('booking.book', {
        householdId: f.householdId,
        childId: f.childId,
        items: [
          { unitId: setup.unitId, date: '2026-12-01' },
          { unitId: setup.unitId, date: '2026-12-03' },
        ],
      });
      bookingIds.push(booked.items[0].bookingId);
    }
    await a.must('booking.cancel', { bookingIds: [bookingIds[0]] });
    const martin = setup.families[0]!;
    const contact = (name: string) => ({ contactId: `contact-${name}`, name, phone: '0611111111', pickup: 'allowed' });
    await a.must('child.setContacts', { childId: martin.childId, contacts: [contact('Mamie'), contact('Voisine')] });
    await a.must('child.setContacts', { childId: martin.childId, contacts: [contact('Mamie')] });
    await a.must('guardian.update', { ...(await guardianOf(a, martin.householdId)), mobilePhone: '07 11 22 33 44' });
    await a.core.sync!.syncNow();
    expect(a.core.sync!.status()).toMatchObject({ state: 'online', pending: 0 });
    return { hub, a, ...setup };
  }

  /** A sync client on a desk's database with tiny initial pages (many pages from a small commune). */
  function pagedClient(desk: TestDesk, hub: TestHub, extra: Partial<SyncClientOptions> = {}) {
    return createSyncClient({
      store: desk.core.store,
      replay: createReplay(desk.core.store, desk.core.deskId),
      hubUrl: hub.url,
      token: readFileSync(join(desk.dir, 'device-token'), 'utf8'),
      clock,
      initialPullLimit: 4,
      ...extra,
    });
  }

  const searchDocs = (sqlite: Database.Database) =>
    sqlite
      .prepare('SELECT m.household_id AS id, s.body FROM _search_map m JOIN _search s ON s.rowid = m.doc ORDER BY m.household_id')
      .all();
  const slotCounts = (sqlite: Database.Database) =>
    sqlite.prepare('SELECT * FROM _slot_counts ORDER BY unit_id, date, group_id').all();
  const schemaObjects = (sqlite: Database.Database) =>
    sqlite.prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name`).all();

  it('a desk joining an existing hub ends row for row equal, with the search index and slot counts of the trigger path', async () => {
    const { hub, a } = await communeOnHub();
    // The reference: a desk that pulls everything through the normal rebase (row by row, triggers on).
    const reference = await connectedDesk(hub, 'Référence', clock);
    desks.push(reference);
    setCookie(reference.core.store.sqlite, 0);
    await reference.core.sync!.syncNow();
    expect(initialSyncIncomplete(reference.core.store.sqlite)).toBe(false);

    const fresh = await connectedDesk(hub, 'Poste neuf', clock);
    desks.push(fresh);
    const progress: number[] = [];
    const client = pagedClient(fresh, hub, { onChange: (s) => s.progress !== null && progress.push(s.progress) });
    await client.syncNow();
    expect(client.status()).toMatchObject({ state: 'online', pending: 0, lastError: null });
    const sqlite = fresh.core.store.sqlite;
    expect(initialSyncIncomplete(sqlite)).toBe(false);
    expectConverged(hub, a, reference, fresh);
    // Many pages, and a progress bar that moves forward.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.every((p) => p > 0 && p < 1)).toBe(true);
    // Derived data and schema as if every row had gone through the triggers.
    expect(searchDocs(sqlite)).toEqual(searchDocs(reference.core.store.sqlite));
    expect(searchDocs(sqlite)).toEqual(searchDocs(a.core.store.sqlite));
    expect(slotCounts(sqlite)).toEqual(slotCounts(reference.core.store.sqlite));
    expect(slotCounts(sqlite).some((c: any) => c.waitlisted > 0)).toBe(true);
    expect(schemaObjects(sqlite)).toEqual(schemaObjects(reference.core.store.sqlite));
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(sqlite.prepare('SELECT "on" AS v FROM _capture').get()).toEqual({ v: 1 });
    expect((await fresh.call('families.search', { q: '07 11 22' })).length).toBe(1);

    // Afterwards the desk syncs incrementally, its commands captured for rebase as usual.
    const durand = (await fresh.call('families.search', { q: 'durand' }))[0];
    const view = await fresh.call('families.get', { householdId: durand.householdId });
    await fresh.must('guardian.update', { ...(await guardianOf(fresh, durand.householdId)), mobilePhone: '07 99 88 77 66' });
    expect(view.children.length).toBe(1);
    expect((sqlite.prepare('SELECT count(*) AS n FROM _undo').get() as { n: number }).n).toBeGreaterThan(0);
    await client.syncNow();
    await a.core.sync!.syncNow();
    expectConverged(hub, a, fresh);
    expect((await a.call('families.search', { q: '07 99 88' })).length).toBe(1);
  });

  it('an initial sync cut off mid-way then restarted converges, and is never taken as complete before', async () => {
    const { hub, a } = await communeOnHub();
    let fresh = await connectedDesk(hub, 'Poste neuf', clock);
    desks.push(fresh);
    let pulls = 0;
    const cut: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/api/sync/pull') && ++pulls > 5) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const first = pagedClient(fresh, hub, { fetch: cut });
    await first.syncNow();
    expect(first.status()).toMatchObject({ state: 'offline', lastSyncAt: null });
    let sqlite = fresh.core.store.sqlite;
    expect(initialSyncIncomplete(sqlite)).toBe(true);
    const cookie = getCookie(sqlite)!;
    expect(cookie).toBeGreaterThan(0);
    expect(cookie).toBeLessThan((hub.hub.sqlite.prepare('SELECT version FROM _hub_state').get() as { version: number }).version);
    // Bulk load: the non-unique indexes are off while pages come in.
    expect(sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'bookings_slot_idx'`).get()).toBeUndefined();

    // The desk is closed (a crash, an update) and reopened: indexes are back before anything else runs…
    fresh = await fresh.reopen();
    desks.push(fresh);
    sqlite = fresh.core.store.sqlite;
    expect(sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'bookings_slot_idx'`).get()).toBeDefined();
    // …the initial sync is still unfinished, and resumes from the last page applied.
    expect(initialSyncIncomplete(sqlite)).toBe(true);
    expect(getCookie(sqlite)).toBe(cookie);
    const resumed = pagedClient(fresh, hub);
    await resumed.syncNow();
    expect(resumed.status()).toMatchObject({ state: 'online', lastError: null });
    expect(initialSyncIncomplete(sqlite)).toBe(false);
    expectConverged(hub, a, fresh);
    expect(searchDocs(sqlite)).toEqual(searchDocs(a.core.store.sqlite));
    expect(slotCounts(sqlite)).toEqual(slotCounts(a.core.store.sqlite));
    expect(schemaObjects(sqlite)).toEqual(schemaObjects(a.core.store.sqlite));
    expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('a desk far behind catches up in pages whose rows reference rows of later pages, with a command of its own waiting', async () => {
    const hub = await startHub(undefined, clock);
    hubs.push(hub);
    const a = await connectedDesk(hub, 'Mairie', clock);
    desks.push(a);
    const b = await connectedDesk(hub, 'Centre de loisirs', clock);
    desks.push(b);
    await b.core.sync!.syncNow();
    expect(getCookie(b.core.store.sqlite)).not.toBeNull();
    // While b is away: families created, then each guardian changed, so that a guardian's latest version comes
    // pages after the rows linking it to its household and children.
    const setup = await seedCanteen(a.must, a.call, { families: ['Martin', 'Bernard', 'Petit'], capacity: 2 });
    for (const f of setup.families)
      await a.must('guardian.update', { ...(await guardianOf(a, f.householdId)), mobilePhone: '07 49 00 00 00' });
    await a.core.sync!.syncNow();
    // b has a command of its own waiting (a family it created offline).
    await b.must('household.create', {
      guardians: [{ civility: 'M.', firstName: 'Paul', lastName: 'Horsligne', mobilePhone: '0600000001' }],
    });
    const client = pagedClient(b, hub, { pullLimit: 4 });
    await client.syncNow();
    expect(client.status()).toMatchObject({ state: 'online', pending: 0, lastError: null });
    await a.core.sync!.syncNow();
    expectConverged(hub, a, b);
    const sqlite = b.core.store.sqlite;
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(searchDocs(sqlite)).toEqual(searchDocs(a.core.store.sqlite));
    expect(sqlite.prepare(`SELECT count(*) AS n FROM guardians WHERE mobile_phone = '+33749000000'`).get()).toEqual({ n: 3 });
  });

  it('a desk that already pulled, or has commands waiting, keeps the normal rebase', async () => {
    const { hub } = await communeOnHub();
    const desk = await connectedDesk(hub, 'Poste', clock);
    desks.push(desk);
    expect(wantsInitialSync(desk.core.store.sqlite)).toBe(true);
    await desk.core.sync!.syncNow();
    expect(wantsInitialSync(desk.core.store.sqlite)).toBe(false);
    const standalone = openDesk(undefined, clock);
    desks.push(standalone);
    await standalone.must('household.create', {
      guardians: [{ civility: 'M.', firstName: 'Paul', lastName: 'Seul', mobilePhone: '0600000000' }],
    });
    expect(wantsInitialSync(standalone.core.store.sqlite)).toBe(false);
  });
});

async function guardianOf(desk: TestDesk, householdId: string) {
  const view = await desk.call('families.get', { householdId });
  const { createdAt: _c, updatedAt: _u, receivesInvoices: _r, id, ...fields } = view.guardians[0];
  return { ...fields, guardianId: id };
}
