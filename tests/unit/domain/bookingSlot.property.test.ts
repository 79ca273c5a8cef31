// Random sequences of book / force / cancel on one (unit, group, day), driven through the pure rules the
// commands will use (decideBooking, then promotionsFor after every change), checking the capacity and FIFO
// invariants of ARCHITECTURE.md after every step.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideBooking, promotionsFor } from '../../../src/shared/domain/capacity';
import { compareWaitlistEntries, sortWaitlist, waitlistPosition, type WaitlistEntry } from '../../../src/shared/domain/waitlist';

type Operation = { kind: 'book'; minute: number; forceReason?: string } | { kind: 'cancel'; pick: number };

interface Accepted {
  entry: WaitlistEntry;
  overCapacity: boolean;
  reason?: string;
}

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('book' as const), minute: fc.integer({ min: 0, max: 30 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      minute: fc.integer({ min: 0, max: 30 }),
      forceReason: fc.constantFrom('', '   ', 'Urgence sociale', 'Placement ASE'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
);

function run(capacity: number, operations: Operation[]): void {
  const accepted = new Map<string, Accepted>();
  let waitlist: WaitlistEntry[] = [];
  let counter = 0;

  const promote = () => {
    const ids = promotionsFor({ capacity, acceptedCount: accepted.size, waitlist });
    const promoted = waitlist.filter((entry) => ids.includes(entry.id));
    waitlist = waitlist.filter((entry) => !ids.includes(entry.id));
    // FIFO: everyone promoted was ahead of everyone still waiting.
    for (const done of promoted) {
      for (const waiting of waitlist) expect(compareWaitlistEntries(done, waiting)).toBeLessThan(0);
    }
    for (const entry of promoted) accepted.set(entry.id, { entry, overCapacity: false });
  };

  for (const op of operations) {
    if (op.kind === 'book') {
      // Ids in an order unrelated to creation, and request instants out of arrival order with ties,
      // so that both parts of the FIFO key matter.
      const id = `b${String((counter++ * 7919) % 1000).padStart(3, '0')}`;
      const entry = { id, requestedAt: new Date(Date.UTC(2026, 2, 1, 9, op.minute)).toISOString() };
      const force = op.forceReason === undefined ? undefined : { reason: op.forceReason };
      const decision = decideBooking({ capacity, acceptedCount: accepted.size, waitlist, entry, force });
      if (!decision.ok) {
        expect(decision.code).toBe('forceReasonRequired');
        expect(op.forceReason?.trim()).toBe('');
      } else if (decision.value.status === 'booked') {
        if (decision.value.overCapacity) expect(op.forceReason?.trim()).toBeTruthy();
        accepted.set(id, { entry, overCapacity: decision.value.overCapacity, reason: decision.value.forceReason });
      } else {
        waitlist.push(entry);
        expect(waitlistPosition(waitlist, id)).toBe(decision.value.position);
      }
      promote();
    } else {
      const live = [...accepted.keys(), ...waitlist.map((entry) => entry.id)];
      if (live.length === 0) continue;
      const id = live[op.pick % live.length] as string;
      if (accepted.has(id)) {
        const first = sortWaitlist(waitlist)[0];
        accepted.delete(id);
        const placeFreed = accepted.size < capacity;
        promote();
        // Cancelling an accepted booking promotes the first waiting entry, unless the slot stays overbooked.
        if (first && placeFreed) expect(accepted.has(first.id)).toBe(true);
      } else {
        waitlist = waitlist.filter((entry) => entry.id !== id);
      }
    }

    // Capacity: only forced bookings with a reason go beyond it.
    const forcedOver = [...accepted.values()].filter((booking) => booking.overCapacity);
    expect(accepted.size).toBeLessThanOrEqual(capacity + forcedOver.length);
    for (const booking of forcedOver) expect(booking.reason?.trim()).toBeTruthy();
    // Nobody waits while a place is free.
    if (waitlist.length > 0) expect(accepted.size).toBeGreaterThanOrEqual(capacity);
    // Positions are 1..n in FIFO order.
    sortWaitlist(waitlist).forEach((entry, index) => expect(waitlistPosition(waitlist, entry.id)).toBe(index + 1));
  }
}

describe('one (unit, group, day) under random book / force / cancel sequences', () => {
  it('keeps capacity, FIFO order and promotion on cancellation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(operation, { maxLength: 60 }), (capacity, operations) =>
        run(capacity, operations),
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('never accepts anything on a day closed for the group', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 20 }), (operations) => {
        for (const op of operations) {
          if (op.kind !== 'book') continue;
          const force = op.forceReason === undefined ? undefined : { reason: op.forceReason };
          const entry = { id: 'x', requestedAt: '2026-03-01T09:00:00.000Z' };
          expect(decideBooking({ capacity: 0, acceptedCount: 0, waitlist: [], entry, force }).ok).toBe(false);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
