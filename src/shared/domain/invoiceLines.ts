// Billable lines of a month: from the bookings of the month, what each household owes, line by line (child ×
// activity × unit × kind × unit price), with every billed booking referenced so that re-running a month never
// bills a booking twice. Pure: the command (invoice.issueMonth) and the draft query load the rows and call
// `computeBillingMonth`; the same inputs always give the same lines, in the same order.
//
// What is billed (one booking = one child on one unit on one day):
// - booked (not marked yet), attended, absent without justification: the unit price;
// - attended without booking (présence non réservée): the unit price + the activity's surcharge (own line);
// - cancelled late: the late-cancellation share of the unit price;
// - cancelled in time, cancelled for illness (sick), justified absence, waitlisted: nothing.
// A booking is billed once per kind (`unit`, `unbookedSurcharge`, `lateCancellation`, `regularisation`); the
// store keeps (booking, kind) unique. When a booking already billed changes what it calls for afterwards (billed
// as booked, then a justified absence is recorded; billed as a late cancellation, then attended…), the next run
// bills ONE regularisation: what is due now at the price billed then, minus what was billed (negative for a
// refund). A tariff or penalty edited later never reprices what was billed. After a regularisation the booking
// is frozen: a further change is reported (changedAfterRegularisation) and corrected by a credit note.
// Sibling rank: among the household's children with something billable on the activity this month, the eldest
// (earliest birth date, then id) is rank 1. CESU: see `isCesuEligible`.
import { formatEuros, sumCents, times, type Cents } from './money';
import { foldText } from './search';
import {
  lateCancellationCents,
  priceWithTariff,
  quotientOn,
  tariffFor,
  unbookedSurchargeCents,
  defaultPenalties,
  type ActivityPenalties,
  type QuotientRecord,
  type Tariff,
  type TariffCategory,
  type UnitPrice,
} from './tariffs';
import type { IsoDate } from './dates';

export const billingKinds = ['unit', 'unbookedSurcharge', 'lateCancellation', 'regularisation'] as const;
export type BillingKind = (typeof billingKinds)[number];

export type BookingStatus = 'booked' | 'waitlisted' | 'cancelled' | 'attended' | 'absent';

export interface BookingForBilling {
  id: string;
  childId: string;
  householdId: string;
  activityId: string;
  unitId: string;
  date: IsoDate;
  status: BookingStatus;
  cancelReason: 'inTime' | 'late' | 'sick' | null;
  absenceJustified: boolean;
  unbooked: boolean;
}

/** A booking already billed (a row of billed_bookings). */
export interface BilledEntry {
  bookingId: string;
  kind: BillingKind;
  householdId: string;
  /** The unit price the booking was billed at (after sibling reduction). */
  baseCents: Cents;
  amountCents: Cents;
}

/** What a booking's state calls for. `unit` includes the surcharge when `surcharge` is set. */
export type BillingClass = 'none' | 'unit' | 'lateCancellation';

export function billingClassOf(b: Pick<BookingForBilling, 'status' | 'cancelReason' | 'absenceJustified'>): BillingClass {
  switch (b.status) {
    case 'booked':
    case 'attended':
      return 'unit';
    case 'absent':
      return b.absenceJustified ? 'none' : 'unit';
    case 'cancelled':
      return b.cancelReason === 'late' ? 'lateCancellation' : 'none';
    case 'waitlisted':
      return 'none';
  }
}

/** French words for a booking's state, used in regularisation lines. */
export function describeBookingState(b: Pick<BookingForBilling, 'status' | 'cancelReason' | 'absenceJustified' | 'unbooked'>): string {
  switch (b.status) {
    case 'booked':
      return 'réservé';
    case 'attended':
      return b.unbooked ? 'présence non réservée' : 'présent';
    case 'absent':
      return b.absenceJustified ? 'absence justifiée' : 'absence non justifiée';
    case 'waitlisted':
      return "liste d'attente";
    case 'cancelled':
      return b.cancelReason === 'late' ? 'annulation tardive' : b.cancelReason === 'sick' ? 'annulation pour maladie' : 'annulé dans les délais';
  }
}

