import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, instantToParis, weekday } from '../../../src/shared/domain/dates';
import {
  activityDeadlinesSchema,
  checkDeadline,
  deadlineDate,
  deadlineFor,
  deadlineRuleFor,
  deadlineRuleSchema,
  describeDeadline,
  describeDeadlineRule,
  formatClockTime,
  isBeforeDeadline,
  type DeadlineRule,
} from '../../../src/shared/domain/deadlines';
import { isPublicHoliday } from '../../../src/shared/domain/schoolCalendar';

const jMinus2: DeadlineRule = { kind: 'daysBefore', days: 2, time: '10:00', businessDays: false };
const jMinus2Business: DeadlineRule = { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true };
const holidaysJMinus15: DeadlineRule = { kind: 'daysBefore', days: 15, time: '10:00', businessDays: false };
const thursdayNoon: DeadlineRule = { kind: 'weeklyCutoff', weekday: 4, time: '12:00' };

describe('daysBefore around the DST changes', () => {
  // Summer time starts on Sunday 2026-03-29: 10:00 in Paris is 09:00Z before, 08:00Z from that day on.
  it.each([
    ['2026-03-29', '2026-03-27T09:00:00.000Z'],
    ['2026-03-30', '2026-03-28T09:00:00.000Z'],
    ['2026-03-31', '2026-03-29T08:00:00.000Z'],
    ['2026-04-01', '2026-03-30T08:00:00.000Z'],
  ])('J-2 à 10h for %s (March) is %s', (date, instant) => {
    expect(deadlineFor(jMinus2, date)).toBe(instant);
  });

  // Winter time is back on Sunday 2026-10-25.
  it.each([
    ['2026-10-25', '2026-10-23T08:00:00.000Z'],
    ['2026-10-26', '2026-10-24T08:00:00.000Z'],
    ['2026-10-27', '2026-10-25T09:00:00.000Z'],
    ['2026-10-28', '2026-10-26T09:00:00.000Z'],
  ])('J-2 à 10h for %s (October) is %s', (date, instant) => {
    expect(deadlineFor(jMinus2, date)).toBe(instant);
  });

  it.each([
    ['2026-03-30', '2026-03-26T09:00:00.000Z'], // Monday → Thursday before
    ['2026-03-31', '2026-03-27T09:00:00.000Z'], // Tuesday → Friday (weekend skipped)
    ['2026-04-01', '2026-03-30T08:00:00.000Z'], // Wednesday → Monday, now in summer time
    ['2026-10-27', '2026-10-23T08:00:00.000Z'], // Tuesday → Friday, still summer time
    ['2026-10-28', '2026-10-26T09:00:00.000Z'], // Wednesday → Monday, winter time
  ])('J-2 ouvrés à 10h for %s is %s', (date, instant) => {
    expect(deadlineFor(jMinus2Business, date)).toBe(instant);
  });
});

