// Parents' portal accounts from the family file, end to end: a real hub through its command line with a real
// SMTP server (tests/fixtures/smtpServer.ts, in the test process), a desk in browser mode linked to it. The
// agent clicks « Activer l'espace famille » for Anne Martin: the e-mail arrives with a one-time link, the badge
// says « Invitation envoyée le … ». Loïc has no e-mail: the invitation button says why it does nothing; his
// « Lettre d'activation » opens a printable letter (commune, name and address, identifier, code, activation
// address, expiry) whose code the hub accepts. Anne's account is revoked after a confirmation. Offline and on a
// standalone desk, the block says plainly why its buttons do nothing.
// Screenshots (1366×768): tests/e2e/artifacts/portal-accounts-*.png.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startSmtpServer } from '../fixtures/smtpServer';
import { deskCall, expect, test, type Desk } from './fixtures/desk';
import { startHubProcess } from './fixtures/hubProcess';

/** No serious or critical WCAG 2.1 AA violation on the screen as it is. */
async function accessible(page: Page, what: string, include?: string) {
  await page.mouse.move(0, 0);
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (include ? builder.include(include) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

const shot = async (page: Page, name: string, fullPage = true) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `tests/e2e/artifacts/portal-accounts-${name}.png`, fullPage });
};
const parisDate = () =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(),
  );

const martin = {
  guardians: [
    {
      civility: 'Mme',
      firstName: 'Anne',
      lastName: 'Martin',
      mobilePhone: '06 12 34 56 78',
      email: 'anne.martin@exemple.fr',
      addressLine1: '12 rue des Écoles',
      postalCode: '79230',
      city: 'Aiffres',
      relationship: 'mother',
    },
    {
      civility: 'M.',
      firstName: 'Loïc',
      lastName: 'Martin',
      mobilePhone: '06 98 76 54 32',
      addressLine1: '3 impasse des Tilleuls',
      addressLine2: 'Bâtiment B',
      postalCode: '79000',
      city: 'Niort',
      relationship: 'father',
    },
  ],
  children: [{ firstName: 'Léa', lastName: 'Martin', birthDate: '2018-04-12', schoolLevel: 'CE2' }],
};

