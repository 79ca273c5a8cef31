// Commands of reservations and attendance: book (one day or a whole pattern), cancel, mark attendance, record an
// unbooked presence. The same handlers run optimistically on a desk and authoritatively on the hub, which is
// what keeps capacity across every desk and parent: the hub's decision (booked / waitlisted / refused) wins.
// Booking and cancelling are requests decided item by item: a pattern of 20 days with one full day books 19
// and waitlists one; each item's outcome comes back with a French message.
// A unit that implies others (a Wednesday journée includes the repas) takes a place on each of their slots: every
// slot is decided on its own capacity and the booking gets one status — it waits while any of them is full.
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  activityUnits,
  bookingEvents,
  bookings,
  capacityExceptions,
  children,
  enrolments,
  householdChildren,
  households,
} from '../db/schema';
import {
  decideBooking,
  holdsPlace,
  placesLeft,
  promotionsAcrossSlots,
  waitingAheadThatCanCome,
  type BookingDecision,
  type BookingStatus,
  type WaitingBooking,
} from '../domain/capacity';
import { checkDeadline, deadlineRuleFor } from '../domain/deadlines';
import { checkUnitCancellation, impliedUnits, resolveUnitBooking } from '../domain/units';
import type { WaitlistEntry } from '../domain/waitlist';
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
import { preparedOnce } from './prepared';
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

const ACCEPTED: BookingStatus[] = ['booked', 'attended', 'absent'];
const placeholder = sql.placeholder;

/**
 * The statements of booking and promotion, prepared once per database connection (prepared.ts) and run by every
 * command there: a registration-day rush books family after family, a ten-week pattern asks ~20 days, and
 * building and preparing the same SQL each time cost more than running it. Counting the places taken reads the slot index alone (unit, date, group, status): a busy canteen day
 * holds hundreds of bookings, a handful waiting. Waiting entries ahead of a request are in FIFO order (request
 * instant, then id — the order of domain/waitlist.ts; instants are all `toISOString()` strings, so text order
 * is time order).
 */
function prepareBookingStatements(tx: Tx) {
  return preparedOnce(tx, 'booking', () => bookingStatements(tx));
}

