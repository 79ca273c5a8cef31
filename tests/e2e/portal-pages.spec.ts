// Every page of the parent portal at phone (390×844) and desktop (1366×768) sizes: a screenshot each
// (tests/e2e/artifacts/portal-<page>-<size>.png) and an axe-core check with no serious or critical violation.
// Along the way: activation with the code of a printed letter (for families without e-mail), a period booked
// with a weekday pattern (preview, then confirm), keyboard use (skip link, day cards with Space), and the hub
// serving the app's addresses while /api/* keeps JSON 404s.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DESKTOP, expect, frenchDay, lastDay, parentContext, PHONE, shot, test } from './fixtures/portal';

const sizes = { phone: PHONE, desktop: DESKTOP } as const;

/** axe-core on the page as it is: no serious or critical violation (the others are printed, for review). */
async function checkAccessibility(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const describe = (v: (typeof results.violations)[number]) =>
    `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`;
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  console.log(
    `axe ${name}: ${results.passes.length} rules passed, ${results.violations.length} violated${minor.length ? ` (${minor.map(describe).join('; ')})` : ''}`,
  );
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(describe), name).toEqual([]);
}

/** The page is shown: its h1, and nothing left loading. */
async function settled(page: Page, heading: string | RegExp) {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText('Chargement…')).toHaveCount(0);
}

