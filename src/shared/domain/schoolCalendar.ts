// The calendar rules behind openings: French public holidays (computed for any year), the school calendar
// (rentrée and holiday periods, edited by the commune — data passed in, never hard-coded here), and the
// generation of a unit's open dates from both. Pure: no clock, no I/O.
import { z } from 'zod';
import { addDays, datesInRange, isoDateSchema, weekday, type IsoDate, type Weekday } from './dates';
import zoneAData from './school-calendar-zone-a.json';

// ---------------------------------------------------------------------------------------------------------
// Public holidays (jours fériés) of metropolitan France. Alsace-Moselle's extra days (Vendredi saint, 26 Dec)
// are not included: a commune there adds them as closures.

export interface PublicHoliday {
  date: IsoDate;
  /** French, shown to staff and parents. */
  name: string;
}

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The eleven public holidays of `year`, in date order. */
export function publicHolidays(year: number): PublicHoliday[] {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  const holidays: PublicHoliday[] = [
    { date: `${y}-01-01`, name: "Jour de l'an" },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: `${y}-05-01`, name: 'Fête du Travail' },
    { date: `${y}-05-08`, name: 'Victoire 1945' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: `${y}-07-14`, name: 'Fête nationale' },
    { date: `${y}-08-15`, name: 'Assomption' },
    { date: `${y}-11-01`, name: 'Toussaint' },
    { date: `${y}-11-11`, name: 'Armistice 1918' },
    { date: `${y}-12-25`, name: 'Noël' },
  ];
  // Ascension can fall on 1 or 8 May (e.g. 2008): keep date order, the duplicate date is harmless.
  return holidays.sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
}

export function publicHolidayOf(date: IsoDate): PublicHoliday | undefined {
  return publicHolidays(Number(date.slice(0, 4))).find((holiday) => holiday.date === date);
}

export function isPublicHoliday(date: IsoDate): boolean {
  return publicHolidayOf(date) !== undefined;
}

// ---------------------------------------------------------------------------------------------------------
// School calendar. A holiday period runs from `from` (the day holidays start after classes, usually a Saturday)
// to `to` (the morning classes resume): its holiday days are from … to-1, and `to` is a school day again.
// A period whose `from` or `to` is null is unknown: it is NOT treated as a holiday (we cannot guess), and
// `unconfirmedPeriods` lists it so the UI can warn. `status: 'draft'` marks dates taken from a draft arrêté:
// they are used, but listed as unconfirmed too.

export const holidayPeriodSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Nom des vacances obligatoire.' }),
    from: isoDateSchema.nullable(),
    to: isoDateSchema.nullable(),
    status: z.enum(['confirmed', 'draft']).optional(),
  })
  .refine((period) => period.from === null || period.to === null || period.from < period.to, {
    error: 'La date de reprise des cours doit être postérieure au début des vacances.',
    path: ['to'],
  });

export const schoolYearSchema = z.object({
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/, { error: 'Année scolaire invalide (format 2026-2027).' }),
  rentree: isoDateSchema,
  holidays: z.array(holidayPeriodSchema),
});

export const schoolCalendarSchema = z.object({
  about: z.string().optional(),
  years: z.array(schoolYearSchema),
  publicHolidays: z.string().optional(),
});

export type HolidayPeriod = z.infer<typeof holidayPeriodSchema>;
export type SchoolYear = z.infer<typeof schoolYearSchema>;
export type SchoolCalendar = z.infer<typeof schoolCalendarSchema>;

/** The zone A calendar shipped with the app, as a starting point the commune edits. */
export const zoneASchoolCalendar: SchoolCalendar = schoolCalendarSchema.parse(zoneAData);

export interface DatedHolidayPeriod {
  schoolYear: string;
  name: string;
  from: IsoDate;
  to: IsoDate;
  status: 'confirmed' | 'draft';
}

function knownPeriods(calendar: SchoolCalendar): DatedHolidayPeriod[] {
  const periods: DatedHolidayPeriod[] = [];
  for (const year of calendar.years) {
    for (const period of year.holidays) {
      if (period.from === null || period.to === null) continue;
      periods.push({
        schoolYear: year.schoolYear,
        name: period.name,
        from: period.from,
        to: period.to,
        status: period.status ?? 'confirmed',
      });
    }
  }
  return periods;
}

/** The holiday period `date` falls in (from ≤ date < to), if its dates are known. */
export function holidayPeriodOf(date: IsoDate, calendar: SchoolCalendar): DatedHolidayPeriod | undefined {
  return knownPeriods(calendar).find((period) => period.from <= date && date < period.to);
}

export function isSchoolHoliday(date: IsoDate, calendar: SchoolCalendar): boolean {
  return holidayPeriodOf(date, calendar) !== undefined;
}

