// Commands of invoicing: issue a month's invoices, issue a credit note, apply a household's credit. The first two
// number documents in continuous yearly series, so they run only where the truth is (`authorityOnly`: the hub,
// or a standalone desk). Issued invoices and credit notes are never updated by any command.
//
// invoice.issueMonth, in ONE transaction: compute the month's billable lines (the same code as the draft),
// refuse if a unit has no tariff, then per household (alphabetical order, so numbers follow the list):
// - total ≥ 0: an invoice numbered `2026-000123`, its lines, each billed booking recorded (unique per booking and
//   kind: a re-run bills only what was not billed yet), and the household's credit applied to it;
// - total < 0 (only refunds, e.g. days billed then justified): a credit note on the household's last invoice of
//   the month that has that much left to credit, instead (none: the household is skipped and reported).
// The counter row of the series is written once, in the same transaction.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  activities,
  auditLog,
  billedBookings,
  creditNoteLines,
  creditNotes,
  households,
  invoiceLines,
  invoices,
} from '../db/schema';
import { allocateOldestFirst, drawCredit, type CreditSource } from '../domain/allocation';
import { addDays, isoDateSchema } from '../domain/dates';
import type { DraftHousehold, DraftLine } from '../domain/invoiceLines';
import { formatEuros, sumCents, times, type Cents } from '../domain/money';
import { creditNoteNumber, invoiceNumber, seriesIds } from '../domain/numbering';
import { optionalText, required } from '../domain/validation';
import { fail, invalid, ok, type Result } from '../result';
import { audit } from './audit';
import { loadBillingMonth } from './billingDraft';
import {
  allocationWriter,
  creditSources,
  insertMany,
  invoiceOpenCents,
  openInvoices,
  payersOf,
  readSeries,
  writeSeries,
  type Payer,
  type Series,
} from './billingLedger';
import { staffOnly } from './billingSettings';
import { defineCommand, type CommandContext, type Tx } from './types';

const id = z.string().min(1).max(64);
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Mois invalide (format AAAA-MM).' });

/** Days between issue and due date when the run does not say. */
export const DEFAULT_DUE_DAYS = 30;

