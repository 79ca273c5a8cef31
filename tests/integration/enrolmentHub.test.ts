// Online enrolment on a real hub (127.0.0.1, ephemeral port), a real SMTP test server and a real desk: sign-up
// with e-mail verification, enrolment options and requests, document uploads (real PDF and PNG, refusals that
// store nothing), downloads with their headers and audit rows, and the e-mails of the commune's decisions.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCanteen } from '../fixtures/commune';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildHub } from '../../src/portal/server';
import { createEnrolmentCode } from '../../src/portal/sync/desks';
import { cleanup, connectedDesk, type TestDesk } from '../fixtures/hubHarness';
import { startSmtpServer } from '../fixtures/smtpServer';

let now = new Date('2026-11-26T09:00:00Z');
const clock = () => now;
let hub: EnrolmentTestHub;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let desk: TestDesk;
let setup: Awaited<ReturnType<typeof seedCanteen>>;
let insuranceTypeId: string;
let vaccinationTypeId: string;

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function realPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text("Attestation d'assurance extrascolaire 2026-2027");
    doc.end();
  });
}

/** Like the harness's hub, plus the mail dispatcher's drain. */
async function startHubWith(smtpPort: number, extra: Partial<Parameters<typeof buildHub>[0]> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-hub-'));
  const built = await buildHub({
    dataDir,
    clock,
    smtp: { host: '127.0.0.1', port: smtpPort, from: 'Mairie <noreply@aiffres.test>' },
    ...extra,
  });
  const url = await built.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    dataDir,
    hub: built.hub,
    app: built.app,
    payments: built.payments,
    drainMessageMails: built.drainMessageMails,
    enrolmentCode: (name: string) => createEnrolmentCode(built.hub.sqlite, name).code,
    stop: () => built.app.close(),
  };
}
type EnrolmentTestHub = Awaited<ReturnType<typeof startHubWith>>;

beforeEach(async () => {
  now = new Date('2026-11-26T09:00:00Z');
  smtp = await startSmtpServer();
  hub = await startHubWith(smtp.port);
  desk = await connectedDesk(hub, 'Mairie', clock);
  setup = await seedCanteen(desk.must, desk.call, { families: ['Martin', 'Bernard'], capacity: 5 });
  for (const f of setup.families) {
    const view = await desk.call('families.get', { householdId: f.householdId });
    const { createdAt: _c, updatedAt: _u, receivesInvoices: _r, id, ...fields } = view.guardians[0];
    await desk.must('guardian.update', { ...fields, guardianId: id, email: `${f.name.toLowerCase()}@exemple.fr` });
  }
  ({ documentTypeId: insuranceTypeId } = await desk.must('documentType.save', {
    name: "Attestation d'assurance extrascolaire",
    scope: 'household',
    validity: 'schoolYear',
    requiredForFile: true,
  }));
  ({ documentTypeId: vaccinationTypeId } = await desk.must('documentType.save', {
    name: 'Vaccinations (DTP)',
    scope: 'child',
    validity: 'permanent',
    requiredForActivities: [setup.activityId],
  }));
  await desk.must('rules.publish', { title: 'Règlement intérieur 2026-2027', body: 'Les enfants sont accueillis…' });
  await desk.must('tariff.save', {
    activityId: setup.activityId,
    label: 'Repas 2026-2027',
    validFrom: '2026-09-01',
    validTo: '2027-08-31',
    brackets: [
      { label: 'A', qfMin: 0, qfMax: 700, residentCents: 150, nonResidentCents: 300 },
      { label: 'B', qfMin: 701, qfMax: null, residentCents: 380, nonResidentCents: 500 },
    ],
  });
  await desk.core.sync!.syncNow();
});

afterEach(async () => {
  await desk.core.close();
  await hub.stop();
  await smtp.stop();
  cleanup(desk.dir, hub.dataDir);
});

