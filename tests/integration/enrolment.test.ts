// Online enrolment and the yearly file (issue #8), on a real hub (SQLite, HTTP sync) and a real connected desk:
// a new family signs up at the hub (pending until staff decide), the duplicate suggestion, the merge into a
// known household, enrolment requests (refusals, waiting list, automatic acceptance at the hub only),
// documents and their validity, the yearly file (health sheet, contacts, the rules accepted with version and
// time), a family message for each decision, and the desk and the hub converging row for row.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/commands/types';
import {
  addMonths,
  documentValidUntil,
  nextSchoolYear,
  requiredDocuments,
  schoolYearOf,
  suggestDuplicateHouseholds,
} from '../../src/shared/domain/enrolment';
import { runCreatedAtHub } from '../../src/portal/parents/routes';
import { canonicalHashes, cleanup, connectedDesk, startHub, type TestDesk, type TestHub } from '../fixtures/hubHarness';

let now = new Date('2026-06-15T08:00:00Z');
const clock = () => now;
let hubs: TestHub[] = [];
let desks: TestDesk[] = [];

afterEach(async () => {
  for (const d of desks) await d.core.close().catch(() => {});
  for (const h of hubs) await h.stop().catch(() => {});
  cleanup(...desks.map((d) => d.dir), ...hubs.map((h) => h.dataDir));
  hubs = [];
  desks = [];
  now = new Date('2026-06-15T08:00:00Z');
});

const YEAR = { fromDate: '2026-09-01', toDate: '2027-07-03' };
const deadlines = { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } };
const sha256 = 'ab'.repeat(32);
const signUpActor: Actor = { kind: 'system', id: 'inscription', name: 'Inscription en ligne' };

function activity(name: string, kind: string, openOn: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    kind,
    openOn,
    deadlines,
    units: [{ name: kind === 'canteen' ? 'Repas' : 'Journée' }],
    groups: [{ name: 'Tous', levels: [], capacities: [30] }],
    ...extra,
  };
}

/** A hub, a connected desk (admin), three activities, two document types, the rules, one known family. */
async function world() {
  const hub = await startHub(undefined, clock);
  hubs.push(hub);
  const desk = await connectedDesk(hub, 'Mairie', clock);
  desks.push(desk);
  const { activityId: canteen } = await desk.must(
    'activity.save',
    activity('Restauration scolaire', 'canteen', 'schoolDays', { enrolmentCapacity: 2 }),
  );
  const { activityId: wednesday } = await desk.must(
    'activity.save',
    activity('Mercredis loisirs', 'wednesday', 'wednesdays', { enrolmentCapacity: 3, autoAccept: true }),
  );
  const { activityId: deskOnly } = await desk.must(
    'activity.save',
    activity('Stage poney', 'holiday', 'holidays', { onlineEnrolment: false }),
  );
  const { documentTypeId: insurance } = await desk.must('documentType.save', {
    name: 'Attestation d’assurance extrascolaire',
    scope: 'household',
    validity: 'schoolYear',
    requiredForActivities: [wednesday],
  });
  const { documentTypeId: vaccines } = await desk.must('documentType.save', {
    name: 'Vaccinations (DTP)',
    scope: 'child',
    validity: 'months',
    validityMonths: 12,
    requiredForActivities: [wednesday],
  });
  const { rulesVersionId } = await desk.must('rules.publish', { title: 'Règlement intérieur 2026', body: 'Article 1 : …' });
  const { householdId: known } = await desk.must('household.create', {
    guardians: [
      { civility: 'Mme', firstName: 'Elodie', lastName: 'LEFEVRE', mobilePhone: '+33612345678', email: 'elodie.l@exemple.fr' },
    ],
    children: [{ firstName: 'Jules', lastName: 'Lefevre', birthDate: '2019-04-02', schoolLevel: 'CE1' }],
  });
  const { householdId: other } = await desk.must('household.create', {
    guardians: [{ civility: 'M.', firstName: 'Paul', lastName: 'Durand', mobilePhone: '0698765432', email: 'paul@exemple.fr' }],
    children: [{ firstName: 'Zoé', lastName: 'Durand', birthDate: '2020-02-02', schoolLevel: 'CP' }],
  });
  const view = await desk.call('families.get', { householdId: known });
  const jules = view.children[0].id as string;
  const otherChild = (await desk.call('families.get', { householdId: other })).children[0].id as string;
  await desk.core.sync!.syncNow();

  const atHub = (actor: Actor, name: string, args: unknown) => runCreatedAtHub(hub.hub, actor, name, args, now) as any;
  const mustAtHub = (actor: Actor, name: string, args: unknown) => {
    const result = atHub(actor, name, args);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
    return result.value;
  };
  /** A new family signs up at the hub: Élodie Lefèvre (the known LEFEVRE family, typed differently) or another one. */
  const signUp = (guardian: Record<string, unknown> = {}, children?: unknown[]) =>
    mustAtHub(signUpActor, 'household.signUp', {
      guardian: {
        civility: 'Mme',
        firstName: 'Élodie',
        lastName: 'Lefèvre',
        email: 'elodie.lefevre@exemple.fr',
        mobilePhone: '06 12 34 56 78',
        addressLine1: '3 rue des Écoles',
        postalCode: '79230',
        city: 'Prahecq',
        ...guardian,
      },
      children: children ?? [
        { firstName: 'Jules', lastName: 'Lefèvre', birthDate: '2019-04-02', relationship: 'mother' },
        { firstName: 'Inès', lastName: 'Lefèvre', birthDate: '2022-01-20', relationship: 'mother' },
      ],
    }) as { householdId: string; guardianId: string; childIds: string[] };
  const parentOf = (s: { householdId: string; guardianId: string }, name = 'Élodie Lefèvre'): Actor => ({
    kind: 'parent',
    id: s.guardianId,
    name,
    householdIds: [s.householdId],
  });
  const hubRow = (sql: string, ...args: unknown[]) => hub.hub.sqlite.prepare(sql).get(...args) as any;
  const hubRows = (sql: string, ...args: unknown[]) => hub.hub.sqlite.prepare(sql).all(...args) as any[];
  const messages = (householdId: string) =>
    hubRows('SELECT subject, body FROM family_messages WHERE household_id = ? ORDER BY rowid', householdId);
  return {
    hub,
    desk,
    canteen,
    wednesday,
    deskOnly,
    insurance,
    vaccines,
    rulesVersionId,
    known,
    other,
    jules,
    otherChild,
    atHub,
    mustAtHub,
    signUp,
    parentOf,
    hubRow,
    hubRows,
    messages,
  };
}

const expectConverged = (hub: TestHub, ...replicas: TestDesk[]) => {
  const reference = canonicalHashes(hub.hub.sqlite);
  for (const desk of replicas) expect(canonicalHashes(desk.core.store.sqlite)).toEqual(reference);
};

