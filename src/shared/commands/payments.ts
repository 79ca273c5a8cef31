// Commands of payments at the desk (la régie): record a payment, reverse it. Both are FACTS: the money was
// received (or handed back) at the desk, so the hub never refuses them for a business reason — an allocation
// that cannot be honoured is reduced and the rest kept as household credit, with a message. Ids come from the
// desk; recording the same payment id twice is harmless (idempotent). A payment is never updated or deleted:
// a reversal row cancels it and releases its allocations.
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { allocations, households, invoices, paymentModes, paymentReversals, payments } from '../db/schema';
import { allocateExplicit, allocateOldestFirst, type Allocation } from '../domain/allocation';
import { isoDateSchema } from '../domain/dates';
import { formatEuros, sumCents, type Cents } from '../domain/money';
import { deskCode, receiptNumber, seriesIds } from '../domain/numbering';
import { optionalText, required } from '../domain/validation';
import { fail, invalid, ok, type Result } from '../result';
import { audit } from './audit';
import { allocationWriter, openInvoices, readSeries, writeSeries } from './billingLedger';
import { staffOnly } from './billingSettings';
import { defineCommand, type Tx } from './types';

const id = z.string().min(1).max(64);

export type PaymentMode = (typeof paymentModes)[number];

/** French names of the payment modes, as printed on receipts and in the régie journal. */
export const paymentModeLabels: Record<PaymentMode, string> = {
  cash: 'Espèces',
  cheque: 'Chèque',
  card: 'Carte bancaire',
  cesu: 'CESU',
  ancv: 'Chèques vacances (ANCV)',
  transfer: 'Virement',
  directDebit: 'Prélèvement',
};

export interface RecordedPayment {
  paymentId: string;
  receiptNumber: string;
  allocations: { invoiceId: string; number: string; amountCents: Cents }[];
  /** What was not allocated: kept as the household's credit, used by its next invoice. */
  creditCents: Cents;
}

export const paymentRecord = defineCommand({
  name: 'payment.record',
  kind: 'fact',
  newIds: ['paymentId'],
  input: z
    .object({
      paymentId: id,
      householdId: id,
      // The régie's accepted modes (regie_settings) are what the desk offers; they are not checked here: money
      // received is recorded whatever the settings say at the hub when the command arrives.
      mode: z.enum(paymentModes, { error: 'Choisissez un mode de règlement.' }),
      amountCents: z
        .number({ error: 'Indiquez le montant.' })
        .int({ error: 'Un montant en centimes.' })
        .min(1, { error: 'Le montant doit être positif.' })
        .max(10_000_000, { error: 'Montant invraisemblable.' }),
      receivedOn: isoDateSchema,
      chequeBank: optionalText(100),
      chequeNumber: optionalText(30),
      payerName: optionalText(150),
      note: optionalText(500),
      /** Staff's own ventilation; absent: open invoices, oldest first. */
      allocations: z
        .array(z.object({ invoiceId: id, amountCents: z.number().int().min(1) }))
        .max(100)
        .optional(),
    })
    .superRefine((p, ctx) => {
      if (p.mode === 'cheque') {
        if (!p.chequeNumber) ctx.addIssue({ code: 'custom', path: ['chequeNumber'], message: 'Indiquez le numéro du chèque.' });
        if (!p.chequeBank) ctx.addIssue({ code: 'custom', path: ['chequeBank'], message: 'Indiquez la banque du chèque.' });
      }
      const requested = p.allocations ?? [];
      if (sumCents(requested.map((a) => a.amountCents)) > p.amountCents)
        ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'La ventilation dépasse le montant du règlement.' });
      if (new Set(requested.map((a) => a.invoiceId)).size !== requested.length)
        ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'Une facture apparaît deux fois dans la ventilation.' });
    }),
  handler(tx, input, ctx): Result<RecordedPayment> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    const existing = tx.select().from(payments).where(eq(payments.id, input.paymentId)).get();
    if (existing) {
      // The same payment again (a retried call): nothing to do, same answer.
      if (existing.householdId !== input.householdId || existing.amountCents !== input.amountCents || existing.mode !== input.mode)
        return fail('conflict', 'Un autre règlement porte déjà cet identifiant.');
      return ok(describePayment(tx, existing.id));
    }
    if (!tx.select({ id: households.id }).from(households).where(eq(households.id, input.householdId)).get())
      return fail('notFound', 'Foyer introuvable.');
    if (input.receivedOn > ctx.today) return invalid({ receivedOn: 'La date de réception ne peut pas être dans le futur.' });

    const year = Number(ctx.today.slice(0, 4));
    const code = deskCode(ctx.deskId);
    const series = readSeries(tx, seriesIds.receipt(year, code), 'receipt', year);
    series.last += 1;
    series.lastDate = ctx.today > series.lastDate ? ctx.today : series.lastDate;
    const receipt = receiptNumber(year, code, series.last);
    tx.insert(payments)
      .values({
        id: input.paymentId,
        householdId: input.householdId,
        receiptNumber: receipt,
        mode: input.mode,
        amountCents: input.amountCents,
        receivedOn: input.receivedOn,
        chequeBank: input.mode === 'cheque' ? input.chequeBank : '',
        chequeNumber: input.mode === 'cheque' ? input.chequeNumber : '',
        payerName: input.payerName,
        note: input.note,
        deskId: ctx.deskId,
        recordedBy: ctx.actor.name,
        createdAt: ctx.now,
      })
      .run();
    writeSeries(tx, ctx, series);

    const open = openInvoices(tx, input.householdId);
    let planned: Allocation[];
    const notes: string[] = [];
    if (input.allocations) {
      const plan = allocateExplicit(input.amountCents, input.allocations, open);
      planned = plan.allocations;
      const numberOf = (invoiceId: string) => open.find((o) => o.invoiceId === invoiceId)?.number ?? invoiceId;
      for (const c of plan.capped)
        notes.push(`Facture ${numberOf(c.invoiceId)} : ${formatEuros(c.allocatedCents)} affectés au lieu de ${formatEuros(c.requestedCents)} (reste dû).`);
      if (plan.ignored.length > 0) notes.push(`${plan.ignored.length} facture(s) déjà soldée(s) ou d'un autre foyer : montant gardé en avoir du foyer.`);
    } else {
      planned = allocateOldestFirst(input.amountCents, open).allocations;
    }
    const write = allocationWriter(tx, ctx);
    for (const a of planned)
      write({ householdId: input.householdId, invoiceId: a.invoiceId, paymentId: input.paymentId, amountCents: a.amountCents, on: input.receivedOn });
    const value = describePayment(tx, input.paymentId);
    audit(tx, ctx, 'payment.record', {
      entity: 'payment',
      entityId: input.paymentId,
      householdId: input.householdId,
      changes: { receiptNumber: receipt, mode: input.mode, amountCents: input.amountCents, receivedOn: input.receivedOn, allocations: value.allocations },
    });
    return ok(value, notes.length > 0 ? { outcome: 'modified', message: notes.join(' ') } : undefined);
  },
});

