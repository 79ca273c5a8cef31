// The family file beyond creation: contacts (with the core's French field error), quotient familial, invoice
// recipient, archive and restore — each visible on the page and in the audit trail. Plus keyboard-only search
// among several families, and an axe check of the main screens.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { deskCall, expect, test, type Desk } from './fixtures/desk';

const martin = {
  guardians: [
    {
      civility: 'Mme',
      firstName: 'Hélène',
      lastName: 'Martin',
      mobilePhone: '06 12 34 56 78',
      email: 'helene.martin@exemple.fr',
      relationship: 'mother',
    },
    {
      civility: 'M.',
      firstName: 'Loïc',
      lastName: 'Martin',
      homePhone: '05 49 12 34 56',
      relationship: 'father',
      receivesInvoices: false,
    },
  ],
  children: [
    {
      firstName: 'Léa',
      lastName: 'Martin',
      birthDate: '2018-04-12',
      schoolLevel: 'CE2',
      allergies: 'arachide',
      hasCareplan: true,
      careplanNote: 'Trousse au bureau',
    },
    { firstName: 'Théo', lastName: 'Martin', birthDate: '2021-09-30', schoolLevel: 'PS', diet: 'noPork' },
  ],
};

async function openFamily(page: Page, desk: Desk, householdId: string) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Familles', level: 1 })).toBeVisible();
  await page.goto(`${new URL(desk.url).origin}/#/familles/${householdId}`);
}