export type ActivityKind = 'periscolaire' | 'canteen' | 'wednesday' | 'holiday';

/**
 * CESU préfinancé pays for childcare outside the home of children under 6 (accueil périscolaire, mercredis and
 * accueils de loisirs). Rule applied: a line is CESU-eligible when its activity is not the canteen (meals are
 * not childcare) and the child has not reached their 6th birthday on the day booked. The eligible part of an
 * invoice is the sum of its eligible lines; it is printed so that families can pay that part in CESU.
 */
export function isCesuEligible(activityKind: ActivityKind, birthDate: IsoDate, date: IsoDate): boolean {
  if (activityKind === 'canteen') return false;
  const sixth = `${String(Number(birthDate.slice(0, 4)) + 6).padStart(4, '0')}${birthDate.slice(4)}`;
  return date < sixth;
}

export interface BillingInputs {
  /** `YYYY-MM`: the month whose bookings are billed (the caller loads only those). */
  month: string;
  /** The month's bookings, best sorted by date then id (they are sorted here otherwise). */
  bookings: readonly BookingForBilling[];
  billed: readonly BilledEntry[];
  tariffs: readonly Tariff[];
  penalties: ReadonlyMap<string, ActivityPenalties>;
  /** Household id → its quotient records. */
  quotients: ReadonlyMap<string, readonly QuotientRecord[]>;
  enrolments: readonly { childId: string; activityId: string; fromDate: IsoDate; toDate: IsoDate; tariffCategory: TariffCategory }[];
  children: ReadonlyMap<string, { firstName: string; lastName: string; birthDate: IsoDate }>;
  households: ReadonlyMap<string, { name: string }>;
  activities: ReadonlyMap<string, { name: string; kind: ActivityKind; position: number }>;
  units: ReadonlyMap<string, { name: string; position: number }>;
}

export interface LineBooking {
  bookingId: string;
  kind: BillingKind;
  date: IsoDate;
  baseCents: Cents;
  amountCents: Cents;
}

export interface DraftLine {
  childId: string;
  activityId: string;
  unitId: string;
  kind: BillingKind;
  /** French, as printed: `Repas`, `Annulation tardive — Repas`, `Régularisation — Repas`. */
  label: string;
  /** French details: `Tranche B · 2e enfant −10 %`, `absence justifiée`… */
  detail: string;
  tariffId: string | null;
  bracketLabel: string | null;
  quantity: number;
  unitPriceCents: Cents;
  /** quantity × unitPriceCents, exact. */
  amountCents: Cents;
  cesuEligible: boolean;
  dates: IsoDate[];
  bookings: LineBooking[];
}

export type AnomalyCode = 'noTariff' | 'noQuotient' | 'noEnrolment' | 'negativeTotal' | 'changedAfterRegularisation';

export interface Anomaly {
  code: AnomalyCode;
  /** Blocking anomalies stop `invoice.issueMonth`; the others are warnings for the régisseur. */
  blocking: boolean;
  /** French, ready to show. */
  message: string;
  householdId?: string;
  childId?: string;
  activityId?: string;
  unitId?: string;
  dates?: IsoDate[];
  /** How many bookings it concerns. */
  bookings?: number;
}

export interface DraftActivity {
  activityId: string;
  activityName: string;
  lines: DraftLine[];
  totalCents: Cents;
}

export interface DraftChild {
  childId: string;
  firstName: string;
  lastName: string;
  activities: DraftActivity[];
  totalCents: Cents;
}

export interface DraftHousehold {
  householdId: string;
  householdName: string;
  children: DraftChild[];
  /** Every line of the household in printing order (children → activities → lines). */
  lines: DraftLine[];
  totalCents: Cents;
  cesuEligibleCents: Cents;
  anomalies: Anomaly[];
}