function bookingStatements(tx: Tx) {
  const inSlot = and(
    eq(bookings.unitId, placeholder('unitId')),
    eq(bookings.date, placeholder('date')),
    eq(bookings.groupId, placeholder('groupId')),
  );
  const count = { n: sql<number>`count(*)` };
  const accepted = tx
    .select(count)
    .from(bookings)
    .where(and(inSlot, inArray(bookings.status, ACCEPTED)))
    .prepare();
  // `status = 'waitlisted'` written literally (not bound) so that SQLite uses the partial index of waiting rows,
  // and the FIFO order as one row-value range on it.
  const isWaiting = sql`${bookings.status} = 'waitlisted'`;
  const ahead = tx
    .select(count)
    .from(bookings)
    .where(
      and(
        inSlot,
        isWaiting,
        sql`(${bookings.requestedAt}, ${bookings.id}) < (${placeholder('requestedAt')}, ${placeholder('id')})`,
      ),
    )
    .prepare();
  const waiting = tx.select().from(bookings).where(and(inSlot, isWaiting)).prepare();
  const childDay = tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.childId, placeholder('childId')), eq(bookings.date, placeholder('date'))))
    .prepare();
  // A booking row written, or a cancelled one of the same id booked again (`excluded`: the values given).
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const upsert = tx
    .insert(bookings)
    .values({
      id: placeholder('id'),
      childId: placeholder('childId'),
      householdId: placeholder('householdId'),
      activityId: placeholder('activityId'),
      unitId: placeholder('unitId'),
      groupId: placeholder('groupId'),
      date: placeholder('date'),
      status: placeholder('status'),
      requestedAt: placeholder('now'),
      requestedBy: placeholder('requestedBy'),
      forcedReason: placeholder('forcedReason'),
      deadlineOverrideReason: placeholder('deadlineOverrideReason'),
      createdAt: placeholder('now'),
      updatedAt: placeholder('now'),
    })
    .onConflictDoUpdate({
      target: bookings.id,
      set: {
        status: excluded('status'),
        householdId: excluded('household_id'),
        groupId: excluded('group_id'),
        requestedAt: excluded('requested_at'),
        requestedBy: excluded('requested_by'),
        forcedReason: excluded('forced_reason'),
        deadlineOverrideReason: excluded('deadline_override_reason'),
        cancelReason: null,
        cancelledAt: null,
        absenceJustified: false,
        unbooked: false,
        updatedAt: excluded('updated_at'),
      },
    })
    .prepare();
  const household = tx
    .select({ id: households.id, status: households.status })
    .from(households)
    .where(eq(households.id, placeholder('householdId')))
    .prepare();
  const childLink = tx
    .select({ id: householdChildren.id })
    .from(householdChildren)
    .where(
      and(eq(householdChildren.householdId, placeholder('householdId')), eq(householdChildren.childId, placeholder('childId'))),
    )
    .prepare();
  const child = tx
    .select()
    .from(children)
    .where(eq(children.id, placeholder('childId')))
    .prepare();
  const unit = tx
    .select({ activityId: activityUnits.activityId, archivedAt: activityUnits.archivedAt })
    .from(activityUnits)
    .where(eq(activityUnits.id, placeholder('unitId')))
    .prepare();
  // The capacity exceptions of an activity's units over a range of dates (a request's first to last day).
  const exceptions = tx
    .select()
    .from(capacityExceptions)
    .where(
      and(
        inArray(
          capacityExceptions.unitId,
          tx
            .select({ id: activityUnits.id })
            .from(activityUnits)
            .where(eq(activityUnits.activityId, placeholder('activityId'))),
        ),
        gte(capacityExceptions.date, placeholder('from')),
        lte(capacityExceptions.date, placeholder('to')),
      ),
    )
    .prepare();
  const childEnrolments = tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.childId, placeholder('childId')), eq(enrolments.activityId, placeholder('activityId'))))
    .prepare();
  const slotOf = (s: Slot) => ({ unitId: s.unitId, groupId: s.groupId, date: s.date });
  return {
    household: (householdId: string) => household.get({ householdId }),
    /** Child ∈ household; the child row. */
    childOfHousehold: (householdId: string, childId: string) =>
      childLink.get({ householdId, childId }) ? child.get({ childId }) : undefined,
    unit: (unitId: string) => unit.get({ unitId }),
    exceptions: (activityId: string, from: string, to: string) => exceptions.all({ activityId, from, to }),
    enrolments: (childId: string, activityId: string) => childEnrolments.all({ childId, activityId }),
    write: (row: {
      id: string;
      childId: string;
      householdId: string;
      activityId: string;
      unitId: string;
      groupId: string;
      date: string;
      status: BookingStatus;
      now: string;
      requestedBy: CommandContext['actor']['kind'];
      forcedReason: string;
      deadlineOverrideReason: string;
    }) => upsert.run(row),
    accepted: (s: Slot) => Number(accepted.get(slotOf(s))?.n ?? 0),
    ahead: (s: Slot, entry: WaitlistEntry) =>
      Number(ahead.get({ ...slotOf(s), id: entry.id, requestedAt: entry.requestedAt })?.n ?? 0),
    waiting: (s: Slot): BookingRow[] => waiting.all(slotOf(s)),
    childDay: (childId: string, date: string): BookingRow[] => childDay.all({ childId, date }),
  };
}
type BookingStatements = ReturnType<typeof prepareBookingStatements>;
type CapacityAt = (slot: Slot) => number;

const slotKey = (s: Slot) => JSON.stringify([s.unitId, s.groupId, s.date]);
const slotOfKey = (key: string): Slot => {
  const [unitId, groupId, date] = JSON.parse(key) as [string, string, string];
  return { unitId, groupId, date };
};

/**
 * A waiting row with the rows that stand or fall with it — a journée and the repas it includes, whichever of
 * the two `row` is; the booking the family asked for (the journée) comes first.
 */
function waitingBooking(
  statements: BookingStatements,
  loaded: LoadedActivity,
  row: BookingRow,
): WaitingBooking & { rows: BookingRow[] } {
  const day = statements
    .childDay(row.childId, row.date)
    .filter((b) => b.status === 'waitlisted' && b.activityId === row.activityId);
  const holder = day.find((b) => b.id !== row.id && impliedUnits(loaded.relations, b.unitId).includes(row.unitId)) ?? row;
  const implied = impliedUnits(loaded.relations, holder.unitId);
  const rows = [holder, ...day.filter((b) => b.id !== holder.id && implied.includes(b.unitId))];
  return { id: row.id, requestedAt: row.requestedAt, slots: rows.map(slotKey), rows };
}

