// Reads for the reservation screens: the catalogue, the calendar, a household's month grid (days × units per
// child with each cell's state), open dates for patterns, and the daily attendance list.
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import {
  groupOfChild,
  loadActivity,
  loadSchoolCalendar,
  openDates,
  type LoadedActivity,
} from '../../../shared/commands/catalogue';
import type { Db } from '../../../shared/commands/types';
import {
  activities,
  bookings,
  capacityExceptions,
  children,
  closures,
  enrolments,
  householdChildren,
  households,
} from '../../../shared/db/schema';
import { monthDays, weekday } from '../../../shared/domain/dates';
import { deadlineFor, deadlineRuleFor, describeDeadline, describeDeadlineRule } from '../../../shared/domain/deadlines';
import { holidayPeriodOf, unconfirmedPeriods } from '../../../shared/domain/schoolCalendar';
import { impliedUnits } from '../../../shared/domain/units';
import { sortWaitlist, waitlistPosition } from '../../../shared/domain/waitlist';

export function listActivities(db: Db, includeArchived = false) {
  const rows = db
    .select({ id: activities.id })
    .from(activities)
    .where(includeArchived ? undefined : isNull(activities.archivedAt))
    .orderBy(asc(activities.position), asc(activities.name))
    .all();
  return rows.map((r) => {
    const loaded = loadActivity(db, r.id)!;
    return {
      ...loaded.activity,
      deadlines: loaded.deadlines,
      bookingRuleText: describeDeadlineRule(deadlineRuleFor(loaded.deadlines, 'booking')),
      cancellationRuleText: describeDeadlineRule(deadlineRuleFor(loaded.deadlines, 'cancellation')),
      units: loaded.units
        .filter((u) => !u.archivedAt)
        .map((u) => ({ ...u, implies: JSON.parse(u.implies) as string[], excludes: JSON.parse(u.excludes) as string[] })),
      groups: loaded.groups.map((g) => ({
        id: g.id,
        name: g.name,
        levels: g.levelList,
        capacities: Object.fromEntries(loaded.units.map((u) => [u.id, loaded.defaultCapacity.get(`${u.id}:${g.id}`) ?? null])),
      })),
    };
  });
}

export function getCalendar(db: Db, from: string, to: string) {
  const calendar = loadSchoolCalendar(db);
  return {
    years: calendar.years,
    closures: db
      .select()
      .from(closures)
      .where(and(gte(closures.date, from), lte(closures.date, to)))
      .orderBy(closures.date)
      .all(),
    capacityExceptions: db
      .select()
      .from(capacityExceptions)
      .where(and(gte(capacityExceptions.date, from), lte(capacityExceptions.date, to)))
      .orderBy(capacityExceptions.date)
      .all(),
    unconfirmed: unconfirmedPeriods(calendar, { from, to }),
  };
}

export function activityOpenDates(db: Db, activityId: string, from: string, to: string) {
  const loaded = loadActivity(db, activityId);
  if (!loaded) return [];
  const calendar = loadSchoolCalendar(db);
  return openDates(db, loaded.activity, from, to, calendar).map((date) => ({
    date,
    holiday: holidayPeriodOf(date, calendar)?.name ?? null,
  }));
}

export type CellState = 'closed' | 'notEnrolled' | 'open' | 'full' | 'booked' | 'waitlisted' | 'attended' | 'absent';

export interface GridCell {
  date: string;
  unitId: string;
  state: CellState;
  /** Places left in the child's group; null when the unit has no limit. */
  placesLeft: number | null;
  bookingId?: string;
  position?: number;
  absenceJustified?: boolean;
  unbooked?: boolean;
  /** The last cancellation of this cell, if it was cancelled (shown as a note, the cell itself is free again). */
  cancelReason?: 'inTime' | 'late' | 'sick' | null;
  /** Changed on this desk and not yet confirmed by the hub (« en attente de synchronisation »). */
  provisional?: boolean;
  /** Parents can no longer book / cancel (staff can, with a reason). */
  bookingClosed: boolean;
  cancellationClosed: boolean;
}

const slotCountStatements = new WeakMap<Database.Database, Database.Statement>();

function slotCounts(sqlite: Database.Database, unitIds: string[], groupId: string, from: string, to: string) {
  let statement = slotCountStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(
      `SELECT unit_id AS unitId, date, accepted FROM _slot_counts
       WHERE unit_id IN (SELECT value FROM json_each(@units)) AND group_id = @groupId AND date BETWEEN @from AND @to`,
    );
    slotCountStatements.set(sqlite, statement);
  }
  const rows = statement.all({ units: JSON.stringify(unitIds), groupId, from, to }) as {
    unitId: string;
    date: string;
    accepted: number;
  }[];
  return new Map(rows.map((r) => [`${r.unitId}:${r.date}`, r.accepted]));
}

