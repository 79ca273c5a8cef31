// « Demandes » end to end: a real hub through its command line and an empty desk in browser mode linked to it.
// The desk sets the commune up (an activity with two enrolment places, one taken; a document type) and an
// agent records two enrolment requests; Anne Martin activates her family space with a letter code and sends two
// photos of her insurance certificate through the parent API, so the files exist on the hub only. After a sync
// the header says « Demandes 4 »; the queue lists the four, oldest first. (A third family then takes the
// last enrolment place at the desk.) Keyboard only: `l` puts Léa's request
// on the waiting list, `r` refuses Théo's (the reason is required), `v` shows the document fetched from the hub
// (an image) and « Valider la pièce » with a validity ending this month puts it in « Attestations qui expirent
// ce mois »; `k` then `a` accepts Léa's request although the activity is full (forced, with a reason). The hub
// agrees with every decision after a sync. The hub stops: the viewer says plainly that the document cannot be
// shown offline. Screenshots (1366×768): tests/e2e/artifacts/requests-*.png.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { deskBridge, expect, test } from './fixtures/desk';
import { startSmtpServer } from '../fixtures/smtpServer';
import { startHubProcess } from './fixtures/hubProcess';

test.describe.configure({ timeout: 180_000 });

async function accessible(page: Page, what: string) {
  await page.mouse.move(0, 0);
  // A toast left over from the step before, dimmed by a dialog's overlay, is not the screen under test.
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

/** Screenshots once the dialogs' opening transitions are over. */
const shot = async (page: Page, name: string) => {
  await page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    // A cancelled animation rejects `finished`: it is over all the same.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({
    path: `tests/e2e/artifacts/requests-${name}.png`,
    style: '.mantine-Notifications-root { display: none !important; }',
  });
};

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const monthEnd = (today: string) => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

