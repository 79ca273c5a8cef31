// Réservations: a child's month, activity by activity, with places left kept current, each day's deadline in
// words, and what can still be done. The parent ticks days (book, waiting list when full, cancel before the
// deadline), checks the list, confirms; or books a whole period with a weekday pattern. After confirming,
// the hub's answer for every day is listed (booked, waiting-list position, or refused with the reason).
import { Alert, Box, Button, Group, List, Modal, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconCalendarRepeat, IconChevronLeft, IconChevronRight, IconCircleCheck } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Loading, LoadError, Page } from '../../components/Page';
import { addMonths, formatDate, formatMonth, parisToday } from '../../format';
import { queryClient } from '../../queryClient';
import { paths } from '../../paths';
import { useSpace } from '../../session';
import type { GridActivity, GridCell } from '../../types';
import { DayList, MonthTable, unitText } from './ActivityCalendar';
import { choiceKey, type ActionKind, type Choice } from './cellView';
import { fetchGrid, gridKey, GRID_REFRESH_MS } from './grid';
import { PatternBooking } from './PatternBooking';
import classes from './Reservations.module.css';
import { submitChoices, type ChoiceOutcome } from './submit';

const lastDayOf = (month: string) =>
  `${month}-${String(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()).padStart(2, '0')}`;

function ActivitySection({ activity, children }: { activity: GridActivity; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <div>
        <Title order={2} size="h3" id={headingId}>
          {activity.name}
        </Title>
        <Text size="sm">
          {activity.units.map(unitText).join(' · ')}
          {activity.groupName ? ` · groupe ${activity.groupName}` : ''}
        </Text>
        <Text size="sm">
          Réservation : {activity.bookingRuleText} · Annulation : {activity.cancellationRuleText}
        </Text>
      </div>
      {children}
    </Stack>
  );
}

