// Loads what a month's invoicing needs (bookings of the month and what was already billed of them, tariffs,
// penalties, quotients, enrolments, names) and computes the billable lines with the pure domain/invoiceLines.
// Shared by `invoice.issueMonth` (inside its transaction) and the desk's `billing.draft` query, so the draft
// shows exactly what issuing will bill.
import { and, asc, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  activities,
  activityPenalties,
  activityUnits,
  children,
  enrolments,
  familyQuotients,
  households,
  tariffs,
} from '../db/schema';
import { monthDays } from '../domain/dates';
import {
  computeBillingMonth,
  type BilledEntry,
  type BillingInputs,
  type BillingMonth,
  type BookingForBilling,
} from '../domain/invoiceLines';
import type { QuotientRecord, Tariff } from '../domain/tariffs';
import { penaltiesFromRow, tariffFromRow } from './billingRows';
import type { Db, Tx } from './types';

type Reader = Tx | Db;
type BookingRow = [
  id: string,
  childId: string,
  householdId: string,
  activityId: string,
  unitId: string,
  date: string,
  status: BookingForBilling['status'],
  cancelReason: BookingForBilling['cancelReason'],
  absenceJustified: number,
  unbooked: number,
];
type BilledRow = [bookingId: string, kind: BilledEntry['kind'], householdId: string, baseCents: number, amountCents: number];

export function monthBounds(month: string): { first: string; last: string } {
  const days = monthDays(month);
  return { first: days[0]!, last: days[days.length - 1]! };
}

/** The inputs of `computeBillingMonth` for a month (optionally a few activities only). */
export function loadBillingInputs(reader: Reader, month: string, activityIds?: readonly string[]): BillingInputs {
  const { first, last } = monthBounds(month);
  const activityRows = reader
    .select({ id: activities.id, name: activities.name, kind: activities.kind, position: activities.position })
    .from(activities)
    .all();
  const selected = activityIds ? activityRows.filter((a) => activityIds.includes(a.id)) : activityRows;
  const unitRows = reader
    .select({ id: activityUnits.id, name: activityUnits.name, position: activityUnits.position, activityId: activityUnits.activityId })
    .from(activityUnits)
    .all();
  const selectedIds = new Set(selected.map((a) => a.id));
  const selectedUnits = unitRows.filter((u) => selectedIds.has(u.activityId));

  // Per unit, so that the (unit_id, date…) index of bookings serves the date range. Plain (portable) SQL read as
  // value arrays, no per-row mapping by the ORM: a month is a few hundred thousand bookings.
  const monthBookings: BookingForBilling[] = [];
  const billed: BilledEntry[] = [];
  for (const unit of selectedUnits) {
    // Rows as arrays (cheaper than objects from the driver), turned into BookingForBilling once.
    for (const [id, childId, householdId, activityId, unitId, date, status, cancelReason, absenceJustified, unbooked] of reader.values<BookingRow>(sql`
      SELECT id, child_id, household_id, activity_id, unit_id, date, status, cancel_reason, absence_justified, unbooked
      FROM bookings WHERE unit_id = ${unit.id} AND date BETWEEN ${first} AND ${last}`))
      monthBookings.push({
        id,
        childId,
        householdId,
        activityId,
        unitId,
        date,
        status,
        cancelReason,
        absenceJustified: absenceJustified === 1,
        unbooked: unbooked === 1,
      });
    for (const [bookingId, kind, householdId, baseCents, amountCents] of reader.values<BilledRow>(sql`
      SELECT bb.booking_id, bb.kind, bb.household_id, bb.base_cents, bb.amount_cents
      FROM bookings b JOIN billed_bookings bb ON bb.booking_id = b.id
      WHERE b.unit_id = ${unit.id} AND b.date BETWEEN ${first} AND ${last}`))
      billed.push({ bookingId, kind, householdId, baseCents, amountCents });
  }
  // Bookings in a stable order (the lines' booking lists and the anomalies' dates follow it).
  monthBookings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const tariffList: Tariff[] = selected.length
    ? reader
        .select()
        .from(tariffs)
        .where(
          and(
            inArray(
              tariffs.activityId,
              selected.map((a) => a.id),
            ),
            lte(tariffs.validFrom, last),
            gte(tariffs.validTo, first),
          ),
        )
        .all()
        .map(tariffFromRow)
    : [];
  const penalties = new Map(
    reader
      .select()
      .from(activityPenalties)
      .all()
      .map((p) => [p.activityId, penaltiesFromRow(p)] as const),
  );
  const quotients = new Map<string, QuotientRecord[]>();
  for (const q of reader
    .select({
      id: familyQuotients.id,
      householdId: familyQuotients.householdId,
      value: familyQuotients.value,
      validFrom: familyQuotients.validFrom,
      validTo: familyQuotients.validTo,
      createdAt: familyQuotients.createdAt,
    })
    .from(familyQuotients)
    .where(and(lte(familyQuotients.validFrom, last), gte(familyQuotients.validTo, first)))
    .all()) {
    const list = quotients.get(q.householdId);
    if (list) list.push(q);
    else quotients.set(q.householdId, [q]);
  }
  const enrolmentRows = reader
    .select({
      childId: enrolments.childId,
      activityId: enrolments.activityId,
      fromDate: enrolments.fromDate,
      toDate: enrolments.toDate,
      tariffCategory: enrolments.tariffCategory,
    })
    .from(enrolments)
    .where(and(lte(enrolments.fromDate, last), gte(enrolments.toDate, first)))
    .orderBy(asc(enrolments.fromDate))
    .all();
  const childMap = new Map(
    reader
      .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
      .from(children)
      .all()
      .map((c) => [c.id, c] as const),
  );
  const householdMap = new Map(
    reader
      .select({ id: households.id, name: households.name })
      .from(households)
      .all()
      .map((h) => [h.id, h] as const),
  );
  return {
    month,
    bookings: monthBookings,
    billed,
    tariffs: tariffList,
    penalties,
    quotients,
    enrolments: enrolmentRows,
    children: childMap,
    households: householdMap,
    activities: new Map(activityRows.map((a) => [a.id, a] as const)),
    units: new Map(unitRows.map((u) => [u.id, u] as const)),
  };
}

export function loadBillingMonth(reader: Reader, month: string, activityIds?: readonly string[]): BillingMonth {
  return computeBillingMonth(loadBillingInputs(reader, month, activityIds));
}
