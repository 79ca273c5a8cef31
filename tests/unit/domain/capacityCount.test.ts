// decideBooking given a counted number of entries ahead decides exactly as when given the waiting list itself
// (the commands count with SQL; the property tests of capacity.test.ts exercise the list).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideBooking } from '../../../src/shared/domain/capacity';
import { compareWaitlistEntries } from '../../../src/shared/domain/waitlist';

const instant = fc.integer({ min: 0, max: 50 }).map((m) => new Date(Date.UTC(2026, 10, 26, 9, m)).toISOString());
const entry = fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), requestedAt: instant });

describe('decideBooking with a counted waiting list', () => {
  it('matches the decision computed from the list', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(6), fc.array(entry, { maxLength: 8 }), entry, (capacity, accepted, waitlist, me) => {
        const ahead = waitlist.filter((w) => w.id !== me.id && compareWaitlistEntries(w, me) < 0).length;
        const fromList = decideBooking({ capacity, acceptedCount: accepted, waitlist, entry: me });
        const fromCount = decideBooking({ capacity, acceptedCount: accepted, waitlistAhead: ahead, entry: me });
        expect(fromCount).toEqual(fromList);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