const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const monthNames = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** `2026-11` → `novembre 2026`. */
export const monthLabel = (month: string) => `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

export interface IssuedInvoice {
  invoiceId: string;
  number: string;
  householdId: string;
  householdName: string;
  totalCents: Cents;
  /** The household's credit applied to it at issue. */
  creditAppliedCents: Cents;
}

export interface IssuedCreditNote {
  creditNoteId: string;
  number: string;
  householdId: string;
  invoiceId: string;
  totalCents: Cents;
}

export interface IssueMonthResult {
  month: string;
  issueDate: string;
  dueDate: string;
  invoices: IssuedInvoice[];
  creditNotes: IssuedCreditNote[];
  /** Sum of the invoices issued. */
  totalCents: Cents;
  /** Bookings billed by this run (per kind). */
  billedBookings: number;
  /** Non-blocking anomalies of the run (see `billing.draft` for their details). */
  warnings: number;
  /** Households left out of this run, with why (French); their lines stay pending. */
  skipped: { householdId: string; householdName: string; message: string }[];
}

export const invoiceIssueMonth = defineCommand({
  name: 'invoice.issueMonth',
  kind: 'request',
  authorityOnly: true,
  input: z.object({
    month: monthSchema,
    /** Only these activities (every activity when absent). */
    activityIds: z.array(id).min(1).max(50).optional(),
    /** Default: the day the command is created. */
    issueDate: isoDateSchema.optional(),
    /** Default: issue date + 30 days. */
    dueDate: isoDateSchema.optional(),
  }),
  handler(tx, input, ctx): Result<IssueMonthResult> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    const issueDate = input.issueDate ?? ctx.today;
    const dueDate = input.dueDate ?? addDays(issueDate, DEFAULT_DUE_DAYS);
    if (dueDate < issueDate) return invalid({ dueDate: "L'échéance ne peut pas précéder la date d'émission." });
    if (input.activityIds) {
      const known = tx.select({ id: activities.id }).from(activities).where(inArray(activities.id, input.activityIds)).all();
      if (known.length !== new Set(input.activityIds).size) return fail('notFound', 'Activité introuvable.');
    }
    const month = loadBillingMonth(tx, input.month, input.activityIds);
    const blocking = month.anomalies.filter((a) => a.blocking);
    if (blocking.length > 0) return fail('noTariff', blocking.map((a) => a.message).join(' '));

    const year = Number(issueDate.slice(0, 4));
    const invoiceSeries = readSeries(tx, seriesIds.invoice(year), 'invoice', year);
    const creditSeries = readSeries(tx, seriesIds.creditNote(year), 'creditNote', year);
    const billable = month.households.filter((h) => h.lines.length > 0);
    if (billable.some((h) => h.totalCents >= 0) && invoiceSeries.lastDate > issueDate)
      return fail('invalid', `La date d'émission précède celle de la dernière facture de ${year} (${frDate(invoiceSeries.lastDate)}) : les numéros doivent suivre les dates.`);
    if (billable.some((h) => h.totalCents < 0) && creditSeries.lastDate > issueDate)
      return fail('invalid', `La date d'émission précède celle du dernier avoir de ${year} (${frDate(creditSeries.lastDate)}).`);

    const writer = new IssueWriter(tx, ctx, issueDate);
    const payers = payersOf(tx);
    const credit = creditSources(tx);
    const result: IssueMonthResult = {
      month: input.month,
      issueDate,
      dueDate,
      invoices: [],
      creditNotes: [],
      totalCents: 0,
      billedBookings: 0,
      warnings: month.households.reduce((n, h) => n + h.anomalies.length, 0),
      skipped: [],
    };
    for (const household of billable) {
      const payer = payers.get(household.householdId) ?? { name: household.householdName, address: [] };
      if (household.totalCents < 0) {
        const original = invoiceToCredit(tx, household.householdId, input.month, -household.totalCents);
        if (!original) {
          // The month's invoices were already credited (a manual credit note): no credit note may exceed what is
          // left of its invoice. The lines stay pending and are shown again by the draft.
          result.skipped.push({
            householdId: household.householdId,
            householdName: household.householdName,
            message: `Remboursement de ${formatEuros(-household.totalCents)} supérieur à ce qui reste à créditer sur les factures de ${monthLabel(input.month)} : vérifiez les avoirs déjà faits.`,
          });
          continue;
        }
        const note = writer.creditNoteFromLines(creditSeries, household, payer, original, `Régularisation de ${monthLabel(input.month)}`);
        result.creditNotes.push(note);
      } else {
        const invoice = writer.invoice(invoiceSeries, household, payer, input.month, dueDate, credit.get(household.householdId) ?? []);
        result.invoices.push(invoice);
        result.totalCents += invoice.totalCents;
      }
      result.billedBookings += household.lines.reduce((n, l) => n + l.bookings.length, 0);
    }
    writer.flush();
    if (result.invoices.length > 0) writeSeries(tx, ctx, invoiceSeries);
    if (result.creditNotes.length > 0) writeSeries(tx, ctx, creditSeries);
    // One audit row per invoice, in the household's trail; written in bulk (thousands per run), with ids of
    // their own (`${commandId}:invoice:${n}`) next to those audit() numbers.
    insertMany(
      tx,
      auditLog,
      result.invoices.map((i, n) => ({
        id: `${ctx.commandId}:invoice:${n + 1}`,
        at: ctx.now,
        actorKind: ctx.actor.kind,
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        deskId: ctx.deskId,
        command: 'invoice.issueMonth',
        householdId: i.householdId,
        entity: 'invoice',
        entityId: i.invoiceId,
        changes: JSON.stringify({ number: i.number, month: input.month, totalCents: i.totalCents, creditAppliedCents: i.creditAppliedCents }),
        reason: '',
      })),
    );
    for (const c of result.creditNotes)
      audit(tx, ctx, 'invoice.issueMonth', {
        entity: 'creditNote',
        entityId: c.creditNoteId,
        householdId: c.householdId,
        changes: { number: c.number, invoiceId: c.invoiceId, totalCents: c.totalCents },
      });
    return ok(result);
  },
});