export interface BillingMonth {
  month: string;
  households: DraftHousehold[];
  /** Commune-wide anomalies (a unit with no tariff…). */
  anomalies: Anomaly[];
  totals: { households: number; lines: number; bookings: number; totalCents: Cents };
}

/** One billed thing about one booking, before grouping into lines. */
interface Component {
  householdId: string;
  kind: BillingKind;
  baseCents: Cents;
  amountCents: Cents;
  price?: UnitPrice;
  category?: TariffCategory;
  rank?: number;
  /** Regularisation: the booking's state now, in French. */
  reason?: string;
  cesuEligible: boolean;
}

const kindOrder: Record<BillingKind, number> = { unit: 0, unbookedSurcharge: 1, lateCancellation: 2, regularisation: 3 };
const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;
const ordinal = (rank: number) => (rank === 1 ? '1er' : `${rank}e`);

const compareBookings = (a: BookingForBilling, b: BookingForBilling) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function byDateThenId(bookings: readonly BookingForBilling[]): readonly BookingForBilling[] {
  for (let i = 1; i < bookings.length; i++) if (compareBookings(bookings[i - 1]!, bookings[i]!) > 0) return [...bookings].sort(compareBookings);
  return bookings;
}

/** `map.get(key)`, creating the value with `make` when absent. */
function upsert<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

type Enrolment = BillingInputs['enrolments'][number];

/**
 * How a day is priced for a slot: the unit price and the category applied. Days priced alike share one
 * PricedDay, which holds their lines (by kind and CESU eligibility), so grouping needs no key per booking.
 */
interface PricedDay {
  price: UnitPrice;
  category: TariffCategory;
  noEnrolment: boolean;
  /** Index: kindOrder[kind] * 2 + (cesuEligible ? 1 : 0). */
  lines: (DraftLine | undefined)[];
}

/**
 * Everything about one (household, child, unit) that does not change from one day to the next, with the
 * days already priced and the lines being built. A month is a few hundred thousand bookings: each one costs
 * three map lookups to find its slot, then only work on short keys.
 */
interface Slot {
  householdId: string;
  childId: string;
  activityId: string;
  unitId: string;
  rank: number;
  /** The 6th birthday (CESU), '' when unknown. */
  sixth: string;
  /** The activity is not the canteen (CESU). */
  childcare: boolean;
  penalties: ActivityPenalties;
  enrolments: Enrolment[];
  /** The last day priced, and what it was priced from: most days of a month price the same. */
  last?: { tariff: Tariff; quotient: number | null; enrolment: Enrolment | undefined; day: PricedDay };
  /** PricedDays of the slot by their pricing (tariff, bracket, reduction, category…). */
  pricings: Map<string, PricedDay>;
  /** Regularisation lines, by reason, amount and CESU eligibility. */
  regularisations: Map<string, DraftLine>;
  /** Every line of the slot, in creation order. */
  lines: DraftLine[];
}

function priced(booking: BookingForBilling, slot: Slot, day: PricedDay, kind: BillingKind, amountCents: Cents, cesuEligible: boolean): Component {
  return {
    householdId: booking.householdId,
    kind,
    baseCents: day.price.unitPriceCents,
    amountCents,
    price: day.price,
    category: day.category,
    rank: slot.rank,
    reason: undefined,
    cesuEligible,
  };
}

