// Reads for the « Demandes » screen: one queue of everything families asked for and staff must decide —
// enrolment requests (pending or on the waiting list), yearly files submitted, households signed up online, and
// documents received — oldest first, with counts per kind; the details staff need to decide one of them; and the
// documents whose validity ends this month. Plain data for screens; never writes (decisions are commands).
import type Database from 'better-sqlite3';
import { and, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import {
  activities,
  activityGroups,
  auditLog,
  childContacts,
  children,
  enrolments,
  householdChildren,
  householdFiles,
  households,
} from '../../../shared/db/schema';
import { withoutHealthChanges } from '../staff/queries';
import type { Db } from '../../../shared/commands/types';
import { requiredDocuments } from '../../../shared/domain/enrolment';
import { getHousehold } from '../families/queries';

export const requestKinds = ['enrolment', 'householdFile', 'signUp', 'document'] as const;
export type RequestKind = (typeof requestKinds)[number];

export interface QueueFilter {
  kind?: RequestKind;
  /** Enrolment requests for this activity, and documents this activity requires. */
  activityId?: string;
  /** `pending`: waiting for a first decision; `waitlisted`: enrolment requests on the waiting list. */
  status?: 'pending' | 'waitlisted';
}

export interface QueueItem {
  kind: RequestKind;
  /** The request id, file id, document id — or the household id for a sign-up. */
  id: string;
  householdId: string;
  householdName: string;
  /** The household is itself waiting for validation (signed up online). */
  householdPending: boolean;
  /** When the family asked (UTC ISO): the queue is oldest first. */
  at: string;
  status: string;
  childId: string | null;
  childName: string | null;
  activityId: string | null;
  activityName: string | null;
  fromDate: string | null;
  toDate: string | null;
  documentTypeName: string | null;
  fileName: string | null;
  mimeType: string | null;
  size: number | null;
  schoolYear: string | null;
  /** A sign-up: its guardian and children with their birth dates (« Sofia Nguyen — Linh (2019-11-02) »). */
  summary: string | null;
}

export type QueueCounts = Record<RequestKind, number> & { total: number; waitlisted: number };

// Every kind as one row shape, so that one ORDER BY gives the oldest first across kinds (ties by kind, id).
const QUEUE_SQL = `
  SELECT * FROM (
    SELECT 'enrolment' AS kind, r.id, r.household_id AS householdId, r.requested_at AS at, r.status,
      r.child_id AS childId, c.first_name || ' ' || c.last_name AS childName,
      r.activity_id AS activityId, a.name AS activityName, r.from_date AS fromDate, r.to_date AS toDate,
      NULL AS documentTypeName, NULL AS fileName, NULL AS mimeType, NULL AS size, NULL AS schoolYear, NULL AS summary
    FROM enrolment_requests r JOIN children c ON c.id = r.child_id JOIN activities a ON a.id = r.activity_id
    WHERE r.status IN ('pending', 'waitlisted')
      AND (@activityId IS NULL OR r.activity_id = @activityId)
      AND (@status IS NULL OR r.status = @status)
    UNION ALL
    SELECT 'householdFile', f.id, f.household_id, f.submitted_at, f.status, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, f.school_year, NULL
    FROM household_files f
    WHERE f.status = 'submitted' AND @activityId IS NULL AND (@status IS NULL OR @status = 'pending')
    UNION ALL
    SELECT 'signUp', h.id, h.id, h.created_at, h.status, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL,
      (SELECT group_concat(g.first_name || ' ' || g.last_name, ', ') FROM household_guardians hg
        JOIN guardians g ON g.id = hg.guardian_id WHERE hg.household_id = h.id)
      || coalesce(' — ' || (SELECT group_concat(c.first_name || ' (' || c.birth_date || ')', ', ') FROM household_children hc
        JOIN children c ON c.id = hc.child_id WHERE hc.household_id = h.id), '')
    FROM households h
    WHERE h.status = 'pending' AND h.archived_at IS NULL AND @activityId IS NULL
      AND (@status IS NULL OR @status = 'pending')
    UNION ALL
    SELECT 'document', d.id, d.household_id, d.uploaded_at, d.status,
      d.child_id, CASE WHEN c.id IS NULL THEN NULL ELSE c.first_name || ' ' || c.last_name END, NULL, NULL, NULL, NULL,
      t.name, d.file_name, d.mime_type, d.size, NULL, NULL
    FROM documents d JOIN document_types t ON t.id = d.document_type_id LEFT JOIN children c ON c.id = d.child_id
    WHERE d.status = 'received' AND (@status IS NULL OR @status = 'pending')
      AND (@activityId IS NULL OR EXISTS (SELECT 1 FROM json_each(t.required_for_activities) j WHERE j.value = @activityId))
  ) q
  JOIN households h ON h.id = q.householdId
  WHERE h.archived_at IS NULL AND (@kind IS NULL OR q.kind = @kind)
  ORDER BY q.at, q.kind, q.id
  LIMIT @limit`;

export function requestQueue(sqlite: Database.Database, filter: QueueFilter = {}, limit = 500): QueueItem[] {
  const rows = sqlite
    .prepare(QUEUE_SQL.replace('SELECT * FROM (', 'SELECT q.*, h.name AS householdName, h.status AS householdStatus FROM ('))
    .all({ kind: filter.kind ?? null, activityId: filter.activityId ?? null, status: filter.status ?? null, limit }) as (Omit<
    QueueItem,
    'householdPending'
  > & { householdStatus: string })[];
  return rows.map(({ householdStatus, ...row }) => ({ ...row, householdPending: householdStatus === 'pending' }));
}

/** How many items wait, per kind (the header shows the total; waitlisted requests are counted apart). */
export function requestCounts(sqlite: Database.Database): QueueCounts {
  const row = sqlite
    .prepare(
      `SELECT
        (SELECT count(*) FROM enrolment_requests r JOIN households h ON h.id = r.household_id
          WHERE r.status = 'pending' AND h.archived_at IS NULL) AS enrolment,
        (SELECT count(*) FROM enrolment_requests r JOIN households h ON h.id = r.household_id
          WHERE r.status = 'waitlisted' AND h.archived_at IS NULL) AS waitlisted,
        (SELECT count(*) FROM household_files f JOIN households h ON h.id = f.household_id
          WHERE f.status = 'submitted' AND h.archived_at IS NULL) AS householdFile,
        (SELECT count(*) FROM households WHERE status = 'pending' AND archived_at IS NULL) AS signUp,
        (SELECT count(*) FROM documents d JOIN households h ON h.id = d.household_id
          WHERE d.status = 'received' AND h.archived_at IS NULL) AS document`,
    )
    .get() as Omit<QueueCounts, 'total'>;
  return { ...row, total: row.enrolment + row.householdFile + row.signUp + row.document };
}

export interface ExpiringDocument {
  documentId: string;
  householdId: string;
  householdName: string;
  childName: string | null;
  documentTypeName: string;
  validUntil: string;
  /** Already past (`validUntil` before today) rather than ending this month. */
  expired: boolean;
}

/**
 * Validated documents whose validity ends this month or has ended, unless the family has since had a newer one
 * validated for the same type (and child) that lasts beyond this month. Soonest first.
 */
export function expiringDocuments(sqlite: Database.Database, today: string): ExpiringDocument[] {
  const monthEnd = `${today.slice(0, 7)}-31`;
  const rows = sqlite
    .prepare(
      `SELECT d.id AS documentId, d.household_id AS householdId, h.name AS householdName,
        CASE WHEN c.id IS NULL THEN NULL ELSE c.first_name || ' ' || c.last_name END AS childName,
        t.name AS documentTypeName, d.valid_until AS validUntil, d.valid_until < @today AS expired
      FROM documents d
      JOIN document_types t ON t.id = d.document_type_id
      JOIN households h ON h.id = d.household_id
      LEFT JOIN children c ON c.id = d.child_id
      WHERE d.status = 'validated' AND d.valid_until IS NOT NULL AND d.valid_until <= @monthEnd
        AND h.archived_at IS NULL AND t.archived_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM documents n
          WHERE n.household_id = d.household_id AND n.document_type_id = d.document_type_id
            AND n.child_id IS d.child_id AND n.status = 'validated'
            AND (n.valid_until IS NULL OR n.valid_until > @monthEnd))
      ORDER BY d.valid_until, h.name, d.id
      LIMIT 500`,
    )
    .all({ today, monthEnd }) as (Omit<ExpiringDocument, 'expired'> & { expired: number })[];
  return rows.map((r) => ({ ...r, expired: r.expired === 1 }));
}

/**
 * What staff need to decide an enrolment request: the request, the child, the activity with its enrolment
 * capacity and how many other children are enrolled over the requested period, the documents it needs.
 */
export function enrolmentRequestDetail(db: Db, sqlite: Database.Database, requestId: string, today: string) {
  const request = sqlite.prepare('SELECT * FROM enrolment_requests WHERE id = ?').get(requestId) as
    | {
        id: string;
        household_id: string;
        child_id: string;
        activity_id: string;
        from_date: string;
        to_date: string;
        status: string;
        reason: string;
        requested_at: string;
        requested_by: string;
        enrolment_id: string | null;
      }
    | undefined;
  if (!request) return null;
  const activity = db.select().from(activities).where(eq(activities.id, request.activity_id)).get();
  const child = db.select().from(children).where(eq(children.id, request.child_id)).get();
  if (!activity || !child) return null;
  const enrolled = db
    .selectDistinct({ childId: enrolments.childId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.activityId, activity.id),
        lte(enrolments.fromDate, request.to_date),
        gte(enrolments.toDate, request.from_date),
        ne(enrolments.childId, child.id),
      ),
    )
    .all().length;
  return {
    request: {
      id: request.id,
      householdId: request.household_id,
      fromDate: request.from_date,
      toDate: request.to_date,
      status: request.status,
      reason: request.reason,
      requestedAt: request.requested_at,
      requestedBy: request.requested_by,
    },
    /** Once accepted: the enrolment created, and its group (null: by the school level). */
    enrolment: request.enrolment_id
      ? (db
          .select({ id: enrolments.id, groupId: enrolments.groupId })
          .from(enrolments)
          .where(eq(enrolments.id, request.enrolment_id))
          .get() ?? null)
      : null,
    child: {
      id: child.id,
      firstName: child.firstName,
      lastName: child.lastName,
      birthDate: child.birthDate,
      schoolLevel: child.schoolLevel,
    },
    activity: { id: activity.id, name: activity.name, enrolmentCapacity: activity.enrolmentCapacity },
    enrolled,
    full: activity.enrolmentCapacity !== null && enrolled >= activity.enrolmentCapacity,
    /** The documents this enrolment needs, and in what state they are. */
    documents: requiredDocuments(db, request.household_id, child.id, activity.id, today),
    /** The activity's groups, and the one the child's school level maps to (used when no group is chosen). */
    ...activityGroupsFor(db, activity.id, child.schoolLevel),
  };
}

