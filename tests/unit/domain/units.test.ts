import { describe, expect, it } from 'vitest';
import {
  checkUnitCancellation,
  impliedUnits,
  resolveUnitBooking,
  unitRelationSchema,
  validateUnitRelations,
  type UnitRelation,
} from '../../../src/shared/domain/units';

// A Wednesday: the journée includes the repas; journée and the two half-days exclude each other.
const wednesday: UnitRelation[] = [
  { id: 'journee', label: 'Journée', implies: ['repas'], excludes: ['matin', 'apres-midi'] },
  { id: 'matin', label: 'Demi-journée matin', implies: [], excludes: [] },
  { id: 'matin-repas', label: 'Matin avec repas', implies: ['matin', 'repas'], excludes: [] },
  { id: 'apres-midi', label: 'Demi-journée après-midi', implies: [], excludes: [] },
  { id: 'repas', label: 'Repas', implies: [], excludes: [] },
];

describe('implied units', () => {
  it('adds the unit and what it implies', () => {
    expect(resolveUnitBooking(wednesday, [], 'journee')).toEqual({ ok: true, value: { unitsToAdd: ['journee', 'repas'] } });
  });

  it('leaves out what is already booked (booking twice adds nothing)', () => {
    expect(resolveUnitBooking(wednesday, ['repas'], 'journee')).toEqual({ ok: true, value: { unitsToAdd: ['journee'] } });
    expect(resolveUnitBooking(wednesday, ['journee', 'repas'], 'journee')).toEqual({ ok: true, value: { unitsToAdd: [] } });
  });

  it('follows implications transitively and survives cycles', () => {
    const chain: UnitRelation[] = [
      { id: 'a', implies: ['b'], excludes: [] },
      { id: 'b', implies: ['c'], excludes: [] },
      { id: 'c', implies: ['a'], excludes: [] },
    ];
    expect(impliedUnits(chain, 'a')).toEqual(['b', 'c']);
  });
});

describe('exclusive units', () => {
  it('refuses a half-day when the journée is booked, in both directions', () => {
    const result = resolveUnitBooking(wednesday, ['journee', 'repas'], 'matin');
    expect(result).toEqual({
      ok: false,
      code: 'exclusiveUnit',
      message: 'Impossible de réserver « Demi-journée matin » et « Journée » le même jour.',
    });
    expect(resolveUnitBooking(wednesday, ['matin'], 'journee')).toMatchObject({ ok: false, code: 'exclusiveUnit' });
  });

  it('refuses through an implied unit', () => {
    expect(resolveUnitBooking(wednesday, ['journee', 'repas'], 'matin-repas')).toMatchObject({
      ok: false,
      code: 'exclusiveUnit',
    });
  });

  it('allows compatible units', () => {
    expect(resolveUnitBooking(wednesday, ['matin'], 'apres-midi')).toEqual({ ok: true, value: { unitsToAdd: ['apres-midi'] } });
  });

  it('refuses an unknown unit', () => {
    expect(resolveUnitBooking(wednesday, [], 'soir')).toMatchObject({ ok: false, code: 'unknownUnit' });
  });
});

describe('cancellation and configuration', () => {
  it('refuses to cancel a repas included in a booked journée', () => {
    expect(checkUnitCancellation(wednesday, ['journee', 'repas'], 'repas')).toMatchObject({
      ok: false,
      code: 'impliedByBookedUnit',
    });
    expect(checkUnitCancellation(wednesday, ['journee', 'repas'], 'journee')).toEqual({ ok: true, value: { unitId: 'journee' } });
    expect(checkUnitCancellation(wednesday, ['repas'], 'repas')).toMatchObject({ ok: true });
  });

  it('finds configuration problems', () => {
    expect(validateUnitRelations(wednesday)).toEqual([]);
    const broken: UnitRelation[] = [
      { id: 'journee', implies: ['repas', 'gouter'], excludes: ['repas'] },
      { id: 'repas', implies: [], excludes: [] },
    ];
    const problems = validateUnitRelations(broken);
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).toContain('gouter');
    expect(problems.join(' ')).toContain("s'excluent");
  });

  it('parses relations with defaults', () => {
    expect(unitRelationSchema.parse({ id: 'repas' })).toEqual({ id: 'repas', implies: [], excludes: [] });
  });
});
