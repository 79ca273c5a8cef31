// Providers (Mantine, notifications, TanStack Query), the session gate, and the screen for the current address.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FamilyForm } from './features/families/FamilyForm';
import { FamilyPage } from './features/families/FamilyPage';
import { HomePage } from './features/families/HomePage';
import { ActivitiesScreen } from './features/activities/ActivitiesScreen';
import { AdminScreen } from './features/admin/AdminScreen';
import { AttendanceScreen } from './features/attendance/AttendanceScreen';
import { AccountScreen } from './features/billing/AccountScreen';
import { BillingRunScreen } from './features/billing/BillingRunScreen';
import { InvoiceScreen } from './features/billing/InvoiceScreen';
import { InvoicesScreen } from './features/billing/InvoicesScreen';
import { JournalScreen } from './features/billing/JournalScreen';
import { PaymentScreen } from './features/billing/PaymentScreen';
import { TariffsScreen } from './features/billing/TariffsScreen';
import { RequestsScreen } from './features/requests/RequestsScreen';
import { ReservationScreen } from './features/reservations/ReservationScreen';
import { SessionGate } from './features/session/SessionGate';
import { SyncScreen } from './features/sync/SyncScreen';
import { queryClient } from './queryClient';
import { parseRoute, useHash, type Route } from './router';
import { AppLayout } from './shell/AppLayout';
import { NotFound } from './shell/NotFound';
import { cssVariablesResolver, theme } from './theme';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'newFamily':
      return <FamilyForm />;
    case 'family':
      return <FamilyPage key={route.householdId} householdId={route.householdId} />;
    case 'reservations':
      return <ReservationScreen key={route.householdId} householdId={route.householdId} month={route.month} />;
    case 'attendance':
      return <AttendanceScreen />;
    case 'activities':
      return <ActivitiesScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'requests':
      return <RequestsScreen />;
    case 'billingRun':
      return <BillingRunScreen month={route.month} />;
    case 'invoices':
      return <InvoicesScreen />;
    case 'invoice':
      return <InvoiceScreen key={route.invoiceId} invoiceId={route.invoiceId} />;
    case 'payment':
      return <PaymentScreen key={route.paymentId} paymentId={route.paymentId} />;
    case 'account':
      return <AccountScreen key={route.householdId} householdId={route.householdId} />;
    case 'regie':
      return <JournalScreen />;
    case 'tariffs':
      return <TariffsScreen />;
    case 'admin':
      return <AdminScreen key={route.page} page={route.page} />;
    default:
      return <NotFound />;
  }
}

export function App() {
  const hash = useHash();
  const route = parseRoute(hash);
  useEffect(() => {
    // Braces matter: recent Chromium returns a promise from scrollTo, which an effect must not return.
    window.scrollTo(0, 0);
  }, [hash]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <Notifications position="top-right" limit={4} />
        {/* Login and lock screens instead of the desk when no one may see it (features/session). */}
        <SessionGate>
          <AppLayout route={route}>
            <Screen route={route} />
          </AppLayout>
        </SessionGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
