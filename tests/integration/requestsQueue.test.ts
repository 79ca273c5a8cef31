// The desk's « Demandes » reads on a real SQLite replica: one queue of every kind of request, oldest first, with
// filters and counts; the documents whose validity ends this month; an enrolment request's details (capacity);
// the existing households suggested for a new sign-up. Families and activities are created by the real
// commands; the rows families create at the hub (requests, documents, files, sign-ups) are inserted as the pull
// would bring them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { refreshSearchIndex } from '../../src/main/desk/families/searchIndex';
import {
  documents,
  documentTypes,
  enrolmentRequests,
  guardians,
  householdChildren,
  householdFiles,
  householdGuardians,
  households,
  children,
} from '../../src/shared/db/schema';

const caller = { actor: defaultStaffActor };
let dir: string;
let core: DeskCore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-requests-'));
  core = openDeskCore({ dataDir: dir, clock: () => new Date('2026-11-26T09:00:00Z') });
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, args: unknown) => core.dispatch(name, args, caller) as Promise<any>;
const must = async (name: string, args: unknown) => {
  const result = await call(name, args);
  if (!result.ok) throw new Error(`${name}: ${result.message} ${JSON.stringify(result.fieldErrors ?? {})}`);
  return result.value;
};
const stamp = { createdAt: '2026-11-01T08:00:00Z', updatedAt: '2026-11-01T08:00:00Z' };

async function family(
  lastName: string,
  firstName: string,
  child: { firstName: string; birthDate: string },
  phone = '0612345678',
) {
  const { householdId } = await must('household.create', {
    guardians: [{ civility: 'Mme', firstName, lastName, mobilePhone: phone, email: `${lastName.toLowerCase()}@exemple.fr` }],
    children: [{ firstName: child.firstName, lastName, birthDate: child.birthDate, schoolLevel: 'CE1' }],
  });
  const view = await call('families.get', { householdId });
  return { householdId: householdId as string, childId: view.children[0].id as string };
}

async function activity(name: string, enrolmentCapacity: number | null) {
  const { activityId } = await must('activity.save', {
    name,
    kind: 'wednesday',
    openOn: 'wednesdays',
    deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
    units: [{ name: 'Journée', startTime: '08:00', endTime: '18:00' }],
    groups: [{ name: 'Élémentaire', levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [30] }],
  });
  core.store.sqlite.prepare('UPDATE activities SET enrolment_capacity = ? WHERE id = ?').run(enrolmentCapacity, activityId);
  return activityId as string;
}

/** A household signed up online: pending, one guardian, one child (as household.signUp writes it at the hub). */
function signUp(
  id: string,
  guardian: { firstName: string; lastName: string; mobilePhone: string; email: string },
  child: { firstName: string; lastName: string; birthDate: string },
  at: string,
) {
  const db = core.store.db;
  db.insert(households)
    .values({
      id,
      name: `${guardian.lastName.toUpperCase()} ${guardian.firstName}`,
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    })
    .run();
  db.insert(guardians)
    .values({ id: `${id}-g`, civility: 'Mme', ...guardian, createdAt: at, updatedAt: at })
    .run();
  db.insert(householdGuardians)
    .values({ id: `${id}-hg`, householdId: id, guardianId: `${id}-g`, receivesInvoices: true, createdAt: at })
    .run();
  db.insert(children)
    .values({ id: `${id}-c`, ...child, ...stamp })
    .run();
  db.insert(householdChildren)
    .values({ id: `${id}-hc`, householdId: id, childId: `${id}-c`, createdAt: at })
    .run();
  refreshSearchIndex(core.store.sqlite); // as the rebase does after a pull
}

function documentType(id: string, name: string, requiredForActivities: string[] = []) {
  core.store.db
    .insert(documentTypes)
    .values({
      id,
      name,
      scope: 'household',
      validity: 'schoolYear',
      requiredForActivities: JSON.stringify(requiredForActivities),
      ...stamp,
    })
    .run();
}

