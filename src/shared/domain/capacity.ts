// Places per (unit, group, day) and the booking decision. Owns the capacity invariant of ARCHITECTURE.md:
// accepted bookings never exceed capacity on any (unit, group, day) unless staff forced it with a reason.
// Commands load the current count and waitlist, call `decideBooking`, and store what it says; the hub's
// answer is the one that counts. A booking that needs several slots (a journée and the repas it includes) is
// decided on each and waits while any is full; `promotionsAcrossSlots` promotes it on all of them at once.
// Pure: no I/O.
import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { isoDateSchema, type IsoDate } from './dates';
import { compareWaitlistEntries, idsToPromote, sortWaitlist, type WaitlistEntry } from './waitlist';

export interface SlotKey {
  unitId: string;
  groupId: string;
  date: IsoDate;
}

/** A default capacity for a (unit, group) plus per-day exceptions; an exception of 0 closes the day for the group. */
export const capacityRuleSchema = z
  .object({
    unitId: z.string().min(1),
    groupId: z.string().min(1),
    defaultCapacity: z.number().int().min(0, { error: 'La capacité ne peut pas être négative.' }),
    exceptions: z
      .array(
        z.object({
          date: isoDateSchema,
          capacity: z.number().int().min(0, { error: 'La capacité ne peut pas être négative.' }),
        }),
      )
      .default([]),
  })
  .refine((rule) => new Set(rule.exceptions.map((exception) => exception.date)).size === rule.exceptions.length, {
    error: "Une même date ne peut avoir qu'une seule capacité particulière.",
    path: ['exceptions'],
  });
export type CapacityRule = z.infer<typeof capacityRuleSchema>;

export function capacityFor(rule: CapacityRule, date: IsoDate): number {
  return rule.exceptions.find((exception) => exception.date === date)?.capacity ?? rule.defaultCapacity;
}

export type BookingStatus = 'booked' | 'waitlisted' | 'cancelled' | 'attended' | 'absent';

/** A booking holds a place once accepted, and keeps it after attendance is marked (present or absent). */
export function holdsPlace(status: BookingStatus): boolean {
  return status === 'booked' || status === 'attended' || status === 'absent';
}

export function countAccepted(bookings: Iterable<SlotKey & { status: BookingStatus }>, slot: SlotKey): number {
  let count = 0;
  for (const booking of bookings) {
    if (
      booking.unitId === slot.unitId &&
      booking.groupId === slot.groupId &&
      booking.date === slot.date &&
      holdsPlace(booking.status)
    ) {
      count++;
    }
  }
  return count;
}

/** Never negative: a day overbooked by force simply has no place left. */
export function placesLeft(capacity: number, acceptedCount: number): number {
  return Math.max(0, capacity - acceptedCount);
}

export interface BookingRequest {
  capacity: number;
  /** Accepted bookings on the slot now, forced ones included. */
  acceptedCount: number;
  /** Entries waiting on the slot now (or give `waitlistAhead` instead). */
  waitlist?: readonly WaitlistEntry[];
  /**
   * How many waiting entries come before this request in FIFO order, when the caller counted them itself (an
   * indexed SQL count instead of loading a long waiting list on a registration-day rush).
   */
  waitlistAhead?: number;
  /** This request's id and request instant: its place in the FIFO order. */
  entry: WaitlistEntry;
  /** Staff only: book even when full. The reason is required and kept for the audit log. */
  force?: { reason: string };
  /** Some units have no waitlist: a full day is then refused. */
  waitlistEnabled?: boolean;
}

export type BookingDecision =
  { status: 'booked'; overCapacity: boolean; forceReason?: string } | { status: 'waitlisted'; position: number };

/**
 * booked, waitlisted (with its 1-based position) or refused:
 * - a forced booking needs a non-empty reason, and is then accepted even beyond capacity;
 * - a day closed for the group (capacity 0) is refused even when forced: nobody is planned to look after the
 *   child — staff first open the day by setting a capacity;
 * - otherwise the places left go to the first requests in FIFO order, the waiting ones and this one together:
 *   a request never jumps the queue, and one made earlier (on a desk that was offline) is not sent behind
 *   requests made after it. It is booked when fewer entries are ahead of it than there are places left.
 */
