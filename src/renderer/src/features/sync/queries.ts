// Sync data for the screens, through TanStack Query. Keys start with 'sync'. The status is polled every 2.5 s
// (it is a local read: the desk core keeps it in memory) and refreshed right after any command; when a sync
// has run, every other screen is refreshed too, since what it showed was provisional (ARCHITECTURE.md, rebase).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { call, type Returned } from '../../api';

export type DeskInfo = Returned<'desk.info'>;
export type SyncStatus = NonNullable<Returned<'sync.status'>>;
export type SyncOutcomes = Returned<'sync.outcomes'>;
export type Verdict = SyncOutcomes['verdicts'][number];
export type PendingCommand = SyncOutcomes['pending'][number];

export const STATUS_POLL_MS = 2_500;

export const syncKeys = {
  all: ['sync'] as const,
  info: ['sync', 'info'] as const,
  status: ['sync', 'status'] as const,
  outcomes: ['sync', 'outcomes'] as const,
};

export function useDeskInfo() {
  return useQuery({ queryKey: syncKeys.info, queryFn: () => call('desk.info', {}), staleTime: 60_000 });
}

export function useSyncStatus() {
  return useQuery({
    queryKey: syncKeys.status,
    queryFn: () => call('sync.status', {}),
    refetchInterval: STATUS_POLL_MS,
    staleTime: 0,
  });
}

export function useSyncOutcomes() {
  return useQuery({
    queryKey: syncKeys.outcomes,
    queryFn: () => call('sync.outcomes', {}),
    refetchInterval: 3_000,
    staleTime: 0,
  });
}

/** Every query but the sync ones (polled already) and the portal accounts (online calls to the hub). */
export function refreshScreens(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (query) => query.queryKey[0] !== 'sync' && query.queryKey[0] !== 'portal',
  });
}

export function useSyncNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call('sync.now', {}),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: syncKeys.all });
      await refreshScreens(queryClient);
    },
  });
}

export function useConnect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: { hubUrl: string; code: string }) => call('sync.connect', args),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncKeys.all }),
  });
}

/**
 * Keeps the screens in step with the sync loop: the status is refreshed after every command (any mutation,
 * since every command goes through TanStack's mutations), and the other screens after every completed sync
 * (the pull may have brought other desks' changes, and the rebase may have changed our own). Mounted once,
 * by the header status.
 */
export function useSyncRefresh(status: SyncStatus | null | undefined) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success')
          void queryClient.invalidateQueries({ queryKey: syncKeys.status });
      }),
    [queryClient],
  );
  const lastSyncAt = status?.lastSyncAt ?? null;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!lastSyncAt || lastSyncAt === seen.current) return;
    const first = seen.current === null;
    seen.current = lastSyncAt;
    if (first) return;
    void queryClient.invalidateQueries({ queryKey: syncKeys.outcomes });
    void refreshScreens(queryClient);
  }, [lastSyncAt, queryClient]);
}
