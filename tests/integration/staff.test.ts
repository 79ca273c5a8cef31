// Staff accounts and roles on a real desk core: set-up mode, login, role checks on every handler, health data
// only where needed, lock after inactivity, audit rows naming the user and the desk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { createQueries } from '../../src/main/desk/api';
import { allCommands } from '../../src/shared/commands';
import { ruleFor } from '../../src/shared/permissions';
import { seedCanteen } from '../fixtures/commune';

let dir: string;
let core: DeskCore;
let now = new Date('2026-11-26T09:00:00Z');
const call = (name: string, args: unknown = {}) => core.dispatch(name, args, { actor: defaultStaffActor }) as Promise<any>;
const must = async (name: string, args: unknown) => {
  const r = await call(name, args);
  if (!r?.ok) throw new Error(`${name}: ${JSON.stringify(r)}`);
  return r.value;
};

beforeEach(() => {
  now = new Date('2026-11-26T09:00:00Z');
  dir = mkdtempSync(join(tmpdir(), 'guichet-staff-'));
  core = openDeskCore({ dataDir: dir, clock: () => now });
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function createAccounts() {
  const accounts: Record<string, string> = {};
  for (const [login, name, role] of [
    ['admin', 'Claire Mairie', 'admin'],
    ['agent', 'Sophie Accueil', 'agent'],
    ['regie', 'Marc Régie', 'regisseur'],
  ] as const) {
    const { staffId } = await must('staff.save', { login, name, role });
    await must('staff.setPassword', { staffId, password: `${login}-Mot-de-passe-2026` });
    accounts[login] = staffId;
    // The first account with a password ends set-up mode: the administrator logs in to create the others.
    if (login === 'admin') await must('session.login', { login: 'admin', password: 'admin-Mot-de-passe-2026' });
  }
  await call('session.logout');
  return accounts;
}

describe('staff accounts and roles', () => {
  it('every handler of the desk is classified by a permission rule', () => {
    const names = [...Object.keys(createQueries(core)), ...allCommands.map((c) => c.name)];
    expect(names.filter((n) => ruleFor(n) === undefined)).toEqual([]);
  });

  it('set-up mode until an account exists; then login is required and the role decides', async () => {
    const { families, unitId } = await seedCanteen(must, call, { families: ['Martin'], capacity: 5 });
    const householdId = families[0]!.householdId;
    const view = await call('families.get', { householdId });
    await must('child.update', {
      ...childFields(view.children[0]),
      allergies: 'arachide',
      hasCareplan: true,
      careplanNote: 'Trousse au bureau',
    });
    await createAccounts();
    expect((await call('session.status')).state).toBe('login');
    await expect(call('families.search', { q: 'martin' })).rejects.toThrow(/Connectez-vous/);
    expect((await call('session.login', { login: 'agent', password: 'faux' })).ok).toBe(false);
    expect((await call('session.login', { login: 'agent', password: 'agent-Mot-de-passe-2026' })).ok).toBe(true);

    // The agent works on families and reservations…
    expect(await call('families.search', { q: 'martin' })).toHaveLength(1);
    const booked = await must('booking.book', {
      householdId,
      childId: families[0]!.childId,
      items: [{ unitId, date: '2026-12-01' }],
    });
    expect(booked.items[0].outcome).toBe('booked');
    // …but records no payment, configures nothing, and sees no PAI in the family file.
    await expect(
      call('payment.record', { householdId, mode: 'cash', amountCents: 1000, receivedOn: '2026-11-26' }),
    ).rejects.toThrow(/Régisseur/);
    await expect(call('activity.save', {})).rejects.toThrow(/Administrateur/);
    await expect(call('staff.list')).rejects.toThrow(/Administrateur/);
    const agentView = await call('families.get', { householdId });
    expect(agentView.healthHidden).toBe(true);
    expect(agentView.children[0]).toMatchObject({ allergies: '', hasCareplan: false, careplanNote: '' });
    // The attendance list shows health data to whoever looks after the children.
    now = new Date('2026-12-01T09:00:00Z'); // the next days: the desk locked itself meanwhile
    await expect(call('families.search', { q: 'martin' })).rejects.toThrow(/verrouillé/);
    await must('session.login', { login: 'agent', password: 'agent-Mot-de-passe-2026' });
    const sheet = await call('attendance.list', { activityId: (await call('activities.list'))[0].id, date: '2026-12-01' });
    expect(sheet.rows[0].child).toMatchObject({ allergies: 'arachide', hasCareplan: true });

    // The audit row names the user and the desk.
    const trail = await call('families.audit', { householdId });
    expect(trail.find((r: any) => r.command === 'booking.book')).toMatchObject({
      actorName: 'Sophie Accueil',
      deskId: core.deskId,
    });
    // The history of the family file does not show the agent the health changes either.
    const healthEdit = trail.find((r: any) => r.command === 'child.update');
    expect(healthEdit).toBeDefined();
    expect(healthEdit.changes).not.toMatch(/arachide|Trousse|allergies|hasCareplan/);

    // The régisseur records payments; the administrator sees health data.
    call('session.logout');
    await must('session.login', { login: 'regie', password: 'regie-Mot-de-passe-2026' });
    const payment = await call('payment.record', { householdId, mode: 'cash', amountCents: 1000, receivedOn: '2026-12-01' });
    expect(payment.ok).toBe(true);
    await call('session.logout');
    await must('session.login', { login: 'admin', password: 'admin-Mot-de-passe-2026' });
    expect((await call('families.get', { householdId })).children[0].allergies).toBe('arachide');
    const adminTrail = await call('families.audit', { householdId });
    expect(adminTrail.find((r: any) => r.command === 'child.update').changes).toMatch(/arachide/);
  });

  it('locks after inactivity; only the same user unlocks', async () => {
    await createAccounts();
    await must('session.login', { login: 'agent', password: 'agent-Mot-de-passe-2026' });
    now = new Date(now.getTime() + 11 * 60_000);
    await expect(call('families.search', { q: 'x' })).rejects.toThrow(/verrouillé/);
    expect((await call('session.login', { login: 'regie', password: 'regie-Mot-de-passe-2026' })).ok).toBe(false);
    expect((await call('session.login', { login: 'agent', password: 'agent-Mot-de-passe-2026' })).ok).toBe(true);
    expect(await call('families.search', { q: 'x' })).toEqual([]);
  });

  it('refuses weak passwords and keeps at least one active administrator; no password in the outbox', async () => {
    const { admin } = await createAccounts();
    await must('session.login', { login: 'admin', password: 'admin-Mot-de-passe-2026' });
    const weak = await call('staff.setPassword', { staffId: admin, password: 'azerty123' });
    expect(weak).toMatchObject({ ok: false });
    const demote = await call('staff.save', { staffId: admin, login: 'admin', name: 'Claire Mairie', role: 'agent' });
    expect(demote).toMatchObject({ ok: false, code: 'conflict' });
    const outbox = JSON.stringify(core.store.sqlite.prepare('SELECT args FROM _outbox').all());
    expect(outbox).not.toContain('Mot-de-passe');
  });
});

function childFields(c: any) {
  const { contacts: _c, relationships: _r, createdAt: _a, updatedAt: _u, id, ...fields } = c;
  return { ...fields, childId: id };
}
