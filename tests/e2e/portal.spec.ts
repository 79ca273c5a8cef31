// The parent portal, end to end on a phone: an agent invites Anne Martin from the desk (HTTP bridge → hub →
// real SMTP); the e-mail's link opens the activation page in the browser; a too-common password is refused
// with the hub's French message next to the field; a good one lands on the dashboard. Anne books two days of
// canteen for Théo and asks for the waiting list on a full day, corrects her mobile phone (an invalid number
// is refused next to the field first). After `sync.now`, the desk shows the bookings and the new phone, in
// its data and on its own screens. Then logout, "mot de passe oublié" (a reset e-mail arrives), and login.
// Screenshots: tests/e2e/artifacts/portal-flow-*.png (390×844).
import { expect, frenchDay, parentContext, PHONE, shot, test } from './fixtures/portal';

const linkIn = (text: string) => /(http:\/\/127\.0\.0\.1:\d+\/activer\/[\w-]+)/.exec(text)![1]!;

test('invited by the desk, a parent activates, books, joins a waiting list and changes their phone; the desk sees it all', async ({
  browser,
  page: deskPage,
  scene,
}) => {
  const { martin, days, month } = scene;
  // ——— The desk invites Anne Martin: the e-mail carries a one-time link ———
  const invited = await scene.call('portal.invite', { guardianId: martin.guardianId });
  expect(invited).toMatchObject({ ok: true, value: { state: 'invited' } });
  const [mail] = await scene.mails.waitFor(1);
  expect(mail!.to).toEqual(['anne.martin@exemple.fr']);
  const link = linkIn(mail!.text);
  expect(link.startsWith(scene.hubUrl)).toBe(true);

  const context = await parentContext(browser, PHONE);
  const page = await context.newPage();
  try {
    // ——— Activation: who, the identifier, the rules; a common password refused by the hub ———
    await page.goto(link);
    await expect(page).toHaveTitle('Activer mon espace famille — Espace famille — Aiffres');
    await expect(page.getByRole('heading', { level: 1, name: 'Activer mon espace famille' })).toBeVisible();
    await expect(page.getByText('Espace famille de Anne Martin')).toBeVisible();
    await expect(page.getByText('Votre identifiant de connexion : anne.martin@exemple.fr')).toBeVisible();
    const password = page.getByRole('textbox', { name: 'Mot de passe', exact: true });
    await password.fill('motdepasse1');
    await expect(page.getByText('Au moins 10 caractères : respecté')).toBeVisible();
    await page.getByRole('button', { name: 'Activer mon espace famille' }).click();
    await expect(page.getByText('Ce mot de passe est trop courant : choisissez-en un autre.')).toBeVisible();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await password.fill('Cantine-du-mardi-42');
    await expect(page.getByText('Robustesse : très bonne')).toBeVisible();
    await shot(page, 'flow-01-activation');
    await page.getByRole('button', { name: 'Activer mon espace famille' }).click();

    // ——— The dashboard ———
    await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
    await expect(page).toHaveURL(`${scene.hubUrl}/`);
    await expect(page.getByText('Votre espace famille est activé. Bienvenue !')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Vos enfants' })).toContainText('Théo Martin');
    await expect(page.getByRole('region', { name: 'Prochaines réservations' })).toContainText('Aucune réservation à venir.');
    await shot(page, 'flow-02-dashboard-new');

    // ——— Réservations, from the menu (behind the button on a phone) ———
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Réservations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Réservations' })).toBeFocused();
    await page.getByRole('radiogroup', { name: 'Enfant' }).getByText('Théo').click();
    for (
      let i = 0;
      i < 12 && !(await page.getByRole('heading', { level: 2, name: new RegExp(monthName(month), 'i') }).isVisible());
      i++
    )
      await page.getByRole('button', { name: /^Mois suivant/ }).click();
    const first = page.getByRole('checkbox', { name: `Réserver — Repas, ${frenchDay(days[0])}` });
    await expect(first).toHaveAccessibleDescription(/Libre.*1 place restante.*Réservable jusqu’au/);
    await first.click();
    await page.getByRole('checkbox', { name: `Réserver — Repas, ${frenchDay(days[1])}` }).click();
    // The full day offers the waiting list, in words.
    const full = page.getByRole('checkbox', { name: `Complet — s’inscrire en liste d’attente — Repas, ${frenchDay(days[2])}` });
    await expect(full).toHaveAccessibleDescription(/Complet/);
    await full.click();
    await expect(full).toBeChecked();
    const selection = page.getByRole('region', { name: 'Votre sélection' });
    await expect(selection).toContainText('3 jours à réserver');
    await shot(page, 'flow-03-reservations-selection');
    await selection.getByRole('button', { name: 'Vérifier et valider' }).click();
    const review = page.getByRole('dialog', { name: 'Vérifiez vos choix' });
    await expect(review).toContainText(`Théo, ${frenchDay(days[0])}`);
    await expect(review).toContainText('En liste d’attente (complet)');
    await shot(page, 'flow-04-reservations-review', { viewport: true });
    await review.getByRole('button', { name: 'Confirmer' }).click();
    await expect(review).toBeHidden();
    const report = page.getByRole('status').filter({ hasText: 'C’est enregistré' });
    await expect(report).toContainText(`Théo, ${frenchDay(days[0])} — Repas : réservé`);
    await expect(report).toContainText(`Théo, ${frenchDay(days[1])} — Repas : réservé`);
    await expect(report).toContainText(
      `Théo, ${frenchDay(days[2])} — Repas : complet : inscrit(e) en liste d’attente, 1re sur la liste d’attente`,
    );
    // The calendar now says so, with the cancellation deadline and the position.
    await expect(
      page.getByRole('checkbox', { name: `Annuler la réservation — Repas, ${frenchDay(days[0])}` }),
    ).toHaveAccessibleDescription(/Réservé.*Modifiable jusqu’au/);
    await expect(
      page.getByRole('checkbox', { name: `Quitter la liste d’attente — Repas, ${frenchDay(days[2])}` }),
    ).toHaveAccessibleDescription(/1re sur la liste d’attente/);
    await shot(page, 'flow-05-reservations-done');

    // ——— The dashboard lists them ———
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    const next = page.getByRole('region', { name: 'Prochaines réservations' }).getByRole('listitem');
    await expect(next).toHaveCount(2);
    await expect(next.filter({ hasText: capitalized(frenchDay(days[0])) })).toContainText('Théo — Restauration scolaire, Repas');
    await expect(next.filter({ hasText: capitalized(frenchDay(days[1])) })).toContainText('Théo — Restauration scolaire, Repas');
    await expect(page.getByRole('region', { name: 'Liste d’attente' }).getByRole('listitem')).toContainText(
      `${capitalized(frenchDay(days[2]))}Théo — Restauration scolaire, Repas : 1re sur la liste d’attente`,
    );
    await shot(page, 'flow-06-dashboard');

    // ——— Mes coordonnées: an invalid number refused next to the field, then the new one saved ———
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('link', { name: 'Mes coordonnées' }).click();
    const mobile = page.getByRole('textbox', { name: 'Téléphone portable' });
    await expect(mobile).toHaveValue('06 12 34 56 78');
    await mobile.fill('07 98');
    await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
    await expect(mobile).toHaveAttribute('aria-invalid', 'true');
    await expect(mobile).toHaveAccessibleDescription(/invalide/);
    await expect(mobile).toBeFocused();
    await shot(page, 'flow-07-contact-error');
    await mobile.fill('07 98 76 54 32');
    await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Coordonnées enregistrées' })).toBeVisible();
    await expect(mobile).not.toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'flow-08-contact-saved');

    // ——— The desk, after a sync: the bookings and the new phone, in its data and on its screens ———
    await scene.call('sync.now', {});
    const grid = await scene.call('reservations.month', { householdId: martin.householdId, month });
    const theo = grid.children.find((c: any) => c.firstName === 'Théo').activities[0].cells;
    expect(theo.filter((c: any) => c.state === 'booked').map((c: any) => c.date)).toEqual([days[0], days[1]]);
    expect(theo.find((c: any) => c.date === days[2])).toMatchObject({ state: 'waitlisted', position: 1 });
    const view = await scene.call('families.get', { householdId: martin.householdId });
    expect(view.guardians[0].mobilePhone).toBe('+33798765432');
    const trail = await scene.call('families.audit', { householdId: martin.householdId });
    expect(trail.find((a: any) => a.command === 'contact.updateByParent')).toMatchObject({
      actorKind: 'parent',
      reason: 'Modifié par la famille',
    });

    const origin = new URL(scene.desk.url).origin;
    await deskPage.goto(scene.desk.url);
    await expect(deskPage.getByRole('heading', { name: 'Familles', level: 1 })).toBeVisible();
    await deskPage.goto(`${origin}/#/familles/${martin.householdId}`);
    await expect(deskPage.getByText('07 98 76 54 32', { exact: true })).toBeVisible();
    await expect(
      deskPage.getByText(/Téléphone portable : 06 12 34 56 78, 07 98 76 54 32 · Motif : Modifié par la famille/),
    ).toBeVisible();
    await deskPage.goto(`${origin}/#/familles/${martin.householdId}/reservations/${month}`);
    const deskTheo = deskPage.getByTestId('child-Théo');
    await expect(deskTheo.locator(`[data-date="${days[0]}"]`)).toHaveAttribute('data-state', 'booked');
    await expect(deskTheo.locator(`[data-date="${days[1]}"]`)).toHaveAttribute('data-state', 'booked');
    await expect(deskTheo.locator(`[data-date="${days[2]}"]`)).toHaveAttribute('data-state', 'waitlisted');

    // ——— Logout, "mot de passe oublié", login ———
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion à l’espace famille' })).toBeVisible();
    await page.goto(`${scene.hubUrl}/reservations`);
    await expect(page).toHaveURL(`${scene.hubUrl}/connexion?suite=${encodeURIComponent('/reservations')}`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('anne.martin@exemple.fr');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect(page.getByRole('status')).toContainText('Si un compte correspond, un e-mail vient d’être envoyé.');
    const [, reset] = await scene.mails.waitFor(2);
    expect(reset!.text).toContain('/activer/');
    await page.getByRole('link', { name: 'Retour à la connexion' }).click();
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('anne.martin@exemple.fr');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('Mauvais-mot-de-passe-1');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect.' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('Cantine-du-mardi-42');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  } finally {
    await context.close();
  }
});

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function monthName(month: string) {
  const names = [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ];
  return `${names[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
