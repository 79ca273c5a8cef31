// Calendar dates and Paris civil time. Owns the two representations used everywhere in Guichet:
// - `IsoDate` ('2026-03-10'): a civil date in Europe/Paris, with no time and no zone;
// - `Instant` ('2026-03-10T09:00:00.000Z'): a point in time, always UTC.
// Date arithmetic is done on the calendar itself (UTC midnight, where every day has 24 hours), so adding days
// never drifts across a DST change; only the Paris date+time ↔ instant conversion needs time zone rules.
// Pure: no clock here — "today" and "now" are always parameters.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { z } from 'zod';
import { fail, ok, type Result } from '../result';

dayjs.extend(utc);
dayjs.extend(timezone);

/** 'YYYY-MM-DD', a civil date in Europe/Paris. */
export type IsoDate = string;
/** UTC ISO string with milliseconds, e.g. '2026-03-10T09:00:00.000Z'. */
export type Instant = string;
/** 'HH:mm', a Paris wall-clock time. */
export type ClockTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const PARIS_TIME_ZONE = 'Europe/Paris';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isValidDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isValidTime(value: string): boolean {
  return TIME_PATTERN.test(value);
}

export const isoDateSchema = z
  .string({ error: 'Date obligatoire.' })
  .refine(isValidDate, { error: 'Date invalide (format AAAA-MM-JJ).' });

export const clockTimeSchema = z.string().refine(isValidTime, { error: 'Heure invalide (format HH:MM).' });

/** Validates user or imported input; code `invalidDate`. */
export function parseDate(value: string): Result<IsoDate> {
  const trimmed = value.trim();
  return isValidDate(trimmed) ? ok(trimmed) : fail('invalidDate', `Date invalide : « ${value} » (format attendu AAAA-MM-JJ).`);
}

// Internal: days since 1970-01-01 for a valid IsoDate. Throws on invalid input because callers of the helpers
// below pass dates that were already validated; a bad one here is a bug, not an expected failure.
function toEpochDay(date: IsoDate): number {
  if (!isValidDate(date)) throw new Error(`Invalid IsoDate: ${JSON.stringify(date)}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function weekday(date: IsoDate): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** The Monday of the ISO week containing `date`. */
export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekday(date));
}

/** -1, 0 or 1. Valid IsoDates sort as strings, so this is a plain string comparison. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesInRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const first = toEpochDay(from);
  const last = toEpochDay(to);
  const dates: IsoDate[] = [];
  for (let day = first; day <= last; day++) dates.push(fromEpochDay(day));
  return dates;
}

/** Every date of a month given as 'YYYY-MM'. */
export function monthDays(month: string): IsoDate[] {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`Invalid month: ${JSON.stringify(month)}`);
  const lastDay = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  return datesInRange(`${month}-01`, `${month}-${String(lastDay).padStart(2, '0')}`);
}

/**
 * The instant at which Paris clocks show `time` on `date`. DST aware: 10:00 is 09:00Z in winter (UTC+1) and
 * 08:00Z in summer (UTC+2). A time that does not exist (02:30 on the last Sunday of March) is moved forward by
 * the gap (03:30 CEST); an ambiguous one (02:30 on the last Sunday of October) resolves to the second occurrence
 * (CET) — that is dayjs's behaviour, pinned by a test. Business times (deadlines at 10:00, 12:00) never hit either.
 */
export function parisDateTimeToInstant(date: IsoDate, time: ClockTime): Instant {
  if (!isValidDate(date) || !isValidTime(time)) {
    throw new Error(`Invalid Paris date/time: ${JSON.stringify(date)} ${JSON.stringify(time)}`);
  }
  const key = `${date} ${time}`;
  let instant = parisInstants.get(key);
  if (instant === undefined) {
    instant = dayjs.tz(key, 'YYYY-MM-DD HH:mm', PARIS_TIME_ZONE).toISOString();
    // Bounded memo: a month grid asks for the same few dozen deadlines again and again, and the tz
    // conversion costs about 0.2 ms each.
    if (parisInstants.size > 20_000) parisInstants.clear();
    parisInstants.set(key, instant);
  }
  return instant;
}

const parisInstants = new Map<string, Instant>();

// One cached Intl formatter: every command computes its Paris "today", and dayjs' tz plugin builds a new
// formatter per call (about 0.2 ms, a fifth of a command's cost when seeding).
const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Paris civil date and wall-clock time of an instant. */
export function instantToParis(instant: Instant): { date: IsoDate; time: ClockTime } {
  const parts = Object.fromEntries(parisParts.formatToParts(new Date(instantMs(instant))).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The Paris civil date of an instant: 2026-03-09T23:30:00.000Z is already 2026-03-10 in Paris. */
export function instantToParisDate(instant: Instant): IsoDate {
  return instantToParis(instant).date;
}

/** Milliseconds since the epoch; compare instants with this, not as strings (formats may differ). */
export function instantMs(instant: Instant): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`Invalid instant: ${JSON.stringify(instant)}`);
  return ms;
}
