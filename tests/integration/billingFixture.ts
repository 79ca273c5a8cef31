// A small commune for billing tests, built through the real commands on a real SQLite desk core: a canteen
// (repas) and an accueil périscolaire (matin, soir), tariffs with QF brackets and sibling reductions, and three
// households (MARTIN: two children and a QF of 650; BERNARD: no QF; PETIT: non-resident, QF 1500).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';

export const staff = { actor: defaultStaffActor };

export interface BillingWorld {
  core: DeskCore;
  dir: string;
  setNow(iso: string): void;
  call(name: string, args: unknown): Promise<any>;
  must(name: string, args: unknown): Promise<any>;
  close(): void;
}

export function openWorld(start = '2026-10-20T08:00:00Z', deskId = 'desk-test-1'): BillingWorld {
  let now = new Date(start);
  const dir = mkdtempSync(join(tmpdir(), 'guichet-billing-'));
  const core = openDeskCore({ dataDir: dir, clock: () => now, deskId });
  const call = async (name: string, args: unknown) => (await core.dispatch(name, args, staff)) as any;
  return {
    core,
    dir,
    setNow: (iso) => {
      now = new Date(iso);
    },
    call,
    async must(name, args) {
      const result = await call(name, args);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
      return result.value;
    },
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Family {
  householdId: string;
  children: { childId: string; firstName: string }[];
}

export interface Commune {
  canteen: { activityId: string; repas: string };
  periscolaire: { activityId: string; matin: string; soir: string };
  martin: Family;
  bernard: Family;
  petit: Family;
}

const deadlines = { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } };

export async function setUpCommune(w: BillingWorld): Promise<Commune> {
  await w.must('regie.saveSettings', {
    communeName: 'Aiffres',
    regieName: 'Régie enfance-jeunesse',
    addressLine1: '2 place du Champ de Foire',
    postalCode: '79230',
    city: 'Aiffres',
    phone: '05 49 32 00 00',
    email: 'regie@aiffres.fr',
    portalUrl: 'https://famille.aiffres.fr',
    officeHours: 'du lundi au vendredi de 8 h 30 à 12 h',
  });
  const { activityId: canteenId } = await w.must('activity.save', {
    name: 'Restauration scolaire',
    kind: 'canteen',
    openOn: 'schoolDays',
    deadlines,
    units: [{ name: 'Repas' }],
    groups: [{ name: 'Tous', levels: [] }],
  });
  const { activityId: periId } = await w.must('activity.save', {
    name: 'Accueil périscolaire',
    kind: 'periscolaire',
    openOn: 'schoolDays',
    deadlines,
    position: 1,
    units: [{ name: 'Matin' }, { name: 'Soir' }],
    groups: [{ name: 'Tous', levels: [] }],
  });
  const activities = await w.call('activities.list', {});
  const canteen = activities.find((a: any) => a.id === canteenId);
  const peri = activities.find((a: any) => a.id === periId);
  await w.must('tariff.save', {
    activityId: canteenId,
    label: 'Repas 2026-2027',
    validFrom: '2026-09-01',
    validTo: '2027-08-31',
    brackets: [
      { label: 'A', qfMin: 0, qfMax: 700, residentCents: 310, nonResidentCents: 450 },
      { label: 'B', qfMin: 701, qfMax: 1200, residentCents: 415, nonResidentCents: 520 },
      { label: 'C', qfMin: 1201, qfMax: null, residentCents: 520, nonResidentCents: 600 },
    ],
    siblingReductions: [
      { fromRank: 2, percent: 10 },
      { fromRank: 3, percent: 20 },
    ],
  });
  await w.must('tariff.save', {
    activityId: periId,
    label: 'Périscolaire 2026-2027',
    validFrom: '2026-09-01',
    validTo: '2027-08-31',
    brackets: [
      { label: 'A', qfMin: 0, qfMax: 700, residentCents: 150, nonResidentCents: 200 },
      { label: 'B', qfMin: 701, qfMax: null, residentCents: 200, nonResidentCents: 250 },
    ],
  });
  await w.must('tariff.setPenalties', { activityId: canteenId, lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 50 } });

  const family = async (
    name: string,
    kids: { firstName: string; birthDate: string; schoolLevel: string }[],
    quotient: number | null,
    category: 'resident' | 'nonResident',
  ): Promise<Family> => {
    const { householdId } = await w.must('household.create', {
      guardians: [
        {
          civility: 'Mme',
          firstName: 'Anne',
          lastName: name,
          mobilePhone: '0612345678',
          addressLine1: '12 rue des Lilas',
          postalCode: '79230',
          city: 'Aiffres',
        },
      ],
      children: kids.map((k) => ({ ...k, lastName: name })),
    });
    if (quotient !== null)
      await w.must('familyQuotient.record', { householdId, value: quotient, organisation: 'CAF', validFrom: '2026-01-01', validTo: '2026-12-31' });
    const view = await w.call('families.get', { householdId });
    const children = view.children.map((c: any) => ({ childId: c.id, firstName: c.firstName }));
    for (const c of children)
      for (const activityId of [canteenId, periId])
        await w.must('enrolment.create', { childId: c.childId, activityId, fromDate: '2026-09-01', toDate: '2027-07-03', tariffCategory: category });
    return { householdId, children };
  };
  const martin = await family(
    'Martin',
    [
      { firstName: 'Tom', birthDate: '2018-03-10', schoolLevel: 'CE2' },
      { firstName: 'Léa', birthDate: '2021-05-01', schoolLevel: 'MS' },
    ],
    650,
    'resident',
  );
  const bernard = await family('Bernard', [{ firstName: 'Zoé', birthDate: '2019-02-02', schoolLevel: 'CE1' }], null, 'resident');
  const petit = await family('Petit', [{ firstName: 'Maël', birthDate: '2017-07-07', schoolLevel: 'CM1' }], 1500, 'nonResident');
  return {
    canteen: { activityId: canteenId, repas: canteen.units[0].id },
    periscolaire: { activityId: periId, matin: peri.units[0].id, soir: peri.units[1].id },
    martin,
    bernard,
    petit,
  };
}

/** Books `dates` of `unitId` for a child; returns booking ids by date. */
export async function book(w: BillingWorld, f: Family, childIndex: number, unitId: string, dates: string[]): Promise<Record<string, string>> {
  const result = await w.must('booking.book', {
    householdId: f.householdId,
    childId: f.children[childIndex]!.childId,
    items: dates.map((date) => ({ unitId, date })),
  });
  const ids: Record<string, string> = {};
  for (const item of result.items) {
    if (item.outcome !== 'booked') throw new Error(`booking ${item.date}: ${item.outcome} ${item.message ?? ''}`);
    ids[item.date] = item.bookingId;
  }
  return ids;
}