async function must(desk: Desk, name: string, args: unknown) {
  const result = await deskCall(desk, name, args);
  if (!result?.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.value;
}

async function openFamily(page: Page, desk: Desk, householdId: string) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Familles', level: 1 })).toBeVisible();
  await page.goto(`${new URL(desk.url).origin}/#/familles/${householdId}`);
  await expect(page.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeVisible();
}

const block = (page: Page, guardian: string) =>
  page.getByRole('article', { name: guardian }).getByRole('region', { name: `Espace famille — ${guardian}` });

test('staff invite by e-mail, print an activation letter and revoke; offline, the buttons say why they wait', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const smtp = await startSmtpServer();
  const hub = await startHubProcess({ commune: 'Aiffres', smtpPort: smtp.port });
  try {
    expect(
      await deskCall(desk, 'sync.connect', { hubUrl: hub.url, code: await hub.enrolmentCode('Accueil mairie') }),
    ).toMatchObject({
      ok: true,
    });
    const { householdId } = await must(desk, 'household.create', martin);
    await openFamily(page, desk, householdId);
    const status = page.getByRole('banner').getByRole('link', { name: /En ligne/ });
    await expect(status).toBeVisible({ timeout: 15_000 });

    // ——— Before: no family space; Loïc has no e-mail, so no invitation, and the reason is read out ———
    const anne = block(page, 'Mme Anne Martin');
    const loic = block(page, 'M. Loïc Martin');
    await expect(anne.getByTestId('portal-state')).toHaveText('Pas d’espace famille');
    await expect(loic.getByTestId('portal-state')).toHaveText('Pas d’espace famille');
    const loicInvite = loic.getByRole('button', { name: 'Activer l’espace famille' });
    await expect(loicInvite).toHaveAttribute('aria-disabled', 'true');
    await expect(loicInvite).toHaveAccessibleDescription(/Pas d’adresse e-mail : .*imprimez une lettre d’activation/);
    // It keeps its place in the tab order; Enter does nothing.
    await loicInvite.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Invitation envoyée à')).toHaveCount(0);

    // ——— Anne: « Activer l'espace famille » sends the e-mail ———
    await anne.getByRole('button', { name: 'Activer l’espace famille' }).click();
    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail!.to).toEqual(['anne.martin@exemple.fr']);
    expect(mail!.text).toMatch(new RegExp(`${hub.url}/activer/[\\w-]+`));
    await expect(page.getByText('Invitation envoyée à anne.martin@exemple.fr')).toBeVisible();
    await expect(anne.getByTestId('portal-state')).toHaveText(`Invitation envoyée le ${parisDate()}`);
    await expect(anne).toContainText('Identifiant : anne.martin@exemple.fr');
    await expect(anne.getByRole('button', { name: 'Renvoyer l’invitation' })).toBeVisible();
    await expect(anne.getByRole('button', { name: 'Révoquer' })).toBeVisible();

    // ——— Loïc: the activation letter ———
    await loic.getByRole('button', { name: 'Lettre d’activation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lettre d’activation — M. Loïc Martin' });
    const letter = dialog.getByRole('article');
    await expect(letter).toContainText('Aiffres');
    await expect(letter).toContainText('M. Loïc MARTIN');
    await expect(letter).toContainText('3 impasse des Tilleuls');
    await expect(letter).toContainText('Bâtiment B');
    await expect(letter).toContainText('79000 Niort');
    await expect(letter).toContainText('Monsieur,');
    await expect(letter).toContainText(`Rendez-vous à l’adresse : ${hub.url}/activer`);
    await expect(letter.getByRole('definition').first()).toHaveText('lmartin');
    const code = (await letter.locator('.letter-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await expect(letter).toContainText(/Ce code est valable jusqu’au \d{1,2}(er)? \p{L}+ \d{4} à \d\d h \d\d/u);
    // The hub knows the code (the parent's activation page would accept it).
    const check = await fetch(`${hub.url}/api/parent/activation/${code}`);
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ firstName: 'Loïc', kind: 'letter', login: 'lmartin' });
    await expect(loic.getByTestId('portal-state')).toHaveText(`Invitation envoyée le ${parisDate()}`);
    await page.screenshot({
      path: 'tests/e2e/artifacts/portal-accounts-letter-modal.png',
      style: '.mantine-Notifications-root { display: none !important; }',
    });
    await accessible(page, 'activation letter');
    // « Imprimer la lettre »: the browser's print, with only the letter on paper.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await dialog.getByRole('button', { name: 'Imprimer la lettre' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // On paper (A4, the page's own margins): the PDF as printed, and a picture of the printable width.
    await page.pdf({ path: 'tests/e2e/artifacts/portal-accounts-letter.pdf', preferCSSPageSize: true });
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await page.setViewportSize({ width: 643, height: 986 }); // A4 less the 20 mm × 18 mm margins, at 96 dpi
    await page.screenshot({ path: 'tests/e2e/artifacts/portal-accounts-letter-print.png', fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.emulateMedia({ media: 'screen' });
    await dialog.getByRole('button', { name: 'Fermer la lettre' }).click();
    await expect(dialog).toBeHidden();
    await expect(loic).toContainText('Identifiant : lmartin');
    await shot(page, 'block');
    await accessible(page, 'family page with portal accounts', '[aria-label^="Espace famille"]');

    // ——— Anne's account revoked, after a confirmation ———
    await anne.getByRole('button', { name: 'Révoquer' }).click();
    const confirm = page.getByRole('dialog', { name: 'Révoquer l’espace famille de Mme Anne Martin' });
    await expect(confirm.getByRole('button', { name: 'Annuler' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Révoquer l’espace famille' }).click();
    await expect(confirm).toBeHidden();
    await expect(anne.getByTestId('portal-state')).toHaveText('Révoqué');
    await expect(anne.getByRole('button', { name: 'Activer l’espace famille' })).toBeVisible();

    // ——— Offline: the last known state, the reason, and buttons that wait ———
    await hub.stop();
    await expect(page.getByRole('banner').getByRole('link', { name: /Hors ligne/ })).toBeVisible({ timeout: 15_000 });
    await expect(anne).toContainText('Hors ligne : l’espace famille se gère en ligne uniquement.');
    await expect(anne.getByTestId('portal-state')).toHaveText('Révoqué (dernier état connu)');
    const offlineInvite = anne.getByRole('button', { name: 'Activer l’espace famille' });
    await expect(offlineInvite).toHaveAttribute('aria-disabled', 'true');
    await expect(offlineInvite).toHaveAccessibleDescription(/Hors ligne/);
    await expect(loic.getByRole('button', { name: 'Révoquer' })).toHaveAttribute('aria-disabled', 'true');
    await shot(page, 'offline');
    await accessible(page, 'portal accounts offline', '[aria-label^="Espace famille"]');
  } finally {
    await hub.dispose();
    await smtp.stop();
  }
});

test('on a standalone desk, the family space says it needs a hub', async ({ page, desk }) => {
  const { householdId } = await must(desk, 'household.create', martin);
  await openFamily(page, desk, householdId);
  const anne = block(page, 'Mme Anne Martin');
  await expect(anne).toContainText('Espace famille indisponible : ce poste n’est relié à aucun concentrateur');
  for (const name of ['Activer l’espace famille', 'Lettre d’activation']) {
    await expect(anne.getByRole('button', { name })).toHaveAttribute('aria-disabled', 'true');
    await expect(anne.getByRole('button', { name })).toHaveAccessibleDescription(/ce poste n’est relié à aucun concentrateur/);
  }
  await anne.getByRole('button', { name: 'Lettre d’activation' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shot(page, 'standalone');
});
