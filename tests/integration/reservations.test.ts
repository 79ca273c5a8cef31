import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';

const staff = { actor: defaultStaffActor };
let dir: string;
let core: DeskCore;
let now = new Date('2026-11-26T09:00:00Z'); // Thursday 26 November 2026, 10:00 in Paris

beforeEach(() => {
  now = new Date('2026-11-26T09:00:00Z');
  dir = mkdtempSync(join(tmpdir(), 'guichet-resa-'));
  core = openDeskCore({ dataDir: dir, clock: () => now });
});
afterEach(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (name: string, args: unknown, caller: { actor: any } = staff) =>
  (await core.dispatch(name, args, caller)) as any;
const must = async (name: string, args: unknown) => {
  const result = await call(name, args);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.value;
};

async function setUp() {
  const { activityId } = await must('activity.save', {
    name: 'Restauration scolaire',
    kind: 'canteen',
    openOn: 'schoolDays',
    deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
    units: [{ name: 'Repas', startTime: '11:45', endTime: '13:30' }],
    groups: [
      { name: 'Maternelle', levels: ['PS', 'MS', 'GS'], capacities: [2] },
      { name: 'Élémentaire', levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [50] },
    ],
  });
  const [activity] = await call('activities.list', {});
  const unitId = activity.units[0].id as string;
  const families = [];
  for (const [name, kid] of [
    ['Martin', 'Léa'],
    ['Bernard', 'Zoé'],
    ['Petit', 'Maël'],
  ] as const) {
    const { householdId } = await must('household.create', {
      guardians: [{ civility: 'Mme', firstName: 'Anne', lastName: name, mobilePhone: '0612345678' }],
      children: [{ firstName: kid, lastName: name, birthDate: '2021-05-01', schoolLevel: 'MS' }],
    });
    const view = await call('families.get', { householdId });
    const childId = view.children[0].id as string;
    await must('enrolment.create', {
      childId,
      activityId,
      fromDate: '2026-09-01',
      toDate: '2027-07-03',
      tariffCategory: 'resident',
    });
    families.push({ householdId, childId });
  }
  return { activityId, unitId, families };
}

describe('reservations on the desk core', () => {
  it('books a month for two children, waitlists the third on a full day, promotes on cancellation', async () => {
    const { unitId, activityId, families } = await setUp();
    const [a, b, c] = families as [any, any, any];
    const open = (await call('activities.openDates', { activityId, from: '2026-12-01', to: '2026-12-31' })).map(
      (d: any) => d.date,
    );
    // Mon/Tue/Thu/Fri until the Christmas holidays (from Saturday 19 December).
    expect(open).toEqual([
      '2026-12-01',
      '2026-12-03',
      '2026-12-04',
      '2026-12-07',
      '2026-12-08',
      '2026-12-10',
      '2026-12-11',
      '2026-12-14',
      '2026-12-15',
      '2026-12-17',
      '2026-12-18',
    ]);

    for (const f of [a, b]) {
      const booked = await must('booking.book', {
        householdId: f.householdId,
        childId: f.childId,
        items: open.map((date: string) => ({ unitId, date })),
      });
      expect(booked.items.every((i: any) => i.outcome === 'booked')).toBe(true);
    }
    // Capacity 2 in maternelle: the third child's day is full → waitlisted with its position.
    const third = await call('booking.book', {
      householdId: c.householdId,
      childId: c.childId,
      items: [{ unitId, date: '2026-12-08' }],
    });
    expect(third.ok).toBe(true);
    expect(third.outcome).toBe('modified');
    expect(third.value.items[0]).toMatchObject({ outcome: 'waitlisted', position: 1 });

    const grid = await call('reservations.month', { householdId: c.householdId, month: '2026-12' });
    const cell = grid.children[0].activities[0].cells.find((x: any) => x.date === '2026-12-08');
    expect(cell).toMatchObject({ state: 'waitlisted', position: 1, placesLeft: 0 });
    const fullCell = grid.children[0].activities[0].cells.find((x: any) => x.date === '2026-12-07');
    expect(fullCell).toMatchObject({ state: 'full', placesLeft: 0 });

    // Léa is sick on the 8th: the first waitlisted child gets the place, and the promotion is recorded.
    const aGrid = await call('reservations.month', { householdId: a.householdId, month: '2026-12' });
    const leaBooking = aGrid.children[0].activities[0].cells.find((x: any) => x.date === '2026-12-08').bookingId;
    const cancelled = await must('booking.cancel', { bookingIds: [leaBooking], reason: 'sick' });
    expect(cancelled.items[0]).toMatchObject({
      outcome: 'cancelled',
      cancelReason: 'sick',
      promoted: [third.value.items[0].bookingId],
    });
    const after = await call('reservations.month', { householdId: c.householdId, month: '2026-12' });
    expect(after.children[0].activities[0].cells.find((x: any) => x.date === '2026-12-08')).toMatchObject({ state: 'booked' });
    const events = core.store.sqlite.prepare('SELECT * FROM booking_events').all() as any[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'promoted', household_id: c.householdId });
  });

  it('staff force a full day only with a reason; parents are refused past the deadline', async () => {
    const { unitId, families } = await setUp();
    const [a, b, c] = families as [any, any, any];
    for (const f of [a, b])
      await must('booking.book', { householdId: f.householdId, childId: f.childId, items: [{ unitId, date: '2026-12-10' }] });
    const forced = await must('booking.book', {
      householdId: c.householdId,
      childId: c.childId,
      items: [{ unitId, date: '2026-12-10' }],
      forceReason: 'Accord de la directrice',
    });
    expect(forced.items[0].outcome).toBe('booked');
    const row = core.store.sqlite
      .prepare('SELECT forced_reason FROM bookings WHERE id = ?')
      .get(forced.items[0].bookingId) as any;
    expect(row.forced_reason).toBe('Accord de la directrice');

    // Monday 30 November: J-2 working days at 10:00 is Thursday 26 November 10:00 — now exactly.
    const late = await must('booking.book', {
      householdId: a.householdId,
      childId: a.childId,
      items: [{ unitId, date: '2026-11-30' }],
    });
    expect(late.items[0].outcome).toBe('refused');
    expect(late.items[0].message).toMatch(/délai de réservation est dépassé/);
    const overridden = await must('booking.book', {
      householdId: a.householdId,
      childId: a.childId,
      items: [{ unitId, date: '2026-11-30' }],
      deadlineOverrideReason: 'Reprise du travail imprévue',
    });
    expect(overridden.items[0].outcome).toBe('booked');
    const audit = await call('families.audit', { householdId: a.householdId });
    expect(audit.find((r: any) => r.command === 'booking.book' && r.reason.includes('Reprise du travail'))).toBeTruthy();

    const parent = { actor: { kind: 'parent', id: 'p1', name: 'Anne Petit', householdIds: [c.householdId] } };
    const parentLate = await call(
      'booking.book',
      { householdId: c.householdId, childId: c.childId, items: [{ unitId, date: '2026-11-30' }] },
      parent,
    );
    expect(parentLate.value.items[0].outcome).toBe('refused');
    const parentOther = await call(
      'booking.book',
      { householdId: a.householdId, childId: a.childId, items: [{ unitId, date: '2026-12-14' }] },
      parent,
    );
    expect(parentOther).toMatchObject({ ok: false, code: 'notFound' });
  });

  it('a late cancellation is billable, a sick one is not; an unenrolled child cannot be booked', async () => {
    const { unitId, families } = await setUp();
    const [a] = families as [any];
    const booked = await must('booking.book', {
      householdId: a.householdId,
      childId: a.childId,
      items: [
        { unitId, date: '2026-12-01' },
        { unitId, date: '2026-12-03' },
      ],
    });
    now = new Date('2026-11-30T12:00:00Z');
    const late = await must('booking.cancel', { bookingIds: [booked.items[0].bookingId] });
    expect(late.items[0].cancelReason).toBe('late');
    const sick = await must('booking.cancel', { bookingIds: [booked.items[1].bookingId], reason: 'sick' });
    expect(sick.items[0].cancelReason).toBe('sick');
    const outside = await must('booking.book', {
      householdId: a.householdId,
      childId: a.childId,
      items: [{ unitId, date: '2027-08-02' }],
    });
    expect(outside.items[0].outcome).toBe('refused');
  });

  it('preview tells exactly what booking would do and writes nothing', async () => {
    const { unitId, families } = await setUp();
    const [a, b, c] = families as [any, any, any];
    for (const f of [a, b])
      await must('booking.book', { householdId: f.householdId, childId: f.childId, items: [{ unitId, date: '2026-12-14' }] });
    const before = core.store.sqlite.prepare('SELECT count(*) AS n FROM bookings').get();
    const preview = await call('reservations.preview', {
      householdId: c.householdId,
      childId: c.childId,
      items: [
        { unitId, date: '2026-12-14' },
        { unitId, date: '2026-12-15' },
        { unitId, date: '2026-12-16' },
      ],
    });
    expect(preview.value.items.map((i: any) => i.outcome)).toEqual(['waitlisted', 'booked', 'refused']);
    expect(core.store.sqlite.prepare('SELECT count(*) AS n FROM bookings').get()).toEqual(before);
    expect(core.store.sqlite.prepare('SELECT count(*) AS n FROM _outbox WHERE name = ?').get('booking.book')).toEqual({ n: 2 });
  });

  it('attendance: present, absent, unbooked presence; never a future day', async () => {
    const { unitId, activityId, families } = await setUp();
    const [a, b] = families as [any, any];
    const booked = await must('booking.book', {
      householdId: a.householdId,
      childId: a.childId,
      items: [{ unitId, date: '2026-12-01' }],
    });
    const early = await call('attendance.mark', { marks: [{ bookingId: booked.items[0].bookingId, attendance: 'present' }] });
    expect(early).toMatchObject({ ok: false, code: 'future' });
    now = new Date('2026-12-01T11:00:00Z');
    await must('attendance.mark', { marks: [{ bookingId: booked.items[0].bookingId, attendance: 'absentUnjustified' }] });
    await must('attendance.addUnbooked', { householdId: b.householdId, childId: b.childId, unitId, date: '2026-12-01' });
    const sheet = await call('attendance.list', { activityId, date: '2026-12-01' });
    expect(sheet.rows.map((r: any) => [r.child.firstName, r.status, r.unbooked])).toEqual([
      ['Zoé', 'attended', true],
      ['Léa', 'absent', false],
    ]);
    const counts = core.store.sqlite.prepare('SELECT accepted FROM _slot_counts WHERE date = ?').all('2026-12-01');
    expect(counts).toEqual([{ accepted: 2 }]);
  });
});
