// Tariffs: the price of one unit (a repas, a soir, a journée…) for a household on a day. A tariff belongs to an
// activity (and optionally to one of its units), is valid for a period, and has family-quotient brackets
// (tranches A, B, C… with QF min/max) each with a resident and a non-resident price, plus optional
// sibling-rank reductions. Penalties per activity: a late cancellation is billed at N % of the unit price, an
// unbooked presence carries a surcharge (+N % or a fixed amount).
// Rules (stated once, here):
// - brackets cover every QF from 0 upwards without gap or overlap; the last one is open-ended ("et plus");
// - a household with no QF valid on the day pays the top (last) bracket;
// - a unit-specific tariff wins over the activity-wide one (unitId null) valid on the same day;
// - the sibling reduction is the one with the highest `fromRank` not above the child's rank (−10 % from the
//   2nd child, −20 % from the 3rd); the reduced price is rounded once, in domain/money.
// Pure.
import { z } from 'zod';
import { percentOf, reducedBy, type Cents } from './money';
import { isoDateSchema, type IsoDate } from './dates';

export const tariffCategoryValues = ['resident', 'nonResident'] as const;
export type TariffCategory = (typeof tariffCategoryValues)[number];

const cents = (what: string) =>
  z
    .number({ error: `Indiquez ${what}.` })
    .int({ error: 'Un montant en centimes (nombre entier).' })
    .min(0, { error: 'Pas de montant négatif.' })
    .max(100_000, { error: 'Montant invraisemblable (plus de 1 000 €).' });

export const tariffBracketSchema = z.object({
  /** `A`, `B`, `C`… as printed on invoices. */
  label: z.string().trim().min(1, { error: 'Nommez la tranche (A, B…).' }).max(20),
  qfMin: z.number().int().min(0),
  /** Null: no upper bound (the last bracket). */
  qfMax: z.number().int().min(0).nullable(),
  residentCents: cents('le prix résident'),
  nonResidentCents: cents('le prix hors commune'),
});
export type TariffBracket = z.infer<typeof tariffBracketSchema>;

export const siblingReductionSchema = z.object({
  /** Applies from this rank on (2 = the second child). */
  fromRank: z.number().int().min(2).max(10),
  percent: z.number().int({ error: 'Un pourcentage entier.' }).min(0).max(100),
});
export type SiblingReduction = z.infer<typeof siblingReductionSchema>;

export const unbookedSurchargeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), percent: z.number().int({ error: 'Un pourcentage entier.' }).min(0).max(1000) }),
  z.object({ kind: z.literal('fixed'), amountCents: cents('le montant de la majoration') }),
]);
export type UnbookedSurcharge = z.infer<typeof unbookedSurchargeSchema>;

export const activityPenaltiesSchema = z.object({
  /** Share of the unit price billed for a late cancellation (100 % by default). */
  lateCancellationPercent: z.number().int({ error: 'Un pourcentage entier.' }).min(0).max(100).default(100),
  unbookedSurcharge: unbookedSurchargeSchema.default({ kind: 'percent', percent: 0 }),
});
export type ActivityPenalties = z.infer<typeof activityPenaltiesSchema>;

export const defaultPenalties: ActivityPenalties = { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 0 } };

export interface Tariff {
  id: string;
  activityId: string;
  /** Null: every unit of the activity that has no tariff of its own. */
  unitId: string | null;
  label: string;
  validFrom: IsoDate;
  validTo: IsoDate;
  brackets: TariffBracket[];
  siblingReductions: SiblingReduction[];
}

export const tariffFieldsSchema = z
  .object({
    label: z.string().trim().max(100).default(''),
    validFrom: isoDateSchema,
    validTo: isoDateSchema,
    brackets: z.array(tariffBracketSchema).min(1, { error: 'Un tarif a au moins une tranche.' }).max(20),
    siblingReductions: z.array(siblingReductionSchema).max(9).default([]),
  })
  .refine((t) => t.validTo >= t.validFrom, { path: ['validTo'], error: 'La fin de validité suit le début.' });

/** French problems with a list of brackets (empty when the list is usable). */
export function checkBrackets(brackets: readonly TariffBracket[]): string[] {
  const problems: string[] = [];
  const labels = new Set<string>();
  brackets.forEach((b, i) => {
    const name = `Tranche ${b.label}`;
    if (labels.has(b.label)) problems.push(`${name} : nom déjà utilisé.`);
    labels.add(b.label);
    if (b.qfMax !== null && b.qfMax < b.qfMin) problems.push(`${name} : le QF maximum est inférieur au minimum.`);
    if (i === 0 && b.qfMin !== 0) problems.push(`${name} : la première tranche commence à un QF de 0.`);
    const previous = brackets[i - 1];
    if (previous) {
      if (previous.qfMax === null) problems.push(`Tranche ${previous.label} : seule la dernière tranche est sans maximum.`);
      else if (b.qfMin !== previous.qfMax + 1)
        problems.push(`${name} : doit commencer à ${previous.qfMax + 1} (juste après la tranche ${previous.label}).`);
    }
    if (i === brackets.length - 1 && b.qfMax !== null) problems.push(`${name} : la dernière tranche n'a pas de maximum (« et plus »).`);
  });
  return problems;
}

