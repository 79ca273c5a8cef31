// « Attestations qui expirent ce mois »: validated documents whose validity ends this month, and those already
// expired that no newer document replaces — so that staff can remind the families in time.
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarDue } from '@tabler/icons-react';
import { paths } from '../../router';
import { useExpiring } from './queries';
import { text } from './text';

const t = text.expiring;

export function ExpiringPanel() {
  const expiring = useExpiring();
  const rows = expiring.data ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="expiring-title">
      <Stack gap="xs">
        <Group gap="xs">
          <IconCalendarDue size={18} aria-hidden />
          <Title order={2} size="h4" id="expiring-title">
            {t.title}
          </Title>
          {rows.length > 0 && (
            <Badge variant="light" color="orange" c="gray.9">
              {rows.length}
            </Badge>
          )}
        </Group>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {expiring.isPending ? text.loading : t.empty}
          </Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {rows.map((d) => (
              <li key={d.documentId}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" style={{ minWidth: 0 }} truncate>
                    <Anchor href={paths.family(d.householdId)} size="sm" fw={600}>
                      {d.householdName}
                    </Anchor>{' '}
                    — {d.documentTypeName}
                    {d.childName ? ` (${d.childName})` : ''}
                  </Text>
                  <Badge
                    size="sm"
                    variant={d.expired ? 'filled' : 'light'}
                    color={d.expired ? 'red.9' : 'orange'}
                    c={d.expired ? undefined : 'gray.9'}
                    style={{ flexShrink: 0 }}
                  >
                    {d.expired ? t.expired(d.validUntil) : t.ends(d.validUntil)}
                  </Badge>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
