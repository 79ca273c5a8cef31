// Pieces shared by the admin list screens that edit their rows in a modal (document types, règlement
// intérieur): the title bar with its add button, the modal's form with Annuler/Enregistrer,
// and what happens after the save command answers.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import type { Result } from '../../../../shared/result';

/** Title, add button and the screen's short explanation. */
export function AdminListHeader({
  title,
  action,
  onAction,
  intro,
}: {
  title: string;
  action: string;
  onAction: () => void;
  intro: string;
}) {
  return (
    <>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAction}>
          {action}
        </Button>
      </Group>
      <Text size="sm">{intro}</Text>
    </>
  );
}

/** The modal's form: its fields, then Annuler (closes) and the submit button. */
export function AdminModalForm({
  onSubmit,
  onClose,
  cancel,
  save,
  pending,
  children,
}: {
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  cancel: string;
  save: string;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {cancel}
          </Button>
          <Button type="submit" loading={pending}>
            {save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * After the save command: on success refresh the admin lists (query key `requests`) and close the modal; on a
 * failure show its field errors. A call that broke (undefined) leaves the form as it is.
 */
export function useCloseWhenSaved(onClose: () => void, setErrors: (errors: Record<string, string>) => void) {
  const queryClient = useQueryClient();
  return async (result: Result<unknown> | undefined) => {
    if (!result) return;
    if (result.ok) {
      await queryClient.invalidateQueries({ queryKey: ['requests'] });
      onClose();
    } else setErrors(result.fieldErrors ?? {});
  };
}
