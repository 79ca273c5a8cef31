// A family's document upload (multipart, one file) and the download answer shared by parents and staff.
// @fastify/multipart is registered in this plugin only: no other route of the hub accepts multipart bodies.
// Order: the file is streamed to a temporary name (size and type checked from the content on the way), then
// the form fields are checked, then renamed into place, then `document.record` runs; a refusal at any step
// deletes the file, so a refused upload leaves neither a row nor a file.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, onRequestAsyncHookHandler } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { documentTypes, type documents } from '../../shared/db/schema';
import type { HubDatabase } from '../hubDb';
import { runCreatedAtHub } from '../parents/routes';
import {
  displayFileName,
  inlineDisposition,
  MAX_DOCUMENT_BYTES,
  type DocumentMimeType,
  type DocumentStorage,
  type StoreResult,
} from './documentStorage';

export const TOO_LARGE = 'Fichier trop volumineux : 10 Mo au maximum.';
export const BAD_TYPE =
  'Format non accepté : envoyez un PDF, une photo JPEG ou une image PNG (le contenu du fichier est vérifié, pas son nom).';

interface UploadOptions {
  hub: HubDatabase;
  clock: () => Date;
  storage: DocumentStorage;
  onRequest: onRequestAsyncHookHandler[];
  afterWrite: () => void;
  isChildOf: (householdId: string, childId: string) => boolean;
}

const refused = (error: string, message: string, fieldErrors?: Record<string, string>) => ({ error, message, fieldErrors });

export async function documentUploadRoute(app: FastifyInstance, options: UploadOptions) {
  const { hub, storage } = options;
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 12, headerPairs: 100 },
  });
  // Left over by a crash between writing and renaming: never referenced by a row.
  await storage.sweep();

  app.post('/api/parent/households/:householdId/documents', { onRequest: options.onRequest }, async (request, reply) => {
    const { householdId } = request.params as { householdId: string };
    if (!request.isMultipart())
      return reply.code(415).send(refused('notMultipart', 'Envoyez le document avec le formulaire (multipart/form-data).'));
    const fields: Record<string, string> = {};
    let stored: StoreResult | undefined;
    let originalName: string | undefined;
    let extraFile = false;
    const discard = async () => {
      if (stored?.ok) await storage.remove(stored.storageKey);
    };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (stored) {
            extraFile = true;
            part.file.resume();
            continue;
          }
          originalName = part.filename;
          stored = await storage.store(part.file, () => part.file.truncated);
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (error) {
      await discard();
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') return reply.code(413).send(refused('tooLarge', TOO_LARGE));
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
        return reply.code(400).send(refused('tooManyParts', 'Envoyez un seul fichier à la fois.'));
      throw error;
    }
    if (extraFile) {
      await discard();
      return reply.code(400).send(refused('tooManyParts', 'Envoyez un seul fichier à la fois.'));
    }
    if (!stored)
      return reply.code(400).send(refused('noFile', 'Choisissez un fichier à envoyer.', { file: 'Choisissez un fichier.' }));
    if (!stored.ok) {
      if (stored.code === 'tooLarge') return reply.code(413).send(refused('tooLarge', TOO_LARGE));
      if (stored.code === 'badType') return reply.code(415).send(refused('badType', BAD_TYPE));
      return reply.code(400).send(refused('empty', 'Le fichier est vide.', { file: 'Le fichier est vide.' }));
    }

    const documentTypeId = (fields.documentTypeId ?? '').trim();
    const childId = (fields.childId ?? '').trim() || null;
    const type = documentTypeId
      ? hub.db
          .select()
          .from(documentTypes)
          .where(and(eq(documentTypes.id, documentTypeId), isNull(documentTypes.archivedAt)))
          .get()
      : undefined;
    if (!type) {
      await discard();
      return reply
        .code(400)
        .send(refused('invalid', 'Choisissez le type de document.', { documentTypeId: 'Choisissez le type de document.' }));
    }
    // Another household's child is refused here, before the command (and nothing is kept).
    if (childId && !options.isChildOf(householdId, childId)) {
      await discard();
      return reply.code(404).send(refused('notFound', 'Enfant introuvable dans votre foyer.'));
    }
    let result;
    try {
      result = runCreatedAtHub(
        hub,
        request.parent!.actor,
        'document.record',
        {
          householdId,
          childId: type.scope === 'child' ? childId : null,
          documentTypeId,
          fileName: displayFileName(originalName, stored.mimeType),
          mimeType: stored.mimeType,
          size: stored.size,
          sha256: stored.sha256,
          storageKey: stored.storageKey,
        },
        options.clock(),
      );
    } catch (error) {
      await discard();
      throw error;
    }
    if (!result.ok) {
      await discard();
      return reply
        .code(result.code === 'notFound' ? 404 : result.code === 'conflict' ? 409 : 400)
        .send(refused(result.code, result.message, result.fieldErrors));
    }
    options.afterWrite();
    return reply.code(201).send({ ...result, mimeType: stored.mimeType, size: stored.size });
  });
}

/** Answers with a stored document: its recorded type, shown inline, never sniffed, never cached. */
export async function sendDocument(reply: FastifyReply, storage: DocumentStorage, doc: typeof documents.$inferSelect) {
  let bytes: Buffer;
  try {
    bytes = await storage.read(doc.storageKey);
  } catch {
    return reply
      .code(404)
      .send({ error: 'fileMissing', message: 'Le fichier de ce document est introuvable sur le concentrateur.' });
  }
  return reply
    .type(doc.mimeType as DocumentMimeType)
    .header('content-disposition', inlineDisposition(doc.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(bytes);
}
