// How the units of an activity relate on one day: a unit may imply others (a Wednesday "journée" includes the
// "repas") and exclude others (a "journée" and a "demi-journée matin" cannot both be booked). Relations are
// data stored with the activity; this module decides what booking or cancelling a unit means for a child's day.
// Pure.
import { z } from 'zod';
import { fail, ok, type Result } from '../result';

export const unitRelationSchema = z.object({
  id: z.string().min(1),
  /** French name for messages ("Journée"); the id is shown when absent. */
  label: z.string().optional(),
  implies: z.array(z.string()).default([]),
  /** Exclusion is mutual: declaring it on one of the two units is enough. */
  excludes: z.array(z.string()).default([]),
});
export type UnitRelation = z.infer<typeof unitRelationSchema>;

function byId(units: readonly UnitRelation[]): Map<string, UnitRelation> {
  return new Map(units.map((unit) => [unit.id, unit]));
}

function labelOf(units: Map<string, UnitRelation>, id: string): string {
  return units.get(id)?.label ?? id;
}

/** Units implied by `unitId`, directly or through other units (journée → repas), without `unitId` itself. */
export function impliedUnits(units: readonly UnitRelation[], unitId: string): string[] {
  const index = byId(units);
  const seen = new Set<string>([unitId]);
  const queue = [...(index.get(unitId)?.implies ?? [])];
  const result: string[] = [];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    result.push(next);
    queue.push(...(index.get(next)?.implies ?? []));
  }
  return result;
}

function excludeEachOther(index: Map<string, UnitRelation>, a: string, b: string): boolean {
  return (index.get(a)?.excludes.includes(b) ?? false) || (index.get(b)?.excludes.includes(a) ?? false);
}

/**
 * Booking `unitId` for a child who already has `bookedIds` that day: the units to add (the unit itself first,
 * then the implied ones, leaving out what is already booked — so booking twice adds nothing), or a refusal when
 * the unit or one it implies excludes a unit already booked.
 */
export function resolveUnitBooking(
  units: readonly UnitRelation[],
  bookedIds: readonly string[],
  unitId: string,
): Result<{ unitsToAdd: string[] }> {
  const index = byId(units);
  if (!index.has(unitId)) return fail('unknownUnit', `Unité inconnue : « ${unitId} ».`);
  const wanted = [unitId, ...impliedUnits(units, unitId)];
  const booked = new Set(bookedIds);
  for (const candidate of wanted) {
    for (const other of [...booked, ...wanted]) {
      if (other === candidate || !excludeEachOther(index, candidate, other)) continue;
      return fail(
        'exclusiveUnit',
        `Impossible de réserver « ${labelOf(index, candidate)} » et « ${labelOf(index, other)} » le même jour.`,
      );
    }
  }
  return ok({ unitsToAdd: wanted.filter((id) => !booked.has(id)) });
}

/**
 * Cancelling `unitId` alone is refused while another booked unit implies it (the repas of a booked journée):
 * the journée must be cancelled, or changed, instead.
 */
export function checkUnitCancellation(
  units: readonly UnitRelation[],
  bookedIds: readonly string[],
  unitId: string,
): Result<{ unitId: string }> {
  const index = byId(units);
  const holder = bookedIds.find((id) => id !== unitId && impliedUnits(units, id).includes(unitId));
  if (holder === undefined) return ok({ unitId });
  return fail(
    'impliedByBookedUnit',
    `Impossible d'annuler « ${labelOf(index, unitId)} » : l'unité « ${labelOf(index, holder)} » réservée ce jour l'inclut. Annulez plutôt « ${labelOf(index, holder)} ».`,
  );
}

/** Configuration problems, in French, for the activity settings screen; empty when the relations are sound. */
export function validateUnitRelations(units: readonly UnitRelation[]): string[] {
  const index = byId(units);
  const problems: string[] = [];
  if (index.size !== units.length) problems.push('Deux unités portent le même identifiant.');
  for (const unit of units) {
    for (const id of [...unit.implies, ...unit.excludes]) {
      if (!index.has(id)) problems.push(`« ${labelOf(index, unit.id)} » fait référence à une unité inconnue : « ${id} ».`);
    }
    const wanted = [unit.id, ...impliedUnits(units, unit.id)];
    for (const a of wanted) {
      for (const b of wanted) {
        if (a < b && excludeEachOther(index, a, b)) {
          problems.push(
            `« ${labelOf(index, unit.id)} » comprend « ${labelOf(index, a)} » et « ${labelOf(index, b)} », qui s'excluent.`,
          );
        }
      }
    }
  }
  return problems;
}
