// Activités: what each child is enrolled in, for which period, the units with their hours, and the booking
// and cancellation rules in plain French with an example.
import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api } from '../../api';
import { Link, Loading, LoadError, Page } from '../../components/Page';
import { formatDate, formatHours, parisToday } from '../../format';
import { paths } from '../../paths';
import { useSpace } from '../../session';
import type { ActivitiesResponse, Enrolment } from '../../types';
import { exampleOf, explainRule } from './rules';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const kindLabels: Record<string, string> = {
  canteen: 'Restauration scolaire',
  periscolaire: 'Accueil périscolaire',
  wednesday: 'Mercredis',
  holiday: 'Accueil de loisirs (vacances)',
};

function EnrolmentCard({ enrolment }: { enrolment: Enrolment }) {
  const id = useId();
  const activity = enrolment.activity;
  if (!activity) return null;
  const today = parisToday();
  const now = new Date().toISOString();
  const current = enrolment.fromDate <= today && today <= enrolment.toDate;
  return (
    <Card component="article" aria-labelledby={id} withBorder radius="md" padding="md">
      <Group justify="space-between" gap="xs" mb="xs">
        <Title order={3} size="h4" id={id}>
          {activity.name}
        </Title>
        <Badge color={current ? 'green' : 'gray'} variant="light">
          {current ? 'Inscription en cours' : enrolment.fromDate > today ? 'Inscription à venir' : 'Inscription terminée'}
        </Badge>
      </Group>
      <Stack gap="sm">
        <Text size="sm">
          Inscrit(e) du {formatDate(enrolment.fromDate, { withYear: true, weekday: false })} au{' '}
          {formatDate(enrolment.toDate, { withYear: true, weekday: false })}
          {kindLabels[activity.kind] && activity.name !== kindLabels[activity.kind] ? ` — ${kindLabels[activity.kind]}` : ''}.
        </Text>
        <div>
          <Text size="sm" fw={600}>
            {activity.units.length > 1 ? 'Unités réservables' : 'Unité réservable'}
          </Text>
          <List size="sm" spacing={2}>
            {activity.units.map((u) => (
              <List.Item key={u.id}>
                {u.name}
                {formatHours(u.startTime, u.endTime) && ` : ${formatHours(u.startTime, u.endTime)}`}
              </List.Item>
            ))}
          </List>
        </div>
        <div>
          <Text size="sm" fw={600}>
            Pour réserver
          </Text>
          <Text size="sm">
            {capitalize(activity.bookingDeadline ? explainRule(activity.bookingDeadline) : activity.bookingRule)}.
            {activity.bookingDeadline && ` ${exampleOf(activity.bookingDeadline, today, now)}`}
          </Text>
        </div>
        <div>
          <Text size="sm" fw={600}>
            Pour annuler
          </Text>
          <Text size="sm">
            {capitalize(activity.cancellationDeadline ? explainRule(activity.cancellationDeadline) : activity.cancellationRule)}.
            {activity.cancellationDeadline && ` ${exampleOf(activity.cancellationDeadline, today, now)}`}
          </Text>
        </div>
      </Stack>
    </Card>
  );
}

export function ActivitiesPage() {
  const { household } = useSpace();
  const activities = useQuery({
    queryKey: ['activities', household.id],
    queryFn: () => api<ActivitiesResponse>('GET', `/api/parent/households/${household.id}/activities`),
  });
  return (
    <Page title="Activités" intro="Les activités auxquelles vos enfants sont inscrits, et les règles pour réserver et annuler.">
      {activities.isPending ? (
        <Loading />
      ) : activities.isError ? (
        <LoadError error={activities.error} onRetry={() => void activities.refetch()} />
      ) : (
        activities.data.children.map((child) => (
          <Stack key={child.id} component="section" gap="sm" aria-labelledby={`enfant-${child.id}`}>
            <Title order={2} size="h3" id={`enfant-${child.id}`}>
              {child.firstName} {child.lastName}
            </Title>
            {child.enrolments.filter((e) => e.activity).length === 0 ? (
              <Text>Aucune inscription. Les inscriptions se font auprès de la mairie.</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                {child.enrolments.map((e) => (
                  <EnrolmentCard key={e.id} enrolment={e} />
                ))}
              </SimpleGrid>
            )}
          </Stack>
        ))
      )}
      <Stack gap="xs" maw={760}>
        <Title order={2} size="h4">
          Bon à savoir
        </Title>
        <Text size="sm">
          Passé le délai d’annulation, une réservation ne peut plus être annulée en ligne : contactez la mairie.
        </Text>
        <Text size="sm">
          Quand une journée est complète, vous pouvez demander une place en liste d’attente : les places libérées sont attribuées
          dans l’ordre des demandes, et la réservation est alors confirmée.
        </Text>
        <Text size="sm">
          Pour une nouvelle inscription, ou pour changer de période, adressez-vous à la mairie.{' '}
          <Link to={paths.reservations}>Aller aux réservations</Link>
        </Text>
      </Stack>
    </Page>
  );
}
