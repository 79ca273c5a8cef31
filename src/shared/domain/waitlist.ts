// The FIFO waitlist of one (unit, group, day): its order, the position of an entry, and who is promoted when
// places free up. First come, first served: the order is the request instant, then the entry id, so that two
// requests made in the same millisecond (two desks, or a desk and the hub) still have one order everywhere.
// Pure: the caller passes the entries of one slot. `capacity.ts` uses this order to decide and to promote.
import { instantMs, type Instant } from './dates';

export interface WaitlistEntry {
  /** The booking id, generated where the request was made; also the tie-breaker. */
  id: string;
  /**
   * When the request was made: the command's creation instant, not when the hub received it, so an offline
   * desk's request keeps its place. That trusts the desk's clock; the hub should clamp an instant in its future.
   */
  requestedAt: Instant;
}

/**
 * FIFO order. Ids are compared by code unit, not with localeCompare, so every desk and the hub agree whatever
 * their locale.
 */
export function compareWaitlistEntries(a: WaitlistEntry, b: WaitlistEntry): number {
  const byTime = instantMs(a.requestedAt) - instantMs(b.requestedAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy; the input is left untouched. */
export function sortWaitlist<T extends WaitlistEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareWaitlistEntries);
}

/** 1-based position of `id`, or undefined when it is not waiting. */
export function waitlistPosition(entries: readonly WaitlistEntry[], id: string): number | undefined {
  const index = sortWaitlist(entries).findIndex((entry) => entry.id === id);
  return index === -1 ? undefined : index + 1;
}

/** The ids to promote when `freePlaces` places are available: the first ones in FIFO order. */
export function idsToPromote(entries: readonly WaitlistEntry[], freePlaces: number): string[] {
  if (freePlaces <= 0) return [];
  return sortWaitlist(entries)
    .slice(0, freePlaces)
    .map((entry) => entry.id);
}
