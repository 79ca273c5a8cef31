// The phone reservation screen (`#/familles/<id>/reservations[/YYYY-MM]`), the core of the desk: the household,
// its children, one month; per child and activity a calendar of days × units with each cell's state; clicks
// or keys build a selection that "Valider" previews and sends; "Réserver un modèle" books weekdays over a
// period; the call summary collects what was done, ready to read back to the parent.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Chip,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconCalendarRepeat, IconChevronLeft, IconChevronRight, IconPhone, IconSchool, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { publicHolidayOf } from '../../../../shared/domain/schoolCalendar';
import { EnrolmentModal, type EnrolmentChild } from '../activities/EnrolmentModal';
import { formatDate, formatPhone, fullName, parisToday } from '../families/format';
import { useFamily } from '../families/queries';
import { navigate, paths } from '../../router';
import { CallSummary } from './CallSummary';
import type { SummaryBatch } from './callSummary';
import { addMonths, defaultMonth, monthDays, monthLabel, monthOf } from './dates';
import { GridLegend, MonthCalendar } from './MonthCalendar';
import { PatternModal, type PatternTarget } from './PatternModal';
import { useCalendar, useMonthGrid, type CalendarView, type GridActivity, type GridChild } from './queries';
import { reconcilePending, togglePending, type Pending } from './selection';
import { text } from './text';
import { ValidateModal } from './ValidateModal';

