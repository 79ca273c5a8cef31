// A new agent on an empty desk: creates a family (2 guardians, 2 children), meets a French field error for an
// invalid phone and fixes it, finds the family with Ctrl+K (a child's first name typed without accents, then a
// phone number), opens it, edits a child's allergy and sees the change in the audit trail.
// Full-page screenshots go to tests/e2e/artifacts/ for review.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/desk';

const shot = (page: Page, name: string) => page.screenshot({ path: `tests/e2e/artifacts/${name}.png`, fullPage: true });

async function fillGuardian(
  fieldset: Locator,
  g: { civility: 'M.' | 'Mme'; firstName: string; lastName: string; relationship: string; phones: Record<string, string> },
) {
  await fieldset.getByRole('radio', { name: g.civility, exact: true }).check();
  await fieldset.getByRole('textbox', { name: 'Prénom', exact: true }).fill(g.firstName);
  await fieldset.getByRole('textbox', { name: 'Nom', exact: true }).fill(g.lastName);
  for (const [label, value] of Object.entries(g.phones))
    await fieldset.getByRole('textbox', { name: label, exact: true }).fill(value);
  await fieldset.getByLabel('Lien avec les enfants').selectOption({ label: g.relationship });
}

async function fillChild(
  fieldset: Locator,
  c: { firstName: string; birthDate: string; sex: string; level: string; diet?: string; allergies?: string },
) {
  await fieldset.getByRole('textbox', { name: 'Prénom', exact: true }).fill(c.firstName);
  await expect(fieldset.getByRole('textbox', { name: 'Nom', exact: true })).toHaveValue('Martin');
  await fieldset.getByRole('textbox', { name: 'Date de naissance' }).fill(c.birthDate);
  await fieldset.getByRole('textbox', { name: 'Date de naissance' }).press('Tab');
  await fieldset.getByRole('combobox', { name: 'Sexe' }).selectOption({ label: c.sex });
  await fieldset.getByLabel('Niveau').selectOption(c.level);
  if (c.diet) await fieldset.getByLabel('Régime alimentaire').selectOption({ label: c.diet });
  if (c.allergies) await fieldset.getByLabel('Allergies').fill(c.allergies);
}

