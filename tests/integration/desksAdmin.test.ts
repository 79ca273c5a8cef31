// The commune's desks managed from a desk (handlers `desks.*` → hub routes /api/staff/desks/*), with a real hub
// on 127.0.0.1 and real desk cores: desk A creates an enrolment code, desk B enrols with it, the list shows
// both with their activity, A revokes B and B's next sync is refused; a desk cannot revoke itself; each action
// leaves an audit row; offline and standalone desks say so in French; only administrators may call them.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, connectedDesk, openDesk, startHub, type TestDesk, type TestHub } from '../fixtures/hubHarness';

let hub: TestHub | undefined;
const desks: TestDesk[] = [];
afterEach(async () => {
  for (const desk of desks.splice(0)) {
    await desk.core.close();
    cleanup(desk.dir);
  }
  if (hub) {
    await hub.stop();
    cleanup(hub.dataDir);
    hub = undefined;
  }
});

describe('desks managed from the admin screen', () => {
  it('creates a code for a new desk, lists both, revokes the new one: its next sync is refused', async () => {
    hub = await startHub();
    const a = await connectedDesk(hub, 'Accueil mairie');
    desks.push(a);

    const created = await a.must('desks.createCode', { name: '  Centre   de loisirs ' });
    expect(created.name).toBe('Centre de loisirs');
    expect(created.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // The hub keeps only a hash of the code.
    expect(JSON.stringify(hub.hub.sqlite.prepare('SELECT * FROM _hub_desks').all())).not.toContain(
      created.code.replace(/-/g, ''),
    );

    // Before B enrols: « en attente », with the code's expiry.
    let list = await a.must('desks.list', {});
    expect(list.map((d: any) => [d.name, d.state, d.current])).toEqual([
      ['Accueil mairie', 'enrolled', true],
      ['Centre de loisirs', 'waiting', false],
    ]);
    expect(list[1].codeExpiresAt).toBe(created.expiresAt);

    // A second desk with the same name is refused while the first is not revoked; a blank name too.
    const twice = await a.call('desks.createCode', { name: 'centre de loisirs' });
    expect(twice).toMatchObject({ ok: false, code: 'refused' });
    expect(twice.message).toMatch(/s’appelle déjà « centre de loisirs »/);
    expect(await a.call('desks.createCode', { name: '   ' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Indiquez le nom du nouveau poste/),
    });

    // Desk B enrols with the code A obtained; it syncs and pushes a command.
    const b = openDesk();
    desks.push(b);
    expect(await b.core.connect({ hubUrl: hub.url, code: created.code })).toMatchObject({ ok: true });
    // The code is one-time.
    const c = openDesk();
    desks.push(c);
    expect(await c.core.connect({ hubUrl: hub.url, code: created.code })).toMatchObject({ ok: false });
    await b.must('household.create', {
      guardians: [{ civility: 'Mme', firstName: 'Hélène', lastName: 'Durand', mobilePhone: '06 12 34 56 78' }],
      children: [{ firstName: 'Léa', lastName: 'Durand', birthDate: '2018-04-12', schoolLevel: 'CE2' }],
    });
    await b.core.sync!.syncNow();
    expect(b.core.sync!.status()).toMatchObject({ state: 'online', pending: 0 });

    list = await a.must('desks.list', {});
    const bView = list.find((d: any) => d.deskId === created.deskId);
    expect(bView).toMatchObject({ name: 'Centre de loisirs', state: 'enrolled', current: false, revokedAt: null });
    expect(bView.enrolledAt).toEqual(expect.any(String));
    expect(bView.lastSeenAt).toEqual(expect.any(String));
    expect(bView.lastPushAt).toEqual(expect.any(String));
    expect(bView.codeExpiresAt).toBeNull();
    expect(list.find((d: any) => d.current).lastSeenAt).toEqual(expect.any(String));

    // A cannot revoke itself; an unknown desk is refused.
    const self = await a.call('desks.revoke', { deskId: a.core.deskId });
    expect(self).toMatchObject({ ok: false, code: 'refused' });
    expect(self.message).toMatch(/ne peut pas se révoquer lui-même/);
    expect(await a.call('desks.revoke', { deskId: 'inconnu' })).toMatchObject({
      ok: false,
      message: 'Poste inconnu du concentrateur.',
    });

    // A revokes B: the answer is the new list; B's next sync is refused (« révoqué »).
    const after = await a.must('desks.revoke', { deskId: created.deskId });
    expect(after.find((d: any) => d.deskId === created.deskId)).toMatchObject({
      state: 'revoked',
      revokedAt: expect.any(String),
    });
    expect(await a.call('desks.revoke', { deskId: created.deskId })).toMatchObject({
      ok: false,
      message: 'Le poste « Centre de loisirs » est déjà révoqué.',
    });
    await b.core.sync!.syncNow();
    expect(b.core.sync!.status()).toMatchObject({ state: 'revoked', lastError: 'Ce poste a été révoqué.' });
    expect(await b.call('desks.list', {})).toMatchObject({ ok: false, code: 'revoked', message: 'Ce poste a été révoqué.' });
    // A still works, and the name is free again for a replacement desk.
    await a.core.sync!.syncNow();
    expect(a.core.sync!.status().state).toBe('online');
    expect((await a.must('desks.createCode', { name: 'Centre de loisirs' })).code).toMatch(/-/);

    // Every action is audited at the hub, naming the desk the administrator acted from.
    const audit = hub.hub.sqlite
      .prepare(`SELECT command, entity_id, actor_name FROM audit_log WHERE command LIKE 'desk.%' ORDER BY at, id`)
      .all() as { command: string; entity_id: string; actor_name: string }[];
    expect(audit.map((r) => r.command)).toEqual(['desk.createEnrolmentCode', 'desk.revoke', 'desk.createEnrolmentCode']);
    expect(audit[1]!.entity_id).toBe(created.deskId);
    expect(audit.every((r) => r.actor_name.endsWith('(Accueil mairie)'))).toBe(true);
  });

  it('offline or standalone: a plain French message; only administrators may manage desks', async () => {
    hub = await startHub();
    const a = await connectedDesk(hub, 'Accueil mairie');
    desks.push(a);
    const standalone = openDesk();
    desks.push(standalone);
    expect(await standalone.call('desks.list', {})).toMatchObject({
      ok: false,
      code: 'standalone',
      message: "Ce poste n'est pas relié à un concentrateur : il n'y a pas d'autre poste à gérer.",
    });

    // Staff accounts: an agent and a régisseur are refused by the desk itself; the administrator is not.
    const staff: Record<string, string> = {};
    for (const [login, role] of [
      ['admin', 'admin'],
      ['agent', 'agent'],
      ['regie', 'regisseur'],
    ] as const) {
      const { staffId } = await a.must('staff.save', { login, name: login, role });
      await a.must('staff.setPassword', { staffId, password: `${login}-Mot-de-passe-2026` });
      staff[login] = staffId;
      if (login === 'admin') await a.must('session.login', { login: 'admin', password: 'admin-Mot-de-passe-2026' });
    }
    for (const login of ['agent', 'regie']) {
      await a.call('session.logout', {});
      await a.must('session.login', { login, password: `${login}-Mot-de-passe-2026` });
      await expect(a.call('desks.list', {})).rejects.toThrow('Action réservée au rôle Administrateur.');
      await expect(a.call('desks.createCode', { name: 'Pirate' })).rejects.toThrow(/Administrateur/);
      await expect(a.call('desks.revoke', { deskId: 'x' })).rejects.toThrow(/Administrateur/);
    }
    expect(hub.hub.sqlite.prepare(`SELECT count(*) AS n FROM _hub_desks WHERE name = 'Pirate'`).get()).toEqual({ n: 0 });
    await a.call('session.logout', {});
    await a.must('session.login', { login: 'admin', password: 'admin-Mot-de-passe-2026' });
    expect((await a.must('desks.list', {})).map((d: any) => d.name)).toEqual(['Accueil mairie']);
    // The audit row names the logged-in administrator.
    await a.must('desks.createCode', { name: 'Bibliothèque' });
    expect(hub.hub.sqlite.prepare(`SELECT actor_name FROM audit_log WHERE command = 'desk.createEnrolmentCode'`).get()).toEqual({
      actor_name: 'admin (Accueil mairie)',
    });

    // The hub stops: « en ligne uniquement », said plainly.
    await hub.stop();
    const offline = await a.call('desks.list', {});
    expect(offline).toMatchObject({ ok: false, code: 'offline' });
    expect(offline.message).toBe(
      'La gestion des postes se fait en ligne : le concentrateur est injoignable pour le moment. Réessayez une fois en ligne.',
    );
    cleanup(hub.dataDir);
    hub = undefined;
  });
});