describe('shared rules of online enrolment', () => {
  it('school years run from 1 September to 31 August', () => {
    expect(schoolYearOf('2026-08-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-09-01')).toBe('2026-2027');
    expect(schoolYearOf('2027-01-15')).toBe('2026-2027');
    expect(nextSchoolYear('2026-2027')).toBe('2027-2028');
  });

  it('document validity: until the end of the school year, for some months, or for ever', () => {
    const schoolYear = { validity: 'schoolYear', validityMonths: 0 } as const;
    expect(documentValidUntil(schoolYear, '2026-10-05')).toBe('2027-08-31');
    expect(documentValidUntil(schoolYear, '2026-09-01')).toBe('2027-08-31');
    expect(documentValidUntil(schoolYear, '2026-07-10')).toBe('2026-08-31');
    expect(documentValidUntil({ validity: 'months', validityMonths: 12 }, '2026-03-10')).toBe('2027-03-10');
    expect(documentValidUntil({ validity: 'months', validityMonths: 1 }, '2026-01-31')).toBe('2026-02-28');
    expect(documentValidUntil({ validity: 'months', validityMonths: 1 }, '2028-01-31')).toBe('2028-02-29');
    expect(documentValidUntil({ validity: 'months', validityMonths: 6 }, '2026-11-15')).toBe('2027-05-15');
    expect(documentValidUntil({ validity: 'permanent', validityMonths: 0 }, '2026-11-15')).toBeNull();
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
  });
});

