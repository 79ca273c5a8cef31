// The régie side of the demo commune: its settings (identity, SIRET, régie number, logo, « Trésor public »),
// tariffs per unit by family-quotient brackets A–D (resident and hors-commune prices, sibling reductions on the
// mercredis and the accueil de loisirs, one tariff per school year: last year's and this year's), penalties per
// activity; then, on the seeded database, the invoicing of every whole past month of the booked window through
// `invoice.issueMonth` (real numbers, real lines), one credit note, and the families' payments in every mode
// (cash, cheque with bank and number, card, CESU, ANCV, transfer, direct debit) allocated to their invoices:
// most paid, some in part, some not yet, one overpayment left as credit, one cheque bounced and reversed.
// Setup commands are planned (pure, like the rest of the demo); invoicing and payments depend on what the
// invoicing run answers (invoice ids, amounts), so they are decided while seeding, from their own seeded stream:
// same seed, same clock, same régie.
import { creditNoteIssue, invoiceIssueMonth, type IssueMonthResult } from '../../../shared/commands/billing';
import { regieSaveSettings, tariffSave, tariffSetPenalties } from '../../../shared/commands/billingSettings';
import { paymentRecord, paymentReverse, type PaymentMode } from '../../../shared/commands/payments';
import { addDays, type IsoDate } from '../../../shared/domain/dates';
import type { ActivityPenalties, TariffBracket } from '../../../shared/domain/tariffs';
import { communeLogo } from '../billing/pdf/document';
import type { DeskCore } from '../core';
import * as aiffres from './aiffres';
import { addMonths, type DemoReservationPlan, type PlannedActivity } from './demoReservations';
import { SeededRandom } from './seededRandom';

/** A valid SIRET (Luhn) shaped like a commune's of the Deux-Sèvres: SIREN 21 79 003 + key, NIC 0001 + key. */
export const DEMO_SIRET = '21790003400018';
export const DEMO_REGIE_NUMBER = '79003-R01';

export interface DemoRegiePlan {
  seed: number;
  today: IsoDate;
  /** Whole past months of the booked window, oldest first: each is invoiced, then (partly) paid. */
  months: string[];
}

interface PlannedCommand {
  name: string;
  args: unknown;
}

// ── Tariffs (French labels; prices in cents, resident, brackets A–D) ────────────────────────────────────────

/** Tranches of quotient familial: A up to 700, B 701–1100, C 1101–1500, D from 1501 (and families with no QF). */
const brackets = [
  { label: 'A', qfMin: 0, qfMax: 700 },
  { label: 'B', qfMin: 701, qfMax: 1100 },
  { label: 'C', qfMin: 1101, qfMax: 1500 },
  { label: 'D', qfMin: 1501, qfMax: null },
] as const;

/** Resident prices of this school year per activity and unit (same order as the catalogue's units), A → D. */
const residentPrices: Record<PlannedActivity['key'], number[][]> = {
  periscolaire: [
    [95, 130, 165, 200], // Matin
    [140, 190, 240, 290], // Soir
  ],
  canteen: [[120, 250, 350, 415]], // Repas
  wednesday: [
    [600, 900, 1200, 1500], // Journée (its repas is billed with the Repas tariff)
    [250, 380, 500, 620], // Matin
    [250, 330, 380, 415], // Repas
    [300, 450, 600, 750], // Après-midi
  ],
  holiday: [
    [800, 1150, 1500, 1850], // Journée
    [450, 650, 850, 1050], // Demi-journée matin
    [400, 600, 800, 1000], // Demi-journée après-midi
  ],
};

/** Hors-commune: +30 %, rounded to 5 cents. Last school year: −3 %, rounded to 5 cents. */
const roundTo5 = (cents: number) => Math.round(cents / 5) * 5;
const nonResident = (cents: number) => roundTo5(cents * 1.3);
const lastYear = (cents: number) => roundTo5(cents * 0.97);

const siblingReductions: Partial<Record<PlannedActivity['key'], { fromRank: number; percent: number }[]>> = {
  wednesday: [
    { fromRank: 2, percent: 10 },
    { fromRank: 3, percent: 20 },
  ],
  holiday: [
    { fromRank: 2, percent: 10 },
    { fromRank: 3, percent: 20 },
  ],
};

const penalties: Record<PlannedActivity['key'], ActivityPenalties> = {
  periscolaire: { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'fixed', amountCents: 200 } },
  canteen: { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 50 } },
  wednesday: { lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 20 } },
  holiday: { lateCancellationPercent: 50, unbookedSurcharge: { kind: 'percent', percent: 0 } },
};

