// Inscriptions: for each child, the activities the commune opens to online enrolment — their rules in plain
// French, the tariff bracket that applies to the household, the periods to choose, and the documents still
// missing (link to Documents) — then the request; below, the requests made and their state (en attente,
// acceptée, refusée avec le motif, liste d'attente, annulée), a pending one can be withdrawn.
import { Alert, Button, Card, Group, List, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconFileAlert, IconSend } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { api, errorMessage } from '../../api';
import { Link, Loading, LoadError, Page } from '../../components/Page';
import { euros, formatDate, parisToday } from '../../format';
import { paths } from '../../paths';
import { queryClient } from '../../queryClient';
import { useSpace } from '../../session';
import { statusText } from '../../theme';
import type { Child, EnrolmentActivity, EnrolmentOptions, EnrolmentRequest } from '../../types';
import { StateBadge } from '../documents/StateBadge';
import { enrolmentKey, fetchEnrolmentOptions, isOpen } from './enrolment';
import { documentStateLabels, requestStatusLabels } from './labels';

const longDate = (date: string) => formatDate(date, { withYear: true, weekday: false });
const periodText = (p: { fromDate: string; toDate: string }) => `du ${longDate(p.fromDate)} au ${longDate(p.toDate)}`;

function invalidate(householdId: string) {
  void queryClient.invalidateQueries({ queryKey: enrolmentKey(householdId) });
  void queryClient.invalidateQueries({ queryKey: ['dashboard', householdId] });
  void queryClient.invalidateQueries({ queryKey: ['activities', householdId] });
}