describe('sign-up of a new family', () => {
  it('creates a pending household at the hub only; the family cannot book until staff validate it', async () => {
    const w = await world();
    const s = w.signUp();
    expect(w.hubRow('SELECT name, status, archived_at FROM households WHERE id = ?', s.householdId)).toEqual({
      name: 'LEFÈVRE',
      status: 'pending',
      archived_at: null,
    });
    expect(w.hubRows('SELECT relationship FROM guardian_children WHERE guardian_id = ?', s.guardianId)).toEqual([
      { relationship: 'mother' },
      { relationship: 'mother' },
    ]);
    expect(w.hubRow('SELECT mobile_phone, email FROM guardians WHERE id = ?', s.guardianId)).toEqual({
      mobile_phone: '+33612345678',
      email: 'elodie.lefevre@exemple.fr',
    });
    expect(w.messages(s.householdId)).toEqual([
      { subject: "Demande d'inscription reçue", body: expect.stringContaining('en attente de validation') },
    ]);
    expect(w.hubRow("SELECT reason, actor_kind FROM audit_log WHERE command = 'household.signUp'")).toEqual({
      reason: 'Inscription en ligne par la famille',
      actor_kind: 'system',
    });
    // Staff do not sign families up (the desk has household.create), and the desk never runs it.
    expect(
      await w.desk.call('household.signUp', {
        guardian: { civility: 'M.', firstName: 'A', lastName: 'B', email: 'a@b.fr', mobilePhone: '0611111111' },
        children: [{ firstName: 'C', lastName: 'B', birthDate: '2020-01-01' }],
      }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    // No e-mail, no child: French field messages.
    const bad = w.atHub(signUpActor, 'household.signUp', {
      guardian: { civility: 'Mme', firstName: 'A', lastName: 'B', mobilePhone: '0611111111' },
      children: [],
    });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(bad.fieldErrors).toMatchObject({
      'guardian.email': 'Indiquez votre adresse e-mail.',
      children: 'Indiquez au moins un enfant.',
    });

    // Booking while pending: refused for the parent, with the reason.
    const { unitId } = { unitId: (await w.desk.call('activities.list', {})).find((a: any) => a.id === w.canteen).units[0].id };
    const booking = w.atHub(w.parentOf(s), 'booking.book', {
      householdId: s.householdId,
      childId: s.childIds[0],
      items: [{ unitId, date: '2026-09-07' }],
    });
    expect(booking).toEqual({ ok: false, code: 'pending', message: 'Votre dossier est en attente de validation par la mairie.' });

    // The desk sees the pending household in its search and list.
    await w.desk.core.sync!.syncNow();
    const hits = await w.desk.call('families.search', { q: 'lefevre' });
    expect(hits.map((h: any) => h.householdId).sort()).toEqual([w.known, s.householdId].sort());
    expect(hits.find((h: any) => h.householdId === s.householdId)).toMatchObject({ pending: true, archived: false });
    expect((await w.desk.call('families.recent', {})).map((h: any) => h.householdId)).toContain(s.householdId);

    // A parent cannot validate their own household.
    expect(w.atHub(w.parentOf(s), 'household.validateSignUp', { householdId: s.householdId })).toMatchObject({
      code: 'forbidden',
    });
    await w.desk.must('household.validateSignUp', { householdId: s.householdId });
    expect(await w.desk.call('household.validateSignUp', { householdId: s.householdId })).toMatchObject({
      ok: false,
      message: 'Ce foyer est déjà validé.',
    });
    await w.desk.core.sync!.syncNow();
    expect(w.hubRow('SELECT status FROM households WHERE id = ?', s.householdId)).toEqual({ status: 'active' });
    expect(w.messages(s.householdId).map((m) => m.subject)).toEqual([
      "Demande d'inscription reçue",
      'Votre dossier famille est validé',
    ]);
    // Now (with an enrolment) the parent books.
    await w.desk.must('enrolment.create', { childId: s.childIds[0], activityId: w.canteen, ...YEAR });
    await w.desk.core.sync!.syncNow();
    const booked = w.atHub(w.parentOf(s), 'booking.book', {
      householdId: s.householdId,
      childId: s.childIds[0],
      items: [{ unitId, date: '2026-09-07' }],
    });
    expect(booked.ok).toBe(true);
    expect(booked.value.items[0].outcome).toBe('booked');
    await w.desk.core.sync!.syncNow();
    expectConverged(w.hub, w.desk);
  });

  it('a refused sign-up is archived with the reason, and the family is told why', async () => {
    const w = await world();
    const s = w.signUp({ email: 'autre@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    expect(await w.desk.call('household.refuseSignUp', { householdId: s.householdId, reason: '' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    await w.desk.core.sync!.syncNow();
    await w.desk.must('household.refuseSignUp', { householdId: s.householdId, reason: 'Famille hors commune' });
    await w.desk.core.sync!.syncNow();
    expect(
      w.hubRow('SELECT archive_reason, archived_at IS NOT NULL AS archived FROM households WHERE id = ?', s.householdId),
    ).toEqual({
      archive_reason: 'Inscription refusée : Famille hors commune',
      archived: 1,
    });
    expect(w.messages(s.householdId).at(-1)).toEqual({
      subject: "Demande d'inscription refusée",
      body: expect.stringContaining('Famille hors commune'),
    });
    expect(await w.desk.call('household.validateSignUp', { householdId: s.householdId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expectConverged(w.hub, w.desk);
  });

  it('suggests the known household that differs only by accents and phone format', async () => {
    const w = await world();
    // A namesake with nothing else in common is not suggested.
    await w.desk.must('household.create', {
      guardians: [{ civility: 'M.', firstName: 'Marc', lastName: 'Lefèvre', mobilePhone: '0549000000' }],
    });
    await w.desk.core.sync!.syncNow();
    const s = w.signUp();
    const probe = {
      guardianLastName: 'Lefèvre',
      guardianFirstName: 'Élodie',
      email: 'elodie.lefevre@exemple.fr',
      phones: ['06 12 34 56 78'],
      children: [
        { firstName: 'Jules', lastName: 'Lefèvre', birthDate: '2019-04-02' },
        { firstName: 'Inès', lastName: 'Lefèvre', birthDate: '2022-01-20' },
      ],
    };
    const suggestions = suggestDuplicateHouseholds(w.hub.hub.db, probe, s.householdId);
    expect(suggestions.map((x) => x.householdId)).toEqual([w.known]);
    expect(suggestions[0]!.name).toBe('LEFEVRE');
    expect(suggestions[0]!.reasons).toEqual([
      'Même numéro de téléphone',
      'Même responsable : Elodie LEFEVRE',
      'Enfant Jules Lefevre, né(e) le 02/04/2019',
    ]);
    // The pending household itself is excluded; without exclusion it ranks first (same e-mail too).
    expect(suggestDuplicateHouseholds(w.hub.hub.db, probe, null)[0]!.householdId).toBe(s.householdId);
    // The desk's replica gives the same answer.
    await w.desk.core.sync!.syncNow();
    expect(suggestDuplicateHouseholds(w.desk.core.store.db, probe, s.householdId)).toEqual(suggestions);
  });

  it('merging re-points everything the family sent and archives the pending household', async () => {
    const w = await world();
    const s = w.signUp();
    const [newJules, ines] = s.childIds as [string, string];
    const parent = w.parentOf(s);
    // While pending, the family files a request, a document, its yearly file.
    const request = w.mustAtHub(parent, 'enrolmentRequest.submit', {
      householdId: s.householdId,
      childId: newJules,
      activityId: w.canteen,
      ...YEAR,
    });
    const insurance = w.mustAtHub(parent, 'document.record', {
      householdId: s.householdId,
      documentTypeId: w.insurance,
      fileName: 'assurance.pdf',
      mimeType: 'application/pdf',
      size: 1234,
      sha256,
      storageKey: 'k-assurance',
    });
    const vaccines = w.mustAtHub(parent, 'document.record', {
      householdId: s.householdId,
      childId: ines,
      documentTypeId: w.vaccines,
      fileName: 'vaccins.jpg',
      mimeType: 'image/jpeg',
      size: 99,
      sha256,
      storageKey: 'k-vaccins',
    });
    const file = w.mustAtHub(parent, 'householdFile.submit', {
      householdId: s.householdId,
      schoolYear: '2026-2027',
      guardianId: s.guardianId,
      rulesVersionId: w.rulesVersionId,
      children: [
        { childId: newJules, allergies: 'kiwi', contacts: [{ name: 'Tata Lou', phone: '0611111111', pickup: 'allowed' }] },
      ],
    });
    await w.desk.core.sync!.syncNow();

    // Refusals: a child of another household, the same household twice, a household that is not pending.
    expect(
      await w.desk.call('household.mergeSignUp', {
        householdId: s.householdId,
        intoHouseholdId: w.known,
        childMatches: [{ childId: newJules, intoChildId: w.otherChild }],
      }),
    ).toMatchObject({ ok: false, code: 'notFound', message: "Cet enfant n'appartient pas au foyer LEFEVRE." });
    expect(
      await w.desk.call('household.mergeSignUp', { householdId: s.householdId, intoHouseholdId: s.householdId }),
    ).toMatchObject({
      ok: false,
    });
    expect(await w.desk.call('household.mergeSignUp', { householdId: w.other, intoHouseholdId: w.known })).toMatchObject({
      ok: false,
      message: 'Ce foyer est déjà validé.',
    });

    const merged = await w.desk.must('household.mergeSignUp', {
      householdId: s.householdId,
      intoHouseholdId: w.known,
      childMatches: [
        { childId: newJules, intoChildId: w.jules },
        { childId: ines, intoChildId: null },
      ],
    });
    expect(merged).toEqual({ householdId: w.known, movedChildIds: [ines], matchedChildIds: [newJules] });
    await w.desk.core.sync!.syncNow();
    expect(w.desk.core.sync!.status().pending).toBe(0);
    expect(JSON.stringify(await w.desk.call('sync.outcomes', {}))).not.toContain('rejected');

    const hub = w.hubRow.bind(null);
    expect(hub('SELECT archived_at IS NOT NULL AS archived, archive_reason FROM households WHERE id = ?', s.householdId)).toEqual(
      {
        archived: 1,
        archive_reason: 'Doublon de LEFEVRE',
      },
    );
    // The guardian now belongs to the known household (and no longer to the archived one), with her children.
    expect(w.hubRows('SELECT household_id FROM household_guardians WHERE guardian_id = ?', s.guardianId)).toEqual([
      { household_id: w.known },
    ]);
    expect(
      w
        .hubRows('SELECT child_id FROM household_children WHERE household_id = ? ORDER BY child_id', w.known)
        .map((r) => r.child_id),
    ).toEqual([w.jules, ines].sort());
    expect(
      hub('SELECT relationship FROM guardian_children WHERE guardian_id = ? AND child_id = ?', s.guardianId, w.jules),
    ).toEqual({
      relationship: 'mother',
    });
    // Requests, documents, file, messages, rules acceptance: all with the known household and the known child.
    expect(hub('SELECT household_id, child_id FROM enrolment_requests WHERE id = ?', request.requestId)).toEqual({
      household_id: w.known,
      child_id: w.jules,
    });
    expect(hub('SELECT household_id, child_id FROM documents WHERE id = ?', insurance.documentId)).toEqual({
      household_id: w.known,
      child_id: null,
    });
    expect(hub('SELECT household_id, child_id FROM documents WHERE id = ?', vaccines.documentId)).toEqual({
      household_id: w.known,
      child_id: ines,
    });
    expect(hub('SELECT household_id FROM household_files WHERE id = ?', file.fileId)).toEqual({ household_id: w.known });
    expect(hub('SELECT household_id FROM rules_acceptances WHERE guardian_id = ?', s.guardianId)).toEqual({
      household_id: w.known,
    });
    expect(w.messages(s.householdId)).toEqual([]);
    expect(w.messages(w.known).map((m) => m.subject)).toEqual([
      "Demande d'inscription reçue",
      'Votre inscription est rattachée à votre dossier',
    ]);
    expect(hub("SELECT count(*) AS n FROM audit_log WHERE command = 'household.mergeSignUp' AND entity = 'household'")).toEqual({
      n: 2,
    });
    expect(w.hub.hub.sqlite.pragma('foreign_key_check')).toEqual([]);
    expectConverged(w.hub, w.desk);
    // The known household's file shows the new guardian, and the known Jules the health sheet and contacts the
    // family sent in its yearly file.
    const view = await w.desk.call('families.get', { householdId: w.known });
    expect(view.guardians.map((g: any) => g.firstName).sort()).toEqual(['Elodie', 'Élodie']);
    const known = view.children.find((c: any) => c.id === w.jules);
    expect(known.allergies).toBe('kiwi');
    expect(known.contacts.map((c: any) => c.name)).toEqual(['Tata Lou']);
    expect(hub("SELECT reason FROM audit_log WHERE command = 'household.mergeSignUp' AND entity = 'child'")).toEqual({
      reason: 'Fiche sanitaire et contacts du dossier envoyé en ligne',
    });
  });
});

describe('enrolment requests', () => {
  it('refuses a child of another household, a closed activity and a second request; accepts, refuses, waitlists, cancels', async () => {
    const w = await world();
    const s = w.signUp({ email: 'n@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    const parent = w.parentOf(s);
    const [first, second] = s.childIds as [string, string];
    const submit = (args: Record<string, unknown>, actor: Actor = parent) =>
      w.atHub(actor, 'enrolmentRequest.submit', {
        householdId: s.householdId,
        childId: first,
        activityId: w.canteen,
        ...YEAR,
        ...args,
      });

    expect(submit({ childId: w.otherChild })).toEqual({
      ok: false,
      code: 'notFound',
      message: "Cet enfant n'appartient pas à ce foyer.",
    });
    expect(submit({ householdId: w.other, childId: w.otherChild })).toMatchObject({
      ok: false,
      code: 'notFound',
      message: 'Foyer introuvable.',
    });
    expect(submit({ activityId: w.deskOnly })).toMatchObject({
      ok: false,
      message: "L'inscription à « Stage poney » se fait à l'accueil de la mairie, pas en ligne.",
    });
    expect(submit({ toDate: '2026-08-01' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(submit({ fromDate: '2026-01-05', toDate: '2026-06-12' })).toMatchObject({
      ok: false,
      message: 'Cette période est déjà passée.',
    });
    const r1 = submit({});
    expect(r1).toMatchObject({ ok: true, value: { status: 'pending', enrolmentId: null } });
    expect(submit({ fromDate: '2027-01-04', toDate: '2027-02-01' })).toMatchObject({
      ok: false,
      code: 'conflict',
      message: "Une demande d'inscription de Jules à « Restauration scolaire » est déjà en attente sur cette période.",
    });
    // Another period is fine; so is another child.
    const r2 = submit({ childId: second });
    expect(r2.ok).toBe(true);
    expect(
      w.hubRow(
        "SELECT count(*) AS n FROM audit_log WHERE command = 'enrolmentRequest.submit' AND reason = 'Demandé par la famille'",
      ),
    ).toEqual({ n: 2 });
    await w.desk.core.sync!.syncNow();

    // Staff decide on the desk; the hub confirms.
    expect(await w.desk.call('enrolmentRequest.refuse', { requestId: r2.value.requestId, reason: ' ' })).toMatchObject({
      code: 'invalid',
    });
    await w.desk.must('enrolmentRequest.waitlist', { requestId: r2.value.requestId });
    await w.desk.must('enrolmentRequest.refuse', {
      requestId: r2.value.requestId,
      reason: 'Inès est trop jeune pour la cantine.',
    });
    const accepted = await w.desk.must('enrolmentRequest.accept', {
      requestId: r1.value.requestId,
      tariffCategory: 'nonResident',
    });
    expect(await w.desk.call('enrolmentRequest.accept', { requestId: r1.value.requestId })).toMatchObject({
      ok: false,
      message: 'Cette demande est déjà acceptée.',
    });
    await w.desk.core.sync!.syncNow();
    expect(JSON.stringify(await w.desk.call('sync.outcomes', {}))).not.toContain('rejected');
    expect(w.hubRow('SELECT status, enrolment_id, decided_by FROM enrolment_requests WHERE id = ?', r1.value.requestId)).toEqual({
      status: 'accepted',
      enrolment_id: accepted.enrolmentId,
      decided_by: "Agent d'accueil",
    });
    expect(
      w.hubRow(
        'SELECT child_id, activity_id, from_date, to_date, tariff_category FROM enrolments WHERE id = ?',
        accepted.enrolmentId,
      ),
    ).toEqual({
      child_id: first,
      activity_id: w.canteen,
      from_date: YEAR.fromDate,
      to_date: YEAR.toDate,
      tariff_category: 'nonResident',
    });
    expect(w.hubRow('SELECT status, reason FROM enrolment_requests WHERE id = ?', r2.value.requestId)).toEqual({
      status: 'refused',
      reason: 'Inès est trop jeune pour la cantine.',
    });
    expect(w.messages(s.householdId).map((m) => m.subject)).toEqual([
      "Demande d'inscription reçue",
      "Demande d'inscription sur liste d'attente",
      "Demande d'inscription refusée",
      'Inscription acceptée',
    ]);
    // Enrolled: a new request for the same period is refused.
    expect(submit({})).toMatchObject({
      ok: false,
      message: 'Jules est déjà inscrit(e) à « Restauration scolaire » sur cette période.',
    });

    // The family withdraws a request; another family cannot.
    const r3 = submit({ childId: second, activityId: w.wednesday });
    expect(r3.value.status).toBe('pending'); // documents missing: no automatic acceptance
    const stranger: Actor = { kind: 'parent', id: 'x', name: 'Paul Durand', householdIds: [w.other] };
    expect(w.atHub(stranger, 'enrolmentRequest.cancel', { requestId: r3.value.requestId })).toMatchObject({ code: 'notFound' });
    expect(w.atHub(parent, 'enrolmentRequest.cancel', { requestId: r3.value.requestId }).ok).toBe(true);
    expect(w.atHub(parent, 'enrolmentRequest.cancel', { requestId: r3.value.requestId })).toMatchObject({
      ok: false,
      message: 'Cette demande est déjà annulée.',
    });
    // A parent never decides.
    const r4 = submit({ childId: second, activityId: w.wednesday });
    expect(w.atHub(parent, 'enrolmentRequest.accept', { requestId: r4.value.requestId })).toMatchObject({ code: 'forbidden' });
    await w.desk.core.sync!.syncNow();
    expectConverged(w.hub, w.desk);
  });

  it('a full activity: waitlisted at the hub, refused « full » at acceptance unless forced with a reason', async () => {
    const w = await world();
    // The canteen takes 2 children; two are enrolled.
    await w.desk.must('enrolment.create', { childId: w.jules, activityId: w.canteen, ...YEAR });
    await w.desk.must('enrolment.create', { childId: w.otherChild, activityId: w.canteen, ...YEAR });
    await w.desk.core.sync!.syncNow();
    const s = w.signUp({ email: 'n@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    const r = w.atHub(w.parentOf(s), 'enrolmentRequest.submit', {
      householdId: s.householdId,
      childId: s.childIds[0],
      activityId: w.canteen,
      ...YEAR,
    });
    expect(r).toMatchObject({
      ok: true,
      value: { status: 'waitlisted' },
      outcome: 'modified',
      message: "Les inscriptions à « Restauration scolaire » sont complètes : la demande de Jules est sur liste d'attente.",
    });
    expect(w.messages(s.householdId).at(-1)!.subject).toBe("Demande d'inscription sur liste d'attente");
    // Only during the period: a request for the next school year is not waitlisted.
    const later = w.atHub(w.parentOf(s), 'enrolmentRequest.submit', {
      householdId: s.householdId,
      childId: s.childIds[0],
      activityId: w.canteen,
      fromDate: '2027-09-01',
      toDate: '2028-07-01',
    });
    expect(later.value.status).toBe('pending');
    await w.desk.core.sync!.syncNow();

    const requestId = r.value.requestId;
    expect(await w.desk.call('enrolmentRequest.accept', { requestId })).toMatchObject({
      ok: false,
      code: 'full',
      message:
        "« Restauration scolaire » est complet (2 inscrits) : mettez la demande sur liste d'attente, ou forcez avec un motif.",
    });
    expect(await w.desk.call('enrolmentRequest.accept', { requestId, force: true })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { reason: 'Indiquez le motif du dépassement.' },
    });
    const forced = await w.desk.must('enrolmentRequest.accept', { requestId, force: true, reason: 'Situation sociale urgente' });
    await w.desk.core.sync!.syncNow();
    expect(w.hubRow('SELECT status, reason, enrolment_id FROM enrolment_requests WHERE id = ?', requestId)).toEqual({
      status: 'accepted',
      reason: 'Situation sociale urgente',
      enrolment_id: forced.enrolmentId,
    });
    expect(w.hubRow("SELECT reason FROM audit_log WHERE command = 'enrolmentRequest.accept'")).toEqual({
      reason: 'Situation sociale urgente',
    });
    expectConverged(w.hub, w.desk);
  });

  it('automatic acceptance at the hub only when the household is validated, every required document valid and places remain', async () => {
    const w = await world();
    const s = w.signUp({ email: 'n@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    const parent = w.parentOf(s);
    const [first, second] = s.childIds as [string, string];
    const submit = (childId: string) =>
      w.atHub(parent, 'enrolmentRequest.submit', { householdId: s.householdId, childId, activityId: w.wednesday, ...YEAR });
    const record = (documentTypeId: string, childId: string | null, fileName: string) =>
      w.mustAtHub(parent, 'document.record', {
        householdId: s.householdId,
        childId,
        documentTypeId,
        fileName,
        mimeType: 'application/pdf',
        size: 2048,
        sha256,
        storageKey: `k-${fileName}`,
      }).documentId as string;

    const states = () =>
      requiredDocuments(w.hub.hub.db, s.householdId, first, w.wednesday, '2026-06-15').map((d) => [d.name, d.state]);
    expect(states()).toEqual([
      ['Attestation d’assurance extrascolaire', 'missing'],
      ['Vaccinations (DTP)', 'missing'],
    ]);
    const insurance = record(w.insurance, first, 'assurance.pdf'); // household scope: the child is dropped
    const vaccines = record(w.vaccines, first, 'dtp-jules.pdf');
    expect(w.hubRow('SELECT child_id, status, uploaded_by FROM documents WHERE id = ?', insurance)).toEqual({
      child_id: null,
      status: 'received',
      uploaded_by: 'Élodie Lefèvre',
    });
    expect(states()).toEqual([
      ['Attestation d’assurance extrascolaire', 'received'],
      ['Vaccinations (DTP)', 'received'],
    ]);
    // Documents not valid yet: the request waits for staff.
    const early = submit(first);
    expect(early.value.status).toBe('pending');
    await w.desk.core.sync!.syncNow();
    expect(await w.desk.must('document.validate', { documentId: insurance })).toEqual({
      validUntil: '2026-08-31',
      acceptedRequestIds: [],
    });
    await w.desk.must('document.refuse', { documentId: vaccines, reason: 'Page illisible' });
    expect(await w.desk.call('document.refuse', { documentId: vaccines, reason: 'Encore' })).toMatchObject({
      ok: false,
      message: 'Ce document est déjà refusé.',
    });
    await w.desk.core.sync!.syncNow();
    expect(states()).toEqual([
      ['Attestation d’assurance extrascolaire', 'validated'],
      ['Vaccinations (DTP)', 'refused'],
    ]);
    expect(w.hubRow('SELECT status, refusal_reason FROM documents WHERE id = ?', vaccines)).toEqual({
      status: 'refused',
      refusal_reason: 'Page illisible',
    });
    const vaccines2 = record(w.vaccines, first, 'dtp-jules-2.pdf');
    const vaccinesInes = record(w.vaccines, second, 'dtp-ines.pdf');
    expect(w.atHub(parent, 'document.validate', { documentId: vaccines2 })).toMatchObject({ code: 'forbidden' });
    await w.desk.core.sync!.syncNow();
    expect(await w.desk.must('document.validate', { documentId: vaccines2 })).toEqual({
      validUntil: '2027-06-15',
      acceptedRequestIds: [],
    });
    await w.desk.must('document.validate', { documentId: vaccinesInes, validUntil: '2027-06-30' });
    await w.desk.core.sync!.syncNow();
    expect(states()).toEqual([
      ['Attestation d’assurance extrascolaire', 'validated'],
      ['Vaccinations (DTP)', 'validated'],
    ]);
    // Every document valid, but the household still awaits the mairie's validation: Jules' request waits.
    expect(w.hubRow('SELECT status FROM enrolment_requests WHERE id = ?', early.value.requestId)).toEqual({ status: 'pending' });
    expect(w.messages(s.householdId).map((m) => m.subject)).toEqual([
      "Demande d'inscription reçue",
      'Document validé : Attestation d’assurance extrascolaire',
      'Document refusé : Vaccinations (DTP)',
      'Document validé : Vaccinations (DTP)',
      'Document validé : Vaccinations (DTP)',
    ]);
    expect(w.messages(s.householdId)[2]!.body).toContain('Page illisible');
    // After the 31 August the insurance certificate has expired.
    expect(requiredDocuments(w.hub.hub.db, s.householdId, first, w.wednesday, '2026-09-01')[0]!.state).toBe('expired');
    // The whole household (child null): the household document once, the child documents per child.
    expect(
      requiredDocuments(w.hub.hub.db, s.householdId, null, w.wednesday, '2026-06-15').map((d) => [d.childId, d.state]),
    ).toEqual([
      [null, 'validated'],
      [first, 'validated'],
      [second, 'validated'],
    ]);

    // One of the three places is taken. Staff validate the household: at the hub, Jules' request is accepted.
    await w.desk.must('enrolment.create', { childId: w.otherChild, activityId: w.wednesday, ...YEAR });
    const validated = await w.desk.must('household.validateSignUp', { householdId: s.householdId });
    expect(validated).toEqual({ acceptedRequestIds: [] }); // the desk does not decide places
    await w.desk.core.sync!.syncNow();
    expect(JSON.stringify(await w.desk.call('sync.outcomes', {}))).not.toContain('rejected');
    expect(
      w.hubRow('SELECT status, decided_by, enrolment_id FROM enrolment_requests WHERE id = ?', early.value.requestId),
    ).toEqual({
      status: 'accepted',
      decided_by: 'Acceptation automatique',
      enrolment_id: `${early.value.requestId}:auto`,
    });

    // On a desk, a new request waits: only the hub knows how many places remain.
    const onDesk = await w.desk.must('enrolmentRequest.submit', {
      householdId: s.householdId,
      childId: second,
      activityId: w.wednesday,
      ...YEAR,
    });
    expect(onDesk.status).toBe('pending');
    // At the hub, with every document valid and a place left: accepted at once.
    await w.desk.core.sync!.syncNow();
    expect(JSON.stringify(await w.desk.call('sync.outcomes', {}))).not.toContain('rejected');
    const decided = w.hubRow('SELECT status, decided_by, enrolment_id FROM enrolment_requests WHERE id = ?', onDesk.requestId);
    expect(decided).toMatchObject({ status: 'accepted', decided_by: 'Acceptation automatique' });
    expect(w.hubRow('SELECT child_id, tariff_category FROM enrolments WHERE id = ?', decided.enrolment_id)).toEqual({
      child_id: second,
      tariff_category: 'resident',
    });
    expect(w.messages(s.householdId).slice(-3)).toEqual([
      { subject: 'Votre dossier famille est validé', body: expect.any(String) },
      {
        subject: 'Inscription acceptée',
        body: expect.stringContaining('Jules à « Mercredis loisirs » du 01/09/2026 au 03/07/2027'),
      },
      { subject: 'Inscription acceptée', body: expect.stringContaining('Inès à « Mercredis loisirs »') },
    ]);
    expect(
      w.hubRows("SELECT reason FROM audit_log WHERE command = 'enrolmentRequest.accept' AND household_id = ?", s.householdId),
    ).toEqual([{ reason: 'Acceptation automatique' }, { reason: 'Acceptation automatique' }]);

    // The activity is now full: a third child with every document valid goes on the waiting list.
    const { childId: leo } = await w.desk.must('child.add', {
      householdId: s.householdId,
      firstName: 'Léo',
      lastName: 'Nouveau',
      birthDate: '2018-05-05',
    });
    await w.desk.core.sync!.syncNow();
    const leoVaccines = record(w.vaccines, leo, 'dtp-leo.pdf');
    await w.desk.core.sync!.syncNow();
    await w.desk.must('document.validate', { documentId: leoVaccines });
    await w.desk.core.sync!.syncNow();
    expect(
      requiredDocuments(w.hub.hub.db, s.householdId, leo, w.wednesday, '2026-06-15').every((d) => d.state === 'validated'),
    ).toBe(true);
    const waiting = submit(leo);
    expect(waiting).toMatchObject({ ok: true, value: { status: 'waitlisted', enrolmentId: null }, outcome: 'modified' });
    expect(w.hubRow('SELECT count(*) AS n FROM enrolments WHERE activity_id = ?', w.wednesday)).toEqual({ n: 3 });
    await w.desk.core.sync!.syncNow();
    expectConverged(w.hub, w.desk);
  });
});

describe('document types and the rules', () => {
  it('checks what an administrator saves and numbers the rules versions', async () => {
    const w = await world();
    expect(await w.desk.call('documentType.save', { name: 'PAI', scope: 'child', validity: 'months' })).toMatchObject({
      ok: false,
      fieldErrors: { validityMonths: 'Indiquez le nombre de mois de validité.' },
    });
    expect(
      await w.desk.call('documentType.save', {
        name: 'PAI',
        scope: 'child',
        validity: 'permanent',
        requiredForActivities: ['inconnue'],
      }),
    ).toMatchObject({ ok: false, code: 'notFound', message: 'Activité introuvable.' });
    // activity.save without the online enrolment fields keeps them (older callers); null lifts the limit.
    const settings = () =>
      w.desk.core.store.sqlite
        .prepare('SELECT enrolment_capacity, auto_accept, online_enrolment FROM activities WHERE id = ?')
        .get(w.wednesday);
    const saved = (await w.desk.call('activities.list', {})).find((a: any) => a.id === w.wednesday);
    const resave = (extra: Record<string, unknown>) =>
      w.desk.must('activity.save', {
        ...activity('Mercredis loisirs', 'wednesday', 'wednesdays'),
        activityId: w.wednesday,
        units: [{ unitId: saved.units[0].id, name: 'Journée' }],
        groups: [{ groupId: saved.groups[0].id, name: 'Tous', capacities: [30] }],
        ...extra,
      });
    await resave({});
    expect(settings()).toEqual({ enrolment_capacity: 3, auto_accept: 1, online_enrolment: 1 });
    await resave({ enrolmentCapacity: null, autoAccept: false, onlineEnrolment: false });
    expect(settings()).toEqual({ enrolment_capacity: null, auto_accept: 0, online_enrolment: 0 });
    await resave({ enrolmentCapacity: 3, autoAccept: true, onlineEnrolment: true });
    // Archived: no longer asked, no longer accepted.
    await w.desk.must('documentType.save', {
      documentTypeId: w.vaccines,
      name: 'Vaccinations (DTP)',
      scope: 'child',
      validity: 'months',
      validityMonths: 12,
      requiredForActivities: [w.wednesday],
      archived: true,
    });
    await w.desk.core.sync!.syncNow();
    const s = w.signUp({ email: 'n@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    expect(requiredDocuments(w.hub.hub.db, s.householdId, null, w.wednesday, '2026-06-15').map((d) => d.name)).toEqual([
      'Attestation d’assurance extrascolaire',
    ]);
    const parent = w.parentOf(s);
    const doc = { householdId: s.householdId, fileName: 'x.pdf', mimeType: 'application/pdf', size: 10, sha256, storageKey: 'k' };
    expect(w.atHub(parent, 'document.record', { ...doc, documentTypeId: w.vaccines, childId: s.childIds[0] })).toMatchObject({
      ok: false,
      message: "Ce type de document n'est plus demandé.",
    });
    expect(
      w.atHub(parent, 'document.record', { ...doc, documentTypeId: w.insurance, mimeType: 'application/x-msdownload' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { mimeType: 'Format accepté : PDF, JPEG ou PNG.' },
    });
    expect(w.atHub(parent, 'document.record', { ...doc, documentTypeId: w.insurance, size: 30 * 1024 * 1024 })).toMatchObject({
      ok: false,
      fieldErrors: { size: 'Fichier trop volumineux (10 Mo au maximum).' },
    });
    const stranger: Actor = { kind: 'parent', id: 'x', name: 'Paul Durand', householdIds: [w.other] };
    expect(w.atHub(stranger, 'document.record', { ...doc, documentTypeId: w.insurance })).toMatchObject({ code: 'notFound' });
    expect(w.hubRow('SELECT count(*) AS n FROM documents')).toEqual({ n: 0 });
    // Rules: versions 1, 2, 3 in publication order; parents do not publish.
    expect(w.atHub(parent, 'rules.publish', { title: 'X', body: 'Y' })).toMatchObject({ code: 'forbidden' });
    expect((await w.desk.must('rules.publish', { title: 'R2', body: 'Texte 2' })).version).toBe(2);
    expect((await w.desk.must('rules.publish', { title: 'R3', body: 'Texte 3' })).version).toBe(3);
    await w.desk.core.sync!.syncNow();
    expect(w.hubRows('SELECT version, title FROM rules_versions ORDER BY version').map((r) => r.title)).toEqual([
      'Règlement intérieur 2026',
      'R2',
      'R3',
    ]);
    expectConverged(w.hub, w.desk);
  });
});

describe('the yearly file', () => {
  it('applies the health sheet, replaces the contacts and records the rules accepted with version and time', async () => {
    const w = await world();
    const s = w.signUp({ email: 'n@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    const parent = w.parentOf(s);
    const [first, second] = s.childIds as [string, string];
    await w.desk.core.sync!.syncNow();
    await w.desk.must('child.setContacts', {
      childId: first,
      contacts: [
        { name: 'Mamie Jeanne', phone: '0549000000', link: 'grand-mère', pickup: 'allowed', emergencyContact: true },
        { name: 'Oncle Bob', phone: '0549111111', link: 'oncle', pickup: 'allowed' },
      ],
    });
    await w.desk.core.sync!.syncNow();
    const jeanneId = w.hubRow("SELECT id FROM child_contacts WHERE name = 'Mamie Jeanne'").id;
    const sheet = {
      householdId: s.householdId,
      schoolYear: '2026-2027',
      guardianId: s.guardianId,
      rulesVersionId: w.rulesVersionId,
      children: [
        {
          childId: first,
          diet: 'noPork',
          allergies: 'arachide',
          hasCareplan: true,
          careplanNote: 'Stylo adrénaline dans le sac',
          doctorName: 'Dr Morel',
          doctorPhone: '05 49 22 22 22',
          photoConsent: true,
          contacts: [
            { name: 'MAMIE JEANNE', phone: '0549000000', link: 'grand-mère', pickup: 'allowed', emergencyContact: true },
            { name: 'Voisin Paul', phone: '06 11 22 33 44', link: 'voisin', pickup: 'forbidden' },
          ],
        },
      ],
    };
    // Refusals: a rules version that is not the latest, another household's child, someone else's guardian id,
    // a school year out of reach, a forbidden person as emergency contact.
    const v2 = (await w.desk.must('rules.publish', { title: 'Règlement intérieur 2026 (modifié)', body: 'Article 1 bis' })) as {
      rulesVersionId: string;
      version: number;
    };
    expect(v2.version).toBe(2);
    await w.desk.core.sync!.syncNow();
    expect(w.atHub(parent, 'householdFile.submit', sheet)).toEqual({
      ok: false,
      code: 'conflict',
      message: 'Le règlement intérieur a changé : lisez et acceptez la version 2.',
    });
    const latest = { ...sheet, rulesVersionId: v2.rulesVersionId };
    expect(w.atHub(parent, 'householdFile.submit', { ...latest, children: [{ childId: w.otherChild }] })).toMatchObject({
      code: 'notFound',
      message: "Cet enfant n'appartient pas à ce foyer.",
    });
    expect(w.atHub(parent, 'householdFile.submit', { ...latest, guardianId: 'quelqu-un' })).toMatchObject({ code: 'forbidden' });
    expect(w.atHub(parent, 'householdFile.submit', { ...latest, schoolYear: '2028-2029' })).toMatchObject({
      message: "Le dossier se remplit pour l'année 2025-2026 ou 2026-2027.",
    });
    const badContact = w.atHub(parent, 'householdFile.submit', {
      ...latest,
      children: [{ childId: first, contacts: [{ name: 'X', phone: '0549000000', pickup: 'forbidden', emergencyContact: true }] }],
    });
    expect(badContact).toMatchObject({
      code: 'invalid',
      fieldErrors: { 'children.0.contacts.0.emergencyContact': "Une personne interdite ne peut pas être contact d'urgence." },
    });
    expect(w.hubRows('SELECT * FROM rules_acceptances')).toEqual([]);

    now = new Date('2026-06-16T18:30:00Z');
    const submitted = w.mustAtHub(parent, 'householdFile.submit', latest);
    expect(
      w.hubRow('SELECT diet, allergies, has_careplan, doctor_phone, photo_consent FROM children WHERE id = ?', first),
    ).toEqual({
      diet: 'noPork',
      allergies: 'arachide',
      has_careplan: 1,
      doctor_phone: '+33549222222',
      photo_consent: 1,
    });
    const contacts = w.hubRows(
      'SELECT id, name, phone, pickup, emergency_contact FROM child_contacts WHERE child_id = ? ORDER BY position',
      first,
    );
    expect(contacts.map((c) => [c.name, c.phone, c.pickup, c.emergency_contact])).toEqual([
      ['MAMIE JEANNE', '+33549000000', 'allowed', 1],
      ['Voisin Paul', '+33611223344', 'forbidden', 0],
    ]);
    expect(contacts[0].id).toBe(jeanneId); // the same person keeps her id; Oncle Bob is gone
    expect(w.hubRows('SELECT household_id, guardian_id, rules_version_id, accepted_at FROM rules_acceptances')).toEqual([
      {
        household_id: s.householdId,
        guardian_id: s.guardianId,
        rules_version_id: v2.rulesVersionId,
        accepted_at: '2026-06-16T18:30:00.000Z',
      },
    ]);
    expect(w.hubRow('SELECT id, school_year, status, submitted_by FROM household_files')).toEqual({
      id: submitted.fileId,
      school_year: '2026-2027',
      status: 'submitted',
      submitted_by: 'Élodie Lefèvre',
    });
    const audits = w.hubRows("SELECT entity, reason FROM audit_log WHERE command = 'householdFile.submit' ORDER BY id");
    expect(audits.map((a) => a.entity).sort()).toEqual(['child', 'householdFile', 'rulesVersion']);
    expect(audits.every((a) => a.reason === 'Modifié par la famille')).toBe(true);
    expect(
      w.hubRow("SELECT changes FROM audit_log WHERE command = 'householdFile.submit' AND entity = 'rulesVersion'").changes,
    ).toContain('version 2');
    await w.desk.core.sync!.syncNow();

    // Staff refuse it; the family submits again (the same file row, submitted again); staff accept it.
    await w.desk.must('householdFile.refuse', { fileId: submitted.fileId, reason: 'Ajoutez le médecin traitant de Inès.' });
    await w.desk.core.sync!.syncNow();
    const again = w.mustAtHub(parent, 'householdFile.submit', {
      ...latest,
      children: [...latest.children, { childId: second, doctorName: 'Dr Morel', contacts: [] }],
    });
    expect(again.fileId).toBe(submitted.fileId);
    expect(w.hubRow('SELECT status, reason, decided_by FROM household_files')).toEqual({
      status: 'submitted',
      reason: '',
      decided_by: '',
    });
    expect(w.hubRows('SELECT * FROM rules_acceptances')).toHaveLength(1);
    await w.desk.core.sync!.syncNow();
    await w.desk.must('householdFile.accept', { fileId: submitted.fileId });
    expect(await w.desk.call('householdFile.accept', { fileId: submitted.fileId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    await w.desk.core.sync!.syncNow();
    expect(w.hubRow('SELECT status, decided_by FROM household_files')).toEqual({
      status: 'accepted',
      decided_by: "Agent d'accueil",
    });
    expect(w.messages(s.householdId).map((m) => m.subject)).toEqual([
      "Demande d'inscription reçue",
      'Dossier 2026-2027 à compléter',
      'Dossier 2026-2027 accepté',
    ]);
    expectConverged(w.hub, w.desk);
  });
});

describe('RGPD', () => {
  it('the export holds what the family sent online; the purge deletes it', async () => {
    const w = await world();
    const s = w.signUp({ email: 'n@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    const parent = w.parentOf(s);
    const [first] = s.childIds as [string];
    w.mustAtHub(parent, 'enrolmentRequest.submit', {
      householdId: s.householdId,
      childId: first,
      activityId: w.canteen,
      ...YEAR,
    });
    w.mustAtHub(parent, 'document.record', {
      householdId: s.householdId,
      documentTypeId: w.insurance,
      fileName: 'assurance-nouveau.pdf',
      mimeType: 'application/pdf',
      size: 10,
      sha256,
      storageKey: 'k-1',
    });
    w.mustAtHub(parent, 'householdFile.submit', {
      householdId: s.householdId,
      schoolYear: '2026-2027',
      guardianId: s.guardianId,
      rulesVersionId: w.rulesVersionId,
    });
    await w.desk.core.sync!.syncNow();
    const exported = await w.desk.call('rgpd.exportHousehold', { householdId: s.householdId });
    const online = ['documents', 'enrolment_requests', 'rules_acceptances', 'household_files', 'family_messages'];
    for (const table of online) expect(exported.value.tables[table], table).toHaveLength(1);
    expect(exported.value.tables.documents[0].fileName).toBe('assurance-nouveau.pdf');
    // Nothing of the other households.
    expect(JSON.stringify(exported.value)).not.toContain('LEFEVRE');

    await w.desk.must('household.refuseSignUp', { householdId: s.householdId, reason: 'Hors commune' });
    await w.desk.core.sync!.syncNow();
    now = new Date('2031-07-01T08:00:00Z');
    await w.desk.must('rgpd.purge', { householdIds: [s.householdId] });
    await w.desk.core.sync!.syncNow();
    expect(JSON.stringify(await w.desk.call('sync.outcomes', {}))).not.toContain('rejected');
    for (const table of online)
      expect(w.hubRow(`SELECT count(*) AS n FROM ${table} WHERE household_id = ?`, s.householdId), table).toEqual({ n: 0 });
    // Reference data stays.
    expect(w.hubRow('SELECT count(*) AS n FROM rules_versions')).toEqual({ n: 1 });
    expect(w.hub.hub.sqlite.pragma('foreign_key_check')).toEqual([]);
    expectConverged(w.hub, w.desk);
  });
});

describe('desk and hub converge', () => {
  it('an offline acceptance the hub finds beyond capacity is rejected with the reason, and everyone converges', async () => {
    const w = await world();
    const second = await connectedDesk(w.hub, 'Centre de loisirs', clock);
    desks.push(second);
    await w.desk.must('enrolment.create', { childId: w.otherChild, activityId: w.canteen, ...YEAR });
    await w.desk.core.sync!.syncNow();
    await second.core.sync!.syncNow();
    const s = w.signUp({ email: 'n@exemple.fr', lastName: 'Nouveau', mobilePhone: '0711223344' });
    const parent = w.parentOf(s);
    const [first, other] = s.childIds as [string, string];
    const r1 = w.mustAtHub(parent, 'enrolmentRequest.submit', {
      householdId: s.householdId,
      childId: first,
      activityId: w.canteen,
      ...YEAR,
    });
    const r2 = w.mustAtHub(parent, 'enrolmentRequest.submit', {
      householdId: s.householdId,
      childId: other,
      activityId: w.canteen,
      ...YEAR,
    });
    await w.desk.core.sync!.syncNow();
    await second.core.sync!.syncNow();
    // Both desks accept a different request for the last place, each offline.
    await w.desk.must('enrolmentRequest.accept', { requestId: r1.requestId });
    await second.must('enrolmentRequest.accept', { requestId: r2.requestId });
    await second.must('household.validateSignUp', { householdId: s.householdId });
    await second.core.sync!.syncNow();
    await w.desk.core.sync!.syncNow();
    await second.core.sync!.syncNow();
    const outcomes = await w.desk.call('sync.outcomes', {});
    expect(outcomes.verdicts).toEqual([
      expect.objectContaining({
        name: 'enrolmentRequest.accept',
        status: 'rejected',
        message: expect.stringContaining('est complet (2 inscrits)'),
      }),
    ]);
    expect(w.hubRows('SELECT id, status FROM enrolment_requests ORDER BY id')).toEqual(
      [
        { id: r1.requestId, status: 'pending' },
        { id: r2.requestId, status: 'accepted' },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(w.hubRow('SELECT count(*) AS n FROM enrolments WHERE activity_id = ?', w.canteen)).toEqual({ n: 2 });
    expectConverged(w.hub, w.desk, second);
  });
});