/** The billable lines of a month, per household, from bookings, what was already billed, tariffs and quotients. */
export function computeBillingMonth(inputs: BillingInputs): BillingMonth {
  const billedByBooking = new Map<string, BilledEntry[]>();
  for (const entry of inputs.billed) {
    const list = billedByBooking.get(entry.bookingId);
    if (list) list.push(entry);
    else billedByBooking.set(entry.bookingId, [entry]);
  }
  const ranks = siblingRanks(inputs);
  const enrolmentsByChild = new Map<string, Enrolment[]>();
  for (const e of inputs.enrolments) upsert(enrolmentsByChild, e.childId, () => []).push(e);
  const tariffsByUnit = new Map<string, Map<string, Tariff | null>>();
  const quotientsByHousehold = new Map<string, Map<string, number | null>>();
  const slots = new Map<string, Map<string, Map<string, Slot>>>();

  const unpriced = new Map<string, { activityId: string; unitId: string; dates: Set<string>; count: number }>();
  const noQuotient = new Map<string, Set<string>>();
  const noEnrolment = new Map<string, { householdId: string; childId: string; activityId: string; dates: Set<string> }>();
  const frozen = new Map<string, { householdId: string; childId: string; activityId: string; dates: Set<string> }>();

  const slotOf = (householdId: string, b: BookingForBilling): Slot => {
    let byChild = slots.get(householdId);
    if (!byChild) slots.set(householdId, (byChild = new Map()));
    let byUnit = byChild.get(b.childId);
    if (!byUnit) byChild.set(b.childId, (byUnit = new Map()));
    let slot = byUnit.get(b.unitId);
    if (!slot) {
      const birthDate = inputs.children.get(b.childId)?.birthDate;
      slot = {
        householdId,
        childId: b.childId,
        activityId: b.activityId,
        unitId: b.unitId,
        rank: ranks.get(householdId)?.get(b.activityId)?.get(b.childId) ?? 1,
        // Same rule as isCesuEligible, with the 6th birthday computed once per child.
        sixth: birthDate ? `${String(Number(birthDate.slice(0, 4)) + 6).padStart(4, '0')}${birthDate.slice(4)}` : '',
        childcare: (inputs.activities.get(b.activityId)?.kind ?? 'canteen') !== 'canteen',
        penalties: inputs.penalties.get(b.activityId) ?? defaultPenalties,
        enrolments: (enrolmentsByChild.get(b.childId) ?? []).filter((e) => e.activityId === b.activityId),
        pricings: new Map(),
        regularisations: new Map(),
        lines: [],
      };
      byUnit.set(b.unitId, slot);
    }
    return slot;
  };

  const priceDay = (slot: Slot, date: string): PricedDay | null => {
    let byDate = tariffsByUnit.get(slot.unitId);
    if (!byDate) tariffsByUnit.set(slot.unitId, (byDate = new Map()));
    let tariff = byDate.get(date);
    if (tariff === undefined) {
      tariff = tariffFor(inputs.tariffs, slot.activityId, slot.unitId, date) ?? null;
      byDate.set(date, tariff);
    }
    if (!tariff) return null;
    let quotients = quotientsByHousehold.get(slot.householdId);
    if (!quotients) quotientsByHousehold.set(slot.householdId, (quotients = new Map()));
    let quotient = quotients.get(date);
    if (quotient === undefined) {
      quotient = quotientOn(inputs.quotients.get(slot.householdId) ?? [], date);
      quotients.set(date, quotient);
    }
    const last = slot.last;
    const enrolment =
      last?.enrolment && last.enrolment.fromDate <= date && last.enrolment.toDate >= date
        ? last.enrolment
        : slot.enrolments.find((e) => e.fromDate <= date && e.toDate >= date);
    if (last && last.tariff === tariff && last.quotient === quotient && last.enrolment === enrolment) return last.day;
    const category = enrolment?.tariffCategory ?? 'resident';
    const price = priceWithTariff(tariff, { quotient, category, siblingRank: slot.rank });
    const key = `${price.tariffId}|${price.bracketLabel}|${price.siblingReductionPercent}|${price.noQuotient ? 1 : 0}|${category}|${!enrolment}`;
    const day = upsert(slot.pricings, key, () => ({ price, category, noEnrolment: !enrolment, lines: [] }));
    slot.last = { tariff, quotient, enrolment, day };
    return day;
  };

  /** Adds a booking's component to its line (created on first use); zero amounts are not billed. */
  const add = (slot: Slot, b: BookingForBilling, c: Component, day: PricedDay | null): void => {
    if (c.amountCents === 0) return; // a unit included in another one, a free activity: nothing to record either
    let line: DraftLine | undefined;
    if (day) {
      const index = kindOrder[c.kind] * 2 + (c.cesuEligible ? 1 : 0);
      line = day.lines[index];
      if (!line) slot.lines.push((line = day.lines[index] = newLine(b, c, inputs)));
    } else {
      const key = `${c.reason}|${c.amountCents}|${c.cesuEligible ? 1 : 0}`;
      line = slot.regularisations.get(key);
      if (!line) {
        slot.regularisations.set(key, (line = newLine(b, c, inputs)));
        slot.lines.push(line);
      }
    }
    line.quantity++;
    line.bookings.push({ bookingId: b.id, kind: c.kind, date: b.date, baseCents: c.baseCents, amountCents: c.amountCents });
  };

  const hasBilled = billedByBooking.size > 0;
  let date = '';

  for (const booking of byDateThenId(inputs.bookings)) {
    const due = billingClassOf(booking);
    const prior = hasBilled ? billedByBooking.get(booking.id) : undefined;
    if (!prior && due === 'none') continue;
    // Bookings come by date: one string per date, whose hash the maps below compute once.
    if (booking.date !== date) date = booking.date;

    if (prior) {
      const regularised = prior.some((p) => p.kind === 'regularisation');
      if (!regularised && billedShape(prior) === dueShape(booking, due)) continue;
      const householdId = prior[0]!.householdId;
      const slot = slotOf(householdId, booking);
      const baseCents = prior[0]!.baseCents;
      const dueCents =
        due === 'none'
          ? 0
          : due === 'lateCancellation'
            ? lateCancellationCents(baseCents, slot.penalties)
            : baseCents + (booking.unbooked ? unbookedSurchargeCents(baseCents, slot.penalties) : 0);
      const billedCents = sumCents(prior.map((p) => p.amountCents));
      if (regularised) {
        if (dueCents !== billedCents) addTo(frozen, `${householdId}|${booking.childId}|${booking.activityId}`, booking, householdId);
        continue;
      }
      if (dueCents === billedCents) continue;
      const reason = describeBookingState(booking);
      const cesuEligible = slot.childcare && booking.date < slot.sixth;
      add(slot, booking, { householdId, kind: 'regularisation', baseCents, amountCents: dueCents - billedCents, reason, cesuEligible }, null);
      continue;
    }

    const slot = slotOf(booking.householdId, booking);
    const day = priceDay(slot, date);
    if (!day) {
      const entry = upsert(unpriced, booking.unitId, () => ({ activityId: booking.activityId, unitId: booking.unitId, dates: new Set<string>(), count: 0 }));
      entry.dates.add(booking.date);
      entry.count++;
      continue;
    }
    if (day.price.noQuotient) upsert(noQuotient, booking.householdId, () => new Set<string>()).add(booking.date);
    if (day.noEnrolment) addTo(noEnrolment, `${booking.householdId}|${booking.childId}|${booking.activityId}`, booking, booking.householdId);
    const base = day.price.unitPriceCents;
    const cesuEligible = slot.childcare && booking.date < slot.sixth;
    if (due === 'lateCancellation') {
      add(slot, booking, priced(booking, slot, day, 'lateCancellation', lateCancellationCents(base, slot.penalties), cesuEligible), day);
    } else {
      add(slot, booking, priced(booking, slot, day, 'unit', base, cesuEligible), day);
      if (booking.unbooked)
        add(slot, booking, priced(booking, slot, day, 'unbookedSurcharge', unbookedSurchargeCents(base, slot.penalties), cesuEligible), day);
    }
  }

  const lines = new Map<string, DraftLine[]>();
  for (const [householdId, byChild] of slots) {
    const list: DraftLine[] = [];
    for (const byUnit of byChild.values())
      for (const slot of byUnit.values())
        for (const line of slot.lines) {
          // Bookings were visited by date then id, so each line's bookings are in that order already.
          const dates: string[] = [];
          for (const x of line.bookings) if (dates[dates.length - 1] !== x.date) dates.push(x.date);
          line.dates = dates;
          line.amountCents = times(line.unitPriceCents, line.quantity);
          list.push(line);
        }
    if (list.length > 0) lines.set(householdId, list);
  }
  const households = assembleHouseholds(lines, inputs);
  const byId = new Map(households.map((h) => [h.householdId, h]));
  const householdFor = (householdId: string) => {
    let h = byId.get(householdId);
    if (!h) {
      h = emptyHousehold(householdId, inputs);
      byId.set(householdId, h);
      households.push(h);
    }
    return h;
  };
  for (const [householdId, dates] of noQuotient) {
    const list = [...dates].sort();
    householdFor(householdId).anomalies.push({
      code: 'noQuotient',
      blocking: false,
      message: `Pas de quotient familial valide ${list.length === 1 ? `le ${frDate(list[0]!)}` : `du ${frDate(list[0]!)} au ${frDate(list[list.length - 1]!)}`} : la tranche la plus haute est appliquée.`,
      householdId,
      dates: list,
    });
  }
  for (const e of noEnrolment.values()) {
    const child = inputs.children.get(e.childId);
    const activity = inputs.activities.get(e.activityId);
    householdFor(e.householdId).anomalies.push({
      code: 'noEnrolment',
      blocking: false,
      message: `${child?.firstName ?? 'Un enfant'} n'a pas d'inscription à « ${activity?.name ?? e.activityId} » à certaines dates réservées : tarif résident appliqué.`,
      householdId: e.householdId,
      childId: e.childId,
      activityId: e.activityId,
      dates: [...e.dates].sort(),
    });
  }
  for (const e of frozen.values()) {
    const child = inputs.children.get(e.childId);
    const activity = inputs.activities.get(e.activityId);
    householdFor(e.householdId).anomalies.push({
      code: 'changedAfterRegularisation',
      blocking: false,
      message: `${child?.firstName ?? 'Un enfant'}, « ${activity?.name ?? e.activityId} » : réservation modifiée après une régularisation (${[...e.dates].sort().map(frDate).join(', ')}) ; corrigez par un avoir si nécessaire.`,
      householdId: e.householdId,
      childId: e.childId,
      activityId: e.activityId,
      dates: [...e.dates].sort(),
    });
  }
  for (const h of households) {
    if (h.totalCents < 0)
      h.anomalies.push({
        code: 'negativeTotal',
        blocking: false,
        message: `Total négatif (${formatEuros(h.totalCents)}) : un avoir sera établi sur la dernière facture du mois au lieu d'une facture.`,
        householdId: h.householdId,
      });
  }
  const folded = new Map(households.map((h) => [h.householdId, foldText(h.householdName)]));
  households.sort((a, b) => {
    const x = folded.get(a.householdId)!;
    const y = folded.get(b.householdId)!;
    if (x !== y) return x < y ? -1 : 1;
    return a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0;
  });

  const anomalies: Anomaly[] = [...unpriced.values()].map((u) => {
    const activity = inputs.activities.get(u.activityId);
    const unit = inputs.units.get(u.unitId);
    const dates = [...u.dates].sort();
    return {
      code: 'noTariff',
      blocking: true,
      message: `Pas de tarif pour « ${activity?.name ?? u.activityId} — ${unit?.name ?? u.unitId} » (${dates.length} jour(s), du ${frDate(dates[0]!)} au ${frDate(dates[dates.length - 1]!)}, ${u.count} réservation(s)) : enregistrez le tarif avant d'émettre les factures.`,
      activityId: u.activityId,
      unitId: u.unitId,
      dates,
      bookings: u.count,
    };
  });

  return {
    month: inputs.month,
    households,
    anomalies,
    totals: {
      households: households.filter((h) => h.lines.length > 0).length,
      lines: sumCount(households.map((h) => h.lines.length)),
      bookings: sumCount(households.flatMap((h) => h.lines.map((l) => l.bookings.length))),
      totalCents: sumCents(households.map((h) => h.totalCents)),
    },
  };
}