/** A cookie-keeping client, as a browser would be. */
function parentClient() {
  let cookie = '';
  let csrf = '';
  const send = async (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) => {
    const response = await fetch(`${hub.url}${path}`, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}), ...headers },
      body,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    return response;
  };
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await send(
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      body !== undefined ? { 'content-type': 'application/json' } : {},
    );
    const json = await response.json().catch(() => null);
    if (json?.csrf) csrf = json.csrf;
    return { status: response.status, body: json };
  };
  const upload = async (
    householdId: string,
    file: { bytes: Buffer; name: string; type?: string },
    fields: Record<string, string>,
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/pdf' }), file.name);
    const response = await send('POST', `/api/parent/households/${householdId}/documents`, form);
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  return { request, send, upload };
}

/** Staff activate the guardian of a seeded family; the parent sets a password and is logged in. */
async function activate(index: number) {
  const family = setup.families[index]!;
  const view = await desk.call('families.get', { householdId: family.householdId });
  const before = smtp.mails.length;
  expect(await desk.call('portal.invite', { guardianId: view.guardians[0].id })).toMatchObject({ ok: true });
  // Other mails (a family message) may arrive meanwhile: take the invitation.
  await expect.poll(() => smtp.mails.slice(before).some((m) => /\/activer\//.test(m.text))).toBe(true);
  const mail = smtp.mails.slice(before).find((m) => /\/activer\//.test(m.text));
  const token = /\/activer\/([\w-]+)/.exec(mail!.text)![1]!;
  const parent = parentClient();
  expect((await parent.request('POST', '/api/parent/activate', { token, password: 'Cantine-du-mardi-42' })).status).toBe(200);
  return { parent, family, guardianId: view.guardians[0].id as string };
}

const count = (sql: string, ...params: unknown[]) => (hub.hub.sqlite.prepare(sql).get(...params) as { n: number }).n;
const storedFiles = () => readdirSync(join(hub.dataDir, 'documents'));

const signUpForm = {
  civility: 'Mme',
  firstName: 'Élodie',
  lastName: 'Lefèvre',
  email: 'Elodie.Lefevre@Exemple.fr',
  mobilePhone: '06 71 22 33 44',
  addressLine1: '3 rue des Tilleuls',
  addressLine2: '',
  postalCode: '79230',
  city: 'Aiffres',
  children: [{ firstName: 'Jules', lastName: 'Lefèvre', birthDate: '2020-03-14', schoolLevel: 'GS' }],
};

describe('sign-up of a new family', () => {
  it('verifies the e-mail by link, creates a pending household and an active account, and opens a session', async () => {
    const visitor = parentClient();
    const households = count('SELECT count(*) AS n FROM households');
    const sent = await visitor.request('POST', '/api/parent/signup', signUpForm);
    expect(sent.status).toBe(202);
    // Nothing in the replicated tables before the address is verified.
    expect(count('SELECT count(*) AS n FROM households')).toBe(households);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['elodie.lefevre@exemple.fr']);
    expect(mail!.text).toMatch(/valable 14 jours/);
    const token = /\/inscription\/verifier\?jeton=([\w-]+)/.exec(mail!.text)![1]!;
    // Only the hash of the token is kept.
    expect(count('SELECT count(*) AS n FROM _hub_signups WHERE token_hash = ?', token)).toBe(0);

    expect((await visitor.request('GET', `/api/parent/signup/verify/${token}`)).body).toEqual({
      firstName: 'Élodie',
      lastName: 'Lefèvre',
      email: 'elodie.lefevre@exemple.fr',
    });
    const weak = await visitor.request('POST', '/api/parent/signup/verify', { token, password: 'lefevre' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/au moins 10/);
    expect(count('SELECT count(*) AS n FROM households')).toBe(households);

    const verified = await visitor.request('POST', '/api/parent/signup/verify', { token, password: 'Goûter-du-mercredi-7' });
    expect(verified.status).toBe(200);
    expect(verified.body.csrf).toEqual(expect.any(String));
    const householdId = verified.body.householdId as string;
    const row = hub.hub.sqlite.prepare('SELECT status, archived_at FROM households WHERE id = ?').get(householdId) as any;
    expect(row).toEqual({ status: 'pending', archived_at: null });
    // The session works: the parent sees the new household and its child.
    const session = await visitor.request('GET', '/api/parent/session');
    expect(session.status).toBe(200);
    expect(session.body.households.map((h: any) => h.id)).toEqual([householdId]);
    const options = await visitor.request('GET', `/api/parent/households/${householdId}/enrolment-options`);
    expect(options.body.children.map((c: any) => c.firstName)).toEqual(['Jules']);
    // The login is the e-mail.
    const login = await parentClient().request('POST', '/api/parent/login', {
      login: 'elodie.lefevre@exemple.fr',
      password: 'Goûter-du-mercredi-7',
    });
    expect(login.status).toBe(200);
    // The link works once.
    const again = await parentClient().request('POST', '/api/parent/signup/verify', { token, password: 'Goûter-du-mercredi-7' });
    expect(again.status).toBe(410);
    expect(count('SELECT count(*) AS n FROM households')).toBe(households + 1);

    // « Demande d'inscription reçue » is e-mailed to the family, once.
    await smtp.waitFor(2);
    await hub.drainMessageMails();
    const received = smtp.mails.filter((m) => /bien reçu votre demande d'inscription/.test(m.text));
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['elodie.lefevre@exemple.fr']);

    // The desk pulls the pending household.
    await desk.core.sync!.syncNow();
    const view = await desk.call('families.get', { householdId });
    expect(view.household?.status ?? view.status).toBe('pending');
  });

  it('refuses a second sign-up with the same e-mail (pending, then with an account) and stores nothing', async () => {
    const first = await parentClient().request('POST', '/api/parent/signup', signUpForm);
    expect(first.status).toBe(202);
    const [mail] = await smtp.waitFor(1);
    const signUps = count('SELECT count(*) AS n FROM _hub_signups');
    const households = count('SELECT count(*) AS n FROM households');

    const pending = await parentClient().request('POST', '/api/parent/signup', {
      ...signUpForm,
      email: 'elodie.lefevre@exemple.fr',
    });
    expect(pending.status).toBe(409);
    expect(pending.body.message).toBe('Une inscription est déjà en cours pour cette adresse : consultez vos e-mails.');
    expect(count('SELECT count(*) AS n FROM _hub_signups')).toBe(signUps);

    const token = /jeton=([\w-]+)/.exec(mail!.text)![1]!;
    expect(
      (await parentClient().request('POST', '/api/parent/signup/verify', { token, password: 'Goûter-du-mercredi-7' })).status,
    ).toBe(200);
    const afterAccount = count('SELECT count(*) AS n FROM households');
    expect(afterAccount).toBe(households + 1);
    const mailsBefore = smtp.mails.length;
    const twice = await parentClient().request('POST', '/api/parent/signup', signUpForm);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('Un compte existe déjà pour cette adresse e-mail.');
    // An existing family's e-mail (account activated by staff) is refused too.
    await activate(0);
    const known = await parentClient().request('POST', '/api/parent/signup', { ...signUpForm, email: 'martin@exemple.fr' });
    expect(known.status).toBe(409);
    expect(count('SELECT count(*) AS n FROM households')).toBe(afterAccount);
    expect(count('SELECT count(*) AS n FROM _hub_signups WHERE used_at IS NULL')).toBe(0);
    expect(smtp.mails.slice(mailsBefore).filter((m) => /confirmez votre adresse/.test(m.text))).toHaveLength(0);
  });

  it('refuses an invalid form with the command’s French messages, stores nothing and sends nothing', async () => {
    const bad = await parentClient().request('POST', '/api/parent/signup', {
      ...signUpForm,
      postalCode: '7923',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.postalCode).toMatch(/Code postal invalide/);
    const unborn = await parentClient().request('POST', '/api/parent/signup', {
      ...signUpForm,
      children: [{ firstName: 'Jules', lastName: 'Lefèvre', birthDate: '2031-03-14' }],
    });
    expect(unborn.status).toBe(400);
    expect(JSON.stringify(unborn.body)).toMatch(/futur/);
    expect(count('SELECT count(*) AS n FROM _hub_signups')).toBe(0);
    expect(smtp.mails).toHaveLength(0);
    // Sign-ups are rate limited per address: 10 a minute, then a French refusal.
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++)
      statuses.push((await parentClient().request('POST', '/api/parent/signup', { ...signUpForm, postalCode: 'x' })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 429]);
    const limited = await parentClient().request('POST', '/api/parent/signup', signUpForm);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/^Trop de tentatives : réessayez dans \d+ s\.$/);
    expect(count('SELECT count(*) AS n FROM _hub_signups')).toBe(0);
  });
});

describe('enrolment requests', () => {
  it('shows the options (rules, bracket, periods, missing documents) and records a request for the own child only', async () => {
    const { parent, family } = await activate(0);
    const other = setup.families[1]!;
    await desk.must('familyQuotient.record', {
      householdId: family.householdId,
      value: 620,
      organisation: 'CAF',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    await desk.core.sync!.syncNow();
    const options = await parent.request('GET', `/api/parent/households/${family.householdId}/enrolment-options`);
    expect(options.status).toBe(200);
    const canteen = options.body.activities.find((a: any) => a.id === setup.activityId);
    expect(canteen.rulesText).toMatch(/J-2 ouvrés à 10h/);
    expect(canteen.tariffBracket).toMatchObject({ label: 'A', quotient: 620 });
    expect(canteen.tariffBracket.units[0]).toMatchObject({ residentCents: 150, nonResidentCents: 300 });
    expect(canteen.tariffBracket.prices).toEqual([
      { label: 'Repas (habitant de la commune)', cents: 150 },
      { label: 'Repas (hors commune)', cents: 300 },
    ]);
    expect(canteen.tariffBracket.explanation).toMatch(/quotient familial de 620/);
    // A household without a valid QF gets the top bracket, and is told why.
    const { parent: bernard, family: bernardFamily } = await activate(1);
    const noQf = await bernard.request('GET', `/api/parent/households/${bernardFamily.householdId}/enrolment-options`);
    expect(noQf.body.activities[0].tariffBracket).toMatchObject({
      label: 'B',
      noQuotient: true,
      units: [{ residentCents: 380 }],
    });
    expect(noQf.body.activities[0].tariffBracket.explanation).toMatch(/sans quotient familial valide/);
    expect(canteen.periods).toEqual([
      { label: 'Année scolaire 2026-2027 (à partir du 26 novembre 2026)', fromDate: '2026-11-26', toDate: '2027-08-31' },
      { label: 'Année scolaire 2027-2028', fromDate: '2027-09-01', toDate: '2028-08-31' },
    ]);
    // A holiday activity also offers each holiday period to come (the summer one until 31 August).
    const { activityId: leisureId } = await desk.must('activity.save', {
      name: 'Accueil de loisirs',
      kind: 'holiday',
      openOn: 'holidays',
      deadlines: { booking: { kind: 'daysBefore', days: 15, time: '12:00', businessDays: false } },
      units: [{ name: 'Journée', startTime: '08:00', endTime: '18:00' }],
      groups: [{ name: 'Tous', levels: ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [40] }],
    });
    await desk.core.sync!.syncNow();
    const withLeisure = await parent.request('GET', `/api/parent/households/${family.householdId}/enrolment-options`);
    const leisure = withLeisure.body.activities.find((a: any) => a.id === leisureId);
    expect(leisure.rulesText).toMatch(/J-15 à 12h/);
    expect(leisure.tariffBracket).toBeNull();
    expect(leisure.periods.slice(2).map((p: any) => p.label)).toEqual([
      'Vacances de Noël 2026-2027 (du 19 décembre 2026 au 3 janvier 2027)',
      "Vacances d'hiver 2026-2027 (du 13 février 2027 au 28 février 2027)",
      'Vacances de printemps 2026-2027 (du 10 avril 2027 au 25 avril 2027)',
      "Pont de l'Ascension 2026-2027 (du 6 mai 2027 au 9 mai 2027)",
      "Vacances d'été 2026-2027 (du 3 juillet 2027 au 31 août 2027)",
    ]);
    const needs = options.body.requiredDocuments.find(
      (r: any) => r.childId === family.childId && r.activityId === setup.activityId,
    );
    expect(needs.documents.map((d: any) => [d.name, d.state])).toEqual([
      ["Attestation d'assurance extrascolaire", 'missing'],
      ['Vaccinations (DTP)', 'missing'],
    ]);

    // Another household's child: refused, nothing stored.
    const before = count('SELECT count(*) AS n FROM enrolment_requests');
    const stolen = await parent.request('POST', `/api/parent/households/${family.householdId}/enrolment-requests`, {
      childId: other.childId,
      activityId: setup.activityId,
      fromDate: '2027-09-01',
      toDate: '2028-07-03',
    });
    expect(stolen.status).toBe(404);
    expect(stolen.body.message).toBe('Enfant introuvable dans votre foyer.');
    // Another household altogether: the same 404 as any unknown household.
    const foreign = await parent.request('POST', `/api/parent/households/${other.householdId}/enrolment-requests`, {
      childId: other.childId,
      activityId: setup.activityId,
      fromDate: '2027-09-01',
      toDate: '2028-07-03',
    });
    expect(foreign.status).toBe(404);
    expect(count('SELECT count(*) AS n FROM enrolment_requests')).toBe(before);

    const asked = await parent.request('POST', `/api/parent/households/${family.householdId}/enrolment-requests`, {
      childId: family.childId,
      activityId: setup.activityId,
      fromDate: '2027-09-01',
      toDate: '2028-07-03',
    });
    expect(asked.status).toBe(201);
    expect(asked.body.value.status).toBe('pending');
    const listed = await parent.request('GET', `/api/parent/households/${family.householdId}/enrolment-options`);
    expect(listed.body.requests).toEqual([expect.objectContaining({ id: asked.body.value.requestId, status: 'pending' })]);
    // The family withdraws it.
    const cancelled = await parent.request(
      'POST',
      `/api/parent/households/${family.householdId}/enrolment-requests/${asked.body.value.requestId}/cancel`,
    );
    expect(cancelled.status).toBe(200);
    expect(count(`SELECT count(*) AS n FROM enrolment_requests WHERE status = 'cancelled'`)).toBe(1);
  });
});

describe('yearly file', () => {
  it('shows the file form and submits it: health sheet, contacts, rules accepted with their version', async () => {
    const { parent, family } = await activate(0);
    const other = setup.families[1]!;
    const path = `/api/parent/households/${family.householdId}/file`;
    const form = await parent.request('GET', path);
    expect(form.status).toBe(200);
    expect(form.body.schoolYears).toEqual({ current: '2026-2027', next: '2027-2028' });
    expect(form.body.files.map((f: any) => [f.schoolYear, f.status])).toEqual([
      ['2026-2027', 'none'],
      ['2027-2028', 'none'],
    ]);
    expect(form.body.rules).toMatchObject({ version: 1, title: 'Règlement intérieur 2026-2027' });
    expect(form.body.rulesAccepted).toBe(false);
    // November: the form is for the current school year until it is filed.
    expect(form.body).toMatchObject({ schoolYear: '2026-2027', file: null });
    expect(form.body.children.map((c: any) => c.id)).toEqual([family.childId]);
    expect(form.body.requiredDocuments.map((d: any) => [d.name, d.state])).toEqual([
      ["Attestation d'assurance extrascolaire", 'missing'],
    ]);

    const sheet = {
      childId: family.childId,
      diet: 'noPork',
      allergies: 'Arachide',
      hasCareplan: true,
      careplanNote: 'PAI alimentaire',
      doctorName: 'Dr Morel',
      doctorPhone: '05 49 00 11 22',
      photoConsent: true,
      contacts: [
        { name: 'Mamie Jeanne', phone: '06 11 22 33 44', link: 'Grand-mère', pickup: 'allowed', emergencyContact: true },
      ],
    };
    // A child of another household: refused, nothing written.
    const files = count('SELECT count(*) AS n FROM household_files');
    const stolen = await parent.request('PUT', path, {
      schoolYear: '2027-2028',
      rulesVersionId: form.body.rules.id,
      children: [{ ...sheet, childId: other.childId }],
    });
    expect(stolen.status).toBe(404);
    expect(count('SELECT count(*) AS n FROM household_files')).toBe(files);

    const submitted = await parent.request('PUT', path, {
      schoolYear: '2027-2028',
      rulesVersionId: form.body.rules.id,
      children: [sheet],
    });
    expect(submitted.status).toBe(200);
    const after = await parent.request('GET', path);
    expect(after.body.files.map((f: any) => [f.schoolYear, f.status])).toEqual([
      ['2026-2027', 'none'],
      ['2027-2028', 'submitted'],
    ]);
    expect(after.body.rulesAccepted).toBe(true);
    expect(after.body).toMatchObject({ schoolYear: '2026-2027', file: null });
    expect(after.body.children[0]).toMatchObject({
      diet: 'noPork',
      allergies: 'Arachide',
      doctorPhone: '05 49 00 11 22',
      photoConsent: true,
      contacts: [{ name: 'Mamie Jeanne', phone: '06 11 22 33 44', pickup: 'allowed', emergencyContact: true }],
    });
    // Staff accept it on the desk: the family gets the message on the portal and by e-mail.
    await desk.core.sync!.syncNow();
    const fileId = (hub.hub.sqlite.prepare('SELECT id FROM household_files').get() as { id: string }).id;
    const before = smtp.mails.length;
    await desk.must('householdFile.accept', { fileId });
    await desk.core.sync!.syncNow();
    await smtp.waitFor(before + 1);
    const messages = await parent.request('GET', `/api/parent/households/${family.householdId}/messages`);
    expect(messages.body.messages[0]).toMatchObject({ subject: expect.stringMatching(/accepté/) });
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['martin@exemple.fr']]);
  });
});

describe('documents', () => {
  it('stores a real PDF and PNG (0600, sha256 recorded) and serves them back with safe headers, audited', async () => {
    const { parent, family } = await activate(0);
    const pdf = await realPdf();
    const sent = await parent.upload(
      family.householdId,
      { bytes: pdf, name: 'attestation assurance.pdf' },
      { documentTypeId: insuranceTypeId },
    );
    expect(sent.status).toBe(201);
    const png = await parent.upload(
      family.householdId,
      { bytes: PNG_1PX, name: 'vaccins.png', type: 'image/png' },
      { documentTypeId: vaccinationTypeId, childId: family.childId },
    );
    expect(png.status).toBe(201);
    const rows = hub.hub.sqlite.prepare('SELECT * FROM documents ORDER BY mime_type').all() as any[];
    expect(rows.map((r) => [r.mime_type, r.status, r.size, r.child_id])).toEqual([
      ['application/pdf', 'received', pdf.length, null],
      ['image/png', 'received', PNG_1PX.length, family.childId],
    ]);
    for (const [row, bytes] of [
      [rows[0], pdf],
      [rows[1], PNG_1PX],
    ] as const) {
      expect(row.storage_key).toMatch(/^[0-9a-f-]{36}$/);
      const path = join(hub.dataDir, 'documents', row.storage_key);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(storedFiles().sort()).toEqual(rows.map((r) => r.storage_key).sort());

    const list = await parent.request('GET', `/api/parent/households/${family.householdId}/documents`);
    expect(list.body.documents.map((d: any) => [d.typeName, d.state, d.fileName])).toEqual(
      expect.arrayContaining([
        ["Attestation d'assurance extrascolaire", 'received', 'attestation assurance.pdf'],
        ['Vaccinations (DTP)', 'received', 'vaccins.png'],
      ]),
    );

    const audits = count(`SELECT count(*) AS n FROM audit_log WHERE command = 'document.view'`);
    const file = await parent.send('GET', `/api/parent/households/${family.householdId}/documents/${rows[0].id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''attestation%20assurance.pdf");
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    const audit = hub.hub.sqlite
      .prepare(
        `SELECT actor_kind, actor_name, entity_id FROM audit_log WHERE command = 'document.view' ORDER BY at DESC, id DESC`,
      )
      .get() as any;
    expect(audit).toEqual({ actor_kind: 'parent', actor_name: 'Anne Martin', entity_id: rows[0].id });
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE command = 'document.view'`)).toBe(audits + 1);

    // Another family cannot read it, even knowing its id.
    const { parent: bernard, family: bernardFamily } = await activate(1);
    expect((await bernard.send('GET', `/api/parent/households/${family.householdId}/documents/${rows[0].id}/file`)).status).toBe(
      404,
    );
    expect(
      (await bernard.send('GET', `/api/parent/households/${bernardFamily.householdId}/documents/${rows[0].id}/file`)).status,
    ).toBe(404);
  });

  it('refuses a 30 MB upload (413) and an executable renamed .pdf (415) with French messages, storing nothing', async () => {
    const { parent, family } = await activate(0);
    const rowsBefore = count('SELECT count(*) AS n FROM documents');
    const huge = Buffer.alloc(30 * 1024 * 1024, 0x20);
    huge.write('%PDF-1.7\n');
    const tooBig = await parent.upload(
      family.householdId,
      { bytes: huge, name: 'scan.pdf' },
      { documentTypeId: insuranceTypeId },
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toBe('Fichier trop volumineux : 10 Mo au maximum.');
    expect(storedFiles()).toEqual([]);

    const exe = Buffer.alloc(4096);
    exe.write('MZ');
    exe.write('This program cannot be run in DOS mode.', 78);
    const renamed = await parent.upload(family.householdId, { bytes: exe, name: 'x.pdf' }, { documentTypeId: insuranceTypeId });
    expect(renamed.status).toBe(415);
    expect(renamed.body.message).toMatch(/^Format non accepté/);
    expect(storedFiles()).toEqual([]);

    // Another household's child, a file without a type: refused after the bytes arrived, and deleted.
    const other = setup.families[1]!;
    const stolen = await parent.upload(
      family.householdId,
      { bytes: PNG_1PX, name: 'v.png', type: 'image/png' },
      { documentTypeId: vaccinationTypeId, childId: other.childId },
    );
    expect(stolen.status).toBe(404);
    const untyped = await parent.upload(family.householdId, { bytes: PNG_1PX, name: 'v.png', type: 'image/png' }, {});
    expect(untyped.status).toBe(400);
    expect(storedFiles()).toEqual([]);
    expect(count('SELECT count(*) AS n FROM documents')).toBe(rowsBefore);
    // Uploading without the CSRF token is refused before anything is read.
    const form = new FormData();
    form.append('documentTypeId', insuranceTypeId);
    form.append('file', new Blob([new Uint8Array(PNG_1PX)]), 'v.png');
    const noCsrf = await fetch(`${hub.url}/api/parent/households/${family.householdId}/documents`, {
      method: 'POST',
      body: form,
    });
    expect(noCsrf.status).toBe(401);
  });

  it('staff read a document from a desk (audited with their name and desk) and export a household’s files', async () => {
    const { parent, family } = await activate(0);
    const sent = await parent.upload(
      family.householdId,
      { bytes: PNG_1PX, name: 'vaccins.png', type: 'image/png' },
      { documentTypeId: vaccinationTypeId, childId: family.childId },
    );
    const documentId = sent.body.value.documentId as string;
    const enrolled = await fetch(`${hub.url}/api/desks/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: hub.enrolmentCode('Accueil') }),
    }).then((r) => r.json());
    const auth = { authorization: `Bearer ${enrolled.token}` };
    expect((await fetch(`${hub.url}/api/staff/documents/${documentId}/file`)).status).toBe(401);
    const file = await fetch(`${hub.url}/api/staff/documents/${documentId}/file?staff=${encodeURIComponent('Claire Dupuis')}`, {
      headers: auth,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_1PX)).toBe(true);
    const audit = hub.hub.sqlite
      .prepare(`SELECT actor_kind, actor_name, household_id FROM audit_log WHERE command = 'document.view' AND entity_id = ?`)
      .all(documentId);
    expect(audit).toEqual([{ actor_kind: 'staff', actor_name: 'Claire Dupuis (Accueil)', household_id: family.householdId }]);

    const exported = await fetch(`${hub.url}/api/staff/households/${family.householdId}/documents-export?staff=Claire`, {
      headers: auth,
    });
    expect(exported.status).toBe(200);
    expect(await exported.json()).toEqual([
      { id: documentId, fileName: 'vaccins.png', mimeType: 'image/png', base64: PNG_1PX.toString('base64') },
    ]);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE command = 'document.export'`)).toBe(1);

    // The desk's RGPD export of the household carries the files' content, fetched from the hub.
    await desk.core.sync!.syncNow();
    const exportResult = await desk.call('rgpd.exportHousehold', { householdId: family.householdId });
    expect(exportResult).toMatchObject({ ok: true });
    const rgpd = exportResult.value;
    expect(rgpd.tables.documents.map((d: { id: string }) => d.id)).toContain(documentId);
    expect(rgpd.documentFiles).toContainEqual({
      id: documentId,
      fileName: 'vaccins.png',
      mimeType: 'image/png',
      base64: PNG_1PX.toString('base64'),
    });
    expect(rgpd.documentFilesMissing).toBeUndefined();
  });
});

describe('e-mails of decisions', () => {
  it('a decision taken on a desk and pushed by sync reaches the family by e-mail exactly once', async () => {
    const { parent, family } = await activate(0);
    const sent = await parent.upload(
      family.householdId,
      { bytes: await realPdf(), name: 'assurance.pdf' },
      { documentTypeId: insuranceTypeId },
    );
    const documentId = sent.body.value.documentId as string;
    await desk.core.sync!.syncNow();
    await desk.must('document.validate', { documentId });
    const before = smtp.mails.length;
    await desk.core.sync!.syncNow();
    const mails = (await smtp.waitFor(before + 1)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['martin@exemple.fr']);
    expect(mails[0]!.text).toMatch(/validé/);
    expect(mails[0]!.text).toMatch(/Ouvrir mon espace famille : http:\/\/127\.0\.0\.1:\d+\//);
    // More drains, more syncs, a restart of the dispatcher's timer: still once.
    await hub.drainMessageMails();
    await desk.core.sync!.syncNow();
    await hub.drainMessageMails();
    expect(smtp.mails.slice(before)).toHaveLength(1);
    const messages = await parent.request('GET', `/api/parent/households/${family.householdId}/messages`);
    expect(messages.body.messages[0].subject).toEqual(expect.any(String));
    expect(count('SELECT count(*) AS n FROM _hub_message_mails WHERE sent_at IS NOT NULL')).toBeGreaterThanOrEqual(1);
  });

  it('retries a message the SMTP server refused, later, and sends it once', async () => {
    // A real SMTP server that answers « 451 » while `refusing` is set.
    const received: string[] = [];
    let refusing = false;
    let refused = 0;
    const flaky = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refusing) {
            refused++;
            return callback(Object.assign(new Error('Service temporairement indisponible'), { responseCode: 451 }));
          }
          // Quoted-printable decoded, as the shared SMTP fixture does.
          const raw = Buffer.concat(chunks)
            .toString('utf8')
            .replace(/=\r?\n/g, '');
          const text = raw.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
          received.push(Buffer.from(text, 'latin1').toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const flakyHub = await startHubWith((flaky.server.address() as AddressInfo).port, { mailEveryMs: 3_600_000 });
    const previousHub = hub;
    hub = flakyHub;
    try {
      const visitor = parentClient();
      expect((await visitor.request('POST', '/api/parent/signup', signUpForm)).status).toBe(202);
      const token = /jeton=([\w-]+)/.exec(received[0]!)![1]!;
      refusing = true;
      expect(
        (await visitor.request('POST', '/api/parent/signup/verify', { token, password: 'Goûter-du-mercredi-7' })).status,
      ).toBe(200);
      // The drain scheduled after the write meets the refusal; the message waits for a retry.
      await flakyHub.drainMessageMails();
      await expect.poll(() => refused).toBe(1);
      expect(hub.hub.sqlite.prepare('SELECT sent_at, attempts FROM _hub_message_mails').all()).toEqual([
        { sent_at: null, attempts: 1 },
      ]);
      refusing = false;
      // Not due yet: nothing is sent before the retry delay.
      expect(await flakyHub.drainMessageMails()).toEqual({ sent: 0, failed: 0 });
      expect(received).toHaveLength(1);
      now = new Date(now.getTime() + 2 * 60_000);
      expect(await flakyHub.drainMessageMails()).toEqual({ sent: 1, failed: 0 });
      expect(await flakyHub.drainMessageMails()).toEqual({ sent: 0, failed: 0 });
      expect(received).toHaveLength(2);
      expect(received[1]).toMatch(/bien reçu votre demande d'inscription/);
    } finally {
      hub = previousHub;
      await flakyHub.stop();
      await new Promise<void>((resolve) => flaky.close(() => resolve()));
      cleanup(flakyHub.dataDir);
    }
  });
});
