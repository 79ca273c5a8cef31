// RGPD: the export of one household (a child shared by separated parents appears in both households' exports,
// the other household's guardians, bookings and audit rows in neither), and the purge of households archived
// long ago (anonymised, legal records kept, shared child untouched, deterministic on the hub).
import { afterEach, describe, expect, it } from 'vitest';
import { tablesWithoutPurgeRule } from '../../src/shared/commands/purge';
import { householdLinkedTables } from '../../src/shared/commands/householdScope';
import { book, openWorld, setUpCommune, type BillingWorld } from './billingFixture';
import { canonicalHashes, cleanup, connectedDesk, startHub } from '../fixtures/hubHarness';

let world: BillingWorld | undefined;
afterEach(() => {
  world?.close();
  world = undefined;
});

/** MARTIN (Tom, Léa) and DUPONT (Léa's father): Léa belongs to both; each household books and pays. */
async function separatedParents() {
  const w = (world = openWorld('2026-10-20T08:00:00Z'));
  const commune = await setUpCommune(w);
  const { martin } = commune;
  const lea = martin.children.find((c) => c.firstName === 'Léa')!.childId;
  const tom = martin.children.find((c) => c.firstName === 'Tom')!.childId;
  const { householdId: dupont } = await w.must('household.create', {
    guardians: [
      {
        civility: 'M.',
        firstName: 'Marc',
        lastName: 'Dupont',
        mobilePhone: '0699887766',
        email: 'marc.dupont@exemple.fr',
        relationship: 'father',
      },
    ],
  });
  await w.must('child.link', { householdId: dupont, childId: lea });
  const marc = (await w.call('families.get', { householdId: dupont })).guardians[0].id as string;
  await w.must('child.setRelationship', { childId: lea, guardianId: marc, relationship: 'father' });
  await w.must('child.setContacts', {
    childId: lea,
    contacts: [{ name: 'Mamie Jeanne', phone: '0549000000', link: 'grand-mère', pickup: 'allowed', emergencyContact: true }],
  });
  await w.must('child.setContacts', {
    childId: tom,
    contacts: [{ name: 'Voisin Paul', phone: '0549111111', link: 'voisin', pickup: 'allowed' }],
  });
  await w.must('child.update', {
    childId: tom,
    firstName: 'Tom',
    lastName: 'Martin',
    birthDate: '2018-03-10',
    schoolLevel: 'CE2',
    allergies: 'arachide',
    hasCareplan: true,
    careplanNote: 'PAI allergie',
    doctorName: 'Dr Morel',
    doctorPhone: '0549222222',
  });
  const martinBookings = await book(w, martin, 1, commune.canteen.repas, ['2026-11-09', '2026-11-10']);
  const dupontBookings = await book(
    w,
    { householdId: dupont, children: [{ childId: lea, firstName: 'Léa' }] },
    0,
    commune.canteen.repas,
    ['2026-11-12'],
  );
  w.setNow('2026-12-01T08:00:00Z');
  await w.must('invoice.issueMonth', { month: '2026-11' });
  await w.must('payment.record', {
    householdId: martin.householdId,
    mode: 'cash',
    amountCents: 500,
    receivedOn: '2026-12-01',
    payerName: 'Anne Martin',
  });
  await w.must('payment.record', {
    householdId: dupont,
    mode: 'cash',
    amountCents: 310,
    receivedOn: '2026-12-01',
    payerName: 'Marc Dupont',
  });
  return { w, commune, martin: martin.householdId, dupont, lea, tom, marc, martinBookings, dupontBookings };
}

const ids = (rows: any[] | undefined) => (rows ?? []).map((r) => r.id as string).sort();

