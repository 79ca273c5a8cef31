// The commune's messages to the household (decisions on requests, documents, the yearly file…), newest first,
// as the hub keeps them (family_messages); the same messages are e-mailed once by the hub.
import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { Loading, LoadError } from '../../components/Page';
import { formatDate } from '../../format';
import type { FamilyMessage } from '../../types';

export const messagesKey = (householdId: string) => ['familyMessages', householdId] as const;

function fetchMessages(householdId: string): Promise<FamilyMessage[]> {
  return api<FamilyMessage[] | { messages: FamilyMessage[] }>('GET', `/api/parent/households/${householdId}/messages`).then(
    (answer) => (Array.isArray(answer) ? answer : answer.messages),
  );
}

const when = (instant: string) =>
  formatDate(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(instant)), {
    withYear: true,
    weekday: false,
  });

export function FamilyMessages({ householdId, limit = 5 }: { householdId: string; limit?: number }) {
  const messages = useQuery({ queryKey: messagesKey(householdId), queryFn: () => fetchMessages(householdId) });
  if (messages.isPending) return <Loading />;
  if (messages.isError) return <LoadError error={messages.error} onRetry={() => void messages.refetch()} />;
  const shown = [...messages.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  if (shown.length === 0) return <Text>Aucun message pour le moment.</Text>;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {shown.map((m) => (
        <Card key={m.id} component="li" withBorder radius="sm" padding="sm" bg="blue.0">
          <Title order={3} size="h6">
            {m.subject}
          </Title>
          <Text size="xs" c="dimmed" mb={4}>
            Le {when(m.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {m.body}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
