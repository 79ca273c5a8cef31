// Billing on a real SQLite desk core, through the real commands and queries: issuing a month (twice), numbers
// without gap, regularisations and credit notes, payments (overpayment → credit used by the next invoice,
// reversal), the régie journal, the cheque slip, CSV exports and PDFs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { book, openWorld, setUpCommune, type BillingWorld, type Commune } from './billingFixture';

let w: BillingWorld;
let c: Commune;
const novemberDays = ['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06'];

beforeEach(async () => {
  w = openWorld('2026-10-20T08:00:00Z');
  c = await setUpCommune(w);
});
afterEach(() => w.close());

const sql = <T = any>(query: string, ...params: unknown[]) => w.core.store.sqlite.prepare(query).all(...params) as T[];

/** Balance identity, allocation caps and numbering, checked straight in SQL after every scenario. */
function checkBooks() {
  const overAllocatedInvoices = sql(`
    SELECT i.number FROM invoices i
    WHERE i.total_cents < (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL)`);
  expect(overAllocatedInvoices).toEqual([]);
  const overAllocatedPayments = sql(`
    SELECT p.receipt_number FROM payments p
    WHERE p.amount_cents < (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.payment_id = p.id AND a.released_at IS NULL)`);
  expect(overAllocatedPayments).toEqual([]);
  const reversedStillAllocated = sql(`
    SELECT a.id FROM allocations a JOIN payment_reversals r ON r.payment_id = a.payment_id WHERE a.released_at IS NULL`);
  expect(reversedStillAllocated).toEqual([]);
  for (const { year } of sql<{ year: string }>(`SELECT DISTINCT substr(number, 1, 4) AS year FROM invoices`)) {
    const numbers = sql<{ number: string }>(`SELECT number FROM invoices WHERE number LIKE ? ORDER BY number`, `${year}-%`).map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => `${year}-${String(i + 1).padStart(6, '0')}`));
  }
}

async function balanceOf(householdId: string) {
  const account = await w.call('billing.account', { householdId });
  const [row] = sql<{ balance: number }>(
    `SELECT (SELECT coalesce(sum(total_cents), 0) FROM invoices WHERE household_id = @h)
          - (SELECT coalesce(sum(total_cents), 0) FROM credit_notes WHERE household_id = @h)
          - (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE household_id = @h)
          + (SELECT coalesce(sum(p.amount_cents), 0) FROM payment_reversals r JOIN payments p ON p.id = r.payment_id WHERE r.household_id = @h) AS balance`,
    { h: householdId },
  );
  expect(account.balanceCents).toBe(row!.balance);
  // What is owed minus the credit held is the balance too.
  expect(account.openInvoicesCents - account.availableCreditCents).toBe(account.balanceCents);
  return account;
}

async function bookNovember() {
  await book(w, c.martin, 0, c.canteen.repas, novemberDays);
  await book(w, c.martin, 1, c.canteen.repas, novemberDays);
  await book(w, c.martin, 1, c.periscolaire.soir, novemberDays);
  await book(w, c.bernard, 0, c.canteen.repas, novemberDays);
  await book(w, c.petit, 0, c.canteen.repas, novemberDays);
}

