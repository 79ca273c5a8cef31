// Reads of billing for the desk screens: tariffs, the month's draft, invoices, credit notes, payments and a
// household's account (every movement in order with its running balance). Plain data; never writes.
// Amounts are integer cents; a balance is what the household owes (negative: the household has credit).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { loadBillingMonth } from '../../../shared/commands/billingDraft';
import { creditSources, openInvoices } from '../../../shared/commands/billingLedger';
import { penaltiesFromRow, tariffFromRow } from '../../../shared/commands/billingRows';
import { REGIE_SETTINGS_ID } from '../../../shared/commands/billingSettings';
import { monthLabel } from '../../../shared/commands/billing';
import { paymentModeLabels, type PaymentMode } from '../../../shared/commands/payments';
import type { Db } from '../../../shared/commands/types';
import {
  activities,
  activityPenalties,
  activityUnits,
  allocations,
  creditNoteLines,
  creditNotes,
  households,
  invoiceLines,
  invoices,
  paymentModes,
  paymentReversals,
  payments,
  regieSettings,
  tariffs,
} from '../../../shared/db/schema';
import type { Anomaly, DraftLine } from '../../../shared/domain/invoiceLines';
import { sumCents, type Cents } from '../../../shared/domain/money';
import { defaultPenalties, type ActivityPenalties, type Tariff } from '../../../shared/domain/tariffs';

// ——— Tariffs ———

export interface TariffView extends Tariff {
  activityName: string;
  /** Null for the activity-wide tariff. */
  unitName: string | null;
}

export interface TariffsView {
  tariffs: TariffView[];
  /** Per activity (every activity, defaults when none were set). */
  penalties: { activityId: string; activityName: string; penalties: ActivityPenalties; isDefault: boolean }[];
}

export function listTariffs(db: Db, activityId?: string): TariffsView {
  const activityRows = db
    .select({ id: activities.id, name: activities.name })
    .from(activities)
    .where(activityId ? eq(activities.id, activityId) : undefined)
    .orderBy(asc(activities.position), asc(activities.name))
    .all();
  const unitNames = new Map(db.select({ id: activityUnits.id, name: activityUnits.name }).from(activityUnits).all().map((u) => [u.id, u.name]));
  const names = new Map(activityRows.map((a) => [a.id, a.name]));
  const rows = db
    .select()
    .from(tariffs)
    .where(activityId ? eq(tariffs.activityId, activityId) : undefined)
    .orderBy(asc(tariffs.activityId), asc(tariffs.validFrom), asc(tariffs.id))
    .all();
  const penaltyRows = new Map(db.select().from(activityPenalties).all().map((p) => [p.activityId, p]));
  return {
    tariffs: rows.map((r) => ({
      ...tariffFromRow(r),
      activityName: names.get(r.activityId) ?? '',
      unitName: r.unitId ? (unitNames.get(r.unitId) ?? '') : null,
    })),
    penalties: activityRows.map((a) => {
      const row = penaltyRows.get(a.id);
      return { activityId: a.id, activityName: a.name, penalties: row ? penaltiesFromRow(row) : defaultPenalties, isDefault: !row };
    }),
  };
}

// ——— Draft of a month ———

/** A draft line as screens show it: the billed bookings' ids stay internal, the dates are kept. */
export type DraftLineView = Omit<DraftLine, 'bookings'>;

export interface DraftHouseholdView {
  householdId: string;
  householdName: string;
  children: {
    childId: string;
    firstName: string;
    lastName: string;
    totalCents: Cents;
    activities: { activityId: string; activityName: string; totalCents: Cents; lines: DraftLineView[] }[];
  }[];
  totalCents: Cents;
  cesuEligibleCents: Cents;
  anomalies: Anomaly[];
  /** What `invoice.issueMonth` will do for this household. */
  outcome: 'invoice' | 'creditNote' | 'nothing';
}

export interface BillingDraftView {
  month: string;
  monthLabel: string;
  households: DraftHouseholdView[];
  /** Commune-wide anomalies; a blocking one (a unit with no tariff) stops `invoice.issueMonth`. */
  anomalies: Anomaly[];
  canIssue: boolean;
  totals: { households: number; invoices: number; creditNotes: number; lines: number; bookings: number; totalCents: Cents };
}

const stripLine = ({ bookings: _bookings, ...line }: DraftLine): DraftLineView => line;

