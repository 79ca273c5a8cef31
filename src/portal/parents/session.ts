// Parent authentication, for every parent route (parents/, enrolment/, payments/): the session cookie, the CSRF
// rule and the household authorisation — the household id in the URL must be one of the session guardian's
// households (else 404, which also hides whether it exists); writes need `x-csrf-token`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../shared/commands/types';
import { guardians } from '../../shared/db/schema';
import type { HubDatabase } from '../hubDb';
import { createSession, parentOfSession } from './accounts';

/** One session for the whole parent space. */
export const SESSION_COOKIE = 'guichet_session';

export function parentActor(hub: HubDatabase, guardianId: string, householdIds: string[]): Actor {
  const g = hub.db.select().from(guardians).where(eq(guardians.id, guardianId)).get();
  return { kind: 'parent', id: guardianId, name: g ? `${g.firstName} ${g.lastName}` : 'Parent', householdIds };
}

export function parentAuth(hub: HubDatabase, clock: () => Date, secureCookie: () => boolean) {
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const id = request.cookies[SESSION_COOKIE];
    // One lookup (prepared statements) for the session, the guardian's name and households: every request pays it.
    const session = id ? parentOfSession(hub.sqlite, id, clock()) : undefined;
    if (!session) return reply.code(401).send({ error: 'unauthenticated', message: 'Session expirée : reconnectez-vous.' });
    const { guardianId, csrf, householdIds } = session;
    request.parent = {
      guardianId,
      csrf,
      householdIds,
      actor: { kind: 'parent', id: guardianId, name: session.name, householdIds },
    };
    if (request.method !== 'GET' && request.headers['x-csrf-token'] !== csrf) {
      return reply.code(403).send({ error: 'csrf', message: 'Jeton de sécurité invalide : rechargez la page.' });
    }
  };
  const authorizeHousehold = async (request: FastifyRequest, reply: FastifyReply) => {
    const { householdId } = request.params as { householdId?: string };
    if (!householdId || !request.parent!.householdIds.includes(householdId)) {
      return reply.code(404).send({ error: 'notFound', message: 'Foyer introuvable.' });
    }
  };
  /** Opens a session as login does: the cookie, and the CSRF token for the answer. */
  const openSession = (reply: FastifyReply, guardianId: string, now: Date) => {
    const session = createSession(hub.sqlite, guardianId, now);
    reply.setCookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie() });
    return session.csrf;
  };
  return { authenticate, authorizeHousehold, openSession };
}