export function checkSiblingReductions(reductions: readonly SiblingReduction[]): string[] {
  const ranks = reductions.map((r) => r.fromRank);
  return new Set(ranks).size === ranks.length ? [] : ['Réductions fratrie : un même rang apparaît deux fois.'];
}

/** Another tariff of the same activity and unit whose validity overlaps `candidate`'s, if any. */
export function overlappingTariff<T extends Pick<Tariff, 'id' | 'activityId' | 'unitId' | 'validFrom' | 'validTo'>>(
  existing: readonly T[],
  candidate: Pick<Tariff, 'id' | 'activityId' | 'unitId' | 'validFrom' | 'validTo'>,
): T | undefined {
  return existing.find(
    (t) =>
      t.id !== candidate.id &&
      t.activityId === candidate.activityId &&
      t.unitId === candidate.unitId &&
      t.validFrom <= candidate.validTo &&
      t.validTo >= candidate.validFrom,
  );
}

/** The tariff that prices `unitId` of `activityId` on `date`: the unit's own, else the activity-wide one. */
export function tariffFor(tariffs: readonly Tariff[], activityId: string, unitId: string, date: IsoDate): Tariff | undefined {
  let best: Tariff | undefined;
  for (const t of tariffs) {
    if (t.activityId !== activityId || t.validFrom > date || t.validTo < date) continue;
    if (t.unitId !== null && t.unitId !== unitId) continue;
    if (!best || (best.unitId === null && t.unitId !== null)) best = t;
  }
  return best;
}

/** The bracket of a quotient; the top (last) bracket when the household has no valid quotient. */
export function bracketFor(brackets: readonly TariffBracket[], quotient: number | null): TariffBracket {
  const top = brackets[brackets.length - 1]!;
  if (quotient === null) return top;
  return brackets.find((b) => b.qfMin <= quotient && (b.qfMax === null || quotient <= b.qfMax)) ?? top;
}

export function siblingReductionPercent(reductions: readonly SiblingReduction[], rank: number): number {
  let best: SiblingReduction | undefined;
  for (const r of reductions) if (r.fromRank <= rank && (!best || r.fromRank > best.fromRank)) best = r;
  return best?.percent ?? 0;
}

export interface QuotientRecord {
  id: string;
  value: number;
  validFrom: IsoDate;
  validTo: IsoDate;
  createdAt: string;
}

/** The household's quotient valid on `date`; when several are, the one recorded last. Null when none is. */
export function quotientOn(records: readonly QuotientRecord[], date: IsoDate): number | null {
  let best: QuotientRecord | undefined;
  for (const q of records) {
    if (q.validFrom > date || q.validTo < date) continue;
    if (!best || q.createdAt > best.createdAt || (q.createdAt === best.createdAt && q.id > best.id)) best = q;
  }
  return best ? best.value : null;
}

export interface PriceQuery {
  activityId: string;
  unitId: string;
  date: IsoDate;
  /** The household's QF valid on the date, null when there is none. */
  quotient: number | null;
  category: TariffCategory;
  /** 1 for the eldest child billed on the activity, 2 for the next… */
  siblingRank: number;
}

export interface UnitPrice {
  tariffId: string;
  bracketLabel: string;
  /** True when the top bracket was applied because no QF was valid on the day. */
  noQuotient: boolean;
  /** The bracket's price for the category, before any sibling reduction. */
  baseCents: Cents;
  siblingReductionPercent: number;
  /** What one unit costs this household: the base price less the sibling reduction, rounded once. */
  unitPriceCents: Cents;
}

/** The unit price for a household, child and day; undefined when no tariff covers the unit on that day. */
export function unitPriceFor(tariffs: readonly Tariff[], query: PriceQuery): UnitPrice | undefined {
  const tariff = tariffFor(tariffs, query.activityId, query.unitId, query.date);
  return tariff && priceWithTariff(tariff, query);
}

/** The unit price under a tariff already chosen (see `tariffFor`). */
export function priceWithTariff(tariff: Tariff, query: Pick<PriceQuery, 'quotient' | 'category' | 'siblingRank'>): UnitPrice {
  const bracket = bracketFor(tariff.brackets, query.quotient);
  const baseCents = query.category === 'resident' ? bracket.residentCents : bracket.nonResidentCents;
  const reduction = siblingReductionPercent(tariff.siblingReductions, query.siblingRank);
  return {
    tariffId: tariff.id,
    bracketLabel: bracket.label,
    noQuotient: query.quotient === null,
    baseCents,
    siblingReductionPercent: reduction,
    unitPriceCents: reduction === 0 ? baseCents : reducedBy(baseCents, reduction),
  };
}

/** A late cancellation costs this share of the unit price. */
export function lateCancellationCents(unitPriceCents: Cents, penalties: ActivityPenalties): Cents {
  return percentOf(unitPriceCents, penalties.lateCancellationPercent);
}

/** The surcharge added to an unbooked presence (on top of the unit price). */
export function unbookedSurchargeCents(unitPriceCents: Cents, penalties: ActivityPenalties): Cents {
  const s = penalties.unbookedSurcharge;
  return s.kind === 'percent' ? percentOf(unitPriceCents, s.percent) : s.amountCents;
}

/** `+50 %` or `+2,00 €`, for line labels. */
export function describeSurcharge(s: UnbookedSurcharge, formatCents: (c: Cents) => string): string {
  return s.kind === 'percent' ? `+${s.percent} %` : `+${formatCents(s.amountCents)}`;
}
