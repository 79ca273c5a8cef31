import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';

const caller = { actor: defaultStaffActor };
let dir: string;
let core: DeskCore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-family-'));
  core = openDeskCore({ dataDir: dir, clock: () => new Date('2026-11-26T09:00:00Z') });
});
afterEach(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, args: unknown) => core.dispatch(name, args, caller) as Promise<any>;
const counts = () =>
  Object.fromEntries(
    ['households', 'guardians', 'children', 'household_guardians', 'household_children', 'audit_log', '_outbox'].map((t) => [
      t,
      (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

const martin = {
  guardians: [
    {
      civility: 'Mme',
      firstName: 'Hélène',
      lastName: 'Martin',
      mobilePhone: '06 12 34 56 78',
      email: 'Helene.Martin@Exemple.fr',
      postalCode: '79230',
      city: 'Aiffres',
      relationship: 'mother',
    },
    {
      civility: 'M.',
      firstName: 'Loïc',
      lastName: 'Martin',
      homePhone: '05.49.12.34.56',
      relationship: 'father',
      receivesInvoices: false,
    },
  ],
  children: [
    { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-04-12', schoolLevel: 'CE2', allergies: 'arachide' },
    { firstName: 'Théo', lastName: 'Martin', birthDate: '2021-09-30', schoolLevel: 'PS', diet: 'noPork' },
  ],
};

describe('family file on the desk core', () => {
  it('creates, finds, edits and archives a household', async () => {
    const created = await call('household.create', martin);
    expect(created.ok).toBe(true);
    const householdId = created.value.householdId as string;

    // Search by a child's first name typed without accents, by phone in any format, by e-mail.
    for (const q of ['lea', 'THEO mar', '06 12 34', '+33612345678', '0549123456', 'helene.martin@exemple.fr']) {
      const hits = await call('families.search', { q });
      expect(
        hits.map((h: any) => h.householdId),
        q,
      ).toEqual([householdId]);
    }
    expect(await call('families.search', { q: 'dupont' })).toEqual([]);

    const view = await call('families.get', { householdId });
    expect(view.household.name).toBe('MARTIN');
    expect(view.guardians).toHaveLength(2);
    expect(view.guardians.find((g: any) => g.firstName === 'Hélène').mobilePhone).toBe('+33612345678');
    expect(view.guardians.find((g: any) => g.firstName === 'Hélène').email).toBe('helene.martin@exemple.fr');
    expect(view.children.map((c: any) => c.firstName)).toEqual(['Léa', 'Théo']);
    expect(view.children[0].relationships).toHaveLength(2);

    // Edit a child: the change is audited and searchable.
    const lea = view.children[0];
    const { contacts: _c, relationships: _r, createdAt: _a, updatedAt: _u, id: childId, ...fields } = lea;
    const updated = await call('child.update', { ...fields, childId, firstName: 'Léana', allergies: 'arachide, kiwi' });
    expect(updated).toEqual({ ok: true, value: null });
    expect((await call('families.search', { q: 'leana' }))[0].householdId).toBe(householdId);
    const trail = await call('families.audit', { householdId });
    const childEdit = trail.find((a: any) => a.command === 'child.update');
    expect(JSON.parse(childEdit.changes)).toEqual({ firstName: ['Léa', 'Léana'], allergies: ['arachide', 'arachide, kiwi'] });

    expect((await call('household.archive', { householdId, reason: 'Déménagement' })).ok).toBe(true);
    expect(await call('families.search', { q: 'martin' })).toEqual([]);
    expect((await call('families.search', { q: 'martin', includeArchived: true }))[0].archived).toBe(true);
    expect((await call('household.restore', { householdId })).ok).toBe(true);
    expect(await call('families.search', { q: 'martin' })).toHaveLength(1);
  });

  it('a save with an invalid phone writes nothing and says why in French', async () => {
    const before = counts();
    const bad = structuredClone(martin);
    bad.guardians[1]!.homePhone = '05 49 12';
    const result = await call('household.create', bad);
    expect(result.ok).toBe(false);
    expect(result.code).toBe('invalid');
    expect(result.fieldErrors['guardians.1.homePhone']).toMatch(/Numéro de téléphone invalide/);
    expect(counts()).toEqual(before);
  });

  it('a handler-level rejection rolls back every row of the command', async () => {
    const before = counts();
    const bad = structuredClone(martin);
    bad.children[1]!.birthDate = '2030-01-01';
    const result = await call('household.create', bad);
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(result.fieldErrors['children.1.birthDate']).toMatch(/futur/);
    expect(counts()).toEqual(before);
  });

  it('a child shared by two households shows in both (separated parents)', async () => {
    const first = await call('household.create', martin);
    const view = await call('families.get', { householdId: first.value.householdId });
    const second = await call('household.create', {
      guardians: [{ civility: 'M.', firstName: 'Loïc', lastName: 'Bernard', mobilePhone: '0700000001', relationship: 'father' }],
    });
    const linked = await call('child.link', { householdId: second.value.householdId, childId: view.children[0].id });
    expect(linked.ok).toBe(true);
    const secondView = await call('families.get', { householdId: second.value.householdId });
    expect(secondView.children.map((c: any) => c.firstName)).toEqual(['Léa']);
    expect(secondView.otherHouseholds.map((h: any) => h.name)).toEqual(['MARTIN']);
    const hits = await call('families.search', { q: 'lea' });
    expect(hits).toHaveLength(2);
  });

  it('records every command in the outbox with its filled ids and fixed time', async () => {
    await call('household.create', martin);
    const row = core.store.sqlite.prepare('SELECT * FROM _outbox').get() as any;
    expect(row.name).toBe('household.create');
    expect(row.created_at).toBe('2026-11-26T09:00:00.000Z');
    const args = JSON.parse(row.args);
    expect(args.householdId).toMatch(/^[0-9a-f-]{36}$/);
    expect(args.guardians[0].guardianId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses unknown handlers and malformed query arguments', async () => {
    await expect(call('families.drop', {})).rejects.toThrow(/Unknown handler/);
    await expect(call('__proto__', {})).rejects.toThrow(/Unknown handler/);
    await expect(call('families.search', { q: 42 })).rejects.toThrow(/Invalid arguments/);
  });
});
