import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  compareDates,
  datesInRange,
  daysBetween,
  instantToParis,
  instantToParisDate,
  isValidDate,
  isValidTime,
  monthDays,
  parisDateTimeToInstant,
  parseDate,
  startOfIsoWeek,
  weekday,
} from '../../../src/shared/domain/dates';

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isValidDate('2026-03-10')).toBe(true);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-3-10')).toBe(false);
    expect(isValidDate('10/03/2026')).toBe(false);
  });

  it('parses into a value or a French failure', () => {
    expect(parseDate(' 2026-03-10 ')).toEqual({ ok: true, value: '2026-03-10' });
    const failure = parseDate('2026-02-30');
    expect(failure.ok).toBe(false);
    if (!failure.ok) {
      expect(failure.code).toBe('invalidDate');
      expect(failure.message).toContain('Date invalide');
    }
  });

  it('validates clock times', () => {
    expect(isValidTime('10:00')).toBe(true);
    expect(isValidTime('23:59')).toBe(true);
    expect(isValidTime('24:00')).toBe(false);
    expect(isValidTime('9:00')).toBe(false);
  });

  it('adds days across months, years and DST changes without drifting', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-04-01', '2026-03-01')).toBe(-31);
  });

  it('gives ISO weekdays (Monday = 1, Sunday = 7)', () => {
    expect(weekday('2026-03-09')).toBe(1);
    expect(weekday('2026-03-11')).toBe(3);
    expect(weekday('2026-03-15')).toBe(7);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-29')).toBe(1);
    expect(startOfIsoWeek('2026-03-15')).toBe('2026-03-09');
    expect(startOfIsoWeek('2026-03-09')).toBe('2026-03-09');
  });

  it('compares and iterates ranges, both ends included', () => {
    expect(compareDates('2026-03-09', '2026-03-10')).toBe(-1);
    expect(compareDates('2026-03-10', '2026-03-10')).toBe(0);
    expect(compareDates('2026-12-01', '2026-03-10')).toBe(1);
    expect(datesInRange('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(datesInRange('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('lists the days of a month', () => {
    expect(monthDays('2026-02')).toHaveLength(28);
    expect(monthDays('2028-02')).toHaveLength(29);
    expect(monthDays('2026-03').at(-1)).toBe('2026-03-31');
    expect(() => monthDays('2026-13')).toThrow();
  });

  it('agrees with Date for any day between 1900 and 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), fc.integer({ min: -400, max: 400 }), (epochDay, n) => {
        const date = new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
        const expected = new Date((epochDay + n) * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date, n)).toBe(expected);
        expect(daysBetween(date, expected)).toBe(n);
        expect(weekday(date)).toBe(((new Date(epochDay * 86_400_000).getUTCDay() + 6) % 7) + 1);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('Paris time ↔ UTC instants', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(parisDateTimeToInstant('2026-03-10', '10:00')).toBe('2026-03-10T09:00:00.000Z');
    expect(parisDateTimeToInstant('2026-07-14', '10:00')).toBe('2026-07-14T08:00:00.000Z');
  });

  it('switches on the last Sunday of March (2026-03-29)', () => {
    expect(parisDateTimeToInstant('2026-03-27', '10:00')).toBe('2026-03-27T09:00:00.000Z');
    expect(parisDateTimeToInstant('2026-03-28', '10:00')).toBe('2026-03-28T09:00:00.000Z');
    expect(parisDateTimeToInstant('2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(parisDateTimeToInstant('2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(parisDateTimeToInstant('2026-03-29', '10:00')).toBe('2026-03-29T08:00:00.000Z');
    expect(parisDateTimeToInstant('2026-03-30', '10:00')).toBe('2026-03-30T08:00:00.000Z');
  });

  it('moves a time inside the spring gap forward', () => {
    // 02:30 does not exist on 2026-03-29; it is read as 03:30 CEST.
    expect(parisDateTimeToInstant('2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('switches back on the last Sunday of October (2026-10-25)', () => {
    expect(parisDateTimeToInstant('2026-10-24', '10:00')).toBe('2026-10-24T08:00:00.000Z');
    expect(parisDateTimeToInstant('2026-10-25', '10:00')).toBe('2026-10-25T09:00:00.000Z');
    expect(parisDateTimeToInstant('2026-10-26', '10:00')).toBe('2026-10-26T09:00:00.000Z');
  });

  it('gives the Paris date of an instant, which may be the next UTC day', () => {
    expect(instantToParisDate('2026-03-09T23:30:00.000Z')).toBe('2026-03-10');
    expect(instantToParisDate('2026-03-09T22:59:59.999Z')).toBe('2026-03-09');
    expect(instantToParisDate('2026-07-09T22:00:00.000Z')).toBe('2026-07-10');
    expect(instantToParis('2026-10-25T00:30:00.000Z')).toEqual({ date: '2026-10-25', time: '02:30' });
    expect(instantToParis('2026-10-25T01:30:00.000Z')).toEqual({ date: '2026-10-25', time: '02:30' });
  });

  it('round-trips every quarter hour of 2026 that exists in Paris', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 95 }), (dayOfYear, quarter) => {
        const date = addDays('2026-01-01', dayOfYear);
        const time = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
        if (date === '2026-03-29' && time >= '02:00' && time < '03:00') return; // the spring gap
        expect(instantToParis(parisDateTimeToInstant(date, time))).toEqual({ date, time });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