/**
 * The decision for one slot of a booking (the journée's, or its repas'). Waiting entries ahead that cannot
 * come anyway — their own booking waits on another full slot — do not hold the line (domain/capacity.ts).
 */
function decideSlot(
  statements: BookingStatements,
  loaded: LoadedActivity,
  capacityAt: CapacityAt,
  slot: Slot,
  entry: WaitlistEntry,
  force: { reason: string } | undefined,
): Result<BookingDecision> {
  const capacity = capacityAt(slot);
  if (capacity === Number.POSITIVE_INFINITY && !force) return ok({ status: 'booked', overCapacity: false });
  const acceptedCount = statements.accepted(slot);
  let waitlistAhead = 0;
  if (!force && capacity > 0) {
    waitlistAhead = statements.ahead(slot, entry);
    const left = placesLeft(capacity, acceptedCount);
    // Rare (places left, but no more than entries waiting ahead): look at who is waiting.
    if (waitlistAhead > 0 && left > 0 && left <= waitlistAhead) {
      const waiting = statements.waiting(slot).map((row) => waitingBooking(statements, loaded, row));
      const leftOf = (key: string) => {
        const other = slotOfKey(key);
        return placesLeft(capacityAt(other), statements.accepted(other));
      };
      waitlistAhead = waitingAheadThatCanCome(entry, waiting, leftOf, slotKey(slot));
    }
  }
  return decideBooking({ capacity, acceptedCount, waitlistAhead, entry, force });
}

/**
 * Gives freed places of a slot to the first waiting children who can come, records the promotion; returns the
 * ids of the bookings promoted (a journée's, when its repas row was waiting here). A waiting journée takes a
 * place on the journée and the repas slots together, or waits on both.
 */
export function promoteWaitlisted(tx: Tx, ctx: CommandContext, slot: Slot, statements = prepareBookingStatements(tx)): string[] {
  const unit = statements.unit(slot.unitId);
  const loaded = unit && loadActivity(tx, unit.activityId);
  if (!loaded) return [];
  const waitingRows = statements.waiting(slot);
  if (waitingRows.length === 0) return [];
  const waiting = waitingRows.map((row) => waitingBooking(statements, loaded, row));
  const places = new Map<string, number>();
  for (const key of new Set([slotKey(slot), ...waiting.flatMap((w) => w.slots)])) {
    const other = slotOfKey(key);
    places.set(key, placesLeft(capacityOf(tx, loaded, other.unitId, other.groupId, other.date), statements.accepted(other)));
  }
  const promoted: string[] = [];
  for (const entryId of promotionsAcrossSlots(slotKey(slot), waiting, places)) {
    const { rows } = waiting.find((w) => w.id === entryId)!;
    const booking = rows[0]!;
    for (const row of rows) {
      tx.update(bookings).set({ status: 'booked', updatedAt: ctx.now }).where(eq(bookings.id, row.id)).run();
    }
    tx.insert(bookingEvents)
      .values({
        id: `${ctx.commandId}:promoted:${booking.id}`,
        bookingId: booking.id,
        householdId: booking.householdId,
        kind: 'promoted',
        at: ctx.now,
      })
      .run();
    audit(tx, ctx, 'booking.promote', {
      entity: 'booking',
      entityId: booking.id,
      householdId: booking.householdId,
      changes: {
        status: ['waitlisted', 'booked'],
        date: booking.date,
        unitId: booking.unitId,
      },
    });
    promoted.push(booking.id);
  }
  return promoted;
}

/** Child ∈ household; the child row. */
export function childOfHousehold(tx: Tx, householdId: string, childId: string) {
  return prepareBookingStatements(tx).childOfHousehold(householdId, childId);
}