export function ReservationScreen({ householdId, month: routeMonth }: { householdId: string; month: string | null }) {
  const today = parisToday();
  const month = routeMonth ?? defaultMonth(today);
  const grid = useMonthGrid(householdId, month);
  const family = useFamily(householdId);
  const days = monthDays(month);
  const calendar = useCalendar(days[0]!, days[days.length - 1]!);
  const [selected, setSelected] = useState<string[] | null>(null);
  const [pending, setPending] = useState<Pending>(new Map());
  const [validating, setValidating] = useState(false);
  const [pattern, setPattern] = useState<PatternTarget | null | undefined>(undefined);
  const [enrolling, setEnrolling] = useState<EnrolmentChild | null>(null);
  const [batches, setBatches] = useState<SummaryBatch[]>([]);

  const data = grid.data;
  const children = useMemo(() => data?.children ?? [], [data]);
  const selectedIds = selected ?? children.map((c) => c.childId);
  // A day booked by someone else, or pointed, since it was selected leaves the selection.
  useEffect(() => {
    if (data) setPending((p) => reconcilePending(p, data.children));
  }, [data]);

  const goMonth = (next: string) => navigate(paths.reservations(householdId, next));
  const pendingList = [...pending.values()];
  const toBook = pendingList.filter((p) => p.action === 'book').length;
  const toCancel = pendingList.length - toBook;
  const outsideMonth = pendingList.filter((p) => monthOf(p.date) !== month).length;
  useHotkeys([['mod+Enter', () => pendingList.length > 0 && setValidating(true)]]);

  if (grid.isPending) {
    return (
      <Group gap="sm" p="md">
        <Loader size="sm" />
        <Text>{text.loading}</Text>
      </Group>
    );
  }
  if (!data) {
    return (
      <Alert color="red" title={text.notFound}>
        <Anchor href={paths.home}>{text.backToFamily}</Anchor>
      </Alert>
    );
  }

  const guardians = family.data?.guardians ?? [];
  const summaryHeading = text.summary.heading(data.household.name, formatDate(today));
  const shown = children.filter((c) => selectedIds.includes(c.childId));

  return (
    <Stack gap="sm" data-testid="reservation-screen">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {text.title(data.household.name)}
          </Title>
          {guardians.length > 0 && (
            <Group gap="md">
              {guardians.map((g) => (
                <Group key={g.id} gap={4} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {fullName(g)}
                  </Text>
                  {(g.mobilePhone || g.homePhone) && (
                    <Text size="sm" c="dimmed" ff="monospace">
                      <IconPhone size={13} aria-hidden style={{ verticalAlign: 'middle', marginRight: 2 }} />
                      {formatPhone(g.mobilePhone || g.homePhone)}
                    </Text>
                  )}
                </Group>
              ))}
            </Group>
          )}
        </Stack>
        <Button component="a" href={paths.family(householdId)} variant="default">
          {text.backToFamily}
        </Button>
      </Group>

      <Paper withBorder p="xs" radius="md">
        <Group justify="space-between" wrap="nowrap" gap="md">
          {children.length > 0 ? (
            <Chip.Group multiple value={selectedIds} onChange={setSelected}>
              <Group gap={6} role="group" aria-label={text.children}>
                {children.map((c) => (
                  <Chip key={c.childId} value={c.childId} size="sm">
                    {c.firstName}
                    {c.schoolLevel ? ` (${c.schoolLevel})` : ''}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          ) : (
            <Text size="sm">{text.noChild}</Text>
          )}
          <Group gap={4} wrap="nowrap" role="group" aria-label={text.month.label}>
            <Tooltip label={text.month.previous}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={text.month.previous}
                onClick={() => goMonth(addMonths(month, -1))}
              >
                <IconChevronLeft size={18} />
              </ActionIcon>
            </Tooltip>
            <Text fw={700} w={150} ta="center" aria-live="polite" data-testid="month-label">
              {monthLabel(month)}
            </Text>
            <Tooltip label={text.month.next}>
              <ActionIcon variant="default" size="lg" aria-label={text.month.next} onClick={() => goMonth(addMonths(month, 1))}>
                <IconChevronRight size={18} />
              </ActionIcon>
            </Tooltip>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => goMonth(monthOf(today))}
              disabled={month === monthOf(today)}
            >
              {text.month.current}
            </Button>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => goMonth(addMonths(monthOf(today), 1))}
              disabled={month === addMonths(monthOf(today), 1)}
            >
              {text.month.following}
            </Button>
          </Group>
          <Button
            leftSection={<IconCalendarRepeat size={18} aria-hidden />}
            onClick={() => {
              const first = shown.find((c) => c.activities.length > 0);
              setPattern(first ? { childId: first.childId, activityId: first.activities[0]!.activityId } : null);
            }}
            disabled={!children.some((c) => c.activities.length > 0)}
          >
            {text.pattern.open}
          </Button>
        </Group>
      </Paper>

      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: 'minmax(0, 1fr) 360px',
          gap: 'var(--mantine-spacing-sm)',
          alignItems: 'start',
        }}
      >
        <Stack gap="sm" style={{ minWidth: 0 }}>
          <GridLegend />
          <Text size="xs" c="dimmed" mt={-6}>
            {text.grid.keyboardHint}
          </Text>
          {shown.map((child) => (
            <ChildMonth
              key={child.childId}
              child={child}
              month={month}
              today={today}
              days={data.days}
              calendar={calendar.data}
              pending={pending}
              onToggle={(activity, cell) => setPending((p) => togglePending(p, child, activity, cell))}
              onPattern={(activity) => setPattern({ childId: child.childId, activityId: activity.activityId })}
              onEnrol={() =>
                setEnrolling({
                  id: child.childId,
                  firstName: child.firstName,
                  lastName: child.lastName,
                  schoolLevel: child.schoolLevel,
                })
              }
            />
          ))}
        </Stack>
        <Stack gap="sm" style={{ position: 'sticky', top: 72 }}>
          <Paper
            withBorder
            p="sm"
            radius="md"
            bg={pendingList.length ? 'blue.0' : undefined}
            aria-live="polite"
            data-testid="selection-bar"
          >
            <Text size="sm" fw={pendingList.length ? 700 : 400} c={pendingList.length ? undefined : 'dimmed'}>
              {pendingList.length ? text.selection.summary(toBook, toCancel) : text.selection.empty}
              {outsideMonth > 0 && ` (${text.selection.otherMonths(outsideMonth)})`}
            </Text>
            {pendingList.length > 0 && (
              <Group justify="space-between" mt="xs">
                <Button variant="subtle" size="compact-sm" color="gray" onClick={() => setPending(new Map())}>
                  {text.selection.clear}
                </Button>
                <Button onClick={() => setValidating(true)}>{text.selection.validate}</Button>
              </Group>
            )}
          </Paper>
          <CallSummary batches={batches} heading={summaryHeading} onClear={() => setBatches([])} />
        </Stack>
      </Box>

      <ValidateModal
        opened={validating}
        onClose={() => setValidating(false)}
        householdId={householdId}
        pending={pendingList}
        onDone={(done, sent) => {
          setBatches((b) => [...b, ...done]);
          setPending((p) => {
            const next = new Map(p);
            for (const key of sent) next.delete(key);
            return next;
          });
        }}
      />
      <PatternModal
        opened={pattern !== undefined}
        onClose={() => setPattern(undefined)}
        grid={data}
        month={month}
        today={today}
        calendar={calendar.data}
        initial={pattern ?? null}
        onDone={(done) => setBatches((b) => [...b, ...done])}
      />
      <EnrolmentModal child={enrolling} onClose={() => setEnrolling(null)} />
    </Stack>
  );
}

