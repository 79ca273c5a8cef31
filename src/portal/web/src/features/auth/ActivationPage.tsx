// Account activation: from the e-mailed link (`/activer/<jeton>`), or with the code printed on the commune's
// letter (`/activer`, for families without e-mail). The page says whose space is being activated and with
// which identifier, the parent chooses a password (rules and strength shown), and lands in the space. The
// same page serves the "mot de passe oublié" link (kind `reset`). The code stays in the page, never in the URL.
import { Alert, Button, Card, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage, setCsrfToken } from '../../api';
import { Link, Loading, Page, RequiredNote } from '../../components/Page';
import { paths } from '../../paths';
import { queryClient, sessionKey } from '../../queryClient';
import { navigate } from '../../router';
import type { ActivationInfo } from '../../types';
import { PasswordField } from './PasswordField';

const activationKey = (token: string) => ['activation', token] as const;
const fetchActivation = (token: string) => api<ActivationInfo>('GET', `/api/parent/activation/${encodeURIComponent(token)}`);

function ActivationForm({ token, info }: { token: string; info: ActivationInfo }) {
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const activate = useMutation({
    mutationFn: () => api<{ csrf: string }>('POST', '/api/parent/activate', { token, password }),
    onSuccess: async ({ csrf }) => {
      setCsrfToken(csrf);
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      navigate(paths.dashboard, { replace: true });
      notifications.show({
        color: 'green',
        message:
          info.kind === 'reset' ? 'Votre nouveau mot de passe est enregistré.' : 'Votre espace famille est activé. Bienvenue !',
      });
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
    activate.mutate();
  };
  const refused = activate.error && !(activate.error instanceof ApiError && activate.error.code === 'weak_password');
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder padding="md" radius="md">
          <Text>
            {info.kind === 'reset' ? 'Nouveau mot de passe pour ' : 'Espace famille de '}
            <strong>
              {info.firstName} {info.lastName}
            </strong>
          </Text>
          {info.login && (
            <Text mt={4}>
              Votre identifiant de connexion : <strong>{info.login}</strong>
            </Text>
          )}
        </Card>
        {/* For password managers: the identifier that goes with the new password. */}
        <input type="text" name="username" autoComplete="username" value={info.login} readOnly hidden />
        <RequiredNote />
        <PasswordField value={password} onChange={setPassword} identity={info} error={fieldError} />
        {refused && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {errorMessage(activate.error)}
          </Alert>
        )}
        <Button type="submit" size="md" loading={activate.isPending}>
          {info.kind === 'reset' ? 'Enregistrer mon nouveau mot de passe' : 'Activer mon espace famille'}
        </Button>
      </Stack>
    </form>
  );
}

function LinkRefused({ error }: { error: unknown }) {
  return (
    <Stack gap="md">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Ce lien ne fonctionne pas" role="alert">
        {errorMessage(error)}
      </Alert>
      <Link to={paths.forgotPassword}>Recevoir un nouveau lien (mot de passe oublié)</Link>
      <Link to={paths.login}>Aller à la page de connexion</Link>
    </Stack>
  );
}

export function ActivationPage({ token }: { token: string }) {
  const info = useQuery({
    queryKey: activationKey(token),
    queryFn: () => fetchActivation(token),
    retry: false,
    staleTime: Infinity,
  });
  const title = info.data?.kind === 'reset' ? 'Choisir un nouveau mot de passe' : 'Activer mon espace famille';
  return (
    <Page
      title={title}
      intro={info.data && info.data.kind !== 'reset' ? 'Dernière étape : choisissez votre mot de passe.' : undefined}
    >
      {info.isPending ? (
        <Loading label="Vérification du lien…" />
      ) : info.isError ? (
        <LinkRefused error={info.error} />
      ) : (
        <ActivationForm token={token} info={info.data} />
      )}
    </Page>
  );
}

/** `ABCDE-FGHIJ`: 10 letters or digits, dashes and spaces ignored. */
const normalizeCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function ActivationCodePage() {
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const check = useMutation({
    mutationFn: (value: string) => fetchActivation(value).then((info) => ({ info, code: value })),
    onError: (error) => setFieldError(errorMessage(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFieldError(undefined);
    const value = normalizeCode(code);
    if (value.length < 10) {
      setFieldError('Le code comporte 10 lettres ou chiffres, comme sur le courrier (par exemple ABCDE-FGHIJ).');
      return;
    }
    check.mutate(value);
  };
  if (check.data) {
    return (
      <Page title="Activer mon espace famille" intro="Dernière étape : choisissez votre mot de passe.">
        <ActivationForm token={check.data.code} info={check.data.info} />
      </Page>
    );
  }
  return (
    <Page title="Activer mon espace famille" intro="Vous avez reçu un courrier de la mairie avec un code d’activation.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <RequiredNote />
          <TextInput
            label="Code d’activation"
            description="Il figure sur le courrier, par exemple ABCDE-FGHIJ. Les tirets sont facultatifs."
            required
            size="md"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={fieldError}
          />
          <Button type="submit" size="md" loading={check.isPending}>
            Continuer
          </Button>
          <Text size="sm">
            Vous avez reçu un e-mail ? Suivez simplement le lien qu’il contient. Déjà activé ?{' '}
            <Link to={paths.login}>Se connecter</Link>
          </Text>
        </Stack>
      </form>
    </Page>
  );
}
