// Pièces justificatives and the règlement intérieur: the document types the commune asks for (admin), the
// description of each uploaded file (recorded by the hub once the file is stored under a generated name — the
// file itself is never replicated), staff validating or refusing it, and the published versions of the rules.
import { eq, inArray, max } from 'drizzle-orm';
import { z } from 'zod';
import { activities, documentMimeTypes, documentTypes, documents, households, rulesVersions } from '../db/schema';
import { documentValidUntil } from '../domain/enrolment';
import { isoDate, optionalText, required } from '../domain/validation';
import { fail, ok, type Result } from '../result';
import { audit } from './audit';
import { autoAcceptPending } from './enrolmentRequests';
import { frenchDate, postFamilyMessage, staffOnly } from './familyMessages';
import { childOfHousehold, parentMayAct } from './reservations';
import { defineCommand, type Tx } from './types';

const id = z.string().min(1).max(64);

/** The largest file the hub accepts (the route answers 413 beyond it). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const documentRecord = defineCommand({
  name: 'document.record',
  kind: 'request',
  newIds: ['documentId'],
  input: z.object({
    documentId: id,
    householdId: id,
    childId: id.nullable().default(null),
    documentTypeId: id,
    fileName: required(255),
    mimeType: z.enum(documentMimeTypes, { error: 'Format accepté : PDF, JPEG ou PNG.' }),
    size: z
      .number()
      .int()
      .min(1, { error: 'Le fichier est vide.' })
      .max(MAX_DOCUMENT_BYTES, { error: 'Fichier trop volumineux (10 Mo au maximum).' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    storageKey: z.string().min(1).max(200),
  }),
  handler(tx, input, ctx): Result<{ documentId: string }> {
    if (ctx.actor.kind === 'parent' && !parentMayAct(ctx, input.householdId)) return fail('notFound', 'Foyer introuvable.');
    const household = tx.select().from(households).where(eq(households.id, input.householdId)).get();
    if (!household) return fail('notFound', 'Foyer introuvable.');
    if (household.archivedAt) return fail('conflict', 'Ce foyer est archivé.');
    const type = tx.select().from(documentTypes).where(eq(documentTypes.id, input.documentTypeId)).get();
    if (!type || type.archivedAt) return fail('notFound', "Ce type de document n'est plus demandé.");
    let childId = input.childId;
    if (type.scope === 'child') {
      if (!childId)
        return fail('invalid', `Précisez l'enfant concerné par « ${type.name} ».`, { childId: 'Choisissez un enfant.' });
      if (!childOfHousehold(tx, input.householdId, childId)) return fail('notFound', "Cet enfant n'appartient pas à ce foyer.");
    } else {
      childId = null;
    }
    if (tx.select({ id: documents.id }).from(documents).where(eq(documents.id, input.documentId)).get())
      return fail('conflict', 'Ce document existe déjà.');
    const { documentId, ...fields } = input;
    tx.insert(documents)
      .values({
        id: documentId,
        ...fields,
        childId,
        status: 'received',
        uploadedAt: ctx.now,
        uploadedBy: ctx.actor.name,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .run();
    audit(tx, ctx, 'document.record', {
      entity: 'document',
      entityId: documentId,
      householdId: input.householdId,
      changes: { type: type.name, childId, fileName: input.fileName, mimeType: input.mimeType, size: input.size },
      reason: ctx.actor.kind === 'parent' ? 'Envoyé par la famille' : '',
    });
    return ok({ documentId });
  },
});

function loadDocument(tx: Tx, documentId: string) {
  const doc = tx.select().from(documents).where(eq(documents.id, documentId)).get();
  if (!doc) return undefined;
  const type = tx.select().from(documentTypes).where(eq(documentTypes.id, doc.documentTypeId)).get()!;
  return { doc, type };
}

export const documentValidate = defineCommand({
  name: 'document.validate',
  kind: 'request',
  input: z.object({ documentId: id, validUntil: isoDate.nullable().optional() }),
  handler(tx, input, ctx): Result<{ validUntil: string | null; acceptedRequestIds: string[] }> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const loaded = loadDocument(tx, input.documentId);
    if (!loaded) return fail('notFound', 'Document introuvable.');
    const { doc, type } = loaded;
    if (doc.status === 'validated') return fail('conflict', 'Ce document est déjà validé.');
    const validUntil = input.validUntil === undefined ? documentValidUntil(type, ctx.today) : input.validUntil;
    if (validUntil !== null && validUntil < ctx.today)
      return fail('invalid', 'La date de fin de validité est passée.', { validUntil: 'Date passée.' });
    tx.update(documents)
      .set({
        status: 'validated',
        validUntil,
        refusalReason: '',
        decidedAt: ctx.now,
        decidedBy: ctx.actor.name,
        updatedAt: ctx.now,
      })
      .where(eq(documents.id, doc.id))
      .run();
    audit(tx, ctx, 'document.validate', {
      entity: 'document',
      entityId: doc.id,
      householdId: doc.householdId,
      changes: { type: type.name, status: [doc.status, 'validated'], validUntil },
    });
    postFamilyMessage(
      tx,
      ctx,
      doc.householdId,
      `Document validé : ${type.name}`,
      `Bonjour,\n\nLa mairie a validé votre document « ${type.name} »${validUntil ? `, valable jusqu'au ${frenchDate(validUntil)}` : ''}.`,
    );
    // The hub: requests that waited only for this document are accepted now.
    const accepted = autoAcceptPending(tx, ctx, doc.householdId);
    return ok({ validUntil, acceptedRequestIds: accepted });
  },
});

export const documentRefuse = defineCommand({
  name: 'document.refuse',
  kind: 'request',
  input: z.object({ documentId: id, reason: required(500) }),
  handler(tx, input, ctx): Result<null> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const loaded = loadDocument(tx, input.documentId);
    if (!loaded) return fail('notFound', 'Document introuvable.');
    const { doc, type } = loaded;
    if (doc.status === 'refused') return fail('conflict', 'Ce document est déjà refusé.');
    tx.update(documents)
      .set({
        status: 'refused',
        refusalReason: input.reason,
        validUntil: null,
        decidedAt: ctx.now,
        decidedBy: ctx.actor.name,
        updatedAt: ctx.now,
      })
      .where(eq(documents.id, doc.id))
      .run();
    audit(tx, ctx, 'document.refuse', {
      entity: 'document',
      entityId: doc.id,
      householdId: doc.householdId,
      changes: { type: type.name, status: [doc.status, 'refused'] },
      reason: input.reason,
    });
    postFamilyMessage(
      tx,
      ctx,
      doc.householdId,
      `Document refusé : ${type.name}`,
      `Bonjour,\n\nLa mairie n'a pas pu valider votre document « ${type.name} », pour le motif suivant : ${input.reason}\n\nMerci d'en envoyer un nouveau depuis votre espace famille.`,
    );
    return ok(null);
  },
});

export const documentTypeSave = defineCommand({
  name: 'documentType.save',
  kind: 'fact',
  newIds: ['documentTypeId'],
  input: z
    .object({
      documentTypeId: id,
      name: required(150),
      description: optionalText(1000),
      scope: z.enum(['household', 'child'], { error: 'Pour le foyer ou pour chaque enfant ?' }),
      validity: z.enum(['schoolYear', 'months', 'permanent'], { error: 'Choisissez une durée de validité.' }),
      validityMonths: z.number().int().min(0).max(120).default(0),
      requiredForFile: z.boolean().default(false),
      requiredForActivities: z.array(id).max(50).default([]),
      position: z.number().int().default(0),
      archived: z.boolean().default(false),
    })
    .refine((t) => t.validity !== 'months' || t.validityMonths >= 1, {
      path: ['validityMonths'],
      error: 'Indiquez le nombre de mois de validité.',
    }),
  handler(tx, input, ctx): Result<{ documentTypeId: string }> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const activityIds = [...new Set(input.requiredForActivities)];
    if (activityIds.length > 0) {
      const known = tx.select({ id: activities.id }).from(activities).where(inArray(activities.id, activityIds)).all();
      if (known.length !== activityIds.length) return fail('notFound', 'Activité introuvable.');
    }
    const before = tx.select().from(documentTypes).where(eq(documentTypes.id, input.documentTypeId)).get();
    const values = {
      name: input.name,
      description: input.description,
      scope: input.scope,
      validity: input.validity,
      validityMonths: input.validity === 'months' ? input.validityMonths : 0,
      requiredForFile: input.requiredForFile,
      requiredForActivities: JSON.stringify(activityIds),
      position: input.position,
      archivedAt: input.archived ? (before?.archivedAt ?? ctx.now) : null,
    };
    tx.insert(documentTypes)
      .values({ id: input.documentTypeId, ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: documentTypes.id, set: { ...values, updatedAt: ctx.now } })
      .run();
    audit(tx, ctx, 'documentType.save', {
      entity: 'documentType',
      entityId: input.documentTypeId,
      changes: { ...values, requiredForActivities: activityIds },
    });
    return ok({ documentTypeId: input.documentTypeId });
  },
});

/** The latest published version of the règlement intérieur, if any. */
export function latestRules(tx: Tx) {
  const [row] = tx
    .select({ version: max(rulesVersions.version) })
    .from(rulesVersions)
    .all();
  if (row?.version == null) return undefined;
  return tx.select().from(rulesVersions).where(eq(rulesVersions.version, row.version)).get();
}

export const rulesPublish = defineCommand({
  name: 'rules.publish',
  kind: 'request',
  newIds: ['rulesVersionId'],
  input: z.object({ rulesVersionId: id, title: required(200), body: required(100_000) }),
  handler(tx, input, ctx): Result<{ rulesVersionId: string; version: number }> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    if (tx.select({ id: rulesVersions.id }).from(rulesVersions).where(eq(rulesVersions.id, input.rulesVersionId)).get())
      return fail('conflict', 'Cette version du règlement existe déjà.');
    const version = (latestRules(tx)?.version ?? 0) + 1;
    tx.insert(rulesVersions)
      .values({
        id: input.rulesVersionId,
        version,
        title: input.title,
        body: input.body,
        publishedAt: ctx.now,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .run();
    audit(tx, ctx, 'rules.publish', {
      entity: 'rulesVersion',
      entityId: input.rulesVersionId,
      changes: { version, title: input.title },
    });
    return ok({ rulesVersionId: input.rulesVersionId, version });
  },
});

export const documentCommands = [documentRecord, documentValidate, documentRefuse, documentTypeSave, rulesPublish] as const;
