import { describe, expect, it } from 'vitest';
import {
  capacityFor,
  capacityRuleSchema,
  countAccepted,
  decideBooking,
  placesLeft,
  promotionsFor,
  type BookingStatus,
  type CapacityRule,
} from '../../../src/shared/domain/capacity';

const entry = (id: string, requestedAt = '2026-03-01T10:00:00.000Z') => ({ id, requestedAt });

describe('capacity per (unit, group, day)', () => {
  const rule: CapacityRule = capacityRuleSchema.parse({
    unitId: 'repas',
    groupId: 'maternelle',
    defaultCapacity: 40,
    exceptions: [
      { date: '2026-03-11', capacity: 25 },
      { date: '2026-03-13', capacity: 0 },
    ],
  });

  it('uses the default unless the day has an exception (0 = closed for the group)', () => {
    expect(capacityFor(rule, '2026-03-10')).toBe(40);
    expect(capacityFor(rule, '2026-03-11')).toBe(25);
    expect(capacityFor(rule, '2026-03-13')).toBe(0);
  });

  it('refuses negative capacities and two exceptions on one date', () => {
    expect(capacityRuleSchema.safeParse({ ...rule, defaultCapacity: -1 }).success).toBe(false);
    const twice = { ...rule, exceptions: [...rule.exceptions, { date: '2026-03-11', capacity: 30 }] };
    expect(capacityRuleSchema.safeParse(twice).success).toBe(false);
  });

  it('counts the bookings that hold a place on that slot only', () => {
    const slot = { unitId: 'repas', groupId: 'maternelle', date: '2026-03-10' };
    const booking = (status: BookingStatus, overrides: Partial<typeof slot> = {}) => ({ ...slot, ...overrides, status });
    const bookings = [
      booking('booked'),
      booking('attended'),
      booking('absent'),
      booking('waitlisted'),
      booking('cancelled'),
      booking('booked', { groupId: 'elementaire' }),
      booking('booked', { unitId: 'soir' }),
      booking('booked', { date: '2026-03-11' }),
    ];
    expect(countAccepted(bookings, slot)).toBe(3);
  });

  it('never reports negative places', () => {
    expect(placesLeft(40, 38)).toBe(2);
    expect(placesLeft(40, 42)).toBe(0);
  });
});

describe('decideBooking', () => {
  it('books while places are left', () => {
    expect(decideBooking({ capacity: 2, acceptedCount: 1, waitlist: [], entry: entry('a') })).toEqual({
      ok: true,
      value: { status: 'booked', overCapacity: false },
    });
  });

  it('waitlists when full, saying the hub modified the request', () => {
    const result = decideBooking({
      capacity: 2,
      acceptedCount: 2,
      waitlist: [entry('w1')],
      entry: entry('x', '2026-03-02T10:00:00.000Z'),
    });
    expect(result).toMatchObject({ ok: true, value: { status: 'waitlisted', position: 2 }, outcome: 'modified' });
    if (result.ok) expect(result.message).toContain("liste d'attente (position 2)");
  });

  it('refuses a full day when the unit has no waitlist', () => {
    expect(
      decideBooking({ capacity: 2, acceptedCount: 2, waitlist: [], entry: entry('a'), waitlistEnabled: false }),
    ).toMatchObject({
      ok: false,
      code: 'full',
    });
  });

  it('does not let a newcomer jump the queue, but places a request made earlier ahead', () => {
    const waiting = [entry('w1', '2026-03-01T10:00:00.000Z'), entry('w2', '2026-03-01T11:00:00.000Z')];
    // One place left but two people waiting for it (their promotion is pending): the newcomer waits.
    const late = decideBooking({
      capacity: 10,
      acceptedCount: 9,
      waitlist: waiting,
      entry: entry('n', '2026-03-01T12:00:00.000Z'),
    });
    expect(late).toMatchObject({ ok: true, value: { status: 'waitlisted', position: 3 } });
    // A request made before both (on a desk that was offline) is first in line and gets the place.
    const early = decideBooking({
      capacity: 10,
      acceptedCount: 9,
      waitlist: waiting,
      entry: entry('e', '2026-03-01T09:00:00.000Z'),
    });
    expect(early).toMatchObject({ ok: true, value: { status: 'booked' } });
    // Full: it is waitlisted in first position.
    const earlyFull = decideBooking({
      capacity: 10,
      acceptedCount: 10,
      waitlist: waiting,
      entry: entry('e', '2026-03-01T09:00:00.000Z'),
    });
    expect(earlyFull).toMatchObject({ ok: true, value: { status: 'waitlisted', position: 1 } });
  });

  it('counts a retried request already waiting only once', () => {
    const waiting = [entry('w1'), entry('w2', '2026-03-01T11:00:00.000Z')];
    expect(
      decideBooking({ capacity: 1, acceptedCount: 1, waitlist: waiting, entry: entry('w2', '2026-03-01T11:00:00.000Z') }),
    ).toMatchObject({
      value: { status: 'waitlisted', position: 2 },
    });
  });

  it('forces beyond capacity only with a reason', () => {
    const full = { capacity: 2, acceptedCount: 2, waitlist: [], entry: entry('a') };
    expect(decideBooking({ ...full, force: { reason: '  ' } })).toMatchObject({ ok: false, code: 'forceReasonRequired' });
    expect(decideBooking({ ...full, force: { reason: ' Placement ASE ' } })).toEqual({
      ok: true,
      value: { status: 'booked', overCapacity: true, forceReason: 'Placement ASE' },
    });
    expect(decideBooking({ ...full, acceptedCount: 1, force: { reason: 'Urgence' } })).toMatchObject({
      value: { status: 'booked', overCapacity: false },
    });
  });

  it('refuses a day closed for the group, even when forced', () => {
    expect(decideBooking({ capacity: 0, acceptedCount: 0, waitlist: [], entry: entry('a') })).toMatchObject({
      ok: false,
      code: 'closed',
    });
    expect(
      decideBooking({ capacity: 0, acceptedCount: 0, waitlist: [], entry: entry('a'), force: { reason: 'Urgence' } }),
    ).toMatchObject({
      ok: false,
      code: 'closed',
    });
  });
});

describe('promotionsFor', () => {
  const waitlist = [
    entry('c', '2026-03-01T12:00:00.000Z'),
    entry('a', '2026-03-01T10:00:00.000Z'),
    entry('b', '2026-03-01T11:00:00.000Z'),
  ];

  it('promotes as many as there are places left, in FIFO order', () => {
    expect(promotionsFor({ capacity: 10, acceptedCount: 9, waitlist })).toEqual(['a']);
    expect(promotionsFor({ capacity: 10, acceptedCount: 8, waitlist })).toEqual(['a', 'b']);
    expect(promotionsFor({ capacity: 10, acceptedCount: 0, waitlist })).toEqual(['a', 'b', 'c']);
  });

  it('promotes nobody on a full or overbooked slot', () => {
    expect(promotionsFor({ capacity: 10, acceptedCount: 10, waitlist })).toEqual([]);
    expect(promotionsFor({ capacity: 10, acceptedCount: 12, waitlist })).toEqual([]);
  });
});
