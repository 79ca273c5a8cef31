// Billing rows ↔ domain values: tariffs (JSON brackets and reductions) and activity penalties. The JSON was
// validated by `tariff.save` before it was stored; it is parsed again here so that a bad replica fails loudly.
import { z } from 'zod';
import type { activityPenalties, tariffs } from '../db/schema';
import { siblingReductionSchema, tariffBracketSchema, type ActivityPenalties, type Tariff } from '../domain/tariffs';

const bracketsSchema = z.array(tariffBracketSchema);
const reductionsSchema = z.array(siblingReductionSchema);

export function tariffFromRow(row: typeof tariffs.$inferSelect): Tariff {
  return {
    id: row.id,
    activityId: row.activityId,
    unitId: row.unitId,
    label: row.label,
    validFrom: row.validFrom,
    validTo: row.validTo,
    brackets: bracketsSchema.parse(JSON.parse(row.brackets)),
    siblingReductions: reductionsSchema.parse(JSON.parse(row.siblingReductions)),
  };
}

export function penaltiesFromRow(row: typeof activityPenalties.$inferSelect): ActivityPenalties {
  return {
    lateCancellationPercent: row.lateCancellationPercent,
    unbookedSurcharge:
      row.unbookedSurchargeKind === 'fixed'
        ? { kind: 'fixed', amountCents: row.unbookedSurchargeValue }
        : { kind: 'percent', percent: row.unbookedSurchargeValue },
  };
}