/**
 * The month grid of a household: for each child, each activity the child is enrolled in during the month, and
 * each (day, unit): its state, places left and deadlines. `now` decides which deadlines have passed.
 */
export function monthGrid(
  db: Db,
  sqlite: Database.Database,
  householdId: string,
  month: string,
  now: string,
  provisional: ReadonlySet<string> = new Set(),
) {
  const days = monthDays(month);
  const from = days[0]!;
  const to = days[days.length - 1]!;
  const household = db
    .select({ id: households.id, name: households.name })
    .from(households)
    .where(eq(households.id, householdId))
    .get();
  if (!household) return null;
  const kids = db
    .select({ child: children })
    .from(householdChildren)
    .innerJoin(children, eq(children.id, householdChildren.childId))
    .where(eq(householdChildren.householdId, householdId))
    .orderBy(children.birthDate)
    .all()
    .map((r) => r.child);
  const calendar = loadSchoolCalendar(db);
  const activityCache = new Map<string, LoadedActivity>();
  const openCache = new Map<string, Set<string>>();

  const result = kids.map((child) => {
    const childEnrolments = db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.childId, child.id), lte(enrolments.fromDate, to), gte(enrolments.toDate, from)))
      .all();
    const childBookings = db
      .select()
      .from(bookings)
      .where(and(eq(bookings.childId, child.id), gte(bookings.date, from), lte(bookings.date, to)))
      .all();
    const byCell = new Map(childBookings.map((b) => [`${b.unitId}:${b.date}`, b]));
    const activityIds = [...new Set(childEnrolments.map((e) => e.activityId))];
    const perActivity = activityIds.flatMap((activityId) => {
      let loaded = activityCache.get(activityId);
      if (!loaded) activityCache.set(activityId, (loaded = loadActivity(db, activityId)!));
      if (loaded.activity.archivedAt) return [];
      const own = childEnrolments.filter((e) => e.activityId === activityId);
      let open = openCache.get(activityId);
      if (!open) openCache.set(activityId, (open = new Set(openDates(db, loaded.activity, from, to, calendar))));
      const units = loaded.units.filter((u) => !u.archivedAt);
      const bookingRule = deadlineRuleFor(loaded.deadlines, 'booking');
      const cancellationRule = deadlineRuleFor(loaded.deadlines, 'cancellation');
      const groupId = groupOfChild(loaded, child, own[0]);
      const counts = groupId
        ? slotCounts(
            sqlite,
            units.map((u) => u.id),
            groupId,
            from,
            to,
          )
        : new Map<string, number>();
      // Capacities of the month in one read: per-day exceptions, else the default (no limit when none).
      const exceptions = new Map(
        groupId
          ? db
              .select()
              .from(capacityExceptions)
              .where(
                and(
                  eq(capacityExceptions.groupId, groupId),
                  gte(capacityExceptions.date, from),
                  lte(capacityExceptions.date, to),
                ),
              )
              .all()
              .map((e) => [`${e.unitId}:${e.date}`, e.capacity] as const)
          : [],
      );
      const capacityOn = (unitId: string, date: string) =>
        groupId
          ? (exceptions.get(`${unitId}:${date}`) ??
            loaded.defaultCapacity.get(`${unitId}:${groupId}`) ??
            Number.POSITIVE_INFINITY)
          : 0;
      const implied = new Map(units.map((u) => [u.id, impliedUnits(loaded.relations, u.id)]));
      const cells: GridCell[] = [];
      for (const date of days) {
        const enrolled = own.some((e) => e.fromDate <= date && date <= e.toDate);
        const bookingClosed = now >= deadlineFor(bookingRule, date);
        const cancellationClosed = now >= deadlineFor(cancellationRule, date);
        for (const unit of units) {
          const booking = byCell.get(`${unit.id}:${date}`);
          const capacity = capacityOn(unit.id, date);
          // A unit that implies others (a journée, its repas) has the places left of the fullest of them.
          let placesLeft: number | null = null;
          for (const unitId of [unit.id, ...(implied.get(unit.id) ?? [])]) {
            const unitCapacity = capacityOn(unitId, date);
            if (!Number.isFinite(unitCapacity)) continue;
            const left = Math.max(0, unitCapacity - (counts.get(`${unitId}:${date}`) ?? 0));
            placesLeft = placesLeft === null ? left : Math.min(placesLeft, left);
          }
          const cell: GridCell = { date, unitId: unit.id, state: 'open', placesLeft, bookingClosed, cancellationClosed };
          if (booking && provisional.has(booking.id)) cell.provisional = true;
          if (booking && booking.status !== 'cancelled') {
            cell.bookingId = booking.id;
            cell.state = booking.status;
            if (booking.status === 'absent') cell.absenceJustified = booking.absenceJustified;
            if (booking.unbooked) cell.unbooked = true;
            if (booking.status === 'waitlisted') cell.position = positionOf(db, booking);
          } else {
            if (booking) cell.cancelReason = booking.cancelReason;
            if (!open.has(date) || capacity === 0) cell.state = 'closed';
            else if (!enrolled) cell.state = 'notEnrolled';
            else if (placesLeft === 0) cell.state = 'full';
          }
          cells.push(cell);
        }
      }
      const groupName = loaded.groups.find((g) => g.id === groupId)?.name ?? null;
      return [
        {
          activityId,
          name: loaded.activity.name,
          kind: loaded.activity.kind,
          groupId: groupId ?? null,
          groupName,
          enrolments: own.map((e) => ({ id: e.id, fromDate: e.fromDate, toDate: e.toDate, tariffCategory: e.tariffCategory })),
          units: units.map((u) => ({ id: u.id, name: u.name, startTime: u.startTime, endTime: u.endTime })),
          bookingRuleText: describeDeadlineRule(bookingRule),
          cancellationRuleText: describeDeadlineRule(cancellationRule),
          cells,
        },
      ];
    });
    return {
      childId: child.id,
      firstName: child.firstName,
      lastName: child.lastName,
      birthDate: child.birthDate,
      schoolLevel: child.schoolLevel,
      activities: perActivity,
    };
  });

  return {
    household,
    month,
    days: days.map((date) => ({ date, weekday: weekday(date), holiday: holidayPeriodOf(date, calendar)?.name ?? null })),
    children: result,
  };
}

