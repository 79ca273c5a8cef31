// The password part of the account forms: the rules in plain French, the password and its confirmation, and
// `staff.setPassword` (the desk hashes it; no password ever enters a command, the sync or the audit).
import { Alert, List, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle } from '@tabler/icons-react';
import { call } from '../../api';
import { darkTitle } from '../admin/alertStyles';
import { PasswordField } from '../session/PasswordField';
import { staffKeys } from './queries';
import { text } from './text';

export interface PasswordValues {
  password: string;
  confirm: string;
}

/** The checks the screen can make before asking the core (which applies all the rules). */
export function passwordFormErrors(v: PasswordValues): Partial<Record<keyof PasswordValues, string>> {
  const t = text.password;
  if (!v.password) return { password: t.required };
  if (v.password.length < 10) return { password: t.tooShort };
  if (v.password !== v.confirm) return { confirm: t.mismatch };
  return {};
}

export function PasswordFields<V extends PasswordValues>({
  form,
  label,
  autoFocus = false,
}: {
  form: UseFormReturnType<V, any>;
  label: string;
  autoFocus?: boolean;
}) {
  const t = text.password;
  return (
    <Stack gap="sm">
      <Alert
        variant="light"
        color="blue"
        icon={<IconInfoCircle aria-hidden />}
        title={t.rulesTitle}
        p="xs"
        role="note"
        styles={darkTitle}
      >
        <List size="sm" spacing={0} withPadding={false}>
          {t.rules.map((rule) => (
            <List.Item key={rule}>{rule}</List.Item>
          ))}
        </List>
        <Text size="sm" mt={4}>
          {t.handOver}
        </Text>
      </Alert>
      <PasswordField
        label={label}
        withAsterisk
        autoComplete="new-password"
        data-autofocus={autoFocus || undefined}
        {...form.getInputProps('password')}
      />
      <PasswordField label={t.confirm} withAsterisk autoComplete="new-password" {...form.getInputProps('confirm')} />
    </Stack>
  );
}

/** `staff.setPassword`: resolves to the core's Result (a refused password is a value with its French reason). */
export function useSetStaffPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: { staffId: string; password: string }) => call('staff.setPassword', args),
    onSuccess: (result) => {
      if (result.ok) void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: text.password.failed, message: error.message, autoClose: 8000 });
    },
  });
}
