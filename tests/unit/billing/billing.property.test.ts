// Property tests of the pure billing rules (fast-check, seeded): for random bookings, tariffs and changes after
// billing, lines are exact in cents, nothing is billed twice, and what a booking is billed in total (over every
// run) is what its current state is worth at the price it was first billed at. For random payments, an
// allocation never exceeds what an invoice owes nor what a payment brings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateExplicit, allocateOldestFirst, drawCredit } from '../../../src/shared/domain/allocation';
import { billingClassOf, computeBillingMonth, type BilledEntry, type BookingForBilling } from '../../../src/shared/domain/invoiceLines';
import { sumCents, times } from '../../../src/shared/domain/money';
import { lateCancellationCents, unbookedSurchargeCents, type ActivityPenalties, type Tariff } from '../../../src/shared/domain/tariffs';
import { billedFrom, inputs } from './fixtures';

const SEED = 20261126;
const households = ['h1', 'h2', 'h3'];
const childrenOf: Record<string, string[]> = { h1: ['tom', 'lea'], h2: ['zoe'], h3: ['mael'] };

const state = fc.constantFrom<Pick<BookingForBilling, 'status' | 'cancelReason' | 'absenceJustified' | 'unbooked'>>(
  { status: 'booked', cancelReason: null, absenceJustified: false, unbooked: false },
  { status: 'attended', cancelReason: null, absenceJustified: false, unbooked: false },
  { status: 'attended', cancelReason: null, absenceJustified: false, unbooked: true },
  { status: 'absent', cancelReason: null, absenceJustified: true, unbooked: false },
  { status: 'absent', cancelReason: null, absenceJustified: false, unbooked: false },
  { status: 'cancelled', cancelReason: 'late', absenceJustified: false, unbooked: false },
  { status: 'cancelled', cancelReason: 'inTime', absenceJustified: false, unbooked: false },
  { status: 'cancelled', cancelReason: 'sick', absenceJustified: false, unbooked: false },
  { status: 'waitlisted', cancelReason: null, absenceJustified: false, unbooked: false },
);

const bookingArb = fc.record({
  household: fc.constantFrom(...households),
  childIndex: fc.nat(1),
  day: fc.integer({ min: 2, max: 30 }),
  peri: fc.boolean(),
  state,
  later: fc.option(state, { nil: undefined }),
});

const tariffArb = fc.record({
  prices: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 3, maxLength: 3 }),
  nonResident: fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: 3, maxLength: 3 }),
  reduction2: fc.integer({ min: 0, max: 50 }),
  reduction3: fc.integer({ min: 0, max: 60 }),
  late: fc.integer({ min: 0, max: 100 }),
  surcharge: fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), percent: fc.integer({ min: 0, max: 200 }) }),
    fc.record({ kind: fc.constant('fixed' as const), amountCents: fc.integer({ min: 0, max: 1000 }) }),
  ),
});

function dueAt(b: BookingForBilling, base: number, penalties: ActivityPenalties): number {
  const c = billingClassOf(b);
  if (c === 'none') return 0;
  if (c === 'lateCancellation') return lateCancellationCents(base, penalties);
  return base + (b.unbooked ? unbookedSurchargeCents(base, penalties) : 0);
}

