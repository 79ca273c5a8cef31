import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { planDemoCommune, seedDemoCommune, type DemoSummary } from '../../src/main/desk/demo/demoCommune';
import type { FamilySearchHit } from '../../src/main/desk/families/queries';
import { foldText } from '../../src/shared/domain/search';
import { normalizePhone } from '../../src/shared/domain/validation';

const today = '2026-11-26';
let dir: string;
let core: DeskCore;
let summary: DemoSummary;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-demo-'));
  core = openDeskCore({ dataDir: dir, clock: () => new Date(`${today}T09:00:00Z`) });
  summary = seedDemoCommune(core, { families: 120, seed: 7 });
}, 60_000);
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]) => core.store.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => core.store.sqlite.prepare(sql).get(...params) as T;
const search = (q: string) => core.dispatch('families.search', { q }, { actor: defaultStaffActor }) as Promise<FamilySearchHit[]>;
const call = (name: string, args: unknown) => core.dispatch(name, args, { actor: defaultStaffActor }) as Promise<any>;

describe('demo commune', () => {
  it('has the requested number of households, and the summary matches the tables', () => {
    const counts = one<{ h: number; c: number; g: number }>(
      'SELECT (SELECT count(*) FROM households) AS h, (SELECT count(*) FROM children) AS c, (SELECT count(*) FROM guardians) AS g',
    );
    expect(counts.h).toBe(120);
    expect(counts.c).toBeGreaterThanOrEqual(120);
    expect(summary).toEqual({ households: counts.h, children: counts.c, guardians: counts.g });
  });

  it('is deterministic for a seed, and another seed gives another commune', () => {
    expect(JSON.stringify(planDemoCommune({ families: 120, seed: 7 }))).toBe(
      JSON.stringify(planDemoCommune({ families: 120, seed: 7 })),
    );
    expect(JSON.stringify(planDemoCommune({ families: 120, seed: 8 }))).not.toBe(
      JSON.stringify(planDemoCommune({ families: 120, seed: 7 })),
    );
  });

  it('went through the commands: every write is in the outbox and audited by the demo actor', () => {
    const outbox = all<{ name: string; n: number }>('SELECT name, count(*) AS n FROM _outbox GROUP BY name');
    const byName = Object.fromEntries(outbox.map((r) => [r.name, r.n]));
    expect(byName['household.create']).toBe(120);
    expect(byName['child.link']).toBeGreaterThan(0);
    expect(byName['familyQuotient.record']).toBeGreaterThan(100);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE actor_kind != 'system' OR actor_id != 'demo'`).n).toBe(
      0,
    );
  });

  it('has couples, single parents, and children shared by two households with a guardian each', () => {
    const sizes = all<{ guardians: number; n: number }>(
      'SELECT guardians, count(*) AS n FROM (SELECT count(*) AS guardians FROM household_guardians GROUP BY household_id) GROUP BY guardians',
    );
    const households = (size: number) => sizes.find((s) => s.guardians === size)?.n ?? 0;
    expect(households(2)).toBeGreaterThan(80);
    expect(households(1)).toBeGreaterThan(0);
    const shared = all<{ child_id: string }>('SELECT child_id FROM household_children GROUP BY child_id HAVING count(*) = 2');
    expect(shared.length).toBeGreaterThan(0);
    for (const { child_id } of shared) {
      const guardiansPerHousehold = all<{ n: number }>(
        'SELECT count(hg.guardian_id) AS n FROM household_children hc LEFT JOIN household_guardians hg ON hg.household_id = hc.household_id WHERE hc.child_id = ? GROUP BY hc.household_id',
        child_id,
      );
      expect(guardiansPerHousehold).toHaveLength(2);
      for (const g of guardiansPerHousehold) expect(g.n).toBeGreaterThan(0);
      // Both parents are the child's mother and father.
      const rels = all<{ relationship: string }>('SELECT relationship FROM guardian_children WHERE child_id = ?', child_id).map(
        (r) => r.relationship,
      );
      expect(rels).toEqual(expect.arrayContaining(['mother', 'father']));
    }
  });

  it('misses the family quotient for some households only; values and validity are plausible', () => {
    const missing = one<{ n: number }>(
      'SELECT count(*) AS n FROM households h WHERE NOT EXISTS (SELECT 1 FROM family_quotients q WHERE q.household_id = h.id AND q.valid_from <= ? AND ? <= q.valid_to)',
      today,
      today,
    ).n;
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(120 * 0.2);
    const range = one<{ lo: number; hi: number; orgs: string }>(
      `SELECT min(value) AS lo, max(value) AS hi, group_concat(DISTINCT organisation) AS orgs FROM family_quotients WHERE valid_from = '2026-01-01' AND valid_to = '2026-12-31'`,
    );
    expect(range.lo).toBeGreaterThanOrEqual(300);
    expect(range.hi).toBeLessThanOrEqual(2500);
    expect(range.orgs).toContain('CAF');
  });

  it('has accented names, school levels matching the schools, and diets that are never religious labels', () => {
    const accented = all<{ name: string }>(
      `SELECT first_name || ' ' || last_name AS name FROM guardians UNION ALL SELECT first_name || ' ' || last_name FROM children`,
    ).filter((r) => /[À-ÿ]/.test(r.name));
    expect(accented.length).toBeGreaterThan(20);
    const schools = all<{ school_name: string; school_level: string | null }>(
      'SELECT DISTINCT school_name, school_level FROM children',
    );
    for (const s of schools) {
      if (s.school_level === null) expect(s.school_name).toBe('');
      else if (['TPS', 'PS', 'MS', 'GS'].includes(s.school_level)) expect(s.school_name).toBe('École maternelle Jean Zay');
      else expect(s.school_name).toBe('École élémentaire Louis Pasteur');
    }
    const careplans = one<{ n: number }>('SELECT count(*) AS n FROM children WHERE has_careplan = 1').n;
    expect(careplans).toBeGreaterThan(0);
    const notes = all<{ t: string }>(
      `SELECT allergies || ' ' || careplan_note AS t FROM children UNION ALL SELECT link || ' ' || name FROM child_contacts`,
    );
    for (const { t } of notes) expect(t).not.toMatch(/halal|casher|kasher|musulman|juif|religi/i);
  });

  it('stores every phone number as valid E.164', () => {
    const phones = all<{ p: string }>(`
      SELECT mobile_phone AS p FROM guardians UNION ALL SELECT home_phone FROM guardians UNION ALL SELECT work_phone FROM guardians
      UNION ALL SELECT employer_phone FROM guardians UNION ALL SELECT doctor_phone FROM children UNION ALL SELECT phone FROM child_contacts`)
      .map((r) => r.p)
      .filter(Boolean);
    expect(phones.length).toBeGreaterThan(200);
    for (const p of phones) {
      expect(p).toMatch(/^\+33[1-9]\d{8}$/);
      expect(normalizePhone(p)).toBe(p);
    }
  });

  it('has e-mails derived from the names, without accents, unique', () => {
    const emails = all<{ email: string }>(`SELECT email FROM guardians WHERE email != ''`).map((r) => r.email);
    expect(emails.length).toBeGreaterThan(150);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9][a-z0-9.-]*@[a-z0-9.-]+\.[a-z]+$/);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('has contacts: allowed pick-up persons, emergency contacts with a phone, never a forbidden emergency contact', () => {
    const contacts = all<{ pickup: string; emergency_contact: number; phone: string }>(
      'SELECT pickup, emergency_contact, phone FROM child_contacts',
    );
    expect(contacts.filter((c) => c.pickup === 'allowed').length).toBeGreaterThan(50);
    expect(contacts.filter((c) => c.emergency_contact === 1).length).toBeGreaterThan(50);
    for (const c of contacts.filter((c) => c.emergency_contact === 1)) expect(c.phone).not.toBe('');
    for (const c of contacts.filter((c) => c.pickup === 'forbidden')) expect(c.emergency_contact).toBe(0);
  });

  it('finds a household by an accented first name typed without accents', async () => {
    const child = one<{ first_name: string; last_name: string; household_id: string }>(`
      SELECT c.first_name, c.last_name, hc.household_id FROM children c JOIN household_children hc ON hc.child_id = c.id
      WHERE c.first_name GLOB '*[éèëêïîöôüûç]*' ORDER BY c.id LIMIT 1`);
    expect(child).toBeDefined();
    const folded = foldText(child.first_name);
    expect(folded).not.toBe(child.first_name.toLowerCase());
    const hits = await search(`${folded} ${foldText(child.last_name).slice(0, 4)}`);
    expect(hits.map((h) => h.householdId)).toContain(child.household_id);
    expect((await search(folded)).length).toBeGreaterThan(0);
  });

  it('throws, and writes nothing, when a command is rejected', () => {
    const other = mkdtempSync(join(tmpdir(), 'guichet-demo-bad-'));
    // A clock in 2020: every child of the commune would be born in the future.
    const past = openDeskCore({ dataDir: other, clock: () => new Date('2020-01-01T09:00:00Z') });
    try {
      expect(() => seedDemoCommune(past, { families: 5 })).toThrow(/household\.create was rejected \(invalid/);
      expect((past.store.sqlite.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(0);
      expect((past.store.sqlite.prepare('SELECT count(*) AS n FROM _outbox').get() as { n: number }).n).toBe(0);
    } finally {
      past.close();
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('demo commune: activities and reservations', () => {
  const month = (offset: number) => {
    const d = new Date(Date.UTC(2026, 10 + offset, 1));
    return d.toISOString().slice(0, 7);
  };

  it('has the school year’s four activities, with their units, groups, rules and capacities', async () => {
    const activities = await call('activities.list', {});
    expect(activities.map((a: any) => a.name)).toEqual([
      'Accueil périscolaire',
      'Restauration scolaire',
      'Mercredis',
      'Accueil de loisirs',
    ]);
    const [periscolaire, canteen, wednesdays, holidays] = activities;
    expect(periscolaire.units.map((u: any) => `${u.name} ${u.startTime}–${u.endTime}`)).toEqual([
      'Matin 07:30–08:50',
      'Soir 16:30–18:30',
    ]);
    expect(periscolaire.groups.map((g: any) => g.name)).toEqual(['Maternelle', 'Élémentaire']);
    expect(periscolaire.bookingRuleText).toBe('J-2 ouvrés à 10h');
    expect(canteen.bookingRuleText).toBe('le jeudi à 12h pour la semaine suivante');
    expect(wednesdays.bookingRuleText).toBe('J-7 à 12h');
    expect(holidays.bookingRuleText).toBe('J-15 à 12h');
    const [journee, matin, repas, apresMidi] = wednesdays.units;
    expect([journee.name, matin.name, repas.name, apresMidi.name]).toEqual(['Journée', 'Matin', 'Repas', 'Après-midi']);
    expect(journee.implies).toEqual([repas.id]);
    expect(journee.excludes).toEqual([matin.id, apresMidi.id]);
    expect(holidays.units.map((u: any) => u.name)).toEqual(['Journée', 'Demi-journée matin', 'Demi-journée après-midi']);
    expect(holidays.groups.map((g: any) => g.name)).toContain('Préados (11-13 ans)');
    // Capacities scale with the commune: 24 journées in maternelle at 650 households → 4 at 120.
    const maternelle = wednesdays.groups.find((g: any) => g.name === 'Maternelle');
    expect(maternelle.capacities[journee.id]).toBe(4);
  });

  it('enrols most school children, residents and non-residents, collégiens in their own group', () => {
    const enrolled = one<{ n: number }>(`SELECT count(DISTINCT child_id) AS n FROM enrolments`).n;
    const pupils = one<{ n: number }>(`SELECT count(*) AS n FROM children WHERE school_level IS NOT NULL`).n;
    expect(enrolled / pupils).toBeGreaterThan(0.3);
    const categories = all<{ tariff_category: string }>('SELECT DISTINCT tariff_category FROM enrolments').map(
      (r) => r.tariff_category,
    );
    expect(categories.sort()).toEqual(['nonResident', 'resident']);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM enrolments WHERE group_id IS NOT NULL').n).toBeGreaterThan(0);
  });

  it('books the current month and the next two, past days with the demo override only', () => {
    const months = all<{ m: string }>(`SELECT DISTINCT substr(date, 1, 7) AS m FROM bookings ORDER BY 1`).map((r) => r.m);
    expect(months).toEqual(expect.arrayContaining([month(0), month(1), month(2)]));
    expect(months.every((m) => m >= month(-1) && m <= month(2))).toBe(true);
    const late = all<{ reason: string }>(
      `SELECT DISTINCT deadline_override_reason AS reason FROM bookings WHERE date < ? AND unbooked = 0`,
      today,
    );
    expect(late).toEqual([{ reason: 'Données de démonstration' }]);
    expect(
      one<{ n: number }>(`SELECT count(*) AS n FROM bookings WHERE date > '2027-01-10' AND deadline_override_reason != ''`).n,
    ).toBe(0);
  });

  it('has full Wednesdays with waiting children, and never more accepted bookings than places', async () => {
    const slots = all<{ activity: string; accepted: number; waitlisted: number; capacity: number }>(`
      SELECT a.name AS activity, s.accepted, s.waitlisted, coalesce(e.capacity, c.capacity) AS capacity
      FROM _slot_counts s JOIN activity_units u ON u.id = s.unit_id JOIN activities a ON a.id = u.activity_id
      JOIN unit_capacities c ON c.unit_id = s.unit_id AND c.group_id = s.group_id
      LEFT JOIN capacity_exceptions e ON e.unit_id = s.unit_id AND e.group_id = s.group_id AND e.date = s.date`);
    for (const s of slots) expect(s.accepted).toBeLessThanOrEqual(s.capacity);
    const full = slots.filter((s) => s.activity === 'Mercredis' && s.accepted === s.capacity);
    expect(full.length).toBeGreaterThan(1);
    expect(full.some((s) => s.waitlisted >= 2)).toBe(true);
    // The family of a waiting child sees it, with its place in the queue.
    const waiting = one<{ household_id: string; date: string; id: string }>(
      `SELECT household_id, date, id FROM bookings WHERE status = 'waitlisted' AND date > ? ORDER BY date, id LIMIT 1`,
      today,
    );
    const grid = await call('reservations.month', { householdId: waiting.household_id, month: waiting.date.slice(0, 7) });
    const cells = grid.children.flatMap((c: any) => c.activities.flatMap((a: any) => a.cells));
    expect(cells.find((c: any) => c.bookingId === waiting.id)).toMatchObject({ state: 'waitlisted', placesLeft: 0 });
    expect(cells.find((c: any) => c.bookingId === waiting.id).position).toBeGreaterThanOrEqual(1);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM capacity_exceptions WHERE reason LIKE 'Sortie%'`).n).toBe(1);
  });

  it('has cancellations in time, late and for illness, and promotions from the waiting list', () => {
    const reasons = all<{ cancel_reason: string; n: number }>(
      `SELECT cancel_reason, count(*) AS n FROM bookings WHERE status = 'cancelled' GROUP BY 1`,
    );
    expect(reasons.map((r) => r.cancel_reason).sort()).toEqual(['inTime', 'late', 'sick']);
    expect(all(`SELECT 1 FROM bookings WHERE status = 'cancelled' AND cancel_reason = 'sick' AND date >= ?`, today)).toEqual([]);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM booking_events WHERE kind = 'promoted'`).n).toBeGreaterThan(0);
  });

  it('has attendance on past days: present, absent justified or not, an unbooked presence; nothing marked ahead', () => {
    const marks = all<{ status: string; absence_justified: number; unbooked: number }>(
      `SELECT DISTINCT status, absence_justified, unbooked FROM bookings WHERE status IN ('attended', 'absent')`,
    );
    expect(marks).toEqual(
      expect.arrayContaining([
        { status: 'attended', absence_justified: 0, unbooked: 0 },
        { status: 'attended', absence_justified: 0, unbooked: 1 },
        { status: 'absent', absence_justified: 1, unbooked: 0 },
        { status: 'absent', absence_justified: 0, unbooked: 0 },
      ]),
    );
    expect(all(`SELECT 1 FROM bookings WHERE status IN ('attended', 'absent') AND date >= ?`, today)).toEqual([]);
    // Every past booking is marked, except a journée's repas (its id is too long for attendance.mark: reported).
    expect(all(`SELECT id FROM bookings WHERE status = 'booked' AND date < ? AND id NOT LIKE '%:%'`, today)).toEqual([]);
  });

  it('closes the commune’s closure days: no booking on them', () => {
    const closures = all<{ date: string; activity_id: string | null; reason: string }>(
      'SELECT date, activity_id, reason FROM closures',
    );
    expect(closures).toHaveLength(2);
    for (const c of closures) {
      const booked = all(
        `SELECT 1 FROM bookings WHERE date = ? AND (? IS NULL OR activity_id = ?) AND status != 'cancelled'`,
        c.date,
        c.activity_id,
        c.activity_id,
      );
      expect(booked, c.reason).toEqual([]);
    }
  });

  it.each([
    ['a date the shipped calendar does not cover', '2031-03-10T09:00:00Z', '2030-2031'],
    ['the day after the rentrée', '2026-09-02T07:00:00Z', null],
  ])(
    'stays valid when seeded on %s',
    (_label, instant, savedYear) => {
      const other = mkdtempSync(join(tmpdir(), 'guichet-demo-date-'));
      const dated = openDeskCore({ dataDir: other, clock: () => new Date(instant) });
      try {
        seedDemoCommune(dated, { families: 25, seed: 3 });
        const count = (sql: string) => (dated.store.sqlite.prepare(sql).get() as { n: number }).n;
        expect(count(`SELECT count(*) AS n FROM bookings WHERE status = 'attended'`)).toBeGreaterThan(0);
        expect(count(`SELECT count(*) AS n FROM bookings WHERE status = 'waitlisted'`)).toBeGreaterThan(0);
        if (savedYear) expect(count(`SELECT count(*) AS n FROM school_years WHERE id = '${savedYear}'`)).toBe(1);
        else expect(count('SELECT count(*) AS n FROM school_years')).toBe(0);
      } finally {
        dated.close();
        rmSync(other, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