describe('RGPD export', () => {
  it("exports everything about one household and nothing about the other parent's household", async () => {
    const s = await separatedParents();
    const result = await s.w.call('rgpd.exportHousehold', { householdId: s.martin });
    expect(result.ok).toBe(true);
    const data = result.value;
    expect(JSON.parse(JSON.stringify(data))).toEqual(data); // plain JSON

    expect(data.household.id).toBe(s.martin);
    expect(data.guardians.map((g: any) => `${g.firstName} ${g.lastName}`)).toEqual(['Anne Martin']);
    expect(ids(data.children)).toEqual([s.lea, s.tom].sort());
    // Contacts of both children, QF history, enrolments, bookings, audit, invoices, payments.
    expect(data.tables.child_contacts.map((c: any) => c.name).sort()).toEqual(['Mamie Jeanne', 'Voisin Paul']);
    expect(data.tables.family_quotients).toHaveLength(1);
    expect(data.tables.enrolments.length).toBeGreaterThan(0);
    expect(ids(data.tables.bookings)).toEqual(Object.values(s.martinBookings).sort());
    expect(data.tables.audit_log.length).toBeGreaterThan(5);
    expect(data.tables.audit_log.every((a: any) => a.householdId === s.martin)).toBe(true);
    expect(data.tables.invoices).toHaveLength(1);
    expect(data.tables.invoices[0].householdId).toBe(s.martin);
    expect(data.tables.invoice_lines.length).toBeGreaterThan(0);
    expect(data.tables.invoice_lines.every((l: any) => l.invoiceId === data.tables.invoices[0].id)).toBe(true);
    expect(data.tables.payments.map((p: any) => p.payerName)).toEqual(['Anne Martin']);
    expect(data.tables.allocations.every((a: any) => a.householdId === s.martin)).toBe(true);

    // Nothing of DUPONT anywhere in the export: not its id, its guardian, its bookings, its audit rows.
    const text = JSON.stringify(data);
    for (const foreign of [s.dupont, 'Marc', 'Dupont', 'marc.dupont', '+33699887766', ...Object.values(s.dupontBookings)])
      expect(text, foreign).not.toContain(foreign);
    // (MARTIN's own audit says Léa's father was set, by id: that row is MARTIN's; Marc's data is not there.)
    expect(data.tables.guardian_children.every((l: any) => l.guardianId !== s.marc)).toBe(true);

    // DUPONT's export holds the shared child too, and none of MARTIN's people.
    const other = (await s.w.call('rgpd.exportHousehold', { householdId: s.dupont })).value;
    expect(ids(other.children)).toEqual([s.lea]);
    expect(other.guardians.map((g: any) => g.firstName)).toEqual(['Marc']);
    expect(other.tables.child_contacts.map((c: any) => c.name)).toEqual(['Mamie Jeanne']);
    expect(JSON.stringify(other)).not.toContain('Anne');
    expect(ids(other.tables.bookings)).toEqual(Object.values(s.dupontBookings));

    expect(await s.w.call('rgpd.exportHousehold', { householdId: 'inconnu' })).toMatchObject({ ok: false, code: 'notFound' });
  });

  it('finds household-linked tables from the registry, and the purge has a rule for each', () => {
    expect(householdLinkedTables).toEqual(
      expect.arrayContaining([
        'households',
        'guardians',
        'children',
        'child_contacts',
        'bookings',
        'audit_log',
        'invoices',
        'invoice_lines',
        'payments',
      ]),
    );
    expect(householdLinkedTables).not.toContain('activities');
    expect(householdLinkedTables).not.toContain('tariffs');
    expect(tablesWithoutPurgeRule()).toEqual([]);
  });
});

