// The parent portal API against a real hub, a real SMTP server and real desks, all on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCanteen } from '../fixtures/commune';
import { cleanup, connectedDesk, startHub, type TestDesk, type TestHub } from '../fixtures/hubHarness';
import { startSmtpServer } from '../fixtures/smtpServer';

let now = new Date('2026-11-26T09:00:00Z');
const clock = () => now;
let hub: TestHub;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let desk: TestDesk;
let setup: Awaited<ReturnType<typeof seedCanteen>>;

beforeEach(async () => {
  now = new Date('2026-11-26T09:00:00Z');
  smtp = await startSmtpServer();
  hub = await startHub(undefined, clock, { smtp: { host: '127.0.0.1', port: smtp.port, from: 'Mairie <noreply@aiffres.test>' } });
  desk = await connectedDesk(hub, 'Mairie', clock);
  setup = await seedCanteen(desk.must, desk.call, { families: ['Martin', 'Bernard'], capacity: 5 });
  for (const f of setup.families) {
    const view = await desk.call('families.get', { householdId: f.householdId });
    await desk.must('guardian.update', { ...guardianFields(view.guardians[0]), email: `${f.name.toLowerCase()}@exemple.fr` });
  }
  await desk.core.sync!.syncNow();
});

afterEach(async () => {
  await desk.core.close();
  await hub.stop();
  await smtp.stop();
  cleanup(desk.dir, hub.dataDir);
});

function guardianFields(g: any) {
  const { createdAt: _c, updatedAt: _u, receivesInvoices: _r, id, ...fields } = g;
  return { ...fields, guardianId: id };
}

/** A tiny cookie-keeping client, as a browser would be. */
function parentClient() {
  let cookie = '';
  let csrf = '';
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${hub.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const json = await response.json().catch(() => null);
    if (json?.csrf) csrf = json.csrf;
    return { status: response.status, body: json };
  };
  return { request, setCsrf: (v: string) => (csrf = v) };
}

async function activate(householdIndex: number, password = 'Cantine-du-mardi-42') {
  const family = setup.families[householdIndex]!;
  const view = await desk.call('families.get', { householdId: family.householdId });
  const guardianId = view.guardians[0].id;
  const before = smtp.mails.length;
  const invited = await desk.call('portal.invite', { guardianId });
  expect(invited).toMatchObject({ ok: true, value: { state: 'invited' } });
  const [mail] = (await smtp.waitFor(before + 1)).slice(before);
  const token = /\/activer\/([\w-]+)/.exec(mail!.text)![1]!;
  const parent = parentClient();
  const activated = await parent.request('POST', '/api/parent/activate', { token, password });
  expect(activated.status).toBe(200);
  return { parent, token, guardianId, family, mail: mail! };
}

