// Running a desk command from a screen: `useCommand(name)` gives `run(args)` resolving to the command's
// Result (or undefined when the call itself broke). Expected failures come back as values (STYLE.md §7): the
// caller shows `fieldErrors` next to its fields; this hook shows the French message as a notification and,
// after a success, invalidates the family data so every screen shows the new state.
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AnyCommand } from '../../shared/commands';
import { call, type Args, type Returned } from './api';

export type CommandName = AnyCommand['name'];

export interface CommandOptions {
  /** Notification title after a success; none when omitted. */
  success?: string;
  /** Notification title after a business failure. */
  failure?: string;
}

export function useCommand<K extends CommandName>(name: K, options: CommandOptions = {}) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (args: Args<K>) => call(name, args),
    onSuccess: async (result: Returned<K>) => {
      // One failure notification per command: a new attempt replaces it, a success removes it.
      const failureId = `${name}:failure`;
      if (result.ok) {
        notifications.hide(failureId);
        await queryClient.invalidateQueries({ queryKey: ['families'] });
        if (options.success) notifications.show({ color: 'green', title: options.success, message: result.message ?? '' });
      } else {
        notifications.hide(failureId);
        notifications.show({
          id: failureId,
          color: 'red',
          title: options.failure ?? 'Enregistrement impossible',
          message: result.message,
          autoClose: 8000,
        });
      }
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        title: 'Erreur inattendue',
        message: `${error.message} — rien n'a été enregistré.`,
        autoClose: false,
      });
    },
  });
  const run = async (args: Args<K>): Promise<Returned<K> | undefined> => {
    try {
      return await mutation.mutateAsync(args);
    } catch {
      return undefined;
    }
  };
  return { run, pending: mutation.isPending };
}
