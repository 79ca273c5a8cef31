// Booking and cancellation deadlines of an activity: the rules as serialisable data (stored with the activity,
// edited by the commune), the instant a rule gives for a day, and the French sentences that explain it.
// Deadlines are Paris wall-clock times ("J-2 à 10h" is 10:00 in Paris, winter or summer) turned into UTC
// instants. Pure: "now" is always a parameter.
import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import {
  addDays,
  clockTimeSchema,
  instantMs,
  instantToParis,
  parisDateTimeToInstant,
  startOfIsoWeek,
  weekday,
  type Instant,
  type IsoDate,
} from './dates';
import { isPublicHoliday } from './schoolCalendar';

/**
 * - `daysBefore`: "J-2 à 10h" — `days` days before the booked day, at `time`. With `businessDays`
 *   (jours ouvrés), only Monday–Friday days that are not public holidays are counted going back, so the
 *   deadline always falls on a working day (J-2 ouvrés for a Monday is the Thursday before).
 *   "Vacances : J-15" is `daysBefore` with `days: 15`.
 * - `weeklyCutoff`: "avant le jeudi 12h pour la semaine suivante" — for a day D, the cutoff is `weekday`
 *   (1 = Monday … 7 = Sunday) of the ISO week before D's week, at `time`.
 */
export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('daysBefore'),
    days: z.number().int().min(0).max(366),
    time: clockTimeSchema,
    businessDays: z.boolean(),
  }),
  z.object({
    kind: z.literal('weeklyCutoff'),
    weekday: z.number().int().min(1).max(7),
    time: clockTimeSchema,
  }),
]);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/** Per activity: cancellation follows the booking rule unless it has its own. */
export const activityDeadlinesSchema = z.object({
  booking: deadlineRuleSchema,
  cancellation: deadlineRuleSchema.optional(),
});
export type ActivityDeadlines = z.infer<typeof activityDeadlinesSchema>;

export type DeadlineAction = 'booking' | 'cancellation';

export function deadlineRuleFor(deadlines: ActivityDeadlines, action: DeadlineAction): DeadlineRule {
  return action === 'cancellation' ? (deadlines.cancellation ?? deadlines.booking) : deadlines.booking;
}

function isBusinessDay(date: IsoDate): boolean {
  return weekday(date) <= 5 && !isPublicHoliday(date);
}

/** The Paris civil date on which the deadline for `date` falls. */
export function deadlineDate(rule: DeadlineRule, date: IsoDate): IsoDate {
  if (rule.kind === 'weeklyCutoff') return addDays(startOfIsoWeek(date), -7 + (rule.weekday - 1));
  if (!rule.businessDays) return addDays(date, -rule.days);
  let day = date;
  for (let counted = 0; counted < rule.days;) {
    day = addDays(day, -1);
    if (isBusinessDay(day)) counted++;
  }
  return day;
}

/** The last instant (UTC) of the deadline for booking or cancelling `date`. */
export function deadlineFor(rule: DeadlineRule, date: IsoDate): Instant {
  return parisDateTimeToInstant(deadlineDate(rule, date), rule.time);
}

/**
 * True while `now` is strictly before the deadline. At exactly the deadline (10:00:00.000) it is already too
 * late: "jusqu'à 10h" is read as "before 10:00:00", which is also what a parent sees on a clock showing 10:00,
 * and a half-open interval leaves no instant that is both allowed and passed.
 */
export function isBeforeDeadline(rule: DeadlineRule, date: IsoDate, now: Instant): boolean {
  return instantMs(now) < instantMs(deadlineFor(rule, date));
}

/** For commands: ok with the deadline, or the `deadline` failure with a French reason. */
export function checkDeadline(
  rule: DeadlineRule,
  date: IsoDate,
  now: Instant,
  action: DeadlineAction,
): Result<{ deadline: Instant }> {
  const deadline = deadlineFor(rule, date);
  if (instantMs(now) < instantMs(deadline)) return ok({ deadline });
  const noun = action === 'booking' ? 'Le délai de réservation' : "Le délai d'annulation";
  return fail('deadline', `${noun} est dépassé depuis le ${formatParisInstant(deadline, now)}.`);
}

/** "modifiable jusqu'au mardi 10 mars à 10h" or "délai dépassé depuis le mardi 10 mars à 10h". */
export function describeDeadline(rule: DeadlineRule, date: IsoDate, now: Instant): string {
  const deadline = deadlineFor(rule, date);
  const when = formatParisInstant(deadline, now);
  return instantMs(now) < instantMs(deadline) ? `modifiable jusqu'au ${when}` : `délai dépassé depuis le ${when}`;
}

/** How a rule reads in the activity settings: "J-2 ouvrés à 10h", "le jeudi à 12h pour la semaine suivante". */
export function describeDeadlineRule(rule: DeadlineRule): string {
  const time = formatClockTime(rule.time);
  if (rule.kind === 'weeklyCutoff') {
    return `le ${WEEKDAY_NAMES[rule.weekday - 1]} à ${time} pour la semaine suivante`;
  }
  if (rule.days === 0) return `le jour même à ${time}`;
  return `J-${rule.days}${rule.businessDays ? ' ouvrés' : ''} à ${time}`;
}

// French formatting, kept here with the sentences that use it.

const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** "10:00" → "10h", "12:30" → "12h30". */
/** `2026-09-01` → `1er septembre 2026`. */
export function frenchLongDate(date: IsoDate): string {
  const day = Number(date.slice(8, 10));
  return `${day === 1 ? '1er' : day} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

export function formatClockTime(time: string): string {
  const [hours, minutes] = time.split(':');
  return `${Number(hours)}h${minutes === '00' ? '' : minutes}`;
}

/** "mardi 10 mars à 10h"; the year is added only when it differs from the year of `now` (both in Paris). */
export function formatParisInstant(instant: Instant, now: Instant): string {
  const { date, time } = instantToParis(instant);
  const day = Number(date.slice(8, 10));
  const month = MONTH_NAMES[Number(date.slice(5, 7)) - 1];
  const year = date.slice(0, 4) === instantToParis(now).date.slice(0, 4) ? '' : ` ${date.slice(0, 4)}`;
  return `${WEEKDAY_NAMES[weekday(date) - 1]} ${day === 1 ? '1er' : day} ${month}${year} à ${formatClockTime(time)}`;
}
