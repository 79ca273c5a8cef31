// RGPD at the hub: a purge made on a desk reaches the hub by the push, and the hub then forgets the portal
// accounts of the guardians it anonymised — account, sessions, one-time tokens, used sign-up, login-failure
// counter — with one audit row each (counts, no e-mail). A separated parent who stays in another household, and
// the guardians of other households, keep theirs. A purge made before the hub knew how to forget (or while the
// hook did not run) is picked up when the hub starts again. Real hub on 127.0.0.1, real desk core, real HTTP.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, issueToken, upsertAccount } from '../../src/portal/parents/accounts';
import { hashPassword } from '../../src/shared/passwords';
import { canonicalHashes, cleanup, connectedDesk, startHub, type TestDesk, type TestHub } from '../fixtures/hubHarness';

let now = new Date('2020-03-01T09:00:00Z');
const clock = () => now;
let hub: TestHub | undefined;
let desk: TestDesk | undefined;
beforeEach(() => {
  now = new Date('2020-03-01T09:00:00Z');
});
afterEach(async () => {
  await desk?.core.close();
  await hub?.stop();
  cleanup(...[desk?.dir, hub?.dataDir].filter((d): d is string => !!d));
  desk = hub = undefined;
});

const PASSWORD = 'Un-mot-de-passe-solide-2020';
const ids = { iris: randomUUID(), paul: randomUUID(), chloe: randomUUID() };

/** Ancienne (Iris and Paul, archived in 2020) and Nouvelle (Paul again, separated parent, and Chloé), live. */
async function scene(d: TestDesk) {
  const ancienne = randomUUID();
  const nouvelle = randomUUID();
  await d.must('household.create', {
    householdId: ancienne,
    guardians: [
      {
        guardianId: ids.iris,
        civility: 'Mme',
        firstName: 'Iris',
        lastName: 'Ancienne',
        mobilePhone: '0612345678',
        email: 'iris@exemple.fr',
      },
      {
        guardianId: ids.paul,
        civility: 'M.',
        firstName: 'Paul',
        lastName: 'Ancienne',
        mobilePhone: '0698765432',
        email: 'paul@exemple.fr',
      },
    ],
    children: [{ firstName: 'Noé', lastName: 'Ancienne', birthDate: '2015-06-01', schoolLevel: 'CM1' }],
  });
  await d.must('household.create', {
    householdId: nouvelle,
    guardians: [
      {
        guardianId: ids.chloe,
        civility: 'Mme',
        firstName: 'Chloé',
        lastName: 'Nouvelle',
        mobilePhone: '0611111111',
        email: 'chloe@exemple.fr',
      },
    ],
    children: [{ firstName: 'Lou', lastName: 'Nouvelle', birthDate: '2016-02-01', schoolLevel: 'CE2' }],
  });
  await d.must('guardian.link', { householdId: nouvelle, guardianId: ids.paul });
  await d.must('household.archive', { householdId: ancienne, reason: 'Départ' });
  await d.core.sync!.syncNow();
  return { ancienne, nouvelle };
}

/** Portal accounts as the hub holds them: active, with an (old) session, a reset token and a login failure each. */
async function accounts(h: TestHub) {
  const sqlite = h.hub.sqlite;
  for (const [key, email] of [
    ['iris', 'iris@exemple.fr'],
    ['paul', 'paul@exemple.fr'],
    ['chloe', 'chloe@exemple.fr'],
  ] as const) {
    const guardianId = ids[key];
    upsertAccount(sqlite, guardianId, { login: email, email, state: 'active', password_hash: await hashPassword(PASSWORD) }, now);
    createSession(sqlite, guardianId, now);
    issueToken(sqlite, guardianId, 'reset', now, 3600_000);
    sqlite.prepare(`INSERT INTO _hub_login_failures (key, count, last_at) VALUES (?, 1, ?)`).run(email, now.toISOString());
  }
  // Iris came through the online sign-up: the used sign-up row still holds her e-mail.
  sqlite
    .prepare(
      `INSERT INTO _hub_signups (token_hash, email, data, created_at, expires_at, used_at, guardian_id) VALUES (?, ?, '{}', ?, ?, ?, ?)`,
    )
    .run(randomUUID(), 'iris@exemple.fr', now.toISOString(), now.toISOString(), now.toISOString(), ids.iris);
}

const held = (h: TestHub, guardianId: string) => {
  const count = (sql: string) => (h.hub.sqlite.prepare(sql).get(guardianId) as { n: number }).n;
  return {
    accounts: count('SELECT count(*) AS n FROM _hub_parent_accounts WHERE guardian_id = ?'),
    sessions: count('SELECT count(*) AS n FROM _hub_sessions WHERE guardian_id = ?'),
    tokens: count('SELECT count(*) AS n FROM _hub_parent_tokens WHERE guardian_id = ?'),
    signUps: count('SELECT count(*) AS n FROM _hub_signups WHERE guardian_id = ?'),
  };
};
const failures = (h: TestHub) =>
  (h.hub.sqlite.prepare('SELECT key FROM _hub_login_failures ORDER BY key').all() as { key: string }[]).map((r) => r.key);