function document(
  id: string,
  householdId: string,
  documentTypeId: string,
  uploadedAt: string,
  status: 'received' | 'validated' | 'refused' = 'received',
  validUntil: string | null = null,
) {
  core.store.db
    .insert(documents)
    .values({
      id,
      householdId,
      documentTypeId,
      fileName: `${id}.pdf`,
      mimeType: 'application/pdf',
      size: 1234,
      sha256: 'ab'.repeat(32),
      storageKey: `key-${id}`,
      status,
      validUntil,
      uploadedAt,
      uploadedBy: 'Parent',
      ...stamp,
    })
    .run();
}

function enrolmentRequest(
  id: string,
  householdId: string,
  childId: string,
  activityId: string,
  requestedAt: string,
  status: 'pending' | 'waitlisted' | 'accepted' = 'pending',
) {
  core.store.db
    .insert(enrolmentRequests)
    .values({
      id,
      householdId,
      childId,
      activityId,
      fromDate: '2027-01-06',
      toDate: '2027-07-03',
      status,
      requestedAt,
      requestedBy: 'Parent',
      ...stamp,
    })
    .run();
}

describe('requests queue on the desk', () => {
  it('lists every kind oldest first, filters by kind, activity and status, and counts per kind', async () => {
    const martin = await family('Martin', 'Hélène', { firstName: 'Léa', birthDate: '2018-04-12' });
    const durand = await family('Durand', 'Paul', { firstName: 'Tom', birthDate: '2019-02-01' }, '0698765432');
    const mercredi = await activity('Mercredis', null);
    const vacances = await activity('Vacances', null);
    documentType('assurance', 'Attestation d’assurance');
    documentType('dtp', 'Vaccinations', [vacances]);

    enrolmentRequest('r1', martin.householdId, martin.childId, mercredi, '2026-11-20T10:00:00Z');
    enrolmentRequest('r2', durand.householdId, durand.childId, vacances, '2026-11-18T10:00:00Z', 'waitlisted');
    enrolmentRequest('r3', durand.householdId, durand.childId, mercredi, '2026-11-10T10:00:00Z', 'accepted');
    document('d1', martin.householdId, 'assurance', '2026-11-19T09:00:00Z');
    document('d2', durand.householdId, 'dtp', '2026-11-21T09:00:00Z');
    document('d3', durand.householdId, 'assurance', '2026-11-05T09:00:00Z', 'validated', '2027-08-31');
    core.store.db
      .insert(householdFiles)
      .values({
        id: 'f1',
        householdId: martin.householdId,
        schoolYear: '2026-2027',
        status: 'submitted',
        submittedAt: '2026-11-22T08:00:00Z',
        submittedBy: 'Parent',
        ...stamp,
      })
      .run();
    signUp(
      'p1',
      { firstName: 'Nina', lastName: 'Petit', mobilePhone: '+33611111111', email: 'nina@exemple.fr' },
      { firstName: 'Zoé', lastName: 'Petit', birthDate: '2020-03-03' },
      '2026-11-15T12:00:00Z',
    );

    const all = await call('requests.queue', {});
    expect(all.items.map((i: any) => [i.kind, i.id])).toEqual([
      ['signUp', 'p1'],
      ['enrolment', 'r2'],
      ['document', 'd1'],
      ['enrolment', 'r1'],
      ['document', 'd2'],
      ['householdFile', 'f1'],
    ]);
    expect(all.counts).toEqual({ enrolment: 1, waitlisted: 1, householdFile: 1, signUp: 1, document: 2, total: 5 });
    const r1 = all.items.find((i: any) => i.id === 'r1');
    expect(r1).toMatchObject({
      householdId: martin.householdId,
      householdName: 'MARTIN',
      childName: 'Léa Martin',
      activityName: 'Mercredis',
      householdPending: false,
    });
    expect(all.items[0]).toMatchObject({
      householdName: 'PETIT Nina',
      householdPending: true,
      summary: 'Nina Petit — Zoé (2020-03-03)',
    });
    expect(all.items.find((i: any) => i.id === 'd1')).toMatchObject({
      documentTypeName: 'Attestation d’assurance',
      mimeType: 'application/pdf',
    });

    const ids = async (args: object) => (await call('requests.queue', args)).items.map((i: any) => i.id);
    expect(await ids({ kind: 'document' })).toEqual(['d1', 'd2']);
    expect(await ids({ kind: 'enrolment' })).toEqual(['r2', 'r1']);
    expect(await ids({ status: 'waitlisted' })).toEqual(['r2']);
    expect(await ids({ kind: 'enrolment', status: 'pending' })).toEqual(['r1']);
    // An activity: its requests, and the documents it requires.
    expect(await ids({ activityId: vacances })).toEqual(['r2', 'd2']);
    expect(await ids({ activityId: mercredi })).toEqual(['r1']);
    expect((await call('requests.counts', {})).total).toBe(5);

    // Archiving a household takes its requests out of the queue.
    expect((await call('household.archive', { householdId: durand.householdId, reason: 'Déménagement' })).ok).toBe(true);
    expect(await ids({})).toEqual(['p1', 'd1', 'r1', 'f1']);
    expect(await call('requests.counts', {})).toEqual({
      enrolment: 1,
      waitlisted: 0,
      householdFile: 1,
      signUp: 1,
      document: 1,
      total: 4,
    });
  });

  it('lists the documents that expire this month and those already expired, unless a newer one is valid', async () => {
    const martin = await family('Martin', 'Hélène', { firstName: 'Léa', birthDate: '2018-04-12' });
    const durand = await family('Durand', 'Paul', { firstName: 'Tom', birthDate: '2019-02-01' }, '0698765432');
    documentType('assurance', 'Attestation d’assurance');
    documentType('qf', 'Attestation CAF');
    document('a-old', martin.householdId, 'assurance', '2025-09-01T09:00:00Z', 'validated', '2026-11-10'); // expired
    document('a-month', durand.householdId, 'assurance', '2025-11-30T09:00:00Z', 'validated', '2026-11-30'); // ends this month
    document('q-later', durand.householdId, 'qf', '2026-09-01T09:00:00Z', 'validated', '2026-12-31'); // next month: not listed
    document('q-gone', martin.householdId, 'qf', '2025-09-01T09:00:00Z', 'validated', '2026-10-31'); // expired…
    document('q-new', martin.householdId, 'qf', '2026-11-02T09:00:00Z', 'validated', '2027-08-31'); // …but replaced
    document('a-wait', martin.householdId, 'assurance', '2026-11-25T09:00:00Z'); // received: the old one stays listed

    const expiring = await call('requests.expiring', {});
    expect(expiring.map((d: any) => [d.documentId, d.expired, d.householdName])).toEqual([
      ['a-old', true, 'MARTIN'],
      ['a-month', false, 'DURAND'],
    ]);
  });

  it('gives an enrolment request with the activity capacity and the documents it needs', async () => {
    const martin = await family('Martin', 'Hélène', { firstName: 'Léa', birthDate: '2018-04-12' });
    const durand = await family('Durand', 'Paul', { firstName: 'Tom', birthDate: '2019-02-01' }, '0698765432');
    const mercredi = await activity('Mercredis', 1);
    documentType('dtp', 'Vaccinations', [mercredi]);
    enrolmentRequest('r1', martin.householdId, martin.childId, mercredi, '2026-11-20T10:00:00Z');

    let detail = await call('requests.enrolment', { requestId: 'r1' });
    expect(detail).toMatchObject({
      enrolled: 0,
      full: false,
      activity: { name: 'Mercredis', enrolmentCapacity: 1 },
      child: { firstName: 'Léa' },
    });
    expect(detail.documents.map((d: any) => [d.name, d.state])).toEqual([['Vaccinations', 'missing']]);

    await must('enrolment.create', {
      childId: durand.childId,
      activityId: mercredi,
      fromDate: '2026-09-01',
      toDate: '2027-07-03',
      tariffCategory: 'resident',
    });
    detail = await call('requests.enrolment', { requestId: 'r1' });
    expect(detail).toMatchObject({ enrolled: 1, full: true });
    expect(await call('requests.enrolment', { requestId: 'nope' })).toBeNull();
  });

  it('gives the groups of the activity and the one the school level maps to; accepts into the chosen group', async () => {
    const martin = await family('Martin', 'Hélène', { firstName: 'Léa', birthDate: '2018-04-12' });
    const { activityId } = await must('activity.save', {
      name: 'Mercredis',
      kind: 'wednesday',
      openOn: 'wednesdays',
      deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
      units: [{ name: 'Journée', startTime: '08:00', endTime: '18:00' }],
      groups: [
        { name: 'Maternelle', levels: ['PS', 'MS', 'GS'], capacities: [20] },
        { name: 'Élémentaire', levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'], capacities: [30] },
      ],
    });
    enrolmentRequest('r1', martin.householdId, martin.childId, activityId, '2026-11-20T10:00:00Z');
    const detail = await call('requests.enrolment', { requestId: 'r1' });
    expect(detail.groups.map((g: any) => g.name)).toEqual(['Maternelle', 'Élémentaire']);
    const [maternelle, elementaire] = detail.groups;
    expect(detail.levelGroupId).toBe(elementaire.id); // Léa is in CE1

    await must('enrolmentRequest.accept', {
      requestId: 'r1',
      enrolmentId: 'e1',
      tariffCategory: 'resident',
      groupId: maternelle.id,
    });
    const row = core.store.sqlite.prepare('SELECT group_id AS groupId FROM enrolments WHERE id = ?').get('e1') as any;
    expect(row.groupId).toBe(maternelle.id);
    expect((await call('requests.enrolment', { requestId: 'r1' })).enrolment).toEqual({ id: 'e1', groupId: maternelle.id });
  });

  it('shows a yearly file as the family filed it, health data only to the roles that see it', async () => {
    const martin = await family('Martin', 'Hélène', { firstName: 'Léa', birthDate: '2018-04-12' });
    await must('rules.publish', { rulesVersionId: 'rv1', title: 'Règlement 2026', body: 'Texte' });
    await must('rules.publish', { rulesVersionId: 'rv2', title: 'Règlement 2027', body: 'Texte révisé' });
    documentType('assurance', 'Attestation d’assurance');
    core.store.sqlite.prepare('UPDATE document_types SET required_for_file = 1').run();
    const view = await call('families.get', { householdId: martin.householdId });
    const guardianId = view.guardians[0].id as string;
    const parent = { kind: 'parent', id: guardianId, name: 'Hélène Martin', householdIds: [martin.householdId] } as const;
    const submitted = core.runCommand(
      'householdFile.submit',
      {
        fileId: 'f1',
        householdId: martin.householdId,
        schoolYear: '2026-2027',
        guardianId,
        rulesVersionId: 'rv2',
        children: [
          {
            childId: martin.childId,
            diet: 'noPork',
            allergies: 'Arachide',
            hasCareplan: true,
            careplanNote: 'Stylo adrénaline dans le sac',
            doctorName: 'Dr Roux',
            doctorPhone: '0145678901',
            photoConsent: true,
            contacts: [
              { name: 'Mamie Jeanne', phone: '0611223344', link: 'Grand-mère', pickup: 'allowed', emergencyContact: true },
              { name: 'Marc Martin', phone: '', link: 'Oncle', pickup: 'forbidden' },
            ],
          },
        ],
      },
      parent,
    );
    expect(submitted).toMatchObject({ ok: true });

    const detail = await call('requests.householdFile', { fileId: 'f1' });
    expect(detail.file).toMatchObject({
      schoolYear: '2026-2027',
      status: 'submitted',
      householdName: expect.stringContaining('MARTIN'),
    });
    expect(detail.healthHidden).toBe(false);
    expect(detail.children[0]).toMatchObject({
      firstName: 'Léa',
      allergies: 'Arachide',
      hasCareplan: true,
      careplanNote: 'Stylo adrénaline dans le sac',
      doctorName: 'Dr Roux',
      diet: 'noPork',
      photoConsent: true,
    });
    expect(detail.children[0].contacts.map((c: any) => [c.name, c.pickup, c.emergencyContact])).toEqual([
      ['Mamie Jeanne', 'allowed', true],
      ['Marc Martin', 'forbidden', false],
    ]);
    expect(detail.rules[0]).toMatchObject({ version: 2, guardianName: 'Hélène Martin', acceptedAt: '2026-11-26T09:00:00.000Z' });
    expect(detail.documents.map((d: any) => [d.name, d.state])).toEqual([['Attestation d’assurance', 'missing']]);
    const childRow = detail.audit.find((r: any) => r.entity === 'child' && r.command === 'householdFile.submit');
    expect(childRow.reason).toBe('Modifié par la famille');
    expect(JSON.parse(childRow.changes).allergies).toEqual(['', 'Arachide']);

    // An agent does not see health data in the family file: nor here, nor in the audit rows.
    const agent = { actor: { ...caller.actor, role: 'agent' as const } };
    const hidden = (await core.dispatch('requests.householdFile', { fileId: 'f1' }, agent)) as any;
    expect(hidden.healthHidden).toBe(true);
    expect(hidden.children[0]).toMatchObject({
      allergies: '',
      hasCareplan: false,
      careplanNote: '',
      doctorName: '',
      photoConsent: true,
    });
    const hiddenRow = hidden.audit.find((r: any) => r.entity === 'child' && r.command === 'householdFile.submit');
    expect(JSON.parse(hiddenRow.changes)).not.toHaveProperty('allergies');
    expect(JSON.parse(hiddenRow.changes).diet).toEqual(['none', 'noPork']);
    expect(await call('requests.householdFile', { fileId: 'nope' })).toBeNull();
  });

  it('suggests the existing households that look like a new sign-up, with the reasons and their children', async () => {
    const martin = await family('Martin', 'Hélène', { firstName: 'Léa', birthDate: '2018-04-12' });
    await family('Durand', 'Paul', { firstName: 'Tom', birthDate: '2019-02-01' }, '0698765432');
    signUp(
      'p1',
      { firstName: 'Helene', lastName: 'MARTIN', mobilePhone: '+33612345678', email: 'autre@exemple.fr' },
      { firstName: 'Lea', lastName: 'Martin', birthDate: '2018-04-12' },
      '2026-11-15T12:00:00Z',
    );

    const signUpView = await call('requests.signUp', { householdId: 'p1' });
    expect(signUpView.view.household.status).toBe('pending');
    expect(signUpView.suggestions.map((s: any) => s.householdId)).toEqual([martin.householdId]);
    const [suggestion] = signUpView.suggestions;
    expect(suggestion.reasons.length).toBeGreaterThanOrEqual(2);
    expect(suggestion.reasons.join(' ')).toMatch(/téléphone/i);
    expect(suggestion.children).toEqual([
      expect.objectContaining({ childId: martin.childId, firstName: 'Léa', birthDate: '2018-04-12' }),
    ]);

    // The family search marks the pending household.
    const hits = await call('families.search', { q: 'petit' });
    expect(hits).toEqual([]);
    const found = await call('families.search', { q: 'martin' });
    expect(found.map((h: any) => [h.householdId, h.pending]).sort()).toEqual(
      [
        [martin.householdId, false],
        ['p1', true],
      ].sort(),
    );
  });

  it('says plainly that a standalone desk has no document files', async () => {
    const martin = await family('Martin', 'Hélène', { firstName: 'Léa', birthDate: '2018-04-12' });
    documentType('assurance', 'Attestation d’assurance');
    document('d1', martin.householdId, 'assurance', '2026-11-19T09:00:00Z');
    expect(await call('documents.file', { documentId: 'd1' })).toMatchObject({ ok: false, code: 'standalone' });
    expect(await call('documents.file', { documentId: 'nope' })).toMatchObject({ ok: false, code: 'notFound' });
  });
});
