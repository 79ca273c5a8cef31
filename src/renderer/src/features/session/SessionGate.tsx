// The session gate, around the whole desk: it reads `session.status` on start, every 15 s, when the window gets
// the focus and after any failed call, and shows the login screen, the lock screen, or the desk. The desk is not
// rendered at all behind the login and lock screens (no family data in the page). In set-up mode (no account
// with a password yet) the desk is open, as the core allows, and a banner says so (SetupBanner).
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { useSessionActions } from './actions';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';
import { forgetScreensData, recheckSession, sessionKey, useSessionStatus } from './queries';
import { SessionContext, type Session } from './SessionContext';
import { text } from './text';
import { useInactivityLock } from './useInactivityLock';

export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const status = useSessionStatus();
  const { lock } = useSessionActions();
  const data = status.data;
  const state = data?.state;

  // A refused call (401 after the desk locked itself or was logged out elsewhere, 403…): read the status now.
  useEffect(() => {
    const recheck = () => void recheckSession(queryClient);
    const offQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && event.query.queryKey[0] !== sessionKey[0]) recheck();
    });
    const offMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') recheck();
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [queryClient]);

  // Leaving the desk (login screen): nothing it showed stays in memory. Leaving a user's session (lock or
  // login screen): its notifications go too, as they may name a family. (The end of set-up mode keeps its own
  // notification, which says how to log in.)
  const hadUser = useRef(false);
  useEffect(() => {
    if (state === 'login') forgetScreensData(queryClient);
    if (state !== 'open' && hadUser.current) notifications.clean();
    hadUser.current = state === 'open' && data?.user != null;
  }, [state, data?.user, queryClient]);

  useInactivityLock({
    enabled: state === 'open' && data?.user != null,
    minutes: data?.lockAfterMinutes ?? 10,
    onIdle: () => lock.mutate(),
  });

  const session = useMemo<Session>(
    () => ({
      user: data?.user ?? null,
      role: data?.setupMode ? 'admin' : data?.user?.role,
      setupMode: data?.setupMode ?? false,
      lockAfterMinutes: data?.lockAfterMinutes ?? 10,
    }),
    [data],
  );

  if (!data) {
    return (
      <Center component="main" mih="100vh">
        {status.isError ? (
          <Stack align="center" maw={460} role="alert">
            <Title order={1} size="h3">
              {text.unreachable}
            </Title>
            <Text ta="center">{text.unreachableHint}</Text>
            <Button onClick={() => void status.refetch()}>{text.retry}</Button>
          </Stack>
        ) : (
          <LoadingLine label={text.loading} />
        )}
      </Center>
    );
  }
  if (state === 'login') return <LoginScreen />;
  if (state === 'locked') return data.user ? <LockScreen user={data.user} /> : <LoginScreen />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