/** Logs in through the parent API: the status and the session cookie's value. */
async function login(h: TestHub, email: string) {
  const response = await fetch(`${h.url}/api/parent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: email, password: PASSWORD }),
  });
  return { status: response.status, cookie: /guichet_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '' };
}
const session = async (h: TestHub, id: string) =>
  (await fetch(`${h.url}/api/parent/session`, { headers: { cookie: `guichet_session=${id}` } })).status;

describe('the hub forgets the portal accounts of purged guardians', () => {
  it('after the push that carries the purge: Iris is forgotten, Paul (still in a live household) and Chloé are not', async () => {
    hub = await startHub(undefined, () => now);
    desk = await connectedDesk(hub, 'Mairie', clock);
    const { ancienne } = await scene(desk);
    await accounts(hub);
    now = new Date('2026-03-02T09:00:00Z');
    // Both parents log in just before the purge: live sessions.
    const iris = await login(hub, 'iris@exemple.fr');
    const paul = await login(hub, 'paul@exemple.fr');
    expect([iris.status, paul.status]).toEqual([200, 200]);
    expect(await session(hub, iris.cookie)).toBe(200);
    expect(await session(hub, paul.cookie)).toBe(200);

    await desk.must('rgpd.purge', { householdIds: [ancienne] });
    await desk.core.sync!.syncNow();
    expect(desk.core.sync!.status().pending).toBe(0);
    expect(hub.hub.sqlite.prepare('SELECT first_name, email FROM guardians WHERE id = ?').get(ids.iris)).toEqual({
      first_name: 'Anonyme',
      email: '',
    });

    // Iris: nothing left at the hub; she can no longer log in, her session is gone.
    expect(held(hub, ids.iris)).toEqual({ accounts: 0, sessions: 0, tokens: 0, signUps: 0 });
    // Her failed-login counter (keyed by her e-mail) goes too; Chloé's stays (Paul's ended with his login).
    expect(failures(hub)).toEqual(['chloe@exemple.fr']);
    expect(await session(hub, iris.cookie)).toBe(401);
    expect((await login(hub, 'iris@exemple.fr')).status).toBe(401);
    // Paul stays in Nouvelle (the purge unlinked him from Ancienne and left him as he was); Chloé is untouched.
    expect(held(hub, ids.paul)).toEqual({ accounts: 1, sessions: 2, tokens: 1, signUps: 0 });
    expect(held(hub, ids.chloe)).toEqual({ accounts: 1, sessions: 1, tokens: 1, signUps: 0 });
    expect(await session(hub, paul.cookie)).toBe(200);

    // One audit row, counts only, naming the purged household; it replicates like any audit row.
    const audit = hub.hub.sqlite
      .prepare(
        `SELECT entity, entity_id, household_id, changes, reason, actor_kind FROM audit_log WHERE command = 'portal.forgetPurged'`,
      )
      .all();
    expect(audit).toEqual([
      {
        entity: 'guardian',
        entity_id: ids.iris,
        household_id: ancienne,
        changes: JSON.stringify({ accounts: 1, sessions: 2, tokens: 1, signUps: 1 }),
        reason: 'Compte de l’espace famille supprimé : responsable effacé (RGPD).',
        actor_kind: 'system',
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain('iris@');
    await desk.core.sync!.syncNow();
    expect(canonicalHashes(desk.core.store.sqlite)).toEqual(canonicalHashes(hub.hub.sqlite));
    // Done once: later writes do not audit again.
    await desk.must('household.create', {
      guardians: [{ civility: 'M.', firstName: 'Jean', lastName: 'Autre', mobilePhone: '0622222222' }],
      children: [{ firstName: 'Zoé', lastName: 'Autre', birthDate: '2017-02-01', schoolLevel: 'CE1' }],
    });
    await desk.core.sync!.syncNow();
    expect(desk.core.sync!.status().pending).toBe(0);
    expect(hub.hub.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE command = 'portal.forgetPurged'`).get()).toEqual({
      n: 1,
    });
  });

  it('a purge the hub did not act on (made before it knew how) is picked up when the hub starts', async () => {
    hub = await startHub(undefined, () => now);
    desk = await connectedDesk(hub, 'Mairie', clock);
    const { ancienne } = await scene(desk);
    await accounts(hub);
    // As on a hub from before: no trigger, no record of purged households.
    hub.hub.sqlite.exec('DROP TRIGGER _hub_purge_forgets_accounts; DELETE FROM _hub_purged_households;');
    now = new Date('2026-03-02T09:00:00Z');
    await desk.must('rgpd.purge', { householdIds: [ancienne] });
    await desk.core.sync!.syncNow();
    expect(held(hub, ids.iris).accounts).toBe(1);

    // The hub restarts on the same folder (same port unknown: the desk is not needed any more).
    const dataDir = hub.dataDir;
    await hub.stop();
    hub = await startHub(dataDir, () => now);
    expect(held(hub, ids.iris)).toEqual({ accounts: 0, sessions: 0, tokens: 0, signUps: 0 });
    expect(held(hub, ids.paul).accounts).toBe(1);
    expect(held(hub, ids.chloe).accounts).toBe(1);
    expect(hub.hub.sqlite.prepare(`SELECT entity_id FROM audit_log WHERE command = 'portal.forgetPurged'`).all()).toEqual([
      { entity_id: ids.iris },
    ]);
    // The trigger is back for the next purges, and a second start does nothing more.
    expect(
      hub.hub.sqlite
        .prepare(`SELECT 1 AS x FROM sqlite_master WHERE type = 'trigger' AND name = '_hub_purge_forgets_accounts'`)
        .get(),
    ).toEqual({ x: 1 });
    await hub.stop();
    hub = await startHub(dataDir, () => now);
    expect(hub.hub.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE command = 'portal.forgetPurged'`).get()).toEqual({
      n: 1,
    });
  });
});
