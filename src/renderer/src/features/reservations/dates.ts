// French calendar words for the reservation, attendance and catalogue screens: month labels, short dates
// ("mar. 8/12"), lists of days read back to parents ("les 3, 4 et 10/12"), weekday plurals for patterns
// ("les mardis et jeudis"). Dates are ISO civil dates (Europe/Paris), as everywhere in Guichet.
import { addDays, monthDays, weekday } from '../../../../shared/domain/dates';

export const WEEKDAY_SHORT = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'] as const;
export const WEEKDAY_LONG = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const WEEKDAY_PLURAL = ['lundis', 'mardis', 'mercredis', 'jeudis', 'vendredis', 'samedis', 'dimanches'] as const;
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

export { addDays, monthDays, weekday };

/** 'YYYY-MM' of an ISO date. */
export const monthOf = (date: string) => date.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** '2026-12' → 'décembre 2026'. */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** '2026-12' → 'de décembre' ('d’avril'); the year is added when it is not the year of `today`. */
export function ofMonth(month: string, today: string): string {
  const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1]!;
  const year = month.slice(0, 4) === today.slice(0, 4) ? '' : ` ${month.slice(0, 4)}`;
  return `${/^[aeiouyéèâ]/i.test(name) ? 'd’' : 'de '}${name}${year}`;
}

/**
 * The month the reservation screen opens on: desk calls near the end of a month are about the next one
 * ("la cantine le mois prochain"), earlier ones about the current month.
 */
export function defaultMonth(today: string): string {
  return Number(today.slice(8, 10)) >= 20 ? addMonths(monthOf(today), 1) : monthOf(today);
}

/** '2026-12-08' → '8/12'. */
export function dayMonth(date: string): string {
  return `${Number(date.slice(8, 10))}/${date.slice(5, 7)}`;
}

/** '2026-12-08' → 'mar. 8/12'. */
export function shortDate(date: string): string {
  return `${WEEKDAY_SHORT[weekday(date) - 1]} ${dayMonth(date)}`;
}

/** '2026-12-08' → 'mardi 8 décembre' (with the year when `withYear`). */
export function longDate(date: string, withYear = false): string {
  const day = Number(date.slice(8, 10));
  const month = MONTH_NAMES[Number(date.slice(5, 7)) - 1];
  return `${WEEKDAY_LONG[weekday(date) - 1]} ${day === 1 ? '1er' : day} ${month}${withYear ? ` ${date.slice(0, 4)}` : ''}`;
}

/** 'a', 'a et b', 'a, b et c'. */
export function joinFr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/**
 * Days read back to a parent: 'le 8/12', 'les 3, 4 et 10/12' (same month), 'les 30/11 et 1/12'.
 */
export function listDays(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  if (sorted.length === 0) return '';
  if (sorted.length === 1) return `le ${dayMonth(sorted[0]!)}`;
  const byMonth = new Map<string, string[]>();
  for (const date of sorted) byMonth.set(monthOf(date), [...(byMonth.get(monthOf(date)) ?? []), date]);
  const parts = [...byMonth.values()].map((days) => {
    const month = days[0]!.slice(5, 7);
    return `${joinFr(days.map((d) => String(Number(d.slice(8, 10)))))}/${month}`;
  });
  return `les ${joinFr(parts)}`;
}

/** 'les mardis et jeudis' for ISO weekdays [2, 4]; 'tous les jours' when Monday to Friday are all there. */
export function weekdaysPhrase(weekdays: readonly number[]): string {
  const sorted = [...new Set(weekdays)].sort();
  if ([1, 2, 3, 4, 5].every((d) => sorted.includes(d))) return 'tous les jours';
  return `les ${joinFr(sorted.map((d) => WEEKDAY_PLURAL[d - 1]!))}`;
}

/** The weeks (Monday dates) that hold at least one day of the month, Monday to Friday. */
export function weeksOfMonth(month: string): string[][] {
  const days = monthDays(month);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const weeks: string[][] = [];
  for (let monday = addDays(first, 1 - weekday(first)); monday <= last; monday = addDays(monday, 7)) {
    const week = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
    if (week.some((d) => d >= first && d <= last)) weeks.push(week);
  }
  return weeks;
}
