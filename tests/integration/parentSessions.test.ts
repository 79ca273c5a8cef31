// The parent session lookup every parent request goes through (parents/accounts.ts `parentOfSession`, prepared
// statements): a live session of an active account is in, with the guardian's name and households; an expired
// session, a revoked account, a reset one (its sessions ended) are out; an archived household drops out of the
// session at once. And the public `/api/parent/info`: the régie's contact details and logo, nothing personal.
// Real hub on 127.0.0.1, real commands.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, endAllSessions, parentOfSession, upsertAccount } from '../../src/portal/parents/accounts';
import { runCreatedAtHub } from '../../src/portal/parents/routes';
import { cleanup, startHub, type TestHub } from '../fixtures/hubHarness';

let now = new Date('2026-11-26T09:00:00Z');
const clock = () => now;
let hub: TestHub;
const staff = { kind: 'system' as const, id: 'test', name: 'Test' };

const run = (name: string, args: unknown) => {
  const result = runCreatedAtHub(hub.hub, staff, name, args, now);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.value as any;
};

function household(lastName: string, guardianId = randomUUID()) {
  const { householdId } = run('household.create', {
    guardians: [
      { guardianId, civility: 'Mme', firstName: 'Anne', lastName, mobilePhone: '0612345678', email: `${lastName}@exemple.fr` },
    ],
    children: [{ firstName: 'Léa', lastName, birthDate: '2018-05-01', schoolLevel: 'CE2' }],
  });
  return { householdId: householdId as string, guardianId };
}

const get = (path: string, cookie?: string) =>
  fetch(`${hub.url}${path}`, { headers: cookie ? { cookie: `guichet_session=${cookie}` } : {} });

beforeEach(async () => {
  now = new Date('2026-11-26T09:00:00Z');
  hub = await startHub(undefined, clock);
});

afterEach(async () => {
  await hub.stop();
  cleanup(hub.dataDir);
});

describe('parent sessions', () => {
  it('a live session of an active account is in; expired, revoked or ended ones are out', async () => {
    const { householdId, guardianId } = household('Martin');
    upsertAccount(
      hub.hub.sqlite,
      guardianId,
      { login: 'martin@exemple.fr', email: 'martin@exemple.fr', state: 'active', password_hash: 'x' },
      now,
    );
    const session = createSession(hub.hub.sqlite, guardianId, now);
    expect(parentOfSession(hub.hub.sqlite, session.id, now)).toEqual({
      guardianId,
      csrf: session.csrf,
      name: 'Anne Martin',
      householdIds: [householdId],
    });
    expect((await get(`/api/parent/households/${householdId}/dashboard`, session.id)).status).toBe(200);
    expect(parentOfSession(hub.hub.sqlite, 'not-a-session', now)).toBeUndefined();

    // Twelve hours later the session has expired.
    expect(parentOfSession(hub.hub.sqlite, session.id, new Date(now.getTime() + 12 * 3600_000 + 1))).toBeUndefined();

    // Revoked by the mairie: out at once, even with a live session.
    upsertAccount(hub.hub.sqlite, guardianId, { state: 'revoked' }, now);
    expect(parentOfSession(hub.hub.sqlite, session.id, now)).toBeUndefined();
    expect((await get(`/api/parent/households/${householdId}/dashboard`, session.id)).status).toBe(401);

    // Active again, but every session ended (a password reset): still out.
    upsertAccount(hub.hub.sqlite, guardianId, { state: 'active' }, now);
    expect((await get(`/api/parent/households/${householdId}/dashboard`, session.id)).status).toBe(200);
    endAllSessions(hub.hub.sqlite, guardianId);
    expect((await get(`/api/parent/households/${householdId}/dashboard`, session.id)).status).toBe(401);
  });

  it('an archived household leaves the session at once; the other one stays', async () => {
    const first = household('Martin');
    const second = household('Petit');
    run('guardian.link', { householdId: second.householdId, guardianId: first.guardianId });
    upsertAccount(
      hub.hub.sqlite,
      first.guardianId,
      { login: 'm@exemple.fr', email: 'm@exemple.fr', state: 'active', password_hash: 'x' },
      now,
    );
    const session = createSession(hub.hub.sqlite, first.guardianId, now);
    expect(parentOfSession(hub.hub.sqlite, session.id, now)!.householdIds.sort()).toEqual(
      [first.householdId, second.householdId].sort(),
    );
    run('household.archive', { householdId: second.householdId, reason: 'Déménagement' });
    expect(parentOfSession(hub.hub.sqlite, session.id, now)!.householdIds).toEqual([first.householdId]);
    expect((await get(`/api/parent/households/${second.householdId}/dashboard`, session.id)).status).toBe(404);
  });
});

describe('the commune’s public information', () => {
  it('gives the régie’s contact details and a raster logo, before login', async () => {
    expect(await (await get('/api/parent/info')).json()).toMatchObject({ contact: null, logo: '' });
    run('regie.saveSettings', {
      communeName: 'Aiffres',
      regieName: 'Régie enfance-jeunesse',
      addressLine1: '2 place du Champ de Foire',
      postalCode: '79230',
      city: 'Aiffres',
      phone: '0549320000',
      email: 'regie@aiffres.fr',
      officeHours: 'du lundi au vendredi de 8 h 30 à 12 h',
    });
    const info = await (await get('/api/parent/info')).json();
    expect(info.contact).toEqual({
      name: 'Régie enfance-jeunesse',
      addressLine1: '2 place du Champ de Foire',
      addressLine2: '',
      postalCode: '79230',
      city: 'Aiffres',
      phone: '05 49 32 00 00',
      phoneHref: 'tel:+33549320000',
      email: 'regie@aiffres.fr',
      officeHours: 'du lundi au vendredi de 8 h 30 à 12 h',
    });
    // A logo is shown only as a PNG / JPEG / WebP data URL (anything else is left out).
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    hub.hub.sqlite.prepare('UPDATE regie_settings SET logo = ?').run(png);
    expect((await (await get('/api/parent/info')).json()).logo).toBe(png);
    hub.hub.sqlite.prepare('UPDATE regie_settings SET logo = ?').run('data:text/html;base64,PHNjcmlwdD4=');
    expect((await (await get('/api/parent/info')).json()).logo).toBe('');
  });
});
