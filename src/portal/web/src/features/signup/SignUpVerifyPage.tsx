// The link of the sign-up e-mail (`/inscription/verifier?jeton=…`): the parent chooses a password (same rules
// and field as activation), the hub creates the family's file (pending the commune's validation) and the
// account, and opens the session. A used or expired link gets the hub's French message and a way forward.
import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage, setCsrfToken } from '../../api';
import { Link, Loading, Page, RequiredNote } from '../../components/Page';
import { paths } from '../../paths';
import { queryClient, sessionKey } from '../../queryClient';
import { navigate } from '../../router';
import { PasswordField } from '../auth/PasswordField';

interface PendingSignUp {
  firstName: string;
  lastName: string;
  email: string;
}

export function SignUpVerifyPage({ token }: { token: string }) {
  const pending = useQuery({
    queryKey: ['signUp', token],
    queryFn: () => api<PendingSignUp>('GET', `/api/parent/signup/verify/${encodeURIComponent(token)}`),
    enabled: token.length >= 8,
    retry: false,
    staleTime: Infinity,
  });
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const verify = useMutation({
    mutationFn: () =>
      api<{ csrf?: string; session?: { csrf: string } }>('POST', '/api/parent/signup/verify', { token, password }),
    onSuccess: async (answer) => {
      setCsrfToken(answer.csrf ?? answer.session?.csrf ?? '');
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      navigate(paths.dashboard, { replace: true });
      notifications.show({ color: 'green', message: 'Votre adresse e-mail est confirmée et votre espace famille est créé.' });
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
    verify.mutate();
  };
  if (token.length < 8)
    return (
      <Page title="Confirmer mon adresse e-mail">
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Ce lien est incomplet" role="alert">
          Ouvrez le lien reçu par e-mail en entier, ou recommencez votre demande.
        </Alert>
        <Link to={paths.signUp}>Créer mon espace famille</Link>
      </Page>
    );
  if (pending.isPending) return <Loading label="Vérification du lien…" />;
  if (pending.isError)
    return (
      <Page title="Confirmer mon adresse e-mail">
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Ce lien ne fonctionne pas" role="alert">
          {errorMessage(pending.error)}
        </Alert>
        <Link to={paths.login}>Aller à la page de connexion</Link>
        <Link to={paths.signUp}>Recommencer la demande</Link>
      </Page>
    );
  const identity = { firstName: pending.data.firstName, lastName: pending.data.lastName, login: pending.data.email };
  const refused = verify.error && !(verify.error instanceof ApiError && verify.error.code === 'weak_password');
  return (
    <Page title="Confirmer mon adresse e-mail" intro="Dernière étape : choisissez le mot de passe de votre espace famille.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Card withBorder padding="md" radius="md">
            <Text>
              Espace famille de{' '}
              <strong>
                {identity.firstName} {identity.lastName}
              </strong>
            </Text>
            <Text mt={4}>
              Votre identifiant de connexion : <strong>{identity.login}</strong>
            </Text>
          </Card>
          {/* For password managers: the identifier that goes with the new password. */}
          <input type="text" name="username" autoComplete="username" value={identity.login} readOnly hidden />
          <RequiredNote />
          <PasswordField value={password} onChange={setPassword} identity={identity} error={fieldError} />
          {refused && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Votre espace n’est pas créé">
              <Stack gap={4}>
                <Text size="sm">{errorMessage(verify.error)}</Text>
                <Text size="sm">
                  Lien expiré ou déjà utilisé ? <Link to={paths.login}>Se connecter</Link> ou{' '}
                  <Link to={paths.signUp}>recommencer la demande</Link>.
                </Text>
              </Stack>
            </Alert>
          )}
          <Button type="submit" size="md" loading={verify.isPending}>
            Créer mon espace famille
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