function describePayment(tx: Tx, paymentId: string): RecordedPayment {
  const payment = tx.select().from(payments).where(eq(payments.id, paymentId)).get()!;
  const rows = tx
    .select({ invoiceId: allocations.invoiceId, number: invoices.number, amountCents: allocations.amountCents })
    .from(allocations)
    .innerJoin(invoices, eq(invoices.id, allocations.invoiceId))
    .where(and(eq(allocations.paymentId, paymentId), isNull(allocations.releasedAt)))
    .orderBy(allocations.id)
    .all();
  const reversed = tx.select({ id: paymentReversals.id }).from(paymentReversals).where(eq(paymentReversals.paymentId, paymentId)).get();
  return {
    paymentId,
    receiptNumber: payment.receiptNumber,
    allocations: rows,
    creditCents: reversed ? 0 : payment.amountCents - sumCents(rows.map((r) => r.amountCents)),
  };
}

export interface ReversedPayment {
  reversalId: string;
  paymentId: string;
  /** Amount released from invoices (they owe it again). */
  releasedCents: Cents;
  invoices: { invoiceId: string; number: string; amountCents: Cents }[];
}

export const paymentReverse = defineCommand({
  name: 'payment.reverse',
  kind: 'fact',
  input: z.object({
    paymentId: id,
    reason: required(300),
    /** Default: the day the command is created. */
    reversedOn: isoDateSchema.optional(),
  }),
  handler(tx, input, ctx): Result<ReversedPayment> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    const payment = tx.select().from(payments).where(eq(payments.id, input.paymentId)).get();
    if (!payment) return fail('notFound', 'Règlement introuvable.');
    const reversalId = `${payment.id}:reversal`;
    const existing = tx.select().from(paymentReversals).where(eq(paymentReversals.paymentId, payment.id)).get();
    if (existing) return ok({ reversalId: existing.id, paymentId: payment.id, releasedCents: 0, invoices: [] });
    const reversedOn = input.reversedOn ?? ctx.today;
    if (reversedOn < payment.receivedOn) return invalid({ reversedOn: "L'annulation ne peut pas précéder la réception du règlement." });
    if (reversedOn > ctx.today) return invalid({ reversedOn: "La date d'annulation ne peut pas être dans le futur." });
    tx.insert(paymentReversals)
      .values({
        id: reversalId,
        paymentId: payment.id,
        householdId: payment.householdId,
        reason: input.reason,
        reversedOn,
        deskId: ctx.deskId,
        reversedBy: ctx.actor.name,
        createdAt: ctx.now,
      })
      .run();
    const released = tx
      .select({ id: allocations.id, invoiceId: allocations.invoiceId, number: invoices.number, amountCents: allocations.amountCents })
      .from(allocations)
      .innerJoin(invoices, eq(invoices.id, allocations.invoiceId))
      .where(and(eq(allocations.paymentId, payment.id), isNull(allocations.releasedAt)))
      .orderBy(allocations.id)
      .all();
    tx.update(allocations)
      .set({ releasedAt: ctx.now, releaseReason: input.reason })
      .where(and(eq(allocations.paymentId, payment.id), isNull(allocations.releasedAt)))
      .run();
    const releasedCents = sumCents(released.map((r) => r.amountCents));
    audit(tx, ctx, 'payment.reverse', {
      entity: 'payment',
      entityId: payment.id,
      householdId: payment.householdId,
      changes: { receiptNumber: payment.receiptNumber, amountCents: payment.amountCents, releasedCents },
      reason: input.reason,
    });
    return ok({
      reversalId,
      paymentId: payment.id,
      releasedCents,
      invoices: released.map(({ invoiceId, number, amountCents }) => ({ invoiceId, number, amountCents })),
    });
  },
});

export const paymentCommands = [paymentRecord, paymentReverse] as const;