/**
 * The invoice a month's refund is credited on: the household's latest invoice of that month that still has at
 * least `refundCents` left to credit (total − its credit notes). A refund only follows a booking billed on an
 * invoice of the same month, so there is one unless credit notes were already made by hand.
 */
function invoiceToCredit(tx: Tx, householdId: string, month: string, refundCents: Cents) {
  return tx
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.householdId, householdId),
        eq(invoices.month, month),
        sql`invoices.total_cents - coalesce((SELECT sum(c.total_cents) FROM credit_notes c WHERE c.invoice_id = invoices.id), 0) >= ${refundCents}`,
      ),
    )
    .orderBy(desc(invoices.issueDate), desc(invoices.number))
    .get();
}

type InvoiceRow = typeof invoices.$inferInsert;
type LineRow = typeof invoiceLines.$inferInsert;
type BilledRow = typeof billedBookings.$inferInsert;

/** Collects the rows of a run and writes them with prepared INSERTs at the end (invoices before what refers to them). */
class IssueWriter {
  private invoiceRows: InvoiceRow[] = [];
  private lineRows: LineRow[] = [];
  private billedRows: BilledRow[] = [];
  private readonly allocate: ReturnType<typeof allocationWriter>;
  private count = 0;
  /** Written after the invoices (allocation rows refer to them). */
  private pendingAllocations: Parameters<ReturnType<typeof allocationWriter>>[0][] = [];
  private pendingCreditAllocations: { householdId: string; invoiceId: string; creditNoteId: string; total: Cents }[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly ctx: CommandContext,
    private readonly issueDate: string,
  ) {
    this.allocate = allocationWriter(tx, ctx);
  }

  invoice(
    series: Series,
    household: DraftHousehold,
    payer: Payer,
    month: string,
    dueDate: string,
    credit: CreditSource[],
  ): IssuedInvoice {
    series.last += 1;
    series.lastDate = this.issueDate;
    const number = invoiceNumber(series.year, series.last);
    const invoiceId = `${this.ctx.commandId}:i${++this.count}`;
    this.invoiceRows.push({
      id: invoiceId,
      number,
      householdId: household.householdId,
      month,
      issueDate: this.issueDate,
      dueDate,
      totalCents: household.totalCents,
      cesuEligibleCents: household.cesuEligibleCents,
      householdName: household.householdName,
      payerName: payer.name,
      payerAddress: JSON.stringify(payer.address),
      issuedBy: this.ctx.actor.name,
      createdAt: this.ctx.now,
    });
    household.lines.forEach((line, index) => {
      const lineId = `${invoiceId}:${index + 1}`;
      this.lineRows.push(lineRow(lineId, invoiceId, index + 1, line, household));
      for (const b of line.bookings) this.billedRows.push(billedRow(b, household.householdId, { invoiceLineId: lineId }));
    });
    // The household's credit (overpayments, credit notes not used yet) pays this invoice first.
    let applied = 0;
    for (const drawn of drawCredit(credit, household.totalCents)) {
      const source = credit.find((s) => s.kind === drawn.kind && s.id === drawn.id)!;
      source.availableCents -= drawn.amountCents;
      applied += drawn.amountCents;
      this.pendingAllocations.push({
        householdId: household.householdId,
        invoiceId,
        ...(drawn.kind === 'payment' ? { paymentId: drawn.id } : { creditNoteId: drawn.id }),
        amountCents: drawn.amountCents,
        on: this.issueDate,
      });
    }
    return {
      invoiceId,
      number,
      householdId: household.householdId,
      householdName: household.householdName,
      totalCents: household.totalCents,
      creditAppliedCents: applied,
    };
  }

