// Administration › Postes on a desk in browser mode linked to a real hub process (tests/e2e/fixtures/hubProcess.ts):
// an administrator creates the enrolment code of a new desk « Centre de loisirs » (shown once, with its expiry),
// a second desk is linked with that very code, the list shows both desks with their last contact, and the
// administrator revokes the second one after the confirmation: its next sync is refused (« révoqué »). This desk
// offers no way to revoke itself. Hub stopped: the screen says plainly that desks are managed online only.
// Screenshots (1366×768): tests/e2e/artifacts/desks-*.png.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { deskBridge, expect, startDesk, test } from './fixtures/desk';
import { startHubProcess } from './fixtures/hubProcess';

test.describe.configure({ timeout: 180_000 });

const shot = (page: Page, name: string) => page.screenshot({ path: `tests/e2e/artifacts/desks-${name}.png` });

/** No serious or critical WCAG 2.1 AA violation (toasts left out, as in admin.spec.ts). */
async function accessible(page: Page, what: string) {
  await page.mouse.move(1360, 760);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('.mantine-Notifications-root')
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

test('an administrator creates a code for a new desk, sees it linked, and revokes it', async ({ page }) => {
  const hub = await startHubProcess({ commune: 'Aiffres' });
  const deskA = await startDesk({ empty: true });
  const deskB = await startDesk({ empty: true });
  try {
    const a = deskBridge(deskA);
    const b = deskBridge(deskB);
    await a.must('sync.connect', { hubUrl: hub.url, code: await hub.enrolmentCode('Accueil mairie') });
    const saved = await a.must('staff.save', { login: 'claire', name: 'Claire Mairie', role: 'admin' });
    await a.must('staff.setPassword', { staffId: saved.staffId, password: 'Trois-chats-sur-le-toit' });

    await page.goto(deskA.url);
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('claire');
    await page.getByLabel('Mot de passe', { exact: true }).fill('Trois-chats-sur-le-toit');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('button', { name: /^Session : Claire Mairie/ })).toBeVisible();

    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Postes' }).click();
    await expect(page).toHaveURL(/#\/admin\/postes$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Postes' })).toBeFocused();
    const table = page.getByTestId('desks-table');
    const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
    await expect(rowOf('Accueil mairie')).toContainText('Ce poste');
    await expect(rowOf('Accueil mairie')).toContainText('Actif');
    // This desk cannot revoke itself: no button on its row.
    await expect(rowOf('Accueil mairie').getByRole('button')).toHaveCount(0);

    // A name is required, said next to the field.
    const form = page.getByRole('region', { name: 'Nouveau poste' });
    await form.getByRole('button', { name: 'Créer un code d’enrôlement' }).click();
    await expect(form.getByText('Indiquez le nom du nouveau poste (par exemple « Accueil mairie »).')).toBeVisible();
    await expect(form.getByRole('textbox', { name: 'Nom du nouveau poste' })).toBeFocused();

    // The code of « Centre de loisirs »: shown once, with its expiry and where to type it.
    await form.getByRole('textbox', { name: 'Nom du nouveau poste' }).fill('Centre de loisirs');
    await form.getByRole('button', { name: 'Créer un code d’enrôlement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Code d’enrôlement' });
    await expect(dialog).toBeVisible();
    const code = (await dialog.getByTestId('enrolment-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(dialog).toContainText(/Valable jusqu’au \d\d\/\d\d\/\d{4} \d\d:\d\d, une seule fois\./);
    await expect(dialog).toContainText(hub.url);
    await expect(dialog).toContainText('Ce code ne sera plus affiché');
    await shot(page, '1-code');
    await accessible(page, 'code dialog');
    await dialog.getByRole('button', { name: 'J’ai noté le code' }).click();
    await expect(dialog).toBeHidden();
    await expect(rowOf('Centre de loisirs')).toContainText('En attente d’enrôlement');
    await expect(rowOf('Centre de loisirs')).toContainText('Code valable jusqu’au');
    await expect(page.getByText(code)).toHaveCount(0);

    // Desk B is linked with that code (its own first-run form is tested in sync.spec.ts) and syncs.
    await b.must('sync.connect', { hubUrl: hub.url, code });
    // B's first pull brings Claire's account: from then on B asks for a login, so its state is read with
    // `sync.status` (open before login) rather than by asking it to sync again.
    await expect.poll(async () => (await b.call('sync.status', {})).state).toBe('online');
    await page.reload();
    await expect(rowOf('Centre de loisirs')).toContainText('Actif');
    await expect(rowOf('Centre de loisirs').getByRole('cell').nth(3)).toHaveText(/^\d\d:\d\d$/);
    await shot(page, '2-list');
    await accessible(page, 'desks list');

    // Revoked after the confirmation; « Annuler » first changes nothing.
    await rowOf('Centre de loisirs').getByRole('button', { name: 'Révoquer le poste « Centre de loisirs »' }).click();
    const confirm = page.getByRole('dialog', { name: 'Révoquer un poste' });
    await expect(confirm).toContainText('Révoquer le poste « Centre de loisirs » ?');
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await expect(confirm).toBeHidden();
    await expect(rowOf('Centre de loisirs')).toContainText('Actif');
    await rowOf('Centre de loisirs')
      .getByRole('button', { name: /^Révoquer le poste/ })
      .click();
    await expect(confirm).toContainText('sa prochaine synchronisation sera refusée');
    await expect(confirm).toHaveCSS('opacity', '1');
    await shot(page, '3-confirm');
    await confirm.getByRole('button', { name: 'Révoquer le poste' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText('Le poste « Centre de loisirs » ne peut plus se synchroniser.')).toBeVisible();
    await expect(rowOf('Centre de loisirs')).toContainText('Révoqué');
    await expect(rowOf('Centre de loisirs').getByRole('button')).toHaveCount(0);
    await shot(page, '4-revoked');
    // Desk B, now asking for a login (the staff accounts came with its first sync), is refused on its next sync.
    await expect.poll(async () => (await b.call('sync.status', {}))?.state, { timeout: 20_000 }).toBe('revoked');
    expect(await b.call('sync.status', {})).toMatchObject({ lastError: 'Ce poste a été révoqué.' });

    // The hub stops: managed online only, said plainly.
    await hub.stop();
    await expect(page.getByRole('banner')).toContainText('Hors ligne', { timeout: 20_000 });
    await page.reload();
    await expect(page.getByText('Hors ligne : les postes se gèrent en ligne uniquement.')).toBeVisible({ timeout: 20_000 });
    await expect(table).toBeHidden();
    await shot(page, '5-offline');
  } finally {
    await deskB.stop();
    await deskA.stop();
    await hub.dispose();
  }
});
