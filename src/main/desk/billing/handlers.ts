// Desk handlers of billing (la régie), spread into the handler table of api.ts: tariffs, the month's draft,
// invoices, credit notes, payments, household accounts, the régie journal, the cheque slip, CSV exports and
// PDFs. Reads only: writes are the commands (tariff.save, invoice.issueMonth, payment.record…).
import { z } from 'zod';
import { isoDateSchema, instantToParisDate } from '../../../shared/domain/dates';
import type { Caller } from '../api';
import type { DeskCore } from '../core';
import { invoicePdfFile, receiptPdfFile } from './documents';
import {
  billingDraft,
  getCreditNote,
  getInvoice,
  getPayment,
  getRegieSettings,
  householdAccount,
  listInvoices,
  listTariffs,
} from './queries';
import { chequeSlip, chequeSlipCsv, regieJournal, regieJournalCsv } from './regie';

// `run` is typed from `input` here; towards api.ts it takes `any` (its arguments are parsed by `input` there),
// so the handler table accepts it whatever the argument shape. The renderer's types come from `input`.
const def = <I extends z.ZodType, R>(
  input: I,
  run: (args: z.output<I>, caller: Caller) => R,
): { input: I; run: (args: any, caller: Caller) => R } => ({ input, run });
const id = z.string().min(1).max(64);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const period = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((p) => p.to >= p.from, { path: ['to'], error: 'La fin suit le début.' });

export function billingHandlers(core: DeskCore) {
  const today = () => instantToParisDate(core.clock().toISOString());
  const db = () => core.store.db;
  return {
    /** Tariffs (brackets, reductions, validity) and each activity's penalties. */
    'tariffs.list': def(z.object({ activityId: id.optional() }), (a) => listTariffs(db(), a.activityId)),
    /** The régie's identity printed on documents, and the payment modes it accepts. */
    'regie.settings': def(z.object({}), () => getRegieSettings(db())),
    /** What `invoice.issueMonth` would bill: per household, lines by child and activity, totals, anomalies. */
    'billing.draft': def(
      z.object({ month, activityIds: z.array(id).max(50).optional(), householdId: id.optional() }),
      (a) => billingDraft(db(), a.month, a.activityIds, a.householdId),
    ),
    /** Invoices with what was paid, credited and is still owed; `status: 'open'` = still owing. */
    'billing.invoices': def(
      z.object({
        month: month.optional(),
        householdId: id.optional(),
        status: z.enum(['unpaid', 'partiallyPaid', 'paid', 'open']).optional(),
      }),
      (a) => listInvoices(db(), a, today()),
    ),
    'billing.invoice': def(z.object({ invoiceId: id }), (a) => getInvoice(db(), a.invoiceId, today()) ?? null),
    'billing.creditNote': def(z.object({ creditNoteId: id }), (a) => getCreditNote(db(), a.creditNoteId) ?? null),
    'billing.payment': def(z.object({ paymentId: id }), (a) => getPayment(db(), a.paymentId) ?? null),
    /** Every invoice, credit note, payment and reversal of a household in order, with the running balance. */
    'billing.account': def(z.object({ householdId: id }), (a) => householdAccount(db(), a.householdId, today()) ?? null),
    /** Journal de la régie: payments and reversals of a period, by mode, with totals. */
    'regie.journal': def(period, (a) => regieJournal(db(), a.from, a.to)),
    'regie.journalCsv': def(period, (a) => ({ fileName: `journal-regie_${a.from}_${a.to}.csv`, csv: regieJournalCsv(db(), a.from, a.to) })),
    /** Bordereau de remise de chèques: the cheques of a period (not reversed), with their total. */
    'regie.chequeSlip': def(period, (a) => chequeSlip(db(), a.from, a.to)),
    'regie.chequeSlipCsv': def(period, (a) => ({ fileName: `bordereau-cheques_${a.from}_${a.to}.csv`, csv: chequeSlipCsv(db(), a.from, a.to) })),
    /** The invoice as a PDF (base64), null when unknown. */
    'billing.invoicePdf': def(z.object({ invoiceId: id }), (a) => invoicePdfFile(db(), a.invoiceId, today())),
    /** The receipt of a payment as a PDF (base64), null when unknown. */
    'billing.receiptPdf': def(z.object({ paymentId: id }), (a) => receiptPdfFile(db(), a.paymentId)),
  };
}
