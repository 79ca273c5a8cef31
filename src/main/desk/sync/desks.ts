// The commune's desks, from a desk's administration screen (handlers `desks.*`, spread into api.ts; the
// administrator role is checked by the dispatcher through shared/permissions.ts). The list, the enrolment codes
// and the revocations live on the hub, so every call is online: standalone or offline, the desk answers
// `{ ok: false }` with a plain French message.
import { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/result';
import type { Caller } from '../api';
import type { DeskCore } from '../core';
import { HubError } from './client';

export interface DeskView {
  deskId: string;
  name: string;
  /** waiting: code not used yet; expired: code never used and past its date; enrolled; revoked. */
  state: 'waiting' | 'expired' | 'enrolled' | 'revoked';
  createdAt: string;
  codeExpiresAt: string | null;
  enrolledAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastPushAt: string | null;
  /** This desk. */
  current: boolean;
}

export interface EnrolmentCode {
  deskId: string;
  name: string;
  /** Shown once: the hub keeps only its hash. */
  code: string;
  expiresAt: string;
}

export const DESKS_STANDALONE = "Ce poste n'est pas relié à un concentrateur : il n'y a pas d'autre poste à gérer.";
export const DESKS_OFFLINE =
  'La gestion des postes se fait en ligne : le concentrateur est injoignable pour le moment. Réessayez une fois en ligne.';

async function askHub<T>(core: DeskCore, path: string, body: unknown): Promise<Result<T>> {
  if (!core.sync) return fail('standalone', DESKS_STANDALONE);
  try {
    return ok(await core.sync.request<T>(path, body));
  } catch (error) {
    if (error instanceof HubError) return fail(error.status === 401 ? 'revoked' : 'refused', error.message);
    return fail('offline', DESKS_OFFLINE);
  }
}

// `run` is typed from `input` here and takes `any` towards api.ts (which parses the arguments with `input`).
const def = <I extends z.ZodType, R>(
  input: I,
  run: (args: z.output<I>, caller: Caller) => R,
): { input: I; run: (args: any, caller: Caller) => R } => ({ input, run });

export function deskHandlers(core: DeskCore) {
  return {
    /** The commune's desks, oldest first, with their enrolment, last contact and last push. */
    'desks.list': def(z.object({}), () => askHub<DeskView[]>(core, '/api/staff/desks/list', {})),
    /** A one-time enrolment code for a new named desk, valid 7 days, to type on that desk. */
    'desks.createCode': def(z.object({ name: z.string().max(200) }), (a, caller) =>
      askHub<EnrolmentCode>(core, '/api/staff/desks/create', { name: a.name, staffName: caller.actor.name }),
    ),
    /** Revokes another desk: its next sync is refused. Answers the updated list. */
    'desks.revoke': def(z.object({ deskId: z.string().min(1).max(64) }), (a, caller) =>
      askHub<DeskView[]>(core, '/api/staff/desks/revoke', { deskId: a.deskId, staffName: caller.actor.name }),
    ),
  };
}