const banks = [
  'Crédit Agricole Charente-Maritime Deux-Sèvres',
  'Banque Populaire Aquitaine Centre Atlantique',
  "Caisse d'Épargne Aquitaine Poitou-Charentes",
  'La Banque Postale',
  'Crédit Mutuel Océan',
  'CIC Ouest',
  'Société Générale',
  'BNP Paribas',
  'LCL',
] as const;

/** The settings, the tariffs and the penalties (pure); `months` says which months `seedRegieActivity` invoices. */
export function planRegie(input: { seed: number; reservations: DemoReservationPlan }): {
  commands: PlannedCommand[];
  plan: DemoRegiePlan;
} {
  const { reservations } = input;
  const ids = new SeededRandom(Math.imul(input.seed ^ 0x1b873593, 0xcc9e2d51));
  const commands: PlannedCommand[] = [];
  const logo = communeLogo();
  commands.push({
    name: regieSaveSettings.name,
    args: {
      communeName: aiffres.commune.name,
      siret: DEMO_SIRET,
      regieName: 'Régie enfance-jeunesse',
      regieNumber: DEMO_REGIE_NUMBER,
      addressLine1: 'Mairie, 2 place du Champ de Foire',
      addressLine2: '',
      postalCode: aiffres.commune.postalCode,
      city: aiffres.commune.name,
      phone: '05 49 32 00 00',
      email: 'regie.enfance@aiffres.fr',
      portalUrl: 'https://famille.aiffres.fr',
      officeHours: 'du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h 30',
      payableTo: 'Trésor public',
      logo: logo ? `data:image/png;base64,${logo.toString('base64')}` : '',
    },
  });

  // One tariff per unit and school year (1 September – 31 August), from the year before the window to its end.
  const schoolYearOf = (date: IsoDate) => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) >= 9 ? 0 : 1);
  const firstYear = schoolYearOf(reservations.window.from) - 1;
  const lastSchoolYear = schoolYearOf(reservations.window.to);
  for (const activity of reservations.activities) {
    const prices = residentPrices[activity.key];
    activity.unitIds.forEach((unitId, unitIndex) => {
      for (let year = firstYear; year <= lastSchoolYear; year++) {
        const current = year === schoolYearOf(reservations.today);
        const price = (cents: number) => (year < schoolYearOf(reservations.today) ? lastYear(cents) : cents);
        commands.push({
          name: tariffSave.name,
          args: {
            tariffId: ids.uuid(),
            activityId: activity.activityId,
            unitId,
            label: `Tarifs ${year}-${year + 1}${current ? '' : year < schoolYearOf(reservations.today) ? ' (année passée)' : ''}`,
            validFrom: `${year}-09-01`,
            validTo: `${year + 1}-08-31`,
            brackets: brackets.map((b, i): TariffBracket => ({
              ...b,
              residentCents: price(prices[unitIndex]![i]!),
              nonResidentCents: nonResident(price(prices[unitIndex]![i]!)),
            })),
            siblingReductions: siblingReductions[activity.key] ?? [],
          },
        });
      }
    });
    commands.push({ name: tariffSetPenalties.name, args: { activityId: activity.activityId, ...penalties[activity.key] } });
  }

  const months: string[] = [];
  const currentMonth = reservations.today.slice(0, 7);
  for (let month = reservations.window.from.slice(0, 7); month < currentMonth; month = addMonths(month, 1)) months.push(month);
  return { commands, plan: { seed: input.seed, today: reservations.today, months } };
}

// ── Invoicing and payments, on the seeded database ─────────────────────────────────────────────────────────

export interface DemoRegieSummary {
  invoices: number;
  creditNotes: number;
  payments: number;
  reversals: number;
}

/** Every payment mode, in the order the first payments of the demo use them (so that each one appears). */
const everyMode: PaymentMode[] = ['cheque', 'card', 'transfer', 'directDebit', 'cash', 'cesu', 'ancv'];
const modeWeights: [PaymentMode, number][] = [
  ['directDebit', 25],
  ['card', 20],
  ['transfer', 15],
  ['cheque', 15],
  ['cash', 10],
  ['cesu', 8],
  ['ancv', 7],
];

/**
 * Invoices each month of `plan.months` (issued on the 5th of the next month, or today if sooner), then records
 * the families' payments of it before the next month is invoiced, as a régie would live them. `run` runs one
 * command and throws when it is rejected (the demo's runner).
 */
