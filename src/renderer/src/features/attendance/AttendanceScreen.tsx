// Attendance (pointage, `#/pointage`): for a day, an activity and a group, the children expected with their
// health and meal needs (PAI, allergies, diet — text and icon), marked present / absent justifié / absent non
// justifié with buttons or the keyboard, "Tout présent" for the rest, an unbooked child added after a family
// search, counts per group, and a printable sheet (window.print()).
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  IconAlertTriangle,
  IconCheck,
  IconChevronLeft,
  IconClock,
  IconChevronRight,
  IconFirstAidKit,
  IconInfoCircle,
  IconLeaf,
  IconListCheck,
  IconPrinter,
  IconUserCheck,
  IconUserPlus,
  IconUserX,
} from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { useCommand } from '../../commands';
import { DateField } from '../../components/DateField';
import { formatDate, parisToday, parseDate } from '../families/format';
import { dietLabels } from '../families/labels';
import { addDays, longDate } from '../reservations/dates';
import { invalidateBookings, useActivities, useAttendance, type AttendanceSheet } from '../reservations/queries';
import { Pill } from '../reservations/Pill';
import { AddUnbookedModal } from './AddUnbookedModal';
import { PrintSheet } from './PrintSheet';
import { text } from './text';
import './print.css';

type Row = AttendanceSheet['rows'][number];
type Mark = 'present' | 'absentJustified' | 'absentUnjustified';

const markOf = (row: Row): Mark | null =>
  row.status === 'attended'
    ? 'present'
    : row.status === 'absent'
      ? row.absenceJustified
        ? 'absentJustified'
        : 'absentUnjustified'
      : null;

