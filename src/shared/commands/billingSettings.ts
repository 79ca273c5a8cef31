// Admin commands of billing settings: tariffs (QF brackets, categories, sibling reductions, validity), penalties
// per activity (late cancellation, unbooked presence) and the régie's identity printed on documents. The only
// writers of tariffs, activity_penalties and regie_settings.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { activities, activityPenalties, activityUnits, invoiceLines, paymentModes, regieSettings, tariffs } from '../db/schema';
import {
  activityPenaltiesSchema,
  checkBrackets,
  checkSiblingReductions,
  overlappingTariff,
  tariffFieldsSchema,
} from '../domain/tariffs';
import { logoSchema, siretSchema } from '../domain/regieIdentity';
import { email, optionalText, postalCode, required } from '../domain/validation';
import { fail, ok, type Result } from '../result';
import { audit } from './audit';
import { tariffFromRow } from './billingRows';
import { defineCommand, type CommandContext } from './types';

const id = z.string().min(1).max(64);
const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export function staffOnly(ctx: CommandContext) {
  return ctx.actor.kind === 'parent' ? fail('forbidden', 'Action réservée au personnel.') : undefined;
}

export const tariffSave = defineCommand({
  name: 'tariff.save',
  kind: 'fact',
  newIds: ['tariffId'],
  input: z.intersection(
    tariffFieldsSchema,
    z.object({
      tariffId: id,
      activityId: id,
      /** Null: the activity-wide tariff. */
      unitId: id.nullable().default(null),
    }),
  ),
  handler(tx, input, ctx): Result<{ tariffId: string }> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    const problems = [...checkBrackets(input.brackets), ...checkSiblingReductions(input.siblingReductions)];
    if (problems.length > 0) return fail('invalid', problems.join(' '));
    const activity = tx.select().from(activities).where(eq(activities.id, input.activityId)).get();
    if (!activity) return fail('notFound', 'Activité introuvable.');
    if (input.unitId) {
      const unit = tx.select().from(activityUnits).where(eq(activityUnits.id, input.unitId)).get();
      if (!unit || unit.activityId !== input.activityId) return fail('notFound', "Cette unité n'appartient pas à l'activité.");
    }
    const before = tx.select().from(tariffs).where(eq(tariffs.id, input.tariffId)).get();
    if (before && before.activityId !== input.activityId) return fail('conflict', "Ce tarif appartient à une autre activité.");
    const others = tx.select().from(tariffs).where(eq(tariffs.activityId, input.activityId)).all();
    const clash = overlappingTariff(others, { id: input.tariffId, ...input });
    if (clash)
      return fail(
        'conflict',
        `Ce tarif chevauche « ${clash.label || 'tarif'} » (du ${frDate(clash.validFrom)} au ${frDate(clash.validTo)}) : ajustez les dates de validité.`,
      );
    const values = {
      activityId: input.activityId,
      unitId: input.unitId,
      label: input.label,
      validFrom: input.validFrom,
      validTo: input.validTo,
      brackets: JSON.stringify(input.brackets),
      siblingReductions: JSON.stringify([...input.siblingReductions].sort((a, b) => a.fromRank - b.fromRank)),
    };
    tx.insert(tariffs)
      .values({ id: input.tariffId, ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: tariffs.id, set: { ...values, updatedAt: ctx.now } })
      .run();
    audit(tx, ctx, 'tariff.save', {
      entity: 'tariff',
      entityId: input.tariffId,
      changes: before ? { before: tariffFromRow(before), after: values } : values,
    });
    return ok({ tariffId: input.tariffId });
  },
});

/** A tariff that priced an issued invoice stays (invoices refer to it): end its validity instead. */
export const tariffRemove = defineCommand({
  name: 'tariff.remove',
  kind: 'fact',
  input: z.object({ tariffId: id }),
  handler(tx, input, ctx): Result<null> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    const row = tx.select().from(tariffs).where(eq(tariffs.id, input.tariffId)).get();
    if (!row) return fail('notFound', 'Tarif introuvable.');
    if (tx.select({ id: invoiceLines.id }).from(invoiceLines).where(eq(invoiceLines.tariffId, input.tariffId)).get())
      return fail('conflict', 'Ce tarif a servi à facturer : modifiez sa date de fin de validité plutôt que de le supprimer.');
    tx.delete(tariffs).where(eq(tariffs.id, input.tariffId)).run();
    audit(tx, ctx, 'tariff.remove', { entity: 'tariff', entityId: input.tariffId, changes: { label: row.label } });
    return ok(null);
  },
});

export const tariffSetPenalties = defineCommand({
  name: 'tariff.setPenalties',
  kind: 'fact',
  input: z.intersection(activityPenaltiesSchema, z.object({ activityId: id })),
  handler(tx, input, ctx): Result<null> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    if (!tx.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId)).get())
      return fail('notFound', 'Activité introuvable.');
    const s = input.unbookedSurcharge;
    const values = {
      lateCancellationPercent: input.lateCancellationPercent,
      unbookedSurchargeKind: s.kind,
      unbookedSurchargeValue: s.kind === 'percent' ? s.percent : s.amountCents,
    };
    tx.insert(activityPenalties)
      .values({ id: input.activityId, activityId: input.activityId, ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: activityPenalties.id, set: { ...values, updatedAt: ctx.now } })
      .run();
    audit(tx, ctx, 'tariff.setPenalties', { entity: 'activity', entityId: input.activityId, changes: values });
    return ok(null);
  },
});

export const regieSettingsFields = z.object({
  communeName: required(100),
  /** 14 digits with a valid check key (spaces allowed when typed); absent: unchanged. */
  siret: siretSchema.optional(),
  /** PNG or JPEG data URL, 200 KB at most ('' removes it); absent: unchanged. */
  logo: logoSchema.optional(),
  regieName: optionalText(150),
  /** Numéro de la régie (acte constitutif); absent: unchanged. */
  regieNumber: z.string().trim().max(50, { error: '50 caractères au maximum.' }).optional(),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  postalCode,
  city: optionalText(100),
  phone: optionalText(30),
  email,
  portalUrl: optionalText(200),
  officeHours: optionalText(300),
  payableTo: required(150).default('Trésor public'),
  acceptedModes: z.array(z.enum(paymentModes)).min(1, { error: 'Au moins un mode de règlement.' }).default([...paymentModes]),
});

export const REGIE_SETTINGS_ID = 'default';

export const regieSaveSettings = defineCommand({
  name: 'regie.saveSettings',
  kind: 'fact',
  input: regieSettingsFields,
  handler(tx, input, ctx): Result<null> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    const values = { ...input, acceptedModes: JSON.stringify(input.acceptedModes) };
    // Identity fields a caller leaves out keep their stored value (older forms and scripts do not send them).
    for (const key of ['siret', 'logo', 'regieNumber'] as const) if (values[key] === undefined) delete values[key];
    tx.insert(regieSettings)
      .values({ id: REGIE_SETTINGS_ID, ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: regieSettings.id, set: { ...values, updatedAt: ctx.now } })
      .run();
    // The logo itself stays out of the audit trail (up to 200 KB per save): its size says it changed.
    const { logo, ...logged } = values;
    const changes = logo === undefined ? logged : { ...logged, logo: logo ? `image (${Math.round((logo.length * 3) / 4 / 1024)} Ko)` : '' };
    audit(tx, ctx, 'regie.saveSettings', { entity: 'regie', entityId: REGIE_SETTINGS_ID, changes });
    return ok(null);
  },
});

export const billingSettingsCommands = [tariffSave, tariffRemove, tariffSetPenalties, regieSaveSettings] as const;
