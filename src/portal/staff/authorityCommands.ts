// Authority-only commands asked by a desk (issuing a month's invoices, a credit note…): they need the whole
// commune or an unbroken number series, so the hub runs them directly instead of receiving them through the
// push queue; the desk then pulls the result. Other commands must go through push (ordering, idempotence).
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandsByName } from '../../shared/commands';
import { actorSchema } from '../../shared/sync/protocol';
import type { HubDatabase } from '../hubDb';
import { runCreatedAtHub } from '../parents/routes';

export async function authorityCommandRoutes(
  app: FastifyInstance,
  options: { hub: HubDatabase; clock: () => Date; requireDesk: preHandlerAsyncHookHandler },
) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/staff/commands',
    {
      preHandler: options.requireDesk,
      schema: { body: z.object({ name: z.string().max(100), args: z.unknown(), actor: actorSchema }) },
    },
    async (request, reply) => {
      const command = commandsByName.get(request.body.name);
      if (!command?.authorityOnly) {
        return reply
          .code(400)
          .send({ error: 'notAuthorityCommand', message: 'Cette commande passe par la synchronisation, pas par cet appel.' });
      }
      if (request.body.actor.kind !== 'staff')
        return reply.code(403).send({ error: 'forbidden', message: 'Réservé au personnel.' });
      const actor = { ...request.body.actor, name: `${request.body.actor.name} (${request.desk!.name})` };
      return runCreatedAtHub(options.hub, actor, request.body.name, request.body.args, options.clock());
    },
  );
}
