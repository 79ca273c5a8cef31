// A month of billable activity on the 8,000-household bench commune (tests/bench/datasets.ts): a canteen (repas)
// and an accueil périscolaire (matin, soir) with QF tariffs saved through the real commands, then enrolments and
// November 2026's bookings, with realistic attendance: attended, absences (justified or not), cancellations in
// time, late and for illness, a few unbooked presences, and the days after the bench's "today" still booked.
//
// Enrolments and bookings are INSERTed directly, in one transaction, rather than through `enrolment.create` and
// `booking.book`: `booking.book` decides capacity by reading every booking of the (unit, group, day) slot, so
// seeding ~5,000 children per slot through it is quadratic (hours for 300,000 bookings); its behaviour is covered
// by the reservation tests, and the rows written here are exactly the rows it writes (same columns, statuses
// and flags). Activities and tariffs go through their commands.
import type { DeskCore } from '../../../src/main/desk/core';
import { defaultStaffActor } from '../../../src/main/desk/core';
import { SeededRandom } from '../../../src/main/desk/demo/seededRandom';
import { demoDatabase, type BenchDatabase } from '../datasets';

export const BENCH_MONTH = '2026-11';

export interface BillingBenchDatabase extends BenchDatabase {
  bookings: number;
  enrolments: number;
  buildSeconds: number;
}

function must(core: DeskCore, name: string, args: unknown): any {
  const result = core.runCommand(name, args, defaultStaffActor);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.value;
}