function Outcomes({ outcomes, onClose }: { outcomes: ChoiceOutcome[]; onClose: () => void }) {
  const refused = outcomes.filter((o) => !o.ok).length;
  return (
    <Alert
      color={refused ? 'orange' : 'green'}
      icon={refused ? <IconAlertTriangle aria-hidden /> : <IconCircleCheck aria-hidden />}
      title={
        refused ? `${refused} demande${refused > 1 ? 's' : ''} non enregistrée${refused > 1 ? 's' : ''}` : 'C’est enregistré'
      }
      withCloseButton
      closeButtonLabel="Fermer le compte rendu"
      onClose={onClose}
      role="status"
    >
      <List size="sm" spacing={4}>
        {outcomes.map(({ choice, text }) => (
          <List.Item key={choice.key}>
            {choice.childName}, {formatDate(choice.date)} — {choice.unitName} : {text}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

const kindTitle: Record<ActionKind, string> = {
  book: 'À réserver',
  waitlist: 'En liste d’attente (complet)',
  cancel: 'À annuler',
  leaveWaitlist: 'À retirer de la liste d’attente',
};

export function ReservationsPage({ initialMonth }: { initialMonth: string | null }) {
  const { household } = useSpace();
  const wide = useMediaQuery('(min-width: 62em)', window.innerWidth >= 992);
  const phone = useMediaQuery('(max-width: 36em)', window.innerWidth < 576);
  const [month, setMonthState] = useState(() => initialMonth ?? parisToday().slice(0, 7));
  // The month goes in the address (reload, bookmark), without a navigation.
  const setMonth = (next: string) => {
    setMonthState(next);
    window.history.replaceState(null, '', paths.reservationsOf(next));
  };
  const [childId, setChildId] = useState<string | null>(null);
  const [choices, setChoices] = useState<Map<string, Choice>>(new Map());
  const [reviewing, setReviewing] = useState(false);
  const [patternOpen, setPatternOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcomes, setOutcomes] = useState<ChoiceOutcome[] | null>(null);
  const grid = useQuery({
    queryKey: gridKey(household.id, month),
    queryFn: () => fetchGrid(household.id, month),
    refetchInterval: GRID_REFRESH_MS,
    placeholderData: (previous) => previous,
  });

  const data = grid.data;
  const child = data?.children.find((c) => c.childId === childId) ?? data?.children[0];
  const thisMonth = parisToday().slice(0, 7);

  const toggle = (activity: GridActivity) => (cell: GridCell, kind: ActionKind) => {
    if (!child) return;
    const key = choiceKey(child.childId, cell.unitId, cell.date);
    setChoices((current) => {
      const next = new Map(current);
      if (next.has(key)) next.delete(key);
      else
        next.set(key, {
          key,
          childId: child.childId,
          childName: child.firstName,
          activityName: activity.name,
          unitId: cell.unitId,
          unitName: activity.units.find((u) => u.id === cell.unitId)?.name ?? '',
          date: cell.date,
          kind,
          bookingId: cell.bookingId,
        });
      return next;
    });
  };

  const finish = async (result: ChoiceOutcome[]) => {
    setOutcomes(result);
    setChoices(new Map());
    setReviewing(false);
    setPatternOpen(false);
    await queryClient.invalidateQueries({ queryKey: ['reservations', household.id] });
    await queryClient.invalidateQueries({ queryKey: ['dashboard', household.id] });
    const refused = result.filter((o) => !o.ok).length;
    notifications.show({
      color: refused ? 'orange' : 'green',
      message: refused
        ? 'Certaines demandes n’ont pas pu être enregistrées : voir le compte rendu.'
        : 'Vos choix sont enregistrés.',
    });
    document.getElementById('compte-rendu')?.focus();
  };

  const send = async () => {
    setSending(true);
    try {
      await finish(await submitChoices(household.id, [...choices.values()]));
    } finally {
      setSending(false);
    }
  };

  const list = [...choices.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const counts = {
    book: list.filter((c) => c.kind === 'book' || c.kind === 'waitlist').length,
    cancel: list.filter((c) => c.kind === 'cancel' || c.kind === 'leaveWaitlist').length,
  };
  const childLabelId = useId();

  return (
    <Page
      title="Réservations"
      intro="Cochez les jours à réserver ou à annuler, puis validez. Les places restantes se mettent à jour automatiquement."
    >
      <Box id="compte-rendu" tabIndex={-1} style={{ outline: 'none' }}>
        {outcomes && <Outcomes outcomes={outcomes} onClose={() => setOutcomes(null)} />}
      </Box>
      {grid.isPending ? (
        <Loading />
      ) : grid.isError && !data ? (
        <LoadError error={grid.error} onRetry={() => void grid.refetch()} />
      ) : !data || data.children.length === 0 || !child ? (
        <Text>Aucun enfant n’est rattaché à votre foyer.</Text>
      ) : (
        <>
          <Stack gap="sm">
            {data.children.length > 1 && (
              <Stack gap={4}>
                <Text fw={600} id={childLabelId}>
                  Enfant
                </Text>
                <SegmentedControl
                  aria-labelledby={childLabelId}
                  value={child.childId}
                  onChange={setChildId}
                  data={data.children.map((c) => ({ value: c.childId, label: c.firstName }))}
                  fullWidth={phone}
                  color="blue.8"
                  style={{ alignSelf: phone ? undefined : 'flex-start' }}
                />
              </Stack>
            )}
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title
                order={2}
                size="h3"
                aria-live="polite"
                ta="center"
                tt="capitalize"
                style={{ flexBasis: phone ? '100%' : 0, flexGrow: 1, order: phone ? 0 : 1 }}
              >
                {formatMonth(month)}
              </Title>
              {/* The visible words are part of each name (WCAG 2.5.3); the name adds the month. */}
              <Button
                variant="default"
                leftSection={<IconChevronLeft size={18} aria-hidden />}
                onClick={() => setMonth(addMonths(month, -1))}
                disabled={month <= addMonths(thisMonth, -2)}
                aria-label={`Mois précédent : ${formatMonth(addMonths(month, -1))}`}
                style={{ order: 0 }}
              >
                {phone ? 'Précédent' : 'Mois précédent'}
              </Button>
              <Button
                variant="default"
                rightSection={<IconChevronRight size={18} aria-hidden />}
                onClick={() => setMonth(addMonths(month, 1))}
                disabled={month >= addMonths(thisMonth, 12)}
                aria-label={`Mois suivant : ${formatMonth(addMonths(month, 1))}`}
                style={{ order: 2 }}
              >
                {phone ? 'Suivant' : 'Mois suivant'}
              </Button>
            </Group>
            <Group gap="sm">
              <Button
                variant="outline"
                leftSection={<IconCalendarRepeat size={18} aria-hidden />}
                onClick={() => setPatternOpen(true)}
                disabled={!child.activities.length}
              >
                Réserver sur une période
              </Button>
            </Group>
          </Stack>
          {child.activities.length === 0 ? (
            <Text>
              {child.firstName} n’est inscrit(e) à aucune activité en {formatMonth(month)}. Les inscriptions se font auprès de la
              mairie.
            </Text>
          ) : (
            child.activities.map((activity) => {
              const props = {
                childId: child.childId,
                activity,
                grid: data,
                isChosen: (key: string) => choices.has(key),
                toggle: toggle(activity),
              };
              return (
                <ActivitySection key={activity.activityId} activity={activity}>
                  {wide ? <MonthTable {...props} /> : <DayList {...props} />}
                </ActivitySection>
              );
            })
          )}
          {list.length > 0 && (
            <Paper
              className={classes.selectionBar}
              shadow="lg"
              p="sm"
              radius="md"
              withBorder
              role="region"
              aria-label="Votre sélection"
            >
              <Group justify="space-between" gap="sm">
                <Text fw={600} aria-live="polite">
                  {[
                    counts.book && `${counts.book} jour${counts.book > 1 ? 's' : ''} à réserver`,
                    counts.cancel && `${counts.cancel} à annuler`,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </Text>
                <Group gap="xs">
                  <Button variant="default" onClick={() => setChoices(new Map())}>
                    Tout désélectionner
                  </Button>
                  <Button onClick={() => setReviewing(true)}>Vérifier et valider</Button>
                </Group>
              </Group>
            </Paper>
          )}
          <Modal opened={reviewing} onClose={() => setReviewing(false)} title="Vérifiez vos choix" fullScreen={phone} size="lg">
            <Stack gap="md">
              {(Object.keys(kindTitle) as ActionKind[]).map((kind) => {
                const ofKind = list.filter((c) => c.kind === kind);
                if (!ofKind.length) return null;
                return (
                  <div key={kind}>
                    <Title order={3} size="h5" mb={4}>
                      {kindTitle[kind]}
                    </Title>
                    <List size="sm" spacing={4}>
                      {ofKind.map((c) => (
                        <List.Item key={c.key}>
                          {c.childName}, {formatDate(c.date)} — {c.activityName}, {c.unitName}
                        </List.Item>
                      ))}
                    </List>
                  </div>
                );
              })}
              {counts.cancel > 0 && <Text size="sm">Une annulation faite dans les délais n’est pas facturée.</Text>}
              <Group justify="space-between">
                <Button variant="default" onClick={() => setReviewing(false)} disabled={sending}>
                  Revenir au calendrier
                </Button>
                <Button onClick={() => void send()} loading={sending}>
                  Confirmer
                </Button>
              </Group>
            </Stack>
          </Modal>
          <Modal
            opened={patternOpen}
            onClose={() => setPatternOpen(false)}
            title={`Réserver sur une période — ${child.firstName}`}
            fullScreen={phone}
            size="lg"
          >
            {patternOpen && (
              <PatternBooking
                householdId={household.id}
                child={child}
                defaultFrom={month === thisMonth ? parisToday() : `${month}-01`}
                defaultTo={lastDayOf(month)}
                onDone={(result) => void finish(result)}
              />
            )}
          </Modal>
        </>
      )}
    </Page>
  );
}