test('contacts, quotient familial, invoices, archive and restore from the family file', async ({ page, desk }) => {
  const created = await deskCall(desk, 'household.create', martin);
  await openFamily(page, desk, created.value.householdId);
  await expect(page.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeFocused();
  const lea = page.getByRole('article', { name: 'Léa Martin' });
  await expect(lea.getByText('PAI', { exact: true })).toBeVisible();

  // Contacts: a forbidden person cannot be an emergency contact — the core says so next to the box.
  await lea.getByRole('button', { name: 'Contacts de Léa Martin' }).click();
  const contacts = page.getByRole('dialog', { name: 'Contacts de Léa Martin' });
  await contacts.getByRole('button', { name: 'Ajouter un contact' }).click();
  const first = contacts.getByRole('group', { name: 'Contact 1' });
  await expect(first.getByRole('textbox', { name: 'Nom et prénom' })).toBeFocused();
  await first.getByRole('textbox', { name: 'Nom et prénom' }).fill('Jeanne Martin');
  await first.getByRole('textbox', { name: 'Téléphone' }).fill('0611223344');
  await first.getByRole('textbox', { name: 'Lien avec l’enfant' }).fill('grand-mère');
  await first.getByRole('checkbox', { name: 'Contact d’urgence' }).check();
  await contacts.getByRole('button', { name: 'Ajouter un contact' }).click();
  const second = contacts.getByRole('group', { name: 'Contact 2' });
  await second.getByRole('textbox', { name: 'Nom et prénom' }).fill('Paul Durand');
  await second.getByRole('combobox', { name: 'Récupération de l’enfant' }).selectOption('forbidden');
  await second.getByRole('checkbox', { name: 'Contact d’urgence' }).check();
  await expect(second.getByText('Personne interdite : ne jamais lui confier l’enfant.')).toBeVisible();
  await contacts.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(second.getByText('Une personne interdite ne peut pas être contact d’urgence.'.replace('’', "'"))).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/artifacts/07-contacts-error.png' });
  await second.getByRole('checkbox', { name: 'Contact d’urgence' }).uncheck();
  await contacts.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(contacts).toBeHidden();
  await expect(lea.getByText('Paul Durand')).toBeVisible();
  await expect(lea.getByText('1 interdite')).toBeVisible();
  await expect(lea.getByRole('listitem').filter({ hasText: 'Paul Durand' })).toContainText('Interdit(e) de récupérer l’enfant');
  await expect(lea.getByRole('listitem').filter({ hasText: 'Jeanne Martin' })).toContainText('Contact d’urgence');

  // Quotient familial.
  const qf = page.getByRole('region', { name: 'Quotient familial' });
  await expect(qf.getByText('Aucun quotient familial en cours de validité.')).toBeVisible();
  await qf.getByRole('button', { name: 'Nouveau QF' }).click();
  const qfDialog = page.getByRole('dialog', { name: 'Enregistrer un nouveau quotient familial' });
  await expect(qfDialog.getByRole('textbox', { name: 'Quotient familial' })).toBeFocused();
  await page.keyboard.type('850');
  await qfDialog.getByRole('textbox', { name: 'Numéro d’allocataire' }).fill('12');
  await qfDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(qfDialog.getByText('Numéro d’allocataire : de 4 à 10 chiffres.'.replace('’', "'"))).toBeVisible();
  await qfDialog.getByRole('textbox', { name: 'Numéro d’allocataire' }).fill('1234567');
  await qfDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(qfDialog).toBeHidden();
  await expect(qf.getByText('850', { exact: true }).first()).toBeVisible();
  await expect(qf.getByText('CAF – allocataire n° 1234567').first()).toBeVisible();

  // Loïc now receives the invoices too.
  const loic = page.getByRole('article', { name: 'M. Loïc Martin' });
  await loic.getByRole('switch', { name: 'Reçoit les factures' }).click({ force: true });
  await expect(loic.getByRole('switch', { name: 'Reçoit les factures' })).toBeChecked();

  // A third guardian, added from the family file: the core's e-mail message shows next to the field.
  await page.getByRole('button', { name: 'Ajouter un responsable' }).click();
  const add = page.getByRole('dialog', { name: 'Ajouter un responsable légal' });
  await add.getByRole('radio', { name: 'Mme', exact: true }).check();
  await add.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Odile');
  await add.getByRole('textbox', { name: 'Nom', exact: true }).fill('Martin');
  await add.getByRole('textbox', { name: 'Téléphone portable' }).fill('06 99 88 77 66');
  await add.getByRole('textbox', { name: 'E-mail' }).fill('odile.martin@');
  await add.getByRole('combobox', { name: 'Lien avec les enfants' }).selectOption({ label: 'Tuteur ou tutrice légal(e)' });
  await add.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(add.getByText('Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).')).toBeVisible();
  await expect(add.getByRole('textbox', { name: 'E-mail' })).toBeFocused();
  await page.keyboard.type('exemple.fr');
  await add.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('article', { name: 'Mme Odile Martin' })).toContainText(
    'Tuteur ou tutrice légal(e) de Léa et Théo',
  );

  // Archive with a reason, then restore.
  await page.getByRole('button', { name: 'Archiver' }).click();
  const archive = page.getByRole('dialog', { name: 'Archiver le foyer' });
  await archive.getByRole('textbox', { name: 'Motif de l’archivage' }).fill('Déménagement');
  await archive.getByRole('button', { name: 'Archiver le foyer' }).click();
  await expect(archive).toBeHidden();
  await expect(page.getByText('Archivé', { exact: true })).toBeVisible();
  await expect(page.getByText('Motif : Déménagement').first()).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/artifacts/08-family-archived.png', fullPage: true });
  await page.getByRole('button', { name: 'Restaurer' }).click();
  await page.getByRole('dialog', { name: 'Restaurer le foyer' }).getByRole('button', { name: 'Restaurer le foyer' }).click();
  await expect(page.getByRole('button', { name: 'Archiver' })).toBeVisible();

  const audit = page.getByRole('table', { name: 'Historique des modifications' });
  await expect(audit.getByRole('row').filter({ hasText: 'Contacts de l’enfant' })).toContainText(
    'Contacts : (vide) → Jeanne Martin (autorisé), Paul Durand (interdit)',
  );
  await expect(audit.getByRole('row').filter({ hasText: 'Nouveau quotient familial' })).toContainText('Quotient familial : 850');
  await expect(audit.getByRole('row').filter({ hasText: 'Destinataire des factures' })).toContainText(
    'Reçoit les factures : Non → Oui',
  );
  await expect(audit.getByRole('row').filter({ hasText: 'Archivage du foyer' })).toContainText('Motif : Déménagement');
  await expect(audit.getByRole('row').filter({ hasText: 'Restauration du foyer' })).toHaveCount(1);
  await page.screenshot({ path: 'tests/e2e/artifacts/09-family-page-complete.png', fullPage: true });
});

