// The desk's core call, end to end on an EMPTY desk: an admin creates the canteen in the catalogue (maternelle
// capacity 2); setup that is not the subject of the test (three families, enrolments, two children filling one
// day) goes through the HTTP bridge. Then an agent finds the Martin family with Ctrl+K, opens its reservations,
// books "tous les mardis et jeudis" of next month for Léa with the pattern panel, sees in the preview that the
// full day goes to the waiting list, validates, sees the waitlisted cell with its position, cancels one day
// for illness, and reads the call summary. The desk clock is the real clock: dates are computed from today.
// Full-page screenshots (1366×768 viewport) go to tests/e2e/artifacts/ for review.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, deskBridge } from './fixtures/desk';

const shot = async (page: Page, name: string) => {
  // From the top: fixed parts (header, modals) then sit where the agent sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `tests/e2e/artifacts/${name}.png`, fullPage: true });
};

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
// A whole call with setup, six screenshots and five accessibility scans: more than the default minute when the
// machine is busy.
test.setTimeout(150_000);

// ——— Dates (Paris civil dates, like the desk) ———
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const addMonths = (month: string, n: number) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const lastDay = (month: string) =>
  `${month}-${String(new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate()).padStart(2, '0')}`;
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
const dayMonth = (date: string) => `${Number(date.slice(8, 10))}/${date.slice(5, 7)}`;
const MONTHS = [
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

/** No serious or critical WCAG 2.1 AA violation on the screen as it is. */
async function accessible(page: Page, what: string) {
  // The pointer off the link just clicked (hover colours are the shell's), and transitions finished: axe reads
  // the colours as they are at that instant.
  await page.mouse.move(1300, 740);
  await page.waitForTimeout(400);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

test('an agent books a pattern for a child, meets the waiting list, cancels a sick day and reads the summary back', async ({
  page,
  desk,
}) => {
  const { call, must } = deskBridge(desk);
  const today = parisToday();
  const thisMonth = today.slice(0, 7);
  await page.goto(desk.url);

  // ——— Admin: the canteen, created in the catalogue ———
  await page.getByRole('navigation').getByRole('link', { name: 'Activités' }).click();
  await expect(page.getByRole('heading', { name: 'Activités et calendrier', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Nouvelle activité' }).click();
  const form = page.getByRole('dialog', { name: 'Nouvelle activité' });
  await form.getByRole('textbox', { name: 'Nom', exact: true }).first().fill('Restauration scolaire');
  const unit = form.getByRole('group', { name: 'Unité 1' });
  await unit.getByRole('textbox', { name: 'Nom', exact: true }).fill('Repas');
  await unit.getByLabel('Début').fill('11:45');
  await unit.getByLabel('Fin').fill('13:30');
  const maternelle = form.getByRole('group', { name: 'Groupe 1' });
  await maternelle.getByRole('textbox', { name: 'Nom du groupe' }).fill('Maternelle');
  await maternelle.getByLabel('Niveaux scolaires').click();
  for (const level of ['PS', 'MS', 'GS']) await page.getByRole('option', { name: level, exact: true }).click();
  await page.keyboard.press('Escape');
  await maternelle.getByLabel('Places – Repas').fill('2');
  await form.getByRole('button', { name: 'Ajouter un groupe' }).click();
  const elementaire = form.getByRole('group', { name: 'Groupe 2' });
  await elementaire.getByRole('textbox', { name: 'Nom du groupe' }).fill('Élémentaire');
  await elementaire.getByLabel('Niveaux scolaires').click();
  for (const level of ['CP', 'CE1', 'CE2', 'CM1', 'CM2']) await page.getByRole('option', { name: level, exact: true }).click();
  await page.keyboard.press('Escape');
  await elementaire.getByLabel('Places – Repas').fill('50');
  // The default rule, read back in French.
  await expect(form.getByText('Se lit : « J-2 ouvrés à 10h »')).toBeVisible();
  await form.getByRole('checkbox', { name: 'Délai d’annulation différent du délai de réservation' }).check();
  await form.getByRole('checkbox', { name: 'Délai d’annulation différent du délai de réservation' }).uncheck();
  await form.getByRole('button', { name: 'Enregistrer l’activité' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/e2e/artifacts/reservations-07b-activity-form.png' });
  await form.getByRole('button', { name: 'Enregistrer l’activité' }).click();
  await expect(form).toBeHidden();
  const card = page.getByTestId('activity-card').filter({ hasText: 'Restauration scolaire' });
  await expect(card).toContainText('Réservation : J-2 ouvrés à 10h');
  await expect(card.getByRole('table', { name: /Capacités par groupe/ })).toContainText('Maternelle');

  // ——— Setup through the bridge: families, enrolments, a full day ———
  const activity = (await call('activities.list', {})).find((a: any) => a.name === 'Restauration scolaire');
  const unitId = activity.units[0].id as string;
  // Next month's open Tuesdays and Thursdays (a month without school, like August, moves on to the next one).
  let month = addMonths(thisMonth, 1);
  let patternDays: string[] = [];
  for (let tries = 0; tries < 4; tries++, month = addMonths(month, 1)) {
    const open = await call('activities.openDates', { activityId: activity.id, from: `${month}-01`, to: lastDay(month) });
    patternDays = open.map((d: any) => d.date as string).filter((d: string) => [2, 4].includes(weekday(d)) && d > today);
    if (patternDays.length >= 3) break;
  }
  month = patternDays[0]!.slice(0, 7);
  const fullDay = patternDays[patternDays.length - 1]!;
  const sickDay = patternDays[patternDays.length - 2]!;

  // A second activity, for the catalogue: units that include or exclude each other.
  await must('activity.save', {
    name: 'Mercredis loisirs',
    kind: 'wednesday',
    openOn: 'wednesdays',
    deadlines: {
      booking: { kind: 'weeklyCutoff', weekday: 4, time: '12:00' },
      cancellation: { kind: 'daysBefore', days: 2, time: '12:00', businessDays: true },
    },
    units: [
      { name: 'Journée', startTime: '08:30', endTime: '17:30', implies: [2], excludes: [1] },
      { name: 'Matin', startTime: '08:30', endTime: '12:00' },
      { name: 'Repas', startTime: '12:00', endTime: '13:30' },
    ],
    groups: [
      { name: 'Maternelle', levels: ['PS', 'MS', 'GS'], capacities: [16, 8, 16] },
      { name: 'Élémentaire', levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [24, 12, 24] },
    ],
  });

  const families: Record<string, { householdId: string; children: Record<string, string> }> = {};
  const people = [
    {
      name: 'Martin',
      guardian: 'Hélène',
      kids: [
        { firstName: 'Tom', birthDate: '2018-03-02', schoolLevel: 'CE2' },
        { firstName: 'Léa', birthDate: '2021-05-01', schoolLevel: 'MS', allergies: 'arachide' },
      ],
    },
    {
      name: 'Bernard',
      guardian: 'Anne',
      kids: [
        {
          firstName: 'Zoé',
          birthDate: '2021-02-11',
          schoolLevel: 'MS',
          hasCareplan: true,
          careplanNote: 'asthme, Ventoline dans le sac',
          allergies: 'œuf',
        },
      ],
    },
    {
      name: 'Petit',
      guardian: 'Karim',
      kids: [{ firstName: 'Maël', birthDate: '2020-10-20', schoolLevel: 'GS', diet: 'noPork' }],
    },
  ];
  for (const p of people) {
    const { householdId } = await must('household.create', {
      guardians: [{ civility: 'Mme', firstName: p.guardian, lastName: p.name, mobilePhone: '0612345678' }],
      children: p.kids.map((k) => ({ lastName: p.name, ...k })),
    });
    const view = await call('families.get', { householdId });
    families[p.name] = { householdId, children: Object.fromEntries(view.children.map((c: any) => [c.firstName, c.id])) };
    for (const childId of Object.values(families[p.name]!.children)) {
      await must('enrolment.create', {
        childId,
        activityId: activity.id,
        fromDate: `${thisMonth}-01`,
        toDate: lastDay(addMonths(month, 2)),
        tariffCategory: 'resident',
      });
    }
  }
  for (const [family, child] of [
    ['Bernard', 'Zoé'],
    ['Petit', 'Maël'],
  ] as const) {
    const f = families[family]!;
    await must('booking.book', { householdId: f.householdId, childId: f.children[child], items: [{ unitId, date: fullDay }] });
  }
  // Today's attendance sheet, when the canteen is open today (booked after the deadline: staff override).
  const openToday = (await call('activities.openDates', { activityId: activity.id, from: today, to: today })).length > 0;
  const sheetDay = openToday ? today : fullDay;
  if (openToday) {
    for (const [family, child] of [
      ['Bernard', 'Zoé'],
      ['Petit', 'Maël'],
      ['Martin', 'Léa'],
      ['Martin', 'Tom'],
    ] as const) {
      const f = families[family]!;
      await must('booking.book', {
        householdId: f.householdId,
        childId: f.children[child],
        items: [{ unitId, date: today }],
        deadlineOverrideReason: 'Mise en place du test',
      });
    }
  }

  // ——— The call: a new agent finds the family with Ctrl+K ———
  await page.goto(desk.url.replace(/#.*$/, '#/'));
  await page.keyboard.press('Control+K');
  await page.keyboard.type('martin');
  await expect(page.getByRole('option').first()).toContainText('MARTIN');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'MARTIN', level: 1 })).toBeVisible();
  // The family page leads to enrolment and to the reservations.
  await page.getByRole('button', { name: 'Inscrire Tom Martin à une activité' }).click();
  const enrol = page.getByRole('dialog', { name: 'Inscrire Tom à une activité' });
  await expect(enrol.getByRole('radio', { name: 'Résident de la commune' })).toBeChecked();
  await shot(page, 'reservations-00-enrolment');
  await enrol.getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Réservations' }).click();
  const screen = page.getByTestId('reservation-screen');
  await expect(screen.getByRole('heading', { name: 'Réservations – MARTIN', level: 1 })).toBeVisible();
  const monthName = `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
  for (let i = 0; i < 4 && (await screen.getByTestId('month-label').textContent()) !== monthName; i++) {
    await screen.getByRole('button', { name: 'Mois suivant' }).click();
  }
  await expect(screen.getByTestId('month-label')).toHaveText(monthName);
  const lea = screen.getByTestId('child-Léa');
  await expect(lea.locator(`[data-date="${fullDay}"]`)).toHaveAttribute('data-state', 'full');
  await expect(lea.getByText('Réservation : J-2 ouvrés à 10h')).toBeVisible();

  // ——— Pattern: every Tuesday and Thursday of the month, for Léa ———
  await screen.getByRole('button', { name: 'Réserver un modèle…', exact: true }).click();
  const pattern = page.getByRole('dialog', { name: 'Réserver un modèle' });
  await pattern.getByText('Léa', { exact: true }).click();
  await expect(pattern.getByRole('radio', { name: 'Léa' })).toBeChecked();
  await pattern.getByRole('checkbox', { name: 'mar' }).check();
  await pattern.getByRole('checkbox', { name: 'jeu' }).check();
  await expect(pattern.getByRole('radio', { name: /Tout le mois/ })).toBeChecked();
  await pattern.getByRole('button', { name: 'Voir l’aperçu' }).click();
  const preview = pattern.getByTestId('preview-table');
  await expect(preview.locator('tbody tr')).toHaveCount(patternDays.length);
  const fullRow = preview.locator(`tr[data-date="${fullDay}"]`);
  await expect(fullRow).toHaveAttribute('data-outcome', 'waitlisted');
  await expect(fullRow).toContainText('Liste d’attente n°1');
  await expect(pattern.getByTestId('preview-counts')).toContainText('1 en liste d’attente');
  // Near the end of a month, next month's first days may already be past the J-2 deadline: refused, and counted.
  const booked = Number(/(\d+) réservé/.exec((await pattern.getByTestId('preview-counts').textContent()) ?? '')![1]);
  expect(booked).toBeGreaterThanOrEqual(patternDays.length - 3);
  // Staff could force the full day, with a reason; not this time.
  await expect(pattern.getByRole('checkbox', { name: 'Forcer (au-delà de la capacité)' })).not.toBeChecked();
  await shot(page, 'reservations-02-pattern-preview');
  await accessible(page, 'pattern preview');
  await pattern.getByRole('button', { name: 'Valider', exact: true }).click();
  await expect(pattern).toBeHidden();

  // ——— The grid: booked days, the waitlisted one with its position ———
  const fullCell = lea.locator(`[data-date="${fullDay}"]`);
  await expect(fullCell).toHaveAttribute('data-state', 'waitlisted');
  await expect(fullCell).toContainText('Attente n°1');
  await expect(lea.locator(`[data-date="${sickDay}"]`)).toHaveAttribute('data-state', 'booked');
  await shot(page, 'reservations-01-grid');
  await accessible(page, 'reservation grid');

  // ——— Léa is sick: cancel one day, with the keyboard (arrows move between days, Space selects) ———
  const sickCell = lea.locator(`[data-date="${sickDay}"]`);
  await lea.locator(`[data-date="${patternDays.find((d) => weekday(d) === weekday(sickDay))}"]`).focus();
  for (let i = 0; i < 4 && !(await sickCell.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('ArrowDown');
  await expect(sickCell).toBeFocused();
  await page.keyboard.press('Space');
  await expect(sickCell).toHaveAttribute('data-pending', 'cancel');
  await expect(screen.getByTestId('selection-bar')).toContainText('1 à annuler');
  await screen.getByRole('button', { name: 'Valider…' }).click();
  const validate = page.getByRole('dialog', { name: 'Vérifier avant de valider' });
  await validate.getByRole('radio', { name: 'Maladie, avec certificat médical' }).check();
  await expect(validate.locator(`tr[data-date="${sickDay}"]`)).toContainText('Maladie avec certificat – non facturée');
  await shot(page, 'reservations-03-cancel-preview');
  await accessible(page, 'validation window');
  await validate.getByRole('button', { name: 'Valider', exact: true }).click();
  await expect(validate).toBeHidden();
  await expect(sickCell).toHaveAttribute('data-state', 'open');

  // ——— The call summary, ready to read back ———
  const summary = screen.getByTestId('call-summary');
  const ofMonth = `${MONTHS[Number(month.slice(5, 7)) - 1]}${month.slice(0, 4) === today.slice(0, 4) ? '' : ` ${month.slice(0, 4)}`}`;
  await expect(summary).toContainText(
    `Léa : réservé les mardis et jeudis ${/^[aeiouyéèâ]/i.test(ofMonth) ? 'd’' : 'de '}${ofMonth} (${booked} jours), le ${dayMonth(fullDay)} en liste d’attente (position 1)`,
  );
  await expect(summary).toContainText(
    `Léa : annulé le ${dayMonth(sickDay)} pour maladie (avec certificat médical, non facturé).`,
  );
  await summary.getByRole('button', { name: 'Copier' }).click();
  await expect(summary.getByRole('button', { name: 'Copié' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Récapitulatif – MARTIN');
  await shot(page, 'reservations-04-summary');

  // ——— Attendance sheet ———
  await page.getByRole('navigation').getByRole('link', { name: 'Pointage' }).click();
  const attendance = page.getByTestId('attendance-screen');
  await attendance.getByLabel('Activité').click();
  await page.getByRole('option', { name: 'Restauration scolaire' }).click();
  if (!openToday) {
    await attendance
      .getByRole('textbox', { name: 'Jour' })
      .fill(`${sheetDay.slice(8, 10)}/${sheetDay.slice(5, 7)}/${sheetDay.slice(0, 4)}`);
  }
  await expect(attendance.getByTestId('attendance-row').filter({ hasText: 'Zoé' })).toContainText('PAI');
  await expect(attendance.getByTestId('attendance-row').filter({ hasText: 'Maël' })).toContainText('Sans porc');
  if (openToday) {
    await attendance.getByRole('button', { name: 'Présent : Zoé Bernard' }).click();
    await expect(attendance.getByRole('button', { name: 'Présent : Zoé Bernard' })).toHaveAttribute('aria-pressed', 'true');
    await expect(attendance.getByTestId('attendance-counts')).toContainText('1 présent');
  }
  if (openToday) {
    // Léa was on today's waiting list, and came anyway: an unbooked presence, found through the family search.
    await attendance.getByRole('button', { name: 'Ajouter un enfant non réservé' }).click();
    const add = page.getByRole('dialog', { name: /Ajouter un enfant présent sans réservation/ });
    await add.getByRole('combobox', { name: 'Rechercher une famille' }).fill('martin');
    await add.getByRole('option').filter({ hasText: 'MARTIN' }).click();
    await add.getByRole('radio', { name: /Léa Martin/ }).check();
    await add.getByRole('button', { name: 'Ajouter comme présent' }).click();
    await expect(add).toBeHidden();
    await expect(attendance.getByTestId('attendance-row').filter({ hasText: 'Léa' })).toContainText('Non réservé');
  }
  await shot(page, 'reservations-05-attendance');
  await accessible(page, 'attendance');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('attendance-print')).toBeVisible();
  await shot(page, 'reservations-06-attendance-print');
  await page.emulateMedia({ media: 'screen' });

  // ——— The catalogue, as it now reads ———
  await page.getByRole('navigation').getByRole('link', { name: 'Activités' }).click();
  await expect(page.getByTestId('activity-card')).toHaveCount(2);
  await expect(page.getByTestId('activity-card').filter({ hasText: 'Mercredis loisirs' })).toContainText(
    'Réservation : le jeudi à 12h pour la semaine suivante',
  );
  await shot(page, 'reservations-07-catalogue');
  await accessible(page, 'catalogue');
  await page.getByRole('tab', { name: 'Calendrier scolaire' }).click();
  await expect(page.getByLabel('Rentrée des classes')).toBeVisible();
  await shot(page, 'reservations-08-school-calendar');
  await page.getByRole('tab', { name: 'Capacités du jour' }).click();
  await shot(page, 'reservations-09-capacities');
});
