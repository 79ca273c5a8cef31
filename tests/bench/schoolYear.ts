// A whole school year of bookings for the benchmark commune, written with one prepared INSERT in one
// transaction. The habits (who comes to which activity on which weekdays, with which units) are the demo
// commune's own (src/main/desk/demo/demoReservations.ts), expanded from the rentrée to the end of the year; the
// outcome of each request follows the rules `booking.book` applies: first come, first served within the places
// of each (unit, group, day), a journée's repas written along, waitlisted beyond capacity. Past days are marked
// (present, absent justified or not) or were cancelled (illness, late); coming days are booked, some cancelled
// in time.
// Why not `booking.book`: at ~0.7 ms per booked day (a dozen statements, each prepared by drizzle) and a read of
// the whole (unit, group, day) slot per decision, a million days would take hours; the benchmarks measure reads
// and sync, not this seeding. No audit rows and no outbox entries are written for these bookings.
import type Database from 'better-sqlite3';
import {
  householdOn,
  impliedUnitsOf,
  openDatesOf,
  schoolYearAround,
  unitsOn,
  type DemoReservationPlan,
} from '../../src/main/desk/demo/demoReservations';
import { SeededRandom } from '../../src/main/desk/demo/seededRandom';
import { addDays } from '../../src/shared/domain/dates';

export const schoolYearNote =
  'Families, activities, closures and enrolments written through the real commands; the school year of bookings ' +
  '(the demo habits expanded from the rentrée to the end of the year, capacity and waitlists applied as booking.book ' +
  'does) INSERTed directly with one prepared statement in one transaction — no audit or outbox rows for them. ' +
  'The benchmarks measure reads and sync, not this seeding (booking.book would take hours for a million days).';

export interface SchoolYearBookings {
  from: string;
  to: string;
  rows: number;
  byStatus: Record<string, number>;
}

export function insertSchoolYearBookings(sqlite: Database.Database, plan: DemoReservationPlan, seed: number): SchoolYearBookings {
  const rng = new SeededRandom(Math.imul(seed ^ 0x1b873593, 0x27d4eb2d));
  const { from, to } = schoolYearAround(plan, plan.today);
  const today = plan.today;
  const insert = sqlite.prepare(
    `INSERT INTO bookings (id, child_id, household_id, activity_id, unit_id, group_id, date, status, requested_at, requested_by,
       forced_reason, deadline_override_reason, cancel_reason, cancelled_at, absence_justified, unbooked, created_at, updated_at)
     VALUES (@id, @childId, @householdId, @activityId, @unitId, @groupId, @date, @status, @requestedAt, 'parent',
       '', '', @cancelReason, @cancelledAt, @absenceJustified, 0, @requestedAt, @updatedAt)`,
  );
  const openDates = new Map(plan.activities.map((a) => [a.activityId, openDatesOf(plan, a, from, to)]));
  /** Places taken per `${unitId}|${groupId}|${date}`. */
  const taken = new Map<string, number>();
  // Requests in the order of the loop (a family books its habits at the rentrée): one millisecond apart.
  const requestedFrom = Date.parse(`${addDays(from, -10)}T06:00:00.000Z`);
  let sequence = 0;
  const byStatus: Record<string, number> = {};
  sqlite.transaction(() => {
    for (const pattern of plan.patterns) {
      const activity = pattern.activity;
      for (const date of openDates.get(activity.activityId)!) {
        for (const unitIndex of unitsOn(pattern, date, rng)) {
          const requestedAt = new Date(requestedFrom + sequence++).toISOString();
          const mainUnit = activity.unitIds[unitIndex]!;
          const slot = `${mainUnit}|${pattern.groupId}|${date}`;
          const capacity =
            plan.capacityExceptions.get(slot) ??
            activity.capacities.get(`${mainUnit}|${pattern.groupId}`) ??
            Number.POSITIVE_INFINITY;
          let status: string;
          let cancelReason: string | null = null;
          let absenceJustified = 0;
          let updatedAt = requestedAt;
          const r = rng.next();
          if (r < 0.03) {
            status = 'cancelled';
            cancelReason = date >= today ? 'inTime' : r < 0.018 ? 'sick' : 'late';
            updatedAt = `${addDays(date, date >= today ? -12 : -1)}T07:00:00.000Z`;
          } else if ((taken.get(slot) ?? 0) >= capacity) {
            status = 'waitlisted';
          } else if (date < today) {
            status = r < 0.955 ? 'attended' : 'absent';
            absenceJustified = r >= 0.955 && r < 0.985 ? 1 : 0;
            updatedAt = `${date}T17:00:00.000Z`;
          } else {
            status = 'booked';
          }
          const bookingId = rng.uuid();
          for (const index of [unitIndex, ...impliedUnitsOf(activity, unitIndex)]) {
            const unitId = activity.unitIds[index]!;
            const key = `${unitId}|${pattern.groupId}|${date}`;
            if (status !== 'cancelled' && status !== 'waitlisted') taken.set(key, (taken.get(key) ?? 0) + 1);
            insert.run({
              id: index === unitIndex ? bookingId : `${bookingId}:${unitId}`,
              childId: pattern.child.childId,
              householdId: householdOn(pattern.child, date),
              activityId: activity.activityId,
              unitId,
              groupId: pattern.groupId,
              date,
              status,
              requestedAt,
              cancelReason,
              cancelledAt: cancelReason ? updatedAt : null,
              absenceJustified,
              updatedAt,
            });
            byStatus[status] = (byStatus[status] ?? 0) + 1;
          }
        }
      }
    }
  })();
  return { from, to, rows: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}
