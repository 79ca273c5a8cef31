// Online enrolment, parent side, at phone size (390×844), against a real hub process and a real SMTP server:
// a new family creates its space from the login page, confirms its e-mail address (link in the mail) and
// chooses a password, fills the yearly file (contacts, fiche sanitaire, photo consent, règlement), sends an
// insurance certificate (a real PDF file), asks for the canteen; a 30 MB file and an executable renamed .pdf
// are refused in French. The commune then decides at its desk (browser mode, a second page at 1366×768), through
// the « Demandes » screen and its keyboard shortcuts: the header count, the five requests in the queue, the new
// family validated as a new household (no look-alike suggested), the certificate shown with `v` (the PDF fetched
// from the hub, in a blob: frame) and validated, the yearly file and the canteen (résident) accepted with `a`,
// the vaccination photo refused with `r` and a reason; the decisions sync to the hub. The parent receives the
// decision e-mail, sees it on the dashboard and books a canteen day.
// Every page: a screenshot (tests/e2e/artifacts/portal-enrolment-*.png) and axe-core without serious issue.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { DESKTOP, expect, frenchDay, parentContext, PHONE, shot, test } from './fixtures/portal';

async function checkAccessibility(page: Page, name: string, exclude?: string) {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  // A desk toast left over from the decision before, dimmed by a dialog's overlay, is not the screen under test.
  const results = await (exclude ? builder.exclude(exclude) : builder).analyze();
  const describe = (v: (typeof results.violations)[number]) =>
    `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`;
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  console.log(
    `axe ${name}: ${results.passes.length} rules passed, ${results.violations.length} violated${minor.length ? ` (${minor.map(describe).join('; ')})` : ''}`,
  );
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(describe), name).toEqual([]);
}

/** A desk screenshot (tests/e2e/artifacts/portal-<name>.png), once the dialogs' opening transitions are over. */
async function deskShot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({
    path: `tests/e2e/artifacts/portal-${name}.png`,
    style: '.mantine-Notifications-root { display: none !important; }',
  });
}

async function settled(page: Page, heading: string | RegExp) {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText('Chargement…')).toHaveCount(0);
}

/** A tiny but real PDF (one empty page). */
const PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

