import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { planDemoCommune, seedDemoCommune, type DemoSummary } from '../../src/main/desk/demo/demoCommune';
import type { FamilySearchHit } from '../../src/main/desk/families/queries';
import { foldText } from '../../src/shared/domain/search';
import { luhnValid } from '../../src/shared/domain/regieIdentity';
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

  it('books the past month, the current month and the next two, past days with the demo override only', () => {
    const months = all<{ m: string }>(`SELECT DISTINCT substr(date, 1, 7) AS m FROM bookings ORDER BY 1`).map((r) => r.m);
    expect(months).toEqual([month(-1), month(0), month(1), month(2)]);
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

describe('demo commune: the régie', () => {
  const modes = ['cash', 'cheque', 'card', 'cesu', 'ancv', 'transfer', 'directDebit'];

  it('has its settings filled: identity with a valid SIRET, régie number, a PNG logo, cheques to the Trésor public', async () => {
    const row = one<Record<string, string>>('SELECT * FROM regie_settings');
    expect(row).toMatchObject({
      commune_name: 'Aiffres',
      regie_number: '79003-R01',
      payable_to: 'Trésor public',
      postal_code: '79230',
    });
    expect(row.siret).toMatch(/^\d{14}$/);
    expect(luhnValid(row.siret!)).toBe(true);
    for (const field of ['address_line1', 'phone', 'email', 'office_hours', 'regie_name', 'portal_url']) expect(row[field], field).not.toBe('');
    expect(row.logo!.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    expect(JSON.parse(row.accepted_modes!).sort()).toEqual([...modes].sort());
    const view = await call('regie.settings', {});
    expect(view).toMatchObject({ saved: true, siret: row.siret, regieNumber: '79003-R01' });
  });

  it('prices every unit by QF brackets A–D, resident and hors commune, on two school years; penalties per activity', () => {
    const units = all<{ id: string; activity: string }>(
      'SELECT u.id, a.name AS activity FROM activity_units u JOIN activities a ON a.id = u.activity_id',
    );
    const tariffs = all<{ unit_id: string; valid_from: string; valid_to: string; brackets: string; sibling_reductions: string }>(
      'SELECT unit_id, valid_from, valid_to, brackets, sibling_reductions FROM tariffs',
    );
    for (const unit of units) {
      const own = tariffs.filter((t) => t.unit_id === unit.id);
      // Last school year's and this one's, back to back.
      expect(own.map((t) => [t.valid_from, t.valid_to]).sort(), unit.activity).toEqual([
        ['2025-09-01', '2026-08-31'],
        ['2026-09-01', '2027-08-31'],
      ]);
      for (const tariff of own) {
        const brackets = JSON.parse(tariff.brackets) as { label: string; qfMin: number; qfMax: number | null; residentCents: number; nonResidentCents: number }[];
        expect(brackets.map((b) => `${b.label} ${b.qfMin}-${b.qfMax ?? ''}`)).toEqual(['A 0-700', 'B 701-1100', 'C 1101-1500', 'D 1501-']);
        for (const [i, b] of brackets.entries()) {
          expect(b.nonResidentCents).toBeGreaterThan(b.residentCents);
          if (i > 0) expect(b.residentCents).toBeGreaterThan(brackets[i - 1]!.residentCents);
        }
      }
    }
    const reduced = tariffs.filter((t) => JSON.parse(t.sibling_reductions).length > 0);
    expect(reduced.length).toBeGreaterThan(0);
    expect(JSON.parse(reduced[0]!.sibling_reductions)).toEqual([
      { fromRank: 2, percent: 10 },
      { fromRank: 3, percent: 20 },
    ]);
    const penalties = all<{ name: string; late: number; kind: string; value: number }>(
      `SELECT a.name, p.late_cancellation_percent AS late, p.unbooked_surcharge_kind AS kind, p.unbooked_surcharge_value AS value
       FROM activity_penalties p JOIN activities a ON a.id = p.activity_id ORDER BY a.position`,
    );
    expect(penalties).toEqual([
      { name: 'Accueil périscolaire', late: 100, kind: 'fixed', value: 200 },
      { name: 'Restauration scolaire', late: 100, kind: 'percent', value: 50 },
      { name: 'Mercredis', late: 100, kind: 'percent', value: 20 },
      { name: 'Accueil de loisirs', late: 50, kind: 'percent', value: 0 },
    ]);
  });

  it('invoiced the past month through the invoicing run: numbered without gap, lines from the bookings, nothing left to bill', async () => {
    const invoices = all<{ number: string; month: string; issue_date: string; total_cents: number }>(
      'SELECT number, month, issue_date, total_cents FROM invoices ORDER BY number',
    );
    expect(invoices.length).toBeGreaterThan(30);
    expect(invoices.map((i) => i.number)).toEqual(invoices.map((_, n) => `2026-${String(n + 1).padStart(6, '0')}`));
    expect(new Set(invoices.map((i) => i.month))).toEqual(new Set(['2026-10']));
    expect(new Set(invoices.map((i) => i.issue_date))).toEqual(new Set(['2026-11-05']));
    // Totals are the sums of their lines, and the lines price real bookings.
    expect(
      all(`SELECT i.number FROM invoices i WHERE i.total_cents != (SELECT sum(amount_cents) FROM invoice_lines l WHERE l.invoice_id = i.id)`),
    ).toEqual([]);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM billed_bookings`).n).toBeGreaterThan(invoices.length);
    // The invoicing run of that month finds nothing more to bill.
    const draft = await call('billing.draft', { month: '2026-10' });
    expect(draft.totals).toMatchObject({ invoices: 0, creditNotes: 0, lines: 0, bookings: 0, totalCents: 0 });
    expect(draft.households.filter((h: any) => h.outcome !== 'nothing')).toEqual([]);
    // The current month is not invoiced yet: its draft has lines to bill, with every unit priced.
    const current = await call('billing.draft', { month: '2026-11' });
    expect(current.totals.invoices).toBeGreaterThan(0);
    expect(current.canIssue).toBe(true);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM _outbox WHERE name = 'invoice.issueMonth'`).n).toBe(1);
  });

  it('has payments of every mode allocated to invoices, cheques with bank and number, one reversed', () => {
    const byMode = all<{ mode: string; n: number }>('SELECT mode, count(*) AS n FROM payments GROUP BY mode');
    expect(byMode.map((m) => m.mode).sort()).toEqual([...modes].sort());
    expect(all(`SELECT id FROM payments WHERE mode = 'cheque' AND (cheque_bank = '' OR cheque_number = '')`)).toEqual([]);
    expect(
      one<{ n: number }>(`SELECT count(*) AS n FROM payments p WHERE EXISTS (SELECT 1 FROM allocations a WHERE a.payment_id = p.id)`).n,
    ).toBe(one<{ n: number }>('SELECT count(*) AS n FROM payments').n);
    const reversals = all<{ payment_id: string; reason: string }>('SELECT payment_id, reason FROM payment_reversals');
    expect(reversals).toHaveLength(1);
    expect(reversals[0]!.reason).toMatch(/Chèque rejeté/);
    expect(all(`SELECT id FROM allocations WHERE payment_id = ? AND released_at IS NULL`, reversals[0]!.payment_id)).toEqual([]);
    expect(all(`SELECT id FROM allocations WHERE payment_id = ? AND released_at IS NOT NULL`, reversals[0]!.payment_id).length).toBeGreaterThan(0);
    // Never more allocated than an invoice's total or a payment's amount.
    expect(
      all(`SELECT i.number FROM invoices i WHERE i.total_cents < (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL)`),
    ).toEqual([]);
    expect(
      all(`SELECT p.id FROM payments p WHERE p.amount_cents < (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.payment_id = p.id AND a.released_at IS NULL)`),
    ).toEqual([]);
  });

  it('keeps every household balance consistent: invoices − credit notes − allocations; unpaid ones, one credit note, one overpayment credit', async () => {
    const credit = all<{ number: string; invoice: string; total_cents: number }>(
      'SELECT c.number, i.number AS invoice, c.total_cents FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id',
    );
    expect(credit).toHaveLength(1);
    expect(credit[0]!.number).toBe('AV-2026-000001');
    const households = all<{ household_id: string; invoiced: number; credited: number; allocated: number; paid: number; reversed: number }>(`
      SELECT h.household_id,
        (SELECT coalesce(sum(total_cents), 0) FROM invoices WHERE household_id = h.household_id) AS invoiced,
        (SELECT coalesce(sum(total_cents), 0) FROM credit_notes WHERE household_id = h.household_id) AS credited,
        (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a JOIN invoices i ON i.id = a.invoice_id
           WHERE i.household_id = h.household_id AND a.released_at IS NULL) AS allocated,
        (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE household_id = h.household_id) AS paid,
        (SELECT coalesce(sum(p.amount_cents), 0) FROM payment_reversals r JOIN payments p ON p.id = r.payment_id
           WHERE r.household_id = h.household_id) AS reversed
      FROM (SELECT DISTINCT household_id FROM invoices UNION SELECT household_id FROM payments) h`);
    let unpaid = 0;
    let withCredit = 0;
    for (const h of households) {
      const account = await call('billing.account', { householdId: h.household_id });
      // The ledger: what was invoiced, less credit notes and payments still standing.
      expect(account.balanceCents, h.household_id).toBe(h.invoiced - h.credited - (h.paid - h.reversed));
      // What the invoices still owe is what was invoiced less what is allocated to them (payments and credit notes).
      expect(account.openInvoicesCents, h.household_id).toBe(h.invoiced - h.allocated);
      expect(account.openInvoicesCents - account.availableCreditCents).toBe(account.balanceCents);
      if (account.openInvoicesCents > 0) unpaid++;
      if (account.availableCreditCents > 0) withCredit++;
    }
    expect(unpaid).toBeGreaterThan(3);
    expect(unpaid).toBeLessThan(households.length);
    expect(withCredit).toBe(1);
    const overpaid = one<{ mode: string }>(
      `SELECT p.mode FROM payments p WHERE p.amount_cents > (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.payment_id = p.id AND a.released_at IS NULL)
         AND NOT EXISTS (SELECT 1 FROM payment_reversals r WHERE r.payment_id = p.id)`,
    );
    expect(overpaid.mode).toBe('ancv');
  });

  it('prints the demo invoices with the commune identity', async () => {
    const invoice = one<{ id: string }>('SELECT id FROM invoices ORDER BY number LIMIT 1');
    const pdf = await call('billing.invoicePdf', { invoiceId: invoice.id });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is the same régie for the same seed and clock', () => {
    const other = mkdtempSync(join(tmpdir(), 'guichet-demo-again-'));
    const again = openDeskCore({ dataDir: other, clock: () => new Date(`${today}T09:00:00Z`) });
    try {
      seedDemoCommune(again, { families: 120, seed: 7 });
      const ledger = (db: DeskCore) =>
        db.store.sqlite
          .prepare(
            `SELECT 'i' AS k, number AS a, household_id AS h, total_cents AS c, issue_date AS d FROM invoices
             UNION ALL SELECT 'c', number, household_id, total_cents, issue_date FROM credit_notes
             UNION ALL SELECT 'p', id || mode || cheque_number, household_id, amount_cents, received_on FROM payments
             UNION ALL SELECT 'a', coalesce(a.payment_id, c.number) || i.number, '', a.amount_cents, coalesce(a.released_at, '')
               FROM allocations a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN credit_notes c ON c.id = a.credit_note_id
             ORDER BY 1, 2, 3, 4, 5`,
          )
          .all();
      expect(ledger(again)).toEqual(ledger(core));
    } finally {
      again.close();
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);
});
