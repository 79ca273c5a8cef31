import { describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../../src/shared/domain/dates';
import {
  easterSunday,
  generateOpenings,
  holidayPeriodOf,
  isPublicHoliday,
  isSchoolHoliday,
  publicHolidayOf,
  publicHolidays,
  schoolCalendarSchema,
  schoolYearOf,
  unconfirmedPeriods,
  zoneASchoolCalendar,
  type SchoolCalendar,
} from '../../../src/shared/domain/schoolCalendar';

describe('public holidays', () => {
  it.each([
    [2024, '2024-04-01'],
    [2025, '2025-04-21'],
    [2026, '2026-04-06'],
    [2027, '2027-03-29'],
  ])('Easter Monday %i is %s', (year, monday) => {
    expect(addDays(easterSunday(year), 1)).toBe(monday);
    expect(publicHolidayOf(monday)?.name).toBe('Lundi de Pâques');
  });

  it('computes Easter at both ends of its range and in other centuries', () => {
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(1818)).toBe('1818-03-22');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(2000)).toBe('2000-04-23');
  });

  it.each([
    [2024, '2024-05-09', '2024-05-20'],
    [2025, '2025-05-29', '2025-06-09'],
    [2026, '2026-05-14', '2026-05-25'],
    [2027, '2027-05-06', '2027-05-17'],
  ])('Ascension and Whit Monday %i', (year, ascension, whitMonday) => {
    const byName = new Map(publicHolidays(year).map((holiday) => [holiday.name, holiday.date]));
    expect(byName.get('Ascension')).toBe(ascension);
    expect(weekday(ascension)).toBe(4);
    expect(byName.get('Lundi de Pentecôte')).toBe(whitMonday);
    expect(weekday(whitMonday)).toBe(1);
  });

  it('lists the eleven days in date order', () => {
    const dates = publicHolidays(2026).map((holiday) => holiday.date);
    expect(dates).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(isPublicHoliday('2026-07-14')).toBe(true);
    expect(isPublicHoliday('2026-07-13')).toBe(false);
    expect(isPublicHoliday('2026-04-05')).toBe(false); // Easter Sunday is a Sunday, not an extra holiday
  });
});

describe('school calendar (zone A data)', () => {
  const calendar = zoneASchoolCalendar;

  it('holiday days run from `from` to the day before `to` (hiver 2026: 7 → 23 February)', () => {
    expect(isSchoolHoliday('2026-02-06', calendar)).toBe(false); // Friday: last school day
    expect(isSchoolHoliday('2026-02-07', calendar)).toBe(true); // Saturday `from`
    expect(isSchoolHoliday('2026-02-09', calendar)).toBe(true);
    expect(isSchoolHoliday('2026-02-22', calendar)).toBe(true); // Sunday, `to` - 1
    expect(isSchoolHoliday('2026-02-23', calendar)).toBe(false); // Monday `to`: classes resume
    expect(holidayPeriodOf('2026-02-16', calendar)).toMatchObject({
      schoolYear: '2025-2026',
      name: "Vacances d'hiver",
      status: 'confirmed',
    });
    expect(holidayPeriodOf('2026-02-23', calendar)).toBeUndefined();
  });

  it('summer 2026 ends the day before the rentrée', () => {
    expect(isSchoolHoliday('2026-08-31', calendar)).toBe(true);
    expect(isSchoolHoliday('2026-09-01', calendar)).toBe(false);
    expect(schoolYearOf('2026-08-31', calendar)?.schoolYear).toBe('2025-2026');
    expect(schoolYearOf('2026-09-01', calendar)?.schoolYear).toBe('2026-2027');
    expect(schoolYearOf('2025-08-31', calendar)).toBeUndefined();
  });

  it('holds sane data: Saturday starts and Monday (or rentrée) resumptions, except the Ascension bridge', () => {
    const rentrees = new Set(calendar.years.map((year) => year.rentree));
    for (const year of calendar.years) {
      for (const period of year.holidays) {
        if (period.from !== null && !period.name.includes('Ascension')) expect(weekday(period.from)).toBe(6);
        if (period.to !== null && !rentrees.has(period.to)) expect(weekday(period.to)).toBe(1);
      }
    }
  });

  it('uses the draft 2026-2027 dates but lists them, and the unknown summer end, as unconfirmed', () => {
    expect(isSchoolHoliday('2026-10-19', calendar)).toBe(true);
    expect(holidayPeriodOf('2026-10-19', calendar)?.status).toBe('draft');
    const warnings = unconfirmedPeriods(calendar);
    expect(warnings.map((warning) => [warning.name, warning.reason])).toEqual([
      ['Vacances de la Toussaint', 'draft'],
      ['Vacances de Noël', 'draft'],
      ["Vacances d'hiver", 'draft'],
      ['Vacances de printemps', 'draft'],
      ["Pont de l'Ascension", 'draft'],
      ["Vacances d'été", 'missingDates'],
    ]);
    expect(warnings.every((warning) => warning.schoolYear === '2026-2027')).toBe(true);
    expect(warnings[5]?.message).toContain('non renseignées');
    // A summer with no known end is not treated as holidays.
    expect(isSchoolHoliday('2027-07-05', calendar)).toBe(false);
  });

  it('filters warnings by the school years a range touches', () => {
    expect(unconfirmedPeriods(calendar, { from: '2026-01-01', to: '2026-06-30' })).toEqual([]);
    expect(unconfirmedPeriods(calendar, { from: '2026-08-01', to: '2026-09-30' })).toHaveLength(6);
  });
});

