// The link of the sign-up e-mail (`/inscription/verifier?jeton=…`): the parent chooses a password (same rules
// and field as activation), the hub creates the family's file (pending the commune's validation) and the
// account, and opens the session. A used or expired link gets the hub's French message and a way forward.
import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { api, errorMessage } from '../../api';
import { Link, Loading, Page } from '../../components/Page';
import { paths } from '../../paths';
import { NewPasswordForm } from '../auth/NewPasswordForm';

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
  return (
    <Page title="Confirmer mon adresse e-mail" intro="Dernière étape : choisissez le mot de passe de votre espace famille.">
      <NewPasswordForm
        identity={identity}
        whose="Espace famille de "
        send={(password) =>
          api<{ csrf?: string; session?: { csrf: string } }>('POST', '/api/parent/signup/verify', { token, password }).then(
            (answer) => answer.csrf ?? answer.session?.csrf ?? '',
          )
        }
        success="Votre adresse e-mail est confirmée et votre espace famille est créé."
        submitLabel="Créer mon espace famille"
        refusedTitle="Votre espace n’est pas créé"
        refusedHelp={
          <>
            Lien expiré ou déjà utilisé ? <Link to={paths.login}>Se connecter</Link> ou{' '}
            <Link to={paths.signUp}>recommencer la demande</Link>.
          </>
        }
      />
    </Page>
  );
}
