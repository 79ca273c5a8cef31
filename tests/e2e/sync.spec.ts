// Two desks and a hub, end to end: a real hub through its command line (tests/e2e/fixtures/hubProcess.ts) and
// two empty desks in browser mode. Each desk starts « Poste autonome »; the agent links it to the hub through
// the sync panel's form (a wrong enrolment code first: the hub's French message shows next to the field), and
// the header says « En ligne ». On desk A an agent creates a family; desk B finds it with Ctrl+K after
// « Synchroniser maintenant ». The hub stops: desk A says « Hors ligne depuis HH:MM »; a new edit is
// « 1 modification en attente », a booking made offline carries the « en attente de synchronisation » mark
// in the month grid. The hub restarts on the same folder and port: « En ligne », nothing pending, the mark
// gone, and desk B sees the edit. Then the hub modifies a command: desk A books the last place of a day
// offline, is switched off; desk B takes that place first; desk A comes back and its panel says the hub put
// the booking on the waiting list. Finally the hub revokes desk B: « Poste révoqué ».
// Screenshots (1366×768): tests/e2e/artifacts/sync-*.png.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { deskCall, expect, startDesk, test, type Desk } from './fixtures/desk';
import { startHubProcess, type HubProcess } from './fixtures/hubProcess';
import { restartableDesk } from './fixtures/restartableDesk';

test.describe.configure({ timeout: 240_000 });

/** No serious or critical WCAG 2.1 AA violation on the screen as it is. */
async function accessible(page: Page, what: string) {
  await page.mouse.move(0, 0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

const shot = async (page: Page, name: string, fullPage = true) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `tests/e2e/artifacts/sync-${name}.png`, fullPage });
};
/** The header alone (the status lives there), without the toasts that may cover it. */
const headerShot = (page: Page, name: string) =>
  page.getByRole('banner').screenshot({
    path: `tests/e2e/artifacts/sync-header-${name}.png`,
    style: '.mantine-Notifications-root { display: none !important; }',
  });

const status = (page: Page) =>
  page.getByRole('banner').getByRole('link', { name: /En ligne|Hors ligne|Poste|Synchronisation|État/ });
