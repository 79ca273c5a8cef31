// RGPD: the purge of households archived long ago. `rgpd.purge` anonymises, it does not delete: personal data
// goes (names become « Anonyme », phones, e-mails, addresses, health data, free notes are emptied, contacts,
// family quotients, documents, online requests, yearly files and messages are deleted, audit changes are
// scrubbed), while the rows the law keeps — issued invoices, credit notes, payments — stay, with the personal
// fields inside them anonymised, and so do bookings, enrolments and links, which carry no personal data once
// the people are anonymous.
// A guardian or child who also belongs to a household that stays is left untouched (a separated parent's
// other household keeps its child), and the purged household's links to them are removed, so the anonymous
// household cannot be found (or recognised) through them; only the kept legal records (bookings billed,
// invoice lines) still name such a child, by id.
// Every household-linked table (found by householdScope from the registry) needs a rule below: a table added
// later without one makes the purge refuse to run rather than leave personal data behind.
import { and, eq, inArray, isNotNull, type Column, type Table } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { auditLog, households } from '../db/schema';
import { instantToParisDate } from '../domain/dates';
import { fail, ok, type Result } from '../result';
import { audit } from './audit';
import {
  collectHouseholdRows,
  householdLinkedTables,
  householdLinks,
  rowKey,
  type HouseholdLinkEntry,
  type Row,
} from './householdScope';
import { defineCommand, type Tx } from './types';

export const ANONYMOUS = 'Anonyme';
export const defaultArchivedBeforeYears = 5;

type Rule =
  | { action: 'keep' }
  | { action: 'delete' }
  | { action: 'anonymise'; values: (row: Row) => Row }
  /** Membership and parental links: deleted when they name a guardian or child who stays, kept otherwise. */
  | { action: 'unlinkStaying' };

const keep: Rule = { action: 'keep' };
const remove: Rule = { action: 'delete' };
const unlinkStaying: Rule = { action: 'unlinkStaying' };
const anonymise = (values: (row: Row) => Row): Rule => ({ action: 'anonymise', values });
const named = (row: Row, key: string) => (row[key] ? ANONYMOUS : '');

/** What happens to each household-linked table (by SQL name). */
export const purgeRules: Readonly<Record<string, Rule>> = {
  households: anonymise(() => ({ name: ANONYMOUS, notes: '', archiveReason: '' })),
  guardians: anonymise(() => ({
    firstName: ANONYMOUS,
    lastName: ANONYMOUS,
    birthName: '',
    addressLine1: '',
    addressLine2: '',
    postalCode: '',
    city: '',
    mobilePhone: '',
    homePhone: '',
    workPhone: '',
    employerName: '',
    employerPhone: '',
    email: '',
  })),
  household_guardians: unlinkStaying,
  children: anonymise((row) => ({
    firstName: ANONYMOUS,
    lastName: ANONYMOUS,
    // The year stays (statistics by age); the day does not.
    birthDate: `${String(row.birthDate).slice(0, 4)}-01-01`,
    sex: null,
    schoolName: '',
    className: '',
    diet: 'none',
    allergies: '',
    hasCareplan: false,
    careplanNote: '',
    doctorName: '',
    doctorPhone: '',
    photoConsent: false,
  })),
  household_children: unlinkStaying,
  guardian_children: unlinkStaying,
  child_contacts: remove,
  family_quotients: remove,
  enrolments: keep,
  bookings: anonymise(() => ({ forcedReason: '', deadlineOverrideReason: '' })),
  booking_events: keep,
  audit_log: anonymise(() => ({ changes: '{}', reason: '' })),
  // Kept by law (comptabilité publique), anonymised.
  invoices: anonymise((row) => ({ householdName: ANONYMOUS, payerName: named(row, 'payerName'), payerAddress: '[]' })),
  invoice_lines: anonymise((row) => ({ childName: named(row, 'childName') })),
  credit_notes: anonymise((row) => ({ householdName: ANONYMOUS, payerName: named(row, 'payerName'), payerAddress: '[]' })),
  credit_note_lines: anonymise((row) => ({ childName: named(row, 'childName') })),
  billed_bookings: keep,
  payments: anonymise((row) => ({ payerName: named(row, 'payerName'), note: '' })),
  payment_reversals: keep,
  allocations: keep,
  // Online enrolment: what the family sent and what the commune answered carries personal data (file names,
  // reasons, messages naming the children) and no legal duty to keep it. The uploaded files themselves live on
  // the hub, which deletes the files no `documents` row refers to any more.
  documents: remove,
  enrolment_requests: remove,
  rules_acceptances: remove,
  household_files: remove,
  family_messages: remove,
};

/** Household-linked tables with no rule: must be empty (a test holds it). */
export function tablesWithoutPurgeRule(): string[] {
  return householdLinkedTables.filter((name) => !purgeRules[name]);
}

/** `today` minus `years`, as a calendar date: households archived on or before it may be purged. */
export function purgeCutoff(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
}

function alreadyPurged(tx: Tx, householdIds: readonly string[]): Set<string> {
  if (householdIds.length === 0) return new Set();
  const rows = tx
    .select({ householdId: auditLog.householdId })
    .from(auditLog)
    .where(and(eq(auditLog.command, 'rgpd.purge'), inArray(auditLog.householdId, [...householdIds])))
    .all();
  return new Set(rows.map((r) => r.householdId!));
}

export interface PurgeCandidate {
  householdId: string;
  name: string;
  archivedAt: string;
  archiveReason: string;
}