function positionOf(db: Db, booking: typeof bookings.$inferSelect): number | undefined {
  const waiting = db
    .select({ id: bookings.id, requestedAt: bookings.requestedAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.unitId, booking.unitId),
        eq(bookings.groupId, booking.groupId),
        eq(bookings.date, booking.date),
        eq(bookings.status, 'waitlisted'),
      ),
    )
    .all();
  return waitlistPosition(sortWaitlist(waiting), booking.id);
}

/** When the parent must book or cancel a given day by, in plain French. */
export function deadlineText(db: Db, activityId: string, date: string, now: string) {
  const loaded = loadActivity(db, activityId);
  if (!loaded) return null;
  return {
    booking: describeDeadline(deadlineRuleFor(loaded.deadlines, 'booking'), date, now),
    cancellation: describeDeadline(deadlineRuleFor(loaded.deadlines, 'cancellation'), date, now),
  };
}

/** The attendance sheet of one day for an activity (optionally one group): children expected and present. */
export function attendanceList(db: Db, activityId: string, date: string, groupId?: string) {
  const loaded = loadActivity(db, activityId);
  if (!loaded) return null;
  const rows = db
    .select({ booking: bookings, child: children, householdName: households.name })
    .from(bookings)
    .innerJoin(children, eq(children.id, bookings.childId))
    .innerJoin(households, eq(households.id, bookings.householdId))
    .where(
      and(
        eq(bookings.activityId, activityId),
        eq(bookings.date, date),
        inArray(bookings.status, ['booked', 'attended', 'absent', 'waitlisted']),
        groupId ? eq(bookings.groupId, groupId) : undefined,
      ),
    )
    .orderBy(children.lastName, children.firstName)
    .all();
  const units = loaded.units.filter((u) => !u.archivedAt);
  return {
    activity: { id: loaded.activity.id, name: loaded.activity.name },
    date,
    units: units.map((u) => ({ id: u.id, name: u.name })),
    groups: loaded.groups.map((g) => ({
      id: g.id,
      name: g.name,
      expected: rows.filter((r) => r.booking.groupId === g.id && r.booking.status !== 'waitlisted').length,
    })),
    rows: rows.map(({ booking, child, householdName }) => ({
      bookingId: booking.id,
      unitId: booking.unitId,
      groupId: booking.groupId,
      status: booking.status,
      absenceJustified: booking.absenceJustified,
      unbooked: booking.unbooked,
      householdId: booking.householdId,
      householdName,
      child: {
        id: child.id,
        firstName: child.firstName,
        lastName: child.lastName,
        birthDate: child.birthDate,
        schoolLevel: child.schoolLevel,
        diet: child.diet,
        // Health data is shown on the attendance list: the people looking after the child need it.
        allergies: child.allergies,
        hasCareplan: child.hasCareplan,
        careplanNote: child.careplanNote,
      },
    })),
  };
}
