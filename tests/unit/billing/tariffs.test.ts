import { describe, expect, it } from 'vitest';
import {
  bracketFor,
  checkBrackets,
  lateCancellationCents,
  overlappingTariff,
  quotientOn,
  siblingReductionPercent,
  tariffFor,
  unbookedSurchargeCents,
  unitPriceFor,
  type Tariff,
} from '../../../src/shared/domain/tariffs';

const brackets = [
  { label: 'A', qfMin: 0, qfMax: 700, residentCents: 310, nonResidentCents: 450 },
  { label: 'B', qfMin: 701, qfMax: 1200, residentCents: 415, nonResidentCents: 520 },
  { label: 'C', qfMin: 1201, qfMax: null, residentCents: 520, nonResidentCents: 600 },
];
const canteen: Tariff = {
  id: 't1',
  activityId: 'canteen',
  unitId: null,
  label: '2026-2027',
  validFrom: '2026-09-01',
  validTo: '2027-08-31',
  brackets,
  siblingReductions: [
    { fromRank: 2, percent: 10 },
    { fromRank: 3, percent: 20 },
  ],
};
const query = { activityId: 'canteen', unitId: 'repas', date: '2026-11-05', quotient: 650, category: 'resident' as const, siblingRank: 1 };

describe('tariffs', () => {
  it('prices by QF bracket and category', () => {
    expect(unitPriceFor([canteen], query)).toMatchObject({ bracketLabel: 'A', unitPriceCents: 310, noQuotient: false });
    expect(unitPriceFor([canteen], { ...query, quotient: 701 })).toMatchObject({ bracketLabel: 'B', unitPriceCents: 415 });
    expect(unitPriceFor([canteen], { ...query, quotient: 1200 })).toMatchObject({ bracketLabel: 'B' });
    expect(unitPriceFor([canteen], { ...query, quotient: 5000, category: 'nonResident' })).toMatchObject({ bracketLabel: 'C', unitPriceCents: 600 });
  });

  it('a household with no valid QF pays the top bracket', () => {
    expect(unitPriceFor([canteen], { ...query, quotient: null })).toMatchObject({ bracketLabel: 'C', unitPriceCents: 520, noQuotient: true });
    expect(bracketFor(brackets, null).label).toBe('C');
  });

  it('sibling reductions: -10 % for the 2nd child, -20 % from the 3rd, rounded once', () => {
    expect(siblingReductionPercent(canteen.siblingReductions, 1)).toBe(0);
    expect(siblingReductionPercent(canteen.siblingReductions, 2)).toBe(10);
    expect(siblingReductionPercent(canteen.siblingReductions, 5)).toBe(20);
    expect(unitPriceFor([canteen], { ...query, siblingRank: 2 })).toMatchObject({ baseCents: 310, unitPriceCents: 279 });
    expect(unitPriceFor([canteen], { ...query, quotient: 800, siblingRank: 2 })!.unitPriceCents).toBe(374); // 373.5
    expect(unitPriceFor([canteen], { ...query, quotient: 800, siblingRank: 3 })!.unitPriceCents).toBe(332);
  });

  it('validity periods; a unit tariff wins over the activity-wide one', () => {
    const soir: Tariff = { ...canteen, id: 't2', unitId: 'soir', brackets: [{ label: 'U', qfMin: 0, qfMax: null, residentCents: 200, nonResidentCents: 250 }] };
    const old: Tariff = { ...canteen, id: 't0', validFrom: '2025-09-01', validTo: '2026-08-31', brackets: brackets.map((b) => ({ ...b, residentCents: 300 })) };
    expect(tariffFor([old, canteen, soir], 'canteen', 'soir', '2026-11-05')?.id).toBe('t2');
    expect(tariffFor([old, canteen, soir], 'canteen', 'repas', '2026-11-05')?.id).toBe('t1');
    expect(tariffFor([old, canteen, soir], 'canteen', 'repas', '2026-06-05')?.id).toBe('t0');
    expect(tariffFor([old, canteen], 'canteen', 'repas', '2027-09-01')).toBeUndefined();
    expect(overlappingTariff([old, canteen], { ...canteen, id: 'new', validFrom: '2027-08-01', validTo: '2028-08-31' })?.id).toBe('t1');
    expect(overlappingTariff([old, canteen], { ...canteen, id: 'new', validFrom: '2027-09-01', validTo: '2028-08-31' })).toBeUndefined();
    expect(overlappingTariff([old, canteen], { ...canteen, id: 'new', unitId: 'soir' })).toBeUndefined();
  });

  it('brackets must cover every QF without gap or overlap, the last open-ended', () => {
    expect(checkBrackets(brackets)).toEqual([]);
    expect(checkBrackets([{ ...brackets[0]!, qfMin: 100 }, brackets[1]!, brackets[2]!])[0]).toMatch(/commence à un QF de 0/);
    expect(checkBrackets([brackets[0]!, { ...brackets[1]!, qfMin: 750 }, brackets[2]!])[0]).toMatch(/doit commencer à 701/);
    expect(checkBrackets([brackets[0]!, brackets[1]!])[0]).toMatch(/dernière tranche n'a pas de maximum/);
    expect(checkBrackets([brackets[0]!, { ...brackets[1]!, label: 'A' }, brackets[2]!])[0]).toMatch(/déjà utilisé/);
  });

  it('penalties: late cancellation share, unbooked surcharge in percent or fixed', () => {
    expect(lateCancellationCents(415, { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 0 } })).toBe(415);
    expect(lateCancellationCents(415, { lateCancellationPercent: 50, unbookedSurcharge: { kind: 'percent', percent: 0 } })).toBe(208);
    expect(unbookedSurchargeCents(415, { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 50 } })).toBe(208);
    expect(unbookedSurchargeCents(415, { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'fixed', amountCents: 200 } })).toBe(200);
  });

  it("the household's quotient on a day: the valid one, the last recorded when several", () => {
    const records = [
      { id: 'q1', value: 900, validFrom: '2026-01-01', validTo: '2026-12-31', createdAt: '2026-01-10T10:00:00Z' },
      { id: 'q2', value: 700, validFrom: '2026-06-01', validTo: '2026-12-31', createdAt: '2026-06-10T10:00:00Z' },
    ];
    expect(quotientOn(records, '2026-03-01')).toBe(900);
    expect(quotientOn(records, '2026-07-01')).toBe(700);
    expect(quotientOn(records, '2027-01-04')).toBeNull();
  });
});