/** Archived households whose archive date (Paris) is on or before the cutoff and that are not purged yet. */
export function purgeCandidates(tx: Tx, today: string, years: number): PurgeCandidate[] {
  const cutoff = purgeCutoff(today, years);
  const archived = tx
    .select({
      householdId: households.id,
      name: households.name,
      archivedAt: households.archivedAt,
      archiveReason: households.archiveReason,
    })
    .from(households)
    .where(isNotNull(households.archivedAt))
    .all()
    .filter((h) => instantToParisDate(h.archivedAt!) <= cutoff);
  const purged = alreadyPurged(
    tx,
    archived.map((h) => h.householdId),
  );
  return archived
    .filter((h) => !purged.has(h.householdId))
    .map((h) => ({ ...h, archivedAt: h.archivedAt!, archiveReason: h.archiveReason ?? '' }))
    .sort((a, b) => (a.archivedAt < b.archivedAt ? -1 : a.archivedAt > b.archivedAt ? 1 : 0));
}

const id = z.string().min(1).max(64);

export const rgpdPurge = defineCommand({
  name: 'rgpd.purge',
  kind: 'request',
  input: z.object({
    householdIds: z.array(id).min(1, { error: 'Choisissez au moins un foyer.' }).max(500),
    archivedBeforeYears: z.number().int().min(1).max(30).default(defaultArchivedBeforeYears),
  }),
  handler(tx, input, ctx): Result<{ householdIds: string[]; counts: Record<string, number> }> {
    if (ctx.actor.kind !== 'staff' || (ctx.actor.role && ctx.actor.role !== 'admin')) {
      return fail('forbidden', "L'effacement des données personnelles est réservé aux administrateurs.");
    }
    const missingRules = tablesWithoutPurgeRule();
    if (missingRules.length > 0) {
      return fail('internal', `Effacement impossible : aucune règle pour ${missingRules.join(', ')}. Prévenez le support.`);
    }
    const ids = [...new Set(input.householdIds)];
    const eligible = new Map(purgeCandidates(tx, ctx.today, input.archivedBeforeYears).map((c) => [c.householdId, c]));
    const refused = ids.filter((h) => !eligible.has(h));
    if (refused.length > 0) {
      const names = tx
        .select({ id: households.id, name: households.name })
        .from(households)
        .where(inArray(households.id, refused))
        .all();
      const label = refused.map((h) => names.find((n) => n.id === h)?.name ?? 'foyer inconnu').join(', ');
      return fail(
        'conflict',
        `Seuls les foyers archivés depuis au moins ${input.archivedBeforeYears} ans peuvent être effacés (et une seule fois) : ${label}.`,
      );
    }

    const scope = collectHouseholdRows(tx, ids, { exclusivePeople: true });
    const wide = collectHouseholdRows(tx, ids);
    const staying = {
      guardian: new Set([...wide.guardianIds].filter((g) => !scope.guardianIds.has(g))),
      child: new Set([...wide.childIds].filter((c) => !scope.childIds.has(c))),
    };
    const counts: Record<string, number> = {};
    for (const [name, entry] of householdLinks) {
      const rule = purgeRules[name];
      if (!rule || rule.action === 'keep') continue;
      if (rule.action === 'unlinkStaying') {
        const people = personColumns(entry);
        const links = (wide.rows.get(name) ?? []).filter((row) =>
          people.some(({ key, person }) => staying[person].has(row[key] as string)),
        );
        if (links.length > 0) counts[name] = applyRule(tx, entry.table, remove, links, ctx.now);
        continue;
      }
      const rows = scope.rows.get(name);
      if (rows && rows.length > 0) counts[name] = applyRule(tx, entry.table, rule, rows, ctx.now);
    }
    for (const householdId of ids) {
      const archivedAt = eligible.get(householdId)!.archivedAt;
      audit(tx, ctx, 'rgpd.purge', {
        entity: 'household',
        entityId: householdId,
        householdId,
        changes: { anonymised: true },
        reason: `Données personnelles effacées (RGPD) : foyer archivé le ${archivedAt.slice(0, 10)}, depuis plus de ${input.archivedBeforeYears} ans.`,
      });
    }
    return ok({ householdIds: ids, counts });
  },
});

/** The columns of a link table that name a guardian or a child, as row keys. */
function personColumns(entry: HouseholdLinkEntry): { key: string; person: 'guardian' | 'child' }[] {
  const columns = entry.link.kind === 'byPerson' ? entry.link.columns : entry.membership ? [entry.membership] : [];
  return columns.map(({ column, person }) => ({ key: rowKey(entry.table, column), person }));
}

function applyRule(tx: Tx, table: Table, rule: Rule, rows: Row[], now: string): number {
  const t = table as SQLiteTable;
  const idColumn = (table as unknown as { id: Column }).id;
  if (rule.action === 'delete') {
    for (let i = 0; i < rows.length; i += 500) {
      tx.delete(t)
        .where(
          inArray(
            idColumn,
            rows.slice(i, i + 500).map((r) => r.id),
          ),
        )
        .run();
    }
    return rows.length;
  }
  if (rule.action !== 'anonymise') return 0;
  const hasUpdatedAt = 'updatedAt' in (table as unknown as Record<string, unknown>);
  let changed = 0;
  for (const row of rows) {
    const values = rule.values(row);
    if (Object.entries(values).every(([key, value]) => row[key] === value)) continue;
    tx.update(t)
      .set(hasUpdatedAt ? { ...values, updatedAt: now } : values)
      .where(eq(idColumn, row.id))
      .run();
    changed++;
  }
  return changed;
}

export const purgeCommands = [rgpdPurge] as const;
