// Commands of reservations and attendance: book (one day or a whole pattern), cancel, mark attendance, record an
// unbooked presence. The same handlers run optimistically on a desk and authoritatively on the hub, which is
// what keeps capacity across every desk and parent: the hub's decision (booked / waitlisted / refused) wins.
// Booking and cancelling are requests decided item by item: a pattern of 20 days with one full day books 19
// and waitlists one; each item's outcome comes back with a French message.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { activityUnits, bookingEvents, bookings, children, householdChildren, households } from '../db/schema';
import { decideBooking, holdsPlace, promotionsFor, type BookingStatus } from '../domain/capacity';
import { checkDeadline, deadlineRuleFor } from '../domain/deadlines';
import { checkUnitCancellation, resolveUnitBooking } from '../domain/units';
import { isoDate, optionalText } from '../domain/validation';
import { fail, ok, type Result } from '../result';
import { audit } from './audit';
import {
  capacityOf,
  enrolmentOn,
  groupOfChild,
  loadActivity,
  loadSchoolCalendar,
  openDates,
  type LoadedActivity,
} from './catalogue';
import { defineCommand, type CommandContext, type Tx } from './types';

// 100, not 64: the row of a unit implied by another (a journée's repas) is `${bookingId}:${unitId}`, 73 characters
// with UUIDs, and must be cancellable and markable like any booking.
const id = z.string().min(1).max(100);

export type ItemOutcome = 'booked' | 'waitlisted' | 'alreadyBooked' | 'refused' | 'cancelled';

export interface ItemResult {
  bookingId: string;
  unitId: string;
  date: string;
  outcome: ItemOutcome;
  /** Waiting-list position (1-based) when waitlisted. */
  position?: number;
  /** Why it was refused or changed, in French. */
  message?: string;
  /** Cancellation: how it is billed. */
  cancelReason?: 'inTime' | 'late' | 'sick';
  /** Booking ids promoted from the waiting list because of this item. */
  promoted?: string[];
  /** Implied units booked or cancelled along (a journée's repas). */
  implied?: string[];
}

type BookingRow = typeof bookings.$inferSelect;
type Slot = { unitId: string; groupId: string; date: string };

/** The waiting entries of a slot only (a busy canteen day holds hundreds of bookings, a handful waiting). */
function slotWaitlist(tx: Tx, slot: Slot): BookingRow[] {
  return tx
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.unitId, slot.unitId),
        eq(bookings.date, slot.date),
        eq(bookings.groupId, slot.groupId),
        eq(bookings.status, 'waitlisted'),
      ),
    )
    .all();
}

/**
 * Places taken on a slot and waiting entries ahead of `entry` in FIFO order (request instant, then id — the
 * order of domain/waitlist.ts; instants are all `toISOString()` strings, so text order is time order), as
 * indexed counts: a registration-day rush must not load a waiting list of hundreds for every request.
 */
function slotCounts(tx: Tx, slot: Slot, entry: { id: string; requestedAt: string }): { accepted: number; ahead: number } {
  const inSlot = and(eq(bookings.unitId, slot.unitId), eq(bookings.date, slot.date), eq(bookings.groupId, slot.groupId));
  const [row] = tx
    .select({
      accepted: sql<number>`coalesce(sum(${bookings.status} IN ('booked', 'attended', 'absent')), 0)`,
      ahead: sql<number>`coalesce(sum(${bookings.status} = 'waitlisted' AND ${bookings.id} != ${entry.id} AND
        (${bookings.requestedAt} < ${entry.requestedAt} OR (${bookings.requestedAt} = ${entry.requestedAt} AND ${bookings.id} < ${entry.id}))), 0)`,
    })
    .from(bookings)
    .where(inSlot)
    .all();
  return { accepted: Number(row?.accepted ?? 0), ahead: Number(row?.ahead ?? 0) };
}

