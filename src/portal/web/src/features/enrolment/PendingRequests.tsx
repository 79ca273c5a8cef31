// The household's enrolment requests still waiting for the commune (tableau de bord), with their state in words.
import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../../components/Page';
import { formatDate } from '../../format';
import { paths } from '../../paths';
import { StateBadge } from '../documents/StateBadge';
import { enrolmentKey, fetchEnrolmentOptions, isOpen } from './enrolment';
import { requestStatusLabels } from './labels';

export function usePendingRequests(householdId: string) {
  const options = useQuery({ queryKey: enrolmentKey(householdId), queryFn: () => fetchEnrolmentOptions(householdId) });
  const data = options.data;
  const pending = (data?.requests ?? []).filter(isOpen);
  return { options, pending };
}

export function PendingRequests({ householdId }: { householdId: string }) {
  const { options, pending } = usePendingRequests(householdId);
  const data = options.data;
  if (!data) return null;
  return (
    <Stack gap="xs">
      {pending.length === 0 ? (
        <Text>Aucune demande en attente.</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {pending.map((r) => {
            const child = data.children.find((c) => c.id === r.childId);
            const activity = r.activityName ?? data.activities.find((a) => a.id === r.activityId)?.name ?? 'Activité';
            return (
              <li key={r.id}>
                <Group gap="xs" justify="space-between" wrap="wrap">
                  <Text size="sm">
                    <strong>{child?.firstName}</strong> — {activity}, à partir du {formatDate(r.fromDate, { weekday: false, withYear: true })}
                  </Text>
                  <StateBadge {...requestStatusLabels[r.status]} />
                </Group>
              </li>
            );
          })}
        </Stack>
      )}
      <Link to={paths.enrolment} size="sm">
        Inscrire un enfant à une activité
      </Link>
    </Stack>
  );
}