export function billingDraft(db: Db, month: string, activityIds?: readonly string[], householdId?: string): BillingDraftView {
  const draft = loadBillingMonth(db, month, activityIds);
  const households = draft.households
    .filter((h) => !householdId || h.householdId === householdId)
    .map(
      (h): DraftHouseholdView => ({
        householdId: h.householdId,
        householdName: h.householdName,
        children: h.children.map((c) => ({ ...c, activities: c.activities.map((a) => ({ ...a, lines: a.lines.map(stripLine) })) })),
        totalCents: h.totalCents,
        cesuEligibleCents: h.cesuEligibleCents,
        anomalies: h.anomalies,
        outcome: h.lines.length === 0 ? 'nothing' : h.totalCents < 0 ? 'creditNote' : 'invoice',
      }),
    );
  return {
    month,
    monthLabel: monthLabel(month),
    households,
    anomalies: draft.anomalies,
    canIssue: !draft.anomalies.some((a) => a.blocking),
    totals: {
      ...draft.totals,
      invoices: draft.households.filter((h) => h.lines.length > 0 && h.totalCents >= 0).length,
      creditNotes: draft.households.filter((h) => h.lines.length > 0 && h.totalCents < 0).length,
    },
  };
}

// ——— Invoices ———

export type InvoiceStatus = 'unpaid' | 'partiallyPaid' | 'paid';

export interface InvoiceSummary {
  invoiceId: string;
  number: string;
  householdId: string;
  householdName: string;
  month: string;
  issueDate: string;
  dueDate: string;
  totalCents: Cents;
  /** Paid by payments (including the household's credit from earlier payments). */
  paidCents: Cents;
  /** Covered by credit notes. */
  creditedCents: Cents;
  /** Still owed. */
  openCents: Cents;
  status: InvoiceStatus;
  /** Still owing after its due date. */
  overdue: boolean;
}

// The outer table is named in plain text: drizzle would render `${invoices.id}` unqualified here.
const paidBy = (column: SQL) =>
  sql<number>`coalesce((SELECT sum(a.amount_cents) FROM allocations a WHERE a.invoice_id = invoices.id AND a.released_at IS NULL AND ${column} IS NOT NULL), 0)`;

function invoiceSummaries(db: Db, where: SQL | undefined, today: string): InvoiceSummary[] {
  return db
    .select({
      invoiceId: invoices.id,
      number: invoices.number,
      householdId: invoices.householdId,
      householdName: invoices.householdName,
      month: invoices.month,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      totalCents: invoices.totalCents,
      paidCents: paidBy(sql`a.payment_id`),
      creditedCents: paidBy(sql`a.credit_note_id`),
    })
    .from(invoices)
    .where(where)
    .orderBy(asc(invoices.issueDate), asc(invoices.number))
    .all()
    .map((r) => {
      const openCents = r.totalCents - r.paidCents - r.creditedCents;
      const status: InvoiceStatus = openCents <= 0 ? 'paid' : openCents === r.totalCents ? 'unpaid' : 'partiallyPaid';
      return { ...r, openCents, status, overdue: openCents > 0 && r.dueDate < today };
    });
}

export function listInvoices(
  db: Db,
  filter: { month?: string; householdId?: string; status?: InvoiceStatus | 'open' },
  today: string,
): InvoiceSummary[] {
  const rows = invoiceSummaries(
    db,
    and(filter.month ? eq(invoices.month, filter.month) : undefined, filter.householdId ? eq(invoices.householdId, filter.householdId) : undefined),
    today,
  );
  if (!filter.status) return rows;
  return rows.filter((r) => (filter.status === 'open' ? r.openCents > 0 : r.status === filter.status));
}

export interface AllocationView {
  allocationId: string;
  source: 'payment' | 'creditNote';
  /** The payment or credit note. */
  sourceId: string;
  /** Receipt number of the payment, or number of the credit note. */
  sourceNumber: string;
  /** Payment mode, for payments. */
  mode: PaymentMode | null;
  amountCents: Cents;
  allocatedOn: string;
  releasedAt: string | null;
  releaseReason: string;
}

function allocationViews(db: Db, where: SQL): AllocationView[] {
  return db
    .select({
      allocationId: allocations.id,
      paymentId: allocations.paymentId,
      creditNoteId: allocations.creditNoteId,
      receiptNumber: payments.receiptNumber,
      mode: payments.mode,
      creditNoteNumber: creditNotes.number,
      amountCents: allocations.amountCents,
      allocatedOn: allocations.allocatedOn,
      releasedAt: allocations.releasedAt,
      releaseReason: allocations.releaseReason,
    })
    .from(allocations)
    .leftJoin(payments, eq(payments.id, allocations.paymentId))
    .leftJoin(creditNotes, eq(creditNotes.id, allocations.creditNoteId))
    .where(where)
    .orderBy(asc(allocations.allocatedOn), asc(allocations.createdAt), asc(allocations.id))
    .all()
    .map((r) => ({
      allocationId: r.allocationId,
      source: r.paymentId ? ('payment' as const) : ('creditNote' as const),
      sourceId: (r.paymentId ?? r.creditNoteId)!,
      sourceNumber: (r.paymentId ? r.receiptNumber : r.creditNoteNumber) ?? '',
      mode: r.paymentId ? r.mode : null,
      amountCents: r.amountCents,
      allocatedOn: r.allocatedOn,
      releasedAt: r.releasedAt,
      releaseReason: r.releaseReason,
    }));
}

