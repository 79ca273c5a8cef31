// Pure inputs for computeBillingMonth: one canteen (repas), one périscolaire (soir), a few households.
import type { BillingInputs, BookingForBilling } from '../../../src/shared/domain/invoiceLines';
import type { Tariff } from '../../../src/shared/domain/tariffs';

export const canteenTariff: Tariff = {
  id: 'tc',
  activityId: 'canteen',
  unitId: null,
  label: '',
  validFrom: '2026-09-01',
  validTo: '2027-08-31',
  brackets: [
    { label: 'A', qfMin: 0, qfMax: 700, residentCents: 310, nonResidentCents: 450 },
    { label: 'B', qfMin: 701, qfMax: 1200, residentCents: 415, nonResidentCents: 520 },
    { label: 'C', qfMin: 1201, qfMax: null, residentCents: 520, nonResidentCents: 600 },
  ],
  siblingReductions: [
    { fromRank: 2, percent: 10 },
    { fromRank: 3, percent: 20 },
  ],
};
export const periTariff: Tariff = {
  id: 'tp',
  activityId: 'peri',
  unitId: null,
  label: '',
  validFrom: '2026-09-01',
  validTo: '2027-08-31',
  brackets: [{ label: 'U', qfMin: 0, qfMax: null, residentCents: 150, nonResidentCents: 200 }],
  siblingReductions: [],
};

let seq = 0;
export function booking(fields: Partial<BookingForBilling> & Pick<BookingForBilling, 'childId' | 'householdId' | 'date'>): BookingForBilling {
  seq++;
  return {
    id: `b${String(seq).padStart(5, '0')}`,
    activityId: 'canteen',
    unitId: 'repas',
    status: 'attended',
    cancelReason: null,
    absenceJustified: false,
    unbooked: false,
    ...fields,
  };
}

export function inputs(bookings: BookingForBilling[], extra: Partial<BillingInputs> = {}): BillingInputs {
  return {
    month: '2026-11',
    bookings,
    billed: [],
    tariffs: [canteenTariff, periTariff],
    penalties: new Map([['canteen', { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 50 } }]]),
    quotients: new Map([
      ['h1', [{ id: 'q1', value: 650, validFrom: '2026-01-01', validTo: '2026-12-31', createdAt: '2026-01-01T00:00:00Z' }]],
      ['h3', [{ id: 'q3', value: 1500, validFrom: '2026-01-01', validTo: '2026-12-31', createdAt: '2026-01-01T00:00:00Z' }]],
    ]),
    enrolments: [
      { childId: 'tom', activityId: 'canteen', fromDate: '2026-09-01', toDate: '2027-07-03', tariffCategory: 'resident' },
      { childId: 'lea', activityId: 'canteen', fromDate: '2026-09-01', toDate: '2027-07-03', tariffCategory: 'resident' },
      { childId: 'lea', activityId: 'peri', fromDate: '2026-09-01', toDate: '2027-07-03', tariffCategory: 'resident' },
      { childId: 'zoe', activityId: 'canteen', fromDate: '2026-09-01', toDate: '2027-07-03', tariffCategory: 'resident' },
      { childId: 'mael', activityId: 'canteen', fromDate: '2026-09-01', toDate: '2027-07-03', tariffCategory: 'nonResident' },
    ],
    children: new Map([
      ['tom', { firstName: 'Tom', lastName: 'Martin', birthDate: '2018-03-10' }],
      ['lea', { firstName: 'Léa', lastName: 'Martin', birthDate: '2020-11-15' }],
      ['zoe', { firstName: 'Zoé', lastName: 'Bernard', birthDate: '2019-02-02' }],
      ['mael', { firstName: 'Maël', lastName: 'Petit', birthDate: '2017-07-07' }],
    ]),
    households: new Map([
      ['h1', { name: 'MARTIN' }],
      ['h2', { name: 'BERNARD' }],
      ['h3', { name: 'PETIT' }],
    ]),
    activities: new Map([
      ['canteen', { name: 'Restauration scolaire', kind: 'canteen' as const, position: 0 }],
      ['peri', { name: 'Accueil périscolaire', kind: 'periscolaire' as const, position: 1 }],
    ]),
    units: new Map([
      ['repas', { name: 'Repas', position: 0 }],
      ['soir', { name: 'Soir', position: 0 }],
    ]),
    ...extra,
  };
}

/** What a run records for each billed booking, as the command stores it. */
export function billedFrom(month: ReturnType<typeof import('../../../src/shared/domain/invoiceLines').computeBillingMonth>) {
  return month.households.flatMap((h) =>
    h.lines.flatMap((l) => l.bookings.map((b) => ({ bookingId: b.bookingId, kind: b.kind, householdId: h.householdId, baseCents: b.baseCents, amountCents: b.amountCents }))),
  );
}