describe('business days skip public holidays', () => {
  it('skips Easter Monday', () => {
    expect(deadlineDate(jMinus2Business, '2026-04-08')).toBe('2026-04-03');
  });

  it('skips Ascension Thursday', () => {
    expect(deadlineDate(jMinus2Business, '2026-05-15')).toBe('2026-05-12');
  });

  it('always lands on a business day strictly before the booked day, at the rule time in Paris', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 12 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom('07:30', '10:00', '12:00', '18:00'),
        (offset, days, time) => {
          const date = addDays('2024-01-01', offset);
          const rule: DeadlineRule = { kind: 'daysBefore', days, time, businessDays: true };
          const day = deadlineDate(rule, date);
          expect(day < date).toBe(true);
          expect(weekday(day)).toBeLessThanOrEqual(5);
          expect(isPublicHoliday(day)).toBe(false);
          expect(instantToParis(deadlineFor(rule, date))).toEqual({ date: day, time });
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('vacances J-15 and weekly cutoffs', () => {
  it('J-15 counts calendar days', () => {
    expect(deadlineFor(holidaysJMinus15, '2026-04-07')).toBe('2026-03-23T09:00:00.000Z');
    expect(deadlineFor(holidaysJMinus15, '2026-07-06')).toBe('2026-06-21T08:00:00.000Z');
  });

  it('"avant le jeudi 12h pour la semaine suivante": the Thursday of the week before', () => {
    for (const date of ['2026-03-16', '2026-03-18', '2026-03-20', '2026-03-22']) {
      expect(deadlineFor(thursdayNoon, date)).toBe('2026-03-12T11:00:00.000Z');
    }
    expect(deadlineFor(thursdayNoon, '2026-03-23')).toBe('2026-03-19T11:00:00.000Z');
    // Across the spring change: the week of 30 March has its cutoff in winter time, the next one in summer time.
    expect(deadlineFor(thursdayNoon, '2026-04-01')).toBe('2026-03-26T11:00:00.000Z');
    expect(deadlineFor(thursdayNoon, '2026-04-08')).toBe('2026-04-02T10:00:00.000Z');
  });
});

describe('isBeforeDeadline', () => {
  // J-2 à 10h for Thursday 12 March 2026 = Tuesday 10 March, 10:00 Paris = 09:00:00.000Z.
  it('a deadline at exactly 10:00:00.000 is already passed', () => {
    expect(isBeforeDeadline(jMinus2, '2026-03-12', '2026-03-10T08:59:59.999Z')).toBe(true);
    expect(isBeforeDeadline(jMinus2, '2026-03-12', '2026-03-10T09:00:00.000Z')).toBe(false);
    expect(isBeforeDeadline(jMinus2, '2026-03-12', '2026-03-10T09:00:00.001Z')).toBe(false);
  });

  it('compares instants, not strings (an offset form of the same instant)', () => {
    expect(isBeforeDeadline(jMinus2, '2026-03-12', '2026-03-10T09:59:59+01:00')).toBe(true);
    expect(isBeforeDeadline(jMinus2, '2026-03-12', '2026-03-10T10:00:00+01:00')).toBe(false);
  });

  it('checkDeadline gives a French failure once passed', () => {
    expect(checkDeadline(jMinus2, '2026-03-12', '2026-03-09T12:00:00.000Z', 'booking')).toEqual({
      ok: true,
      value: { deadline: '2026-03-10T09:00:00.000Z' },
    });
    expect(checkDeadline(jMinus2, '2026-03-12', '2026-03-10T09:00:00.000Z', 'cancellation')).toEqual({
      ok: false,
      code: 'deadline',
      message: "Le délai d'annulation est dépassé depuis le mardi 10 mars à 10h.",
    });
  });
});

describe('French descriptions', () => {
  it('says until when, or since when', () => {
    expect(describeDeadline(jMinus2, '2026-03-12', '2026-03-09T12:00:00.000Z')).toBe("modifiable jusqu'au mardi 10 mars à 10h");
    expect(describeDeadline(jMinus2, '2026-03-12', '2026-03-10T09:00:00.000Z')).toBe(
      'délai dépassé depuis le mardi 10 mars à 10h',
    );
  });

  it('writes 1er, minutes, and the year only when it differs from now', () => {
    expect(describeDeadline(jMinus2, '2026-04-03', '2026-03-20T12:00:00.000Z')).toBe(
      "modifiable jusqu'au mercredi 1er avril à 10h",
    );
    expect(describeDeadline(jMinus2, '2026-01-05', '2025-12-20T12:00:00.000Z')).toBe(
      "modifiable jusqu'au samedi 3 janvier 2026 à 10h",
    );
    const halfPast: DeadlineRule = { kind: 'daysBefore', days: 1, time: '12:30', businessDays: false };
    expect(describeDeadline(halfPast, '2026-03-12', '2026-03-01T12:00:00.000Z')).toBe(
      "modifiable jusqu'au mercredi 11 mars à 12h30",
    );
    expect(formatClockTime('08:05')).toBe('8h05');
  });

  it('describes rules for the settings screen', () => {
    expect(describeDeadlineRule(jMinus2Business)).toBe('J-2 ouvrés à 10h');
    expect(describeDeadlineRule(holidaysJMinus15)).toBe('J-15 à 10h');
    expect(describeDeadlineRule(thursdayNoon)).toBe('le jeudi à 12h pour la semaine suivante');
  });
});

describe('rules are serialisable data', () => {
  it('round-trips through JSON and the schema', () => {
    for (const rule of [jMinus2, jMinus2Business, holidaysJMinus15, thursdayNoon]) {
      expect(deadlineRuleSchema.parse(JSON.parse(JSON.stringify(rule)))).toEqual(rule);
    }
  });

  it('rejects malformed rules', () => {
    expect(deadlineRuleSchema.safeParse({ ...jMinus2, time: '10h' }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ ...jMinus2, days: -1 }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ ...thursdayNoon, weekday: 8 }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ kind: 'monthly', time: '10:00' }).success).toBe(false);
  });

  it('cancellation follows the booking rule unless it has its own', () => {
    const shared = activityDeadlinesSchema.parse({ booking: jMinus2Business });
    expect(deadlineRuleFor(shared, 'cancellation')).toEqual(jMinus2Business);
    const separate = activityDeadlinesSchema.parse({ booking: thursdayNoon, cancellation: jMinus2 });
    expect(deadlineRuleFor(separate, 'booking')).toEqual(thursdayNoon);
    expect(deadlineRuleFor(separate, 'cancellation')).toEqual(jMinus2);
  });
});
