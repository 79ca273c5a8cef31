// Desk handlers of the « Demandes » screen (spread into the handler table of api.ts): the queue, its counts,
// the details for a decision, the documents that expire, and a document's file fetched from the hub on demand
// (files are never replicated: the hub keeps them and audits every access). Decisions are the commands
// enrolmentRequest.*, document.*, householdFile.*, household.validateSignUp / mergeSignUp / refuseSignUp.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { documentTypes } from '../../../shared/db/schema';
import { suggestDuplicateHouseholds } from '../../../shared/domain/enrolment';
import { instantToParisDate } from '../../../shared/domain/dates';
import { mayReadHealthInFamilyFile } from '../../../shared/permissions';
import { fail, ok, type Result } from '../../../shared/result';
import type { Caller } from '../api';
import type { DeskCore } from '../core';
import { HubError } from '../sync/client';
import {
  childrenOf,
  enrolmentRequestDetail,
  expiringDocuments,
  getHousehold,
  householdFileDetail,
  requestCounts,
  requestKinds,
  requestQueue,
} from './queries';

// `run` is typed from `input` here and takes `any` towards api.ts (which parses the arguments with `input`).
const def = <I extends z.ZodType, R>(
  input: I,
  run: (args: z.output<I>, caller: Caller) => R,
): { input: I; run: (args: any, caller: Caller) => R } => ({ input, run });

const idString = z.string().min(1).max(64);

export interface DocumentFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64 (the renderer makes a blob URL of them). */
  base64: string;
}

export function requestHandlers(core: DeskCore) {
  const today = () => instantToParisDate(core.clock().toISOString());
  return {
    /** Everything waiting for a decision, oldest first, with the counts per kind (unfiltered). */
    'requests.queue': def(
      z.object({
        kind: z.enum(requestKinds).optional(),
        activityId: idString.optional(),
        status: z.enum(['pending', 'waitlisted']).optional(),
      }),
      (a) => ({ items: requestQueue(core.store.sqlite, a), counts: requestCounts(core.store.sqlite) }),
    ),
    /** For the header: how many requests wait. */
    'requests.counts': def(z.object({}), () => requestCounts(core.store.sqlite)),
    /** Validated documents whose validity ends this month, and those already expired. */
    'requests.expiring': def(z.object({}), () => expiringDocuments(core.store.sqlite, today())),
    'requests.enrolment': def(z.object({ requestId: idString }), (a) =>
      enrolmentRequestDetail(core.store.db, core.store.sqlite, a.requestId, today()),
    ),
    /** A yearly file as the family filed it; health data only for the roles that see it in the family file. */
    'requests.householdFile': def(z.object({ fileId: idString }), (a, caller) =>
      householdFileDetail(
        core.store.db,
        core.store.sqlite,
        a.fileId,
        today(),
        caller.actor.kind !== 'staff' || mayReadHealthInFamilyFile(caller.actor.role),
      ),
    ),
    /** A household signed up online, and the existing households that may be the same family. */
    'requests.signUp': def(z.object({ householdId: idString }), (a) => {
      const view = getHousehold(core.store.db, a.householdId);
      if (!view) return null;
      const guardian = view.guardians[0];
      const suggestions = suggestDuplicateHouseholds(
        core.store.db,
        {
          guardianLastName: guardian?.lastName ?? '',
          guardianFirstName: guardian?.firstName ?? '',
          email: guardian?.email ?? '',
          phones: view.guardians.flatMap((g) => [g.mobilePhone, g.homePhone, g.workPhone]).filter((p) => p !== ''),
          children: view.children.map((c) => ({ firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate })),
        },
        a.householdId,
      ).slice(0, 5);
      const kids = childrenOf(
        core.store.db,
        suggestions.map((s) => s.householdId),
      );
      return {
        view,
        suggestions: suggestions.map((s) => ({ ...s, children: kids.filter((k) => k.householdId === s.householdId) })),
      };
    }),
    /** The commune's document types (administration), archived ones last. */
    'documents.types': def(z.object({}), () =>
      core.store.db
        .select()
        .from(documentTypes)
        .orderBy(sql`${documentTypes.archivedAt} IS NOT NULL`, documentTypes.position, documentTypes.name)
        .all()
        .map((t) => ({ ...t, requiredForActivities: JSON.parse(t.requiredForActivities) as string[] })),
    ),
    /** The published versions of the règlement intérieur, newest first, with how many families accepted each. */
    'documents.rulesVersions': def(
      z.object({}),
      () =>
        core.store.sqlite
          .prepare(
            `SELECT v.id, v.version, v.title, v.body, v.published_at AS publishedAt,
            (SELECT count(DISTINCT a.household_id) FROM rules_acceptances a WHERE a.rules_version_id = v.id) AS acceptedBy
          FROM rules_versions v ORDER BY v.version DESC`,
          )
          .all() as { id: string; version: number; title: string; body: string; publishedAt: string; acceptedBy: number }[],
    ),
    /** The file of a document, fetched from the hub with this desk's token (the hub audits who looked). */
    'documents.file': def(z.object({ documentId: idString }), async (a, caller): Promise<Result<DocumentFile>> => {
      const row = core.store.sqlite.prepare('SELECT file_name, mime_type FROM documents WHERE id = ?').get(a.documentId) as
        { file_name: string; mime_type: string } | undefined;
      if (!row) return fail('notFound', 'Pièce introuvable.');
      if (!core.sync)
        return fail(
          'standalone',
          "Ce poste n'est pas relié à un concentrateur : les pièces envoyées par les familles y sont conservées.",
        );
      try {
        const file = await core.sync.download(
          `/api/staff/documents/${encodeURIComponent(a.documentId)}/file?staff=${encodeURIComponent(caller.actor.name)}`,
        );
        return ok({ fileName: row.file_name, mimeType: row.mime_type, base64: file.bytes.toString('base64') });
      } catch (error) {
        if (error instanceof HubError)
          return fail(
            error.status === 404 ? 'notFound' : 'refused',
            error.status === 404 ? 'Fichier introuvable sur le concentrateur.' : error.message,
          );
        return fail(
          'offline',
          'Concentrateur injoignable : la pièce ne peut pas être affichée hors ligne. Réessayez une fois la connexion revenue.',
        );
      }
    }),
  };
}
