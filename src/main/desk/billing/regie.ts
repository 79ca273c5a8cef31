// The régie's books: the journal (every payment received and every reversal over a period, by mode, with
// totals) and the cheque deposit slip (bordereau de remise de chèques). Both exist as data for screens and as
// CSV for the Trésor public / a spreadsheet: French headers, `;` separator, comma decimals, UTF-8 with BOM,
// CRLF line ends (what a French Excel opens without an import dialog).
import { and, asc, between, eq, notExists, sql } from 'drizzle-orm';
import { paymentModeLabels, type PaymentMode } from '../../../shared/commands/payments';
import type { Db } from '../../../shared/commands/types';
import { households, paymentModes, paymentReversals, payments } from '../../../shared/db/schema';
import { formatCsvAmount, sumCents, type Cents } from '../../../shared/domain/money';

export interface JournalEntry {
  kind: 'payment' | 'reversal';
  date: string;
  paymentId: string;
  receiptNumber: string;
  householdId: string;
  householdName: string;
  payerName: string;
  mode: PaymentMode;
  modeLabel: string;
  chequeBank: string;
  chequeNumber: string;
  /** Negative for a reversal. */
  amountCents: Cents;
  /** Payment: the note; reversal: its reason. */
  note: string;
  deskId: string;
  by: string;
}

export interface RegieJournal {
  from: string;
  to: string;
  /** Chronological (date, then receipt number; a reversal after the payments of its day). */
  entries: JournalEntry[];
  /** Every mode the régie knows, in a fixed order; modes with no movement have zeros. */
  byMode: { mode: PaymentMode; label: string; count: number; receivedCents: Cents; reversedCents: Cents; netCents: Cents }[];
  totals: { count: number; receivedCents: Cents; reversedCents: Cents; netCents: Cents };
}

export function regieJournal(db: Db, from: string, to: string): RegieJournal {
  const received = db
    .select({ p: payments, householdName: households.name })
    .from(payments)
    .innerJoin(households, eq(households.id, payments.householdId))
    .where(between(payments.receivedOn, from, to))
    .all();
  const reversed = db
    .select({ r: paymentReversals, p: payments, householdName: households.name })
    .from(paymentReversals)
    .innerJoin(payments, eq(payments.id, paymentReversals.paymentId))
    .innerJoin(households, eq(households.id, payments.householdId))
    .where(between(paymentReversals.reversedOn, from, to))
    .all();
  const base = (p: typeof payments.$inferSelect, householdName: string) => ({
    paymentId: p.id,
    receiptNumber: p.receiptNumber,
    householdId: p.householdId,
    householdName,
    payerName: p.payerName,
    mode: p.mode,
    modeLabel: paymentModeLabels[p.mode],
    chequeBank: p.chequeBank,
    chequeNumber: p.chequeNumber,
  });
  const entries: JournalEntry[] = [
    ...received.map(({ p, householdName }) => ({
      kind: 'payment' as const,
      date: p.receivedOn,
      ...base(p, householdName),
      amountCents: p.amountCents,
      note: p.note,
      deskId: p.deskId,
      by: p.recordedBy,
    })),
    ...reversed.map(({ r, p, householdName }) => ({
      kind: 'reversal' as const,
      date: r.reversedOn,
      ...base(p, householdName),
      amountCents: -p.amountCents,
      note: r.reason,
      deskId: r.deskId,
      by: r.reversedBy,
    })),
  ];
  entries.sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? -1
        : 1
      : a.kind !== b.kind
        ? a.kind === 'payment'
          ? -1
          : 1
        : a.receiptNumber < b.receiptNumber
          ? -1
          : a.receiptNumber > b.receiptNumber
            ? 1
            : 0,
  );
  const byMode = paymentModes.map((mode) => {
    const ofMode = entries.filter((e) => e.mode === mode);
    const receivedCents = sumCents(ofMode.filter((e) => e.kind === 'payment').map((e) => e.amountCents));
    const reversedCents = -sumCents(ofMode.filter((e) => e.kind === 'reversal').map((e) => e.amountCents));
    return {
      mode,
      label: paymentModeLabels[mode],
      count: ofMode.filter((e) => e.kind === 'payment').length,
      receivedCents,
      reversedCents,
      netCents: receivedCents - reversedCents,
    };
  });
  const receivedCents = sumCents(byMode.map((m) => m.receivedCents));
  const reversedCents = sumCents(byMode.map((m) => m.reversedCents));
  return {
    from,
    to,
    entries,
    byMode,
    totals: { count: received.length, receivedCents, reversedCents, netCents: receivedCents - reversedCents },
  };
}