test('keyboard only: search among several families, open the second one', async ({ page, desk }) => {
  await deskCall(desk, 'household.create', martin);
  await deskCall(desk, 'household.create', {
    guardians: [
      { civility: 'Mme', firstName: 'Léa', lastName: 'Martinez', mobilePhone: '07 00 00 00 01', relationship: 'mother' },
    ],
  });
  await page.goto(desk.url);
  const search = page.getByRole('combobox', { name: 'Rechercher une famille' });
  await expect(search).toBeFocused();
  // The recent families are listed before anything is typed.
  await expect(page.getByRole('listbox', { name: 'Familles récentes' }).getByRole('option')).toHaveCount(2);
  await page.keyboard.type('LEA MART');
  const options = page.getByRole('listbox', { name: 'Résultats de la recherche' }).getByRole('option');
  await expect(options).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const second = (await options.nth(1).textContent())!.includes('MARTINEZ') ? 'MARTINEZ' : 'MARTIN';
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: second, level: 1, exact: true })).toBeVisible();

  // A half-filled new family survives a look at another family (a call came in), and can be discarded.
  await page.getByRole('navigation').getByRole('link', { name: 'Nouvelle famille' }).click();
  const firstName = page.getByRole('group', { name: 'Responsable 1' }).getByRole('textbox', { name: 'Prénom', exact: true });
  await firstName.fill('Zoé');
  await page.keyboard.press('Control+K');
  await page.keyboard.type('martinez');
  await expect(page.getByRole('dialog').getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'MARTINEZ', level: 1 })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Nouvelle famille' }).click();
  await expect(page.getByText('Saisie reprise')).toBeVisible();
  await expect(firstName).toHaveValue('Zoé');
  await page.getByRole('button', { name: 'Recommencer à zéro' }).click();
  await expect(firstName).toHaveValue('');
  await expect(page.getByText('Saisie reprise')).toBeHidden();
});

test('the main screens have no serious accessibility violation', async ({ page, desk }) => {
  const created = await deskCall(desk, 'household.create', martin);
  const householdId = created.value.householdId;
  const view = await deskCall(desk, 'families.get', { householdId });
  await deskCall(desk, 'familyQuotient.record', {
    householdId,
    value: 850,
    organisation: 'CAF',
    allowanceNumber: '1234567',
    validFrom: '2020-01-01',
    validTo: '2099-12-31',
  });
  await deskCall(desk, 'familyQuotient.record', {
    householdId,
    value: 700,
    organisation: 'CAF',
    validFrom: '2019-01-01',
    validTo: '2019-12-31',
  });
  await deskCall(desk, 'child.setContacts', {
    childId: view.children[0].id,
    contacts: [
      { name: 'Jeanne Martin', phone: '0611223344', link: 'grand-mère', pickup: 'allowed', emergencyContact: true },
      { name: 'Paul Durand', pickup: 'forbidden' },
    ],
  });
  const check = async (what: string) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      what,
    ).toEqual([]);
  };
  await page.goto(desk.url);
  await expect(page.getByRole('listbox', { name: 'Familles récentes' })).toBeVisible();
  await check('home');
  await page.getByRole('main').getByRole('link', { name: 'Nouvelle famille' }).click();
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  await check('new family form');
  await openFamily(page, desk, householdId);
  await expect(page.getByRole('table', { name: 'Historique des modifications' })).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/artifacts/10-family-page-rich.png', fullPage: true });
  await check('family file');
  await page.keyboard.press('Control+K');
  await page.keyboard.type('martin');
  await expect(page.getByRole('dialog').getByRole('option')).toHaveCount(1);
  await check('search window');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Modifier Léa Martin' }).click();
  await check('child modal');
});
