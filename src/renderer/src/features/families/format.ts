// Display rules of the family screens: French dates, ages, the Paris calendar date, phone numbers. Dates of
// the domain are ISO `YYYY-MM-DD` strings; staff read and type them as `JJ/MM/AAAA`.
import dayjs from 'dayjs';
import { instantToParisDate } from '../../../../shared/domain/dates';
import { formatPhone } from '../../../../shared/domain/validation';

export { formatPhone };

/** Today's date in Europe/Paris (the desk's calendar), ISO. */
export function parisToday(): string {
  return instantToParisDate(new Date().toISOString());
}

/** `2018-04-12` → `12/04/2018`; anything else is returned as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/**
 * What staff type → ISO date, or undefined when it is not a real date. Accepts `12/04/2018`, `12.04.2018`,
 * `12-4-2018`, `12042018` and ISO `2018-04-12`.
 */
export function parseDate(input: string): string | undefined {
  const value = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(value);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(value))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `8 ans`, `1 an`, `5 mois`, `moins d’un mois`: a child's age on `today`. */
export function formatAge(birthDate: string, today: string = parisToday()): string {
  const birth = dayjs(birthDate);
  const on = dayjs(today);
  if (!birth.isValid() || birth.isAfter(on)) return '';
  const years = on.diff(birth, 'year');
  if (years >= 1) return years === 1 ? '1 an' : `${years} ans`;
  const months = on.diff(birth, 'month');
  return months >= 1 ? `${months} mois` : 'moins d’un mois';
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A UTC instant shown as the Paris wall clock: `26/11/2026 10:00`. */
export function formatDateTime(instant: string): string {
  return parisDateTime.format(new Date(instant)).replace(',', '');
}

/** The Paris calendar date of a UTC instant, as `26/11/2026`. */
export function formatInstantDate(instant: string): string {
  return formatDate(instantToParisDate(instant));
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/** `Léa`, `Léa et Théo`, `Léa, Théo et Zoé`. */
export function joinFr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
