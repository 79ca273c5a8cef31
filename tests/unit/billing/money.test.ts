import { describe, expect, it } from 'vitest';
import { formatCsvAmount, formatEuros, parseEuros, percentOf, reducedBy, sumCents, times } from '../../../src/shared/domain/money';

describe('money: integer cents, one rounding', () => {
  it('multiplies and sums exactly', () => {
    expect(times(415, 17)).toBe(7055);
    expect(sumCents([7055, 310, -279])).toBe(7086);
    // What floats get wrong: 0.1 + 0.2, 4.15 × 17.
    expect(sumCents([10, 20])).toBe(30);
    expect(4.15 * 17).not.toBe(70.55);
  });

  it('rounds a percentage to the nearest cent, halves away from zero', () => {
    expect(percentOf(415, 10)).toBe(42); // 41.5 → 42
    expect(percentOf(-415, 10)).toBe(-42);
    expect(percentOf(310, 90)).toBe(279);
    expect(percentOf(415, 90)).toBe(374); // 373.5 → 374
    expect(percentOf(520, 100)).toBe(520);
    expect(percentOf(520, 0)).toBe(0);
    expect(percentOf(333, 50)).toBe(167); // 166.5 → 167
    expect(reducedBy(415, 10)).toBe(374);
    expect(() => percentOf(415, 12.5)).toThrow();
    expect(() => times(4.15, 2)).toThrow();
  });

  it('formats for people and for CSV', () => {
    expect(formatEuros(123456)).toBe('1\u00a0234,56\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
    expect(formatEuros(-415)).toBe('-4,15\u00a0€');
    expect(formatEuros(0)).toBe('0,00\u00a0€');
    expect(formatEuros(100000000)).toBe('1\u00a0000\u00a0000,00\u00a0€');
    expect(formatCsvAmount(123456)).toBe('1234,56');
    expect(formatCsvAmount(-5)).toBe('-0,05');
  });

  it('parses what staff type', () => {
    expect(parseEuros('12')).toBe(1200);
    expect(parseEuros('12,5')).toBe(1250);
    expect(parseEuros('12.05')).toBe(1205);
    expect(parseEuros('1 234,56 €')).toBe(123456);
    expect(parseEuros('-4,15')).toBe(-415);
    expect(parseEuros('4,155')).toBeUndefined();
    expect(parseEuros('douze')).toBeUndefined();
  });
});
