// Billing screens are for the régisseur and the administrateur (src/shared/permissions.ts); in set-up mode, with
// no staff account yet, for everyone. The desk core refuses the calls anyway: this says so before any call.
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Loading } from './Loading';
import { useBillingAccess } from './queries';
import { text } from './text';

export function AccessGate({ children }: { children: ReactNode }) {
  const { pending, access } = useBillingAccess();
  if (pending) return <Loading />;
  if (!access.billing)
    return (
      <Alert color="orange" icon={<IconLock aria-hidden />} title={text.access.title} role="alert">
        {text.access.regisseur}
      </Alert>
    );
  return <>{children}</>;
}