test('staff decide online requests from the keyboard; documents are fetched from the hub', async ({ desk, page, browser }) => {
  const hub = await startHubProcess({ commune: 'Aiffres' });
  try {
    const { call, must } = deskBridge(desk);
    expect((await call('sync.connect', { hubUrl: hub.url, code: await hub.enrolmentCode('Accueil mairie') })).ok).toBe(true);

    // ——— The commune: two enrolment places on Wednesdays, one taken by Hugo Bernard ———
    const { activityId } = await must('activity.save', {
      name: 'Mercredis loisirs',
      kind: 'wednesday',
      openOn: 'wednesdays',
      deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
      units: [{ name: 'Journée', startTime: '08:00', endTime: '18:00' }],
      groups: [
        { name: 'Petits', levels: ['PS', 'MS', 'GS'], capacities: [20] },
        { name: 'Grands', levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [20] },
      ],
      enrolmentCapacity: 2,
      onlineEnrolment: true,
      autoAccept: false,
    });
    const { documentTypeId } = await must('documentType.save', {
      name: 'Attestation d’assurance',
      description: 'Responsabilité civile et individuelle accident.',
      scope: 'household',
      validity: 'schoolYear',
      requiredForFile: true,
      requiredForActivities: [activityId],
    });
    const { householdId: bernardId } = await must('household.create', {
      guardians: [
        { civility: 'Mme', firstName: 'Julie', lastName: 'Bernard', mobilePhone: '06 11 22 33 44', relationship: 'mother' },
      ],
      children: [{ firstName: 'Hugo', lastName: 'Bernard', birthDate: '2019-03-02', schoolLevel: 'CE1' }],
    });
    const bernard = await call('families.get', { householdId: bernardId });
    await must('enrolment.create', {
      childId: bernard.children[0].id,
      activityId,
      fromDate: '2026-09-01',
      toDate: '2027-07-03',
      tariffCategory: 'resident',
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
        },
      ],
      children: [
        { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-04-12', schoolLevel: 'CE2' },
        { firstName: 'Théo', lastName: 'Martin', birthDate: '2021-09-30', schoolLevel: 'MS' },
      ],
    });
    const martin = await call('families.get', { householdId });
    const child = (name: string) => martin.children.find((c: any) => c.firstName === name).id as string;
    for (const name of ['Léa', 'Théo'])
      await must('enrolmentRequest.submit', {
        householdId,
        childId: child(name),
        activityId,
        fromDate: '2027-01-06',
        toDate: '2027-07-03',
      });
    await call('sync.now', {});
    // Since then, Zoé Petit has taken the last place (enrolled at the desk).
    const { householdId: petitId } = await must('household.create', {
      guardians: [
        { civility: 'M.', firstName: 'Marc', lastName: 'Petit', mobilePhone: '06 55 44 33 22', relationship: 'father' },
      ],
      children: [{ firstName: 'Zoé', lastName: 'Petit', birthDate: '2018-06-20', schoolLevel: 'CE2' }],
    });
    const petit = await call('families.get', { householdId: petitId });
    await must('enrolment.create', {
      childId: petit.children[0].id,
      activityId,
      fromDate: '2026-09-01',
      toDate: '2027-07-03',
      tariffCategory: 'resident',
    });

    // ——— Anne sends two photos of her certificate from her family space (through the hub's parent API) ———
    const letter = await must('portal.letter', { guardianId: martin.guardians[0].id });
    const activated = await fetch(`${hub.url}/api/parent/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: letter.code, password: 'Cantine-Aiffres-2026!' }),
    });
    expect(activated.status, await activated.clone().text()).toBe(200);
    const { csrf } = (await activated.json()) as { csrf: string };
    const cookie = activated.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const photo = await browser.newPage({ viewport: { width: 640, height: 360 } });
    await photo.setContent(
      '<body style="margin:0;background:#fffbe6;font:28px serif;padding:40px"><h1>Attestation d’assurance</h1><p>Famille MARTIN — année 2026-2027</p></body>',
    );
    const png = await photo.screenshot();
    await photo.close();
    for (const fileName of ['assurance.png', 'assurance-verso.png']) {
      const form = new FormData();
      form.append('documentTypeId', documentTypeId);
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), fileName);
      const uploaded = await fetch(`${hub.url}/api/parent/households/${householdId}/documents`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf },
        body: form,
      });
      expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    }
    // …and her yearly file, accepting the règlement intérieur the mairie has just published.
    const { rulesVersionId } = await must('rules.publish', { title: 'Règlement des accueils', body: 'Article 1 : …' });
    await call('sync.now', {});
    const today = parisToday();
    const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0);
    const filed = await fetch(`${hub.url}/api/parent/households/${householdId}/file`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        schoolYear: `${year}-${year + 1}`,
        rulesVersionId,
        children: [
          {
            childId: child('Léa'),
            allergies: 'Arachide et fruits à coque',
            hasCareplan: true,
            careplanNote: 'Stylo adrénaline dans le cartable',
            doctorName: 'Dr Roux',
            doctorPhone: '01 45 67 89 01',
            photoConsent: true,
            contacts: [
              { name: 'Jeanne Martin', phone: '06 11 22 33 55', link: 'Grand-mère', pickup: 'allowed', emergencyContact: true },
              { name: 'Marc Dubois', link: 'Voisin', pickup: 'forbidden' },
            ],
          },
        ],
      }),
    });
    expect(filed.ok, await filed.clone().text()).toBe(true);
    await call('sync.now', {});

    const leaRequestId = (await call('requests.queue', { kind: 'enrolment' })).items.find(
      (i: any) => i.childName === 'Léa Martin',
    ).id as string;

    // ——— The header counts them; the queue lists them oldest first ———
    await page.goto(desk.url);
    const count = page.getByTestId('requests-count');
    await expect(count).toHaveAccessibleName('Demandes en ligne : 5 en attente');
    await count.click();
    await expect(page).toHaveURL(/#\/demandes$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Demandes' })).toBeVisible();
    const list = page.getByRole('listbox', { name: 'Demandes à traiter' });
    const options = list.getByRole('option');
    await expect(options).toHaveCount(5);
    await expect(options.nth(0)).toContainText('Léa Martin — Mercredis loisirs, du 06/01/2027 au 03/07/2027');
    await expect(options.nth(1)).toContainText('Théo Martin');
    await expect(options.nth(2)).toContainText('Attestation d’assurance — assurance.png');
    await expect(options.nth(3)).toContainText('assurance-verso.png');
    await expect(options.nth(4)).toContainText('Dossier annuel');
    await expect(options.nth(4)).toContainText(`Année scolaire ${year}-${year + 1}`);
    await expect(page.getByRole('radio', { name: 'Inscriptions (2)' })).toBeAttached();
    await expect(page.getByRole('radio', { name: 'Pièces (2)' })).toBeAttached();
    await expect(page.getByText('Aucune attestation n’expire ce mois-ci.')).toBeVisible();
    await shot(page, '1-queue');
    await accessible(page, 'queue');

    // ——— l: Léa's request goes on the waiting list; the selection moves to Théo's ———
    await list.focus();
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('l');
    await expect(options.nth(0)).toContainText('Liste d’attente');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(count).toHaveAccessibleName('Demandes en ligne : 4 en attente');

    // ——— r: refusing Théo's request needs a reason ———
    await page.keyboard.press('r');
    const refuse = page.getByRole('dialog', { name: 'Refuser la demande' });
    await expect(refuse).toBeVisible();
    await refuse.getByRole('button', { name: 'Refuser' }).click();
    await expect(refuse.getByText('Indiquez le motif du refus.')).toBeVisible();
    await refuse
      .getByRole('textbox', { name: 'Motif du refus' })
      .fill('Théo est en maternelle : les mercredis sont réservés aux élémentaires.');
    await shot(page, '2-refuse');
    await refuse.getByRole('button', { name: 'Refuser' }).click();
    await expect(refuse).toBeHidden();
    await expect(options).toHaveCount(4);
    await expect(list).toBeFocused();
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(options.nth(1)).toContainText('assurance.png');

    // ——— v: the document, fetched from the hub, shown inline; validated until the end of the month ———
    await page.keyboard.press('v');
    const viewer = page.getByRole('dialog', { name: 'Pièce : Attestation d’assurance' });
    const image = viewer.getByRole('img', { name: 'Pièce envoyée par la famille : assurance.png' });
    await expect(image).toBeVisible({ timeout: 15_000 });
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    await shot(page, '3-viewer');
    await accessible(page, 'document viewer');
    const end = monthEnd(parisToday());
    await viewer.getByRole('textbox', { name: /Valable jusqu’au/ }).fill(fr(end));
    await viewer.getByRole('button', { name: 'Valider la pièce' }).click();
    await expect(viewer).toBeHidden();
    await expect(options).toHaveCount(3);
    await expect(list).toBeFocused();
    const expiring = page.getByRole('region', { name: 'Attestations qui expirent ce mois' });
    await expect(expiring).toContainText('MARTIN');
    await expect(expiring).toContainText(`Expire le ${fr(end)}`);

    // ——— k then a: Léa's request, accepted although the activity is full (forced with a reason) ———
    await page.keyboard.press('k');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('a');
    const accept = page.getByRole('dialog', { name: 'Accepter la demande d’inscription' });
    await expect(accept.getByTestId('enrolment-capacity')).toHaveText('2 inscrits sur 2 places');
    await expect(accept.getByRole('alert')).toContainText('Les 2 places d’inscription sont prises');
    await expect(accept.getByRole('radio', { name: 'Résident de la commune' })).toBeChecked();
    // The group: by default the one Léa's school level maps to; the agent puts her with the younger ones.
    await expect(accept.getByTestId('level-group')).toHaveText('Niveau CE2 : groupe « Grands »');
    const group = accept.getByRole('combobox', { name: 'Groupe' });
    await expect(group).toHaveValue('Selon le niveau scolaire (Grands)');
    await group.click();
    await page.getByRole('option', { name: 'Petits' }).click();
    await expect(group).toHaveValue('Petits');
    await expect(accept.getByRole('button', { name: 'Accepter' })).toBeDisabled();
    await accept.getByRole('checkbox', { name: 'Accepter malgré la capacité atteinte' }).check();
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await expect(accept.getByText('Indiquez le motif du dépassement.')).toBeVisible();
    await accept.getByRole('textbox', { name: 'Motif du dépassement' }).fill('Accord du maire : place supplémentaire ouverte.');
    await shot(page, '4-accept-full');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await expect(accept).toBeHidden();
    await expect(options).toHaveCount(2);
    await expect(count).toHaveAccessibleName('Demandes en ligne : 2 en attente');

    const accepted = await call('requests.enrolment', { requestId: leaRequestId });
    const groups = (await call('activities.list', {}))[0].groups as { id: string; name: string }[];
    expect(accepted.enrolment.groupId).toBe(groups.find((g) => g.name === 'Petits')!.id);

    // ——— j then Entrée: the yearly file as Anne filed it, accepted from its dialog ———
    await page.keyboard.press('j');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    const fileDialog = page.getByRole('dialog', { name: `Dossier annuel ${year}-${year + 1} — MARTIN` });
    const lea = fileDialog.getByRole('article', { name: 'Léa Martin' });
    await expect(lea).toContainText('Arachide et fruits à coque');
    await expect(lea).toContainText('Stylo adrénaline dans le cartable');
    await expect(lea.getByRole('table', { name: 'Personnes à contacter : Léa' })).toContainText('Marc DuboisVoisinInterdit');
    await expect(fileDialog.getByTestId('file-rules')).toContainText('Version 1 acceptée le');
    await expect(fileDialog.getByTestId('file-rules')).toContainText('par Anne Martin — Règlement des accueils');
    await expect(fileDialog).toContainText('Attestation d’assurance');
    await expect(fileDialog).toContainText('Allergies : (vide) → « Arachide et fruits à coque »');
    await shot(page, '4b-yearly-file');
    await accessible(page, 'yearly file');
    await fileDialog.getByRole('button', { name: 'Accepter le dossier' }).scrollIntoViewIfNeeded();
    await shot(page, '4c-yearly-file-end');
    await fileDialog.getByRole('button', { name: 'Accepter le dossier' }).click();
    await expect(fileDialog).toBeHidden();
    await expect(options).toHaveCount(1);
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(count).toHaveAccessibleName('Demandes en ligne : 1 en attente');

    // ——— The hub agrees with every decision ———
    await call('sync.now', {});
    const outcomes = await call('sync.outcomes', {});
    expect(outcomes.verdicts.filter((v: any) => v.outcome === 'rejected')).toEqual([]);
    expect(outcomes.pending).toEqual([]);
    const view = await call('families.get', { householdId });
    expect(view.household.status).toBe('active');
    const queue = await call('requests.queue', {});
    expect(queue.items.map((i: any) => [i.kind, i.fileName])).toEqual([['document', 'assurance-verso.png']]);

    // ——— Offline: the viewer says plainly that the file is on the hub ———
    await hub.stop();
    await page.keyboard.press('v');
    const offline = page.getByRole('dialog', { name: 'Pièce : Attestation d’assurance' });
    await expect(offline.getByRole('alert')).toContainText('Pièce indisponible hors ligne', { timeout: 15_000 });
    await expect(offline.getByRole('alert')).toContainText('Concentrateur injoignable');
    await shot(page, '5-viewer-offline');
  } finally {
    await hub.dispose();
  }
});

test('a family signed up online is attached to its existing household, another validated as a new one', async ({
  desk,
  page,
}) => {
  const smtp = await startSmtpServer();
  const hub = await startHubProcess({ commune: 'Aiffres', smtpPort: smtp.port });
  try {
    const { call, must } = deskBridge(desk);
    expect((await call('sync.connect', { hubUrl: hub.url, code: await hub.enrolmentCode('Accueil mairie') })).ok).toBe(true);
    const { householdId: dupontId } = await must('household.create', {
      guardians: [
        { civility: 'Mme', firstName: 'Claire', lastName: 'Dupont', mobilePhone: '06 77 88 99 00', relationship: 'mother' },
      ],
      children: [{ firstName: 'Emma', lastName: 'Dupont', birthDate: '2017-05-05', schoolLevel: 'CM1' }],
    });
    await call('sync.now', {});

    // Two families sign up on the portal (the hub e-mails a link; the password confirms the sign-up).
    const signUp = async (
      who: { civility: string; firstName: string; lastName: string; email: string; mobilePhone: string },
      children: object[],
    ) => {
      const response = await fetch(`${hub.url}/api/parent/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...who,
          addressLine1: '4 rue du Marais',
          addressLine2: '',
          postalCode: '79230',
          city: 'Aiffres',
          children,
        }),
      });
      expect(response.status, await response.clone().text()).toBe(202);
      // The confirmation link (the hub also e-mails the family messages).
      let token: string | undefined;
      for (let tries = 0; !token && tries < 150; tries++) {
        const mail = smtp.mails.find((m) => m.to.includes(who.email) && /jeton=/.test(m.text));
        token = mail ? /jeton=([\w-]+)/.exec(mail.text)![1] : undefined;
        if (!token) await new Promise((done) => setTimeout(done, 100));
      }
      expect(token, `a confirmation link for ${who.email}`).toBeDefined();
      const verified = await fetch(`${hub.url}/api/parent/signup/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: token!, password: 'Mercredi-Loisirs-2026!' }),
      });
      expect(verified.status, await verified.clone().text()).toBe(200);
    };
    await signUp(
      { civility: 'M.', firstName: 'Paul', lastName: 'Dupont', email: 'paul.dupont@exemple.fr', mobilePhone: '06 77 88 99 00' },
      [
        { firstName: 'Emma', lastName: 'Dupont', birthDate: '2017-05-05', schoolLevel: 'CM1', relationship: 'father' },
        { firstName: 'Jules', lastName: 'Dupont', birthDate: '2022-01-10', schoolLevel: 'PS', relationship: 'father' },
      ],
    );
    await signUp(
      {
        civility: 'Mme',
        firstName: 'Sofia',
        lastName: 'Nguyen',
        email: 'sofia.nguyen@exemple.fr',
        mobilePhone: '07 12 12 12 12',
      },
      [{ firstName: 'Linh', lastName: 'Nguyen', birthDate: '2019-11-02', schoolLevel: 'CE1', relationship: 'mother' }],
    );
    await call('sync.now', {});

    await page.goto(desk.url);
    await page.getByTestId('requests-count').click();
    const list = page.getByRole('listbox', { name: 'Demandes à traiter' });
    const options = list.getByRole('option');
    await expect(options).toHaveCount(2);
    await expect(options.nth(0)).toContainText('Nouvelle famille');
    await expect(options.nth(0)).toContainText('DUPONT');
    await expect(options.nth(1)).toContainText('NGUYEN');
    await expect(options.nth(1)).toContainText('Sofia Nguyen — Linh né(e) le 02/11/2019');

    // Entrée: the sign-up with the existing household that looks like it, and why.
    await list.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Nouvelle famille : DUPONT/ });
    const suggestion = dialog.getByTestId('duplicate-suggestion');
    await expect(suggestion).toHaveCount(1);
    await expect(suggestion).toContainText('DUPONT');
    await expect(suggestion).toContainText(/téléphone/i);
    await expect(suggestion.getByLabel('Emma Dupont correspond à')).toHaveValue('Emma Dupont (05/05/2017)');
    await expect(suggestion.getByLabel('Jules Dupont correspond à')).toHaveValue('Nouvel enfant dans ce foyer');
    await shot(page, '6-signup-duplicate');
    await accessible(page, 'sign-up with a suggested household');
    await suggestion.getByRole('button', { name: 'Rattacher à ce foyer' }).click();
    await expect(dialog).toBeHidden();
    await expect(options).toHaveCount(1);
    await expect(list).toBeFocused();
    const dupont = await call('families.get', { householdId: dupontId });
    expect(dupont.children.map((c: any) => c.firstName).sort()).toEqual(['Emma', 'Jules']);
    expect(dupont.guardians.map((g: any) => g.firstName).sort()).toEqual(['Claire', 'Paul']);

    // The other one is « en attente de validation » in the family search and on its page.
    const nguyen = (await call('families.search', { q: 'nguyen' }))[0];
    expect(nguyen.pending).toBe(true);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('nguyen');
    await expect(page.getByText('En attente de validation').first()).toBeVisible();
    await shot(page, '7-search-pending');
    await page.keyboard.press('Escape');
    await page.goto(`${new URL(desk.url).origin}/#/familles/${nguyen.householdId}`);
    await expect(page.getByRole('link', { name: /En attente de validation/ })).toBeVisible();
    await shot(page, '8-family-pending');

    // Validated as a new household: nothing similar exists.
    await page.getByRole('link', { name: /En attente de validation/ }).click();
    await expect(page).toHaveURL(/#\/demandes$/);
    await list.focus();
    await page.keyboard.press('a');
    const second = page.getByRole('dialog', { name: /Nouvelle famille : NGUYEN/ });
    await expect(second.getByText('Aucun foyer existant ne ressemble à cette famille.')).toBeVisible();
    await second.getByRole('button', { name: 'Valider comme nouveau foyer' }).click();
    await expect(second).toBeHidden();
    await expect(page.getByText('Aucune demande à traiter.')).toBeVisible();
    await call('sync.now', {});
    const outcomes = await call('sync.outcomes', {});
    expect(outcomes.verdicts.filter((v: any) => v.outcome === 'rejected')).toEqual([]);
    expect((await call('families.get', { householdId: nguyen.householdId })).household.status).toBe('active');
  } finally {
    await hub.dispose();
    await smtp.stop();
  }
});

