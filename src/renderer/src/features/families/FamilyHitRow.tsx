// One family in a result list: household name, archived badge, guardians, children with their age, and the
// main phone number in national format — what staff need to recognise the caller's family at a glance.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconArchive, IconMoodKid, IconPhone, IconUsers } from '@tabler/icons-react';
import { formatAge, formatPhone, fullName } from './format';
import { text } from './labels';
import type { FamilyHit } from './queries';
import { PendingBadge } from '../requests/PendingBadge';

export function FamilyHitRow({ hit, today }: { hit: FamilyHit; today: string }) {
  const phone = hit.guardians.map((g) => g.mobilePhone).find(Boolean) ?? '';
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <Text fw={700} size="md" truncate>
            {hit.name}
          </Text>
          {hit.archived && (
            <Badge color="gray" variant="outline" size="sm" leftSection={<IconArchive size={12} aria-hidden />}>
              {text.search.archived}
            </Badge>
          )}
          {hit.pending && <PendingBadge />}
        </Group>
        <Group gap={6} wrap="nowrap">
          <IconUsers size={15} aria-label={text.search.guardians} style={{ flexShrink: 0 }} />
          <Text size="sm" truncate>
            {hit.guardians.map(fullName).join(' · ')}
          </Text>
        </Group>
        {hit.children.length > 0 && (
          <Group gap={6} wrap="nowrap">
            <IconMoodKid size={15} aria-label={text.search.children} style={{ flexShrink: 0 }} />
            <Text size="sm" c="dimmed" truncate>
              {hit.children.map((c) => `${fullName(c)} (${formatAge(c.birthDate, today)})`).join(' · ')}
            </Text>
          </Group>
        )}
      </Stack>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        <IconPhone size={15} aria-hidden />
        <Text size="sm" fw={600} c={phone ? undefined : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {phone ? formatPhone(phone) : text.search.noPhone}
        </Text>
      </Group>
    </Group>
  );
}
