// The password-choice form shared by account activation (e-mailed link, letter code, password reset) and the
// sign-up e-mail's link: whose space and which identifier, the password field with its rules, then the hub's
// answer. On success the session is open: the CSRF token is kept, the session reloaded, the dashboard shown.
// A weak password is shown on the field; any other refusal in an alert.
import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage, setCsrfToken } from '../../api';
import { RequiredNote } from '../../components/Page';
import { paths } from '../../paths';
import { queryClient, sessionKey } from '../../queryClient';
import { navigate } from '../../router';
import { PasswordField } from './PasswordField';

export function NewPasswordForm({
  identity,
  whose,
  send,
  success,
  submitLabel,
  refusedTitle,
  refusedHelp,
}: {
  identity: { firstName: string; lastName: string; login: string };
  /** Before the name on the card: « Espace famille de  », « Nouveau mot de passe pour  ». */
  whose: string;
  /** Sends the chosen password to the hub; resolves to the new session's CSRF token. */
  send: (password: string) => Promise<string>;
  /** The notification once the space is open. */
  success: string;
  submitLabel: string;
  refusedTitle?: string;
  /** Shown under the hub's message when it refuses (links to a way forward). */
  refusedHelp?: ReactNode;
}) {
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const choose = useMutation({
    mutationFn: () => send(password),
    onSuccess: async (csrf) => {
      setCsrfToken(csrf);
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      navigate(paths.dashboard, { replace: true });
      notifications.show({ color: 'green', message: success });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'weak_password') setFieldError(error.message);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFieldError(undefined);
    if (password.length < 10) {
      setFieldError('Le mot de passe doit comporter au moins 10 caractères.');
      return;
    }
    choose.mutate();
  };
  const refused = choose.error && !(choose.error instanceof ApiError && choose.error.code === 'weak_password');
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder padding="md" radius="md">
          <Text>
            {whose}
            <strong>
              {identity.firstName} {identity.lastName}
            </strong>
          </Text>
          {identity.login && (
            <Text mt={4}>
              Votre identifiant de connexion : <strong>{identity.login}</strong>
            </Text>
          )}
        </Card>
        {/* For password managers: the identifier that goes with the new password. */}
        <input type="text" name="username" autoComplete="username" value={identity.login} readOnly hidden />
        <RequiredNote />
        <PasswordField value={password} onChange={setPassword} identity={identity} error={fieldError} />
        {refused && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title={refusedTitle}>
            {refusedHelp ? (
              <Stack gap={4}>
                <Text size="sm">{errorMessage(choose.error)}</Text>
                <Text size="sm">{refusedHelp}</Text>
              </Stack>
            ) : (
              errorMessage(choose.error)
            )}
          </Alert>
        )}
        <Button type="submit" size="md" loading={choose.isPending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