  /** A net refund: the lines, signs reversed, on a credit note of the household's last invoice of the month. */
  creditNoteFromLines(
    series: Series,
    household: DraftHousehold,
    payer: Payer,
    original: typeof invoices.$inferSelect,
    reason: string,
  ): IssuedCreditNote {
    series.last += 1;
    series.lastDate = this.issueDate;
    const number = creditNoteNumber(series.year, series.last);
    const creditNoteId = `${this.ctx.commandId}:c${++this.count}`;
    const total = -household.totalCents;
    this.tx
      .insert(creditNotes)
      .values({
        id: creditNoteId,
        number,
        invoiceId: original.id,
        householdId: household.householdId,
        issueDate: this.issueDate,
        totalCents: total,
        cesuEligibleCents: -household.cesuEligibleCents,
        reason,
        householdName: household.householdName,
        payerName: payer.name,
        payerAddress: JSON.stringify(payer.address),
        issuedBy: this.ctx.actor.name,
        createdAt: this.ctx.now,
      })
      .run();
    household.lines.forEach((line, index) => {
      const lineId = `${creditNoteId}:${index + 1}`;
      const child = household.children.find((c) => c.childId === line.childId);
      this.tx
        .insert(creditNoteLines)
        .values({
          id: lineId,
          creditNoteId,
          position: index + 1,
          invoiceLineId: null,
          childName: child ? `${child.firstName} ${child.lastName}` : '',
          activityName: child?.activities.find((a) => a.activityId === line.activityId)?.activityName ?? '',
          label: line.label,
          detail: line.detail,
          quantity: line.quantity,
          unitPriceCents: -line.unitPriceCents,
          amountCents: -line.amountCents,
          cesuEligible: line.cesuEligible,
        })
        .run();
      for (const b of line.bookings) this.billedRows.push(billedRow(b, household.householdId, { creditNoteLineId: lineId }));
    });
    this.pendingCreditAllocations.push({ householdId: household.householdId, invoiceId: original.id, creditNoteId, total });
    return { creditNoteId, number, householdId: household.householdId, invoiceId: original.id, totalCents: total };
  }

