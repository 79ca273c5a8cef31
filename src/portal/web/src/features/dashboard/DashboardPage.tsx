// Tableau de bord: messages from the commune, places obtained from the waiting list, the children, the next
// bookings, what is waiting (with the position), and the balance due once invoices exist (hidden otherwise).
import { Alert, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconCalendarEvent, IconClockHour4, IconInfoCircle, IconSparkles } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { api } from '../../api';
import { Link, Loading, LoadError, Page } from '../../components/Page';
import { euros, formatDate, positionText } from '../../format';
import { paths } from '../../paths';
import { followLink } from '../../router';
import { useSpace } from '../../session';
import { statusText } from '../../theme';
import type { Dashboard } from '../../types';
import { PendingRequests } from '../enrolment/PendingRequests';
import { fetchInvoices, invoicesKey } from '../invoices/invoices';
import { FamilyMessages } from '../messages/FamilyMessages';
import { YearlyFileSummary } from '../yearlyFile/YearlyFileSummary';

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  const id = useId();
  return (
    <Card component="section" aria-labelledby={id} withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const what = (b: { unit?: string; activity?: string }) => [b.activity, b.unit].filter(Boolean).join(', ');

const levelLabels: Record<string, string> = { PS: 'petite section', MS: 'moyenne section', GS: 'grande section' };

function Balance({ householdId }: { householdId: string }) {
  const invoices = useQuery({ queryKey: invoicesKey(householdId), queryFn: () => fetchInvoices(householdId) });
  const due = (invoices.data ?? []).reduce((sum, i) => sum + Math.max(0, i.dueCents), 0);
  // No invoice yet (or none due): nothing to say.
  if (!invoices.data?.length) return null;
  return (
    <Section title="Solde à régler" action={<Link to={paths.invoices}>Voir les factures</Link>}>
      {due > 0 ? (
        <Text size="lg" fw={700}>
          {euros(due)}
        </Text>
      ) : (
        <Text>Vous êtes à jour de vos paiements.</Text>
      )}
    </Section>
  );
}

function Messages({ messages }: { messages: Dashboard['messages'] }) {
  return (
    <Section title="Informations">
      {messages.length === 0 ? (
        <Text>Aucun message pour le moment.</Text>
      ) : (
        <Stack gap="sm">
          {messages.map((m, index) => (
            <Alert key={index} color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={m.title}>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {m.body}
              </Text>
            </Alert>
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function DashboardPage() {
  const { household, session } = useSpace();
  const dashboard = useQuery({
    queryKey: ['dashboard', household.id],
    queryFn: () => api<Dashboard>('GET', `/api/parent/households/${household.id}/dashboard`),
  });
  const data = dashboard.data;
  const promoted = data ? data.promotions.flatMap((p) => data.nextBookings.filter((b) => b.bookingId === p.bookingId)) : [];
  return (
    <Page title="Tableau de bord" intro={`Bonjour ${session.guardian.firstName} ${session.guardian.lastName}.`}>
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <Stack gap="md">
          {promoted.map((b) => (
            <Alert key={b.bookingId} color="green" icon={<IconSparkles aria-hidden />} title="Une place s’est libérée">
              {b.child} a une place le {formatDate(b.date)} ({what(b)}) : la réservation est confirmée.
            </Alert>
          ))}
          {data!.messages.length > 0 && <Messages messages={data!.messages} />}
          <Section title="Messages de la mairie">
            <FamilyMessages householdId={household.id} />
          </Section>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Section title="Prochaines réservations">
              {data!.nextBookings.length === 0 ? (
                <Stack gap="xs" align="flex-start">
                  <Text>Aucune réservation à venir.</Text>
                  <Button
                    component="a"
                    href={paths.reservations}
                    onClick={followLink}
                    leftSection={<IconCalendarEvent size={18} aria-hidden />}
                  >
                    Réserver
                  </Button>
                </Stack>
              ) : (
                <Stack gap="sm">
                  <List spacing="sm" icon={<IconCalendarEvent size={18} aria-hidden />}>
                    {data!.nextBookings.map((b) => (
                      <List.Item key={b.bookingId}>
                        <Text fw={700} size="sm">
                          {capitalize(formatDate(b.date))}
                        </Text>
                        <Text size="sm">
                          {b.child} — {what(b)}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                  <Link to={paths.reservations}>Réserver ou annuler d’autres jours</Link>
                </Stack>
              )}
            </Section>
            <Section title="Liste d’attente">
              {data!.waitlisted.length === 0 ? (
                <Text>Aucune demande en liste d’attente.</Text>
              ) : (
                <Stack gap="xs">
                  <List spacing="sm" icon={<IconClockHour4 size={18} aria-hidden />}>
                    {data!.waitlisted.map((b) => (
                      <List.Item key={b.bookingId}>
                        <Text fw={700} size="sm">
                          {capitalize(formatDate(b.date))}
                        </Text>
                        <Text size="sm">
                          {b.child} — {what(b)} :{' '}
                          <Text span fw={700} c={statusText.orange}>
                            {positionText(b.position)}
                          </Text>
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                  <Text size="xs" c="dimmed">
                    Dès qu’une place se libère, elle est attribuée dans l’ordre de la liste et la réservation est confirmée.
                  </Text>
                </Stack>
              )}
            </Section>
            <Section title="Vos enfants" action={<Link to={paths.activities}>Activités</Link>}>
              <List spacing="xs" size="sm">
                {data!.children.map((c) => (
                  <List.Item key={c.id}>
                    <strong>
                      {c.firstName} {c.lastName}
                    </strong>
                    {c.schoolLevel && ` — ${levelLabels[c.schoolLevel] ?? c.schoolLevel}`}
                  </List.Item>
                ))}
              </List>
            </Section>
            <Section title="Demandes d’inscription">
              <PendingRequests householdId={household.id} />
            </Section>
            <Section title="Dossier annuel">
              <YearlyFileSummary householdId={household.id} />
            </Section>
            <Balance householdId={household.id} />
          </SimpleGrid>
          <Text size="sm">
            Pensez à tenir <Link to={paths.contact}>vos coordonnées</Link> à jour : la mairie doit pouvoir vous joindre.
          </Text>
        </Stack>
      )}
    </Page>
  );
}
