// Parents' portal accounts from the desk. They live on the hub (it sends the e-mails and holds the secrets), so
// every call is online: the desk core answers `{ ok: false }` with a French message when standalone or offline.
// Keys start with 'portal' (the sync refresh leaves them alone: each is a request to the hub).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, type Returned } from '../../api';
import { useDeskInfo, useSyncStatus } from '../sync/queries';
import { statusView } from '../sync/statusView';
import { text } from './text';

export type PortalState = Extract<Returned<'portal.states'>, { ok: true }>['value'][number];
export type PortalLetter = Extract<Returned<'portal.letter'>, { ok: true }>['value'];

export const portalKeys = { state: (guardianId: string) => ['portal', 'state', guardianId] as const };

/** Whether the hub can be asked now and, if not, why (a French sentence for the block). */
export function usePortalAvailability(): { available: boolean; reason: string } {
  const info = useDeskInfo();
  const status = useSyncStatus();
  const kind = statusView(info.data, status.data).kind;
  if (kind === 'online') return { available: true, reason: '' };
  return { available: false, reason: text.reasons[kind] };
}

export function usePortalState(guardianId: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.state(guardianId),
    queryFn: async () => {
      const result = await call('portal.states', { guardianIds: [guardianId] });
      if (!result.ok) throw new Error(result.message);
      return result.value[0] ?? null;
    },
    enabled,
    staleTime: 10_000,
  });
}

type PortalAction = 'portal.invite' | 'portal.letter' | 'portal.revoke';

/**
 * An action on a guardian's account. Invitations and letters first sync the desk when it has pending
 * commands: the hub must know the guardian (a family just created here) and their current e-mail address.
 */
export function usePortalAction<K extends PortalAction>(name: K) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (guardianId: string): Promise<Returned<K>> => {
      if (name !== 'portal.revoke') {
        const status = await call('sync.status', {});
        if (status && status.pending > 0) await call('sync.now', {});
      }
      return (await call(name, { guardianId })) as Returned<K>;
    },
    onSuccess: (result, guardianId) => {
      if (result.ok) queryClient.setQueryData(portalKeys.state(guardianId), stateOf(result.value));
    },
  });
}

function stateOf(value: PortalState): PortalState {
  const { guardianId, state, login, email, invitedAt, activatedAt } = value;
  return { guardianId, state, login, email, invitedAt, activatedAt };
}
