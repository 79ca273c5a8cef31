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
});
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]) => core.store.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => core.store.sqlite.prepare(sql).get(...params) as T;
const search = (q: string) => core.dispatch('families.search', { q }, { actor: defaultStaffActor }) as Promise<FamilySearchHit[]>;

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
    expect(JSON.stringify(planDemoCommune({ families: 120, seed: 7 }))).toBe(JSON.stringify(planDemoCommune({ families: 120, seed: 7 })));
    expect(JSON.stringify(planDemoCommune({ families: 120, seed: 8 }))).not.toBe(JSON.stringify(planDemoCommune({ families: 120, seed: 7 })));
  });

  it('went through the commands: every write is in the outbox and audited by the demo actor', () => {
    const outbox = all<{ name: string; n: number }>('SELECT name, count(*) AS n FROM _outbox GROUP BY name');
    const byName = Object.fromEntries(outbox.map((r) => [r.name, r.n]));
    expect(byName['household.create']).toBe(120);
    expect(byName['child.link']).toBeGreaterThan(0);
    expect(byName['familyQuotient.record']).toBeGreaterThan(100);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE actor_kind != 'system' OR actor_id != 'demo'`).n).toBe(0);
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
      const rels = all<{ relationship: string }>('SELECT relationship FROM guardian_children WHERE child_id = ?', child_id).map((r) => r.relationship);
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
    const accented = all<{ name: string }>(`SELECT first_name || ' ' || last_name AS name FROM guardians UNION ALL SELECT first_name || ' ' || last_name FROM children`).filter((r) =>
      /[À-ÿ]/.test(r.name),
    );
    expect(accented.length).toBeGreaterThan(20);
    const schools = all<{ school_name: string; school_level: string | null }>('SELECT DISTINCT school_name, school_level FROM children');
    for (const s of schools) {
      if (s.school_level === null) expect(s.school_name).toBe('');
      else if (['TPS', 'PS', 'MS', 'GS'].includes(s.school_level)) expect(s.school_name).toBe('École maternelle Jean Zay');
      else expect(s.school_name).toBe('École élémentaire Louis Pasteur');
    }
    const careplans = one<{ n: number }>('SELECT count(*) AS n FROM children WHERE has_careplan = 1').n;
    expect(careplans).toBeGreaterThan(0);
    const notes = all<{ t: string }>(`SELECT allergies || ' ' || careplan_note AS t FROM children UNION ALL SELECT link || ' ' || name FROM child_contacts`);
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
    const contacts = all<{ pickup: string; emergency_contact: number; phone: string }>('SELECT pickup, emergency_contact, phone FROM child_contacts');
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
  });
});
