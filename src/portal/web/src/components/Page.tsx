// What every page has: a document title ("Réservations — Espace famille — Aiffres"), one h1 that takes the
// focus after an in-app navigation (screen readers then read the new page), and loading / error states
// that say in words what is happening.
import { Alert, Anchor, Button, Group, Loader, Stack, Text, Title, type TitleProps } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { followLink, navigationCount } from '../router';
import { useCommune } from '../session';

export function usePageTitle(title: string): void {
  const commune = useCommune();
  useEffect(() => {
    document.title = [title, 'Espace famille', commune].filter(Boolean).join(' — ');
  }, [title, commune]);
}

export function PageHeading({ children, ...props }: TitleProps & { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigationCount() > 0) ref.current?.focus();
  }, []);
  return (
    <Title order={1} ref={ref} tabIndex={-1} style={{ outlineOffset: 4 }} {...props}>
      {children}
    </Title>
  );
}

export function Page({
  title,
  heading,
  intro,
  children,
}: {
  title: string;
  heading?: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading>{heading ?? title}</PageHeading>
        {intro && <Text c="dimmed">{intro}</Text>}
      </Stack>
      {children}
    </Stack>
  );
}

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <Group gap="sm" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text>{label}</Text>
    </Group>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title="Impossible d’afficher cette page"
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Réessayer
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** An in-app link (no page reload); opens normally in a new tab with Ctrl/Cmd-click. */
export function Link({
  to,
  children,
  ...props
}: { to: string; children: ReactNode } & Omit<React.ComponentProps<typeof Anchor<'a'>>, 'href'>) {
  return (
    <Anchor href={to} onClick={followLink} {...props}>
      {children}
    </Anchor>
  );
}

/** Said once above a form whose fields carry the asterisk (RGAA 11.10: the sign is explained). */
export function RequiredNote() {
  return <Text size="sm">Les champs marqués d’un astérisque (*) sont obligatoires.</Text>;
}
