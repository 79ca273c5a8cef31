// Bookings that take a place on two slots at once (a journée and the repas it includes) next to bookings of the
// repas alone, driven through the rules `booking.book` and `booking.cancel` use: every slot decided on its own
// (`decideBooking` with `waitingAheadThatCanCome`), one status for the booking, and `promotionsAcrossSlots` on
// every slot a cancellation frees. After every step: no slot holds more unforced bookings than its capacity,
// the rows of a booking share one status, and nobody waits while every slot they need has a place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideBooking,
  placesLeft,
  promotionsAcrossSlots,
  waitingAheadThatCanCome,
  type WaitingBooking,
} from '../../../src/shared/domain/capacity';
import { compareWaitlistEntries } from '../../../src/shared/domain/waitlist';

type SlotName = 'journee' | 'repas';
interface Request extends WaitingBooking {
  slots: SlotName[];
  status: 'booked' | 'waitlisted' | 'cancelled';
  /** Slots on which this booking was forced beyond capacity. */
  forcedOn: SlotName[];
}
type Operation = { kind: 'book'; journee: boolean; minute: number; force: boolean } | { kind: 'cancel'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      journee: fc.boolean(),
      minute: fc.integer({ min: 0, max: 20 }),
      force: fc.constant(false),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      journee: fc.boolean(),
      minute: fc.integer({ min: 0, max: 20 }),
      force: fc.constant(true),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
);

function run(capacity: Record<SlotName, number>, operations: Operation[]): void {
  const requests: Request[] = [];
  const accepted = (slot: SlotName) => requests.filter((r) => r.status === 'booked' && r.slots.includes(slot)).length;
  const left = (slot: string) => placesLeft(capacity[slot as SlotName], accepted(slot as SlotName));
  const waitingOn = (slot: SlotName) => requests.filter((r) => r.status === 'waitlisted' && r.slots.includes(slot));

  operations.forEach((op, index) => {
    if (op.kind === 'book') {
      const entry = {
        id: `r${String(index).padStart(3, '0')}`,
        requestedAt: `2026-03-01T10:${String(op.minute).padStart(2, '0')}:00.000Z`,
      };
      const slots: SlotName[] = op.journee ? ['journee', 'repas'] : ['repas'];
      const decisions = slots.map((slot) => {
        const acceptedCount = accepted(slot);
        let ahead = waitingOn(slot).filter((w) => compareWaitlistEntries(w, entry) < 0).length;
        const free = placesLeft(capacity[slot], acceptedCount);
        if (ahead > 0 && free > 0 && free <= ahead) ahead = waitingAheadThatCanCome(entry, waitingOn(slot), left, slot);
        const decision = decideBooking({
          capacity: capacity[slot],
          acceptedCount,
          waitlistAhead: ahead,
          entry,
          force: op.force ? { reason: 'Urgence' } : undefined,
        });
        if (!decision.ok) throw new Error(decision.message);
        return { slot, value: decision.value };
      });
      const waits = decisions.some((d) => d.value.status === 'waitlisted');
      requests.push({
        ...entry,
        slots,
        status: waits ? 'waitlisted' : 'booked',
        forcedOn: decisions.filter((d) => d.value.status === 'booked' && d.value.overCapacity).map((d) => d.slot),
      });
    } else {
      const live = requests.filter((r) => r.status !== 'cancelled');
      if (live.length === 0) return;
      const target = live[op.pick % live.length]!;
      const held = target.status === 'booked';
      target.status = 'cancelled';
      if (!held) return;
      for (const slot of target.slots) {
        const waiting = waitingOn(slot);
        const places = new Map<string, number>(['journee', 'repas'].map((s) => [s, left(s)]));
        for (const id of promotionsAcrossSlots(slot, waiting, places)) requests.find((r) => r.id === id)!.status = 'booked';
      }
    }

    for (const slot of ['journee', 'repas'] as const) {
      const unforced = requests.filter((r) => r.status === 'booked' && r.slots.includes(slot) && !r.forcedOn.includes(slot));
      expect(unforced.length).toBeLessThanOrEqual(capacity[slot]);
    }
    for (const waiting of requests.filter((r) => r.status === 'waitlisted')) {
      expect(waiting.slots.some((slot) => left(slot) === 0)).toBe(true);
    }
  });
}

describe('bookings over two slots (journée + repas) and the repas alone', () => {
  it('never overbooks a slot unforced, and nobody waits while every slot they need has a place', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(operation, { minLength: 1, maxLength: 40 }),
        (journee, repas, operations) => run({ journee, repas }, operations),
      ),
      { numRuns: 400 },
    );
  });
});

describe('promotionsAcrossSlots', () => {
  const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

  it('passes over an entry blocked by another full slot, which keeps its rank', () => {
    const waiting = [
      { id: 'journee-1', requestedAt: at(1), slots: ['repas', 'journee'] },
      { id: 'repas-2', requestedAt: at(2), slots: ['repas'] },
      { id: 'repas-3', requestedAt: at(3), slots: ['repas'] },
    ];
    const places = new Map([
      ['repas', 1],
      ['journee', 0],
    ]);
    expect(promotionsAcrossSlots('repas', waiting, places)).toEqual(['repas-2']);
    places.set('journee', 1);
    expect(promotionsAcrossSlots('repas', waiting, places)).toEqual(['journee-1']);
  });

  it('is promotionsFor when every entry needs this slot only', () => {
    const waiting = [
      { id: 'b', requestedAt: at(2), slots: ['s'] },
      { id: 'a', requestedAt: at(1), slots: ['s'] },
      { id: 'c', requestedAt: at(3), slots: ['s'] },
    ];
    expect(promotionsAcrossSlots('s', waiting, new Map([['s', 2]]))).toEqual(['a', 'b']);
    expect(promotionsAcrossSlots('s', waiting, new Map([['s', 0]]))).toEqual([]);
  });

  it('counts ahead only the waiting entries that could come now', () => {
    const waiting = [
      { id: 'journee-1', requestedAt: at(1), slots: ['repas', 'journee'] },
      { id: 'repas-2', requestedAt: at(2), slots: ['repas'] },
    ];
    const entry = { id: 'new', requestedAt: at(5) };
    expect(waitingAheadThatCanCome(entry, waiting, (s) => (s === 'journee' ? 0 : 1), 'repas')).toBe(1);
    expect(waitingAheadThatCanCome(entry, waiting, () => 1, 'repas')).toBe(2);
  });
});