describe('RGPD purge', () => {
  it('anonymises households archived for 5 years, keeps the legal records and the shared child', async () => {
    const s = await separatedParents();
    const { w } = s;
    await w.must('household.archive', { householdId: s.martin, reason: 'Déménagement à Niort' });

    // Too early: not in the preview, refused by the command.
    expect((await w.call('rgpd.purgePreview', {})).households).toEqual([]);
    const early = await w.call('rgpd.purge', { householdIds: [s.martin] });
    expect(early).toMatchObject({ ok: false, code: 'conflict' });
    expect(early.message).toContain('archivés depuis au moins 5 ans');
    // A shorter period is configurable (at least one year).
    w.setNow('2028-01-10T08:00:00Z');
    expect((await w.call('rgpd.purgePreview', { archivedBeforeYears: 1 })).households.map((h: any) => h.householdId)).toEqual([
      s.martin,
    ]);

    w.setNow('2031-12-02T08:00:00Z'); // archived on 1 December 2026
    const preview = await w.call('rgpd.purgePreview', {});
    expect(preview.households).toEqual([
      expect.objectContaining({
        householdId: s.martin,
        name: 'MARTIN',
        guardians: 1,
        children: 1, // Tom; Léa stays with DUPONT
        sharedPeople: 1,
        kept: { invoices: 1, creditNotes: 0, payments: 1 },
      }),
    ]);
    // Not archived: refused, nothing written.
    const before = w.core.store.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    expect(await w.call('rgpd.purge', { householdIds: [s.martin, s.dupont] })).toMatchObject({ ok: false, code: 'conflict' });
    expect(w.core.store.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);

    const purged = await w.call('rgpd.purge', { householdIds: [s.martin] });
    expect(purged.ok).toBe(true);

    const db = w.core.store.sqlite;
    const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as any;
    const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as any[];
    expect(one('SELECT name, notes, archive_reason FROM households WHERE id = ?', s.martin)).toEqual({
      name: 'Anonyme',
      notes: '',
      archive_reason: '',
    });
    const anne = one(
      `SELECT g.* FROM guardians g JOIN household_guardians hg ON hg.guardian_id = g.id WHERE hg.household_id = ?`,
      s.martin,
    );
    expect(anne).toMatchObject({
      first_name: 'Anonyme',
      last_name: 'Anonyme',
      mobile_phone: '',
      email: '',
      address_line1: '',
      postal_code: '',
      city: '',
    });
    expect(one('SELECT * FROM children WHERE id = ?', s.tom)).toMatchObject({
      first_name: 'Anonyme',
      last_name: 'Anonyme',
      birth_date: '2018-01-01',
      allergies: '',
      has_careplan: 0,
      careplan_note: '',
      doctor_name: '',
      doctor_phone: '',
    });
    // Léa still belongs to DUPONT: untouched, and so are her contacts; Tom's contacts are gone.
    expect(one('SELECT first_name FROM children WHERE id = ?', s.lea)).toEqual({ first_name: 'Léa' });
    expect(all('SELECT name FROM child_contacts').map((c) => c.name)).toEqual(['Mamie Jeanne']);
    // …and the anonymous household no longer links to her (nor its guardian to her); Tom stays in it.
    expect(all('SELECT child_id FROM household_children WHERE household_id = ?', s.martin).map((r) => r.child_id)).toEqual([
      s.tom,
    ]);
    expect(all('SELECT child_id FROM household_children WHERE household_id = ?', s.dupont).map((r) => r.child_id)).toEqual([
      s.lea,
    ]);
    expect(all('SELECT guardian_id FROM guardian_children WHERE child_id = ?', s.lea).map((r) => r.guardian_id)).toEqual([
      s.marc,
    ]);
    expect(one('SELECT first_name, mobile_phone FROM guardians WHERE id = ?', s.marc)).toEqual({
      first_name: 'Marc',
      mobile_phone: '+33699887766',
    });
    expect(all('SELECT * FROM family_quotients WHERE household_id = ?', s.martin)).toEqual([]);
    // The law keeps invoices and payments: still there, anonymised.
    const invoice = one('SELECT * FROM invoices WHERE household_id = ?', s.martin);
    expect(invoice).toMatchObject({ household_name: 'Anonyme', payer_address: '[]' });
    expect(invoice.total_cents).toBeGreaterThan(0);
    expect(
      all('SELECT child_name FROM invoice_lines WHERE invoice_id = ?', invoice.id).every((l) => l.child_name === 'Anonyme'),
    ).toBe(true);
    expect(one('SELECT payer_name, amount_cents FROM payments WHERE household_id = ?', s.martin)).toEqual({
      payer_name: 'Anonyme',
      amount_cents: 500,
    });
    expect(all('SELECT * FROM bookings WHERE household_id = ?', s.martin)).toHaveLength(2);
    // DUPONT's invoice keeps Léa's name; MARTIN's audit is scrubbed, DUPONT's is not; the purge is audited.
    const dupontInvoice = one('SELECT id, household_name FROM invoices WHERE household_id = ?', s.dupont);
    expect(dupontInvoice.household_name).toBe('DUPONT');
    const martinAudit = all('SELECT command, changes, reason FROM audit_log WHERE household_id = ?', s.martin);
    expect(martinAudit.filter((a) => a.command !== 'rgpd.purge').every((a) => a.changes === '{}' && a.reason === '')).toBe(true);
    expect(martinAudit.filter((a) => a.command === 'rgpd.purge')).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('depuis plus de 5 ans') }),
    ]);
    expect(JSON.stringify(all('SELECT changes FROM audit_log WHERE household_id = ?', s.dupont))).toContain('Mamie Jeanne');
    // Nobody finds the household by its old names, phone or e-mail any more.
    for (const q of ['martin', 'anne', 'tom', '06 12 34 56 78'])
      expect(
        (await w.call('families.search', { q, includeArchived: true })).map((h: any) => h.householdId),
        q,
      ).not.toContain(s.martin);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Once only.
    expect(await w.call('rgpd.purge', { householdIds: [s.martin] })).toMatchObject({ ok: false, code: 'conflict' });
    expect((await w.call('rgpd.purgePreview', {})).households).toEqual([]);
  });

  it('is a deterministic command: the hub applies it and the replicas stay equal', async () => {
    let now = new Date('2020-03-01T09:00:00Z');
    const clock = () => now;
    const hub = await startHub(undefined, () => new Date(now.getTime() + 60_000));
    const desk = await connectedDesk(hub, 'Mairie', clock);
    try {
      const { householdId } = await desk.must('household.create', {
        guardians: [{ civility: 'Mme', firstName: 'Iris', lastName: 'Ancienne', mobilePhone: '0612345678' }],
        children: [{ firstName: 'Noé', lastName: 'Ancienne', birthDate: '2015-06-01', allergies: 'lait' }],
      });
      await desk.must('household.archive', { householdId, reason: 'Départ' });
      await desk.core.sync!.syncNow();
      now = new Date('2026-03-02T09:00:00Z');
      await desk.must('rgpd.purge', { householdIds: [householdId] });
      await desk.core.sync!.syncNow();
      expect(desk.core.sync!.status().pending).toBe(0);
      const outcomes = await desk.call('sync.outcomes', {});
      expect(JSON.stringify(outcomes)).not.toContain('rejected');
      expect(canonicalHashes(desk.core.store.sqlite)).toEqual(canonicalHashes(hub.hub.sqlite));
      expect(hub.hub.sqlite.prepare('SELECT first_name, allergies FROM children').get()).toEqual({
        first_name: 'Anonyme',
        allergies: '',
      });
    } finally {
      await desk.core.close();
      await hub.stop();
      cleanup(desk.dir, hub.dataDir);
    }
  });
});