/** A real 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const EMAIL = 'sophie.lefebvre@exemple.fr';
const RULES_BODY = Array.from(
  { length: 30 },
  (_, i) =>
    `Article ${i + 1}. Les enfants sont accueillis dans le respect des horaires ; toute absence est signalée la veille avant 10 h.`,
).join('\n');

test('a new family signs up, fills its yearly file, sends a document, asks for the canteen; the commune accepts; the family books', async ({
  browser,
  scene,
}) => {
  test.setTimeout(300_000);
  const { hubUrl, mails, days } = scene;
  const files = mkdtempSync(join(tmpdir(), 'guichet-docs-'));
  const mailsTo = (address: string) => mails.mails.filter((m) => m.to.includes(address));
  const nextMailTo = async (address: string, contains: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = mailsTo(address).find((m) => contains.test(m.text));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `No mail to ${address} matching ${contains}; got: ${mailsTo(address)
            .map((m) => m.text.slice(0, 300))
            .join('\n---\n')}`,
        );
      await new Promise((done) => setTimeout(done, 200));
    }
  };

  // ——— The commune: an insurance certificate is asked in every yearly file; a règlement is published ———
  const docType = await scene.must('documentType.save', {
    name: 'Attestation d’assurance',
    description: 'Responsabilité civile et individuelle accident, pour l’année scolaire.',
    scope: 'household',
    validity: 'schoolYear',
    validityMonths: 0,
    requiredForFile: true,
    requiredForActivities: [scene.activityId],
  });
  const documentTypeId: string = docType.documentTypeId;
  await scene.must('documentType.save', {
    name: 'Carnet de vaccinations',
    description: 'Les pages des vaccinations obligatoires.',
    scope: 'child',
    validity: 'permanent',
    validityMonths: 0,
    requiredForFile: true,
    requiredForActivities: [],
  });
  await scene.must('rules.publish', { title: 'Règlement des services périscolaires', body: RULES_BODY });
  expect(await scene.call('sync.now', {})).toBeTruthy();

  const context = await parentContext(browser, PHONE);
  const page = await context.newPage();
  try {
    // ——— Sign-up, from the login page ———
    await page.goto(`${hubUrl}/connexion`);
    await page.getByRole('link', { name: 'créer mon espace famille' }).click();
    await settled(page, 'Créer mon espace famille');
    // Nothing typed: French messages next to the fields, focus on the first one.
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.getByRole('combobox', { name: 'Civilité' })).toBeFocused();
    await expect(page.getByText('Indiquez votre adresse e-mail : le lien de confirmation y sera envoyé.')).toBeVisible();
    await checkAccessibility(page, 'enrolment-signup-errors');
    await page.getByRole('combobox', { name: 'Civilité' }).selectOption('Mme');
    await page.getByRole('textbox', { name: 'Prénom', exact: true }).first().fill('Sophie');
    await page.getByRole('textbox', { name: 'Nom', exact: true }).first().fill('Lefebvre');
    await page.getByRole('textbox', { name: 'E-mail' }).fill(EMAIL);
    await page.getByRole('textbox', { name: 'Téléphone portable' }).fill('06 45 12 78 90');
    await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('4 rue des Tilleuls');
    await page.getByRole('textbox', { name: 'Code postal' }).fill('79230');
    await page.getByRole('textbox', { name: 'Commune' }).fill('Aiffres');
    const child1 = page.getByRole('group', { name: 'Enfant 1' });
    await child1.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Zoé');
    await child1.getByRole('textbox', { name: 'Nom', exact: true }).fill('Lefebvre');
    await child1.getByLabel('Date de naissance').fill('2020-05-14');
    await child1.getByRole('combobox', { name: 'Sexe' }).selectOption('F');
    await child1.getByRole('combobox', { name: /Niveau scolaire/ }).selectOption('CP');
    // A second row, then removed: the list is editable.
    await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
    const child2 = page.getByRole('group', { name: 'Enfant 2' });
    await expect(child2.getByRole('textbox', { name: 'Nom', exact: true })).toHaveValue('Lefebvre');
    await shot(page, 'enrolment-01-signup');
    await checkAccessibility(page, 'enrolment-signup');
    await page.getByRole('button', { name: 'Retirer l’enfant 2' }).click();
    await expect(child2).toHaveCount(0);
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await settled(page, 'Consultez vos e-mails');
    await expect(page.getByText(EMAIL)).toBeVisible();
    await shot(page, 'enrolment-02-check-mail');
    await checkAccessibility(page, 'enrolment-check-mail');

    // ——— The e-mail's link: choose a password, land in the space, pending ———
    const mail = await nextMailTo(EMAIL, /inscription\/verifier/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/[#/]*inscription\/verifier\?jeton=[\w%-]+)/.exec(mail.text)![1]!;
    await page.goto(link);
    await settled(page, 'Confirmer mon adresse e-mail');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('Tilleuls-et-cantine-79');
    await expect(page.getByText('Robustesse : très bonne')).toBeVisible();
    await shot(page, 'enrolment-03-verify');
    await checkAccessibility(page, 'enrolment-verify');
    await page.getByRole('button', { name: 'Créer mon espace famille' }).click();
    await settled(page, 'Tableau de bord');
    await expect(page.getByText('Dossier en attente de validation par la mairie')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Messages de la mairie' })).toContainText(/Demande d.inscription reçue/);
    await expect(page.getByRole('region', { name: 'Dossier annuel' })).toContainText('À remplir');
    await shot(page, 'enrolment-04-dashboard-pending');
    await checkAccessibility(page, 'enrolment-dashboard-pending');

    // ——— Dossier annuel, from the menu ———
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Dossier annuel' }).click();
    await settled(page, 'Dossier annuel');
    await expect(page.getByText('À remplir', { exact: true })).toBeVisible();
    const zoe = page.getByRole('region', { name: 'Zoé Lefebvre' });
    await zoe.getByRole('button', { name: 'Ajouter une personne pour Zoé' }).click();
    await zoe.getByRole('textbox', { name: 'Nom et prénom' }).fill('Martine Lefebvre');
    await zoe.getByRole('textbox', { name: 'Téléphone', exact: true }).fill('06 11 22 33 44');
    await zoe.getByRole('textbox', { name: /Lien avec l’enfant/ }).fill('Grand-mère');
    await zoe.getByRole('combobox', { name: 'Régime alimentaire' }).selectOption('noPork');
    await zoe.getByRole('textbox', { name: /Allergies/ }).fill('Arachide');
    await zoe.getByRole('textbox', { name: 'Médecin traitant' }).fill('Dr Moreau');
    // Sent without the photo consent nor the règlement: French messages, nothing sent.
    await page.getByRole('button', { name: 'Envoyer mon dossier annuel' }).click();
    await expect(zoe.getByText('Indiquez votre choix pour le droit à l’image.')).toBeVisible();
    await expect(page.getByText('Lisez le règlement intérieur et cochez la case pour l’accepter.')).toBeVisible();
    await zoe.getByRole('radio', { name: 'J’autorise la commune à publier des photos' }).check();
    const rules = page.getByRole('region', { name: 'Texte du règlement intérieur (zone défilante)' });
    await expect(rules).toContainText('Article 30.');
    await rules.focus();
    await page.keyboard.press('End');
    await page.getByRole('checkbox', { name: /J’ai lu le règlement intérieur \(version 1\)/ }).check();
    await shot(page, 'enrolment-05-yearly-file');
    await checkAccessibility(page, 'enrolment-yearly-file');
    await page.getByRole('button', { name: 'Envoyer mon dossier annuel' }).click();
    await expect(page.getByText('Envoyé, en attente de validation par la mairie', { exact: true })).toBeVisible();

    // ——— Documents: the certificate from a file; a 30 MB file and an executable are refused in French ———
    await page.goto(`${hubUrl}/documents`);
    await settled(page, 'Documents');
    const insurance = page.getByRole('article', { name: 'Attestation d’assurance' });
    await expect(insurance).toContainText('Manquant');
    const big = join(files, 'scan-enorme.pdf');
    writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(30 * 1024 * 1024, 0x20)]));
    const choose = async (path: string) => {
      const chooser = page.waitForEvent('filechooser');
      await insurance.getByRole('button', { name: /Envoyer (le document|un nouveau fichier)/ }).click();
      await (await chooser).setFiles(path);
    };
    await choose(big);
    await expect(insurance.getByRole('alert')).toContainText('Ce fichier pèse 30 Mo : la taille maximale est de 10 Mo.');
    // The hub decides too: the same file sent without the page's check is refused with its own French message.
    const session = await (await page.request.get(`${hubUrl}/api/parent/session`)).json();
    const householdId: string = session.households[0].id;
    const direct = await page.request.post(`${hubUrl}/api/parent/households/${householdId}/documents`, {
      headers: { 'x-csrf-token': session.csrf },
      multipart: {
        documentTypeId,
        file: { name: 'scan-enorme.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(30 * 1024 * 1024, 0x25) },
      },
    });
    expect(direct.status()).toBe(413);
    expect((await direct.json()).message).toMatch(/10 Mo/);
    const exe = join(files, 'attestation.pdf');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096, 0x41)]));
    await choose(exe);
    await expect(insurance.getByRole('alert')).toContainText('Format non accepté');
    await shot(page, 'enrolment-06-documents-refused');
    const pdf = join(files, 'attestation-assurance.pdf');
    writeFileSync(pdf, PDF);
    await choose(pdf);
    await expect(insurance).toContainText('Reçu, en cours de vérification');
    await expect(insurance.getByRole('alert')).toHaveCount(0);
    const view = insurance.getByRole('link', { name: /voir attestation-assurance\.pdf/ });
    const viewed = await page.request.get(new URL((await view.getAttribute('href'))!, hubUrl).toString());
    expect(viewed.status()).toBe(200);
    expect(viewed.headers()['content-type']).toContain('application/pdf');
    expect((await viewed.body()).toString('latin1')).toBe(PDF);
    // A child's document, from a phone photo (PNG).
    const vaccinations = page
      .getByRole('region', { name: 'Documents de Zoé Lefebvre' })
      .getByRole('article', { name: 'Carnet de vaccinations' });
    await expect(vaccinations).toContainText('Manquant');
    const photo = join(files, 'vaccins.png');
    writeFileSync(photo, Buffer.from(PNG_BASE64, 'base64'));
    const photoChooser = page.waitForEvent('filechooser');
    await vaccinations.getByRole('button', { name: 'Envoyer le document' }).click();
    await (await photoChooser).setFiles(photo);
    await expect(vaccinations).toContainText('Reçu, en cours de vérification');
    await shot(page, 'enrolment-07-documents');
    await checkAccessibility(page, 'enrolment-documents');

    // ——— Inscriptions: the canteen for the school year ———
    await page.goto(`${hubUrl}/inscriptions`);
    await settled(page, 'Inscriptions');
    const canteen = page
      .getByRole('region', { name: 'Inscrire Zoé Lefebvre' })
      .getByRole('article', { name: 'Restauration scolaire' });
    await expect(canteen).toBeVisible();
    await canteen.getByRole('radio').first().check();
    await shot(page, 'enrolment-08-enrolment');
    await checkAccessibility(page, 'enrolment-enrolment');
    await canteen.getByRole('button', { name: 'Demander l’inscription de Zoé' }).click();
    const requests = page.getByRole('region', { name: 'Mes demandes' });
    await expect(requests).toContainText('Restauration scolaire');
    await expect(requests).toContainText('En attente de réponse');
    await shot(page, 'enrolment-09-requested');

    // ——— The commune decides, at its desk (browser mode, on a computer), through the « Demandes » screen ———
    expect(await scene.call('sync.now', {})).toBeTruthy();
    const deskContext = await parentContext(browser, DESKTOP);
    try {
      const desk = await deskContext.newPage();
      await desk.goto(scene.desk.url);
      const count = desk.getByTestId('requests-count');
      await expect(count).toHaveAccessibleName('Demandes en ligne : 5 en attente');
      // An empty desk runs in set-up mode (no staff account yet): no login screen stands in the way.
      await expect(desk.getByText('Mode mise en service')).toBeVisible();
      await expect(desk.getByRole('heading', { level: 1, name: 'Connexion' })).toHaveCount(0);
      await count.click();
      await expect(desk).toHaveURL(/#\/demandes$/);
      await expect(desk.getByRole('heading', { level: 1, name: 'Demandes' })).toBeVisible();
      const list = desk.getByRole('listbox', { name: 'Demandes à traiter' });
      const options = list.getByRole('option');
      await expect(options).toHaveCount(5);
      const signUpRow = options.filter({ hasText: 'Nouvelle famille' });
      const fileRow = options.filter({ hasText: 'Dossier annuel' });
      const certificateRow = options.filter({ hasText: 'Attestation d’assurance — attestation-assurance.pdf' });
      const vaccinationsRow = options.filter({ hasText: /Carnet de vaccinations.* — vaccins\.png/ });
      const canteenRow = options.filter({ hasText: /Zoé Lefebvre — Restauration scolaire, du \d{2}\/\d{2}\/\d{4} au/ });
      for (const row of [signUpRow, fileRow, certificateRow, vaccinationsRow, canteenRow]) {
        await expect(row).toHaveCount(1);
        await expect(row).toContainText('LEFEBVRE');
      }
      await expect(signUpRow).toContainText('Sophie Lefebvre — Zoé né(e) le 14/05/2020');
      await expect(desk.getByRole('radio', { name: 'Nouvelles familles (1)' })).toBeAttached();
      await expect(desk.getByRole('radio', { name: 'Pièces (2)' })).toBeAttached();
      await expect(desk.getByRole('radio', { name: 'Inscriptions (1)' })).toBeAttached();
      await deskShot(desk, 'enrolment-desk-1-queue');
      await checkAccessibility(desk, 'enrolment-desk-queue', '.mantine-Notifications-root');

      /** Selects a row from the keyboard: Début, then j until it is the selected one. */
      const select = async (row: Locator) => {
        await list.focus();
        await desk.keyboard.press('Home');
        const ids = await options.evaluateAll((nodes) => nodes.map((n) => n.id));
        const at = ids.indexOf((await row.getAttribute('id'))!);
        expect(at).toBeGreaterThanOrEqual(0);
        for (let i = 0; i < at; i++) await desk.keyboard.press('j');
        await expect(row).toHaveAttribute('aria-selected', 'true');
      };

      // a: the new family, with no existing household that looks like it; validated as a new household.
      await select(signUpRow);
      await desk.keyboard.press('a');
      const signUp = desk.getByRole('dialog', { name: 'Nouvelle famille : LEFEBVRE' });
      await expect(signUp.getByText('Aucun foyer existant ne ressemble à cette famille.')).toBeVisible();
      await expect(signUp.getByTestId('duplicate-suggestion')).toHaveCount(0);
      await expect(signUp).toContainText(EMAIL);
      await expect(signUp).toContainText('Zoé Lefebvre, né(e) le 14/05/2020 (CP)');
      await signUp.getByRole('button', { name: 'Valider comme nouveau foyer' }).click();
      await expect(signUp).toBeHidden();
      await expect(options).toHaveCount(4);
      await expect(count).toHaveAccessibleName('Demandes en ligne : 4 en attente');

      // v: the certificate, fetched from the hub, in the viewer (Chromium's PDF viewer, from a blob: URL); validated.
      await select(certificateRow);
      const fetched = desk.waitForResponse((r) => r.url().endsWith('/api/call/documents.file'));
      await desk.keyboard.press('v');
      // What the desk fetched from the hub for the viewer: the very bytes the family sent.
      const file = await (await fetched).json();
      expect(file.ok, JSON.stringify(file).slice(0, 300)).toBe(true);
      expect(file.value).toMatchObject({ fileName: 'attestation-assurance.pdf', mimeType: 'application/pdf' });
      expect(Buffer.from(file.value.base64, 'base64').toString('latin1')).toBe(PDF);
      const viewer = desk.getByRole('dialog', { name: 'Pièce : Attestation d’assurance' });
      await expect(viewer).toContainText('LEFEBVRE');
      await expect(viewer.getByTestId('document-file-name')).toHaveText('Fichier : attestation-assurance.pdf');
      const frame = viewer.locator('iframe[title="Document PDF : attestation-assurance.pdf"]');
      await expect(frame).toBeVisible({ timeout: 15_000 });
      // Headless Chromium may not render the PDF: the frame's blob: URL is what can be checked.
      expect(await frame.getAttribute('src')).toMatch(/^blob:/);
      await expect(viewer.getByRole('button', { name: 'Télécharger' })).toBeVisible();
      await deskShot(desk, 'enrolment-desk-2-viewer');
      await checkAccessibility(desk, 'enrolment-desk-viewer', '.mantine-Notifications-root');
      await viewer.getByRole('button', { name: 'Valider la pièce' }).click();
      await expect(viewer).toBeHidden();
      await expect(options).toHaveCount(3);
      await expect(certificateRow).toHaveCount(0);

      // a: the yearly file, after a confirmation (Entrée on the focused « Accepter »).
      await select(fileRow);
      await desk.keyboard.press('a');
      const fileDialog = desk.getByRole('dialog', { name: 'Accepter le dossier annuel ?' });
      await expect(fileDialog.getByRole('button', { name: 'Accepter' })).toBeFocused();
      await desk.keyboard.press('Enter');
      await expect(fileDialog).toBeHidden();
      await expect(options).toHaveCount(2);

      // a: the canteen for the school year, at the resident tariff; the certificate it needs is now valid.
      await select(canteenRow);
      await desk.keyboard.press('a');
      const accept = desk.getByRole('dialog', { name: 'Accepter la demande d’inscription' });
      await expect(accept).toContainText('Zoé Lefebvre — Restauration scolaire');
      await expect(accept.getByRole('listitem').filter({ hasText: 'Attestation d’assurance' })).toContainText('Valide');
      await accept.getByRole('radio', { name: 'Résident de la commune' }).check();
      await expect(accept.getByRole('radio', { name: 'Résident de la commune' })).toBeChecked();
      await deskShot(desk, 'enrolment-desk-3-accept');
      await accept.getByRole('button', { name: 'Accepter' }).click();
      await expect(accept).toBeHidden();
      await expect(options).toHaveCount(1);

      // r: the vaccination photo is refused, with the reason the family will read.
      await expect(vaccinationsRow).toHaveAttribute('aria-selected', 'true');
      await select(vaccinationsRow);
      await desk.keyboard.press('r');
      const refuse = desk.getByRole('dialog', { name: 'Refuser la pièce' });
      await refuse.getByRole('button', { name: 'Refuser' }).click();
      await expect(refuse.getByText('Indiquez le motif du refus.')).toBeVisible();
      await refuse.getByRole('textbox', { name: 'Motif du refus' }).fill('Photo illisible : reprenez-la à la lumière du jour.');
      await refuse.getByRole('button', { name: 'Refuser' }).click();
      await expect(refuse).toBeHidden();
      await expect(desk.getByText('Aucune demande à traiter.')).toBeVisible();
      await expect(count).toHaveAccessibleName('Demandes en ligne : aucune en attente');
      await deskShot(desk, 'enrolment-desk-4-done');
    } finally {
      await deskContext.close();
    }
    // The desk's decisions reach the hub with the next synchronisation; the hub accepts every one.
    expect(await scene.call('sync.now', {})).toBeTruthy();
    const outcomes = await scene.call('sync.outcomes', {});
    expect(outcomes.verdicts.filter((v: { outcome: string }) => v.outcome === 'rejected')).toEqual([]);
    expect(outcomes.pending).toEqual([]);
    const decision = await nextMailTo(EMAIL, /Restauration scolaire/);
    expect(decision.text).toMatch(/accept/i);

    // ——— The parent sees it, and books a canteen day ———
    await page.goto(`${hubUrl}/`);
    await settled(page, 'Tableau de bord');
    await expect(page.getByText('Dossier en attente de validation par la mairie')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Messages de la mairie' })).toContainText('Restauration scolaire');
    await shot(page, 'enrolment-10-dashboard-accepted');
    await expect(page.getByRole('region', { name: 'Dossier annuel' })).toContainText('Validé par la mairie');
    await checkAccessibility(page, 'enrolment-dashboard-accepted');
    // The next school year can be asked for too, then withdrawn while it waits.
    await page.goto(`${hubUrl}/inscriptions`);
    await settled(page, 'Inscriptions');
    const mine = page.getByRole('region', { name: 'Mes demandes' });
    await expect(mine.getByRole('listitem')).toHaveCount(1);
    await expect(mine).toContainText('Acceptée');
    const again = page
      .getByRole('region', { name: 'Inscrire Zoé Lefebvre' })
      .getByRole('article', { name: 'Restauration scolaire' });
    await again.getByRole('radio', { name: /Année scolaire 2027-2028/ }).check();
    await again.getByRole('button', { name: 'Demander l’inscription de Zoé' }).click();
    await expect(mine.getByRole('listitem')).toHaveCount(2);
    const waiting = mine.getByRole('listitem').filter({ hasText: 'En attente de réponse' });
    await waiting.getByRole('button', { name: 'Annuler cette demande' }).click();
    await expect(mine.getByRole('listitem').filter({ hasText: 'Annulée' })).toHaveCount(1);
    await expect(mine.getByRole('button', { name: 'Annuler cette demande' })).toHaveCount(0);
    await shot(page, 'enrolment-10b-requests-decided');
    // The documents: validated until the end of the school year; the refused one with its reason, to send again.
    await page.goto(`${hubUrl}/documents`);
    await settled(page, 'Documents');
    await expect(page.getByRole('article', { name: 'Attestation d’assurance' })).toContainText('Validé jusqu’au 31 août 2027');
    const refused = page.getByRole('article', { name: 'Carnet de vaccinations' });
    await expect(refused).toContainText('Refusé');
    await expect(refused).toContainText('Motif du refus : Photo illisible : reprenez-la à la lumière du jour.');
    await expect(refused.getByRole('button', { name: 'Envoyer un nouveau fichier' })).toBeVisible();
    await shot(page, 'enrolment-10c-documents-decided');
    await checkAccessibility(page, 'enrolment-documents-decided');
    await page.goto(`${hubUrl}/reservations?mois=${days[0].slice(0, 7)}`);
    await settled(page, 'Réservations');
    await page.getByRole('checkbox', { name: `Réserver — Repas, ${frenchDay(days[0])}` }).click();
    await page.getByRole('region', { name: 'Votre sélection' }).getByRole('button', { name: 'Vérifier et valider' }).click();
    await page.getByRole('dialog', { name: 'Vérifiez vos choix' }).getByRole('button', { name: 'Confirmer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'C’est enregistré' })).toContainText(
      `Zoé, ${frenchDay(days[0])} — Repas : réservé`,
    );
    await shot(page, 'enrolment-11-booked');

    // ——— The same pages on a computer ———
    const desktop = await parentContext(browser, DESKTOP, await context.storageState());
    const wide = await desktop.newPage();
    for (const [name, path, heading] of [
      ['enrolment', '/inscriptions', 'Inscriptions'],
      ['documents', '/documents', 'Documents'],
      ['yearly-file', '/dossier-annuel', 'Dossier annuel'],
    ] as const) {
      await wide.goto(`${hubUrl}${path}`);
      await settled(wide, heading);
      await shot(wide, `enrolment-12-${name}-desktop`);
      await checkAccessibility(wide, `enrolment-${name}-desktop`);
    }
    await desktop.close();
  } finally {
    await context.close();
    rmSync(files, { recursive: true, force: true });
  }
});
