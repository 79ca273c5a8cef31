// Commands of the activity catalogue and calendar (admin): activities with their units, groups and default
// capacities, per-day capacity exceptions, school years, commune closures, and children's enrolments.
import { and, eq, gte, lte, ne } from 'drizzle-orm';
import { z } from 'zod';
import {
  activities,
  activityGroups,
  activityKinds,
  activityUnits,
  bookings,
  capacityExceptions,
  children,
  closures,
  enrolments,
  schoolLevels,
  schoolYears,
  tariffCategories,
  unitCapacities,
} from '../db/schema';
import { clockTimeSchema } from '../domain/dates';
import { activityDeadlinesSchema } from '../domain/deadlines';
import { holidayPeriodSchema, openingRuleSchema } from '../domain/schoolCalendar';
import { validateUnitRelations } from '../domain/units';
import { isoDate, optionalText, required } from '../domain/validation';
import { fail, ok, type Result } from '../result';
import { audit } from './audit';
import { loadActivity } from './catalogue';
import { promoteWaitlisted } from './reservations';
import { defineCommand, type Tx } from './types';

const id = z.string().min(1).max(64);
const capacity = z
  .number({ error: 'Indiquez une capacité.' })
  .int({ error: 'Un nombre entier.' })
  .min(0, { error: 'Pas de capacité négative.' })
  .max(10_000);

export const activitySave = defineCommand({
  name: 'activity.save',
  kind: 'fact',
  newIds: ['activityId', 'units[].unitId', 'groups[].groupId'],
  input: z.object({
    activityId: id,
    name: required(100),
    kind: z.enum(activityKinds),
    openOn: openingRuleSchema,
    deadlines: activityDeadlinesSchema,
    position: z.number().int().default(0),
    /** Online enrolment settings; absent: the saved values are kept (a new activity gets the defaults). */
    enrolmentCapacity: capacity.nullable().optional(),
    autoAccept: z.boolean().optional(),
    onlineEnrolment: z.boolean().optional(),
    units: z
      .array(
        z.object({
          unitId: id,
          name: required(60),
          startTime: z.union([z.literal(''), clockTimeSchema]).default(''),
          endTime: z.union([z.literal(''), clockTimeSchema]).default(''),
          /** Positions (indexes) of other units of this list, so that new units can refer to each other. */
          implies: z.array(z.number().int().min(0)).default([]),
          excludes: z.array(z.number().int().min(0)).default([]),
        }),
      )
      .min(1, { error: 'Une activité a au moins une unité.' })
      .max(12),
    groups: z
      .array(
        z.object({
          groupId: id,
          name: required(60),
          levels: z.array(z.enum(schoolLevels)).default([]),
          /** Default capacity per unit (same order as `units`); null: no limit. */
          capacities: z.array(capacity.nullable()).default([]),
        }),
      )
      .min(1, { error: 'Une activité a au moins un groupe.' })
      .max(12),
  }),
  handler(tx, input, ctx): Result<{ activityId: string }> {
    const unitIds = input.units.map((u) => u.unitId);
    const ref = (i: number) => unitIds[i] ?? `#${i}`;
    const relations = input.units.map((u) => ({
      id: u.unitId,
      label: u.name,
      implies: u.implies.map(ref),
      excludes: u.excludes.map(ref),
    }));
    const problems = validateUnitRelations(relations);
    if (problems.length > 0) return fail('invalid', problems.join(' '));
    const before = loadActivity(tx, input.activityId);
    const base = {
      name: input.name,
      kind: input.kind,
      openOn: input.openOn,
      deadlines: JSON.stringify(input.deadlines),
      position: input.position,
      enrolmentCapacity:
        input.enrolmentCapacity !== undefined ? input.enrolmentCapacity : (before?.activity.enrolmentCapacity ?? null),
      autoAccept: input.autoAccept ?? before?.activity.autoAccept ?? false,
      onlineEnrolment: input.onlineEnrolment ?? before?.activity.onlineEnrolment ?? true,
    };
    tx.insert(activities)
      .values({ id: input.activityId, ...base, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: activities.id, set: { ...base, updatedAt: ctx.now } })
      .run();
    input.units.forEach((u, position) => {
      const values = {
        name: u.name,
        startTime: u.startTime,
        endTime: u.endTime,
        implies: JSON.stringify(relations[position]!.implies),
        excludes: JSON.stringify(relations[position]!.excludes),
        position,
        archivedAt: null,
      };
      const existing = tx
        .select({ activityId: activityUnits.activityId })
        .from(activityUnits)
        .where(eq(activityUnits.id, u.unitId))
        .get();
      if (existing && existing.activityId !== input.activityId) throw new Error('unit of another activity');
      tx.insert(activityUnits)
        .values({ id: u.unitId, activityId: input.activityId, ...values, createdAt: ctx.now, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: activityUnits.id, set: { ...values, updatedAt: ctx.now } })
        .run();
    });
    // Units dropped from the list are archived, not deleted: bookings and invoices refer to them.
    for (const old of before?.units ?? []) {
      if (!unitIds.includes(old.id) && !old.archivedAt)
        tx.update(activityUnits).set({ archivedAt: ctx.now, updatedAt: ctx.now }).where(eq(activityUnits.id, old.id)).run();
    }
    const groupIds = input.groups.map((g) => g.groupId);
    for (const old of before?.groups ?? []) {
      if (groupIds.includes(old.id)) continue;
      if (tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.groupId, old.id)).get()) {
        return fail('conflict', `Le groupe « ${old.name} » a des réservations : il ne peut pas être supprimé.`);
      }
      tx.delete(unitCapacities).where(eq(unitCapacities.groupId, old.id)).run();
      tx.delete(capacityExceptions).where(eq(capacityExceptions.groupId, old.id)).run();
      tx.update(enrolments).set({ groupId: null, updatedAt: ctx.now }).where(eq(enrolments.groupId, old.id)).run();
      tx.delete(activityGroups).where(eq(activityGroups.id, old.id)).run();
    }
    input.groups.forEach((g, position) => {
      const values = { name: g.name, levels: JSON.stringify(g.levels), position };
      tx.insert(activityGroups)
        .values({ id: g.groupId, activityId: input.activityId, ...values, createdAt: ctx.now, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: activityGroups.id, set: { ...values, updatedAt: ctx.now } })
        .run();
      unitIds.forEach((unitId, i) => {
        const where = and(eq(unitCapacities.unitId, unitId), eq(unitCapacities.groupId, g.groupId));
        const value = g.capacities[i] ?? null;
        if (value === null) {
          tx.delete(unitCapacities).where(where).run();
          return;
        }
        tx.insert(unitCapacities)
          .values({
            id: `${unitId}:${g.groupId}`,
            unitId,
            groupId: g.groupId,
            capacity: value,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .onConflictDoUpdate({
            target: [unitCapacities.unitId, unitCapacities.groupId],
            set: { capacity: value, updatedAt: ctx.now },
          })
          .run();
      });
    });
    audit(tx, ctx, 'activity.save', {
      entity: 'activity',
      entityId: input.activityId,
      changes: { name: input.name, units: input.units.map((u) => u.name), groups: input.groups.map((g) => g.name) },
    });
    return ok({ activityId: input.activityId });
  },
});