export interface InvoiceDetail extends InvoiceSummary {
  cesuEligibleCents: Cents;
  payerName: string;
  payerAddress: string[];
  issuedBy: string;
  lines: (typeof invoiceLines.$inferSelect)[];
  creditNotes: { creditNoteId: string; number: string; issueDate: string; totalCents: Cents; reason: string }[];
  /** Every allocation to this invoice, released ones included (struck through on screen). */
  allocations: AllocationView[];
}

export function getInvoice(db: Db, invoiceId: string, today: string): InvoiceDetail | undefined {
  const summary = invoiceSummaries(db, eq(invoices.id, invoiceId), today)[0];
  if (!summary) return undefined;
  const row = db.select().from(invoices).where(eq(invoices.id, invoiceId)).get()!;
  return {
    ...summary,
    cesuEligibleCents: row.cesuEligibleCents,
    payerName: row.payerName,
    payerAddress: JSON.parse(row.payerAddress) as string[],
    issuedBy: row.issuedBy,
    lines: db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position)).all(),
    creditNotes: db
      .select({ creditNoteId: creditNotes.id, number: creditNotes.number, issueDate: creditNotes.issueDate, totalCents: creditNotes.totalCents, reason: creditNotes.reason })
      .from(creditNotes)
      .where(eq(creditNotes.invoiceId, invoiceId))
      .orderBy(asc(creditNotes.issueDate), asc(creditNotes.number))
      .all(),
    allocations: allocationViews(db, eq(allocations.invoiceId, invoiceId)),
  };
}

export interface CreditNoteDetail {
  creditNoteId: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  householdId: string;
  householdName: string;
  issueDate: string;
  totalCents: Cents;
  cesuEligibleCents: Cents;
  reason: string;
  payerName: string;
  payerAddress: string[];
  lines: (typeof creditNoteLines.$inferSelect)[];
  /** Where the credit went: the invoice it corrects, later invoices (household credit). */
  allocations: (AllocationView & { invoiceId: string; invoiceNumber: string })[];
  /** Not allocated yet: household credit. */
  availableCents: Cents;
}

export function getCreditNote(db: Db, creditNoteId: string): CreditNoteDetail | undefined {
  const note = db.select().from(creditNotes).where(eq(creditNotes.id, creditNoteId)).get();
  if (!note) return undefined;
  const invoice = db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, note.invoiceId)).get();
  const allocationRows = allocationTargets(db, eq(allocations.creditNoteId, creditNoteId));
  return {
    creditNoteId: note.id,
    number: note.number,
    invoiceId: note.invoiceId,
    invoiceNumber: invoice?.number ?? '',
    householdId: note.householdId,
    householdName: note.householdName,
    issueDate: note.issueDate,
    totalCents: note.totalCents,
    cesuEligibleCents: note.cesuEligibleCents,
    reason: note.reason,
    payerName: note.payerName,
    payerAddress: JSON.parse(note.payerAddress) as string[],
    lines: db.select().from(creditNoteLines).where(eq(creditNoteLines.creditNoteId, creditNoteId)).orderBy(asc(creditNoteLines.position)).all(),
    allocations: allocationRows,
    availableCents: note.totalCents - sumCents(allocationRows.filter((a) => !a.releasedAt).map((a) => a.amountCents)),
  };
}

function allocationTargets(db: Db, where: SQL) {
  const views = allocationViews(db, where);
  if (views.length === 0) return [];
  const targets = new Map(
    db
      .select({ id: allocations.id, invoiceId: allocations.invoiceId, invoiceNumber: invoices.number })
      .from(allocations)
      .innerJoin(invoices, eq(invoices.id, allocations.invoiceId))
      .where(inArray(allocations.id, views.map((v) => v.allocationId)))
      .all()
      .map((r) => [r.id, r] as const),
  );
  return views.map((v) => ({ ...v, invoiceId: targets.get(v.allocationId)!.invoiceId, invoiceNumber: targets.get(v.allocationId)!.invoiceNumber }));
}