describe('invoicing a month', () => {
  it('issues one invoice per household in one unbroken series; a second run bills nothing new', async () => {
    await bookNovember();
    w.setNow('2026-12-01T09:00:00Z');
    const draft = await w.call('billing.draft', { month: '2026-11' });
    expect(draft.canIssue).toBe(true);
    expect(draft.households.map((h: any) => [h.householdName, h.totalCents, h.outcome])).toEqual([
      ['BERNARD', 4 * 520, 'invoice'], // no QF: top bracket
      ['MARTIN', 4 * 310 + 4 * 279 + 4 * 150, 'invoice'], // A; Léa 2nd child −10 %; soir (CESU: Léa is 5)
      ['PETIT', 4 * 600, 'invoice'], // non-resident, bracket C
    ]);
    const martinDraft = draft.households[1];
    expect(martinDraft.cesuEligibleCents).toBe(600);
    expect(martinDraft.children.map((ch: any) => [ch.firstName, ch.activities.map((a: any) => a.activityName)])).toEqual([
      ['Tom', ['Restauration scolaire']],
      ['Léa', ['Restauration scolaire', 'Accueil périscolaire']],
    ]);
    expect(draft.households[0].anomalies.map((a: any) => a.code)).toEqual(['noQuotient']);

    const first = await w.must('invoice.issueMonth', { month: '2026-11' });
    expect(first.invoices.map((i: any) => [i.number, i.householdName, i.totalCents])).toEqual([
      ['2026-000001', 'BERNARD', 2080],
      ['2026-000002', 'MARTIN', 2956],
      ['2026-000003', 'PETIT', 2400],
    ]);
    expect(first).toMatchObject({ issueDate: '2026-12-01', dueDate: '2026-12-31', totalCents: 7436, billedBookings: 20 });

    const trail = await w.call('families.audit', { householdId: c.martin.householdId });
    expect(trail.find((r: any) => r.command === 'invoice.issueMonth')).toMatchObject({ entity: 'invoice', entityId: first.invoices[1].invoiceId });

    const second = await w.must('invoice.issueMonth', { month: '2026-11' });
    expect(second.invoices).toEqual([]);
    expect(second.billedBookings).toBe(0);
    expect(sql('SELECT count(*) AS n FROM billed_bookings')).toEqual([{ n: 20 }]);

    // An unbooked presence recorded afterwards is billed by the next run, with its surcharge, on a new number.
    await w.must('attendance.addUnbooked', { householdId: c.bernard.householdId, childId: c.bernard.children[0]!.childId, unitId: c.canteen.repas, date: '2026-11-10' });
    const third = await w.must('invoice.issueMonth', { month: '2026-11' });
    expect(third.invoices.map((i: any) => [i.number, i.totalCents])).toEqual([['2026-000004', 520 + 260]]);
    const invoice = await w.call('billing.invoice', { invoiceId: third.invoices[0].invoiceId });
    expect(invoice.lines.map((l: any) => [l.label, l.quantity, l.unitPriceCents, l.amountCents])).toEqual([
      ['Repas', 1, 520, 520],
      ['Majoration présence non réservée — Repas', 1, 260, 260],
    ]);
    checkBooks();
    // Immutable: no command writes an issued invoice; the unique (booking, kind) stops double billing at the store.
    const billed = sql<{ booking_id: string; kind: string }>('SELECT booking_id, kind FROM billed_bookings LIMIT 1')[0]!;
    expect(() =>
      w.core.store.sqlite
        .prepare(`INSERT INTO billed_bookings (id, booking_id, kind, household_id, invoice_line_id, base_cents, amount_cents)
                  SELECT 'dup', booking_id, kind, household_id, invoice_line_id, base_cents, amount_cents FROM billed_bookings WHERE booking_id = ? AND kind = ?`)
        .run(billed.booking_id, billed.kind),
    ).toThrow(/UNIQUE/);
  });

  it('refuses to issue while a unit has no tariff, and keeps numbers chronological', async () => {
    await bookNovember();
    const tariffs = await w.call('tariffs.list', {});
    const peri = tariffs.tariffs.find((t: any) => t.activityId === c.periscolaire.activityId);
    await w.must('tariff.remove', { tariffId: peri.id });
    w.setNow('2026-12-01T09:00:00Z');
    const draft = await w.call('billing.draft', { month: '2026-11' });
    expect(draft.canIssue).toBe(false);
    expect(draft.anomalies[0]).toMatchObject({ code: 'noTariff', blocking: true, bookings: 4 });
    const refused = await w.call('invoice.issueMonth', { month: '2026-11' });
    expect(refused).toMatchObject({ ok: false, code: 'noTariff' });
    expect(refused.message).toMatch(/Pas de tarif pour « Accueil périscolaire — Soir »/);
    // Only the canteen: allowed.
    const canteenOnly = await w.must('invoice.issueMonth', { month: '2026-11', activityIds: [c.canteen.activityId], issueDate: '2026-12-02' });
    expect(canteenOnly.invoices).toHaveLength(3);
    const backdated = await w.call('invoice.issueMonth', { month: '2026-10', issueDate: '2026-12-01' });
    expect(backdated.ok).toBe(true); // nothing to bill in October: no number taken, nothing to refuse
    await w.must('attendance.addUnbooked', { householdId: c.bernard.householdId, childId: c.bernard.children[0]!.childId, unitId: c.canteen.repas, date: '2026-11-09' });
    const late = await w.call('invoice.issueMonth', { month: '2026-11', activityIds: [c.canteen.activityId], issueDate: '2026-12-01' });
    expect(late).toMatchObject({ ok: false, code: 'invalid' });
    expect(late.message).toMatch(/précède celle de la dernière facture/);
  });

  it('a day billed then justified is refunded once: by a credit note when the household only has refunds', async () => {
    const ids = await book(w, c.bernard, 0, c.canteen.repas, novemberDays);
    w.setNow('2026-12-01T09:00:00Z');
    const first = await w.must('invoice.issueMonth', { month: '2026-11' });
    const invoiceId = first.invoices[0].invoiceId;
    await w.must('attendance.mark', {
      marks: [
        { bookingId: ids['2026-11-02'], attendance: 'absentJustified' },
        { bookingId: ids['2026-11-03'], attendance: 'present' },
      ],
    });
    const draft = await w.call('billing.draft', { month: '2026-11' });
    expect(draft.households[0]).toMatchObject({ totalCents: -520, outcome: 'creditNote' });
    expect(draft.households[0].children[0].activities[0].lines[0]).toMatchObject({ kind: 'regularisation', quantity: 1, unitPriceCents: -520, detail: 'absence justifiée' });
    const second = await w.must('invoice.issueMonth', { month: '2026-11' });
    expect(second.invoices).toEqual([]);
    expect(second.creditNotes).toEqual([{ creditNoteId: expect.any(String), number: 'AV-2026-000001', householdId: c.bernard.householdId, invoiceId, totalCents: 520 }]);
    const invoice = await w.call('billing.invoice', { invoiceId });
    expect(invoice).toMatchObject({ totalCents: 2080, creditedCents: 520, openCents: 1560, status: 'partiallyPaid' });
    expect((await w.must('invoice.issueMonth', { month: '2026-11' })).creditNotes).toEqual([]);
    await balanceOf(c.bernard.householdId);
    checkBooks();
  });
});