export function seedRegieActivity(
  core: DeskCore,
  plan: DemoRegiePlan,
  run: (name: string, args: unknown) => unknown,
): DemoRegieSummary {
  const rng = new SeededRandom(Math.imul(plan.seed ^ 0x27d4eb2f, 0x165667b1));
  const ids = new SeededRandom(Math.imul(plan.seed ^ 0x7f4a7c15, 0x94d049bb));
  const summary: DemoRegieSummary = { invoices: 0, creditNotes: 0, payments: 0, reversals: 0 };
  const openCents = core.store.sqlite.prepare(
    `SELECT i.total_cents - coalesce((SELECT sum(a.amount_cents) FROM allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL), 0) AS open
     FROM invoices i WHERE i.id = ?`,
  );
  const householdOpen = core.store.sqlite.prepare(
    `SELECT coalesce(sum(i.total_cents - coalesce((SELECT sum(a.amount_cents) FROM allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL), 0)), 0) AS open
     FROM invoices i WHERE i.household_id = ?`,
  );
  const creditableLine = core.store.sqlite.prepare(
    `SELECT id FROM invoice_lines WHERE invoice_id = ? AND quantity >= 2 AND amount_cents > 0 ORDER BY position LIMIT 1`,
  );
  const modes = [...everyMode];
  let overpaid = false;
  let reversed = false;
  let credited = false;

  plan.months.forEach((month, index) => {
    const last = index === plan.months.length - 1;
    const issueDate = min(`${addMonths(month, 1)}-05`, plan.today);
    const until = last ? plan.today : min(addDays(`${addMonths(month, 2)}-05`, -1), plan.today);
    const issued = run(invoiceIssueMonth.name, { month, issueDate }) as IssueMonthResult;
    summary.invoices += issued.invoices.length;
    const invoices = [...issued.invoices].sort((a, b) => (a.number < b.number ? -1 : 1));

    // A credit note on the first month: one repas not served (a school outing), on an invoice with 2+ repas.
    if (!credited) {
      for (const invoice of invoices) {
        const line = creditableLine.get(invoice.invoiceId) as { id: string } | undefined;
        if (!line) continue;
        run(creditNoteIssue.name, {
          creditNoteId: ids.uuid(),
          invoiceId: invoice.invoiceId,
          lines: [{ invoiceLineId: line.id, quantity: 1 }],
          reason: 'Prestation non assurée : sortie scolaire du jour annulée',
          issueDate: min(addDays(issueDate, 3), plan.today),
        });
        summary.creditNotes++;
        credited = true;
        break;
      }
    }

    for (const invoice of invoices) {
      const due = (openCents.get(invoice.invoiceId) as { open: number }).open;
      if (due <= 0) continue;
      // Most invoices paid in full, a few in part, a few not yet (more of them on the last month, not yet due).
      const r = rng.next();
      const share = last ? (r < 0.86 ? 1 : r < 0.9 ? 0.5 : 0) : r < 0.95 ? 1 : r < 0.97 ? 0.5 : 0;
      if (share === 0 && modes.length === 0) continue;
      const mode = modes.shift() ?? (last && !overpaid ? 'ancv' : rng.weighted(modeWeights));
      let amountCents = share === 0 ? due : Math.max(1, Math.round(due * share));
      // Chèques vacances give no change: the one overpayment of the demo (last month), kept as the family's credit.
      if (mode === 'ancv' && last && !overpaid) {
        const owed = (householdOpen.get(invoice.householdId) as { open: number }).open;
        amountCents = (Math.floor(owed / 1000) + 1) * 1000;
        overpaid = true;
      }
      const receivedOn =
        mode === 'directDebit' ? min(addDays(issueDate, 10), until) : min(addDays(issueDate, rng.int(1, 25)), until);
      const paymentId = ids.uuid();
      run(paymentRecord.name, {
        paymentId,
        householdId: invoice.householdId,
        mode,
        amountCents,
        receivedOn,
        ...(mode === 'cheque' ? { chequeBank: rng.pick(banks), chequeNumber: rng.digits(7) } : {}),
      });
      summary.payments++;
      // One cheque of the first month bounces: the payment is reversed, the invoice is owed again.
      if (mode === 'cheque' && !reversed) {
        run(paymentReverse.name, {
          paymentId,
          reason: 'Chèque rejeté par la banque : provision insuffisante',
          reversedOn: min(addDays(receivedOn, 6), plan.today),
        });
        summary.reversals++;
        reversed = true;
      }
    }
  });
  return summary;
}

const min = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