  flush(): void {
    insertMany(this.tx, invoices, this.invoiceRows);
    insertMany(this.tx, invoiceLines, this.lineRows);
    // In key order: both indexes (and the foreign-key lookups into bookings) are then walked sequentially
    // instead of at random, several times faster for a month of bookings.
    insertMany(
      this.tx,
      billedBookings,
      this.billedRows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
    for (const a of this.pendingAllocations) this.allocate(a);
    for (const c of this.pendingCreditAllocations) {
      const amount = Math.min(c.total, invoiceOpenCents(this.tx, c.invoiceId));
      this.allocate({ householdId: c.householdId, invoiceId: c.invoiceId, creditNoteId: c.creditNoteId, amountCents: amount, on: this.issueDate });
    }
  }
}

function lineRow(lineId: string, invoiceId: string, position: number, line: DraftLine, household: DraftHousehold): LineRow {
  const child = household.children.find((c) => c.childId === line.childId);
  return {
    id: lineId,
    invoiceId,
    position,
    childId: line.childId,
    childName: child ? `${child.firstName} ${child.lastName}` : '',
    activityId: line.activityId,
    activityName: child?.activities.find((a) => a.activityId === line.activityId)?.activityName ?? '',
    unitId: line.unitId,
    kind: line.kind,
    label: line.label,
    detail: line.detail,
    tariffId: line.tariffId,
    bracketLabel: line.bracketLabel,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    amountCents: line.amountCents,
    cesuEligible: line.cesuEligible,
  };
}

function billedRow(
  b: DraftLine['bookings'][number],
  householdId: string,
  target: { invoiceLineId: string } | { creditNoteLineId: string },
): BilledRow {
  return {
    id: `${b.bookingId}:${b.kind}`,
    bookingId: b.bookingId,
    kind: b.kind,
    householdId,
    invoiceLineId: 'invoiceLineId' in target ? target.invoiceLineId : null,
    creditNoteLineId: 'creditNoteLineId' in target ? target.creditNoteLineId : null,
    baseCents: b.baseCents,
    amountCents: b.amountCents,
  };
}

// ——— Credit notes ———

export const creditNoteIssue = defineCommand({
  name: 'creditNote.issue',
  kind: 'request',
  authorityOnly: true,
  newIds: ['creditNoteId'],
  input: z
    .object({
      creditNoteId: id,
      invoiceId: id,
      /** Credit parts of invoice lines (quantity × the line's unit price)… */
      lines: z
        .array(z.object({ invoiceLineId: id, quantity: z.number().int().min(1, { error: 'Au moins 1.' }) }))
        .max(200)
        .optional(),
      /** …or a free amount. */
      amountCents: z.number().int().min(1, { error: 'Un montant positif.' }).max(10_000_000).optional(),
      reason: required(300),
      issueDate: isoDateSchema.optional(),
    })
    .refine((c) => (c.lines?.length ? 1 : 0) + (c.amountCents !== undefined ? 1 : 0) === 1, {
      path: ['amountCents'],
      error: 'Indiquez soit des lignes de la facture, soit un montant.',
    }),
  handler(tx, input, ctx): Result<IssuedCreditNote> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    if (tx.select({ id: creditNotes.id }).from(creditNotes).where(eq(creditNotes.id, input.creditNoteId)).get())
      return fail('conflict', 'Cet avoir existe déjà.');
    const invoice = tx.select().from(invoices).where(eq(invoices.id, input.invoiceId)).get();
    if (!invoice) return fail('notFound', 'Facture introuvable.');
    const issueDate = input.issueDate ?? ctx.today;
    if (issueDate < invoice.issueDate) return invalid({ issueDate: "Un avoir ne peut pas précéder la facture qu'il corrige." });
    const credited = tx
      .select({ total: sql<number>`coalesce(sum(${creditNotes.totalCents}), 0)` })
      .from(creditNotes)
      .where(eq(creditNotes.invoiceId, invoice.id))
      .get()!.total;
    const creditable = invoice.totalCents - credited;

    type NoteLine = Omit<typeof creditNoteLines.$inferInsert, 'id' | 'creditNoteId' | 'position'>;
    const noteLines: NoteLine[] = [];
    if (input.lines) {
      const lines = tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).all();
      const creditedQuantities = new Map(
        tx
          .select({ lineId: creditNoteLines.invoiceLineId, quantity: sql<number>`sum(${creditNoteLines.quantity})` })
          .from(creditNoteLines)
          .innerJoin(creditNotes, eq(creditNotes.id, creditNoteLines.creditNoteId))
          .where(eq(creditNotes.invoiceId, invoice.id))
          .groupBy(creditNoteLines.invoiceLineId)
          .all()
          .map((r) => [r.lineId, r.quantity] as const),
      );
      const fieldErrors: Record<string, string> = {};
      input.lines.forEach((request, i) => {
        const line = lines.find((l) => l.id === request.invoiceLineId);
        if (!line) {
          fieldErrors[`lines.${i}.invoiceLineId`] = "Cette ligne n'appartient pas à la facture.";
          return;
        }
        const left = line.quantity - (creditedQuantities.get(line.id) ?? 0) - countRequested(input.lines!, i, line.id);
        if (line.amountCents <= 0) fieldErrors[`lines.${i}.invoiceLineId`] = 'Une ligne de régularisation ne se crédite pas.';
        else if (request.quantity > left) fieldErrors[`lines.${i}.quantity`] = `${left} au plus (déjà crédité : ${line.quantity - left}).`;
        else
          noteLines.push({
            invoiceLineId: line.id,
            childName: line.childName,
            activityName: line.activityName,
            label: line.label,
            detail: line.detail,
            quantity: request.quantity,
            unitPriceCents: line.unitPriceCents,
            amountCents: times(line.unitPriceCents, request.quantity),
            cesuEligible: line.cesuEligible,
          });
      });
      if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
    } else {
      noteLines.push({
        invoiceLineId: null,
        childName: '',
        activityName: '',
        label: input.reason,
        detail: '',
        quantity: 1,
        unitPriceCents: input.amountCents!,
        amountCents: input.amountCents!,
        cesuEligible: false,
      });
    }
    const total = sumCents(noteLines.map((l) => l.amountCents));
    if (total > creditable)
      return fail('invalid', `L'avoir (${formatEuros(total)}) dépasse ce qui reste à créditer sur la facture ${invoice.number} (${formatEuros(creditable)}).`);

    const year = Number(issueDate.slice(0, 4));
    const series = readSeries(tx, seriesIds.creditNote(year), 'creditNote', year);
    if (series.lastDate > issueDate)
      return fail('invalid', `La date d'émission précède celle du dernier avoir de ${year} (${frDate(series.lastDate)}).`);
    series.last += 1;
    series.lastDate = issueDate;
    const number = creditNoteNumber(year, series.last);
    const household = tx.select({ name: households.name }).from(households).where(eq(households.id, invoice.householdId)).get();
    tx.insert(creditNotes)
      .values({
        id: input.creditNoteId,
        number,
        invoiceId: invoice.id,
        householdId: invoice.householdId,
        issueDate,
        totalCents: total,
        cesuEligibleCents: sumCents(noteLines.filter((l) => l.cesuEligible).map((l) => l.amountCents)),
        reason: input.reason,
        householdName: household?.name ?? invoice.householdName,
        payerName: invoice.payerName,
        payerAddress: invoice.payerAddress,
        issuedBy: ctx.actor.name,
        createdAt: ctx.now,
      })
      .run();
    noteLines.forEach((line, index) =>
      tx
        .insert(creditNoteLines)
        .values({ id: `${input.creditNoteId}:${index + 1}`, creditNoteId: input.creditNoteId, position: index + 1, ...line })
        .run(),
    );
    writeSeries(tx, ctx, series);
    // The credit pays what the invoice still owes; the rest (the invoice was already paid) is household credit.
    allocationWriter(tx, ctx)({
      householdId: invoice.householdId,
      invoiceId: invoice.id,
      creditNoteId: input.creditNoteId,
      amountCents: Math.min(total, invoiceOpenCents(tx, invoice.id)),
      on: issueDate,
    });
    audit(tx, ctx, 'creditNote.issue', {
      entity: 'creditNote',
      entityId: input.creditNoteId,
      householdId: invoice.householdId,
      changes: { number, invoice: invoice.number, totalCents: total },
      reason: input.reason,
    });
    return ok({ creditNoteId: input.creditNoteId, number, householdId: invoice.householdId, invoiceId: invoice.id, totalCents: total });
  },
});