/** Capacity of one (unit, group, day), e.g. 0 on a school trip day, or more staff on a busy Wednesday. */
export const capacitySetException = defineCommand({
  name: 'capacity.setException',
  kind: 'fact',
  input: z.object({ unitId: id, groupId: id, date: isoDate, capacity: capacity.nullable(), reason: optionalText(200) }),
  handler(tx, input, ctx): Result<{ promoted: string[] }> {
    const unit = tx.select().from(activityUnits).where(eq(activityUnits.id, input.unitId)).get();
    const group = tx.select().from(activityGroups).where(eq(activityGroups.id, input.groupId)).get();
    if (!unit || !group || group.activityId !== unit.activityId) return fail('notFound', 'Unité ou groupe introuvable.');
    const where = and(
      eq(capacityExceptions.unitId, input.unitId),
      eq(capacityExceptions.groupId, input.groupId),
      eq(capacityExceptions.date, input.date),
    );
    if (input.capacity === null) {
      tx.delete(capacityExceptions).where(where).run();
    } else {
      tx.insert(capacityExceptions)
        .values({
          id: `${input.unitId}:${input.groupId}:${input.date}`,
          unitId: input.unitId,
          groupId: input.groupId,
          date: input.date,
          capacity: input.capacity,
          reason: input.reason,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .onConflictDoUpdate({
          target: [capacityExceptions.unitId, capacityExceptions.groupId, capacityExceptions.date],
          set: { capacity: input.capacity, reason: input.reason, updatedAt: ctx.now },
        })
        .run();
    }
    audit(tx, ctx, 'capacity.setException', {
      entity: 'unit',
      entityId: input.unitId,
      changes: { groupId: input.groupId, date: input.date, capacity: input.capacity },
      reason: input.reason,
    });
    // More places (or the default back): the first waiting children get them.
    const promoted = promoteWaitlisted(tx, ctx, { unitId: input.unitId, groupId: input.groupId, date: input.date });
    return ok({ promoted });
  },
});

export const schoolYearSave = defineCommand({
  name: 'schoolYear.save',
  kind: 'fact',
  input: z.object({
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/, { error: 'Année scolaire invalide (format 2026-2027).' }),
    rentree: isoDate,
    holidays: z.array(holidayPeriodSchema).max(12),
  }),
  handler(tx, input, ctx): Result<null> {
    const values = { rentree: input.rentree, holidays: JSON.stringify(input.holidays) };
    tx.insert(schoolYears)
      .values({ id: input.schoolYear, ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: schoolYears.id, set: { ...values, updatedAt: ctx.now } })
      .run();
    audit(tx, ctx, 'schoolYear.save', { entity: 'schoolYear', entityId: input.schoolYear, changes: values });
    return ok(null);
  },
});

export const closureAdd = defineCommand({
  name: 'closure.add',
  kind: 'fact',
  newIds: ['closureId'],
  input: z.object({ closureId: id, date: isoDate, activityId: id.nullable().default(null), reason: required(200) }),
  handler(tx, input, ctx): Result<{ closureId: string }> {
    if (input.activityId && !tx.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId)).get()) {
      return fail('notFound', 'Activité introuvable.');
    }
    tx.insert(closures)
      .values({ id: input.closureId, date: input.date, activityId: input.activityId, reason: input.reason, createdAt: ctx.now })
      .run();
    audit(tx, ctx, 'closure.add', {
      entity: 'closure',
      entityId: input.closureId,
      changes: { date: input.date, activityId: input.activityId },
      reason: input.reason,
    });
    return ok({ closureId: input.closureId });
  },
});