function activityOfUnit(tx: Tx, cache: Map<string, LoadedActivity | undefined>, unitId: string) {
  const unit = prepareBookingStatements(tx).unit(unitId);
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

const nameOfUnit = (loaded: LoadedActivity, unitId: string) => loaded.units.find((u) => u.id === unitId)?.name ?? '';

/** What a request of many days reads once per activity, over its whole range of dates. */
interface ActivityRange {
  /** Open days: school calendar, public holidays, closures. */
  open: Set<string>;
  unitIds: Set<string>;
  /** The child's enrolments on the activity. */
  enrolments: (typeof enrolments.$inferSelect)[];
  /** Capacity of a slot: the day's exception, else the default; Infinity when none is set (catalogue.capacityOf). */
  capacityAt: CapacityAt;
}

function activityRange(
  tx: Tx,
  loaded: LoadedActivity,
  childId: string,
  from: string,
  to: string,
  calendar: ReturnType<typeof loadSchoolCalendar>,
): ActivityRange {
  const statements = prepareBookingStatements(tx);
  const unitIds = loaded.units.map((u) => u.id);
  const exceptions = new Map(statements.exceptions(loaded.activity.id, from, to).map((e) => [slotKey(e), e.capacity] as const));
  return {
    open: new Set(openDates(tx, loaded.activity, from, to, calendar)),
    unitIds: new Set(unitIds),
    enrolments: statements.enrolments(childId, loaded.activity.id),
    capacityAt: (slot) =>
      exceptions.get(slotKey(slot)) ?? loaded.defaultCapacity.get(`${slot.unitId}:${slot.groupId}`) ?? Number.POSITIVE_INFINITY,
  };
}

interface WrittenItem {
  bookingId: string;
  date: string;
  unitName: string;
  status: BookingStatus;
  position?: number;
  forced: boolean;
  overridden: boolean;
}

/**
 * One audit row per booking command, however many days it books: the child, the unit(s), the days booked and
 * the days waiting; the reasons of forced or late days, with those days when not all of them.
 */
function auditBooking(
  tx: Tx,
  ctx: CommandContext,
  input: { householdId: string; forceReason?: string; deadlineOverrideReason?: string },
  child: string,
  written: WrittenItem[],
): void {
  const [first] = written as [WrittenItem];
  const unit = [...new Set(written.map((w) => w.unitName))].join(', ');
  const days = (list: WrittenItem[]) => list.map((w) => w.date);
  const waiting = written.filter((w) => w.status === 'waitlisted');
  const changes =
    written.length === 1
      ? { child, date: first.date, unit, status: first.status, ...(first.position ? { position: first.position } : {}) }
      : {
          child,
          unit,
          dates: days(written.filter((w) => w.status === 'booked')),
          ...(waiting.length ? { waitlistedDates: days(waiting) } : {}),
        };
  const forcedDays = written.filter((w) => w.forced);
  const lateDays = written.filter((w) => w.overridden);
  const reason = (label: string, text: string | undefined, which: WrittenItem[]) =>
    which.length && text
      ? `${label}${which.length < written.length ? ` (${which.map((w) => frDate(w.date)).join(', ')})` : ''} : ${text}`
      : '';
  audit(tx, ctx, 'booking.book', {
    entity: 'booking',
    entityId: first.bookingId,
    householdId: input.householdId,
    changes,
    reason: [reason('Forçage', input.forceReason, forcedDays), reason('Hors délai', input.deadlineOverrideReason, lateDays)]
      .filter(Boolean)
      .join(' — '),
  });
}

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
    const statements = prepareBookingStatements(tx);
    const household = statements.household(input.householdId);
    if (!household) return fail('notFound', 'Foyer introuvable.');
    // A family that signed up online books once the mairie has validated its file.
    if (!isStaff && household.status === 'pending')
      return fail('pending', 'Votre dossier est en attente de validation par la mairie.');
    const child = statements.childOfHousehold(input.householdId, input.childId);
    if (!child) return fail('notFound', "Cet enfant n'appartient pas à ce foyer.");
    const calendar = loadSchoolCalendar(tx);
    const results: ItemResult[] = [];
    const items = [...input.items].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
    const from = items[0]!.date;
    const to = items[items.length - 1]!.date;
    const activityCache = new Map<string, LoadedActivity | undefined>();
    const activityOfItem = new Map<string, LoadedActivity | undefined>();
    const ranges = new Map<string, ActivityRange>();
    const force = isStaff && input.forceReason ? { reason: input.forceReason } : undefined;
    const written: WrittenItem[] = [];

    for (const item of items) {
      const refuse = (message: string) => results.push({ ...item, outcome: 'refused', message });
      if (!activityOfItem.has(item.unitId)) activityOfItem.set(item.unitId, activityOfUnit(tx, activityCache, item.unitId));
      const loaded = activityOfItem.get(item.unitId);
      if (!loaded) {
        refuse('Unité inconnue.');
        continue;
      }
      let range = ranges.get(loaded.activity.id);
      if (!range) ranges.set(loaded.activity.id, (range = activityRange(tx, loaded, child.id, from, to, calendar)));
      const unitName = nameOfUnit(loaded, item.unitId);
      const label = `${child.firstName} le ${frDate(item.date)} (${unitName})`;
      const enrolment = range.enrolments.find((e) => e.fromDate <= item.date && item.date <= e.toDate);
      if (!enrolment) {
        refuse(`${label} : pas inscrit(e) à « ${loaded.activity.name} » à cette date.`);
        continue;
      }
      if (!range.open.has(item.date)) {
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
      const sameDay = statements.childDay(child.id, item.date).filter((b) => range.unitIds.has(b.unitId));
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
      // Every unit written takes a place on its own slot: the repas of a journée counts against the repas'
      // places. Implied rows reuse a cancelled row of the day if any.
      const decided: { unitId: string; rowId: string; decision: BookingDecision }[] = [];
      let refusal: string | undefined;
      for (const unitId of units.value.unitsToAdd) {
        const rowId =
          unitId === item.unitId ? bookingId : (sameDay.find((b) => b.unitId === unitId)?.id ?? `${bookingId}:${unitId}`);
        const slot = { unitId, groupId, date: item.date };
        const decision = decideSlot(statements, loaded, range.capacityAt, slot, { id: rowId, requestedAt: ctx.now }, force);
        if (!decision.ok) {
          refusal = unitId === item.unitId ? decision.message : `« ${nameOfUnit(loaded, unitId)} » : ${decision.message}`;
          break;
        }
        decided.push({ unitId, rowId, decision: decision.value });
      }
      if (refusal !== undefined) {
        refuse(`${label} : ${refusal}`);
        continue;
      }
      // One booking, one status: it waits while any of its slots is full; the longest queue gives the position.
      let blocking: { unitId: string; position: number } | undefined;
      for (const { unitId, decision } of decided) {
        if (decision.status === 'waitlisted' && (!blocking || decision.position > blocking.position))
          blocking = { unitId, position: decision.position };
      }
      const status: BookingStatus = blocking ? 'waitlisted' : 'booked';
      const deadlineOverrideReason = deadline.ok ? '' : input.deadlineOverrideReason;
      let forced = false;
      for (const { unitId, rowId, decision } of decided) {
        // Only the rows beyond their slot's capacity carry the reason: the others fit.
        const forcedReason = decision.status === 'booked' && decision.overCapacity ? input.forceReason : '';
        if (forcedReason) forced = true;
        statements.write({
          id: rowId,
          childId: child.id,
          householdId: input.householdId,
          activityId: loaded.activity.id,
          unitId,
          groupId,
          date: item.date,
          status,
          now: ctx.now,
          requestedBy: ctx.actor.kind,
          forcedReason,
          deadlineOverrideReason,
        });
      }
      const implied = decided.slice(1).map((d) => d.unitId);
      const position = blocking?.position;
      written.push({ bookingId, date: item.date, unitName, status, position, forced, overridden: !deadline.ok });
      const full = blocking && blocking.unitId !== item.unitId ? `« ${nameOfUnit(loaded, blocking.unitId)} » complet` : 'complet';
      results.push({
        ...item,
        bookingId,
        outcome: status === 'waitlisted' ? 'waitlisted' : 'booked',
        ...(position ? { position, message: `${label} : ${full}, en liste d'attente (position ${position}).` } : {}),
        ...(implied.length ? { implied } : {}),
      });
    }
    if (written.length) auditBooking(tx, ctx, input, child.firstName, written);
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
    let statements: BookingStatements | undefined;
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
      const targets = [row, ...implied];
      for (const target of targets) {
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
      }
      // Both slots freed first, then promoted: a waiting journée needs the journée and the repas places.
      const promoted: string[] = [];
      for (const target of targets) {
        if (holdsPlace(target.status))
          promoted.push(...promoteWaitlisted(tx, ctx, target, (statements ??= prepareBookingStatements(tx))));
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
export function parentMayAct(ctx: CommandContext, householdId: string): boolean {
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
