import { describe, expect, it } from 'vitest';
import { billingClassOf, computeBillingMonth, isCesuEligible } from '../../../src/shared/domain/invoiceLines';
import { billedFrom, booking, inputs } from './fixtures';

const days = (n: number) => Array.from({ length: n }, (_, i) => `2026-11-${String(i + 2).padStart(2, '0')}`);

describe('billable bookings', () => {
  it('bills booked, attended, absent unjustified, late cancellations; not in-time, sick, justified, waitlisted', () => {
    const cases = [
      [{ status: 'booked' }, 'unit'],
      [{ status: 'attended' }, 'unit'],
      [{ status: 'absent', absenceJustified: false }, 'unit'],
      [{ status: 'absent', absenceJustified: true }, 'none'],
      [{ status: 'cancelled', cancelReason: 'late' }, 'lateCancellation'],
      [{ status: 'cancelled', cancelReason: 'inTime' }, 'none'],
      [{ status: 'cancelled', cancelReason: 'sick' }, 'none'],
      [{ status: 'waitlisted' }, 'none'],
    ] as const;
    for (const [fields, expected] of cases)
      expect(billingClassOf({ cancelReason: null, absenceJustified: false, ...fields }), JSON.stringify(fields)).toBe(expected);
  });

  it('groups by child, activity and unit price: 17 × 4,15 € = 70,55 € exactly', () => {
    const month = computeBillingMonth(
      inputs(days(17).map((date) => booking({ childId: 'zoe', householdId: 'h2', date })), {
        quotients: new Map([['h2', [{ id: 'q', value: 900, validFrom: '2026-01-01', validTo: '2026-12-31', createdAt: '' }]]]),
      }),
    );
    const [household] = month.households;
    expect(household!.lines).toHaveLength(1);
    expect(household!.lines[0]).toMatchObject({ label: 'Repas', quantity: 17, unitPriceCents: 415, amountCents: 7055, bracketLabel: 'B' });
    expect(household!.totalCents).toBe(7055);
    expect(month.totals.totalCents).toBe(7055);
  });

  it('prices siblings by rank (eldest first), non-residents, the top bracket without QF; CESU for the under-6 out of the canteen', () => {
    const bookings = [
      ...days(3).map((date) => booking({ childId: 'tom', householdId: 'h1', date })),
      ...days(3).map((date) => booking({ childId: 'lea', householdId: 'h1', date })),
      ...days(2).map((date) => booking({ childId: 'lea', householdId: 'h1', date, activityId: 'peri', unitId: 'soir' })),
      ...days(2).map((date) => booking({ childId: 'zoe', householdId: 'h2', date })),
      ...days(1).map((date) => booking({ childId: 'mael', householdId: 'h3', date })),
    ];
    const month = computeBillingMonth(inputs(bookings));
    expect(month.households.map((h) => h.householdName)).toEqual(['BERNARD', 'MARTIN', 'PETIT']);
    const [bernard, martin, petit] = month.households;
    expect(bernard!.lines[0]).toMatchObject({ unitPriceCents: 520, bracketLabel: 'C', amountCents: 1040 });
    expect(bernard!.anomalies.map((a) => a.code)).toEqual(['noQuotient']);
    expect(martin!.children.map((c) => c.firstName)).toEqual(['Tom', 'Léa']);
    expect(martin!.lines.map((l) => [l.childId, l.activityId, l.unitPriceCents, l.quantity, l.cesuEligible])).toEqual([
      ['tom', 'canteen', 310, 3, false],
      ['lea', 'canteen', 279, 3, false],
      ['lea', 'peri', 150, 2, true],
    ]);
    expect(martin!.lines[1]!.detail).toBe('Tranche A · 2e enfant −10 %');
    expect(martin!.cesuEligibleCents).toBe(300);
    expect(martin!.totalCents).toBe(930 + 837 + 300);
    expect(petit!.lines[0]).toMatchObject({ unitPriceCents: 600, detail: 'Tranche C · hors commune' });
  });

  it('CESU: under 6 on the day booked, never the canteen', () => {
    expect(isCesuEligible('periscolaire', '2020-11-15', '2026-11-14')).toBe(true);
    expect(isCesuEligible('periscolaire', '2020-11-15', '2026-11-15')).toBe(false);
    expect(isCesuEligible('canteen', '2022-01-01', '2026-11-15')).toBe(false);
    expect(isCesuEligible('holiday', '2022-01-01', '2026-11-15')).toBe(true);
  });

  it('late cancellation at the activity share; unbooked presence with its surcharge on its own line', () => {
    const month = computeBillingMonth(
      inputs([
        booking({ childId: 'zoe', householdId: 'h2', date: '2026-11-02', status: 'cancelled', cancelReason: 'late' }),
        booking({ childId: 'zoe', householdId: 'h2', date: '2026-11-03', unbooked: true }),
        booking({ childId: 'zoe', householdId: 'h2', date: '2026-11-05', status: 'cancelled', cancelReason: 'sick' }),
        booking({ childId: 'zoe', householdId: 'h2', date: '2026-11-06', status: 'absent', absenceJustified: true }),
      ]),
    );
    const lines = month.households[0]!.lines;
    expect(lines.map((l) => [l.kind, l.label, l.amountCents])).toEqual([
      ['unit', 'Repas', 520],
      ['unbookedSurcharge', 'Majoration présence non réservée — Repas', 260],
      ['lateCancellation', 'Annulation tardive — Repas', 520],
    ]);
  });

  it('never bills a booking twice; a change after billing is regularised once', () => {
    const bookings = days(4).map((date) => booking({ childId: 'zoe', householdId: 'h2', date }));
    const first = computeBillingMonth(inputs(bookings));
    expect(first.households[0]!.totalCents).toBe(2080);
    const billed = billedFrom(first);
    expect(computeBillingMonth(inputs(bookings, { billed })).households).toEqual([]);

    // Two days turn out justified absences, one a late cancellation (100 %: no change), one attended (no change).
    const changed = bookings.map((b, i) =>
      i < 2 ? { ...b, status: 'absent' as const, absenceJustified: true } : i === 2 ? { ...b, status: 'cancelled' as const, cancelReason: 'late' as const } : b,
    );
    const second = computeBillingMonth(inputs(changed, { billed }));
    const [household] = second.households;
    expect(household!.lines.map((l) => [l.kind, l.quantity, l.unitPriceCents, l.detail])).toEqual([['regularisation', 2, -520, 'absence justifiée']]);
    expect(household!.totalCents).toBe(-1040);
    expect(household!.anomalies.map((a) => a.code)).toEqual(['negativeTotal']);

    // Once regularised, the booking is frozen; a further change is only reported.
    const billedAgain = [...billed, ...billedFrom(second)];
    expect(computeBillingMonth(inputs(changed, { billed: billedAgain })).households).toEqual([]);
    const backAgain = changed.map((b, i) => (i === 0 ? { ...b, status: 'attended' as const, absenceJustified: false } : b));
    const third = computeBillingMonth(inputs(backAgain, { billed: billedAgain }));
    expect(third.households[0]!.lines).toEqual([]);
    expect(third.households[0]!.anomalies[0]!.code).toBe('changedAfterRegularisation');
  });

  it('a unit without tariff is a blocking anomaly and is left unbilled', () => {
    const month = computeBillingMonth(inputs([booking({ childId: 'zoe', householdId: 'h2', date: '2026-11-02', activityId: 'peri', unitId: 'soir' })], { tariffs: [] }));
    expect(month.households).toEqual([]);
    expect(month.anomalies).toMatchObject([{ code: 'noTariff', blocking: true, bookings: 1, dates: ['2026-11-02'] }]);
  });
});