/** Gives freed places of a slot to the first waiting children, records the promotion; returns their ids. */
export function promoteWaitlisted(tx: Tx, ctx: CommandContext, slot: Slot): string[] {
  const unit = tx
    .select({ activityId: activityUnits.activityId })
    .from(activityUnits)
    .where(eq(activityUnits.id, slot.unitId))
    .get();
  const loaded = unit && loadActivity(tx, unit.activityId);
  if (!loaded) return [];
  const waitlist = slotWaitlist(tx, slot);
  if (waitlist.length === 0) return [];
  const promoted = promotionsFor({
    capacity: capacityOf(tx, loaded, slot.unitId, slot.groupId, slot.date),
    // Only `accepted` is read; the FIFO order comes from `waitlist`.
    acceptedCount: slotCounts(tx, slot, { id: '', requestedAt: '' }).accepted,
    waitlist,
  });
  for (const bookingId of promoted) {
    const row = waitlist.find((b) => b.id === bookingId)!;
    tx.update(bookings).set({ status: 'booked', updatedAt: ctx.now }).where(eq(bookings.id, bookingId)).run();
    tx.insert(bookingEvents)
      .values({
        id: `${ctx.commandId}:promoted:${bookingId}`,
        bookingId,
        householdId: row.householdId,
        kind: 'promoted',
        at: ctx.now,
      })
      .run();
    audit(tx, ctx, 'booking.promote', {
      entity: 'booking',
      entityId: bookingId,
      householdId: row.householdId,
      changes: { status: ['waitlisted', 'booked'], date: slot.date, unitId: slot.unitId },
    });
  }
  return promoted;
}

/** Child ∈ household; the child row. */
function childOfHousehold(tx: Tx, householdId: string, childId: string) {
  const link = tx
    .select({ id: householdChildren.id })
    .from(householdChildren)
    .where(and(eq(householdChildren.householdId, householdId), eq(householdChildren.childId, childId)))
    .get();
  if (!link) return undefined;
  return tx.select().from(children).where(eq(children.id, childId)).get();
}

function activityOfUnit(tx: Tx, cache: Map<string, LoadedActivity | undefined>, unitId: string) {
  const unit = tx
    .select({ activityId: activityUnits.activityId, archivedAt: activityUnits.archivedAt })
    .from(activityUnits)
    .where(eq(activityUnits.id, unitId))
    .get();
  if (!unit || unit.archivedAt) return undefined;
  if (!cache.has(unit.activityId)) cache.set(unit.activityId, loadActivity(tx, unit.activityId));
  return cache.get(unit.activityId);
}

function dayBookings(tx: Tx, childId: string, date: string, unitIds: string[]): BookingRow[] {
  return tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.childId, childId), eq(bookings.date, date), inArray(bookings.unitId, unitIds)))
    .all();
}

const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

