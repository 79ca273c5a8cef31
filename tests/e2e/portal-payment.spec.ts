// Paying an invoice online from the parent portal, end to end on a phone, with the hub's test payment provider
// (`--test-payments`: a card page with pay / refuse / abandon, then a PayFiP-like unsigned notification carrying
// only the operation id, then the browser's return). A standalone desk (browser mode) sets up the régie, a
// canteen with a tariff and the MARTIN household, books three days of last month and issues the month's
// invoice; it then joins a real hub process (its command line, with a real SMTP server) and uploads its commune.
// The desk invites Anne Martin; she activates her account (the link from the e-mail) and logs in through the
// login page. On Factures: a refused card, then an abandoned page, each leave the invoice unpaid with a French
// message; then a paid one — the provider's notification arrives three times before the browser returns (once
// from the provider, twice more at the same time from the test), and the return itself is replayed: the
// invoice shows paid, the balance is 0, and the hub holds exactly one payment, which the desk sees after sync.
// The commune's logo is in the banner and its contact details in the footer. Screenshots: tests/e2e/artifacts/portal-payment-*.png
// (390×844, and the dashboard at 1366×768).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpServer } from '../fixtures/smtpServer';
import { deskBridge, expect, test } from './fixtures/desk';
import { startHubProcess } from './fixtures/hubProcess';
import { addMonths, DESKTOP, lastDay, parentContext, parisToday, PHONE, shot } from './fixtures/portal';

test.setTimeout(180_000);

const PASSWORD = 'Paiement-carte-2026';
/** The commune's coat of arms (the placeholder of resources/), as the régie settings screen stores it. */
const LOGO = `data:image/png;base64,${readFileSync('resources/commune-logo.png').toString('base64')}`;
const PRICE_CENTS = 350;

/** `1050` → /10,50 €/ as the portal writes it (any kind of space before the sign). */
const eurosText = (cents: number) => new RegExp(`${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}\\s€`);

/** axe-core: no serious or critical WCAG 2.1/2.2 AA violation on the page as it is (the messages, the footer). */
async function accessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    what,
  ).toEqual([]);
}