describe('payments at the desk', () => {
  it('an overpayment becomes credit, used by the next invoice; a reversal restores the balance and both entries stay', async () => {
    await bookNovember();
    await book(w, c.martin, 0, c.canteen.repas, ['2026-12-01', '2026-12-03']);
    w.setNow('2026-12-01T09:00:00Z');
    const november = await w.must('invoice.issueMonth', { month: '2026-11' });
    const martinInvoice = november.invoices.find((i: any) => i.householdId === c.martin.householdId);
    expect(martinInvoice.totalCents).toBe(2956);

    // 50 € in cash: 29,56 € pay the invoice, 20,44 € stay as credit.
    const paid = await w.must('payment.record', { householdId: c.martin.householdId, mode: 'cash', amountCents: 5000, receivedOn: '2026-12-01' });
    expect(paid).toMatchObject({ receiptNumber: 'R-2026-DESKTE-000001', creditCents: 2044 });
    expect(paid.allocations).toEqual([{ invoiceId: martinInvoice.invoiceId, number: '2026-000002', amountCents: 2956 }]);
    let account = await balanceOf(c.martin.householdId);
    expect(account).toMatchObject({ balanceCents: -2044, availableCreditCents: 2044, openInvoicesCents: 0 });

    // December: the credit pays the new invoice first.
    w.setNow('2027-01-04T09:00:00Z');
    const december = await w.must('invoice.issueMonth', { month: '2026-12' });
    expect(december.invoices).toEqual([expect.objectContaining({ number: '2027-000001', totalCents: 620, creditAppliedCents: 620 })]);
    account = await balanceOf(c.martin.householdId);
    expect(account).toMatchObject({ balanceCents: -1424, availableCreditCents: 1424 });
    const decInvoice = await w.call('billing.invoice', { invoiceId: december.invoices[0].invoiceId });
    expect(decInvoice).toMatchObject({ status: 'paid', paidCents: 620, openCents: 0 });

    // The 50 € turn out to be a forged note: reversed. Both invoices owe again; both entries are visible.
    const reversed = await w.must('payment.reverse', { paymentId: paid.paymentId, reason: 'Billet refusé par la banque' });
    expect(reversed.releasedCents).toBe(2956 + 620);
    account = await balanceOf(c.martin.householdId);
    expect(account).toMatchObject({ balanceCents: 2956 + 620, openInvoicesCents: 3576, availableCreditCents: 0 });
    expect(account.entries.map((e: any) => [e.kind, e.number, e.debitCents, e.creditCents, e.balanceCents])).toEqual([
      ['invoice', '2026-000002', 2956, 0, 2956],
      ['payment', 'R-2026-DESKTE-000001', 0, 5000, -2044],
      ['invoice', '2027-000001', 620, 0, -1424],
      ['paymentReversal', 'R-2026-DESKTE-000001', 5000, 0, 3576],
    ]);
    expect(account.entries[1].reversed).toBe(true);
    // Reversing twice changes nothing.
    expect((await w.must('payment.reverse', { paymentId: paid.paymentId, reason: 'encore' })).releasedCents).toBe(0);
    const payment = await w.call('billing.payment', { paymentId: paid.paymentId });
    expect(payment.reversal).toMatchObject({ reason: 'Billet refusé par la banque', reversedOn: '2027-01-04' });
    expect(payment.allocations.every((a: any) => a.releasedAt)).toBe(true);
    checkBooks();
  });

  it('partial payments, explicit ventilation capped (a fact is never refused), idempotent ids, cheques required details', async () => {
    await bookNovember();
    w.setNow('2026-12-01T09:00:00Z');
    const november = await w.must('invoice.issueMonth', { month: '2026-11' });
    const invoiceId = november.invoices.find((i: any) => i.householdId === c.petit.householdId).invoiceId;

    const missing = await w.call('payment.record', { householdId: c.petit.householdId, mode: 'cheque', amountCents: 1000, receivedOn: '2026-12-01' });
    expect(missing).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys(missing.fieldErrors)).toEqual(['chequeNumber', 'chequeBank']);

    const partial = await w.must('payment.record', {
      paymentId: 'pay-petit-1',
      householdId: c.petit.householdId,
      mode: 'cheque',
      amountCents: 1000,
      receivedOn: '2026-12-01',
      chequeBank: 'Banque Postale',
      chequeNumber: '0012345',
      payerName: 'Anne Petit',
    });
    expect(partial.allocations).toEqual([{ invoiceId, number: '2026-000003', amountCents: 1000 }]);
    expect(await w.call('billing.invoice', { invoiceId })).toMatchObject({ status: 'partiallyPaid', openCents: 1400 });
    const again = await w.call('payment.record', {
      paymentId: 'pay-petit-1',
      householdId: c.petit.householdId,
      mode: 'cheque',
      amountCents: 1000,
      receivedOn: '2026-12-01',
      chequeBank: 'Banque Postale',
      chequeNumber: '0012345',
    });
    expect(again).toMatchObject({ ok: true, value: { receiptNumber: partial.receiptNumber } });
    expect(sql('SELECT count(*) AS n FROM payments')).toEqual([{ n: 1 }]);

    const capped = await w.call('payment.record', {
      householdId: c.petit.householdId,
      mode: 'card',
      amountCents: 2000,
      receivedOn: '2026-12-01',
      allocations: [{ invoiceId, amountCents: 2000 }],
    });
    expect(capped).toMatchObject({ ok: true, outcome: 'modified', value: { creditCents: 600, receiptNumber: 'R-2026-DESKTE-000002' } });
    expect(capped.message).toMatch(/Facture 2026-000003 : 14,00\u00a0€ affectés au lieu de 20,00\u00a0€/);
    await balanceOf(c.petit.householdId);

    const future = await w.call('payment.record', { householdId: c.petit.householdId, mode: 'cash', amountCents: 100, receivedOn: '2026-12-02' });
    expect(future).toMatchObject({ ok: false, fieldErrors: { receivedOn: expect.any(String) } });
    checkBooks();
  });

  it('credit notes: part of a line or an amount, within what is left to credit; excess becomes credit', async () => {
    await bookNovember();
    w.setNow('2026-12-01T09:00:00Z');
    const november = await w.must('invoice.issueMonth', { month: '2026-11' });
    const martin = november.invoices.find((i: any) => i.householdId === c.martin.householdId);
    const invoice = await w.call('billing.invoice', { invoiceId: martin.invoiceId });
    const leaRepas = invoice.lines.find((l: any) => l.childName === 'Léa Martin' && l.label === 'Repas');
    expect(leaRepas).toMatchObject({ quantity: 4, unitPriceCents: 279 });

    await w.must('payment.record', { householdId: c.martin.householdId, mode: 'transfer', amountCents: 2956, receivedOn: '2026-12-01' });
    const byLine = await w.must('creditNote.issue', { invoiceId: martin.invoiceId, lines: [{ invoiceLineId: leaRepas.id, quantity: 2 }], reason: 'Sortie scolaire, repas fournis' });
    expect(byLine).toMatchObject({ number: 'AV-2026-000001', totalCents: 558 });
    const tooMany = await w.call('creditNote.issue', { invoiceId: martin.invoiceId, lines: [{ invoiceLineId: leaRepas.id, quantity: 3 }], reason: 'x' });
    expect(tooMany).toMatchObject({ ok: false, fieldErrors: { 'lines.0.quantity': '2 au plus (déjà crédité : 2).' } });
    const tooMuch = await w.call('creditNote.issue', { invoiceId: martin.invoiceId, amountCents: 2956, reason: 'Geste' });
    expect(tooMuch.message).toMatch(/dépasse ce qui reste à créditer/);
    const byAmount = await w.must('creditNote.issue', { invoiceId: martin.invoiceId, amountCents: 100, reason: 'Geste commercial' });
    expect(byAmount.number).toBe('AV-2026-000002');
    // The invoice was paid: the credit notes are household credit.
    const account = await balanceOf(c.martin.householdId);
    expect(account).toMatchObject({ balanceCents: -658, availableCreditCents: 658 });
    const note = await w.call('billing.creditNote', { creditNoteId: byLine.creditNoteId });
    expect(note).toMatchObject({ invoiceNumber: '2026-000002', availableCents: 558, lines: [expect.objectContaining({ quantity: 2, amountCents: 558 })] });
    checkBooks();
  });
});

