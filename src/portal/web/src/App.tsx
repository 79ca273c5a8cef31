// Providers (Mantine, notifications, TanStack Query) and the page for the current address. Pages of the parent
// space need a session: without one, the login page comes first and brings the parent back afterwards.
import { Alert, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Loading, LoadError, Page } from './components/Page';
import { AccessibilityStatementPage } from './features/accessibility/AccessibilityStatementPage';
import { ActivitiesPage } from './features/activities/ActivitiesPage';
import { ActivationCodePage, ActivationPage } from './features/auth/ActivationPage';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage';
import { LoginPage } from './features/auth/LoginPage';
import { ContactPage } from './features/contact/ContactPage';
import { DocumentsPage } from './features/documents/DocumentsPage';
import { EnrolmentPage } from './features/enrolment/EnrolmentPage';
import { SignUpPage } from './features/signup/SignUpPage';
import { SignUpVerifyPage } from './features/signup/SignUpVerifyPage';
import { YearlyFilePage } from './features/yearlyFile/YearlyFilePage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { InvoicesPage } from './features/invoices/InvoicesPage';
import { ReservationsPage } from './features/reservations/ReservationsPage';
import { parseRoute, paths, publicRoutes, type Route } from './paths';
import { queryClient } from './queryClient';
import { navigate, useLocation } from './router';
import { SpaceProvider, useSession, useSpace } from './session';
import { PublicLayout, SpaceLayout } from './shell/Layout';
import { NotFoundPage } from './shell/NotFoundPage';
import { cssVariablesResolver, theme } from './theme';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function SpacePage({ route }: { route: Route }) {
  const { household } = useSpace();
  // `key`: another household is another page (no state carried over).
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage key={household.id} />;
    case 'activities':
      return <ActivitiesPage key={household.id} />;
    case 'reservations':
      return <ReservationsPage key={household.id} initialMonth={route.month} />;
    case 'contact':
      return <ContactPage />;
    case 'invoices':
      return <InvoicesPage key={household.id} />;
    case 'enrolment':
      return <EnrolmentPage key={household.id} />;
    case 'documents':
      return <DocumentsPage key={household.id} />;
    case 'yearlyFile':
      return <YearlyFilePage key={household.id} />;
    case 'accessibility':
      return <AccessibilityStatementPage />;
    default:
      return <NotFoundPage />;
  }
}

function PublicPage({ route }: { route: Route }) {
  switch (route.name) {
    case 'login':
      return <LoginPage next={route.next} />;
    case 'forgotPassword':
      return <ForgotPasswordPage />;
    case 'activationCode':
      return <ActivationCodePage />;
    case 'activation':
      return <ActivationPage key={route.token} token={route.token} />;
    case 'signUp':
      return <SignUpPage />;
    case 'signUpVerify':
      return <SignUpVerifyPage key={route.token} token={route.token} />;
    case 'accessibility':
      return <AccessibilityStatementPage />;
    default:
      return <NotFoundPage />;
  }
}

function Root() {
  const location = useLocation();
  const [pathname = '/', search = ''] = location.split(/(?=\?)/);
  const route = parseRoute(pathname, search);
  const session = useSession();

  if (session.isPending)
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  if (session.isError)
    return (
      <PublicLayout>
        <LoadError error={session.error} onRetry={() => void session.refetch()} />
      </PublicLayout>
    );
  const signedIn = session.data;

  if (route.name === 'login' && signedIn) return <Redirect to={route.next ?? paths.dashboard} />;
  // The statement and "page introuvable" are public, but keep the space's frame when signed in.
  const inSpace = signedIn && (!publicRoutes.has(route.name) || route.name === 'accessibility' || route.name === 'notFound');
  if (!inSpace) {
    if (!publicRoutes.has(route.name)) {
      const next = route.name === 'dashboard' ? '' : `?suite=${encodeURIComponent(location)}`;
      return <Redirect to={`${paths.login}${next}`} />;
    }
    return (
      <PublicLayout>
        <PublicPage route={route} />
      </PublicLayout>
    );
  }
  if (signedIn.households.length === 0)
    return (
      <PublicLayout>
        <Page title="Aucun foyer">
          <Alert color="orange" role="alert">
            Aucun foyer n’est rattaché à votre compte. Adressez-vous à la mairie.
          </Alert>
        </Page>
      </PublicLayout>
    );
  return (
    <SpaceProvider session={signedIn}>
      <SpaceLayout route={route}>
        <SpacePage route={route} />
      </SpaceLayout>
    </SpaceProvider>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <Notifications position="top-center" limit={3} />
        <Root />
      </QueryClientProvider>
    </MantineProvider>
  );
}
