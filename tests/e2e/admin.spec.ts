// The administration screens on an empty desk in browser mode: a backup taken now and listed, then restored
// after the typed confirmation (the desk reopens on it); a CSV import with 3 good rows and 2 bad ones (preview
// with the errors in French, « Tout ou rien » refused, « lignes valides » imports the 3, found with Ctrl+K);
// the RGPD export of a family and the purge of a household archived long ago.
// Screenshots (1366×768) go to tests/e2e/artifacts/admin-*.png for review.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { deskCall, expect, test, type Desk } from './fixtures/desk';

const shot = (page: Page, name: string) => page.screenshot({ path: `tests/e2e/artifacts/admin-${name}.png` });

/** No serious or critical axe violation (WCAG 2.1 A/AA) on the page as it is. */
async function checkA11y(page: Page, what: string) {
  // The pointer rests where nothing reacts to hovering. Notifications are left out: Mantine's grey description
  // text (and its red error text) are below 4.5:1 everywhere, a theme matter (src/renderer/src/theme.ts).
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

const admin = { name: 'Claire Mairie', login: 'claire', password: 'Trois-chats-sur-le-toit' };

/** An administrator account made through the core, then logged in through the login screen. */
async function loginAsAdmin(page: Page, desk: Desk) {
  const saved = await deskCall(desk, 'staff.save', { login: admin.login, name: admin.name, role: 'admin' });
  await deskCall(desk, 'staff.setPassword', { staffId: saved.value.staffId, password: admin.password });
  await page.goto(desk.url);
  await page.getByRole('textbox', { name: 'Identifiant' }).fill(admin.login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: /^Session : Claire Mairie/ })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

const family = (lastName: string) => ({
  guardians: [
    {
      civility: 'Mme',
      firstName: 'Hélène',
      lastName,
      mobilePhone: '06 12 34 56 78',
      email: 'helene@exemple.fr',
      relationship: 'mother',
    },
  ],
  children: [{ firstName: 'Léa', lastName, birthDate: '2018-04-12', schoolLevel: 'CE2' }],
});

test('a backup taken now is listed, and restoring it needs the typed confirmation', async ({ page, desk }) => {
  await loginAsAdmin(page, desk);
  await nav(page).getByRole('link', { name: 'Sauvegardes' }).click();
  await expect(page.getByRole('heading', { name: 'Sauvegardes', level: 1 })).toBeFocused();
  const rows = page.getByTestId('backups-table').getByRole('row').filter({ hasText: 'Manuelle' });
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(page.getByText('Sauvegarde faite')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(/\d+(,\d)? Ko/);
  await shot(page, '01-backups');
  await checkA11y(page, 'backups');

  // Entered after the backup: gone once it is restored.
  await deskCall(desk, 'household.create', family('Durand'));

  await rows
    .first()
    .getByRole('button', { name: /^Restaurer la sauvegarde du / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restaurer une sauvegarde' });
  await expect(dialog.getByTestId('restore-warning')).toContainText('Toutes les données du poste vont être remplacées');
  await expect(dialog.getByTestId('restore-warning')).toContainText('(0 foyers)');
  const confirm = dialog.getByRole('button', { name: 'Restaurer cette sauvegarde' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Pour confirmer, tapez RESTAURER' }).fill('restaurer');
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Pour confirmer, tapez RESTAURER' }).fill('RESTAURER');
  await expect(confirm).toBeEnabled();
  await shot(page, '02-restore-confirm');
  await checkA11y(page, 'restore dialog');
  await confirm.click();

  // The desk reopened on the restored database: a new session, the family typed since is gone, and the
  // state before the restore was kept as a backup.
  await expect(page.getByRole('heading', { name: 'Connexion', level: 1 })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('textbox', { name: 'Identifiant' }).fill(admin.login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: 'Sauvegardes', level: 1 })).toBeVisible();
  await expect(page.getByTestId('backups-table').getByRole('row').filter({ hasText: 'Avant restauration' })).toHaveCount(1);
  expect(await deskCall(desk, 'families.search', { q: 'durand' })).toEqual([]);
});

// Lines 2, 3 and 6 are good; line 4 has an invalid phone, line 5 has no name. Saved by Excel: Windows-1252.
const csv = [
  'Famille;Rôle;Civilité;Nom;Prénom;Date de naissance;Tél. portable;Email;Adresse;CP;Ville;Niveau',
  '1;Responsable;Mme;Martin;Hélène;;06 12 34 56 78;helene.martin@exemple.fr;3 rue des Lilas;79230;Aiffres;',
  '1;Enfant;Fille;Martin;Léa;12/04/2018;;;;;;CE2',
  '2;Responsable;M.;Durand;Paul;;01 23;;;;;',
  '3;Responsable;Mme;;Zoé;;0611223344;;;;;',
  '4;Responsable;M.;Petit;Marc;;0699887766;;;;;',
].join('\r\n');

test('import: the preview shows the errors in French; « Tout ou rien » refuses; the valid rows are imported', async ({
  page,
  desk,
}) => {
  // Set-up mode: the administration screens are open to the installer.
  await page.goto(desk.url);
  await nav(page).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import de familles', level: 1 })).toBeFocused();
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'familles.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });

  await expect(page.getByTestId('import-summary')).toContainText('2 erreur(s)');
  await expect(page.getByText('Encodage : windows-1252 · séparateur : point-virgule')).toBeVisible();
  const errors = page.getByTestId('import-errors').getByRole('row');
  await expect(errors).toHaveCount(3);
  await expect(errors.nth(1)).toHaveText(/^4\s*Tél\. portable\s*Numéro de téléphone invalide \(exemple : 06 12 34 56 78\)\.$/);
  await expect(errors.nth(2)).toHaveText(/^5\s*Nom\s*Nom manquant\.$/);
  const lines = page.getByTestId('import-rows').getByRole('row');
  await expect(lines.filter({ has: page.getByText('Valide', { exact: true }) })).toHaveCount(3);
  await expect(lines.filter({ has: page.getByText('Erreur', { exact: true }) })).toHaveCount(2);
  await expect(lines.filter({ hasText: 'Enfant : Léa MARTIN, né(e) le 12/04/2018 (CE2)' })).toContainText('Valide');
  await shot(page, '03-import-preview');
  await checkA11y(page, 'import preview');

  // The mode is an explicit choice.
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByText('Choisissez comment importer.')).toBeVisible();
  await page.getByRole('radio', { name: 'Tout ou rien' }).check();
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  const outcome = page.getByTestId('import-outcome');
  await expect(outcome).toContainText('Import refusé');
  await expect(outcome).toContainText("2 erreur(s) dans le fichier : rien n'a été importé.");
  await expect(outcome).toContainText('Ligne 4 — Tél. portable : Numéro de téléphone invalide');
  await shot(page, '04-import-refused');
  expect(await deskCall(desk, 'families.search', { q: 'martin' })).toEqual([]);

  await page.getByRole('radio', { name: 'Importer seulement les lignes valides' }).check();
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(outcome).toContainText('Import terminé');
  await expect(outcome).toContainText('3 personnes importées dans 2 nouveaux foyers : 2 responsables, 1 enfant.');
  await expect(outcome).toContainText('2 lignes non importées (en erreur).');
  await shot(page, '05-import-done');
  await checkA11y(page, 'import done');

  // The imported families are found with Ctrl+K, from any screen.
  await page.keyboard.press('Control+K');
  const search = page.getByRole('dialog', { name: 'Rechercher une famille' });
  await search.getByRole('combobox').fill('petit');
  await expect(search.getByRole('option').filter({ hasText: 'PETIT' })).toBeVisible();
  await search.getByRole('combobox').fill('lea');
  await expect(search.getByRole('option').filter({ hasText: 'MARTIN' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeVisible();
  await expect(page.getByText('Léa Martin').first()).toBeVisible();
});

test('RGPD: a family exports its data as JSON; a household archived long ago is purged after confirmation', async ({
  page,
  desk,
}) => {
  const kept = (await deskCall(desk, 'household.create', family('Bernard'))).value.householdId;
  const old = (await deskCall(desk, 'household.create', family('Moreau'))).value.householdId;
  await deskCall(desk, 'household.archive', { householdId: old, reason: 'Déménagement' });
  // Archived six years ago: written straight into the database file (the core's clock is the real one).
  const db = new Database(join(desk.dataDir, 'desk.db'));
  db.prepare('UPDATE households SET archived_at = ? WHERE id = ?').run('2020-06-30T10:00:00.000Z', old);
  db.close();
  await loginAsAdmin(page, desk);

  // The export, from the family file.
  await page.goto(`${new URL(desk.url).origin}/#/familles/${kept}`);
  await expect(page.getByRole('heading', { name: 'BERNARD', level: 1 })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter les données (RGPD)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^rgpd-foyer-bernard-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(exported).toMatchObject({ format: 'guichet-rgpd-foyer/1', household: { id: kept, name: 'BERNARD' } });
  expect(exported.guardians).toHaveLength(1);
  expect(exported.children[0]).toMatchObject({ firstName: 'Léa' });
  await expect(page.getByText('Fichier « rgpd-foyer-bernard-')).toBeVisible();
  await page.getByRole('button', { name: 'Fermer la notification' }).click();
  await expect(page.getByText('Export prêt')).toHaveCount(0);
  await shot(page, '06-family-export');

  // The purge: the preview lists what goes and what the law keeps; a typed confirmation runs it.
  await nav(page).getByRole('link', { name: 'Données personnelles (RGPD)' }).click();
  await expect(page.getByRole('heading', { name: 'Données personnelles (RGPD)', level: 1 })).toBeFocused();
  const table = page.getByTestId('purge-table');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('MOREAU');
  await expect(table).toContainText('Déménagement');
  await expect(table).toContainText('1 responsable, 1 enfant');
  await page.getByRole('combobox', { name: 'Foyers archivés depuis au moins' }).selectOption({ label: '10 ans' });
  await expect(page.getByText('Aucun foyer archivé depuis aussi longtemps : rien à effacer.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Foyers archivés depuis au moins' }).selectOption({ label: '5 ans' });
  await page.getByRole('checkbox', { name: 'Sélectionner le foyer MOREAU' }).check();
  await expect(page.getByRole('checkbox', { name: 'Tout sélectionner' })).toBeChecked();
  await page.waitForTimeout(300); // the checkboxes' colour transition
  await shot(page, '07-rgpd-preview');
  await checkA11y(page, 'rgpd preview');
  await page.getByRole('button', { name: 'Effacer les données de 1 foyer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Effacer définitivement les données personnelles' });
  const confirm = dialog.getByRole('button', { name: 'Effacer les données' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Pour confirmer, tapez EFFACER' }).fill('EFFACER');
  await shot(page, '08-rgpd-confirm');
  await confirm.click();
  await expect(page.getByText('1 foyer anonymisé.')).toBeVisible();
  await expect(page.getByText('Aucun foyer archivé depuis aussi longtemps : rien à effacer.')).toBeVisible();

  // The purged household: anonymous, and its audit trail says what happened, in French.
  await page.goto(`${new URL(desk.url).origin}/#/familles/${old}`);
  await expect(page.getByRole('heading', { name: 'Anonyme', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Effacement des données personnelles \(RGPD\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Fermer la notification' }).first().click();
  await page.screenshot({ path: 'tests/e2e/artifacts/admin-09-purged-family.png', fullPage: true });
});