interface ChildMonthProps {
  child: GridChild;
  month: string;
  today: string;
  days: Parameters<typeof MonthCalendar>[0]['days'];
  calendar: CalendarView | undefined;
  pending: Pending;
  onToggle: (activity: GridActivity, cell: GridActivity['cells'][number]) => void;
  onPattern: (activity: GridActivity) => void;
  onEnrol: () => void;
}

function ChildMonth({ child, month, today, days, calendar, pending, onToggle, onPattern, onEnrol }: ChildMonthProps) {
  const t = text.grid;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="section"
      aria-label={fullName(child)}
      data-testid={`child-${child.firstName}`}
    >
      <Group justify="space-between" mb={6}>
        <Group gap="xs">
          <Title order={2} size="h4">
            {fullName(child)}
          </Title>
          {child.schoolLevel && (
            <Badge variant="light" color="gray" leftSection={<IconSchool size={12} aria-hidden />}>
              {child.schoolLevel}
            </Badge>
          )}
        </Group>
        <Button variant="subtle" size="compact-sm" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={onEnrol}>
          {t.enrol}
        </Button>
      </Group>
      {child.activities.length === 0 && (
        <Text size="sm" c="dimmed">
          {t.noActivity(child.firstName)}
        </Text>
      )}
      <Stack gap="md">
        {child.activities.map((activity) => (
          <Stack key={activity.activityId} gap={4}>
            <Group justify="space-between" align="flex-end" wrap="nowrap">
              <Stack gap={0}>
                <Group gap="xs">
                  <Title order={3} size="h5">
                    {activity.name}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {activity.groupName ? t.group(activity.groupName) : t.noGroup}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {[
                    t.bookingRule(activity.bookingRuleText),
                    activity.cancellationRuleText !== activity.bookingRuleText
                      ? t.cancellationRule(activity.cancellationRuleText)
                      : '',
                    ...activity.enrolments.map((e) =>
                      t.enrolled(
                        formatDate(e.fromDate),
                        formatDate(e.toDate),
                        text.enrolment.categories[e.tariffCategory] ?? e.tariffCategory,
                      ),
                    ),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Stack>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconCalendarRepeat size={16} aria-hidden />}
                onClick={() => onPattern(activity)}
                aria-label={text.pattern.openFor(child.firstName, activity.name)}
              >
                {text.pattern.short}
              </Button>
            </Group>
            <MonthCalendar
              child={child}
              activity={activity}
              month={month}
              today={today}
              days={days}
              dayNotes={dayNotesFor(activity.activityId, days, calendar)}
              pending={pending}
              onToggle={(cell) => onToggle(activity, cell)}
            />
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

/** Why a day is closed, for the day header: public holiday, or a closure of the commune or the activity. */
function dayNotesFor(
  activityId: string,
  days: readonly { date: string }[],
  calendar: CalendarView | undefined,
): Map<string, string> {
  const notes = new Map<string, string>();
  for (const { date } of days) {
    const holiday = publicHolidayOf(date);
    if (holiday) notes.set(date, holiday.name);
  }
  for (const closure of calendar?.closures ?? []) {
    if (closure.activityId === null || closure.activityId === activityId) notes.set(closure.date, `Fermé : ${closure.reason}`);
  }
  return notes;
}
