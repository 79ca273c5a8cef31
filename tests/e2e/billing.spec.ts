// Billing (la régie) end to end, on an EMPTY desk in browser mode (set-up mode: every screen allowed). The scene
// goes through the HTTP bridge: the régie's settings, a canteen and an accueil périscolaire with tariffs, three
// households (MARTIN: two children, QF 650; BERNARD: no QF; PETIT: hors commune, QF 1500), enrolments, bookings
// of LAST month (past days: `deadlineOverrideReason`), attendance marks and an unbooked presence. Then through
// the UI: the month's draft with its anomaly, the run with its confirmation, the numbers issued, nothing new on
// a second run; the invoices, an invoice, its PDF (also written to artifacts/invoice.pdf and rendered with
// pdftoppm), a cheque payment on it with an overpayment kept as credit, the receipt PDF; a credit note; a payment
// recorded from the family page then reversed with a reason; the household account; the régie journal and the
// cheque slip (screen, print, CSV); the tariffs and the régie settings. Screenshots (1366×768) go to
// tests/e2e/artifacts/billing-*.png for review.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Download, Page } from '@playwright/test';
import { expect, test, deskBridge } from './fixtures/desk';

test.setTimeout(180_000);

const ARTIFACTS = 'tests/e2e/artifacts';

const shot = async (page: Page, name: string, options: { viewport?: boolean } = {}) => {
  await page.mouse.move(1360, 760);
  // Notifications of earlier steps would cover the top of the screen.
  const style = '.mantine-Notifications-root { display: none !important; }';
  if (options.viewport) return page.screenshot({ path: `${ARTIFACTS}/billing-${name}.png`, style });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS}/billing-${name}.png`, fullPage: true, style });
};

/**
 * No serious or critical WCAG 2.1 AA violation on the screen as it is. The set-up mode banner (features/session,
 * shown on every screen of a desk without accounts) is left out: it is not a billing screen.
 */
async function accessible(page: Page, what: string) {
  await page.mouse.move(1360, 760);
  await page.waitForTimeout(300);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('section[aria-label^="Mode mise en service"]')
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

// ——— Dates (Paris civil dates, like the desk) ———
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const addMonths = (month: string, n: number) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const lastDay = (month: string) =>
  `${month}-${String(new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate()).padStart(2, '0')}`;
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
/** `2956` → `29,56 €` as the screens write it (non-breaking spaces). */
const eur = (cents: number) => {
  const units = String(Math.floor(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${cents < 0 ? '-' : ''}${units},${String(Math.abs(cents) % 100).padStart(2, '0')}\u00a0€`;
};

async function downloaded(page: Page, click: () => Promise<unknown>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: readFileSync((await download.path())!) };
}

