// The session for the screens: `session.status`, read on start, every 15 s, when the window gets the focus and
// after any failed call (a 401 means the desk logged out or locked itself). Keys start with 'session', so that
// clearing the other queries on a change of user keeps this one.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { call, type Returned } from '../../api';

export type SessionStatus = Returned<'session.status'>;
export type SessionUser = NonNullable<SessionStatus['user']>;

export const STATUS_POLL_MS = 15_000;
export const sessionKey = ['session', 'status'] as const;

export function useSessionStatus() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: () => call('session.status', {}),
    refetchInterval: STATUS_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

/** Reads the status again now (after login, lock, logout, or a refused call). */
export function recheckSession(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: sessionKey });
}

/**
 * Forgets everything the screens read, except the session: after a logout or before another user's session,
 * nothing one user was allowed to see (health data, accounts…) is shown to the next one from the cache.
 */
export function forgetScreensData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