describe('parent portal', () => {
  it('staff activate a guardian: the e-mail carries a one-time link, never a password; the parent sets one and is in', async () => {
    const family = setup.families[0]!;
    const view = await desk.call('families.get', { householdId: family.householdId });
    const guardianId = view.guardians[0].id;
    await desk.call('portal.invite', { guardianId });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['martin@exemple.fr']);
    expect(mail!.text).toMatch(/valable 14 jours/);
    const token = /\/activer\/([\w-]+)/.exec(mail!.text)![1]!;
    const parent = parentClient();
    expect((await parent.request('GET', `/api/parent/activation/${token}`)).body).toMatchObject({
      firstName: 'Anne',
      lastName: 'Martin',
    });
    const weak = await parent.request('POST', '/api/parent/activate', { token, password: 'azerty123' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/au moins 10|trop courant/);
    const ok = await parent.request('POST', '/api/parent/activate', { token, password: 'Cantine-du-mardi-42' });
    expect(ok.status).toBe(200);
    const session = await parent.request('GET', '/api/parent/session');
    expect(session.body.households.map((h: any) => h.id)).toEqual([family.householdId]);
    // The link works once.
    const again = await parentClient().request('POST', '/api/parent/activate', { token, password: 'Autre-mot-de-passe-77' });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/déjà été utilisé/);
    // The desk sees the account state.
    expect((await desk.call('portal.states', { guardianIds: [guardianId] })).value[0].state).toBe('active');
    // Login with the chosen password; a wrong one is refused, then slowed down.
    const login = await parentClient().request('POST', '/api/parent/login', {
      login: 'martin@exemple.fr',
      password: 'Cantine-du-mardi-42',
    });
    expect(login.status).toBe(200);
    const attacker = parentClient();
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await attacker.request('POST', '/api/parent/login', { login: 'martin@exemple.fr', password: `faux-${i}` })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('an expired activation link is refused', async () => {
    const view = await desk.call('families.get', { householdId: setup.families[0]!.householdId });
    await desk.call('portal.invite', { guardianId: view.guardians[0].id });
    const [mail] = await smtp.waitFor(1);
    const token = /\/activer\/([\w-]+)/.exec(mail!.text)![1]!;
    now = new Date('2026-12-11T09:00:00Z'); // 15 days later
    const expired = await parentClient().request('POST', '/api/parent/activate', { token, password: 'Cantine-du-mardi-42' });
    expect(expired.status).toBe(410);
    expect(expired.body.message).toMatch(/expiré/);
  });

  it('a parent books two days and changes their phone; the desk sees both after sync', async () => {
    const { parent, family, guardianId } = await activate(0);
    const booked = await parent.request('POST', `/api/parent/households/${family.householdId}/bookings`, {
      childId: family.childId,
      items: [
        { unitId: setup.unitId, date: '2026-12-07' },
        { unitId: setup.unitId, date: '2026-12-08' },
      ],
    });
    expect(booked.status).toBe(200);
    expect(booked.body.value.items.map((i: any) => i.outcome)).toEqual(['booked', 'booked']);
    // Past the deadline, a parent is refused (no override for parents).
    const late = await parent.request('POST', `/api/parent/households/${family.householdId}/bookings`, {
      childId: family.childId,
      items: [{ unitId: setup.unitId, date: '2026-11-27' }],
    });
    expect(late.body.value.items[0]).toMatchObject({ outcome: 'refused' });
    const contact = await parent.request('GET', '/api/parent/contact');
    const changed = await parent.request('PUT', '/api/parent/contact', {
      ...withoutId(contact.body),
      mobilePhone: '07 98 76 54 32',
    });
    expect(changed.status).toBe(200);
    const badPhone = await parent.request('PUT', '/api/parent/contact', { ...withoutId(contact.body), mobilePhone: '07 98' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.fieldErrors.mobilePhone).toMatch(/invalide/);

    await desk.core.sync!.syncNow();
    const grid = await desk.call('reservations.month', { householdId: family.householdId, month: '2026-12' });
    expect(grid.children[0].activities[0].cells.filter((c: any) => c.state === 'booked').map((c: any) => c.date)).toEqual([
      '2026-12-07',
      '2026-12-08',
    ]);
    const view = await desk.call('families.get', { householdId: family.householdId });
    expect(view.guardians.find((g: any) => g.id === guardianId).mobilePhone).toBe('+33798765432');
    const trail = await desk.call('families.audit', { householdId: family.householdId });
    expect(trail.find((a: any) => a.command === 'contact.updateByParent')).toMatchObject({
      actorKind: 'parent',
      reason: 'Modifié par la famille',
    });
  });

  it('authorisation: a second household never reads or changes the first one’s data', async () => {
    const a = await activate(0);
    const b = await activate(1, 'Autre-phrase-secrete-88');
    const bookedByA = await a.parent.request('POST', `/api/parent/households/${a.family.householdId}/bookings`, {
      childId: a.family.childId,
      items: [{ unitId: setup.unitId, date: '2026-12-10' }],
    });
    const bookingId = bookedByA.body.value.items[0].bookingId;
    const hid = a.family.householdId;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/parent/households/${hid}/dashboard`],
      ['GET', `/api/parent/households/${hid}/activities`],
      ['GET', `/api/parent/households/${hid}/reservations?month=2026-12`],
      [
        'POST',
        `/api/parent/households/${hid}/bookings`,
        { childId: a.family.childId, items: [{ unitId: setup.unitId, date: '2026-12-11' }] },
      ],
      ['POST', `/api/parent/households/${hid}/cancellations`, { bookingIds: [bookingId] }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await b.parent.request(method, path, body);
      expect([403, 404], `${method} ${path}`).toContain(response.status);
    }
    // Every route of a household, as the hub publishes them (OpenAPI): the first household's id is refused to
    // the second before anything else is read (other ids in the path need not exist).
    const openapi = (await fetch(`${hub.url}/openapi.json`).then((r) => r.json())) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(openapi.paths)
      .filter(([path]) => path.startsWith('/api/parent/households/{householdId}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path] as const));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.map(([, path]) => path)).toEqual(
      expect.arrayContaining([
        '/api/parent/households/{householdId}/documents',
        '/api/parent/households/{householdId}/enrolment-requests',
        '/api/parent/households/{householdId}/file',
        '/api/parent/households/{householdId}/invoices/{invoiceId}/pdf',
      ]),
    );
    for (const [method, template] of routes) {
      const path = template.replace('{householdId}', hid).replace(/\{(\w+)\}/g, 'x');
      const response = await b.parent.request(method, path, method === 'GET' ? undefined : {});
      expect([403, 404], `${method} ${template}`).toContain(response.status);
    }
    // Its own household id with the other household's child or booking: refused too.
    const own = b.family.householdId;
    const crossChild = await b.parent.request('POST', `/api/parent/households/${own}/bookings`, {
      childId: a.family.childId,
      items: [{ unitId: setup.unitId, date: '2026-12-11' }],
    });
    expect(crossChild.status).toBe(404);
    const crossBooking = await b.parent.request('POST', `/api/parent/households/${own}/cancellations`, {
      bookingIds: [bookingId],
    });
    expect(crossBooking.status).toBe(404);
    expect(hub.hub.sqlite.prepare(`SELECT status FROM bookings WHERE id = ?`).get(bookingId)).toEqual({ status: 'booked' });
  });

  it('bad input: no session, wrong CSRF token, malformed JSON, oversized body, wrong types, script in text', async () => {
    const { parent, family } = await activate(0);
    expect((await parentClient().request('GET', '/api/parent/session')).status).toBe(401);
    parent.setCsrf('wrong');
    const csrf = await parent.request('PUT', '/api/parent/contact', { city: 'x' });
    expect(csrf.status).toBe(403);
    expect(csrf.body.message).toMatch(/sécurité/);
    const session = await parent.request('GET', '/api/parent/session');
    parent.setCsrf(session.body.csrf);
    const malformed = await parent.request('POST', `/api/parent/households/${family.householdId}/bookings`, '{"childId": ');
    expect(malformed.status).toBe(400);
    const wrongTypes = await parent.request('POST', `/api/parent/households/${family.householdId}/bookings`, {
      childId: 42,
      items: 'demain',
    });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.message).toMatch(/Requête invalide/);
    const huge = await parent.request('PUT', '/api/parent/contact', { addressLine1: 'x'.repeat(1024 * 1024) });
    expect(huge.status).toBe(413);
    const contact = await parent.request('GET', '/api/parent/contact');
    const script = '<script>alert(1)</script>';
    const saved = await parent.request('PUT', '/api/parent/contact', { ...withoutId(contact.body), addressLine2: script });
    expect(saved.status).toBe(200);
    // Stored as text and returned as JSON data (the page renders it as text, never as HTML).
    expect((await parent.request('GET', '/api/parent/contact')).body.addressLine2).toBe(script);
  });
});

function withoutId(contact: any) {
  const { guardianId: _g, ...rest } = contact;
  return rest;
}