export const bookingBook = defineCommand({
  name: 'booking.book',
  kind: 'request',
  newIds: ['items[].bookingId'],
  input: z.object({
    householdId: id,
    childId: id,
    items: z
      .array(z.object({ bookingId: id, unitId: id, date: isoDate }))
      .min(1, { error: 'Choisissez au moins un jour.' })
      .max(400, { error: 'Trop de jours en une fois (400 au plus).' }),
    /** Staff only: book beyond capacity, with a reason. */
    forceReason: optionalText(300),
    /** Staff only: book after the deadline, with a reason. */
    deadlineOverrideReason: optionalText(300),
  }),
  handler(tx, input, ctx): Result<{ items: ItemResult[] }> {
    const isStaff = ctx.actor.kind !== 'parent';
    if (!isStaff && (input.forceReason || input.deadlineOverrideReason))
      return fail('forbidden', 'Action réservée au personnel.');
    if (!isStaff && !parentMayAct(ctx, input.householdId)) return fail('notFound', 'Foyer introuvable.');
    if (!tx.select({ id: households.id }).from(households).where(eq(households.id, input.householdId)).get())
      return fail('notFound', 'Foyer introuvable.');
    const child = childOfHousehold(tx, input.householdId, input.childId);
    if (!child) return fail('notFound', "Cet enfant n'appartient pas à ce foyer.");
    const calendar = loadSchoolCalendar(tx);
    const activityCache = new Map<string, LoadedActivity | undefined>();
    const results: ItemResult[] = [];
    const items = [...input.items].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
    // Open days computed once per activity over the whole range of the request (a 10-week pattern asks ~20 days).
    const openByActivity = new Map<string, Set<string>>();
    const isOpen = (loaded: LoadedActivity, date: string) => {
      let open = openByActivity.get(loaded.activity.id);
      if (!open) {
        open = new Set(openDates(tx, loaded.activity, items[0]!.date, items[items.length - 1]!.date, calendar));
        openByActivity.set(loaded.activity.id, open);
      }
      return open.has(date);
    };

    for (const item of items) {
      const refuse = (message: string) => results.push({ ...item, outcome: 'refused', message });
      const loaded = activityOfUnit(tx, activityCache, item.unitId);
      if (!loaded) {
        refuse('Unité inconnue.');
        continue;
      }
      const unitName = loaded.units.find((u) => u.id === item.unitId)!.name;
      const label = `${child.firstName} le ${frDate(item.date)} (${unitName})`;
      const enrolment = enrolmentOn(tx, child.id, loaded.activity.id, item.date);
      if (!enrolment) {
        refuse(`${label} : pas inscrit(e) à « ${loaded.activity.name} » à cette date.`);
        continue;
      }
      if (!isOpen(loaded, item.date)) {
        refuse(`${label} : fermé ce jour-là.`);
        continue;
      }
      const deadline = checkDeadline(deadlineRuleFor(loaded.deadlines, 'booking'), item.date, ctx.now, 'booking');
      if (!deadline.ok && !(isStaff && input.deadlineOverrideReason)) {
        refuse(`${label} : ${deadline.message}${isStaff ? ' Un motif de dérogation permet de réserver quand même.' : ''}`);
        continue;
      }
      const groupId = groupOfChild(loaded, child, enrolment);
      if (!groupId) {
        refuse(`${label} : aucun groupe de l'activité ne correspond au niveau scolaire de l'enfant.`);
        continue;
      }
      const sameDay = dayBookings(
        tx,
        child.id,
        item.date,
        loaded.units.map((u) => u.id),
      );
      const active = sameDay.filter((b) => b.status !== 'cancelled');
      if (active.some((b) => b.unitId === item.unitId)) {
        results.push({ ...item, bookingId: active.find((b) => b.unitId === item.unitId)!.id, outcome: 'alreadyBooked' });
        continue;
      }
      const units = resolveUnitBooking(
        loaded.relations,
        active.map((b) => b.unitId),
        item.unitId,
      );
      if (!units.ok) {
        refuse(`${label} : ${units.message}`);
        continue;
      }
      const existing = sameDay.find((b) => b.unitId === item.unitId);
      const bookingId = existing?.id ?? item.bookingId;
      const counts = slotCounts(tx, { unitId: item.unitId, groupId, date: item.date }, { id: bookingId, requestedAt: ctx.now });
      const decision = decideBooking({
        capacity: capacityOf(tx, loaded, item.unitId, groupId, item.date),
        acceptedCount: counts.accepted,
        waitlistAhead: counts.ahead,
        entry: { id: bookingId, requestedAt: ctx.now },
        force: isStaff && input.forceReason ? { reason: input.forceReason } : undefined,
      });
      if (!decision.ok) {
        refuse(`${label} : ${decision.message}`);
        continue;
      }
      const status: BookingStatus = decision.value.status;
      const extra = {
        forcedReason: decision.value.status === 'booked' && decision.value.overCapacity ? input.forceReason : '',
        deadlineOverrideReason: deadline.ok ? '' : input.deadlineOverrideReason,
      };
      const implied = units.value.unitsToAdd.filter((u) => u !== item.unitId);
      const write = (unitId: string, rowId: string) =>
        tx
          .insert(bookings)
          .values({
            id: rowId,
            childId: child.id,
            householdId: input.householdId,
            activityId: loaded.activity.id,
            unitId,
            groupId,
            date: item.date,
            status,
            requestedAt: ctx.now,
            requestedBy: ctx.actor.kind,
            ...extra,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .onConflictDoUpdate({
            target: bookings.id,
            set: {
              status,
              householdId: input.householdId,
              groupId,
              requestedAt: ctx.now,
              requestedBy: ctx.actor.kind,
              ...extra,
              cancelReason: null,
              cancelledAt: null,
              absenceJustified: false,
              unbooked: false,
              updatedAt: ctx.now,
            },
          })
          .run();
      write(item.unitId, bookingId);
      // Implied units (a journée's repas) follow the main unit's decision; they reuse a cancelled row if any.
      for (const unitId of implied) write(unitId, sameDay.find((b) => b.unitId === unitId)?.id ?? `${bookingId}:${unitId}`);
      const position = decision.value.status === 'waitlisted' ? decision.value.position : undefined;
      audit(tx, ctx, 'booking.book', {
        entity: 'booking',
        entityId: bookingId,
        householdId: input.householdId,
        changes: { child: child.firstName, date: item.date, unit: unitName, status, ...(position ? { position } : {}) },
        reason: [
          extra.forcedReason && `Forçage : ${extra.forcedReason}`,
          extra.deadlineOverrideReason && `Hors délai : ${extra.deadlineOverrideReason}`,
        ]
          .filter(Boolean)
          .join(' — '),
      });
      results.push({
        ...item,
        bookingId,
        outcome: status === 'waitlisted' ? 'waitlisted' : 'booked',
        ...(position ? { position, message: `${label} : complet, en liste d'attente (position ${position}).` } : {}),
        ...(implied.length ? { implied } : {}),
      });
    }
    const changed = results.some((r) => r.outcome === 'waitlisted' || r.outcome === 'refused');
    return ok({ items: results }, changed ? { outcome: 'modified', message: summary(results) } : undefined);
  },
});

/** The hub's verdict in French: what was booked, and each day that was not booked as asked, by name. */
function summary(results: ItemResult[]): string {
  const booked = results.filter((r) => r.outcome === 'booked').length;
  const details = results.filter((r) => r.outcome === 'waitlisted' || r.outcome === 'refused').map((r) => r.message ?? '');
  const shown = details.slice(0, 3).join(' ; ');
  const more = details.length > 3 ? ` ; et ${details.length - 3} autre(s)` : '';
  return `${booked ? `${booked} réservé(s). ` : ''}${shown}${more}.`;
}

export const bookingCancel = defineCommand({
  name: 'booking.cancel',
  kind: 'request',
  input: z.object({
    bookingIds: z.array(id).min(1, { error: 'Choisissez au moins une réservation.' }).max(400),
    /** `sick`: absence for illness with a medical certificate (never billed); `standard` otherwise. */
    reason: z.enum(['standard', 'sick']).default('standard'),
    /** Staff only: cancel after the deadline without billing, with a reason. */
    deadlineOverrideReason: optionalText(300),
  }),
  handler(tx, input, ctx): Result<{ items: ItemResult[] }> {
    const isStaff = ctx.actor.kind !== 'parent';
    if (!isStaff && input.deadlineOverrideReason) return fail('forbidden', 'Action réservée au personnel.');
    const activityCache = new Map<string, LoadedActivity | undefined>();
    const results: ItemResult[] = [];
    const done = new Set<string>();
    for (const bookingId of input.bookingIds) {
      if (done.has(bookingId)) continue;
      const row = tx.select().from(bookings).where(eq(bookings.id, bookingId)).get();
      if (!row) return fail('notFound', 'Réservation introuvable.');
      if (ctx.actor.kind === 'parent' && !parentMayAct(ctx, row.householdId)) return fail('notFound', 'Réservation introuvable.');
      const loaded = activityOfUnit(tx, activityCache, row.unitId) ?? loadActivity(tx, row.activityId)!;
      const child = tx.select({ firstName: children.firstName }).from(children).where(eq(children.id, row.childId)).get()!;
      const unitName = loaded.units.find((u) => u.id === row.unitId)?.name ?? '';
      const label = `${child.firstName} le ${frDate(row.date)} (${unitName})`;
      const base = { bookingId, unitId: row.unitId, date: row.date };
      if (row.status === 'cancelled') {
        results.push({ ...base, outcome: 'cancelled', cancelReason: row.cancelReason ?? 'inTime' });
        continue;
      }
      if (row.status === 'attended' || row.status === 'absent') {
        results.push({ ...base, outcome: 'refused', message: `${label} : la présence est déjà pointée.` });
        continue;
      }
      const sameDay = dayBookings(
        tx,
        row.childId,
        row.date,
        loaded.units.map((u) => u.id),
      ).filter((b) => b.status !== 'cancelled');
      const impliedOk = checkUnitCancellation(
        loaded.relations,
        sameDay.filter((b) => !input.bookingIds.includes(b.id)).map((b) => b.unitId),
        row.unitId,
      );
      if (!impliedOk.ok) {
        results.push({ ...base, outcome: 'refused', message: `${label} : ${impliedOk.message}` });
        continue;
      }
      let cancelReason: 'inTime' | 'late' | 'sick' = 'inTime';
      let overrideReason = '';
      if (row.status === 'booked') {
        const deadline = checkDeadline(deadlineRuleFor(loaded.deadlines, 'cancellation'), row.date, ctx.now, 'cancellation');
        if (input.reason === 'sick') cancelReason = 'sick';
        else if (!deadline.ok) {
          if (!isStaff) {
            results.push({ ...base, outcome: 'refused', message: `${label} : ${deadline.message}` });
            continue;
          }
          if (input.deadlineOverrideReason) overrideReason = input.deadlineOverrideReason;
          else cancelReason = 'late';
        }
      }
      // The unit and the units it implies that day (a journée's repas) go together.
      const implied = sameDay.filter(
        (b) => b.id !== row.id && loaded.relations.find((r) => r.id === row.unitId)?.implies.includes(b.unitId),
      );
      const promoted: string[] = [];
      for (const target of [row, ...implied]) {
        tx.update(bookings)
          .set({
            status: 'cancelled',
            cancelReason,
            cancelledAt: ctx.now,
            deadlineOverrideReason: overrideReason || target.deadlineOverrideReason,
            updatedAt: ctx.now,
          })
          .where(eq(bookings.id, target.id))
          .run();
        done.add(target.id);
        if (holdsPlace(target.status)) promoted.push(...promoteWaitlisted(tx, ctx, target));
      }
      audit(tx, ctx, 'booking.cancel', {
        entity: 'booking',
        entityId: bookingId,
        householdId: row.householdId,
        changes: { child: child.firstName, date: row.date, unit: unitName, status: [row.status, 'cancelled'], cancelReason },
        reason: overrideReason && `Hors délai : ${overrideReason}`,
      });
      results.push({
        ...base,
        outcome: 'cancelled',
        cancelReason,
        ...(cancelReason === 'late' ? { message: `${label} : annulation tardive, facturée.` } : {}),
        ...(promoted.length ? { promoted } : {}),
        ...(implied.length ? { implied: implied.map((b) => b.unitId) } : {}),
      });
    }
    const changed = results.filter((r) => r.outcome === 'refused' || r.cancelReason === 'late');
    return ok(
      { items: results },
      changed.length
        ? {
            outcome: 'modified',
            message: changed
              .map((r) => r.message ?? '')
              .slice(0, 3)
              .join(' ; '),
          }
        : undefined,
    );
  },
});

/** A parent acts only for the households of their session (whatever ids they send). */
function parentMayAct(ctx: CommandContext, householdId: string): boolean {
  return ctx.actor.householdIds?.includes(householdId) ?? false;
}

const attendanceValue = z.enum(['present', 'absentJustified', 'absentUnjustified', 'reset']);

export const attendanceMark = defineCommand({
  name: 'attendance.mark',
  kind: 'fact',
  input: z.object({
    marks: z
      .array(z.object({ bookingId: id, attendance: attendanceValue }))
      .min(1)
      .max(500),
  }),
  handler(tx, input, ctx): Result<{ marked: number }> {
    let marked = 0;
    for (const mark of input.marks) {
      const row = tx.select().from(bookings).where(eq(bookings.id, mark.bookingId)).get();
      if (!row) return fail('notFound', 'Réservation introuvable.');
      if (row.date > ctx.today) return fail('future', `Impossible de pointer un jour à venir (${frDate(row.date)}).`);
      if (!holdsPlace(row.status)) return fail('conflict', 'Seul un enfant attendu (réservé) peut être pointé.');
      const next =
        mark.attendance === 'present'
          ? { status: 'attended' as const, absenceJustified: false }
          : mark.attendance === 'reset'
            ? { status: 'booked' as const, absenceJustified: false }
            : { status: 'absent' as const, absenceJustified: mark.attendance === 'absentJustified' };
      // An unbooked presence un-marked goes away rather than becoming a booking nobody asked for.
      if (row.unbooked && mark.attendance !== 'present') {
        tx.update(bookings)
          .set({ status: 'cancelled', cancelReason: 'inTime', cancelledAt: ctx.now, updatedAt: ctx.now })
          .where(eq(bookings.id, row.id))
          .run();
      } else if (row.status !== next.status || row.absenceJustified !== next.absenceJustified) {
        tx.update(bookings)
          .set({ ...next, updatedAt: ctx.now })
          .where(eq(bookings.id, row.id))
          .run();
      } else continue;
      marked++;
      audit(tx, ctx, 'attendance.mark', {
        entity: 'booking',
        entityId: row.id,
        householdId: row.householdId,
        changes: { date: row.date, attendance: [row.status, mark.attendance] },
      });
    }
    return ok({ marked });
  },
});

/** Présence non réservée: the child is there without a booking; recorded (and later billed with a surcharge). */
export const attendanceAddUnbooked = defineCommand({
  name: 'attendance.addUnbooked',
  kind: 'fact',
  newIds: ['bookingId'],
  input: z.object({ bookingId: id, householdId: id, childId: id, unitId: id, date: isoDate }),
  handler(tx, input, ctx): Result<{ bookingId: string }> {
    if (input.date > ctx.today) return fail('future', 'Impossible de pointer un jour à venir.');
    const child = childOfHousehold(tx, input.householdId, input.childId);
    if (!child) return fail('notFound', "Cet enfant n'appartient pas à ce foyer.");
    const loaded = activityOfUnit(tx, new Map(), input.unitId);
    if (!loaded) return fail('notFound', 'Unité inconnue.');
    const enrolment = enrolmentOn(tx, child.id, loaded.activity.id, input.date);
    const groupId = groupOfChild(loaded, child, enrolment);
    if (!groupId) return fail('noGroup', "Aucun groupe de l'activité ne correspond au niveau scolaire de l'enfant.");
    const existing = tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.childId, child.id), eq(bookings.unitId, input.unitId), eq(bookings.date, input.date)))
      .get();
    if (existing && holdsPlace(existing.status))
      return fail('conflict', `${child.firstName} est déjà attendu(e) ce jour : pointez sa présence.`);
    const bookingId = existing?.id ?? input.bookingId;
    const values = {
      status: 'attended' as const,
      unbooked: true,
      absenceJustified: false,
      cancelReason: null,
      cancelledAt: null,
      householdId: input.householdId,
      groupId,
      requestedBy: ctx.actor.kind,
      updatedAt: ctx.now,
    };
    tx.insert(bookings)
      .values({
        id: bookingId,
        childId: child.id,
        activityId: loaded.activity.id,
        unitId: input.unitId,
        date: input.date,
        requestedAt: ctx.now,
        createdAt: ctx.now,
        ...values,
      })
      .onConflictDoUpdate({ target: bookings.id, set: values })
      .run();
    audit(tx, ctx, 'attendance.addUnbooked', {
      entity: 'booking',
      entityId: bookingId,
      householdId: input.householdId,
      changes: { child: child.firstName, date: input.date, unbooked: true },
    });
    return ok({ bookingId });
  },
});

export const reservationCommands = [bookingBook, bookingCancel, attendanceMark, attendanceAddUnbooked] as const;