describe('billing properties', () => {
  it('exact lines, never billed twice, billed total converges to what is due', () => {
    fc.assert(
      fc.property(fc.array(bookingArb, { maxLength: 60 }), tariffArb, (specs, t) => {
        const seen = new Set<string>();
        const bookings: BookingForBilling[] = [];
        const later = new Map<string, BookingForBilling>();
        specs.forEach((s, i) => {
          const children = childrenOf[s.household]!;
          const childId = children[s.childIndex % children.length]!;
          const unitId = s.peri ? 'soir' : 'repas';
          const date = `2026-11-${String(s.day).padStart(2, '0')}`;
          const key = `${childId}|${unitId}|${date}`;
          if (seen.has(key)) return;
          seen.add(key);
          const b: BookingForBilling = { id: `b${i}`, childId, householdId: s.household, activityId: s.peri ? 'peri' : 'canteen', unitId, date, ...s.state };
          bookings.push(b);
          if (s.later) later.set(b.id, { ...b, ...s.later });
        });
        const canteen: Tariff = {
          id: 'tc',
          activityId: 'canteen',
          unitId: null,
          label: '',
          validFrom: '2026-09-01',
          validTo: '2027-08-31',
          brackets: [
            { label: 'A', qfMin: 0, qfMax: 700, residentCents: t.prices[0]!, nonResidentCents: t.nonResident[0]! },
            { label: 'B', qfMin: 701, qfMax: 1200, residentCents: t.prices[1]!, nonResidentCents: t.nonResident[1]! },
            { label: 'C', qfMin: 1201, qfMax: null, residentCents: t.prices[2]!, nonResidentCents: t.nonResident[2]! },
          ],
          siblingReductions: [
            { fromRank: 2, percent: t.reduction2 },
            { fromRank: 3, percent: t.reduction3 },
          ],
        };
        const penalties: ActivityPenalties = { lateCancellationPercent: t.late, unbookedSurcharge: t.surcharge };
        const base = inputs([], { penalties: new Map([['canteen', penalties], ['peri', penalties]]) });
        const tariffs = [canteen, base.tariffs[1]!];

        const billed: BilledEntry[] = [];
        const run = (list: BookingForBilling[]) => {
          const month = computeBillingMonth({ ...base, tariffs, bookings: list, billed: [...billed] });
          for (const h of month.households) {
            for (const l of h.lines) {
              expect(l.amountCents).toBe(times(l.unitPriceCents, l.quantity));
              expect(sumCents(l.bookings.map((b) => b.amountCents))).toBe(l.amountCents);
              expect(l.quantity).toBe(l.bookings.length);
            }
            expect(h.totalCents).toBe(sumCents(h.lines.map((l) => l.amountCents)));
            expect(h.cesuEligibleCents).toBe(sumCents(h.lines.filter((l) => l.cesuEligible).map((l) => l.amountCents)));
          }
          expect(month.totals.totalCents).toBe(sumCents(month.households.map((h) => h.totalCents)));
          const entries = billedFrom(month);
          for (const e of entries) {
            const key = `${e.bookingId}:${e.kind}`;
            expect(billed.some((x) => `${x.bookingId}:${x.kind}` === key), key).toBe(false);
          }
          billed.push(...entries);
          return month;
        };

        run(bookings);
        // Run again with nothing changed: nothing new.
        expect(run(bookings).households.filter((h) => h.lines.length > 0)).toEqual([]);
        // Bookings change after billing (marks, cancellations…); the next run regularises.
        const changed = bookings.map((b) => later.get(b.id) ?? b);
        run(changed);
        for (const b of changed) {
          const entries = billed.filter((e) => e.bookingId === b.id);
          const total = sumCents(entries.map((e) => e.amountCents));
          if (entries.length === 0) {
            // Never billed: nothing due, or due at a zero price.
            expect(billingClassOf(b) === 'none' || dueAt(b, 0, penalties) === 0 || tariffs.every((x) => x.brackets.every((br) => br.residentCents === 0 && br.nonResidentCents === 0))).toBe(true);
            continue;
          }
          expect(total, `booking ${b.id} ${b.status}`).toBe(dueAt(b, entries[0]!.baseCents, penalties));
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('allocations never exceed what an invoice owes or what a payment brings', () => {
    const openArb = fc.array(
      fc.record({ invoiceId: fc.uuid(), issueDate: fc.constantFrom('2026-10-01', '2026-11-02', '2026-12-01'), number: fc.string(), openCents: fc.integer({ min: 1, max: 50_000 }) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(openArb, fc.integer({ min: 1, max: 200_000 }), fc.array(fc.integer({ min: 1, max: 60_000 }), { maxLength: 8 }), (open, amount, requests) => {
        const oldest = allocateOldestFirst(amount, open);
        expect(sumCents(oldest.allocations.map((a) => a.amountCents)) + oldest.leftCents).toBe(amount);
        for (const a of oldest.allocations) expect(a.amountCents).toBeLessThanOrEqual(open.find((o) => o.invoiceId === a.invoiceId)!.openCents);
        // Leftover only when every invoice is paid off.
        if (oldest.leftCents > 0) expect(sumCents(oldest.allocations.map((a) => a.amountCents))).toBe(sumCents(open.map((o) => o.openCents)));

        const explicit = allocateExplicit(
          amount,
          requests.map((r, i) => ({ invoiceId: open[i % Math.max(1, open.length)]?.invoiceId ?? 'x', amountCents: r })),
          open,
        );
        expect(sumCents(explicit.allocations.map((a) => a.amountCents)) + explicit.leftCents).toBe(amount);
        const perInvoice = new Map<string, number>();
        for (const a of explicit.allocations) perInvoice.set(a.invoiceId, (perInvoice.get(a.invoiceId) ?? 0) + a.amountCents);
        for (const [invoiceId, total] of perInvoice) expect(total).toBeLessThanOrEqual(open.find((o) => o.invoiceId === invoiceId)!.openCents);

        const drawn = drawCredit(
          open.map((o, i) => ({ kind: i % 2 ? 'payment' : 'creditNote', id: o.invoiceId, date: o.issueDate, availableCents: o.openCents })),
          amount,
        );
        expect(sumCents(drawn.map((d) => d.amountCents))).toBe(Math.min(amount, sumCents(open.map((o) => o.openCents))));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