export function decideBooking(request: BookingRequest): Result<BookingDecision> {
  const { capacity, acceptedCount, entry } = request;
  if (capacity <= 0) {
    return fail('closed', "Pas d'accueil ce jour pour ce groupe (capacité nulle).");
  }
  if (request.force) {
    const reason = request.force.reason.trim();
    if (reason === '') {
      return fail('forceReasonRequired', 'Indiquez le motif du forçage pour réserver au-delà de la capacité.');
    }
    return ok({ status: 'booked', overCapacity: acceptedCount >= capacity, forceReason: reason });
  }
  // The same id already waiting is this very request seen again (a retried command): it does not count as ahead.
  const ahead =
    request.waitlistAhead ??
    (request.waitlist ?? []).filter((other) => other.id !== entry.id && compareWaitlistEntries(other, entry) < 0).length;
  if (placesLeft(capacity, acceptedCount) > ahead) {
    return ok({ status: 'booked', overCapacity: false });
  }
  if (request.waitlistEnabled === false) {
    return fail('full', 'Complet : plus aucune place ce jour pour ce groupe.');
  }
  const position = ahead + 1;
  return ok(
    { status: 'waitlisted', position },
    { outcome: 'modified', message: `Complet : la demande est placée en liste d'attente (position ${position}).` },
  );
}

/**
 * The waitlisted ids to promote after any change on the slot (a cancellation, a capacity raised): the first
 * ones in FIFO order, as many as there are places left. A slot overbooked by force has none, so promotion never
 * adds to an overbooking.
 */
export function promotionsFor(slot: { capacity: number; acceptedCount: number; waitlist: readonly WaitlistEntry[] }): string[] {
  return idsToPromote(slot.waitlist, placesLeft(slot.capacity, slot.acceptedCount));
}

/**
 * A waiting entry of one slot with every slot its booking needs: a journée's entry needs the journée and the
 * repas it includes (both rows wait together and are promoted together). Slots are opaque keys.
 */
export interface WaitingBooking extends WaitlistEntry {
  /** Every slot the booking takes a place on, this entry's own slot included. */
  slots: readonly string[];
}

/**
 * Waiting entries ahead of `entry` in FIFO order that could take a place now: an entry whose booking also
 * needs another slot with no place left (a journée whose journée slot is full, waiting with its repas) does not
 * hold the line on this slot — otherwise a free repas would stay empty while a repas-only request waits.
 */
export function waitingAheadThatCanCome(
  entry: WaitlistEntry,
  waiting: readonly WaitingBooking[],
  placesLeftOf: (slot: string) => number,
  slot: string,
): number {
  return waiting.filter(
    (other) =>
      other.id !== entry.id &&
      compareWaitlistEntries(other, entry) < 0 &&
      other.slots.every((s) => s === slot || placesLeftOf(s) > 0),
  ).length;
}

/**
 * The waiting entries of `slot` to promote after a change (a cancellation, a capacity raised), across slots:
 * in FIFO order, each entry whose every slot still has a place is promoted and takes one place on each; an
 * entry blocked by another full slot is passed over and keeps its rank. Single-slot entries make this exactly
 * `promotionsFor`. Never exceeds the places left of any slot.
 */
export function promotionsAcrossSlots(
  slot: string,
  waiting: readonly WaitingBooking[],
  placesLeftBySlot: ReadonlyMap<string, number>,
): string[] {
  const left = new Map(placesLeftBySlot);
  const placesOf = (s: string) => left.get(s) ?? 0;
  const promoted: string[] = [];
  for (const entry of sortWaitlist(waiting)) {
    if (placesOf(slot) <= 0) break;
    const needs = new Set([slot, ...entry.slots]);
    if ([...needs].some((s) => placesOf(s) <= 0)) continue;
    for (const s of needs) left.set(s, placesOf(s) - 1);
    promoted.push(entry.id);
  }
  return promoted;
}
