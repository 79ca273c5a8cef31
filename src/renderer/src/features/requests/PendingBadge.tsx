// « En attente de validation »: a household signed up online that staff have not validated yet (search results,
// family page). A link to the « Demandes » screen when asked, where the sign-up is decided.
import { Badge } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { text } from './text';

export function PendingBadge({ size = 'sm' }: { size?: 'sm' | 'lg' }) {
  return (
    <Badge
      color="orange"
      c="gray.9"
      variant="light"
      style={{ border: '1px solid var(--mantine-color-orange-7)' }}
      size={size}
      leftSection={<IconHourglass size={size === 'lg' ? 14 : 12} aria-hidden />}
    >
      {text.pendingHousehold}
    </Badge>
  );
}
