// Parents' portal accounts, from the desk: these run at the hub (they send e-mails and hold secrets), so the
// desk must be online; offline, it says so plainly.
import { fail, ok, type Result } from '../../../shared/result';
import type { DeskCore } from '../core';
import { HubError } from '../sync/client';

export interface PortalAccountState {
  guardianId: string;
  state: 'none' | 'invited' | 'active' | 'revoked';
  login: string;
  email: string;
  invitedAt: string | null;
  activatedAt: string | null;
}

export async function callHub<T>(core: DeskCore, path: string, body: unknown): Promise<Result<T>> {
  if (!core.sync)
    return fail('standalone', "Ce poste n'est pas relié à un concentrateur : l'espace famille n'est pas disponible.");
  try {
    return ok(await core.sync.request<T>(path, body));
  } catch (error) {
    if (error instanceof HubError) return fail('refused', error.message);
    return fail('offline', 'Opération en ligne uniquement : le concentrateur est injoignable pour le moment.');
  }
}
