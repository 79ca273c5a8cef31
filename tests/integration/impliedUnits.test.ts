// Units that imply another (a Wednesday "journée" includes the "repas"): booking the journée takes a place on
// both slots, so the repas' own capacity is checked and counted too; a full repas sends the whole booking to
// the waiting list unless staff force it; cancelling releases both slots and promotes whoever can now come.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';

const staff = { actor: defaultStaffActor };
const WEDNESDAY = '2026-12-09';
let dir: string;
let core: DeskCore;
let now: Date;

beforeEach(() => {
  now = new Date('2026-11-26T09:00:00Z');
  dir = mkdtempSync(join(tmpdir(), 'guichet-implied-'));
  // Each command one second after the previous one: the waiting lists' FIFO order is the order of the test.
  core = openDeskCore({
    dataDir: dir,
    clock: () => {
      now = new Date(now.getTime() + 1000);
      return now;
    },
  });
});
afterEach(() => {
  void core.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (name: string, args: unknown) => (await core.dispatch(name, args, staff)) as any;
const must = async (name: string, args: unknown) => {
  const result = await call(name, args);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.value;
};

/** Mercredis: Journée (implies Repas, excludes Matin and Après-midi), Matin, Repas, Après-midi; one group. */
async function setUp(capacities: { journee: number; repas: number }, names = ['Léa', 'Zoé', 'Maël', 'Noé']) {
  const { activityId } = await must('activity.save', {
    name: 'Mercredis',
    kind: 'wednesday',
    openOn: 'wednesdays',
    deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
    units: [{ name: 'Journée', implies: [2], excludes: [1, 3] }, { name: 'Matin' }, { name: 'Repas' }, { name: 'Après-midi' }],
    groups: [{ name: 'Tous', levels: ['PS', 'MS', 'GS'], capacities: [capacities.journee, 10, capacities.repas, 10] }],
  });
  const activity = ((await call('activities.list', {})) as any[]).find((a) => a.id === activityId);
  const unit = (name: string) => activity.units.find((u: any) => u.name === name).id as string;
  const families: { householdId: string; childId: string }[] = [];
  for (const name of names) {
    const { householdId } = await must('household.create', {
      guardians: [{ civility: 'Mme', firstName: 'Anne', lastName: `Famille${name}`, mobilePhone: '0612345678' }],
      children: [{ firstName: name, lastName: `Famille${name}`, birthDate: '2021-05-01', schoolLevel: 'MS' }],
    });
    const childId = (await call('families.get', { householdId })).children[0].id as string;
    await must('enrolment.create', { childId, activityId, fromDate: '2026-09-01', toDate: '2027-07-03' });
    families.push({ householdId, childId });
  }
  return { journee: unit('Journée'), repas: unit('Repas'), families };
}

const book = (family: { householdId: string; childId: string }, unitId: string, extra: object = {}) =>
  must('booking.book', { ...family, items: [{ unitId, date: WEDNESDAY }], ...extra });

/** The child's rows that Wednesday, by unit id: status and forced reason. */
function rowsOf(childId: string): Record<string, { status: string; forced: string; id: string }> {
  const rows = core.store.sqlite
    .prepare('SELECT id, unit_id, status, forced_reason FROM bookings WHERE child_id = ? AND date = ?')
    .all(childId, WEDNESDAY) as { id: string; unit_id: string; status: string; forced_reason: string }[];
  return Object.fromEntries(rows.map((r) => [r.unit_id, { status: r.status, forced: r.forced_reason, id: r.id }]));
}

/** Accepted bookings of a slot that were not forced: never above capacity. */
function unforcedAccepted(unitId: string): number {
  return (
    core.store.sqlite
      .prepare(
        `SELECT count(*) AS n FROM bookings WHERE unit_id = ? AND date = ? AND status IN ('booked', 'attended', 'absent') AND forced_reason = ''`,
      )
      .get(unitId, WEDNESDAY) as { n: number }
  ).n;
}

describe('units implying another unit', () => {
  it('a journée whose repas is full goes to the waiting list, both rows; the repas is never overbooked', async () => {
    const { journee, repas, families } = await setUp({ journee: 5, repas: 1 });
    const [a, b] = families as [any, any];
    expect((await book(a, repas)).items[0].outcome).toBe('booked');
    // The grid already says so: the journée has the places left of its repas.
    const before = await call('reservations.month', { householdId: b.householdId, month: '2026-12' });
    const journeeCell = before.children[0].activities[0].cells.find((c: any) => c.date === WEDNESDAY && c.unitId === journee);
    expect(journeeCell).toMatchObject({ state: 'full', placesLeft: 0 });

    const result = await book(b, journee);
    expect(result.items[0]).toMatchObject({ outcome: 'waitlisted', position: 1, implied: [repas] });
    expect(result.items[0].message).toMatch(/Repas/);
    expect(rowsOf(b.childId)).toMatchObject({ [journee]: { status: 'waitlisted' }, [repas]: { status: 'waitlisted' } });
    expect(unforcedAccepted(repas)).toBe(1);
    expect(unforcedAccepted(journee)).toBe(0);

    // The month grid shows the journée as waiting, not booked.
    const grid = await call('reservations.month', { householdId: b.householdId, month: '2026-12' });
    const cell = grid.children[0].activities[0].cells.find((c: any) => c.date === WEDNESDAY && c.unitId === journee);
    expect(cell?.state).toBe('waitlisted');
  });

  it('staff may force it with a reason: only the full slot is marked as forced', async () => {
    const { journee, repas, families } = await setUp({ journee: 5, repas: 1 });
    const [a, b] = families as [any, any];
    await book(a, repas);
    const forced = await book(b, journee, { forceReason: 'Reprise du travail' });
    expect(forced.items[0]).toMatchObject({ outcome: 'booked', implied: [repas] });
    expect(rowsOf(b.childId)).toMatchObject({
      [journee]: { status: 'booked', forced: '' },
      [repas]: { status: 'booked', forced: 'Reprise du travail' },
    });
    expect(unforcedAccepted(repas)).toBe(1);
  });

  it('a repas closed for the group (capacity 0) refuses the journée, even forced', async () => {
    const { journee, families } = await setUp({ journee: 5, repas: 0 });
    const [a] = families as [any];
    for (const extra of [{}, { forceReason: 'Urgence' }]) {
      const result = await book(a, journee, extra);
      expect(result.items[0]).toMatchObject({ outcome: 'refused' });
      expect(result.items[0].message).toMatch(/Repas/);
    }
    expect(rowsOf(a.childId)).toEqual({});
  });

  it('cancelling the repas that blocked a journée promotes the whole journée', async () => {
    const { journee, repas, families } = await setUp({ journee: 5, repas: 1 });
    const [a, b] = families as [any, any];
    const repasBooking = (await book(a, repas)).items[0].bookingId;
    const waiting = (await book(b, journee)).items[0].bookingId;
    const cancelled = await must('booking.cancel', { bookingIds: [repasBooking] });
    expect(cancelled.items[0].promoted).toEqual([waiting]);
    expect(rowsOf(b.childId)).toMatchObject({ [journee]: { status: 'booked' }, [repas]: { status: 'booked' } });
    const events = core.store.sqlite.prepare(`SELECT booking_id FROM booking_events WHERE kind = 'promoted'`).all();
    expect(events).toEqual([{ booking_id: waiting }]);
  });

  it('a repas freed while the journée is still full promotes neither row of a waiting journée', async () => {
    const { journee, repas, families } = await setUp({ journee: 1, repas: 2 });
    const [a, b, c] = families as [any, any, any];
    await book(a, journee); // journée 1/1, repas 1/2
    const repasOfC = (await book(c, repas)).items[0].bookingId; // repas 2/2
    expect((await book(b, journee)).items[0].outcome).toBe('waitlisted');
    const cancelled = await must('booking.cancel', { bookingIds: [repasOfC] });
    expect(cancelled.items[0].promoted).toBeUndefined();
    expect(rowsOf(b.childId)).toMatchObject({ [journee]: { status: 'waitlisted' }, [repas]: { status: 'waitlisted' } });
  });

  it('a waiting journée blocked by its own full slot does not hold a free repas from a repas-only request', async () => {
    const { journee, repas, families } = await setUp({ journee: 1, repas: 2 });
    const [a, b, c] = families as [any, any, any];
    await book(a, journee); // journée 1/1, repas 1/2
    expect((await book(b, journee)).items[0].outcome).toBe('waitlisted'); // its repas row waits on the repas slot
    expect((await book(c, repas)).items[0].outcome).toBe('booked'); // the free repas goes to C
    expect(unforcedAccepted(repas)).toBe(2);
  });

  it('cancelling a journée releases both slots and promotes waiting children of both, in FIFO order', async () => {
    const { journee, repas, families } = await setUp({ journee: 1, repas: 1 });
    const [a, b, c] = families as [any, any, any];
    const aJournee = (await book(a, journee)).items[0].bookingId;
    const bJournee = (await book(b, journee)).items[0];
    expect(bJournee.outcome).toBe('waitlisted');
    const cRepas = (await book(c, repas)).items[0];
    expect(cRepas).toMatchObject({ outcome: 'waitlisted', position: 2 });

    const cancelled = await must('booking.cancel', { bookingIds: [aJournee], reason: 'sick' });
    expect(cancelled.items[0]).toMatchObject({ outcome: 'cancelled', implied: [repas], promoted: [bJournee.bookingId] });
    expect(rowsOf(a.childId)).toMatchObject({ [journee]: { status: 'cancelled' }, [repas]: { status: 'cancelled' } });
    expect(rowsOf(b.childId)).toMatchObject({ [journee]: { status: 'booked' }, [repas]: { status: 'booked' } });
    expect(rowsOf(c.childId)).toMatchObject({ [repas]: { status: 'waitlisted' } });

    // B cancels in turn: now the repas-only request of C is first in line.
    const again = await must('booking.cancel', { bookingIds: [bJournee.bookingId], reason: 'sick' });
    expect(again.items[0].promoted).toEqual([cRepas.bookingId]);
    expect(rowsOf(c.childId)).toMatchObject({ [repas]: { status: 'booked' } });
    expect(unforcedAccepted(repas)).toBe(1);
  });

  it('a pattern of journées: full repas days wait, the others are booked, one audit row lists the days', async () => {
    const { journee, repas, families } = await setUp({ journee: 5, repas: 1 });
    const [a, b] = families as [any, any];
    await book(a, repas); // the repas of the 9th is full
    const days = ['2026-12-02', WEDNESDAY, '2026-12-16'];
    const result = await must('booking.book', { ...b, items: days.map((date) => ({ unitId: journee, date })) });
    expect(result.items.map((i: any) => [i.date, i.outcome])).toEqual([
      ['2026-12-02', 'booked'],
      [WEDNESDAY, 'waitlisted'],
      ['2026-12-16', 'booked'],
    ]);
    const audit = (await call('families.audit', { householdId: b.householdId })).filter((r: any) => r.command === 'booking.book');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].changes)).toMatchObject({
      child: 'Zoé',
      dates: ['2026-12-02', '2026-12-16'],
      waitlistedDates: [WEDNESDAY],
    });
  });
});