describe('the régie', () => {
  it('journal by mode, cheque slip, CSV exports in French; invoice and receipt PDFs', async () => {
    await bookNovember();
    w.setNow('2026-12-03T09:00:00Z');
    const november = await w.must('invoice.issueMonth', { month: '2026-11', issueDate: '2026-12-01' });
    const cheque = await w.must('payment.record', {
      householdId: c.bernard.householdId,
      mode: 'cheque',
      amountCents: 2080,
      receivedOn: '2026-12-02',
      chequeBank: 'Crédit Agricole; agence "Niort"',
      chequeNumber: '7654321',
    });
    await w.must('payment.record', { householdId: c.martin.householdId, mode: 'cash', amountCents: 1000, receivedOn: '2026-12-02' });
    await w.must('payment.record', { householdId: c.martin.householdId, mode: 'cesu', amountCents: 600, receivedOn: '2026-12-03' });
    const bounced = await w.must('payment.record', { householdId: c.petit.householdId, mode: 'cheque', amountCents: 2400, receivedOn: '2026-12-03', chequeBank: 'LCL', chequeNumber: '42' });
    await w.must('payment.reverse', { paymentId: bounced.paymentId, reason: 'Chèque sans provision' });

    const journal = await w.call('regie.journal', { from: '2026-12-01', to: '2026-12-31' });
    expect(journal.totals).toEqual({ count: 4, receivedCents: 6080, reversedCents: 2400, netCents: 3680 });
    const byMode = Object.fromEntries(journal.byMode.map((m: any) => [m.mode, [m.count, m.netCents]]));
    expect(byMode).toMatchObject({ cash: [1, 1000], cheque: [2, 2080], cesu: [1, 600], card: [0, 0] });
    expect(journal.entries.map((e: any) => e.kind)).toEqual(['payment', 'payment', 'payment', 'payment', 'reversal']);

    const slip = await w.call('regie.chequeSlip', { from: '2026-12-01', to: '2026-12-31' });
    expect(slip).toMatchObject({ count: 1, totalCents: 2080, cheques: [{ chequeNumber: '7654321', drawer: 'BERNARD' }] });

    const { csv, fileName } = await w.call('regie.chequeSlipCsv', { from: '2026-12-01', to: '2026-12-31' });
    expect(fileName).toBe('bordereau-cheques_2026-12-01_2026-12-31.csv');
    expect(csv.startsWith('\ufeffDate de réception;N° de reçu;Tireur;Foyer;Banque;N° de chèque;Montant (€)\r\n')).toBe(true);
    expect(csv).toContain(`02/12/2026;${cheque.receiptNumber};BERNARD;BERNARD;"Crédit Agricole; agence ""Niort""";7654321;20,80\r\n`);
    expect(csv).toContain(';;1 chèque(s);;;Total;20,80\r\n');
    const journalCsv = (await w.call('regie.journalCsv', { from: '2026-12-01', to: '2026-12-31' })).csv;
    expect(journalCsv).toContain(';Annulation;');
    expect(journalCsv).toContain(';-24,00;Chèque sans provision;');
    expect(journalCsv).toContain(';Total général;;;;;;;36,80;4 encaissement(s);;\r\n');

    const martinInvoice = november.invoices.find((i: any) => i.householdId === c.martin.householdId);
    const pdf = await w.call('billing.invoicePdf', { invoiceId: martinInvoice.invoiceId });
    expect(pdf.fileName).toBe('Facture-2026-000002.pdf');
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Same stored rows, same document.
    expect((await w.call('billing.invoicePdf', { invoiceId: martinInvoice.invoiceId })).base64.length).toBe(pdf.base64.length);
    const receipt = await w.call('billing.receiptPdf', { paymentId: bounced.paymentId });
    expect(receipt.fileName).toMatch(/^Recu-R-2026-DESKTE-\d{6}\.pdf$/);
    expect(Buffer.from(receipt.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await w.call('billing.invoicePdf', { invoiceId: 'nope' })).toBeNull();
    checkBooks();
  });

  it('tariffs: overlapping validity and broken brackets are refused; parents cannot run billing commands', async () => {
    const overlap = await w.call('tariff.save', {
      activityId: c.canteen.activityId,
      validFrom: '2027-06-01',
      validTo: '2028-08-31',
      brackets: [{ label: 'U', qfMin: 0, qfMax: null, residentCents: 100, nonResidentCents: 100 }],
    });
    expect(overlap).toMatchObject({ ok: false, code: 'conflict' });
    expect(overlap.message).toMatch(/chevauche « Repas 2026-2027 » \(du 01\/09\/2026 au 31\/08\/2027\)/);
    const gap = await w.call('tariff.save', {
      activityId: c.canteen.activityId,
      validFrom: '2027-09-01',
      validTo: '2028-08-31',
      brackets: [
        { label: 'A', qfMin: 0, qfMax: 500, residentCents: 100, nonResidentCents: 100 },
        { label: 'B', qfMin: 600, qfMax: null, residentCents: 100, nonResidentCents: 100 },
      ],
    });
    expect(gap).toMatchObject({ ok: false, code: 'invalid' });
    expect(gap.message).toMatch(/doit commencer à 501/);
    const parent = { actor: { kind: 'parent', id: 'p', name: 'Anne', householdIds: [c.martin.householdId] } };
    const refused = (await w.core.dispatch('payment.record', { householdId: c.martin.householdId, mode: 'cash', amountCents: 100, receivedOn: '2026-10-20' }, parent as any)) as any;
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