// ——— Payments ———

export interface PaymentDetail {
  paymentId: string;
  receiptNumber: string;
  householdId: string;
  householdName: string;
  mode: PaymentMode;
  modeLabel: string;
  amountCents: Cents;
  receivedOn: string;
  chequeBank: string;
  chequeNumber: string;
  payerName: string;
  note: string;
  deskId: string;
  recordedBy: string;
  recordedAt: string;
  /** Allocations to invoices, released ones included. */
  allocations: (AllocationView & { invoiceId: string; invoiceNumber: string })[];
  /** Not allocated (household credit); 0 once reversed. */
  creditCents: Cents;
  reversal: { reversalId: string; reason: string; reversedOn: string; reversedBy: string; deskId: string } | null;
}

export function getPayment(db: Db, paymentId: string): PaymentDetail | undefined {
  const p = db.select().from(payments).where(eq(payments.id, paymentId)).get();
  if (!p) return undefined;
  const household = db.select({ name: households.name }).from(households).where(eq(households.id, p.householdId)).get();
  const reversal = db.select().from(paymentReversals).where(eq(paymentReversals.paymentId, paymentId)).get();
  const allocationRows = allocationTargets(db, eq(allocations.paymentId, paymentId));
  const active = sumCents(allocationRows.filter((a) => !a.releasedAt).map((a) => a.amountCents));
  return {
    paymentId: p.id,
    receiptNumber: p.receiptNumber,
    householdId: p.householdId,
    householdName: household?.name ?? '',
    mode: p.mode,
    modeLabel: paymentModeLabels[p.mode],
    amountCents: p.amountCents,
    receivedOn: p.receivedOn,
    chequeBank: p.chequeBank,
    chequeNumber: p.chequeNumber,
    payerName: p.payerName,
    note: p.note,
    deskId: p.deskId,
    recordedBy: p.recordedBy,
    recordedAt: p.createdAt,
    allocations: allocationRows,
    creditCents: reversal ? 0 : p.amountCents - active,
    reversal: reversal
      ? { reversalId: reversal.id, reason: reversal.reason, reversedOn: reversal.reversedOn, reversedBy: reversal.reversedBy, deskId: reversal.deskId }
      : null,
  };
}

// ——— Household account ———

export type AccountEntryKind = 'invoice' | 'creditNote' | 'payment' | 'paymentReversal';

export interface AccountEntry {
  kind: AccountEntryKind;
  /** Invoice, credit note, payment (for a reversal: the reversal row). */
  id: string;
  date: string;
  /** Invoice or credit note number, receipt number. */
  number: string;
  /** French, ready to show. */
  label: string;
  /** What the household owes more (invoice, reversal)… */
  debitCents: Cents;
  /** …or less (credit note, payment). */
  creditCents: Cents;
  /** Balance after this entry: positive, the household owes; negative, it has credit. */
  balanceCents: Cents;
  /** Payments only: reversed later (the reversal is its own entry). */
  reversed?: boolean;
  /** Invoices only: what it still owes today. */
  openCents?: Cents;
}

export interface HouseholdAccount {
  householdId: string;
  householdName: string;
  /** Chronological: by date, then the moment recorded. */
  entries: AccountEntry[];
  /** Invoices − credit notes − payments + reversals. */
  balanceCents: Cents;
  /** Sum still owed on open invoices. */
  openInvoicesCents: Cents;
  /** Household credit not allocated yet (overpayments, credit notes), used by the next invoice. */
  availableCreditCents: Cents;
  openInvoices: { invoiceId: string; number: string; issueDate: string; openCents: Cents }[];
}

const kindOrder: Record<AccountEntryKind, number> = { invoice: 0, creditNote: 1, payment: 2, paymentReversal: 3 };