/** The children of several households, for matching a signed-up household's children with existing ones. */
export function childrenOf(db: Db, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  return db
    .select({
      householdId: householdChildren.householdId,
      childId: children.id,
      firstName: children.firstName,
      lastName: children.lastName,
      birthDate: children.birthDate,
    })
    .from(householdChildren)
    .innerJoin(children, eq(children.id, householdChildren.childId))
    .where(inArray(householdChildren.householdId, householdIds))
    .orderBy(children.birthDate)
    .all();
}

export { getHousehold };


/**
 * What a family filed for a school year (the dossier annuel), for staff to check before accepting it: each
 * child's health sheet, photo consent and contacts, the règlement versions the household accepted, the documents
 * its file requires and their states, and the audit rows the submission wrote. With `health` false (a role that
 * does not see health data in the family file) allergies, PAI and doctor are blanked, also in the audit rows.
 */
export function householdFileDetail(db: Db, sqlite: Database.Database, fileId: string, today: string, health: boolean) {
  const file = db.select().from(householdFiles).where(eq(householdFiles.id, fileId)).get();
  if (!file) return null;
  const household = db.select({ name: households.name }).from(households).where(eq(households.id, file.householdId)).get();
  const kids = db
    .select()
    .from(householdChildren)
    .innerJoin(children, eq(children.id, householdChildren.childId))
    .where(eq(householdChildren.householdId, file.householdId))
    .orderBy(children.birthDate, children.id)
    .all()
    .map((r) => r.children);
  const contacts = kids.length
    ? db
        .select()
        .from(childContacts)
        .where(
          inArray(
            childContacts.childId,
            kids.map((k) => k.id),
          ),
        )
        .orderBy(childContacts.position, childContacts.name)
        .all()
    : [];
  const rules = sqlite
    .prepare(
      `SELECT v.version, v.title, a.accepted_at AS acceptedAt, g.first_name || ' ' || g.last_name AS guardianName
      FROM rules_acceptances a JOIN rules_versions v ON v.id = a.rules_version_id JOIN guardians g ON g.id = a.guardian_id
      WHERE a.household_id = ? ORDER BY a.accepted_at DESC, v.version DESC LIMIT 10`,
    )
    .all(file.householdId) as { version: number; title: string; acceptedAt: string; guardianName: string }[];
  const names = new Map(kids.map((k) => [k.id, `${k.firstName} ${k.lastName}`]));
  const docs = requiredDocuments(db, file.householdId, null, null, today).map((d) => ({
    ...d,
    childName: d.childId ? (names.get(d.childId) ?? null) : null,
  }));
  // The submission's rows share its instant (one command): those the family wrote themselves.
  const submitted = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.householdId, file.householdId), eq(auditLog.at, file.submittedAt), eq(auditLog.actorKind, 'parent')))
    .orderBy(auditLog.id)
    .all();
  const audit = health ? submitted : withoutHealthChanges(submitted);
  return {
    file: {
      id: file.id,
      householdId: file.householdId,
      householdName: household?.name ?? '',
      schoolYear: file.schoolYear,
      status: file.status,
      reason: file.reason,
      submittedAt: file.submittedAt,
      submittedBy: file.submittedBy,
    },
    healthHidden: !health,
    children: kids.map((k) => ({
      id: k.id,
      firstName: k.firstName,
      lastName: k.lastName,
      birthDate: k.birthDate,
      diet: k.diet,
      photoConsent: k.photoConsent,
      allergies: health ? k.allergies : '',
      hasCareplan: health ? k.hasCareplan : false,
      careplanNote: health ? k.careplanNote : '',
      doctorName: health ? k.doctorName : '',
      doctorPhone: health ? k.doctorPhone : '',
      contacts: contacts
        .filter((c) => c.childId === k.id)
        .map((c) => ({
          id: c.id,
          name: c.name,
          phone: c.phone,
          link: c.link,
          pickup: c.pickup,
          emergencyContact: c.emergencyContact,
        })),
    })),
    rules,
    documents: docs,
    audit,
  };
}

/** The groups of an activity, and the one a child of `schoolLevel` falls in when none is chosen (`groupOfChild`). */
export function activityGroupsFor(db: Db, activityId: string, schoolLevel: string | null) {
  const groups = db
    .select({ id: activityGroups.id, name: activityGroups.name, levels: activityGroups.levels })
    .from(activityGroups)
    .where(eq(activityGroups.activityId, activityId))
    .orderBy(activityGroups.position, activityGroups.name)
    .all()
    .map((g) => ({ id: g.id, name: g.name, levels: JSON.parse(g.levels) as string[] }));
  const byLevel = groups.length === 1 ? groups[0] : groups.find((g) => schoolLevel !== null && g.levels.includes(schoolLevel));
  return { groups, levelGroupId: byLevel?.id ?? null };
}