describe('editable calendars', () => {
  const custom: SchoolCalendar = {
    years: [
      {
        schoolYear: '2030-2031',
        rentree: '2030-09-02',
        holidays: [
          { name: 'Vacances de la Toussaint', from: '2030-10-19', to: '2030-11-04' },
          { name: "Vacances d'hiver", from: null, to: null },
        ],
      },
    ],
  };

  it('treats a period without dates as unknown, not as holidays', () => {
    expect(isSchoolHoliday('2030-10-21', custom)).toBe(true);
    expect(isSchoolHoliday('2031-02-17', custom)).toBe(false);
    expect(unconfirmedPeriods(custom)).toMatchObject([{ name: "Vacances d'hiver", reason: 'missingDates' }]);
  });

  it('validates edited data', () => {
    expect(schoolCalendarSchema.safeParse(custom).success).toBe(true);
    const reversed = { years: [{ ...custom.years[0], holidays: [{ name: 'X', from: '2030-11-04', to: '2030-10-19' }] }] };
    expect(schoolCalendarSchema.safeParse(reversed).success).toBe(false);
    const badDate = { years: [{ ...custom.years[0], rentree: '2030-02-30' }] };
    expect(schoolCalendarSchema.safeParse(badDate).success).toBe(false);
  });
});

describe('generateOpenings', () => {
  const calendar = zoneASchoolCalendar;

  it('schoolDays: Mon/Tue/Thu/Fri outside holidays, around the winter break', () => {
    const openings = generateOpenings({ from: '2026-02-02', to: '2026-02-27', calendar, rule: 'schoolDays' });
    expect(openings).toEqual([
      '2026-02-02',
      '2026-02-03',
      '2026-02-05',
      '2026-02-06', // the Friday before the holidays is a school day
      '2026-02-23', // `to`: classes resume
      '2026-02-24',
      '2026-02-26',
      '2026-02-27',
    ]);
  });

  it('wednesdays: outside holidays only', () => {
    expect(generateOpenings({ from: '2026-02-01', to: '2026-02-28', calendar, rule: 'wednesdays' })).toEqual([
      '2026-02-04',
      '2026-02-25',
    ]);
  });

  it('holidays: Monday–Friday inside holidays, public holidays closed (Easter Monday 2026)', () => {
    expect(generateOpenings({ from: '2026-04-01', to: '2026-04-30', calendar, rule: 'holidays' })).toEqual([
      '2026-04-07',
      '2026-04-08',
      '2026-04-09',
      '2026-04-10',
      '2026-04-13',
      '2026-04-14',
      '2026-04-15',
      '2026-04-16',
      '2026-04-17',
    ]);
  });

  it('the Ascension bridge: Thursday closed (public holiday), Friday a holiday day', () => {
    const range = { from: '2026-05-11', to: '2026-05-18', calendar };
    expect(generateOpenings({ ...range, rule: 'schoolDays' })).toEqual(['2026-05-11', '2026-05-12', '2026-05-18']);
    expect(generateOpenings({ ...range, rule: 'holidays' })).toEqual(['2026-05-15']);
  });

  it('summer holidays include 14 July and 15 August only as closed days', () => {
    const july = generateOpenings({ from: '2026-07-01', to: '2026-07-31', calendar, rule: 'holidays' });
    expect(july[0]).toBe('2026-07-06');
    expect(july).not.toContain('2026-07-14');
    expect(july).toHaveLength(19);
  });

  it('removes commune closures, and follows a 4.5-day week when asked', () => {
    const closures = ['2026-03-12'];
    const week = { from: '2026-03-09', to: '2026-03-15', calendar, closures };
    expect(generateOpenings({ ...week, rule: 'schoolDays' })).toEqual(['2026-03-09', '2026-03-10', '2026-03-13']);
    expect(generateOpenings({ ...week, rule: 'schoolDays', schoolWeekdays: [1, 2, 3, 4, 5] })).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-13',
    ]);
  });
});