export function householdAccount(db: Db, householdId: string, today: string): HouseholdAccount | undefined {
  const household = db.select({ name: households.name }).from(households).where(eq(households.id, householdId)).get();
  if (!household) return undefined;
  type Raw = Omit<AccountEntry, 'balanceCents'> & { at: string };
  const raw: Raw[] = [];
  const summaries = invoiceSummaries(db, eq(invoices.householdId, householdId), today);
  const createdAt = new Map(
    db.select({ id: invoices.id, at: invoices.createdAt }).from(invoices).where(eq(invoices.householdId, householdId)).all().map((r) => [r.id, r.at]),
  );
  for (const i of summaries)
    raw.push({
      kind: 'invoice',
      id: i.invoiceId,
      date: i.issueDate,
      at: createdAt.get(i.invoiceId) ?? '',
      number: i.number,
      label: `Facture ${i.number} (${monthLabel(i.month)})`,
      debitCents: i.totalCents,
      creditCents: 0,
      openCents: i.openCents,
    });
  const invoiceNumbers = new Map(summaries.map((i) => [i.invoiceId, i.number]));
  for (const c of db.select().from(creditNotes).where(eq(creditNotes.householdId, householdId)).all())
    raw.push({
      kind: 'creditNote',
      id: c.id,
      date: c.issueDate,
      at: c.createdAt,
      number: c.number,
      label: `Avoir ${c.number} sur la facture ${invoiceNumbers.get(c.invoiceId) ?? ''} : ${c.reason}`,
      debitCents: 0,
      creditCents: c.totalCents,
    });
  const reversals = db.select().from(paymentReversals).where(eq(paymentReversals.householdId, householdId)).all();
  const reversedIds = new Set(reversals.map((r) => r.paymentId));
  const paymentRows = db.select().from(payments).where(eq(payments.householdId, householdId)).all();
  const receipts = new Map(paymentRows.map((p) => [p.id, p]));
  for (const p of paymentRows)
    raw.push({
      kind: 'payment',
      id: p.id,
      date: p.receivedOn,
      at: p.createdAt,
      number: p.receiptNumber,
      label: `Règlement ${paymentModeLabels[p.mode].toLowerCase()}${p.mode === 'cheque' ? ` n° ${p.chequeNumber} (${p.chequeBank})` : ''} — reçu ${p.receiptNumber}`,
      debitCents: 0,
      creditCents: p.amountCents,
      reversed: reversedIds.has(p.id),
    });
  for (const r of reversals) {
    const p = receipts.get(r.paymentId)!;
    raw.push({
      kind: 'paymentReversal',
      id: r.id,
      date: r.reversedOn,
      at: r.createdAt,
      number: p.receiptNumber,
      label: `Annulation du règlement ${p.receiptNumber} : ${r.reason}`,
      debitCents: p.amountCents,
      creditCents: 0,
    });
  }
  raw.sort((a, b) => {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    if (a.at !== b.at) return a.at < b.at ? -1 : 1;
    if (a.kind !== b.kind) return kindOrder[a.kind] - kindOrder[b.kind];
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  let balance = 0;
  const entries = raw.map(({ at: _at, ...e }) => {
    balance += e.debitCents - e.creditCents;
    return { ...e, balanceCents: balance };
  });
  const open = openInvoices(db, householdId);
  const credit = creditSources(db, [householdId]).get(householdId) ?? [];
  return {
    householdId,
    householdName: household.name,
    entries,
    balanceCents: balance,
    openInvoicesCents: sumCents(open.map((o) => o.openCents)),
    availableCreditCents: sumCents(credit.map((c) => c.availableCents)),
    openInvoices: open.map((o) => ({ invoiceId: o.invoiceId, number: o.number, issueDate: o.issueDate, openCents: o.openCents })),
  };
}

// ——— Régie settings ———

export interface RegieSettingsView {
  communeName: string;
  /** 14 digits, or '' when not given. */
  siret: string;
  /** PNG or JPEG data URL, or '' (documents then print the logo of resources/, if any). */
  logo: string;
  regieName: string;
  regieNumber: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  portalUrl: string;
  officeHours: string;
  payableTo: string;
  acceptedModes: { mode: PaymentMode; label: string }[];
  /** False until an admin saved them (documents then print placeholders). */
  saved: boolean;
}

export function getRegieSettings(db: Db): RegieSettingsView {
  const row = db.select().from(regieSettings).where(eq(regieSettings.id, REGIE_SETTINGS_ID)).get();
  const modes = row ? (JSON.parse(row.acceptedModes) as PaymentMode[]) : [...paymentModes];
  return {
    communeName: row?.communeName ?? 'Commune',
    siret: row?.siret ?? '',
    logo: row?.logo ?? '',
    regieName: row?.regieName ?? 'Régie des services périscolaires',
    regieNumber: row?.regieNumber ?? '',
    addressLine1: row?.addressLine1 ?? '',
    addressLine2: row?.addressLine2 ?? '',
    postalCode: row?.postalCode ?? '',
    city: row?.city ?? '',
    phone: row?.phone ?? '',
    email: row?.email ?? '',
    portalUrl: row?.portalUrl ?? '',
    officeHours: row?.officeHours ?? '',
    payableTo: row?.payableTo ?? 'Trésor public',
    acceptedModes: modes.map((mode) => ({ mode, label: paymentModeLabels[mode] })),
    saved: !!row,
  };
}
