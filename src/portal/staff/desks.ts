// The commune's desks, managed from a desk's administration screen (called with the calling desk's device
// token; the desk core has already checked that its user is an administrator): list the desks with their
// enrolment and activity, create a one-time enrolment code for a new named desk (the code is shown once and
// only its hash is kept), revoke a desk. A desk cannot revoke itself (it would lock its administrator out
// mid-action). Every action leaves a hub audit row naming the staff member and the desk they acted from.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../shared/commands/types';
import type { HubDatabase } from '../hubDb';
import { hubAudit } from '../parents/routes';
import { createEnrolmentCode, listDesks, revokeDeskById } from '../sync/desks';

export interface StaffDeskOptions {
  hub: HubDatabase;
  clock: () => Date;
  requireDesk: preHandlerAsyncHookHandler;
}

const staffName = z.string().max(200).default('Administrateur');
const errorSchema = z.object({ error: z.string(), message: z.string() });

export const deskViewSchema = z.object({
  deskId: z.string(),
  name: z.string(),
  state: z.enum(['waiting', 'expired', 'enrolled', 'revoked']),
  createdAt: z.string(),
  codeExpiresAt: z.string().nullable(),
  enrolledAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  lastPushAt: z.string().nullable(),
  /** The desk asking. */
  current: z.boolean(),
});
export type DeskView = z.infer<typeof deskViewSchema>;

export async function staffDeskRoutes(app: FastifyInstance, options: StaffDeskOptions) {
  const { hub, clock } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const actor = (request: { desk?: { id: string; name: string } }, name: string): Actor => ({
    kind: 'staff',
    id: request.desk!.id,
    name: `${name} (${request.desk!.name})`,
  });

  const views = (currentDeskId: string, now: Date): DeskView[] =>
    listDesks(hub.sqlite).map((d) => ({
      deskId: d.id,
      name: d.name,
      state: d.revoked_at
        ? 'revoked'
        : d.enrolled_at
          ? 'enrolled'
          : d.code_expires_at && d.code_expires_at >= now.toISOString()
            ? 'waiting'
            : 'expired',
      createdAt: d.created_at,
      codeExpiresAt: d.enrolled_at || d.revoked_at ? null : d.code_expires_at,
      enrolledAt: d.enrolled_at,
      revokedAt: d.revoked_at,
      lastSeenAt: d.last_seen_at,
      lastPushAt: d.last_push_at,
      current: d.id === currentDeskId,
    }));

  api.post(
    '/api/staff/desks/list',
    {
      preHandler: options.requireDesk,
      schema: { body: z.object({}).optional(), response: { 200: z.array(deskViewSchema), 401: errorSchema } },
    },
    async (request) => views(request.desk!.id, clock()),
  );

  api.post(
    '/api/staff/desks/create',
    {
      preHandler: options.requireDesk,
      schema: {
        body: z.object({ name: z.string().max(200), staffName }),
        response: {
          200: z.object({ deskId: z.string(), name: z.string(), code: z.string(), expiresAt: z.string() }),
          400: errorSchema,
          401: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const now = clock();
      const name = request.body.name.trim().replace(/\s+/g, ' ');
      if (name.length === 0)
        return reply
          .code(400)
          .send({ error: 'invalid', message: 'Indiquez le nom du nouveau poste (par exemple « Accueil mairie »).' });
      if (name.length > 60)
        return reply.code(400).send({ error: 'invalid', message: 'Le nom du poste ne doit pas dépasser 60 caractères.' });
      const taken = hub.sqlite.prepare('SELECT 1 FROM _hub_desks WHERE lower(name) = lower(?) AND revoked_at IS NULL').get(name);
      if (taken)
        return reply.code(409).send({
          error: 'nameTaken',
          message: `Un poste non révoqué s’appelle déjà « ${name} » : choisissez un autre nom.`,
        });
      const created = hub.sqlite.transaction(() => createEnrolmentCode(hub.sqlite, name, now)).immediate();
      hubAudit(hub, actor(request, request.body.staffName), now, 'desk.createEnrolmentCode', {
        entity: 'desk',
        entityId: created.deskId,
        changes: { name, codeExpiresAt: created.expiresAt },
      });
      request.log.info({ deskId: created.deskId }, 'enrolment code created');
      return { deskId: created.deskId, name, code: created.code, expiresAt: created.expiresAt };
    },
  );

  api.post(
    '/api/staff/desks/revoke',
    {
      preHandler: options.requireDesk,
      schema: {
        body: z.object({ deskId: z.string().min(1).max(64), staffName }),
        response: { 200: z.array(deskViewSchema), 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const now = clock();
      const { deskId } = request.body;
      if (deskId === request.desk!.id)
        return reply.code(409).send({
          error: 'self',
          message: 'Ce poste ne peut pas se révoquer lui-même : faites-le depuis un autre poste.',
        });
      const desk = hub.sqlite.prepare('SELECT name, revoked_at FROM _hub_desks WHERE id = ?').get(deskId) as
        { name: string; revoked_at: string | null } | undefined;
      if (!desk) return reply.code(404).send({ error: 'notFound', message: 'Poste inconnu du concentrateur.' });
      if (desk.revoked_at || !revokeDeskById(hub.sqlite, deskId, now))
        return reply.code(409).send({ error: 'revoked', message: `Le poste « ${desk.name} » est déjà révoqué.` });
      hubAudit(hub, actor(request, request.body.staffName), now, 'desk.revoke', {
        entity: 'desk',
        entityId: deskId,
        changes: { name: desk.name },
      });
      request.log.info({ deskId }, 'desk revoked');
      return views(request.desk!.id, now);
    },
  );
}
