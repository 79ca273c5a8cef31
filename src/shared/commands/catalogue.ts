// Reads of the activity catalogue and calendar that commands (desk and hub) and desk queries share: an activity
// with its units, groups and capacities, the school calendar, closures, a child's enrolment and group.
// Read-only helpers over a transaction or the db; the rules themselves live in src/shared/domain.
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import {
  activities,
  activityGroups,
  activityUnits,
  capacityExceptions,
  children,
  closures,
  enrolments,
  schoolYears,
  unitCapacities,
} from '../db/schema';
import { activityDeadlinesSchema, type ActivityDeadlines } from '../domain/deadlines';
import { generateOpenings, zoneASchoolCalendar, type SchoolCalendar } from '../domain/schoolCalendar';
import type { UnitRelation } from '../domain/units';
import { preparedOnce } from './prepared';
import type { Db, Tx } from './types';

const placeholder = sql.placeholder;

type Reader = Tx | Db;

export interface LoadedActivity {
  activity: typeof activities.$inferSelect;
  deadlines: ActivityDeadlines;
  units: (typeof activityUnits.$inferSelect)[];
  relations: UnitRelation[];
  groups: (typeof activityGroups.$inferSelect & { levelList: string[] })[];
  /** `${unitId}:${groupId}` → default capacity; absent means no limit. */
  defaultCapacity: Map<string, number>;
}

/**
 * The catalogue's reads, prepared once per connection (prepared.ts): a booking reads the activity of its unit,
 * the calendar and the closures on every request. Capacities are those of the activity's units, found by a
 * subquery so that the statement does not depend on how many units there are.
 */
function catalogueStatements(tx: Reader) {
  return preparedOnce(tx, 'catalogue', () => {
    const activityId = placeholder('activityId');
    const unitsOfActivity = tx
      .select({ id: activityUnits.id })
      .from(activityUnits)
      .where(eq(activityUnits.activityId, activityId));
    return {
      activity: tx.select().from(activities).where(eq(activities.id, activityId)).prepare(),
      units: tx
        .select()
        .from(activityUnits)
        .where(eq(activityUnits.activityId, activityId))
        .orderBy(activityUnits.position)
        .prepare(),
      groups: tx
        .select()
        .from(activityGroups)
        .where(eq(activityGroups.activityId, activityId))
        .orderBy(activityGroups.position)
        .prepare(),
      capacities: tx.select().from(unitCapacities).where(inArray(unitCapacities.unitId, unitsOfActivity)).prepare(),
      exception: tx
        .select({ capacity: capacityExceptions.capacity })
        .from(capacityExceptions)
        .where(
          and(
            eq(capacityExceptions.unitId, placeholder('unitId')),
            eq(capacityExceptions.groupId, placeholder('groupId')),
            eq(capacityExceptions.date, placeholder('date')),
          ),
        )
        .prepare(),
      schoolYears: tx.select().from(schoolYears).orderBy(schoolYears.id).prepare(),
      closures: tx
        .select({ date: closures.date })
        .from(closures)
        .where(
          and(
            gte(closures.date, placeholder('from')),
            lte(closures.date, placeholder('to')),
            or(isNull(closures.activityId), eq(closures.activityId, activityId)),
          ),
        )
        .prepare(),
      enrolmentOn: tx
        .select()
        .from(enrolments)
        .where(
          and(
            eq(enrolments.childId, placeholder('childId')),
            eq(enrolments.activityId, activityId),
            lte(enrolments.fromDate, placeholder('date')),
            gte(enrolments.toDate, placeholder('date')),
          ),
        )
        .prepare(),
    };
  });
}

/** Parsed deadline rules by their stored JSON (a pure function of the text; a handful of distinct texts). */
const parsedDeadlines = new Map<string, ActivityDeadlines>();
function deadlinesOf(json: string): ActivityDeadlines {
  let deadlines = parsedDeadlines.get(json);
  if (!deadlines) {
    if (parsedDeadlines.size >= 256) parsedDeadlines.clear();
    parsedDeadlines.set(json, (deadlines = activityDeadlinesSchema.parse(JSON.parse(json))));
  }
  return structuredClone(deadlines);
}

export function loadActivity(tx: Reader, activityId: string): LoadedActivity | undefined {
  const statements = catalogueStatements(tx);
  const activity = statements.activity.get({ activityId });
  if (!activity) return undefined;
  const units = statements.units.all({ activityId });
  const groups = statements.groups.all({ activityId });
  const capacities = units.length ? statements.capacities.all({ activityId }) : [];
  return {
    activity,
    deadlines: deadlinesOf(activity.deadlines),
    units,
    relations: units.map((u) => ({ id: u.id, label: u.name, implies: JSON.parse(u.implies), excludes: JSON.parse(u.excludes) })),
    groups: groups.map((g) => ({ ...g, levelList: JSON.parse(g.levels) as string[] })),
    defaultCapacity: new Map(capacities.map((c) => [`${c.unitId}:${c.groupId}`, c.capacity])),
  };
}

/** Capacity of a (unit, group, day): the day's exception, else the default; Infinity when none is set. */
export function capacityOf(tx: Reader, loaded: LoadedActivity, unitId: string, groupId: string, date: string): number {
  const exception = catalogueStatements(tx).exception.get({ unitId, groupId, date });
  return exception?.capacity ?? loaded.defaultCapacity.get(`${unitId}:${groupId}`) ?? Number.POSITIVE_INFINITY;
}

/** The commune's school calendar (edited by admins); the shipped zone A calendar until one is saved. */
export function loadSchoolCalendar(tx: Reader): SchoolCalendar {
  const rows = catalogueStatements(tx).schoolYears.all();
  if (rows.length === 0) return zoneASchoolCalendar;
  return { years: rows.map((r) => ({ schoolYear: r.id, rentree: r.rentree, holidays: JSON.parse(r.holidays) })) };
}

export function closedDates(tx: Reader, activityId: string, from: string, to: string): string[] {
  return catalogueStatements(tx)
    .closures.all({ activityId, from, to })
    .map((r) => r.date);
}

/** Open dates of an activity between two dates (school calendar, public holidays, commune closures). */
export function openDates(
  tx: Reader,
  activity: LoadedActivity['activity'],
  from: string,
  to: string,
  calendar = loadSchoolCalendar(tx),
) {
  return generateOpenings({ from, to, calendar, rule: activity.openOn, closures: closedDates(tx, activity.id, from, to) });
}

/** The enrolment of a child on an activity that covers `date`, if any. */
export function enrolmentOn(tx: Reader, childId: string, activityId: string, date: string) {
  return catalogueStatements(tx).enrolmentOn.get({ childId, activityId, date });
}

/** The group a child is counted in: the enrolment's, else the group whose levels contain the child's level. */
export function groupOfChild(
  loaded: LoadedActivity,
  child: Pick<typeof children.$inferSelect, 'schoolLevel'>,
  enrolment?: { groupId: string | null },
): string | undefined {
  if (enrolment?.groupId) return enrolment.groupId;
  if (loaded.groups.length === 1) return loaded.groups[0]!.id;
  return loaded.groups.find((g) => child.schoolLevel !== null && g.levelList.includes(child.schoolLevel))?.id;
}