/**
 * First and last date of a school year: from its rentrée to the day before the next year's rentrée, or to
 * 31 August of its second calendar year when the next year is not in the calendar.
 */
export function schoolYearSpan(year: SchoolYear, calendar: SchoolCalendar): { from: IsoDate; to: IsoDate } {
  const next = calendar.years.find((other) => other.rentree > year.rentree && other.schoolYear !== year.schoolYear);
  const fallbackEnd = `${year.schoolYear.slice(5, 9)}-08-31`;
  return { from: year.rentree, to: next ? addDays(next.rentree, -1) : fallbackEnd };
}

export function schoolYearOf(date: IsoDate, calendar: SchoolCalendar): SchoolYear | undefined {
  return calendar.years.find((year) => {
    const span = schoolYearSpan(year, calendar);
    return span.from <= date && date <= span.to;
  });
}

export interface UnconfirmedPeriod {
  schoolYear: string;
  name: string;
  from: IsoDate | null;
  to: IsoDate | null;
  reason: 'missingDates' | 'draft';
  /** French, ready for a warning banner. */
  message: string;
}

/**
 * Holiday periods the UI must warn about: dates missing (treated as school time until filled in) or taken from
 * a draft. With a range, only the school years overlapping it are looked at.
 */
export function unconfirmedPeriods(calendar: SchoolCalendar, range?: { from: IsoDate; to: IsoDate }): UnconfirmedPeriod[] {
  const result: UnconfirmedPeriod[] = [];
  for (const year of calendar.years) {
    if (range) {
      const span = schoolYearSpan(year, calendar);
      if (span.to < range.from || span.from > range.to) continue;
    }
    for (const period of year.holidays) {
      const missing = period.from === null || period.to === null;
      if (!missing && period.status !== 'draft') continue;
      const label = `${period.name} ${year.schoolYear}`;
      result.push({
        schoolYear: year.schoolYear,
        name: period.name,
        from: period.from,
        to: period.to,
        reason: missing ? 'missingDates' : 'draft',
        message: missing
          ? `${label} : dates non renseignées, ces jours sont traités comme des jours d'école.`
          : `${label} : dates provisoires (projet d'arrêté), à vérifier.`,
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Openings.

/**
 * Which days a unit opens on:
 * - `schoolDays`: school weekdays outside school holidays (cantine, accueil périscolaire);
 * - `wednesdays`: Wednesdays outside school holidays (mercredis);
 * - `holidays`: Monday to Friday inside school holidays (accueil de loisirs).
 */
export const openingRuleSchema = z.enum(['schoolDays', 'wednesdays', 'holidays']);
export type OpeningRule = z.infer<typeof openingRuleSchema>;

/** Four-day week, the common case. A commune with classes on Wednesday morning passes [1, 2, 3, 4, 5]. */
export const FOUR_DAY_SCHOOL_WEEK: readonly Weekday[] = [1, 2, 4, 5];

export interface GenerateOpeningsInput {
  from: IsoDate;
  to: IsoDate;
  calendar: SchoolCalendar;
  rule: OpeningRule;
  /** Dates the commune closes the unit (pont, staff training, strike…). */
  closures?: readonly IsoDate[];
  schoolWeekdays?: readonly Weekday[];
}

/** The open dates of a unit between `from` and `to` (both included), in order. Public holidays are always closed. */
export function generateOpenings(input: GenerateOpeningsInput): IsoDate[] {
  const closures = new Set(input.closures ?? []);
  const schoolWeekdays = input.schoolWeekdays ?? FOUR_DAY_SCHOOL_WEEK;
  const holidaysByYear = new Map<string, Set<IsoDate>>();
  const isHoliday = (date: IsoDate): boolean => {
    const year = date.slice(0, 4);
    let dates = holidaysByYear.get(year);
    if (!dates) {
      dates = new Set(publicHolidays(Number(year)).map((holiday) => holiday.date));
      holidaysByYear.set(year, dates);
    }
    return dates.has(date);
  };
  const periods = knownPeriods(input.calendar);
  const inSchoolHolidays = (date: IsoDate) => periods.some((period) => period.from <= date && date < period.to);

  return datesInRange(input.from, input.to).filter((date) => {
    if (closures.has(date) || isHoliday(date)) return false;
    const day = weekday(date);
    switch (input.rule) {
      case 'schoolDays':
        return schoolWeekdays.includes(day) && !inSchoolHolidays(date);
      case 'wednesdays':
        return day === 3 && !inSchoolHolidays(date);
      case 'holidays':
        return day <= 5 && inSchoolHolidays(date);
    }
  });
}