test('every page, at phone and desktop sizes: screenshots and no serious accessibility violation', async ({ browser, scene }) => {
  test.setTimeout(180_000);
  const { hubUrl, martin, month } = scene;

  // ——— The hub serves the app's addresses, and keeps JSON 404s for the API ———
  const probe = await browser.newContext();
  const api404 = await probe.request.get(`${hubUrl}/api/inconnue`, { headers: { accept: 'text/html' } });
  expect(api404.status()).toBe(404);
  expect(await api404.json()).toMatchObject({ error: 'notFound' });
  // The invoice route exists and, like every parent route, needs a session: a JSON 401 without one.
  const invoicesNoSession = await probe.request.get(`${hubUrl}/api/parent/households/${martin.householdId}/invoices`);
  expect(invoicesNoSession.status()).toBe(401);
  expect(await invoicesNoSession.json()).toMatchObject({ error: 'unauthenticated' });
  for (const path of ['/', '/reservations', '/activer/abc', '/accessibilite']) {
    const response = await probe.request.get(`${hubUrl}${path}`, { headers: { accept: 'text/html' } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  }
  const unknown = await probe.request.get(`${hubUrl}/page-inconnue`, { headers: { accept: 'text/html' } });
  expect(unknown.status()).toBe(404);
  expect(await unknown.text()).toContain('<div id="root">');
  await probe.close();

  // ——— A printed letter for Anne Martin: a code, and an identifier ———
  const letter = await scene.call('portal.letter', { guardianId: martin.guardianId });
  expect(letter).toMatchObject({ ok: true, value: { state: 'invited' } });
  const code: string = letter.value.code;

  // ——— Pages before login, both sizes; the code step of activation ———
  for (const [size, viewport] of Object.entries(sizes)) {
    const context = await parentContext(browser, viewport);
    const page = await context.newPage();
    await page.goto(`${hubUrl}/connexion`);
    await settled(page, 'Connexion à l’espace famille');
    await expect(page).toHaveTitle('Connexion — Espace famille — Aiffres');
    // Keyboard: the first Tab reaches the skip link, which takes the focus to the content.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await shot(page, `login-${size}`);
    await checkAccessibility(page, `login-${size}`);
    // The hub's refusal, shown as it comes.
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('personne@exemple.fr');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('pas-le-bon-mot');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect.' })).toBeVisible();
    await checkAccessibility(page, `login-error-${size}`);

    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await settled(page, 'Mot de passe oublié');
    await shot(page, `forgot-${size}`);
    await checkAccessibility(page, `forgot-${size}`);

    await page.goto(`${hubUrl}/activer`);
    await settled(page, 'Activer mon espace famille');
    await page.getByRole('textbox', { name: 'Code d’activation' }).fill('ABCDE');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByRole('textbox', { name: 'Code d’activation' })).toHaveAccessibleDescription(/10 lettres ou chiffres/);
    await shot(page, `activation-code-${size}`);
    await checkAccessibility(page, `activation-code-${size}`);
    await page.getByRole('textbox', { name: 'Code d’activation' }).fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByText('Espace famille de Anne Martin')).toBeVisible();
    await expect(page.getByText(`Votre identifiant de connexion : ${letter.value.login}`)).toBeVisible();
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('Pomme velo nuage 7');
    await shot(page, `activation-${size}`);
    await checkAccessibility(page, `activation-${size}`);
    if (size === 'desktop') {
      await page.goto(`${hubUrl}/accessibilite`);
      await settled(page, 'Déclaration d’accessibilité');
      await expect(page.getByRole('heading', { level: 2, name: 'Voies de recours' })).toBeVisible();
      await checkAccessibility(page, 'accessibility-statement-public');
    }
    await context.close();
  }

  // ——— Activation on the phone, then a period booked with a pattern ———
  const phone = await parentContext(browser, PHONE);
  const page = await phone.newPage();
  await page.goto(`${hubUrl}/activer`);
  await page.getByRole('textbox', { name: 'Code d’activation' }).fill(code);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('Pomme velo nuage 7');
  await page.getByRole('button', { name: 'Activer mon espace famille' }).click();
  await settled(page, 'Tableau de bord');

  await page.goto(`${hubUrl}/reservations?mois=${month}`);
  await settled(page, 'Réservations');
  await expect(page.getByRole('radiogroup', { name: 'Enfant' }).getByRole('radio', { name: 'Léa' })).toBeChecked();
  await page.getByRole('button', { name: 'Réserver sur une période' }).click();
  const pattern = page.getByRole('dialog', { name: 'Réserver sur une période — Léa' });
  await pattern.getByRole('checkbox', { name: 'mardi' }).check();
  await pattern.getByRole('checkbox', { name: 'jeudi' }).check();
  await pattern.getByLabel('Du').fill(`${month}-01`);
  await pattern.getByLabel('Au').fill(lastDay(month));
  await pattern.getByRole('button', { name: 'Voir les jours concernés' }).click();
  const days = pattern.getByRole('list', { name: 'Jours de la période' });
  await expect(days.getByRole('listitem').first()).toBeVisible();
  await shot(page, 'pattern-preview-phone', { viewport: true });
  await checkAccessibility(page, 'pattern-preview-phone');
  const confirm = pattern.getByRole('button', { name: /^Confirmer la réservation de \d+ jours?$/ });
  const count = Number(/(\d+)/.exec((await confirm.textContent()) ?? '')![1]);
  expect(count).toBeGreaterThan(2);
  await confirm.click();
  await expect(pattern).toBeHidden();
  const report = page.getByRole('status').filter({ hasText: 'C’est enregistré' });
  await expect(report.getByRole('listitem')).toHaveCount(count);

  // Keyboard: a day card is a checkbox; Space picks it, and the selection bar counts it.
  await page.getByRole('radiogroup', { name: 'Enfant' }).getByText('Théo').click();
  const card = page.getByRole('checkbox', { name: `Réserver — Repas, ${frenchDay(scene.days[0])}` });
  await card.focus();
  await page.keyboard.press('Space');
  await expect(card).toBeChecked();
  await expect(page.getByRole('region', { name: 'Votre sélection' })).toContainText('1 jour à réserver');
  await expect(card).toBeFocused();
  await page.keyboard.press('Space');
  await expect(card).not.toBeChecked();
  await card.press('Space');
  await checkAccessibility(page, 'reservations-selection-phone');
  await card.press('Space');
  await expect(card).not.toBeChecked();

  // ——— Factures once the régie's route exists (its answer simulated here): the list, the balance, payment ———
  const invoices = {
    invoices: [
      {
        id: 'inv-1',
        number: '2026-000123',
        issuedOn: '2026-11-02',
        dueOn: '2026-11-30',
        totalCents: 8450,
        paidCents: 2000,
        dueCents: 6450,
        status: 'partiallyPaid',
      },
      {
        id: 'inv-2',
        number: '2026-000087',
        issuedOn: '2026-10-01',
        dueOn: '2026-10-31',
        totalCents: 7210,
        paidCents: 7210,
        dueCents: 0,
        status: 'paid',
      },
    ],
  };
  const payRequests: { csrf: string | undefined }[] = [];
  await page.route(`**/api/parent/households/${martin.householdId}/invoices`, (route) => route.fulfill({ json: invoices }));
  await page.route(`**/api/parent/households/${martin.householdId}/invoices/inv-1/pay`, (route) => {
    payRequests.push({ csrf: route.request().headers()['x-csrf-token'] });
    return route.fulfill({ json: { redirectUrl: `${hubUrl}/factures?paiement=retour` } });
  });
  await page.goto(`${hubUrl}/factures`);
  await settled(page, 'Factures');
  await expect(page.getByText('Solde à régler : 64,50 €')).toBeVisible();
  const invoice = page.getByRole('article', { name: 'Facture n° 2026-000123' });
  await expect(invoice).toContainText('Reste à payer : 64,50 €');
  await expect(invoice.getByRole('link', { name: 'Télécharger la facture n° 2026-000123 (PDF)' })).toHaveAttribute(
    'href',
    `/api/parent/households/${martin.householdId}/invoices/inv-1/pdf`,
  );
  await expect(
    page.getByRole('article', { name: 'Facture n° 2026-000087' }).getByRole('button', { name: /Payer en ligne/ }),
  ).toHaveCount(0);
  await shot(page, 'invoices-list-phone');
  await checkAccessibility(page, 'invoices-list-phone');
  await page.goto(`${hubUrl}/`);
  await expect(page.getByRole('region', { name: 'Solde à régler' })).toContainText('64,50 €');
  await page.goto(`${hubUrl}/factures`);
  await invoice.getByRole('button', { name: 'Payer en ligne la facture n° 2026-000123 (64,50 €)' }).click();
  await expect(page).toHaveURL(`${hubUrl}/factures?paiement=retour`);
  expect(payRequests).toHaveLength(1);
  expect(payRequests[0]!.csrf).toBeTruthy();
  await page.unrouteAll();

  // ——— Every page of the space, at both sizes ———
  const storage = await phone.storageState();
  const pages = [
    { name: 'dashboard', path: '/', heading: 'Tableau de bord' },
    { name: 'activities', path: '/activites', heading: 'Activités' },
    { name: 'reservations', path: `/reservations?mois=${month}`, heading: 'Réservations' },
    { name: 'contact', path: '/coordonnees', heading: 'Mes coordonnées' },
    { name: 'invoices', path: '/factures', heading: 'Factures' },
    { name: 'accessibility', path: '/accessibilite', heading: 'Déclaration d’accessibilité' },
    { name: 'not-found', path: '/page-inconnue', heading: 'Page introuvable' },
  ];
  for (const [size, viewport] of Object.entries(sizes)) {
    const context = size === 'phone' ? phone : await parentContext(browser, viewport, storage);
    const view = size === 'phone' ? page : await context.newPage();
    for (const { name, path, heading } of pages) {
      await view.goto(`${hubUrl}${path}`);
      await settled(view, heading);
      if (name === 'invoices') await expect(view.getByText('Aucune facture pour le moment.')).toBeVisible();
      if (name === 'reservations')
        await expect(view.getByText(frenchDay(scene.days[0]), { exact: false }).first()).toBeAttached();
      await shot(view, `${name}-${size}`);
      await checkAccessibility(view, `${name}-${size}`);
    }
    if (size === 'phone') {
      // The menu, opened.
      await view.goto(`${hubUrl}/`);
      await settled(view, 'Tableau de bord');
      await view.getByRole('button', { name: 'Ouvrir le menu' }).click();
      await expect(
        view.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Réservations' }),
      ).toBeVisible();
      await shot(view, 'menu-phone', { viewport: true });
      await checkAccessibility(view, 'menu-phone');
    }
    if (size === 'desktop') await context.close();
  }
  await phone.close();
});