export function AttendanceScreen() {
  const today = parisToday();
  const queryClient = useQueryClient();
  const activities = useActivities();
  const [date, setDate] = useState(today);
  const [dateInput, setDateInput] = useState(formatDate(today));
  const [chosenActivity, setChosenActivity] = useState<string | null>(null);
  const [groupId, setGroupId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [adding, setAdding] = useState(false);
  const activityId = chosenActivity ?? activities.data?.[0]?.id ?? null;
  const sheet = useAttendance(activityId, date);
  const mark = useCommand('attendance.mark', { failure: text.failed });

  const goDate = (iso: string) => {
    setDate(iso);
    setDateInput(formatDate(iso));
  };

  const data = sheet.data ?? null;
  const future = date > today;
  const inFilter = (r: Row) => (!groupId || r.groupId === groupId) && (!unitId || r.unitId === unitId);
  const rows = (data?.rows ?? []).filter((r) => r.status !== 'waitlisted' && inFilter(r));
  const waiting = (data?.rows ?? []).filter((r) => r.status === 'waitlisted' && inFilter(r));
  const todo = rows.filter((r) => r.status === 'booked');
  const multiUnit = (data?.units.length ?? 0) > 1;
  const unitName = (id: string) => data?.units.find((u) => u.id === id)?.name ?? '';

  const send = async (marks: { bookingId: string; attendance: Mark | 'reset' }[]) => {
    if (marks.length === 0) return;
    const result = await mark.run({ marks });
    if (result?.ok) {
      await invalidateBookings(queryClient);
      if (marks.length > 1)
        notifications.show({ color: 'green', title: text.marked((result.value as { marked: number }).marked), message: '' });
    }
  };
  const toggle = (row: Row, value: Mark) =>
    send([{ bookingId: row.bookingId, attendance: markOf(row) === value ? 'reset' : value }]);

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, row: Row, index: number) => {
    const key = event.key.toLowerCase();
    const byKey: Record<string, Mark | 'reset'> = {
      p: 'present',
      j: 'absentJustified',
      n: 'absentUnjustified',
      delete: 'reset',
      backspace: 'reset',
    };
    if (byKey[key] && !future) {
      event.preventDefault();
      void send([{ bookingId: row.bookingId, attendance: byKey[key]! }]);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const target = document.querySelector<HTMLElement>(
        `[data-row-index="${index + (event.key === 'ArrowDown' ? 1 : -1)}"] button`,
      );
      target?.focus();
    }
  };

  const groupCounts = (data?.groups ?? []).map((g) => {
    const own = (data?.rows ?? []).filter(
      (r) => r.groupId === g.id && r.status !== 'waitlisted' && (!unitId || r.unitId === unitId),
    );
    return {
      ...g,
      expected: own.length,
      present: own.filter((r) => r.status === 'attended').length,
      absent: own.filter((r) => r.status === 'absent').length,
      todo: own.filter((r) => r.status === 'booked').length,
    };
  });

  if (activities.data?.length === 0) return <Alert color="yellow">{text.noActivity}</Alert>;

  return (
    <Stack gap="sm" data-testid="attendance-screen">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {text.title} – {longDate(date, true)}
        </Title>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconUserPlus size={18} aria-hidden />}
            onClick={() => setAdding(true)}
            disabled={!data || future}
          >
            {text.addUnbooked}
          </Button>
          <Button
            variant="default"
            leftSection={<IconPrinter size={18} aria-hidden />}
            onClick={() => window.print()}
            disabled={!data}
          >
            {text.print}
          </Button>
        </Group>
      </Group>

      <Paper withBorder p="xs" radius="md">
        <Group gap="md" align="flex-end">
          <Group gap={4} align="flex-end" wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              mb={1}
              aria-label={text.previousDay}
              onClick={() => goDate(addDays(date, -1))}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
            <DateField
              label={text.date}
              value={dateInput}
              onChange={(v) => {
                setDateInput(v);
                const iso = parseDate(v);
                if (iso) setDate(iso);
              }}
              w={130}
            />
            <ActionIcon variant="default" size="lg" mb={1} aria-label={text.nextDay} onClick={() => goDate(addDays(date, 1))}>
              <IconChevronRight size={18} />
            </ActionIcon>
            <Button variant="subtle" size="compact-sm" mb={6} onClick={() => goDate(today)} disabled={date === today}>
              {text.today}
            </Button>
          </Group>
          <Select
            label={text.activity}
            data={(activities.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={activityId}
            onChange={(v) => {
              setChosenActivity(v);
              setGroupId('');
              setUnitId('');
            }}
            allowDeselect={false}
            w={260}
          />
          {data && data.groups.length > 1 && (
            <Stack gap={2}>
              <Text size="sm" fw={500} id="attendance-group-label">
                {text.group}
              </Text>
              <SegmentedControl
                aria-labelledby="attendance-group-label"
                value={groupId}
                onChange={setGroupId}
                data={[{ value: '', label: text.allGroups }, ...data.groups.map((g) => ({ value: g.id, label: g.name }))]}
              />
            </Stack>
          )}
          {data && multiUnit && (
            <Stack gap={2}>
              <Text size="sm" fw={500} id="attendance-unit-label">
                {text.unit}
              </Text>
              <SegmentedControl
                aria-labelledby="attendance-unit-label"
                value={unitId}
                onChange={setUnitId}
                data={[{ value: '', label: text.allUnits }, ...data.units.map((u) => ({ value: u.id, label: u.name }))]}
              />
            </Stack>
          )}
        </Group>
      </Paper>

      {groupCounts.length > 0 && (
        <Group gap="sm" data-testid="attendance-counts">
          {groupCounts.map((g) => (
            <Paper key={g.id} withBorder px="sm" py={6} radius="md" bg={groupId === g.id ? 'blue.0' : undefined}>
              <Text size="sm">
                <Text span fw={700}>
                  {g.name} :{' '}
                </Text>
                {text.counts(g.expected, g.present, g.absent, g.todo)}
              </Text>
            </Paper>
          ))}
        </Group>
      )}

      {future && (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />} py="xs">
          {text.future}
        </Alert>
      )}
      {sheet.isPending && activityId && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{text.loading}</Text>
        </Group>
      )}
      {data && rows.length === 0 && <Text c="dimmed">{text.empty}</Text>}

      {rows.length > 0 && (
        <>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {text.keyboardHint}
            </Text>
            <Button
              leftSection={<IconListCheck size={18} aria-hidden />}
              onClick={() => send(todo.map((r) => ({ bookingId: r.bookingId, attendance: 'present' as const })))}
              disabled={future || todo.length === 0}
            >
              {text.allPresent(todo.length)}
            </Button>
          </Group>
          <Table withTableBorder striped highlightOnHover verticalSpacing={6} fz="sm" aria-label={text.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{text.columns.child}</Table.Th>
                <Table.Th w={70}>{text.columns.level}</Table.Th>
                <Table.Th>{text.columns.health}</Table.Th>
                {multiUnit && <Table.Th>{text.columns.unit}</Table.Th>}
                <Table.Th w={1}>{text.columns.attendance}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => (
                <Table.Tr
                  key={row.bookingId}
                  data-row-index={index}
                  onKeyDown={(e) => onRowKey(e, row, index)}
                  data-testid="attendance-row"
                >
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {row.child.lastName.toUpperCase()} {row.child.firstName}
                    </Text>
                    <Group gap={4} mt={2}>
                      <StatusBadge row={row} />
                      {row.unbooked && (
                        <Pill tone="grape" title={text.unbookedHint}>
                          {text.unbooked}
                        </Pill>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{row.child.schoolLevel ?? '—'}</Table.Td>
                  <Table.Td>
                    <HealthBadges child={row.child} />
                  </Table.Td>
                  {multiUnit && <Table.Td>{unitName(row.unitId)}</Table.Td>}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <MarkButtons row={row} disabled={future || mark.pending} onMark={(m) => toggle(row, m)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}

      {waiting.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {text.waitlisted}
          </Text>
          <Text size="sm" c="dimmed">
            {waiting.map((r) => `${r.child.firstName} ${r.child.lastName}`).join(', ')}
          </Text>
        </Stack>
      )}

      {data && (
        <PrintSheet
          sheet={data}
          rows={rows}
          date={date}
          groupName={data.groups.find((g) => g.id === groupId)?.name ?? ''}
          unitName={unitId ? unitName(unitId) : ''}
          multiUnit={multiUnit && !unitId}
        />
      )}
      {data && <AddUnbookedModal opened={adding} onClose={() => setAdding(false)} sheet={data} date={date} />}
    </Stack>
  );
}

export function HealthBadges({ child }: { child: Row['child'] }) {
  const badges = [];
  if (child.hasCareplan)
    badges.push(
      <Pill key="pai" tone="redStrong" icon={IconFirstAidKit} title={text.paiHint(child.careplanNote)}>
        {text.pai}
        {child.careplanNote ? ` – ${child.careplanNote}` : ''}
      </Pill>,
    );
  if (child.allergies.trim())
    badges.push(
      <Pill key="allergies" tone="orange" icon={IconAlertTriangle}>
        {text.allergies(child.allergies)}
      </Pill>,
    );
  if (child.diet !== 'none')
    badges.push(
      <Pill key="diet" tone="teal" icon={IconLeaf}>
        {dietLabels[child.diet]}
      </Pill>,
    );
  return badges.length ? (
    <Group gap={4}>{badges}</Group>
  ) : (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

function StatusBadge({ row }: { row: Row }) {
  const current = markOf(row);
  if (!current)
    return (
      <Pill tone="gray" icon={IconClock}>
        {text.toMark}
      </Pill>
    );
  const look = {
    present: { tone: 'green', icon: IconCheck },
    absentJustified: { tone: 'grape', icon: IconUserX },
    absentUnjustified: { tone: 'red', icon: IconUserX },
  } as const;
  return (
    <Pill tone={look[current].tone} icon={look[current].icon}>
      {text.marks[current]}
    </Pill>
  );
}

function MarkButtons({ row, disabled, onMark }: { row: Row; disabled: boolean; onMark: (mark: Mark) => void }) {
  const current = markOf(row);
  const name = `${row.child.firstName} ${row.child.lastName}`;
  // Dark fills: white text on them stays above 4.5:1.
  const buttons: { value: Mark; color: string; icon: typeof IconUserCheck }[] = [
    { value: 'present', color: '#1b5e20', icon: IconUserCheck },
    { value: 'absentJustified', color: '#5f1a70', icon: IconUserX },
    { value: 'absentUnjustified', color: '#a51111', icon: IconUserX },
  ];
  return (
    <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
      {buttons.map((b) => {
        const Icon = b.icon;
        const active = current === b.value;
        return (
          <Button
            key={b.value}
            size="compact-sm"
            variant={active ? 'filled' : 'default'}
            color={active ? b.color : undefined}
            leftSection={<Icon size={15} aria-hidden />}
            aria-pressed={active}
            aria-label={text.markFor(text.marks[b.value], name)}
            onClick={() => onMark(b.value)}
            disabled={disabled}
            style={{ flexShrink: 0 }}
          >
            {text.marks[b.value]}
          </Button>
        );
      })}
    </Group>
  );
}
