// Opening, locking and closing the session. A login as someone else than the last user, and a logout, forget
// the screens' cached data (see queries.ts); unlocking keeps it, so the screen comes back as it was. Locking
// and logging out also clear the notifications: they may name a family.
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { forgetScreensData, recheckSession, sessionKey, type SessionStatus } from './queries';
import { text } from './text';

const SETUP_DONE = 'session:setup-done';

/** The end of set-up mode (the first administrator has a password): how to log in, until someone does. */
export function announceSetupDone(login: string) {
  notifications.show({
    id: SETUP_DONE,
    color: 'green',
    title: text.setup.done,
    message: text.setup.doneMessage(login),
    autoClose: false,
  });
}

export function useSessionActions() {
  const queryClient = useQueryClient();
  const current = () => queryClient.getQueryData<SessionStatus>(sessionKey);

  const login = useMutation({
    mutationFn: (args: { login: string; password: string }) => call('session.login', args),
    onSuccess: async (result) => {
      if (!result.ok) return;
      notifications.hide(SETUP_DONE);
      if (current()?.user?.id !== result.value.id) forgetScreensData(queryClient);
      await recheckSession(queryClient);
    },
  });
  const lock = useMutation({
    mutationFn: () => call('session.lock', {}),
    onSettled: async () => {
      notifications.clean();
      await recheckSession(queryClient);
    },
  });
  const logout = useMutation({
    mutationFn: () => call('session.logout', {}),
    onSettled: async () => {
      notifications.clean();
      forgetScreensData(queryClient);
      await recheckSession(queryClient);
    },
  });
  return { login, lock, logout };
}