export async function billingBenchDatabase(seed = 7): Promise<BillingBenchDatabase> {
  const base = demoDatabase(8000, { cache: true });
  const core = base.core;
  const started = performance.now();
  const deadlines = { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } };
  const { activityId: canteenId } = must(core, 'activity.save', {
    name: 'Restauration scolaire',
    kind: 'canteen',
    openOn: 'schoolDays',
    deadlines,
    units: [{ name: 'Repas' }],
    groups: [{ name: 'Tous', levels: [] }],
  });
  const { activityId: periId } = must(core, 'activity.save', {
    name: 'Accueil périscolaire',
    kind: 'periscolaire',
    openOn: 'schoolDays',
    deadlines,
    position: 1,
    units: [{ name: 'Matin' }, { name: 'Soir' }],
    groups: [{ name: 'Tous', levels: [] }],
  });
  const year = { validFrom: '2026-09-01', validTo: '2027-08-31' };
  must(core, 'tariff.save', {
    activityId: canteenId,
    label: 'Repas',
    ...year,
    brackets: [
      { label: 'A', qfMin: 0, qfMax: 600, residentCents: 120, nonResidentCents: 450 },
      { label: 'B', qfMin: 601, qfMax: 900, residentCents: 250, nonResidentCents: 450 },
      { label: 'C', qfMin: 901, qfMax: 1300, residentCents: 380, nonResidentCents: 520 },
      { label: 'D', qfMin: 1301, qfMax: null, residentCents: 415, nonResidentCents: 560 },
    ],
    siblingReductions: [
      { fromRank: 2, percent: 10 },
      { fromRank: 3, percent: 20 },
    ],
  });
  must(core, 'tariff.save', {
    activityId: periId,
    label: 'Périscolaire',
    ...year,
    brackets: [
      { label: 'A', qfMin: 0, qfMax: 900, residentCents: 110, nonResidentCents: 220 },
      { label: 'B', qfMin: 901, qfMax: null, residentCents: 175, nonResidentCents: 260 },
    ],
  });
  must(core, 'tariff.setPenalties', { activityId: canteenId, lateCancellationPercent: 100, unbookedSurcharge: { kind: 'percent', percent: 50 } });
  must(core, 'tariff.setPenalties', { activityId: periId, lateCancellationPercent: 50, unbookedSurcharge: { kind: 'fixed', amountCents: 200 } });

  const sqlite = core.store.sqlite;
  const units = sqlite.prepare(`SELECT id, activity_id AS activityId, name FROM activity_units`).all() as { id: string; activityId: string; name: string }[];
  const groups = sqlite.prepare(`SELECT id, activity_id AS activityId FROM activity_groups`).all() as { id: string; activityId: string }[];
  const unit = (activityId: string, name: string) => units.find((u) => u.activityId === activityId && u.name === name)!.id;
  const group = (activityId: string) => groups.find((g) => g.activityId === activityId)!.id;
  const open = ((await core.dispatch('activities.openDates', { activityId: canteenId, from: '2026-11-01', to: '2026-11-30' }, { actor: defaultStaffActor })) as { date: string }[]).map(
    (d) => d.date,
  );
  const children = sqlite
    .prepare(
      `SELECT c.id, (SELECT hc.household_id FROM household_children hc WHERE hc.child_id = c.id ORDER BY hc.created_at, hc.id LIMIT 1) AS householdId
       FROM children c WHERE c.school_level IS NOT NULL ORDER BY c.id`,
    )
    .all() as { id: string; householdId: string }[];

  const rng = new SeededRandom(seed);
  // Ids as the desk makes them (UUIDs), from their own stream: index sizes are those of production.
  const ids = new SeededRandom(seed * 7919 + 1);
  const now = '2026-10-15T08:00:00.000Z';
  const today = '2026-11-26';
  const insertEnrolment = sqlite.prepare(
    `INSERT INTO enrolments (id, child_id, activity_id, group_id, from_date, to_date, tariff_category, created_at, updated_at)
     VALUES (@id, @childId, @activityId, NULL, '2026-09-01', '2027-07-03', @category, @now, @now)`,
  );
  const insertBooking = sqlite.prepare(
    `INSERT INTO bookings (id, child_id, household_id, activity_id, unit_id, group_id, date, status, requested_at, requested_by,
       cancel_reason, cancelled_at, absence_justified, unbooked, created_at, updated_at)
     VALUES (@id, @childId, @householdId, @activityId, @unitId, @groupId, @date, @status, @now, 'parent',
       @cancelReason, @cancelledAt, @absenceJustified, @unbooked, @now, @now)`,
  );
  let bookings = 0;
  let enrolments = 0;
  sqlite.transaction(() => {
    for (const child of children) {
      const category = rng.chance(0.04) ? 'nonResident' : 'resident';
      const plans: { activityId: string; unitId: string; rate: number }[] = [];
      if (rng.chance(0.88)) plans.push({ activityId: canteenId, unitId: unit(canteenId, 'Repas'), rate: rng.chance(0.7) ? 1 : 0.5 });
      const peri = rng.chance(0.5);
      if (peri && rng.chance(0.55)) plans.push({ activityId: periId, unitId: unit(periId, 'Matin'), rate: rng.chance(0.5) ? 1 : 0.4 });
      if (peri && rng.chance(0.8)) plans.push({ activityId: periId, unitId: unit(periId, 'Soir'), rate: rng.chance(0.5) ? 1 : 0.4 });
      for (const activityId of new Set(plans.map((p) => p.activityId))) {
        insertEnrolment.run({ id: ids.uuid(), childId: child.id, activityId, category, now });
        enrolments++;
      }
      for (const plan of plans) {
        for (const date of open) {
          const unbookedPresence = rng.chance(0.004);
          if (!unbookedPresence && !rng.chance(plan.rate)) continue;
          let status = 'booked';
          let cancelReason: string | null = null;
          let absenceJustified = 0;
          if (unbookedPresence) status = date < today ? 'attended' : 'booked';
          else if (date < today) {
            const r = rng.next();
            if (r < 0.87) status = 'attended';
            else if (r < 0.89) status = 'absent';
            else if (r < 0.92) [status, absenceJustified] = ['absent', 1];
            else if (r < 0.96) [status, cancelReason] = ['cancelled', 'inTime'];
            else if (r < 0.98) [status, cancelReason] = ['cancelled', 'late'];
            else [status, cancelReason] = ['cancelled', 'sick'];
          }
          insertBooking.run({
            id: ids.uuid(),
            childId: child.id,
            householdId: child.householdId,
            activityId: plan.activityId,
            unitId: plan.unitId,
            groupId: group(plan.activityId),
            date,
            status,
            cancelReason,
            cancelledAt: cancelReason ? now : null,
            absenceJustified,
            unbooked: unbookedPresence && status === 'attended' ? 1 : 0,
            now,
          });
          bookings++;
        }
      }
    }
  })();
  return { ...base, bookings, enrolments, buildSeconds: Math.round((performance.now() - started) / 100) / 10 };
}