export interface ChequeSlip {
  from: string;
  to: string;
  /** Cheques received in the period and not reversed, by date and receipt number. */
  cheques: {
    paymentId: string;
    receiptNumber: string;
    receivedOn: string;
    chequeBank: string;
    chequeNumber: string;
    /** Who signed the cheque: the payer typed at the desk, else the household. */
    drawer: string;
    householdName: string;
    amountCents: Cents;
  }[];
  count: number;
  totalCents: Cents;
}

/** Bordereau de remise de chèques: the cheques to deposit for a period (reversed ones are left out). */
export function chequeSlip(db: Db, from: string, to: string): ChequeSlip {
  const rows = db
    .select({ p: payments, householdName: households.name })
    .from(payments)
    .innerJoin(households, eq(households.id, payments.householdId))
    .where(
      and(
        eq(payments.mode, 'cheque'),
        between(payments.receivedOn, from, to),
        notExists(db.select({ one: sql`1` }).from(paymentReversals).where(eq(paymentReversals.paymentId, payments.id))),
      ),
    )
    .orderBy(asc(payments.receivedOn), asc(payments.receiptNumber))
    .all();
  const cheques = rows.map(({ p, householdName }) => ({
    paymentId: p.id,
    receiptNumber: p.receiptNumber,
    receivedOn: p.receivedOn,
    chequeBank: p.chequeBank,
    chequeNumber: p.chequeNumber,
    drawer: p.payerName || householdName,
    householdName,
    amountCents: p.amountCents,
  }));
  return { from, to, cheques, count: cheques.length, totalCents: sumCents(cheques.map((c) => c.amountCents)) };
}

// ——— CSV ———

const BOM = '\ufeff';
const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** One CSV field: quoted when it holds the separator, a quote or a line break (quotes doubled). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}

export function regieJournalCsv(db: Db, from: string, to: string): string {
  const journal = regieJournal(db, from, to);
  return toCsv(
    ['Date', 'Opération', 'N° de reçu', 'Foyer', 'Payeur', 'Mode', 'Banque', 'N° de chèque', 'Montant (€)', 'Motif / note', 'Poste', 'Agent'],
    [
      ...journal.entries.map((e) => [
        frDate(e.date),
        e.kind === 'payment' ? 'Encaissement' : 'Annulation',
        e.receiptNumber,
        e.householdName,
        e.payerName,
        e.modeLabel,
        e.chequeBank,
        e.chequeNumber,
        formatCsvAmount(e.amountCents),
        e.note,
        e.deskId,
        e.by,
      ]),
      [],
      ...journal.byMode
        .filter((m) => m.count > 0 || m.reversedCents > 0)
        .map((m) => ['', `Total ${m.label}`, '', '', '', m.label, '', '', formatCsvAmount(m.netCents), `${m.count} encaissement(s)`, '', '']),
      ['', 'Total général', '', '', '', '', '', '', formatCsvAmount(journal.totals.netCents), `${journal.totals.count} encaissement(s)`, '', ''],
    ],
  );
}

export function chequeSlipCsv(db: Db, from: string, to: string): string {
  const slip = chequeSlip(db, from, to);
  return toCsv(
    ['Date de réception', 'N° de reçu', 'Tireur', 'Foyer', 'Banque', 'N° de chèque', 'Montant (€)'],
    [
      ...slip.cheques.map((c) => [frDate(c.receivedOn), c.receiptNumber, c.drawer, c.householdName, c.chequeBank, c.chequeNumber, formatCsvAmount(c.amountCents)]),
      [],
      ['', '', `${slip.count} chèque(s)`, '', '', 'Total', formatCsvAmount(slip.totalCents)],
    ],
  );
}