export const closureRemove = defineCommand({
  name: 'closure.remove',
  kind: 'fact',
  input: z.object({ closureId: id }),
  handler(tx, input, ctx): Result<null> {
    const row = tx.select().from(closures).where(eq(closures.id, input.closureId)).get();
    if (!row) return fail('notFound', 'Fermeture introuvable.');
    tx.delete(closures).where(eq(closures.id, input.closureId)).run();
    audit(tx, ctx, 'closure.remove', { entity: 'closure', entityId: input.closureId, changes: { date: row.date } });
    return ok(null);
  },
});

const enrolmentFields = z
  .object({
    fromDate: isoDate,
    toDate: isoDate,
    tariffCategory: z.enum(tariffCategories).default('resident'),
    groupId: id.nullable().default(null),
  })
  .refine((e) => e.toDate >= e.fromDate, { path: ['toDate'], error: 'La fin suit le début.' });

/** An enrolment of the child in the activity that overlaps the period, if any. */
export function overlappingEnrolment(
  tx: Tx,
  e: { childId: string; activityId: string; fromDate: string; toDate: string },
): { id: string } | undefined {
  return tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.childId, e.childId),
        eq(enrolments.activityId, e.activityId),
        lte(enrolments.fromDate, e.toDate),
        gte(enrolments.toDate, e.fromDate),
      ),
    )
    .get();
}

export const enrolmentCreate = defineCommand({
  name: 'enrolment.create',
  kind: 'fact',
  newIds: ['enrolmentId'],
  input: z.intersection(enrolmentFields, z.object({ enrolmentId: id, childId: id, activityId: id })),
  handler(tx, input, ctx): Result<{ enrolmentId: string }> {
    const child = tx.select().from(children).where(eq(children.id, input.childId)).get();
    if (!child) return fail('notFound', 'Enfant introuvable.');
    const loaded = loadActivity(tx, input.activityId);
    if (!loaded) return fail('notFound', 'Activité introuvable.');
    if (input.groupId && !loaded.groups.some((g) => g.id === input.groupId))
      return fail('notFound', "Ce groupe n'appartient pas à l'activité.");
    if (overlappingEnrolment(tx, input))
      return fail('conflict', `${child.firstName} est déjà inscrit(e) à « ${loaded.activity.name} » sur cette période.`);
    const { enrolmentId, ...fields } = input;
    tx.insert(enrolments)
      .values({ id: enrolmentId, ...fields, createdAt: ctx.now, updatedAt: ctx.now })
      .run();
    audit(tx, ctx, 'enrolment.create', {
      entity: 'child',
      entityId: input.childId,
      changes: { activity: loaded.activity.name, ...fields },
    });
    return ok({ enrolmentId });
  },
});

export const enrolmentUpdate = defineCommand({
  name: 'enrolment.update',
  kind: 'fact',
  input: z.intersection(enrolmentFields, z.object({ enrolmentId: id })),
  handler(tx, input, ctx): Result<null> {
    const before = tx.select().from(enrolments).where(eq(enrolments.id, input.enrolmentId)).get();
    if (!before) return fail('notFound', 'Inscription introuvable.');
    const overlapping = tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(
        and(
          ne(enrolments.id, input.enrolmentId),
          eq(enrolments.childId, before.childId),
          eq(enrolments.activityId, before.activityId),
          lte(enrolments.fromDate, input.toDate),
          gte(enrolments.toDate, input.fromDate),
        ),
      )
      .get();
    if (overlapping) return fail('conflict', 'Une autre inscription couvre déjà cette période.');
    const { enrolmentId, ...fields } = input;
    tx.update(enrolments)
      .set({ ...fields, updatedAt: ctx.now })
      .where(eq(enrolments.id, enrolmentId))
      .run();
    audit(tx, ctx, 'enrolment.update', {
      entity: 'child',
      entityId: before.childId,
      changes: { fromDate: [before.fromDate, fields.fromDate], toDate: [before.toDate, fields.toDate] },
    });
    return ok(null);
  },
});

export const activityCommands = [
  activitySave,
  capacitySetException,
  schoolYearSave,
  closureAdd,
  closureRemove,
  enrolmentCreate,
  enrolmentUpdate,
] as const;
