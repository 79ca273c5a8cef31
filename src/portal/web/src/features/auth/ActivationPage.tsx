// Account activation: from the e-mailed link (`/activer/<jeton>`), or with the code printed on the commune's
// letter (`/activer`, for families without e-mail). The page says whose space is being activated and with
// which identifier, the parent chooses a password (rules and strength shown), and lands in the space. The
// same page serves the "mot de passe oublié" link (kind `reset`). The code stays in the page, never in the URL.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { Link, Loading, Page, RequiredNote } from '../../components/Page';
import { paths } from '../../paths';
import type { ActivationInfo } from '../../types';
import { NewPasswordForm } from './NewPasswordForm';

const activationKey = (token: string) => ['activation', token] as const;
const fetchActivation = (token: string) => api<ActivationInfo>('GET', `/api/parent/activation/${encodeURIComponent(token)}`);

function ActivationForm({ token, info }: { token: string; info: ActivationInfo }) {
  const reset = info.kind === 'reset';
  return (
    <NewPasswordForm
      identity={info}
      whose={reset ? 'Nouveau mot de passe pour ' : 'Espace famille de '}
      send={(password) => api<{ csrf: string }>('POST', '/api/parent/activate', { token, password }).then(({ csrf }) => csrf)}
      success={reset ? 'Votre nouveau mot de passe est enregistré.' : 'Votre espace famille est activé. Bienvenue !'}
      submitLabel={reset ? 'Enregistrer mon nouveau mot de passe' : 'Activer mon espace famille'}
    />
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
