// RGPD on the desk: the export of everything held about one household (droit d'accès, portabilité) and the
// dry run of the purge. Both find the household's rows from the schema registry (shared/commands/householdScope),
// so tables added later are included without editing this file. The purge itself is the `rgpd.purge` command.
import { eq } from 'drizzle-orm';
import { collectHouseholdRows, type Row } from '../../../shared/commands/householdScope';
import { defaultArchivedBeforeYears, purgeCandidates, purgeCutoff, type PurgeCandidate } from '../../../shared/commands/purge';
import type { Db, Tx } from '../../../shared/commands/types';
import { households } from '../../../shared/db/schema';
import { instantToParisDate } from '../../../shared/domain/dates';
import { fail, ok, type Result } from '../../../shared/result';

export interface HouseholdExport {
  format: 'guichet-rgpd-foyer/1';
  exportedAt: string;
  household: Row;
  guardians: Row[];
  children: Row[];
  /** Every other table holding rows of this household, by SQL table name (contacts, bookings, audit, invoices…). */
  tables: Record<string, Row[]>;
  /**
   * The documents the family sent (kept on the hub only), their content in base64 — or, when the hub cannot be
   * reached, why they are missing (`documentFilesMissing`).
   */
  documentFiles?: { id: string; fileName: string; mimeType: string; base64: string | null }[];
  documentFilesMissing?: string;
}

// Reads go through the same query builder as the commands (the scope helper takes a transaction type).
const asTx = (db: Db) => db as unknown as Tx;

export function exportHousehold(db: Db, householdId: string, now: Date): Result<HouseholdExport> {
  const household = db.select().from(households).where(eq(households.id, householdId)).get();
  if (!household) return fail('notFound', 'Foyer introuvable.');
  const scope = collectHouseholdRows(asTx(db), [householdId]);
  const tables: Record<string, Row[]> = {};
  for (const [name, rows] of scope.rows) {
    if (name === 'households' || name === 'guardians' || name === 'children') continue;
    tables[name] = rows;
  }
  return ok({
    format: 'guichet-rgpd-foyer/1',
    exportedAt: now.toISOString(),
    household: household as Row,
    guardians: scope.rows.get('guardians') ?? [],
    children: scope.rows.get('children') ?? [],
    tables,
  });
}

export interface PurgePreviewHousehold extends PurgeCandidate {
  /** Guardians and children whose data would be anonymised. */
  guardians: number;
  children: number;
  /** Children (or guardians) kept as they are because they also belong to a household that stays. */
  sharedPeople: number;
  /** Rows the law keeps, anonymised: invoices, credit notes, payments. */
  kept: { invoices: number; creditNotes: number; payments: number };
}

/** What `rgpd.purge` would do, household by household, without writing anything. */
export function purgePreview(db: Db, now: Date, archivedBeforeYears = defaultArchivedBeforeYears) {
  const today = instantToParisDate(now.toISOString());
  const candidates = purgeCandidates(asTx(db), today, archivedBeforeYears);
  const preview: PurgePreviewHousehold[] = candidates.map((candidate) => {
    const all = collectHouseholdRows(asTx(db), [candidate.householdId]);
    const exclusive = collectHouseholdRows(asTx(db), [candidate.householdId], { exclusivePeople: true });
    const count = (name: string) => all.rows.get(name)?.length ?? 0;
    return {
      ...candidate,
      guardians: exclusive.guardianIds.size,
      children: exclusive.childIds.size,
      sharedPeople: all.guardianIds.size + all.childIds.size - exclusive.guardianIds.size - exclusive.childIds.size,
      kept: { invoices: count('invoices'), creditNotes: count('credit_notes'), payments: count('payments') },
    };
  });
  return { archivedBeforeYears, cutoff: purgeCutoff(today, archivedBeforeYears), households: preview };
}