function ActivityOffer({
  householdId,
  child,
  activity,
  options,
}: {
  householdId: string;
  child: Child;
  activity: EnrolmentActivity;
  options: EnrolmentOptions;
}) {
  const titleId = useId();
  // Requests of this child for this activity that still hold (waiting or accepted): their periods are taken.
  const held = options.requests.filter(
    (r) => r.childId === child.id && r.activityId === activity.id && (isOpen(r) || r.status === 'accepted'),
  );
  const periods = activity.periods.filter((p) => !held.some((r) => r.fromDate <= p.toDate && p.fromDate <= r.toDate));
  const keyOf = (p: { fromDate: string; toDate: string }) => `${p.fromDate}_${p.toDate}`;
  const [period, setPeriod] = useState(periods.length === 1 ? keyOf(periods[0]!) : '');
  const [periodError, setPeriodError] = useState<string>();
  const missing = (
    options.requiredDocuments.find((d) => d.childId === child.id && d.activityId === activity.id)?.documents ?? []
  ).filter((d) => d.state !== 'validated' && d.state !== 'received');
  const request = useMutation({
    mutationFn: (p: { fromDate: string; toDate: string }) =>
      api<{ value?: { status?: string } }>('POST', `/api/parent/households/${householdId}/enrolment-requests`, {
        childId: child.id,
        activityId: activity.id,
        fromDate: p.fromDate,
        toDate: p.toDate,
      }),
    onSuccess: (answer) => {
      const status = answer?.value?.status;
      setPeriod('');
      notifications.show({
        color: 'green',
        message:
          status === 'accepted'
            ? `${child.firstName} est inscrit(e) : ${activity.name}.`
            : status === 'waitlisted'
              ? `Demande enregistrée pour ${child.firstName} : ${activity.name} est complet, elle est en liste d’attente.`
              : `Demande envoyée pour ${child.firstName} : ${activity.name}. La mairie vous répondra par e-mail.`,
      });
      invalidate(householdId);
    },
  });
  const submit = () => {
    const chosen = periods.find((p) => keyOf(p) === period);
    if (!chosen) {
      setPeriodError('Choisissez une période.');
      return;
    }
    setPeriodError(undefined);
    request.mutate(chosen);
  };
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={titleId}>
          {activity.name}
        </Title>
        {activity.rulesText && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {activity.rulesText}
          </Text>
        )}
        {!activity.tariffBracket && <Text size="sm">Tarif : la mairie vous l’indiquera avec sa réponse.</Text>}
        {activity.tariffBracket && (
          <div>
            <Text size="sm" fw={600}>
              Votre tarif : {activity.tariffBracket.label}
            </Text>
            {activity.tariffBracket.explanation && <Text size="sm">{activity.tariffBracket.explanation}</Text>}
            {activity.tariffBracket.prices.length > 0 && (
              <List size="sm" spacing={2}>
                {activity.tariffBracket.prices.map((p) => (
                  <List.Item key={p.label}>
                    {p.label} : {euros(p.cents)}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        )}
        {missing.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconFileAlert aria-hidden />} title="Documents à fournir" py="xs">
            <Stack gap={4}>
              <List size="sm" spacing={2}>
                {missing.map((d) => (
                  <List.Item key={`${d.documentTypeId}-${d.childId ?? ''}`}>
                    {d.name} : {documentStateLabels[d.state].label.toLowerCase()}
                  </List.Item>
                ))}
              </List>
              <Text size="sm">
                Vous pouvez faire la demande dès maintenant ; la mairie l’examinera avec les documents.{' '}
                {/* Darker than the default link colour: 4.5:1 on the alert's orange tint too. */}
                <Link to={paths.documents} c={statusText.blue} fw={600}>
                  Envoyer les documents
                </Link>
              </Text>
            </Stack>
          </Alert>
        )}
        {held.map((r) => (
          <Group key={r.id} gap="xs">
            <Text size="sm">Demande {periodText(r)} :</Text>
            <StateBadge {...requestStatusLabels[r.status]} />
          </Group>
        ))}
        {periods.length === 0 ? (
          held.length === 0 && <Text size="sm">Aucune période n’est ouverte aux inscriptions pour le moment.</Text>
        ) : (
          <Stack gap="sm">
            <Radio.Group
              label="Période"
              required
              value={period}
              onChange={setPeriod}
              error={periodError}
              name={`periode-${child.id}-${activity.id}`}
            >
              <Stack gap="xs" mt="xs">
                {periods.map((p) => (
                  <Radio
                    key={keyOf(p)}
                    value={keyOf(p)}
                    label={p.label}
                    description={`Du ${longDate(p.fromDate)} au ${longDate(p.toDate)}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            {request.isError && (
              <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" py="xs">
                {errorMessage(request.error)}
              </Alert>
            )}
            <Group>
              <Button leftSection={<IconSend size={16} aria-hidden />} loading={request.isPending} onClick={submit}>
                Demander l’inscription de {child.firstName}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function RequestRow({ householdId, request, child, activityName }: { householdId: string; request: EnrolmentRequest; child?: Child; activityName: string }) {
  const cancel = useMutation({
    mutationFn: () => api('POST', `/api/parent/households/${householdId}/enrolment-requests/${request.id}/cancel`, {}),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Votre demande est annulée.' });
      invalidate(householdId);
    },
  });
  return (
    <Card withBorder radius="md" padding="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={700} size="sm">
            {child ? `${child.firstName} — ` : ''}
            {activityName}
          </Text>
          <StateBadge {...requestStatusLabels[request.status]} />
        </Group>
        <Text size="sm">
          {periodText(request)} · demandée le {longDate(parisToday(new Date(request.requestedAt)))}
        </Text>
        {request.status === 'refused' && request.reason && (
          <Text size="sm">
            <strong>Motif :</strong> {request.reason}
          </Text>
        )}
        {isOpen(request) && (
          <Group>
            <Button size="xs" variant="default" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              Annuler cette demande
            </Button>
          </Group>
        )}
        {cancel.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(cancel.error)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function EnrolmentPage() {
  const { household } = useSpace();
  const options = useQuery({ queryKey: enrolmentKey(household.id), queryFn: () => fetchEnrolmentOptions(household.id) });
  const data = options.data;
  const activityName = (id: string, fallback?: string) => fallback ?? data?.activities.find((a) => a.id === id)?.name ?? 'Activité';
  return (
    <Page title="Inscriptions" intro="Inscrivez vos enfants à la cantine, à la garderie et aux autres activités de la commune.">
      {options.isPending ? (
        <Loading />
      ) : options.isError ? (
        <LoadError error={options.error} onRetry={() => void options.refetch()} />
      ) : (
        <Stack gap="xl">
          {data!.requests.length > 0 && (
            <Stack gap="sm" component="section" aria-labelledby="mes-demandes">
              <Title order={2} size="h3" id="mes-demandes">
                Mes demandes
              </Title>
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {data!.requests.map((r) => (
                  <RequestRow
                    key={r.id}
                    householdId={household.id}
                    request={r}
                    child={data!.children.find((c) => c.id === r.childId)}
                    activityName={activityName(r.activityId, r.activityName)}
                  />
                ))}
              </Stack>
            </Stack>
          )}
          {data!.activities.length === 0 ? (
            <Text>Aucune activité n’est ouverte aux inscriptions en ligne pour le moment.</Text>
          ) : (
            data!.children.map((child) => (
              <Stack key={child.id} gap="sm" component="section" aria-labelledby={`inscrire-${child.id}`}>
                <Title order={2} size="h3" id={`inscrire-${child.id}`}>
                  Inscrire {child.firstName} {child.lastName}
                </Title>
                {data!.activities.map((activity) => (
                  <ActivityOffer key={activity.id} householdId={household.id} child={child} activity={activity} options={data!} />
                ))}
              </Stack>
            ))
          )}
        </Stack>
      )}
    </Page>
  );
}