test('the régisseur invoices last month, views a PDF, cashes a cheque, prints the receipt and closes the day', async ({
  page,
  desk,
}) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { call, must } = deskBridge(desk);
  const today = parisToday();
  const month = addMonths(today.slice(0, 7), -1);

  // ——— Scene, through the bridge ———
  await must('regie.saveSettings', {
    communeName: 'Aiffres',
    regieName: 'Régie enfance-jeunesse',
    addressLine1: '2 place du Champ de Foire',
    postalCode: '79230',
    city: 'Aiffres',
    phone: '05 49 32 00 00',
    email: 'regie@aiffres.fr',
    portalUrl: 'https://famille.aiffres.fr',
    officeHours: 'du lundi au vendredi de 8 h 30 à 12 h',
    payableTo: 'Régie enfance-jeunesse d’Aiffres',
    acceptedModes: ['cash', 'cheque', 'card', 'cesu', 'transfer'],
  });
  const deadlines = { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } };
  const { activityId: canteenId } = await must('activity.save', {
    name: 'Restauration scolaire',
    kind: 'canteen',
    openOn: 'schoolDays',
    deadlines,
    units: [{ name: 'Repas', startTime: '11:45', endTime: '13:30' }],
    groups: [{ name: 'Tous', levels: [] }],
  });
  const { activityId: periId } = await must('activity.save', {
    name: 'Accueil périscolaire',
    kind: 'periscolaire',
    openOn: 'schoolDays',
    deadlines,
    position: 1,
    units: [{ name: 'Matin' }, { name: 'Soir' }],
    groups: [{ name: 'Tous', levels: [] }],
  });
  const activities = await call('activities.list', {});
  const repas = activities.find((a: any) => a.id === canteenId).units[0].id as string;
  const soir = activities.find((a: any) => a.id === periId).units[1].id as string;
  const validFrom = `${month}-01`;
  const validTo = lastDay(addMonths(month, 11));
  await must('tariff.save', {
    activityId: canteenId,
    label: 'Repas',
    validFrom,
    validTo,
    brackets: [
      { label: 'A', qfMin: 0, qfMax: 700, residentCents: 310, nonResidentCents: 450 },
      { label: 'B', qfMin: 701, qfMax: 1200, residentCents: 415, nonResidentCents: 520 },
      { label: 'C', qfMin: 1201, qfMax: null, residentCents: 520, nonResidentCents: 600 },
    ],
    siblingReductions: [
      { fromRank: 2, percent: 10 },
      { fromRank: 3, percent: 20 },
    ],
  });
  await must('tariff.save', {
    activityId: periId,
    label: 'Périscolaire',
    validFrom,
    validTo,
    brackets: [
      { label: 'A', qfMin: 0, qfMax: 700, residentCents: 150, nonResidentCents: 200 },
      { label: 'B', qfMin: 701, qfMax: null, residentCents: 200, nonResidentCents: 250 },
    ],
  });
  await must('tariff.setPenalties', {
    activityId: canteenId,
    lateCancellationPercent: 100,
    unbookedSurcharge: { kind: 'percent', percent: 50 },
  });

  const family = async (
    name: string,
    kids: { firstName: string; birthDate: string; schoolLevel: string }[],
    quotient: number | null,
    category: string,
  ) => {
    const { householdId } = await must('household.create', {
      guardians: [
        {
          civility: 'Mme',
          firstName: 'Anne',
          lastName: name,
          mobilePhone: '0612345678',
          addressLine1: '12 rue des Lilas',
          postalCode: '79230',
          city: 'Aiffres',
        },
      ],
      children: kids.map((k) => ({ ...k, lastName: name })),
    });
    if (quotient !== null)
      await must('familyQuotient.record', {
        householdId,
        value: quotient,
        organisation: 'CAF',
        validFrom: `${month}-01`,
        validTo: validTo,
      });
    const view = await call('families.get', { householdId });
    const children: Record<string, string> = Object.fromEntries(view.children.map((c: any) => [c.firstName, c.id]));
    for (const childId of Object.values(children))
      for (const activityId of [canteenId, periId])
        await must('enrolment.create', {
          childId,
          activityId,
          fromDate: `${month}-01`,
          toDate: validTo,
          tariffCategory: category,
        });
    return { householdId: householdId as string, children };
  };
  const martin = await family(
    'Martin',
    [
      { firstName: 'Tom', birthDate: '2018-03-10', schoolLevel: 'CE2' },
      { firstName: 'Léa', birthDate: '2021-05-01', schoolLevel: 'MS' },
    ],
    650,
    'resident',
  );
  const bernard = await family('Bernard', [{ firstName: 'Zoé', birthDate: '2019-02-02', schoolLevel: 'CE1' }], null, 'resident');
  const petit = await family('Petit', [{ firstName: 'Maël', birthDate: '2017-07-07', schoolLevel: 'CM1' }], 1500, 'nonResident');

  // Four open days of last month, booked after the fact (hence the override reason), then marked.
  const open = (await call('activities.openDates', { activityId: canteenId, from: `${month}-01`, to: lastDay(month) })).map(
    (d: any) => d.date as string,
  );
  expect(open.length).toBeGreaterThanOrEqual(5);
  const days = open.slice(0, 4);
  const book = async (f: { householdId: string; children: Record<string, string> }, child: string, unitId: string) => {
    const result = await must('booking.book', {
      householdId: f.householdId,
      childId: f.children[child],
      items: days.map((date: string) => ({ unitId, date })),
      deadlineOverrideReason: 'Saisie des réservations du mois passé',
    });
    expect(result.items.map((i: any) => i.outcome)).toEqual(['booked', 'booked', 'booked', 'booked']);
    return result.items.map((i: any) => i.bookingId as string);
  };
  const tomRepas = await book(martin, 'Tom', repas);
  await book(martin, 'Léa', repas);
  await book(martin, 'Léa', soir);
  const zoeRepas = await book(bernard, 'Zoé', repas);
  await book(petit, 'Maël', repas);
  // Tom was ill on the first day (justified: not billed); the others were there.
  await must('attendance.mark', {
    marks: [
      { bookingId: tomRepas[0], attendance: 'absentJustified' },
      ...tomRepas.slice(1).map((bookingId: string) => ({ bookingId, attendance: 'present' })),
      ...zoeRepas.map((bookingId: string) => ({ bookingId, attendance: 'present' })),
    ],
  });
  // Maël came on a fifth day without booking: unit price + 50 % surcharge.
  await must('attendance.addUnbooked', {
    householdId: petit.householdId,
    childId: petit.children['Maël'],
    unitId: repas,
    date: open[4],
  });

  // Expected amounts: MARTIN (QF A) Tom 3 × 3,10 + Léa (2nd child −10 %) 4 × 2,79 + soir 4 × 1,50; BERNARD (no
  // QF: top bracket) 4 × 5,20; PETIT (hors commune, C) 5 × 6,00 + 3,00 of surcharge.
  const martinTotal = 3 * 310 + 4 * 279 + 4 * 150;
  const bernardTotal = 4 * 520;
  const petitTotal = 5 * 600 + 300;
  const grandTotal = martinTotal + bernardTotal + petitTotal;

  // ——— Facturation mensuelle ———
  await page.goto(desk.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Facturation', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Facturation mensuelle', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Mois' })).toHaveValue(new RegExp(monthName(month), 'i'));
  const summary = page.getByTestId('draft-summary');
  await expect(summary).toContainText('3 foyers');
  await expect(summary).toContainText('3 factures');
  await expect(summary).toContainText(eur(grandTotal));
  const rows = page.getByTestId('draft-household');
  await expect(rows).toHaveCount(3);
  const bernardRow = rows.filter({ hasText: 'BERNARD' });
  await expect(bernardRow).toContainText('Pas de QF valide');
  await expect(bernardRow).toContainText(eur(bernardTotal));
  await expect(rows.filter({ hasText: 'MARTIN' })).toContainText(eur(martinTotal));
  const draftTable = page.getByTestId('draft-households');
  await expect(draftTable).toContainText('Majoration présence non réservée');
  await expect(draftTable).toContainText('2e enfant');
  await shot(page, '01-draft');
  await accessible(page, 'draft');

  await page.getByText('Avec anomalie (1)').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('BERNARD');
  await page.getByText('Tous les foyers (3)').click();
  await expect(rows).toHaveCount(3);

  await page.getByRole('button', { name: 'Émettre les factures du mois' }).click();
  const confirm = page.getByRole('dialog', { name: `Émettre les factures de ${monthName(month)}` });
  await expect(confirm.getByTestId('confirm-summary')).toHaveText(
    `3 factures seront émises, pour un total de ${eur(grandTotal)}.`,
  );
  await expect(confirm).toContainText('1 foyer présente une anomalie non bloquante');
  await shot(page, '02-confirm', { viewport: true });
  await accessible(page, 'confirmation');
  await confirm.getByRole('button', { name: 'Émettre', exact: true }).click();
  await expect(confirm).toBeHidden();
  const year = today.slice(0, 4);
  await expect(page.getByTestId('issue-result')).toContainText('3 factures émises');
  await expect(page.getByTestId('issue-result')).toContainText(`N° ${year}-000001 à ${year}-000003, total ${eur(grandTotal)}.`);
  await expect(page.getByTestId('nothing-to-bill')).toContainText('Rien de nouveau à facturer');
  const monthInvoices = page.getByTestId('month-invoices');
  await expect(monthInvoices.getByRole('row')).toHaveCount(4);
  await expect(monthInvoices).toContainText(`${year}-000002`);
  await expect(page.getByRole('button', { name: 'Émettre les factures du mois' })).toHaveCount(0);
  await shot(page, '03-issued');

  // Running the month again bills nothing new: no number taken.
  const again = await must('invoice.issueMonth', { month });
  expect(again.invoices).toEqual([]);
  expect(again.billedBookings).toBe(0);
  await page.reload();
  await expect(page.getByTestId('nothing-to-bill')).toContainText('Les 3 factures de ce mois sont déjà émises');

  // ——— Factures ———
  await page.getByRole('navigation').getByRole('link', { name: 'Factures' }).click();
  const invoicesTable = page.getByTestId('invoices-table');
  await expect(invoicesTable.getByRole('row')).toHaveCount(4);
  await page.getByRole('textbox', { name: 'Foyer ou numéro' }).fill('mart');
  await expect(invoicesTable.getByRole('row')).toHaveCount(2);
  await page.getByRole('textbox', { name: 'Foyer ou numéro' }).fill('');
  await shot(page, '04-invoices');
  await accessible(page, 'invoices');
  const invoices = await call('billing.invoices', { month });
  const martinInvoice = invoices.find((i: any) => i.householdId === martin.householdId);
  await invoicesTable.getByRole('link', { name: martinInvoice.number }).click();
  await expect(page.getByRole('heading', { name: `Facture ${martinInvoice.number}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('invoice-lines')).toContainText('Tom Martin — Restauration scolaire');
  await expect(page.getByTestId('invoice-totals')).toContainText(eur(martinTotal));
  await expect(page.getByText('Impayée', { exact: true })).toBeVisible();
  await shot(page, '05-invoice');
  await accessible(page, 'invoice');

  // The PDF, in the app; « Télécharger » always gives the document.
  await page.getByRole('button', { name: 'PDF', exact: true }).click();
  const viewer = page.getByRole('dialog', { name: `Facture ${martinInvoice.number}` });
  await expect(viewer).toContainText(`Facture-${martinInvoice.number}.pdf`);
  await expect(viewer.getByTestId('pdf-frame').or(viewer.getByTestId('pdf-fallback'))).toBeVisible();
  await shot(page, '06-invoice-pdf', { viewport: true });
  const invoiceDownload = await downloaded(page, () => viewer.getByRole('link', { name: 'Télécharger' }).click());
  expect(invoiceDownload.download.suggestedFilename()).toBe(`Facture-${martinInvoice.number}.pdf`);
  expect(invoiceDownload.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  // Browser mode also opens it in a tab, in Chromium's PDF viewer.
  const [tab] = await Promise.all([
    page.waitForEvent('popup'),
    viewer.getByRole('button', { name: 'Ouvrir dans un onglet' }).click(),
  ]);
  expect(tab.url()).toMatch(/^blob:/);
  await tab.waitForTimeout(1500);
  await tab.screenshot({ path: `${ARTIFACTS}/billing-06b-invoice-pdf-tab.png` });
  await tab.close();
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // The same document through the bridge, rendered for review.
  const pdf = await call('billing.invoicePdf', { invoiceId: martinInvoice.invoiceId });
  writeFileSync(`${ARTIFACTS}/invoice.pdf`, Buffer.from(pdf.base64, 'base64'));
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    `${ARTIFACTS}/invoice.pdf`,
    `${ARTIFACTS}/invoice-page1`,
  ]);

  // ——— Encaissement: a cheque of 10 € more than due; the rest stays as credit ———
  await page.getByRole('button', { name: 'Encaisser' }).click();
  const payment = page.getByRole('dialog', { name: 'Encaissement — MARTIN' });
  // Only the modes the régie accepts.
  await expect(payment.getByRole('radiogroup', { name: 'Mode de règlement' }).getByRole('radio')).toHaveCount(5);
  await expect(payment.getByRole('radio', { name: /ANCV/ })).toHaveCount(0);
  await expect(payment.getByRole('textbox', { name: 'Montant reçu' })).toHaveValue(eur(martinTotal).replace('\u00a0€', ''));
  await payment.getByRole('button', { name: 'Enregistrer le règlement' }).click();
  await expect(payment).toContainText('Choisissez un mode de règlement.');
  await payment.getByRole('radio', { name: 'Chèque', exact: true }).check();
  await payment.getByRole('button', { name: 'Enregistrer le règlement' }).click();
  await expect(payment).toContainText('Indiquez la banque du chèque.');
  await payment.getByRole('textbox', { name: 'Banque' }).fill('Crédit Agricole');
  await payment.getByRole('textbox', { name: 'N° du chèque' }).fill('7654321');
  await payment.getByRole('textbox', { name: 'Montant reçu' }).fill(eur(martinTotal + 1000).replace('\u00a0€', ''));
  await payment.getByRole('textbox', { name: 'Payeur' }).fill('Anne Martin');
  await expect(payment.getByTestId('allocation-summary')).toContainText(`Affecté aux factures : ${eur(martinTotal)}`);
  await expect(payment.getByTestId('allocation-summary')).toContainText(`Trop-perçu gardé en avoir du foyer : ${eur(1000)}`);
  await shot(page, '07-payment', { viewport: true });
  await accessible(page, 'payment dialog');
  await payment.getByRole('button', { name: 'Enregistrer le règlement' }).click();
  const done = payment.getByTestId('payment-done');
  await expect(done).toContainText(/Règlement enregistré — reçu R-\d{4}-\w+-000001/);
  await expect(done).toContainText(`${eur(1000)} gardés en avoir du foyer`);
  await done.getByRole('button', { name: 'Imprimer le reçu' }).click();
  await expect(payment).toContainText(/Recu-R-\d{4}-\w+-000001\.pdf/);
  await shot(page, '08-receipt', { viewport: true });
  const receiptDownload = await downloaded(page, () => payment.getByRole('link', { name: 'Télécharger' }).click());
  expect(receiptDownload.download.suggestedFilename()).toMatch(/^Recu-R-\d{4}-\w+-000001\.pdf$/);
  expect(receiptDownload.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  writeFileSync(`${ARTIFACTS}/receipt.pdf`, receiptDownload.bytes);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    `${ARTIFACTS}/receipt.pdf`,
    `${ARTIFACTS}/receipt-page1`,
  ]);
  await payment.getByRole('button', { name: 'Fermer', exact: true }).last().click();
  await expect(payment).toBeHidden();
  await expect(page.getByText('Payée', { exact: true })).toBeVisible();
  await expect(page.getByTestId('invoice-allocations')).toContainText('Chèque');

  // ——— Avoir on BERNARD's invoice: one meal ———
  const bernardInvoice = invoices.find((i: any) => i.householdId === bernard.householdId);
  await page.goto(`${new URL(desk.url).origin}/#/factures/${bernardInvoice.invoiceId}`);
  await page.getByRole('button', { name: 'Avoir', exact: true }).click();
  const note = page.getByRole('dialog', { name: `Avoir sur la facture ${bernardInvoice.number}` });
  await note.getByRole('textbox', { name: /Quantité à créditer/ }).fill('1');
  await note.getByRole('button', { name: 'Émettre l’avoir' }).click();
  await expect(note).toContainText('Indiquez le motif de l’avoir.');
  await note.getByRole('textbox', { name: 'Motif' }).fill('Sortie scolaire, repas fourni par l’école');
  await expect(note).toContainText(`Montant de l’avoir : ${eur(520)}`);
  await shot(page, '09-credit-note', { viewport: true });
  await note.getByRole('button', { name: 'Émettre l’avoir' }).click();
  await expect(note).toBeHidden();
  await expect(page.getByTestId('invoice-credit-notes')).toContainText(`AV-${year}-000001`);
  await expect(page.getByTestId('invoice-totals')).toContainText(eur(bernardTotal - 520));
  await expect(page.getByText('Partiellement payée', { exact: true })).toBeVisible();

  // ——— From the family page: PETIT pays in cash; the payment is then reversed (never deleted) ———
  await page.goto(`${new URL(desk.url).origin}/#/familles/${petit.householdId}`);
  const block = page.getByTestId('family-account-block');
  await expect(block).toContainText(`${eur(petitTotal)} dus`);
  await shot(page, '10-family-account-block');
  await block.getByRole('button', { name: 'Encaisser' }).click();
  const cash = page.getByRole('dialog', { name: 'Encaissement — PETIT' });
  await cash.getByRole('radio', { name: 'Espèces' }).check();
  await cash.getByRole('textbox', { name: 'Montant reçu' }).fill('20');
  await cash.getByRole('button', { name: 'Enregistrer le règlement' }).click();
  await expect(cash.getByTestId('payment-done')).toContainText('Règlement enregistré');
  await cash.getByRole('link', { name: 'Voir le règlement' }).click();
  await expect(page.getByRole('heading', { name: /Règlement — reçu R-/, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Annuler le règlement' }).click();
  const reverse = page.getByRole('dialog', { name: 'Annulation d’un règlement' });
  await reverse.getByRole('button', { name: 'Annuler ce règlement' }).click();
  await expect(reverse).toContainText('Le motif est obligatoire.');
  await reverse.getByRole('textbox', { name: 'Motif de l’annulation' }).fill('Erreur de saisie : règlement en double');
  await reverse.getByRole('button', { name: 'Annuler ce règlement' }).click();
  await expect(reverse).toBeHidden();
  await expect(page.getByTestId('reversal')).toContainText('Erreur de saisie : règlement en double');
  await shot(page, '11-payment-reversed');

  // ——— Compte du foyer ———
  await page.goto(`${new URL(desk.url).origin}/#/familles/${petit.householdId}/compte`);
  const entries = page.getByTestId('account-entries');
  await expect(entries.locator('tbody tr')).toHaveCount(3);
  await expect(entries.locator('tr[data-kind="paymentReversal"]')).toContainText('Erreur de saisie');
  await expect(entries.locator('tr[data-kind="payment"]')).toContainText('Annulé');
  await expect(page.getByTestId('account-summary')).toContainText(`${eur(petitTotal)} dus`);
  await shot(page, '12-account-reversal');
  await page.goto(`${new URL(desk.url).origin}/#/familles/${martin.householdId}/compte`);
  await expect(page.getByTestId('account-summary')).toContainText(`Avoir de ${eur(1000)}`);
  await expect(page.getByTestId('account-entries').locator('tbody tr').last()).toContainText(eur(-1000));
  await shot(page, '12b-account-credit');
  await accessible(page, 'account');

  // ——— Journal de régie and cheque slip (today) ———
  await page.getByRole('navigation').getByRole('link', { name: 'Encaissements / Journal de régie' }).click();
  const byMode = page.getByTestId('journal-by-mode');
  await expect(byMode.getByRole('row', { name: /Chèque/ })).toContainText(eur(martinTotal + 1000));
  await expect(byMode.getByRole('row', { name: /Espèces/ })).toContainText(eur(-2000));
  await expect(page.getByTestId('journal-entries').locator('tbody tr')).toHaveCount(3);
  await shot(page, '13-journal');
  await accessible(page, 'journal');
  const journalCsv = await downloaded(page, () => page.getByRole('button', { name: 'Exporter en CSV' }).click());
  expect(journalCsv.download.suggestedFilename()).toBe(`journal-regie_${today}_${today}.csv`);
  const journalText = journalCsv.bytes.toString('utf8');
  expect(journalText.startsWith('\ufeffDate;Opération;N° de reçu;')).toBe(true);
  expect(journalText).toContain(';Annulation;');
  expect(journalText).toContain('Total général');

  await page.getByRole('tab', { name: 'Bordereau de remise de chèques' }).click();
  const slip = page.getByTestId('cheque-slip').first();
  await expect(slip).toContainText('7654321');
  await expect(slip).toContainText('Anne Martin');
  await expect(slip).toContainText('1 chèque');
  await shot(page, '14-cheque-slip');
  // What « Imprimer le bordereau » puts on paper: the print stylesheet, as a PDF, rendered for review.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('cheque-slip-print')).toBeVisible();
  await expect(page.getByRole('navigation')).toBeHidden();
  await page.pdf({ path: `${ARTIFACTS}/billing-cheque-slip.pdf`, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    `${ARTIFACTS}/billing-cheque-slip.pdf`,
    `${ARTIFACTS}/billing-15-cheque-slip-print`,
  ]);
  const slipCsv = await downloaded(page, () => page.getByRole('button', { name: 'Exporter en CSV' }).click());
  expect(slipCsv.download.suggestedFilename()).toBe(`bordereau-cheques_${today}_${today}.csv`);
  expect(slipCsv.bytes.toString('utf8')).toContain(';7654321;');

  // ——— Tarifs, pénalités, régie ———
  await page.getByRole('navigation').getByRole('link', { name: 'Tarifs' }).click();
  const canteenCard = page.getByTestId('tariff-activity').filter({ hasText: 'Restauration scolaire' });
  await expect(canteenCard).toContainText('−10 % à partir du 2e enfant');
  await expect(canteenCard).toContainText(eur(520));
  await shot(page, '16-tariffs');
  await accessible(page, 'tariffs');
  await canteenCard.getByRole('button', { name: 'Modifier Repas' }).click();
  const tariffForm = page.getByRole('dialog', { name: 'Modifier le tarif Repas' });
  await expect(tariffForm.getByRole('textbox', { name: 'Résident — Tranche B' })).toHaveValue('4,15');
  await shot(page, '17-tariff-form', { viewport: true });
  // A gap between brackets is refused with the shared rule's words.
  await tariffForm.getByRole('textbox', { name: 'QF max — Tranche A' }).fill('600');
  await expect(tariffForm.getByText('701')).toHaveCount(0);
  await tariffForm.getByRole('textbox', { name: 'Hors commune — Tranche C' }).fill('6,10');
  await tariffForm.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(tariffForm).toBeHidden();
  await expect(canteenCard).toContainText(eur(610));
  await page.getByRole('tab', { name: 'Pénalités' }).click();
  await expect(page.getByTestId('penalties')).toContainText('Restauration scolaire');
  await shot(page, '18-penalties');
  await page.getByRole('tab', { name: 'Régie' }).click();
  await expect(page.getByRole('textbox', { name: 'Ordre des chèques' })).toHaveValue('Régie enfance-jeunesse d’Aiffres');
  await expect(page.getByRole('checkbox', { name: 'Chèques vacances (ANCV)' })).not.toBeChecked();
  await page.getByRole('checkbox', { name: 'Chèques vacances (ANCV)' }).check();
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByText('Réglages de la régie enregistrés')).toBeVisible();
  expect((await call('regie.settings', {})).acceptedModes.map((m: any) => m.mode)).toContain('ancv');
  await shot(page, '19-regie-settings');
  await accessible(page, 'régie settings');
});

test('the administrateur saves the commune’s SIRET, régie number and logo; the logo is checked by content and reduced', async ({
  page,
  desk,
}) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { call } = deskBridge(desk);
  await page.goto(desk.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Tarifs' }).click();
  await page.getByRole('tab', { name: 'Régie' }).click();
  const form = page.getByTestId('regie-form');
  await form.getByRole('textbox', { name: 'Commune', exact: true }).fill('Aiffres');
  await form.getByRole('textbox', { name: 'Nom de la régie' }).fill('Régie enfance-jeunesse');
  await form.getByRole('textbox', { name: 'Numéro de la régie' }).fill('79003-R01');
  // A typo in the SIRET: the check key catches it, in French, and nothing is saved.
  const siret = form.getByRole('textbox', { name: 'SIRET de la commune' });
  await siret.fill('217 900 034 00019');
  await form.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(form.getByText("Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres.")).toBeVisible();
  expect((await call('regie.settings', {})).saved).toBe(false);

  // A text file named like an image is refused by its content.
  const fileInput = form.locator('input[type="file"]');
  await fileInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') });
  await expect(form.getByText('Ce fichier n’est pas une image PNG ou JPEG.')).toBeVisible();
  // A 1200 × 1200 PNG is reduced to 400 × 400 and shown.
  await fileInput.setInputFiles({ name: 'blason.png', mimeType: 'image/png', buffer: stripesPng(1200, 1200) });
  await expect(form.getByTestId('regie-logo-preview')).toBeVisible();
  await expect(form.getByText('Ce fichier n’est pas une image PNG ou JPEG.')).toHaveCount(0);

  await siret.fill('217 900 034 00018');
  await form.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByText('Réglages de la régie enregistrés')).toBeVisible();
  const saved = await call('regie.settings', {});
  expect(saved).toMatchObject({ saved: true, siret: '21790003400018', regieNumber: '79003-R01', communeName: 'Aiffres' });
  expect(saved.logo.startsWith('data:image/png;base64,')).toBe(true);
  const png = Buffer.from(saved.logo.slice(saved.logo.indexOf(',') + 1), 'base64');
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([400, 400]);
  expect(png.length).toBeLessThanOrEqual(200 * 1024);

  // Reloaded, the screen shows what was saved.
  await page.reload();
  await page.getByRole('tab', { name: 'Régie' }).click();
  await expect(form.getByRole('textbox', { name: 'SIRET de la commune' })).toHaveValue('217 900 034 00018');
  await expect(form.getByTestId('regie-logo-preview')).toBeVisible();
  await shot(page, '20-regie-identity');
  // The form itself (the header's other badges belong to other features).
  const results = await new AxeBuilder({ page }).include('[data-testid="regie-form"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

/** A real PNG (RGB, blue and gold stripes) of the given size: signature, IHDR, one IDAT (zlib), IEND. */
function stripesPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method change, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const gold = Math.floor((x + y) / 60) % 2 === 0;
      raw.set(gold ? [0xc9, 0xa2, 0x27] : [0x1c, 0x4e, 0x80], row + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
