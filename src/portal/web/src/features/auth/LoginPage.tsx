// Login with the identifier (e-mail, or the one printed on the letter) and the password; the hub's French
// refusal ("Identifiant ou mot de passe incorrect.", "Trop de tentatives…") is shown as it comes.
import { Alert, Button, Divider, Stack, Text, TextInput, PasswordInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, setCsrfToken } from '../../api';
import { Link, Page, RequiredNote } from '../../components/Page';
import { paths } from '../../paths';
import { queryClient, sessionKey } from '../../queryClient';
import { navigate } from '../../router';

export function LoginPage({ next }: { next: string | null }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ login?: string; password?: string }>({});
  const signIn = useMutation({
    mutationFn: () => api<{ csrf: string }>('POST', '/api/parent/login', { login: login.trim(), password }),
    onSuccess: async ({ csrf }) => {
      setCsrfToken(csrf);
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      navigate(next ?? paths.dashboard, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      login: login.trim() ? undefined : 'Indiquez votre identifiant.',
      password: password ? undefined : 'Indiquez votre mot de passe.',
    };
    setErrors(found);
    if (found.login || found.password) return;
    signIn.mutate();
  };
  return (
    <Page
      title="Connexion"
      heading="Connexion à l’espace famille"
      intro="Réservez la cantine et les activités de vos enfants, suivez vos factures."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <RequiredNote />
          {next && (
            <Alert color="blue" variant="light">
              Connectez-vous pour afficher cette page.
            </Alert>
          )}
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
            error={errors.login}
          />
          <PasswordInput
            label="Mot de passe"
            required
            size="md"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
            aria-invalid={errors.password ? true : undefined}
          />
          {signIn.isError && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorMessage(signIn.error)}
            </Alert>
          )}
          <Button type="submit" size="md" loading={signIn.isPending}>
            Se connecter
          </Button>
          <Link to={paths.forgotPassword}>Mot de passe oublié ?</Link>
        </Stack>
      </form>
      <Divider />
      <Stack gap={4}>
        <Text fw={600}>Première connexion ?</Text>
        <Text size="sm">
          Suivez le lien de l’e-mail envoyé par la mairie, ou{' '}
          <Link to={paths.activationCode}>saisissez le code de votre courrier</Link>.
        </Text>
      </Stack>
      <Stack gap={4}>
        <Text fw={600}>Nouvelle famille dans la commune ?</Text>
        <Text size="sm">
          Vous n’avez pas encore de dossier à la mairie : <Link to={paths.signUp}>créer mon espace famille</Link>.
        </Text>
      </Stack>
    </Page>
  );
}
