// "Mot de passe oublié": the hub e-mails a link valid 2 hours, and answers the same whether an account exists
// or not; the page repeats its message. Parents without e-mail are sent to the commune.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconMailCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { Link, Page, RequiredNote } from '../../components/Page';
import { paths } from '../../paths';

export function ForgotPasswordPage() {
  const [login, setLogin] = useState('');
  const [error, setError] = useState<string>();
  const send = useMutation({
    mutationFn: () => api<{ ok: true; message: string }>('POST', '/api/parent/password/forgot', { login: login.trim() }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!login.trim()) {
      setError('Indiquez votre identifiant.');
      return;
    }
    setError(undefined);
    send.mutate();
  };
  return (
    <Page
      title="Mot de passe oublié"
      intro="Indiquez votre identifiant : vous recevrez un lien pour choisir un nouveau mot de passe."
    >
      {send.isSuccess ? (
        <Alert color="green" icon={<IconMailCheck aria-hidden />} title="Demande envoyée" role="status">
          <Stack gap="xs">
            <Text size="sm">{send.data.message}</Text>
            <Text size="sm">Le lien est valable 2 heures. Pensez à regarder dans les courriers indésirables.</Text>
          </Stack>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <RequiredNote />
            <TextInput
              label="Identifiant"
              description="Votre adresse e-mail, ou l’identifiant indiqué sur le courrier de la mairie."
              required
              size="md"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={login}
              onChange={(event) => setLogin(event.currentTarget.value)}
              error={error}
            />
            {send.isError && (
              <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
                {errorMessage(send.error)}
              </Alert>
            )}
            <Button type="submit" size="md" loading={send.isPending}>
              Recevoir un lien
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm">Pas d’adresse e-mail ? La mairie peut vous remettre un nouveau courrier d’activation.</Text>
      <Link to={paths.login}>Retour à la connexion</Link>
    </Page>
  );
}
