// The hub forgets the portal accounts of guardians an RGPD purge anonymised (parents/accounts.ts,
// `forgetPurgedGuardians`): when the hub starts (purges made while it was down or before this existed), after
// every write request (a desk's push or a staff command may carry `rgpd.purge`; the check costs one indexed
// read when there is nothing to do), and on a timer as a safety net. Each guardian forgotten leaves an audit
// row naming the purged household, with counts only (no e-mail, no login).
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../shared/commands/types';
import type { HubDatabase } from '../hubDb';
import { forgetPurgedGuardians } from './accounts';
import { hubAudit } from './routes';

export interface PurgedAccountsOptions {
  hub: HubDatabase;
  clock: () => Date;
  /** Safety-net interval (default 10 minutes). */
  everyMs?: number;
}

const HUB_ACTOR: Actor = { kind: 'system', id: 'concentrateur', name: 'Concentrateur' };

/** Runs one pass; answers how many guardians were forgotten. */
export function forgetPurgedAccounts(hub: HubDatabase, now: Date): number {
  const forgotten = forgetPurgedGuardians(hub.sqlite, now);
  for (const g of forgotten) {
    hubAudit(hub, HUB_ACTOR, now, 'portal.forgetPurged', {
      entity: 'guardian',
      entityId: g.guardianId,
      householdId: g.householdId,
      changes: { accounts: g.accounts, sessions: g.sessions, tokens: g.tokens, signUps: g.signUps },
      reason: 'Compte de l’espace famille supprimé : responsable effacé (RGPD).',
    });
  }
  return forgotten.length;
}

async function purgedAccounts(app: FastifyInstance, options: PurgedAccountsOptions) {
  const { hub, clock } = options;
  const pass = () => {
    try {
      forgetPurgedAccounts(hub, clock());
    } catch (error) {
      app.log.error({ err: { message: (error as Error).message } }, 'forgetting purged accounts failed');
    }
  };
  pass();
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) pass();
  });
  const timer = setInterval(pass, options.everyMs ?? 10 * 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
// Not encapsulated (what fastify-plugin does): the hook must see every route of the hub.
(purgedAccounts as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const purgedAccountsPlugin = purgedAccounts;
