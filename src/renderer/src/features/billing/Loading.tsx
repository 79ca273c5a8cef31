// The waiting and failure states of the billing screens: an icon and words, never a bare spinner.
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { text } from './text';

export function Loading({ label = text.loading }: { label?: string }) {
  return (
    <Group gap="sm" p="md" role="status">
      <Loader size="sm" aria-hidden />
      <Text>{label}</Text>
    </Group>
  );
}

export function LoadError({ error, onRetry }: { error: Error | null; onRetry?: () => void }) {
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={text.loadFailed} role="alert">
      <Text size="sm">{error?.message ?? ''}</Text>
      {onRetry && (
        <Button size="xs" variant="default" mt="xs" onClick={onRetry}>
          {text.retry}
        </Button>
      )}
    </Alert>
  );
}
