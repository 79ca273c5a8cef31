// Rules of online enrolment and the yearly file shared by the commands, the hub routes and the desk screens:
// the school year of a date, how long a validated document stays valid, which documents a household / child /
// activity still needs (and in what state they are), and which existing households look like a new sign-up.
// Reads go through a transaction or the db; nothing here writes.
import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { children, documentTypes, documents, guardians, householdChildren, householdGuardians, households } from '../db/schema';
import type { Db, Tx } from '../commands/types';
import { foldText } from './search';
import { normalizePhone } from './validation';

type Reader = Tx | Db;

/** `2026-10-05` → `2026-2027`: a school year runs from 1 September to 31 August. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** The school year after `schoolYear` (`2026-2027` → `2027-2028`). */
export function nextSchoolYear(schoolYear: string): string {
  const start = Number(schoolYear.slice(0, 4)) + 1;
  return `${start}-${start + 1}`;
}

/** `date` plus `months` calendar months, the day clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface DocumentValidity {
  validity: 'schoolYear' | 'months' | 'permanent';
  validityMonths: number;
}

/**
 * Last day a document validated on `decidedDate` is valid (null: no end): `schoolYear` → the 31 August ending
 * the school year of that date (validated 5 October 2026 → 31 August 2027; validated 10 July 2026 → 31 August
 * 2026); `months` → `validityMonths` later (10 March 2026 + 12 → 10 March 2027; 31 January + 1 → 28 February);
 * `permanent` → null.
 */
export function documentValidUntil(type: DocumentValidity, decidedDate: string): string | null {
  if (type.validity === 'permanent') return null;
  if (type.validity === 'schoolYear') return `${schoolYearOf(decidedDate).slice(5, 9)}-08-31`;
  return addMonths(decidedDate, Math.max(1, type.validityMonths));
}

export type DocumentState = 'missing' | 'received' | 'validated' | 'refused' | 'expired';

/** The state a family sees for one uploaded document on `today`. */
export function documentState(
  doc: { status: 'received' | 'validated' | 'refused'; validUntil: string | null },
  today: string,
): Exclude<DocumentState, 'missing'> {
  if (doc.status === 'validated' && doc.validUntil !== null && doc.validUntil < today) return 'expired';
  return doc.status;
}

export interface RequiredDocument {
  documentTypeId: string;
  name: string;
  scope: 'household' | 'child';
  childId: string | null;
  state: DocumentState;
  /** The document that gives the state (the best one on file), if any. */
  documentId: string | null;
  validUntil: string | null;
}

// Best first: one valid document is enough; then one waiting for staff; then the reasons it is not there.
const RANK: Record<DocumentState, number> = { validated: 0, received: 1, expired: 2, refused: 3, missing: 4 };

/**
 * The documents required of a household: those of its yearly file and, when `activityId` is given, those of
 * that activity. Household documents once; child documents for `childId` (or, when null, each child of the
 * household). Archived types are not asked any more.
 */
export function requiredDocuments(
  tx: Reader,
  householdId: string,
  childId: string | null,
  activityId: string | null,
  today: string,
): RequiredDocument[] {
  const types = tx
    .select()
    .from(documentTypes)
    .where(isNull(documentTypes.archivedAt))
    .orderBy(documentTypes.position, documentTypes.name)
    .all()
    .filter(
      (t) => t.requiredForFile || (activityId !== null && (JSON.parse(t.requiredForActivities) as string[]).includes(activityId)),
    );
  if (types.length === 0) return [];
  const childIds = childId
    ? [childId]
    : tx
        .select({ id: householdChildren.childId })
        .from(householdChildren)
        .innerJoin(children, eq(children.id, householdChildren.childId))
        .where(eq(householdChildren.householdId, householdId))
        .orderBy(children.birthDate, children.id)
        .all()
        .map((r) => r.id);
  const docs = tx
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.householdId, householdId),
        inArray(
          documents.documentTypeId,
          types.map((t) => t.id),
        ),
      ),
    )
    .all();
  const result: RequiredDocument[] = [];
  const evaluate = (type: (typeof types)[number], forChild: string | null) => {
    let best: RequiredDocument = {
      documentTypeId: type.id,
      name: type.name,
      scope: type.scope,
      childId: forChild,
      state: 'missing',
      documentId: null,
      validUntil: null,
    };
    for (const doc of docs) {
      if (doc.documentTypeId !== type.id) continue;
      if (type.scope === 'child' && doc.childId !== forChild) continue;
      const state = documentState(doc, today);
      const better =
        RANK[state] < RANK[best.state] ||
        (state === best.state &&
          state === 'validated' &&
          (doc.validUntil === null || (best.validUntil !== null && doc.validUntil > best.validUntil)));
      if (better) best = { ...best, state, documentId: doc.id, validUntil: doc.validUntil };
    }
    result.push(best);
  };
  for (const type of types) {
    if (type.scope === 'household') evaluate(type, null);
    else for (const c of childIds) evaluate(type, c);
  }
  return result;
}