test('administrators set up document types, the règlement intérieur and online enrolment of an activity', async ({
  desk,
  page,
}) => {
  const { call, must } = deskBridge(desk);
  const { activityId } = await must('activity.save', {
    name: 'Accueil de loisirs',
    kind: 'holiday',
    openOn: 'holidays',
    deadlines: { booking: { kind: 'daysBefore', days: 7, time: '12:00', businessDays: false } },
    units: [{ name: 'Journée', startTime: '08:00', endTime: '18:00' }],
    groups: [{ name: 'Enfants', levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [40] }],
  });
  await page.goto(desk.url);

  // ——— The activity: online requests, a limit of 24 children, automatic acceptance ———
  await page.getByRole('navigation').getByRole('link', { name: 'Activités' }).click();
  await page.getByRole('button', { name: 'Modifier Accueil de loisirs' }).click();
  const form = page.getByRole('dialog');
  await expect(form.getByRole('checkbox', { name: /Les familles peuvent demander l’inscription/ })).toBeChecked();
  await form.getByRole('textbox', { name: 'Nombre maximum d’enfants inscrits' }).fill('24');
  await form.getByRole('checkbox', { name: /Accepter automatiquement/ }).check();
  await form.getByRole('button', { name: 'Enregistrer l’activité' }).click();
  await expect(form).toBeHidden();
  const saved = (await call('activities.list', {})).find((a: any) => a.id === activityId);
  expect(saved).toMatchObject({ enrolmentCapacity: 24, autoAccept: true, onlineEnrolment: true });

  // ——— A document type required for the activity ———
  await page.getByRole('navigation').getByRole('link', { name: 'Pièces justificatives' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pièces justificatives' })).toBeVisible();
  await expect(page.getByText('Aucun type de pièce pour l’instant.')).toBeVisible();
  await page.getByRole('button', { name: 'Nouveau type de pièce' }).click();
  const typeForm = page.getByRole('dialog', { name: 'Nouveau type de pièce' });
  await typeForm.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(typeForm.getByRole('textbox', { name: 'Nom de la pièce' })).toHaveAttribute('aria-invalid', 'true');
  await typeForm.getByRole('textbox', { name: 'Nom de la pièce' }).fill('Carnet de vaccinations (DTP)');
  await typeForm.getByRole('radio', { name: 'Chaque enfant' }).check();
  await typeForm.getByRole('combobox', { name: 'Durée de validité' }).click();
  await page.getByRole('option', { name: 'Un nombre de mois' }).click();
  await typeForm.getByRole('textbox', { name: 'Nombre de mois' }).fill('12');
  await typeForm.getByRole('combobox', { name: 'Demandée pour s’inscrire à' }).click();
  await page.getByRole('option', { name: 'Accueil de loisirs' }).click();
  await typeForm.getByRole('textbox', { name: 'Nom de la pièce' }).click();
  await shot(page, '9-document-type');
  await accessible(page, 'document type form');
  await typeForm.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(typeForm).toBeHidden();
  const row = page.getByRole('row', { name: /Carnet de vaccinations/ });
  await expect(row).toContainText('Chaque enfant');
  await expect(row).toContainText('12 mois');
  await expect(row).toContainText('Accueil de loisirs');
  const types = await call('documents.types', {});
  expect(types).toEqual([
    expect.objectContaining({
      name: 'Carnet de vaccinations (DTP)',
      scope: 'child',
      validity: 'months',
      validityMonths: 12,
      requiredForActivities: [activityId],
    }),
  ]);

  // ——— The règlement intérieur: version 1, then version 2 ———
  await page.getByRole('navigation').getByRole('link', { name: 'Règlement intérieur' }).click();
  await expect(page.getByText('Aucun règlement publié pour l’instant.')).toBeVisible();
  for (const body of [
    'Article 1 : les enfants sont accueillis de 7 h 30 à 18 h 30.',
    'Article 1 : les enfants sont accueillis de 7 h à 19 h.',
  ]) {
    await page.getByRole('button', { name: 'Publier une nouvelle version' }).click();
    const publish = page.getByRole('dialog', { name: 'Nouvelle version du règlement intérieur' });
    await publish.getByRole('textbox', { name: 'Texte du règlement' }).fill(body);
    await publish.getByRole('button', { name: 'Publier' }).click();
    await expect(publish).toBeHidden();
  }
  await expect(page.getByRole('button', { name: /Version 2/ })).toContainText('En vigueur');
  await expect(page.getByText('Article 1 : les enfants sont accueillis de 7 h à 19 h.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Version 1/ })).toBeVisible();
  await shot(page, '10-rules');
  await accessible(page, 'rules versions');
  expect((await call('documents.rulesVersions', {})).map((v: any) => v.version)).toEqual([2, 1]);
});