function countRequested(lines: readonly { invoiceLineId: string; quantity: number }[], before: number, lineId: string): number {
  return lines.slice(0, before).reduce((n, l) => (l.invoiceLineId === lineId ? n + l.quantity : n), 0);
}

// ——— Household credit ———

/** Applies the household's credit (overpayments, unused credit notes) to its open invoices, oldest first. */
export const creditApply = defineCommand({
  name: 'credit.apply',
  kind: 'fact',
  input: z.object({ householdId: id, note: optionalText(200) }),
  handler(tx, input, ctx): Result<{ appliedCents: Cents; allocations: { invoiceId: string; number: string; amountCents: Cents }[] }> {
    const forbidden = staffOnly(ctx);
    if (forbidden) return forbidden;
    if (!tx.select({ id: households.id }).from(households).where(eq(households.id, input.householdId)).get())
      return fail('notFound', 'Foyer introuvable.');
    const sources = creditSources(tx, [input.householdId]).get(input.householdId) ?? [];
    const open = openInvoices(tx, input.householdId);
    const write = allocationWriter(tx, ctx);
    const done: { invoiceId: string; number: string; amountCents: Cents }[] = [];
    for (const invoice of allocateOldestFirst(Number.MAX_SAFE_INTEGER, open).allocations) {
      const number = open.find((o) => o.invoiceId === invoice.invoiceId)!.number;
      for (const drawn of drawCredit(sources, invoice.amountCents)) {
        const source = sources.find((s) => s.kind === drawn.kind && s.id === drawn.id)!;
        source.availableCents -= drawn.amountCents;
        write({
          householdId: input.householdId,
          invoiceId: invoice.invoiceId,
          ...(drawn.kind === 'payment' ? { paymentId: drawn.id } : { creditNoteId: drawn.id }),
          amountCents: drawn.amountCents,
          on: ctx.today,
        });
        done.push({ invoiceId: invoice.invoiceId, number, amountCents: drawn.amountCents });
      }
    }
    const appliedCents = sumCents(done.map((d) => d.amountCents));
    if (appliedCents > 0)
      audit(tx, ctx, 'credit.apply', { entity: 'household', entityId: input.householdId, householdId: input.householdId, changes: { appliedCents, allocations: done }, reason: input.note });
    return ok({ appliedCents, allocations: done });
  },
});

export const billingCommands = [invoiceIssueMonth, creditNoteIssue, creditApply] as const;
