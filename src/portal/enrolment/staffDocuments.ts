// Staff access to the families' documents, called by desks with their device token: one file on demand (the
// desk's document viewer — files are never replicated to desks) and a household's files for its RGPD export.
// The desk checks the staff member's role before asking; the hub records every access (who, from which desk).
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../shared/commands/types';
import { documents, households } from '../../shared/db/schema';
import type { HubDatabase } from '../hubDb';
import { hubAudit } from '../parents/routes';
import type { DocumentStorage } from './documentStorage';
import { sendDocument } from './documentUpload';

export interface StaffDocumentOptions {
  hub: HubDatabase;
  clock: () => Date;
  storage: DocumentStorage;
  requireDesk: preHandlerAsyncHookHandler;
}

const id = z.string().min(1).max(64);
const staffName = z.string().trim().max(200).default("Agent d'accueil");

export async function staffDocumentRoutes(app: FastifyInstance, options: StaffDocumentOptions) {
  const { hub, clock, storage } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const staffActor = (request: { desk?: { id: string; name: string } }, name: string): Actor => ({
    kind: 'staff',
    id: request.desk!.id,
    name: `${name || "Agent d'accueil"} (${request.desk!.name})`,
  });

  api.get(
    '/api/staff/documents/:documentId/file',
    {
      preHandler: options.requireDesk,
      schema: { params: z.object({ documentId: id }), querystring: z.object({ staff: staffName }) },
    },
    async (request, reply) => {
      const doc = hub.db.select().from(documents).where(eq(documents.id, request.params.documentId)).get();
      if (!doc)
        return reply
          .code(404)
          .send({ error: 'notFound', message: 'Document introuvable sur le concentrateur : synchronisez le poste.' });
      hubAudit(hub, staffActor(request, request.query.staff), clock(), 'document.view', {
        entity: 'document',
        entityId: doc.id,
        householdId: doc.householdId,
        changes: { fileName: doc.fileName },
        reason: 'Consulté au guichet',
      });
      return sendDocument(reply, storage, doc);
    },
  );

  api.get(
    '/api/staff/households/:householdId/documents-export',
    {
      preHandler: options.requireDesk,
      schema: { params: z.object({ householdId: id }), querystring: z.object({ staff: staffName }) },
    },
    async (request, reply) => {
      const { householdId } = request.params;
      if (!hub.db.select({ id: households.id }).from(households).where(eq(households.id, householdId)).get())
        return reply.code(404).send({ error: 'notFound', message: 'Foyer introuvable sur le concentrateur.' });
      const rows = hub.db
        .select()
        .from(documents)
        .where(eq(documents.householdId, householdId))
        .orderBy(documents.uploadedAt)
        .all();
      const files = [];
      for (const doc of rows) {
        const bytes = await storage.read(doc.storageKey).catch(() => undefined);
        // A row whose file is gone is still listed (the export says so) rather than failing the whole export.
        files.push({
          id: doc.id,
          fileName: doc.fileName,
          mimeType: doc.mimeType,
          base64: bytes ? bytes.toString('base64') : null,
        });
      }
      hubAudit(hub, staffActor(request, request.query.staff), clock(), 'document.export', {
        entity: 'household',
        entityId: householdId,
        householdId,
        changes: { documents: rows.length },
        reason: 'Export RGPD',
      });
      reply.header('cache-control', 'no-store');
      return files;
    },
  );
}
