// French formatting of dates, months and amounts for the parents' pages. Dates are civil dates ('2026-12-07'),
// never shifted by the browser's time zone; instants go through the shared Paris formatting.
import { formatClockTime } from '../../../shared/domain/deadlines';
import { formatEuros } from '../../../shared/domain/money';

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
const MONTHS = [
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

export const weekdayName = (isoWeekday: number) => WEEKDAYS[isoWeekday - 1]!;

/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

const dayNumber = (date: string) => {
  const day = Number(date.slice(8, 10));
  return day === 1 ? '1er' : String(day);
};

/** "lundi 7 décembre" (with the year when `withYear`). */
export function formatDate(date: string, options: { withYear?: boolean; weekday?: boolean } = {}): string {
  const { withYear = false, weekday = true } = options;
  const text = `${dayNumber(date)} ${MONTHS[Number(date.slice(5, 7)) - 1]}${withYear ? ` ${date.slice(0, 4)}` : ''}`;
  return weekday ? `${weekdayName(isoWeekday(date))} ${text}` : text;
}

/** "7 déc." style is avoided (screen readers spell abbreviations): "7/12". */
export const formatDayMonth = (date: string) => `${Number(date.slice(8, 10))}/${date.slice(5, 7)}`;

/** "décembre 2026". */
export const formatMonth = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Today in Paris, 'YYYY-MM-DD'. */
export const parisToday = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);

/** "11h45 – 13h30", or '' when the unit has no hours. */
export const formatHours = (start: string, end: string) =>
  start && end ? `${formatClockTime(start)} – ${formatClockTime(end)}` : start ? `à partir de ${formatClockTime(start)}` : '';

export const euros = (cents: number) => formatEuros(cents);

/** "3 places restantes", "1 place restante", "" when unlimited. */
export function placesText(placesLeft: number | null): string {
  if (placesLeft === null) return '';
  if (placesLeft === 0) return 'aucune place';
  return placesLeft === 1 ? '1 place restante' : `${placesLeft} places restantes`;
}

export const positionText = (position: number | undefined) =>
  position ? `${position === 1 ? '1re' : `${position}e`} sur la liste d’attente` : 'sur la liste d’attente';
