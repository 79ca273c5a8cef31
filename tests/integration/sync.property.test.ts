// Property: random bookings and cancellations on two desks with random disconnections and lost responses;
// once everyone syncs with no new writes, both desks equal the hub row for row, and accepted bookings never
// exceed capacity on any (unit, group, day).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedCanteen } from '../fixtures/commune';
import { canonicalHashes, cleanup, connectedDesk, startHub, type TestDesk } from '../fixtures/hubHarness';

const clock = () => new Date('2026-11-26T09:00:00Z');
const DATES = ['2026-12-01', '2026-12-03', '2026-12-04'];
const CAPACITY = 2;

type Op =
  | { kind: 'book'; desk: 0 | 1; family: number; date: number }
  | { kind: 'cancel'; desk: 0 | 1; family: number; date: number; sick: boolean }
  | { kind: 'sync'; desk: 0 | 1; network: 'ok' | 'down' | 'lostResponse' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('book' as const), desk: fc.constantFrom(0 as const, 1 as const), family: fc.nat(4), date: fc.nat(DATES.length - 1) }),
  fc.record({ kind: fc.constant('cancel' as const), desk: fc.constantFrom(0 as const, 1 as const), family: fc.nat(4), date: fc.nat(DATES.length - 1), sick: fc.boolean() }),
  fc.record({ kind: fc.constant('sync' as const), desk: fc.constantFrom(0 as const, 1 as const), network: fc.constantFrom('ok' as const, 'down' as const, 'lostResponse' as const) }),
);

describe('sync convergence (property)', () => {
  it('converges with capacity intact whatever the order, losses and disconnections', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 30 }), async (ops) => {
        const hub = await startHub(undefined, clock);
        // Each desk's network: 'ok', 'down' (nothing reaches the hub) or 'lostResponse' (the hub acts, the answer is lost).
        const network: Array<'ok' | 'down' | 'lostResponse'> = ['ok', 'ok'];
        const flaky = (i: 0 | 1): typeof fetch => async (input, init) => {
          if (network[i] === 'down') throw new TypeError('fetch failed (réseau coupé)');
          const response = await fetch(input, init);
          if (network[i] === 'lostResponse') throw new TypeError('fetch failed (réponse perdue)');
          return response;
        };
        const desks: TestDesk[] = [];
        try {
          desks.push(await connectedDesk(hub, 'Mairie', clock, flaky(0)));
          const { unitId, families } = await seedCanteen(desks[0]!.must, desks[0]!.call, { families: ['A', 'B', 'C', 'D', 'E'], capacity: CAPACITY });
          await desks[0]!.core.sync!.syncNow();
          desks.push(await connectedDesk(hub, 'Centre', clock, flaky(1)));
          await desks[1]!.core.sync!.syncNow();

          for (const op of ops) {
            const desk = desks[op.desk]!;
            if (op.kind === 'sync') {
              network[op.desk] = op.network;
              await desk.core.sync!.syncNow();
              network[op.desk] = 'ok';
            } else if (op.kind === 'book') {
              const family = families[op.family]!;
              await desk.must('booking.book', { householdId: family.householdId, childId: family.childId, items: [{ unitId, date: DATES[op.date] }] });
            } else {
              const family = families[op.family]!;
              const grid = await desk.call('reservations.month', { householdId: family.householdId, month: '2026-12' });
              const cell = grid.children[0].activities[0].cells.find((c: any) => c.date === DATES[op.date]);
              if (cell?.bookingId) await desk.must('booking.cancel', { bookingIds: [cell.bookingId], reason: op.sick ? 'sick' : 'standard' });
            }
          }
          // Everyone syncs with no new writes.
          for (let round = 0; round < 3; round++) for (const d of desks) await d.core.sync!.syncNow();

          const reference = canonicalHashes(hub.hub.sqlite);
          for (const d of desks) {
            expect(d.core.sync!.status().pending).toBe(0);
            expect(canonicalHashes(d.core.store.sqlite)).toEqual(reference);
          }
          const over = hub.hub.sqlite
            .prepare(
              `SELECT date, group_id, count(*) AS n FROM bookings WHERE status IN ('booked','attended','absent') AND forced_reason = ''
               GROUP BY date, group_id HAVING n > ?`,
            )
            .all(CAPACITY);
          expect(over).toEqual([]);
          // FIFO: nobody waits on a day that has a free place.
          const waitingWithRoom = hub.hub.sqlite
            .prepare(
              `SELECT w.date FROM bookings w WHERE w.status = 'waitlisted' AND
                 (SELECT count(*) FROM bookings b WHERE b.date = w.date AND b.group_id = w.group_id AND b.status IN ('booked','attended','absent')) < ?`,
            )
            .all(CAPACITY);
          expect(waitingWithRoom).toEqual([]);
        } finally {
          for (const d of desks) await d.core.close();
          await hub.stop();
          cleanup(hub.dataDir, ...desks.map((d) => d.dir));
        }
      }),
      { seed: 20261126, numRuns: 25 },
    );
  }, 120_000);
});