export interface DuplicateProbe {
  guardianLastName: string;
  guardianFirstName: string;
  email: string;
  phones: string[];
  children: { firstName: string; lastName: string; birthDate: string }[];
}

export interface DuplicateSuggestion {
  householdId: string;
  name: string;
  score: number;
  /** French, for staff: « Même adresse e-mail », « Même téléphone »… */
  reasons: string[];
}

const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const CHUNK = 500;

/**
 * Existing households (not archived, not `excludeHouseholdId`) that look like the family of a new sign-up,
 * best first. Names are compared folded (accents, case, punctuation: « Élodie Lefèvre » = « ELODIE LEFEVRE »),
 * phones in E.164 (« 06 12 34 56 78 » = « +33612345678 », as stored), e-mails in lower case (as stored). A
 * household needs more than a shared family name to be suggested (a common name alone says little).
 * Bounded work on a commune of thousands: candidates come from exact lookups (e-mail, phones, birth dates, the
 * spellings of the family name that fold to the same); only the candidates are then scored.
 */
export function suggestDuplicateHouseholds(
  tx: Reader,
  probe: DuplicateProbe,
  excludeHouseholdId: string | null,
  limit = 5,
): DuplicateSuggestion[] {
  const lastName = foldText(probe.guardianLastName);
  const firstName = foldText(probe.guardianFirstName);
  const email = probe.email.trim().toLowerCase();
  const phones = [...new Set(probe.phones.map((p) => normalizePhone(p) ?? '').filter(Boolean))];
  const kids = probe.children.map((c) => ({ first: foldText(c.firstName), last: foldText(c.lastName), birthDate: c.birthDate }));
  const birthDates = [...new Set(kids.map((k) => k.birthDate))];

  const candidates = new Set<string>();
  const byGuardian = (where: SQL | undefined) =>
    tx
      .select({ householdId: householdGuardians.householdId })
      .from(householdGuardians)
      .innerJoin(guardians, eq(guardians.id, householdGuardians.guardianId))
      .where(where)
      .all()
      .forEach((r) => candidates.add(r.householdId));
  if (email) byGuardian(eq(guardians.email, email));
  if (phones.length > 0)
    byGuardian(
      or(inArray(guardians.mobilePhone, phones), inArray(guardians.homePhone, phones), inArray(guardians.workPhone, phones)),
    );
  if (birthDates.length > 0)
    tx.select({ householdId: householdChildren.householdId })
      .from(householdChildren)
      .innerJoin(children, eq(children.id, householdChildren.childId))
      .where(inArray(children.birthDate, birthDates))
      .all()
      .forEach((r) => candidates.add(r.householdId));
  if (lastName) {
    // Folding needs JavaScript: each distinct spelling is folded once, then the matching spellings are looked up.
    const spellings = (column: typeof guardians.lastName | typeof guardians.birthName) =>
      tx
        .selectDistinct({ name: column })
        .from(guardians)
        .all()
        .map((r) => r.name)
        .filter((name) => name !== '' && foldText(name) === lastName);
    const last = spellings(guardians.lastName);
    const birth = spellings(guardians.birthName);
    if (last.length > 0 || birth.length > 0)
      byGuardian(
        or(
          last.length ? inArray(guardians.lastName, last) : undefined,
          birth.length ? inArray(guardians.birthName, birth) : undefined,
        ),
      );
  }
  if (excludeHouseholdId) candidates.delete(excludeHouseholdId);
  if (candidates.size === 0) return [];

  const ids = [...candidates];
  const inChunks = <T>(read: (chunk: string[]) => T[]) => {
    const rows: T[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) rows.push(...read(ids.slice(i, i + CHUNK)));
    return rows;
  };
  const active = inChunks((chunk) =>
    tx
      .select({ id: households.id, name: households.name })
      .from(households)
      .where(and(inArray(households.id, chunk), isNull(households.archivedAt)))
      .all(),
  );
  const groupBy = <T extends { householdId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.householdId);
      if (list) list.push(row);
      else map.set(row.householdId, [row]);
    }
    return map;
  };
  const adultsOf = groupBy(
    inChunks((chunk) =>
      tx
        .select({
          householdId: householdGuardians.householdId,
          firstName: guardians.firstName,
          lastName: guardians.lastName,
          birthName: guardians.birthName,
          email: guardians.email,
          mobilePhone: guardians.mobilePhone,
          homePhone: guardians.homePhone,
          workPhone: guardians.workPhone,
        })
        .from(householdGuardians)
        .innerJoin(guardians, eq(guardians.id, householdGuardians.guardianId))
        .where(inArray(householdGuardians.householdId, chunk))
        .orderBy(householdGuardians.createdAt, householdGuardians.id)
        .all(),
    ),
  );
  const childrenOf = groupBy(
    inChunks((chunk) =>
      tx
        .select({
          householdId: householdChildren.householdId,
          firstName: children.firstName,
          lastName: children.lastName,
          birthDate: children.birthDate,
        })
        .from(householdChildren)
        .innerJoin(children, eq(children.id, householdChildren.childId))
        .where(inArray(householdChildren.householdId, chunk))
        .orderBy(children.birthDate, children.id)
        .all(),
    ),
  );
  const phoneSet = new Set(phones);

  const suggestions: DuplicateSuggestion[] = [];
  for (const household of active) {
    let score = 0;
    const reasons: string[] = [];
    const members = adultsOf.get(household.id) ?? [];
    if (email && members.some((g) => g.email === email)) {
      score += 50;
      reasons.push('Même adresse e-mail');
    }
    if (members.some((g) => [g.mobilePhone, g.homePhone, g.workPhone].some((p) => p !== '' && phoneSet.has(p)))) {
      score += 40;
      reasons.push('Même numéro de téléphone');
    }
    const sameName = lastName
      ? members.find((g) => foldText(g.lastName) === lastName || (g.birthName !== '' && foldText(g.birthName) === lastName))
      : undefined;
    if (sameName) {
      const samePerson = firstName !== '' && foldText(sameName.firstName) === firstName;
      score += samePerson ? 30 : 10;
      reasons.push(
        samePerson ? `Même responsable : ${sameName.firstName} ${sameName.lastName}` : `Même nom : ${sameName.lastName}`,
      );
    }
    for (const kid of kids) {
      const twin = (childrenOf.get(household.id) ?? []).find(
        (c) => c.birthDate === kid.birthDate && (foldText(c.firstName) === kid.first || foldText(c.lastName) === kid.last),
      );
      if (!twin) continue;
      const sameFirst = foldText(twin.firstName) === kid.first;
      score += sameFirst ? 35 : 15;
      reasons.push(`Enfant ${twin.firstName} ${twin.lastName}, né(e) le ${frDate(twin.birthDate)}`);
    }
    if (score > 10) suggestions.push({ householdId: household.id, name: household.name, score, reasons });
  }
  return suggestions.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, limit);
}