const parisNow = () =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date());
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function linkToHub(page: Page, hub: HubProcess, deskName: string) {
  await status(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synchronisation' })).toBeVisible();
  const form = page.getByRole('region', { name: 'Relier ce poste à un concentrateur' });
  await form.getByRole('textbox', { name: 'Adresse du concentrateur' }).fill(hub.url);
  await form.getByRole('textbox', { name: 'Code d’enrôlement' }).fill(await hub.enrolmentCode(deskName));
  await form.getByRole('button', { name: 'Relier ce poste' }).click();
  await expect(status(page)).toContainText('En ligne', { timeout: 15_000 });
  await expect(form).toBeHidden();
}

test('two desks sync through a hub; offline work waits, carries its mark and goes through when the hub is back', async ({
  browser,
}) => {
  const hub = await startHubProcess({ commune: 'Aiffres' });
  const desks: Array<Awaited<ReturnType<typeof startDesk>>> = [];
  const processA = restartableDesk();
  try {
    let deskA = await processA.start();
    const deskB = await startDesk({ empty: true });
    desks.push(deskB);
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      reducedMotion: 'reduce',
    });
    const a = await context.newPage();
    const b = await context.newPage();

    // ——— Desk A, standalone: the header says so; the panel offers to link it ———
    await a.goto(deskA.url);
    await expect(status(a)).toContainText('Poste autonome');
    await expect(status(a)).toContainText('Sans concentrateur');
    await headerShot(a, '1-standalone');
    await status(a).click();
    await expect(a).toHaveURL(/#\/synchronisation$/);
    await expect(a.getByRole('heading', { level: 1, name: 'Synchronisation' })).toBeFocused();
    await expect(a.getByRole('navigation').getByRole('link', { name: 'Synchronisation' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const form = a.getByRole('region', { name: 'Relier ce poste à un concentrateur' });
    // Nothing typed: both fields say what they need, and the address gets the focus.
    await form.getByRole('button', { name: 'Relier ce poste' }).click();
    const address = form.getByRole('textbox', { name: 'Adresse du concentrateur' });
    const code = form.getByRole('textbox', { name: 'Code d’enrôlement' });
    await expect(form.getByText('Indiquez l’adresse du concentrateur (exemple : https://guichet.mairie.fr).')).toBeVisible();
    await expect(address).toBeFocused();
    // A wrong code: the hub refuses it, in French, next to the code field.
    await address.fill(hub.url);
    await code.fill('AAAA-BBBB-CCCC');
    await form.getByRole('button', { name: 'Relier ce poste' }).click();
    await expect(form.getByText("Code d'enrôlement inconnu, déjà utilisé ou expiré.")).toBeVisible();
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(code).toBeFocused();
    await shot(a, 'panel-connect-error');
    await accessible(a, 'connect form with errors');
    // A hub that does not answer: the message goes next to the address.
    await address.fill('http://127.0.0.1:9');
    await form.getByRole('button', { name: 'Relier ce poste' }).click();
    await expect(form.getByText('Concentrateur injoignable : vérifiez l’adresse et la connexion internet.')).toBeVisible();
    await expect(address).toHaveAttribute('aria-invalid', 'true');

    // ——— Both desks linked through the form: « En ligne » ———
    await linkToHub(a, hub, 'Accueil mairie');
    await expect(status(a)).toContainText(/Synchronisé à \d\d:\d\d/);
    const stateCard = a.getByRole('region', { name: 'État du poste' });
    await expect(stateCard).toContainText(hub.url);
    await expect(stateCard).toContainText('Accueil mairie');
    await expect(stateCard).toContainText('Aiffres');
    await headerShot(a, '2-online');
    await b.goto(deskB.url);
    await linkToHub(b, hub, 'Centre de loisirs');

    // ——— Desk A: a new family, through the form ———
    await a.getByRole('navigation').getByRole('link', { name: 'Nouvelle famille' }).click();
    const guardian = a.getByRole('group', { name: 'Responsable 1' });
    await guardian.getByRole('radio', { name: 'Mme', exact: true }).check();
    await guardian.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Hélène');
    await guardian.getByRole('textbox', { name: 'Nom', exact: true }).fill('Martin');
    await guardian.getByRole('textbox', { name: 'Téléphone portable', exact: true }).fill('06 12 34 56 78');
    await guardian.getByLabel('Lien avec les enfants').selectOption({ label: 'Mère' });
    await a.getByRole('button', { name: 'Ajouter un enfant' }).click();
    const child = a.getByRole('group', { name: 'Enfant 1' });
    await child.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Léa');
    await child.getByRole('textbox', { name: 'Date de naissance' }).fill('12/04/2018');
    await child.getByLabel('Niveau').selectOption('CE2');
    await a.getByRole('button', { name: 'Enregistrer la famille' }).click();
    await expect(a.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeVisible();
    const householdId = decodeURIComponent(/#\/familles\/([^/]+)$/.exec(a.url())![1]!);

    // « Synchroniser maintenant » on A: nothing left waiting.
    await a.getByRole('navigation').getByRole('link', { name: 'Synchronisation' }).click();
    await a.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect(a.getByText('Synchronisation terminée')).toBeVisible();
    await expect(a.getByRole('region', { name: /Modifications en attente d’envoi/ })).toContainText(
      'Aucune modification en attente',
    );
    await expect(status(a)).toContainText('En ligne');

    // ——— Desk B: « Synchroniser maintenant », then Ctrl+K finds the family ———
    await b.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect(b.getByText('Synchronisation terminée')).toBeVisible();
    await b.keyboard.press('Control+K');
    const search = b.getByRole('combobox', { name: 'Rechercher une famille' });
    await expect(search).toBeFocused();
    await b.keyboard.type('martin');
    await expect(b.getByRole('listbox', { name: 'Résultats de la recherche' }).getByRole('option')).toHaveCount(1);
    await b.keyboard.press('Enter');
    await expect(b.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeVisible();
    await expect(b.getByRole('article', { name: 'Mme Hélène Martin' })).toContainText('06 12 34 56 78');

    // Setup for the offline booking (not the subject): the canteen and Léa's enrolment, synced while online.
    const must = async (desk: Desk, name: string, args: unknown) => {
      const result = await deskCall(desk, name, args);
      if (!result?.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
      return result.value;
    };
    const { activityId } = await must(deskA, 'activity.save', {
      name: 'Restauration scolaire',
      kind: 'canteen',
      openOn: 'schoolDays',
      deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
      units: [{ name: 'Repas', startTime: '11:45', endTime: '13:30' }],
      // One place a day: the last place is what two desks race for below.
      groups: [{ name: 'Élémentaire', levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [1] }],
    });
    const family = await deskCall(deskA, 'families.get', { householdId });
    const leaId = family.children[0].id as string;
    const today = parisToday();
    await must(deskA, 'enrolment.create', {
      childId: leaId,
      activityId,
      fromDate: today,
      toDate: addDays(today, 120),
      tariffCategory: 'resident',
    });
    const bernard = await must(deskA, 'household.create', {
      guardians: [
        { civility: 'M.', firstName: 'Paul', lastName: 'Bernard', mobilePhone: '06 98 76 54 32', relationship: 'father' },
      ],
      children: [{ firstName: 'Hugo', lastName: 'Bernard', birthDate: '2017-03-02', schoolLevel: 'CM1' }],
    });
    const hugoId = (await deskCall(deskA, 'families.get', { householdId: bernard.householdId })).children[0].id as string;
    await must(deskA, 'enrolment.create', {
      childId: hugoId,
      activityId,
      fromDate: today,
      toDate: addDays(today, 120),
      tariffCategory: 'resident',
    });
    const unitId = (await deskCall(deskA, 'activities.list', {})).find((x: any) => x.id === activityId).units[0].id as string;
    const open = (await deskCall(deskA, 'activities.openDates', {
      activityId,
      from: addDays(today, 10),
      to: addDays(today, 60),
    })) as any[];
    const [day, raceDay] = open.map((d) => (typeof d === 'string' ? d : d.date) as string) as [string, string];
    await a.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect(a.getByRole('region', { name: /Modifications en attente d’envoi/ })).toContainText(
      'Aucune modification en attente',
    );
    await deskCall(deskB, 'sync.now', {});

    // ——— The hub stops: desk A is « Hors ligne depuis HH:MM » ———
    const stoppedAt = parisNow();
    await hub.stop();
    await expect(status(a)).toContainText(/Hors ligne depuis \d\d:\d\d/, { timeout: 15_000 });
    const since = (await status(a).textContent())!.match(/Hors ligne depuis (\d\d:\d\d)/)![1]!;
    expect([stoppedAt, parisNow()]).toContain(since);

    // A new edit, through the screen: it waits on the desk.
    await a.goto(`${new URL(deskA.url).origin}/#/familles/${householdId}`);
    const helene = a.getByRole('article', { name: 'Mme Hélène Martin' });
    // Offline, the family space says why its buttons do nothing.
    await expect(helene.getByText(/Hors ligne : l’espace famille se gère en ligne uniquement/)).toBeVisible();
    await helene.getByRole('switch', { name: 'Reçoit les factures' }).click({ force: true });
    await expect(helene.getByRole('switch', { name: 'Reçoit les factures' })).not.toBeChecked();
    await expect(status(a)).toContainText('1 modification en attente');
    await expect(status(a)).toContainText(`Hors ligne depuis ${since}`);
    await headerShot(a, '3-offline-pending');

    // A booking made offline: provisional in the grid, with its mark.
    await must(deskA, 'booking.book', { householdId, childId: leaId, items: [{ unitId, date: day }] });
    await a.goto(`${new URL(deskA.url).origin}/#/familles/${householdId}/reservations/${day.slice(0, 7)}`);
    const cell = a.locator(`[data-date="${day}"]`);
    await expect(cell).toHaveAttribute('data-state', 'booked');
    await expect(cell).toHaveAttribute('aria-label', /en attente de synchronisation/);
    await expect(cell.locator('[data-provisional]')).toBeVisible();
    await expect(status(a)).toContainText('2 modifications en attente');
    await cell.scrollIntoViewIfNeeded();
    await a.screenshot({ path: 'tests/e2e/artifacts/sync-provisional-grid.png' });
    await accessible(a, 'month grid with a provisional booking');

    // The panel: the two commands waiting, in French.
    await status(a).click();
    const pending = a.getByRole('region', { name: /Modifications en attente d’envoi/ });
    await expect(pending).toContainText('Destinataire des factures');
    await expect(pending).toContainText('Réservation');
    await expect(a.getByRole('region', { name: 'État du poste' })).toContainText('Le concentrateur ne répond pas.');
    await shot(a, 'panel-offline');
    await accessible(a, 'sync panel, offline');

    // ——— The hub restarts on the same folder and port: back « En ligne », nothing waiting ———
    await hub.start();
    await expect(status(a)).toContainText('En ligne', { timeout: 70_000 });
    await expect(status(a)).toContainText(/Synchronisé à \d\d:\d\d/);
    await expect(pending).toContainText('Aucune modification en attente');
    await expect(pending).toContainText('(0)');
    await headerShot(a, '4-back-online');
    await shot(a, 'panel-online');
    await a.goBack();
    await expect(a.locator(`[data-date="${day}"]`)).toHaveAttribute('data-state', 'booked');
    await expect(a.locator(`[data-date="${day}"] [data-provisional]`)).toHaveCount(0);
    await expect(a.locator(`[data-date="${day}"]`)).not.toHaveAttribute('aria-label', /en attente de synchronisation/);

    // Desk B gets the edit (its loop is backing off after the outage: nudged here); the open family file
    // refreshes by itself after the sync.
    await deskCall(deskB, 'sync.now', {});
    await expect(
      b.getByRole('article', { name: 'Mme Hélène Martin' }).getByRole('switch', { name: 'Reçoit les factures' }),
    ).not.toBeChecked({
      timeout: 70_000,
    });

    // ——— The hub modifies a command: desk A books the last place offline, desk B takes it first ———
    await hub.stop();
    await expect(status(a)).toContainText('Hors ligne', { timeout: 15_000 });
    await must(deskA, 'booking.book', { householdId, childId: leaId, items: [{ unitId, date: raceDay }] });
    await expect(status(a)).toContainText('1 modification en attente');
    await processA.stop();
    await hub.start();
    await must(deskB, 'booking.book', { householdId: bernard.householdId, childId: hugoId, items: [{ unitId, date: raceDay }] });
    expect(await deskCall(deskB, 'sync.now', {})).toMatchObject({ state: 'online', pending: 0 });
    deskA = await processA.start();
    await a.goto(deskA.url);
    await expect(status(a)).toContainText('En ligne', { timeout: 15_000 });
    await expect(status(a)).not.toContainText('en attente');
    await status(a).click();
    const verdicts = a.getByRole('region', { name: /Modifiées ou refusées par le concentrateur/ });
    const verdict = verdicts.getByRole('row').filter({ hasText: 'Réservation' });
    await expect(verdict).toHaveCount(1);
    await expect(verdict).toContainText('Modifiée');
    await expect(verdict).toContainText(/complet, en liste d'attente \(position 1\)/);
    await shot(a, 'panel-verdict');
    await accessible(a, 'sync panel with a verdict');
    await a.goto(`${new URL(deskA.url).origin}/#/familles/${householdId}/reservations/${raceDay.slice(0, 7)}`);
    await expect(a.locator(`[data-date="${raceDay}"]`)).toHaveAttribute('data-state', 'waitlisted');

    // ——— The hub revokes desk B ———
    await hub.revokeDesk('Centre de loisirs');
    await expect(status(b)).toContainText('Poste révoqué', { timeout: 70_000 });
    await headerShot(b, '5-revoked');
    await b.getByRole('navigation').getByRole('link', { name: 'Synchronisation' }).click();
    await expect(b.getByRole('region', { name: 'État du poste' })).toContainText('Le concentrateur a révoqué ce poste');
    await shot(b, 'panel-revoked');
    await context.close();
  } finally {
    for (const desk of desks) await desk.stop();
    await processA.dispose();
    await hub.dispose();
  }
});
