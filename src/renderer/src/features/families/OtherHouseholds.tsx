// "Autres foyers": the households that share a child or a guardian with this one (separated parents), as links.
import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core';
import { IconArchive, IconHome } from '@tabler/icons-react';
import { paths } from '../../router';
import { text } from './labels';
import type { FamilyView } from './queries';

export function OtherHouseholds({ households }: { households: FamilyView['otherHouseholds'] }) {
  const t = text.family;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="other-households-title">
      <Title order={2} size="h4" id="other-households-title">
        {t.otherHouseholds}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t.otherHouseholdsHint}
      </Text>
      {households.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.noOtherHousehold}
        </Text>
      ) : (
        <List spacing={4} listStyleType="none">
          {households.map((h) => (
            <List.Item key={h.id}>
              <Group gap={6}>
                <IconHome size={16} aria-hidden />
                <Anchor href={paths.family(h.id)} fw={600}>
                  {h.name}
                </Anchor>
                {h.archivedAt && (
                  <Badge size="xs" color="gray" variant="outline" leftSection={<IconArchive size={10} aria-hidden />}>
                    {t.archivedBadge}
                  </Badge>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