test('a new agent creates a family, finds it and edits a child', async ({ page, desk }) => {
  await page.goto(desk.url);

  // The empty desk: a welcome and a prominent "Nouvelle famille".
  await expect(page.getByRole('heading', { name: 'Familles', level: 1 })).toBeVisible();
  await expect(page.getByText('Bienvenue au guichet')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Rechercher une famille' })).toBeFocused();
  await shot(page, '01-home-empty');

  await page.getByRole('main').getByRole('link', { name: 'Nouvelle famille' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle famille', level: 1 })).toBeVisible();

  const guardian1 = page.getByRole('group', { name: 'Responsable 1' });
  await fillGuardian(guardian1, {
    civility: 'Mme',
    firstName: 'Hélène',
    lastName: 'Martin',
    relationship: 'Mère',
    phones: { 'Téléphone portable': '06 12 34 56 78' },
  });
  await guardian1.getByLabel('E-mail').fill('Helene.Martin@exemple.fr');
  await guardian1.getByLabel('Code postal').fill('79230');
  await guardian1.getByLabel('Ville').fill('Aiffres');
  await expect(page.getByLabel('Nom du foyer')).toHaveValue('MARTIN');

  await page.getByRole('button', { name: 'Ajouter un responsable' }).click();
  const guardian2 = page.getByRole('group', { name: 'Responsable 2' });
  // A home phone with digits missing: the core refuses it.
  await fillGuardian(guardian2, {
    civility: 'M.',
    firstName: 'Loïc',
    lastName: 'Martin',
    relationship: 'Père',
    phones: { 'Téléphone domicile': '05 49 12' },
  });
  await guardian2.getByLabel('Reçoit les factures').uncheck();

  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  await fillChild(page.getByRole('group', { name: 'Enfant 1' }), {
    firstName: 'Léa',
    birthDate: '12/04/2018',
    sex: 'Fille',
    level: 'CE2',
    allergies: 'arachide',
  });
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  await fillChild(page.getByRole('group', { name: 'Enfant 2' }), {
    firstName: 'Théo',
    birthDate: '30092021',
    sex: 'Garçon',
    level: 'PS',
    diet: 'Sans porc',
  });
  await expect(page.getByRole('group', { name: 'Enfant 2' }).getByRole('textbox', { name: 'Date de naissance' })).toHaveValue(
    '30/09/2021',
  );

  await page.getByRole('button', { name: 'Enregistrer la famille' }).click();
  const homePhone = guardian2.getByRole('textbox', { name: 'Téléphone domicile', exact: true });
  await expect(guardian2.getByText('Numéro de téléphone invalide (exemple : 06 12 34 56 78).')).toBeVisible();
  await expect(homePhone).toHaveAttribute('aria-invalid', 'true');
  await expect(homePhone).toBeFocused();
  await expect(page.getByText('Enregistrement impossible')).toBeVisible();
  await expect(page).toHaveURL(/#\/familles\/nouvelle$/);
  await page.screenshot({ path: 'tests/e2e/artifacts/02-form-error-viewport.png' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '02-form-error');

  await homePhone.fill('05.49.12.34.56');
  await page.getByRole('button', { name: 'Enregistrer la famille' }).click();

  // The family file.
  await expect(page.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeVisible();
  const lea = page.getByRole('article', { name: 'Léa Martin' });
  await expect(lea.getByText('Allergies : arachide')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Mme Hélène Martin' }).getByText('06 12 34 56 78')).toBeVisible();
  await expect(page.getByRole('article', { name: 'M. Loïc Martin' }).getByText('05 49 12 34 56')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Théo Martin' }).getByText('Sans porc')).toBeVisible();
  await shot(page, '03-family-page');

  // Back home, Ctrl+K reaches the search; a child's first name without accents finds the family.
  await page.getByRole('navigation').getByRole('link', { name: 'Familles' }).click();
  await expect(page.getByRole('heading', { name: 'Familles', level: 1 })).toBeVisible();
  await page.getByRole('heading', { name: 'Familles', level: 1 }).click();
  await page.keyboard.press('Control+K');
  const search = page.getByRole('combobox', { name: 'Rechercher une famille' });
  await expect(search).toBeFocused();
  await page.keyboard.type('lea');
  const results = page.getByRole('listbox', { name: 'Résultats de la recherche' });
  const option = results.getByRole('option');
  await expect(option).toHaveCount(1);
  await expect(option).toContainText('MARTIN');
  await expect(option).toContainText('Hélène Martin · Loïc Martin');
  await expect(option).toContainText(/Léa Martin \(\d+ ans\)/);
  await expect(option).toContainText('06 12 34 56 78');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await shot(page, '04-search-results');

  // Then by phone, typed in another format, and Enter opens it.
  await search.fill('0549123456');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option')).toContainText('MARTIN');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeVisible();

  // From the family file, Ctrl+K opens the search window; ↓ and Enter work there too.
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Rechercher une famille' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('+33 6 12 34 56 78');
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // Edit Léa's allergies: the card and the audit trail show the change.
  await page.getByRole('button', { name: 'Modifier Léa Martin' }).click();
  const edit = page.getByRole('dialog', { name: 'Modifier la fiche de Léa Martin' });
  await edit.getByLabel('Allergies').fill('arachide, kiwi');
  await page.screenshot({ path: 'tests/e2e/artifacts/05-child-modal.png' });
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit).toBeHidden();
  await expect(lea.getByText('Allergies : arachide, kiwi')).toBeVisible();
  const audit = page.getByRole('table', { name: 'Historique des modifications' });
  const change = audit.getByRole('row').filter({ hasText: 'Modification d’un enfant' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('Enfant : Léa Martin');
  await expect(change).toContainText('Allergies : « arachide » → « arachide, kiwi »');
  await expect(change).toContainText('Agent d’accueil'.replace('’', "'"));
  await shot(page, '06-family-page-after-edit');
});
