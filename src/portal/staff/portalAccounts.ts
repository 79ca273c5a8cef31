// Staff side of parent accounts (called by desks, with their device token): send the activation e-mail,
// print an activation letter with a code for families without e-mail, revoke an account, read account states.
// No password ever travels by e-mail: the e-mail carries a one-time link, the parent chooses the password.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../shared/commands/types';
import { guardians } from '../../shared/db/schema';
import { foldText } from '../../shared/domain/search';
import type { HubDatabase } from '../hubDb';
import { mailWithLink, type Mailer } from '../mailer';
import { accountOf, endAllSessions, issueToken, upsertAccount, type AccountState } from '../parents/accounts';
import { householdsOfGuardian, hubAudit } from '../parents/routes';

export interface StaffPortalOptions {
  hub: HubDatabase;
  clock: () => Date;
  mailer?: Mailer;
  /** The address parents use, read when a link is made (known only once the server listens, in tests). */
  publicUrl: () => string;
  commune: () => string;
  requireDesk: preHandlerAsyncHookHandler;
  activationDays?: number;
}

const guardianBody = z.object({
  guardianId: z.string().min(1).max(64),
  staffName: z.string().max(200).default("Agent d'accueil"),
});

export async function staffPortalRoutes(app: FastifyInstance, options: StaffPortalOptions) {
  const { hub, clock } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lifetimeMs = (options.activationDays ?? 14) * 24 * 3600 * 1000;
  const guardianRow = (id: string) => hub.db.select().from(guardians).where(eq(guardians.id, id)).get();
  const staffActor = (request: { desk?: { id: string; name: string } }, name: string): Actor => ({
    kind: 'staff',
    id: request.desk!.id,
    name: `${name} (${request.desk!.name})`,
  });
  const stateOf = (guardianId: string) => {
    const account = accountOf(hub.sqlite, guardianId);
    return {
      guardianId,
      state: (account?.state ?? 'none') as AccountState,
      login: account?.login ?? '',
      email: account?.email ?? '',
      invitedAt: account?.invited_at ?? null,
      activatedAt: account?.activated_at ?? null,
    };
  };

  api.post(
    '/api/staff/portal/states',
    { preHandler: options.requireDesk, schema: { body: z.object({ guardianIds: z.array(z.string().max(64)).max(50) }) } },
    async (request) => request.body.guardianIds.map(stateOf),
  );

  api.post(
    '/api/staff/portal/invite',
    { preHandler: options.requireDesk, schema: { body: guardianBody } },
    async (request, reply) => {
      const now = clock();
      const g = guardianRow(request.body.guardianId);
      if (!g)
        return reply
          .code(404)
          .send({ error: 'notFound', message: "Responsable inconnu du concentrateur : synchronisez le poste d'abord." });
      if (!g.email)
        return reply
          .code(400)
          .send({ error: 'noEmail', message: "Ce responsable n'a pas d'adresse e-mail : imprimez une lettre d'activation." });
      if (!options.mailer)
        return reply.code(503).send({ error: 'noSmtp', message: "L'envoi d'e-mails n'est pas configuré sur le concentrateur." });
      const account = accountOf(hub.sqlite, g.id);
      if (account?.state === 'active')
        return reply.code(409).send({ error: 'active', message: 'Cet espace famille est déjà activé.' });
      const taken = hub.sqlite
        .prepare(`SELECT guardian_id FROM _hub_parent_accounts WHERE login = ? AND guardian_id != ?`)
        .get(g.email, g.id);
      if (taken)
        return reply
          .code(409)
          .send({ error: 'loginTaken', message: 'Cette adresse e-mail sert déjà d’identifiant à un autre responsable.' });
      const token = issueToken(hub.sqlite, g.id, 'activation', now, lifetimeMs);
      upsertAccount(hub.sqlite, g.id, { login: g.email, email: g.email, state: 'invited', invited_at: now.toISOString() }, now);
      const days = options.activationDays ?? 14;
      await options.mailer.send(
        mailWithLink(
          g.email,
          `${options.commune()} : activez votre espace famille`,
          [
            `Bonjour ${g.civility} ${g.lastName},`,
            `Votre espace famille est prêt. Il vous permet de réserver les activités de vos enfants, de consulter et payer vos factures et de mettre à jour vos coordonnées.`,
            `Pour l’activer, suivez ce lien et choisissez votre mot de passe. Le lien est valable ${days} jours et ne sert qu’une fois. Votre identifiant sera : ${g.email}.`,
          ],
          { label: 'Activer mon espace famille', url: new URL(`/activer/${token}`, options.publicUrl()).toString() },
          options.commune(),
        ),
      );
      hubAudit(hub, staffActor(request, request.body.staffName), now, 'portal.invite', {
        entity: 'guardian',
        entityId: g.id,
        householdId: householdsOfGuardian(hub, g.id)[0]?.id ?? null,
        changes: { email: g.email },
      });
      return stateOf(g.id);
    },
  );

  api.post(
    '/api/staff/portal/letter',
    { preHandler: options.requireDesk, schema: { body: guardianBody } },
    async (request, reply) => {
      const now = clock();
      const g = guardianRow(request.body.guardianId);
      if (!g)
        return reply
          .code(404)
          .send({ error: 'notFound', message: "Responsable inconnu du concentrateur : synchronisez le poste d'abord." });
      const account = accountOf(hub.sqlite, g.id);
      if (account?.state === 'active')
        return reply.code(409).send({ error: 'active', message: 'Cet espace famille est déjà activé.' });
      const login = account?.login || uniqueLogin(g.firstName, g.lastName);
      const code = issueToken(hub.sqlite, g.id, 'letter', now, lifetimeMs);
      upsertAccount(hub.sqlite, g.id, { login, email: g.email, state: 'invited', invited_at: now.toISOString() }, now);
      hubAudit(hub, staffActor(request, request.body.staffName), now, 'portal.letter', {
        entity: 'guardian',
        entityId: g.id,
        householdId: householdsOfGuardian(hub, g.id)[0]?.id ?? null,
      });
      return {
        ...stateOf(g.id),
        code,
        activationUrl: new URL('/activer', options.publicUrl()).toString(),
        expiresAt: new Date(now.getTime() + lifetimeMs).toISOString(),
      };
    },
  );

  api.post(
    '/api/staff/portal/revoke',
    { preHandler: options.requireDesk, schema: { body: guardianBody } },
    async (request, reply) => {
      const now = clock();
      if (!accountOf(hub.sqlite, request.body.guardianId))
        return reply.code(404).send({ error: 'notFound', message: "Ce responsable n'a pas d'espace famille." });
      hub.sqlite.transaction(() => {
        upsertAccount(hub.sqlite, request.body.guardianId, { state: 'revoked' }, now);
        hub.sqlite
          .prepare('UPDATE _hub_parent_tokens SET used_at = ? WHERE guardian_id = ? AND used_at IS NULL')
          .run(now.toISOString(), request.body.guardianId);
        endAllSessions(hub.sqlite, request.body.guardianId);
      })();
      hubAudit(hub, staffActor(request, request.body.staffName), now, 'portal.revoke', {
        entity: 'guardian',
        entityId: request.body.guardianId,
        householdId: householdsOfGuardian(hub, request.body.guardianId)[0]?.id ?? null,
      });
      return stateOf(request.body.guardianId);
    },
  );

  /** `hmartin`, then `hmartin2`…: an identifier a parent without e-mail can type. */
  function uniqueLogin(firstName: string, lastName: string): string {
    const base = foldText(`${firstName.slice(0, 1)}${lastName}`).replace(/\s+/g, '') || 'parent';
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      if (!hub.sqlite.prepare('SELECT 1 FROM _hub_parent_accounts WHERE login = ?').get(candidate)) return candidate;
    }
  }
}
