import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareWaitlistEntries,
  idsToPromote,
  sortWaitlist,
  waitlistPosition,
  type WaitlistEntry,
} from '../../../src/shared/domain/waitlist';

const entries: WaitlistEntry[] = [
  { id: 'b', requestedAt: '2026-03-01T10:00:00.000Z' },
  { id: 'c', requestedAt: '2026-03-01T09:00:00.000Z' },
  { id: 'a', requestedAt: '2026-03-01T10:00:00.000Z' },
  // Same instant as `a` and `b`, written with an offset: instants are compared, not strings.
  { id: 'd', requestedAt: '2026-03-01T11:00:00+01:00' },
];

describe('waitlist order', () => {
  it('orders by request instant, then by id', () => {
    expect(sortWaitlist(entries).map((entry) => entry.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('does not modify its input', () => {
    const copy = entries.map((entry) => ({ ...entry }));
    sortWaitlist(entries);
    expect(entries).toEqual(copy);
  });

  it('gives 1-based positions', () => {
    expect(waitlistPosition(entries, 'c')).toBe(1);
    expect(waitlistPosition(entries, 'd')).toBe(4);
    expect(waitlistPosition(entries, 'zz')).toBeUndefined();
  });

  it('promotes the first N', () => {
    expect(idsToPromote(entries, 2)).toEqual(['c', 'a']);
    expect(idsToPromote(entries, 10)).toEqual(['c', 'a', 'b', 'd']);
    expect(idsToPromote(entries, 0)).toEqual([]);
    expect(idsToPromote(entries, -3)).toEqual([]);
  });

  it('is a total order: the result does not depend on the input order', () => {
    const entry = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      requestedAt: fc.integer({ min: 0, max: 20 }).map((minute) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString()),
    });
    const listAndShuffle = fc
      .uniqueArray(entry, { selector: (e) => e.id, maxLength: 30 })
      .chain((list) =>
        fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
      );
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        expect(sortWaitlist(shuffled)).toEqual(sortWaitlist(list));
        const sorted = sortWaitlist(list);
        for (let i = 1; i < sorted.length; i++) {
          expect(compareWaitlistEntries(sorted[i - 1] as WaitlistEntry, sorted[i] as WaitlistEntry)).toBeLessThan(0);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
