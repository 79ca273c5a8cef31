// « Chargement… »: a spinner and what is being loaded, announced as a status to screen readers.
import { Group, Loader, Text } from '@mantine/core';

export function LoadingLine({ label }: { label?: string }) {
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" aria-hidden />
      {label !== undefined && <Text>{label}</Text>}
    </Group>
  );
}
