// Reads of the family file: search, the household view, its audit trail. Plain data for screens; never writes.
import type Database from 'better-sqlite3';
import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../shared/commands/types';
import {
  auditLog,
  childContacts,
  children,
  familyQuotients,
  guardianChildren,
  guardians,
  householdChildren,
  householdGuardians,
  households,
} from '../../../shared/db/schema';
import { parseSearchQuery, toFtsMatch } from '../../../shared/domain/search';

export interface FamilySearchHit {
  householdId: string;
  name: string;
  archived: boolean;
  /** Signed up online, « en attente de validation ». */
  pending: boolean;
  guardians: { firstName: string; lastName: string; mobilePhone: string; email: string }[];
  children: { firstName: string; lastName: string; birthDate: string }[];
}

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  const members = `
    (SELECT json_group_array(json_object('firstName', g.first_name, 'lastName', g.last_name, 'mobilePhone',
        coalesce(nullif(g.mobile_phone, ''), nullif(g.home_phone, ''), g.work_phone), 'email', g.email)
        ORDER BY hg.created_at, hg.rowid)
       FROM household_guardians hg JOIN guardians g ON g.id = hg.guardian_id WHERE hg.household_id = h.id) AS guardians,
    (SELECT json_group_array(json_object('firstName', c.first_name, 'lastName', c.last_name, 'birthDate', c.birth_date)
        ORDER BY c.birth_date, c.id)
       FROM household_children hc JOIN children c ON c.id = hc.child_id WHERE hc.household_id = h.id) AS children`;
  return {
    // Bounded work: rank at most @cap matching documents, then join and sort only the top @limit. A broad
    // prefix ("06", "ma") matches thousands of households; staff then type one more letter.
    search: sqlite.prepare(`
      WITH hits AS MATERIALIZED (
        SELECT rowid AS doc, rank AS score FROM _search WHERE _search MATCH @match LIMIT @cap),
      top AS MATERIALIZED (
        SELECT h.id, h.name, h.archived_at, h.status, hits.score FROM hits
        JOIN _search_map m ON m.doc = hits.doc JOIN households h ON h.id = m.household_id
        WHERE @includeArchived = 1 OR h.archived_at IS NULL
        ORDER BY h.archived_at IS NOT NULL, hits.score LIMIT @limit)
      SELECT h.id AS householdId, h.name, h.archived_at IS NOT NULL AS archived, h.status = 'pending' AS pending, ${members}
      FROM top h ORDER BY h.archived_at IS NOT NULL, h.score`),
    recent: sqlite.prepare(`
      SELECT h.id AS householdId, h.name, h.archived_at IS NOT NULL AS archived, h.status = 'pending' AS pending, ${members}
      FROM households h WHERE h.archived_at IS NULL ORDER BY h.updated_at DESC LIMIT @limit`),
  };
}

function statementsFor(sqlite: Database.Database) {
  let s = statements.get(sqlite);
  if (!s) statements.set(sqlite, (s = prepare(sqlite)));
  return s;
}

type Row = { householdId: string; name: string; archived: number; pending: number; guardians: string; children: string };
const toHit = (r: Row): FamilySearchHit => ({
  householdId: r.householdId,
  name: r.name,
  archived: r.archived === 1,
  pending: r.pending === 1,
  guardians: JSON.parse(r.guardians),
  children: JSON.parse(r.children),
});

/** Instant search by family name, any member's name, phone (any format) or e-mail; accent and case folded. */
export function searchFamilies(sqlite: Database.Database, q: string, includeArchived = false, limit = 20): FamilySearchHit[] {
  const match = toFtsMatch(parseSearchQuery(q));
  if (!match) return [];
  return (statementsFor(sqlite).search.all({ match, includeArchived: includeArchived ? 1 : 0, limit, cap: 200 }) as Row[]).map(
    toHit,
  );
}

export function recentFamilies(sqlite: Database.Database, limit = 15): FamilySearchHit[] {
  return (statementsFor(sqlite).recent.all({ limit }) as Row[]).map(toHit);
}

/** The whole family file of one household, for the family screen. */
export function getHousehold(db: Db, householdId: string) {
  const household = db.select().from(households).where(eq(households.id, householdId)).get();
  if (!household) return undefined;
  const guardianRows = db
    .select({ guardian: guardians, receivesInvoices: householdGuardians.receivesInvoices })
    .from(householdGuardians)
    .innerJoin(guardians, eq(guardians.id, householdGuardians.guardianId))
    .where(eq(householdGuardians.householdId, householdId))
    // Guardians created together keep the order they were entered in (the first one is the main contact).
    .orderBy(householdGuardians.createdAt, sql`household_guardians.rowid`)
    .all();
  const childRows = db
    .select({ child: children })
    .from(householdChildren)
    .innerJoin(children, eq(children.id, householdChildren.childId))
    .where(eq(householdChildren.householdId, householdId))
    .orderBy(children.birthDate)
    .all()
    .map((r) => r.child);
  const childIds = childRows.map((c) => c.id);
  const guardianIds = guardianRows.map((g) => g.guardian.id);
  const contacts = childIds.length
    ? db.select().from(childContacts).where(inArray(childContacts.childId, childIds)).orderBy(childContacts.position).all()
    : [];
  const links = childIds.length
    ? db.select().from(guardianChildren).where(inArray(guardianChildren.childId, childIds)).all()
    : [];
  // Other households of the same children and guardians (separated parents).
  const otherHouseholds = db
    .selectDistinct({ id: households.id, name: households.name, archivedAt: households.archivedAt })
    .from(households)
    .where(
      and(
        ne(households.id, householdId),
        or(
          childIds.length
            ? inArray(
                households.id,
                db
                  .select({ id: householdChildren.householdId })
                  .from(householdChildren)
                  .where(inArray(householdChildren.childId, childIds)),
              )
            : sql`0`,
          guardianIds.length
            ? inArray(
                households.id,
                db
                  .select({ id: householdGuardians.householdId })
                  .from(householdGuardians)
                  .where(inArray(householdGuardians.guardianId, guardianIds)),
              )
            : sql`0`,
        ),
      ),
    )
    .all();
  const quotients = db
    .select()
    .from(familyQuotients)
    .where(eq(familyQuotients.householdId, householdId))
    .orderBy(desc(familyQuotients.validFrom), desc(familyQuotients.createdAt))
    .all();
  return {
    household,
    guardians: guardianRows.map((r) => ({ ...r.guardian, receivesInvoices: r.receivesInvoices })),
    children: childRows.map((c) => ({
      ...c,
      contacts: contacts.filter((k) => k.childId === c.id),
      relationships: links
        .filter((l) => l.childId === c.id)
        .map((l) => ({ guardianId: l.guardianId, relationship: l.relationship })),
    })),
    quotients,
    otherHouseholds,
  };
}

export type HouseholdView = NonNullable<ReturnType<typeof getHousehold>>;

/** The quotient valid on `date` (the latest recorded one when several overlap), or undefined. */
export function currentQuotient(view: HouseholdView, date: string) {
  return view.quotients.find((q) => q.validFrom <= date && date <= q.validTo);
}

export function householdAudit(db: Db, householdId: string, limit = 200) {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.householdId, householdId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}