test('a parent pays an invoice online: refused, abandoned, then paid exactly once', async ({ browser, desk }) => {
  const { call, must } = deskBridge(desk);
  const month = addMonths(parisToday().slice(0, 7), -1);

  // ——— The desk, on its own: the régie, a canteen with its tariff, one household, last month invoiced ———
  await must('regie.saveSettings', {
    communeName: 'Aiffres',
    regieName: 'Régie enfance-jeunesse',
    addressLine1: '2 place du Champ de Foire',
    postalCode: '79230',
    city: 'Aiffres',
    phone: '05 49 32 00 00',
    email: 'regie@aiffres.fr',
    officeHours: 'du lundi au vendredi de 8 h 30 à 12 h',
    payableTo: 'Régie enfance-jeunesse d’Aiffres',
    acceptedModes: ['cash', 'cheque', 'card'],
    logo: LOGO,
  });
  const { activityId } = await must('activity.save', {
    name: 'Restauration scolaire',
    kind: 'canteen',
    openOn: 'schoolDays',
    deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
    units: [{ name: 'Repas', startTime: '11:45', endTime: '13:30' }],
    groups: [{ name: 'Tous', levels: [] }],
  });
  const unitId = (await call('activities.list', {})).find((a: any) => a.id === activityId).units[0].id as string;
  await must('tariff.save', {
    activityId,
    label: 'Repas',
    validFrom: `${month}-01`,
    validTo: lastDay(addMonths(month, 11)),
    brackets: [{ label: 'Unique', qfMin: 0, qfMax: null, residentCents: PRICE_CENTS, nonResidentCents: 450 }],
  });
  const { householdId } = await must('household.create', {
    guardians: [
      {
        civility: 'Mme',
        firstName: 'Anne',
        lastName: 'Martin',
        mobilePhone: '06 12 34 56 78',
        email: 'anne.martin@exemple.fr',
        relationship: 'mother',
        addressLine1: '12 rue des Lilas',
        postalCode: '79230',
        city: 'Aiffres',
      },
    ],
    children: [{ firstName: 'Léa', lastName: 'Martin', birthDate: '2018-04-12', schoolLevel: 'CE2' }],
  });
  const family = await call('families.get', { householdId });
  const childId = family.children[0].id as string;
  const guardianId = family.guardians[0].id as string;
  await must('enrolment.create', {
    childId,
    activityId,
    fromDate: `${month}-01`,
    toDate: lastDay(addMonths(month, 11)),
    tariffCategory: 'resident',
  });
  const open = (await call('activities.openDates', { activityId, from: `${month}-01`, to: lastDay(month) })).map(
    (d: any) => d.date as string,
  );
  expect(open.length).toBeGreaterThanOrEqual(3);
  await must('booking.book', {
    householdId,
    childId,
    items: open.slice(0, 3).map((date: string) => ({ unitId, date })),
    deadlineOverrideReason: 'Saisie des réservations du mois passé',
  });
  await must('invoice.issueMonth', { month });
  const dueCents = 3 * PRICE_CENTS;

  // ——— A real hub (its command line, test payments, a real SMTP server); the desk joins and uploads ———
  const mails = await startSmtpServer();
  const hub = await startHubProcess({ commune: 'Aiffres', smtpPort: mails.port, testPayments: true });
  const context = await parentContext(browser, PHONE);
  const page = await context.newPage();
  const hubDb = () => new Database(join(hub.dataDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    expect(await call('sync.connect', { hubUrl: hub.url, code: await hub.enrolmentCode('Mairie') })).toMatchObject({ ok: true });
    await call('sync.now', {});

    // ——— Anne's account: invited from the desk, activated from the e-mail's link ———
    expect(await call('portal.invite', { guardianId })).toMatchObject({ ok: true });
    const [mail] = await mails.waitFor(1);
    const token = /\/activer\/([\w-]+)/.exec(mail!.text)![1]!;
    const activated = await fetch(`${hub.url}/api/parent/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: PASSWORD }),
    });
    expect(activated.status).toBe(200);

    // ——— She logs in on her phone: the dashboard shows what is due ———
    await page.goto(`${hub.url}/connexion`);
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion à l’espace famille' })).toBeVisible();
    await expect(page.getByRole('banner').locator('img')).toHaveAttribute('src', LOGO);
    await expect(page.getByRole('region', { name: 'Contacter la mairie' })).toContainText('05 49 32 00 00');
    await shot(page, 'payment-00-login');
    await accessible(page, 'Connexion, avec le logo et les coordonnées de la mairie');
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('anne.martin@exemple.fr');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Solde à régler' })).toContainText(eurosText(dueCents));

    // The commune's logo in the banner, its contact details in the footer of every page.
    const logo = page.getByRole('banner').locator('img');
    await expect(logo).toHaveAttribute('src', LOGO);
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const contact = page.getByRole('region', { name: 'Contacter la mairie' });
    await expect(contact).toContainText('Régie enfance-jeunesse');
    await expect(contact).toContainText('2 place du Champ de Foire');
    await expect(contact).toContainText('79230 Aiffres');
    await expect(contact.getByRole('link', { name: /05 49 32 00 00/ })).toHaveAttribute('href', 'tel:+33549320000');
    await expect(contact.getByRole('link', { name: /regie@aiffres\.fr/ })).toHaveAttribute('href', 'mailto:regie@aiffres.fr');
    await expect(contact).toContainText('du lundi au vendredi de 8 h 30 à 12 h');
    await shot(page, 'payment-01-dashboard');

    // ——— Factures ———
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Factures' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Factures' })).toBeFocused();
    const invoice = page.getByRole('article', { name: /^Facture n° / });
    await expect(invoice).toHaveCount(1);
    await expect(invoice).toContainText('À payer');
    await expect(invoice).toContainText(new RegExp(`Reste à payer : ${eurosText(dueCents).source}`));
    await expect(page.getByText(new RegExp(`Solde à régler : ${eurosText(dueCents).source}`))).toBeVisible();
    await shot(page, 'payment-02-invoices');

    /** "Payer en ligne" → the test card page; answers the operation id. */
    const toCardPage = async (): Promise<string> => {
      await invoice.getByRole('button', { name: /^Payer en ligne la facture n° / }).click();
      await page.waitForURL(/\/paiement-test\/[0-9a-f]+$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Paiement en ligne (test)' })).toBeVisible();
      await expect(page.getByText(new RegExp(`Montant : ${eurosText(dueCents).source}`))).toBeVisible();
      return new URL(page.url()).pathname.split('/').pop()!;
    };
    const backOnInvoices = async (outcome: string) => {
      await expect(page).toHaveURL(`${hub.url}/factures?paiement=${outcome}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Factures' })).toBeVisible();
    };
    const stillUnpaid = async () => {
      await expect(invoice).toContainText(new RegExp(`Reste à payer : ${eurosText(dueCents).source}`));
      await expect(invoice.getByRole('button', { name: /^Payer en ligne/ })).toBeVisible();
      expect(paymentsOnHub()).toEqual([]);
    };
    const paymentsOnHub = () => {
      const db = hubDb();
      try {
        return db.prepare('SELECT id, amount_cents, mode FROM payments WHERE household_id = ?').all(householdId) as {
          id: string;
          amount_cents: number;
          mode: string;
        }[];
      } finally {
        db.close();
      }
    };

    // ——— A refused card: nothing paid, a French alert ———
    const refusedId = await toCardPage();
    await shot(page, 'payment-03-card-page');
    await accessible(page, 'Page de paiement de test');
    await page.getByRole('button', { name: 'Simuler un refus' }).click();
    await backOnInvoices('refuse');
    const refusal = page.getByRole('alert').filter({ hasText: 'Paiement refusé' });
    await expect(refusal).toContainText('la facture reste à payer');
    await stillUnpaid();
    await shot(page, 'payment-04-refused');
    await accessible(page, 'Factures, paiement refusé');

    // ——— An abandoned page: nothing paid, a French message ———
    const abandonedId = await toCardPage();
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await backOnInvoices('abandon');
    await expect(page.getByRole('status').filter({ hasText: 'Paiement abandonné' })).toContainText('la facture reste à payer');
    await expect(page.getByRole('alert').filter({ hasText: 'Paiement refusé' })).toHaveCount(0);
    await stillUnpaid();
    await shot(page, 'payment-05-abandoned');

    // ——— Paid: the provider notifies, then two more notifications arrive together, all before the return ———
    let paidId = '';
    let returnUrl = '';
    const notify = () =>
      fetch(`${hub.url}/api/payments/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `idop=${paidId}`,
      }).then((r) => r.status);
    await page.route('**/paiement-test/*', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      // The card page's answer (the provider has decided and notified the hub), held back from the browser…
      const response = await route.fetch({ maxRedirects: 0 });
      expect(response.status()).toBe(303);
      returnUrl = response.headers()['location']!;
      // …while the notification arrives twice more, at the same time; then the browser returns.
      expect(await Promise.all([notify(), notify()])).toEqual([200, 200]);
      await route.fulfill({ response });
    });
    paidId = await toCardPage();
    await page.getByRole('button', { name: /^Payer / }).click();
    await backOnInvoices('ok');
    await page.unroute('**/paiement-test/*');
    await expect(page.getByRole('status').filter({ hasText: 'Paiement accepté : merci !' })).toBeVisible();
    await expect(invoice).toContainText('Payée');
    await expect(invoice).toContainText(/Reste à payer : 0,00\s€/);
    await expect(invoice.getByRole('button', { name: /^Payer en ligne/ })).toHaveCount(0);
    await expect(page.getByText('Toutes vos factures sont réglées.')).toBeVisible();
    await shot(page, 'payment-06-paid');
    await accessible(page, 'Factures, paiement accepté');

    // The return replayed (back button, reload of the provider's link) and a late notification: still paid once.
    expect(returnUrl).toContain(`idop=${paidId}`);
    await page.goto(returnUrl);
    await backOnInvoices('ok');
    expect(await notify()).toBe(200);
    const payments = paymentsOnHub();
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount_cents: dueCents, mode: 'card' });
    const attempts = (() => {
      const db = hubDb();
      try {
        return db.prepare('SELECT operation_id, status, payment_id FROM _hub_online_payments ORDER BY created_at').all();
      } finally {
        db.close();
      }
    })();
    expect(attempts).toEqual([
      { operation_id: refusedId, status: 'DENIED', payment_id: null },
      // Abandoned a moment ago: the provider keeps it open a while (PayFiP: about 20 minutes), then it ends.
      { operation_id: abandonedId, status: 'WAITING', payment_id: null },
      { operation_id: paidId, status: 'PAID', payment_id: payments[0]!.id },
    ]);

    // The dashboard: nothing left to pay.
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Tableau de bord' }).click();
    await expect(page.getByRole('region', { name: 'Solde à régler' })).toContainText('Vous êtes à jour de vos paiements.');
    await shot(page, 'payment-07-dashboard-paid');
    // The same at desktop size: the logo in the banner, the contact block under the page.
    await page.setViewportSize(DESKTOP);
    await expect(page.getByRole('navigation', { name: 'Menu principal' })).toBeVisible();
    await shot(page, 'payment-08-dashboard-desktop');

    // ——— The desk, after a sync: one card payment, a zero balance ———
    await call('sync.now', {});
    const account = await call('billing.account', { householdId });
    expect(account.entries.filter((e: any) => e.kind === 'payment')).toHaveLength(1);
    expect(account.entries.find((e: any) => e.kind === 'payment')).toMatchObject({ id: payments[0]!.id, creditCents: dueCents });
    expect(account.balanceCents).toBe(0);
    expect(account.openInvoicesCents).toBe(0);
  } catch (error) {
    await test.info().attach('hub-output', { body: hub.output(), contentType: 'text/plain' });
    throw error;
  } finally {
    await context.close();
    await hub.dispose();
    await mails.stop();
  }
});