function sumCount(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

// A booking's billing "shape": its class, plus whether the unit carries the unbooked surcharge. Bills are
// regularised only when the shape changes, never because a tariff or a penalty setting changed afterwards.
function billedShape(prior: readonly BilledEntry[]): string {
  if (prior.some((p) => p.kind === 'lateCancellation')) return 'lateCancellation';
  return prior.some((p) => p.kind === 'unbookedSurcharge') ? 'unit+surcharge' : 'unit';
}

function dueShape(booking: BookingForBilling, due: BillingClass): string {
  return due === 'unit' && booking.unbooked ? 'unit+surcharge' : due;
}

function addTo(
  map: Map<string, { householdId: string; childId: string; activityId: string; dates: Set<string> }>,
  key: string,
  booking: BookingForBilling,
  householdId: string,
) {
  const entry = map.get(key) ?? { householdId, childId: booking.childId, activityId: booking.activityId, dates: new Set() };
  entry.dates.add(booking.date);
  map.set(key, entry);
}

/** Rank of each child per household and activity: eldest first among the children with something billable. */
function siblingRanks(inputs: BillingInputs): Map<string, Map<string, Map<string, number>>> {
  const childrenBy = new Map<string, Map<string, Set<string>>>();
  for (const b of inputs.bookings) {
    if (billingClassOf(b) === 'none') continue;
    let byActivity = childrenBy.get(b.householdId);
    if (!byActivity) childrenBy.set(b.householdId, (byActivity = new Map()));
    let set = byActivity.get(b.activityId);
    if (!set) byActivity.set(b.activityId, (set = new Set()));
    set.add(b.childId);
  }
  const ranks = new Map<string, Map<string, Map<string, number>>>();
  for (const [householdId, byActivity] of childrenBy) {
    for (const [activityId, set] of byActivity) {
      const sorted = [...set].sort((a, b) => {
        const da = inputs.children.get(a)?.birthDate ?? '';
        const db = inputs.children.get(b)?.birthDate ?? '';
        return da < db ? -1 : da > db ? 1 : a < b ? -1 : a > b ? 1 : 0;
      });
      const byChild = upsert(upsert(ranks, householdId, () => new Map()), activityId, () => new Map<string, number>());
      sorted.forEach((childId, i) => byChild.set(childId, i + 1));
    }
  }
  return ranks;
}

function newLine(b: BookingForBilling, c: Component, inputs: BillingInputs): DraftLine {
  const unitName = inputs.units.get(b.unitId)?.name ?? '';
  const penalties = inputs.penalties.get(b.activityId) ?? defaultPenalties;
  const priceDetail = () => {
    const parts = [`Tranche ${c.price!.bracketLabel}${c.price!.noQuotient ? ' (sans QF valide)' : ''}`];
    if (c.category === 'nonResident') parts.push('hors commune');
    if (c.price!.siblingReductionPercent > 0) parts.push(`${ordinal(c.rank ?? 1)} enfant −${c.price!.siblingReductionPercent} %`);
    return parts.join(' · ');
  };
  let label = unitName;
  let detail = '';
  switch (c.kind) {
    case 'unit':
      detail = priceDetail();
      break;
    case 'unbookedSurcharge':
      label = `Majoration présence non réservée — ${unitName}`;
      detail =
        penalties.unbookedSurcharge.kind === 'percent'
          ? `+${penalties.unbookedSurcharge.percent} % du prix (${formatEuros(c.baseCents)})`
          : 'montant fixe';
      break;
    case 'lateCancellation':
      label = `Annulation tardive — ${unitName}`;
      detail = `${penalties.lateCancellationPercent} % de ${formatEuros(c.baseCents)} · ${priceDetail()}`;
      break;
    case 'regularisation':
      label = `Régularisation — ${unitName}`;
      detail = c.reason ?? '';
      break;
  }
  return {
    childId: b.childId,
    activityId: b.activityId,
    unitId: b.unitId,
    kind: c.kind,
    label,
    detail,
    tariffId: c.price?.tariffId ?? null,
    bracketLabel: c.price?.bracketLabel ?? null,
    quantity: 0,
    unitPriceCents: c.amountCents,
    amountCents: 0,
    cesuEligible: c.cesuEligible,
    dates: [],
    bookings: [],
  };
}

function emptyHousehold(householdId: string, inputs: BillingInputs): DraftHousehold {
  return {
    householdId,
    householdName: inputs.households.get(householdId)?.name ?? '',
    children: [],
    lines: [],
    totalCents: 0,
    cesuEligibleCents: 0,
    anomalies: [],
  };
}

function assembleHouseholds(linesByHousehold: Map<string, DraftLine[]>, inputs: BillingInputs): DraftHousehold[] {
  const households: DraftHousehold[] = [];
  const childKeys = new Map<string, string>();
  const childKey = (childId: string) =>
    upsert(childKeys, childId, () => {
      const c = inputs.children.get(childId);
      return `${c?.birthDate ?? ''}|${foldText(c?.firstName ?? '')}|${childId}`;
    });
  const activityKeys = new Map<string, string>();
  const activityKey = (activityId: string) =>
    upsert(activityKeys, activityId, () => {
      const a = inputs.activities.get(activityId);
      return `${String(a?.position ?? 0).padStart(6, '0')}|${foldText(a?.name ?? '')}|${activityId}`;
    });
  for (const [householdId, lines] of linesByHousehold) {
    lines.sort((x, y) => {
      const keys: [string | number, string | number][] = [
        [childKey(x.childId), childKey(y.childId)],
        [activityKey(x.activityId), activityKey(y.activityId)],
        [inputs.units.get(x.unitId)?.position ?? 0, inputs.units.get(y.unitId)?.position ?? 0],
        [x.unitId, y.unitId],
        [kindOrder[x.kind], kindOrder[y.kind]],
        [y.unitPriceCents, x.unitPriceCents],
        [x.dates[0] ?? '', y.dates[0] ?? ''],
        [x.cesuEligible ? 0 : 1, y.cesuEligible ? 0 : 1],
        [x.detail, y.detail],
      ];
      for (const [a, b] of keys) if (a !== b) return a < b ? -1 : 1;
      return 0;
    });
    const household = emptyHousehold(householdId, inputs);
    household.lines = lines;
    for (const line of lines) {
      let child = household.children.find((c) => c.childId === line.childId);
      if (!child) {
        const info = inputs.children.get(line.childId);
        child = { childId: line.childId, firstName: info?.firstName ?? '', lastName: info?.lastName ?? '', activities: [], totalCents: 0 };
        household.children.push(child);
      }
      let activity = child.activities.find((a) => a.activityId === line.activityId);
      if (!activity) {
        activity = { activityId: line.activityId, activityName: inputs.activities.get(line.activityId)?.name ?? '', lines: [], totalCents: 0 };
        child.activities.push(activity);
      }
      activity.lines.push(line);
      activity.totalCents += line.amountCents;
      child.totalCents += line.amountCents;
      household.totalCents += line.amountCents;
      if (line.cesuEligible) household.cesuEligibleCents += line.amountCents;
    }
    households.push(household);
  }
  return households;
}
