// Per-day capacity exceptions (`capacity.setException`): a school trip day with 0 places, a busy Wednesday with
// more. The list shows the next twelve months with the usual capacity beside each exception; removing one
// brings the usual capacity back. More places promote the first children of the waiting list (said so).
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowBackUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useCommand } from '../../commands';
import { DateField } from '../../components/DateField';
import { formatDate, parseDate } from '../families/format';
import { addDays, shortDate } from '../reservations/dates';
import { invalidateBookings, useCalendar, type ActivityView } from '../reservations/queries';
import { text } from './text';

const t = text.capacities;

export function CapacityPanel({ activities, today }: { activities: readonly ActivityView[]; today: string }) {
  const queryClient = useQueryClient();
  const calendar = useCalendar(today, addDays(today, 365));
  const setException = useCommand('capacity.setException', { failure: 'Enregistrement impossible' });
  const [activityId, setActivityId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [capacity, setCapacity] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const activity = activities.find((a) => a.id === activityId) ?? (activities.length === 1 ? activities[0] : undefined);
  const unit = activity?.units.find((u) => u.id === unitId) ?? (activity?.units.length === 1 ? activity.units[0] : undefined);
  const group =
    activity?.groups.find((g) => g.id === groupId) ?? (activity?.groups.length === 1 ? activity.groups[0] : undefined);
  const usual = unit && group ? (group.capacities[unit.id] ?? null) : undefined;
  const usualText = (n: number | null | undefined) => (n === null || n === undefined ? text.catalogue.noLimit : String(n));

  const unitsById = new Map(activities.flatMap((a) => a.units.map((u) => [u.id, { activity: a, unit: u }] as const)));
  const groupsById = new Map(activities.flatMap((a) => a.groups.map((g) => [g.id, g] as const)));

  const run = async (args: { unitId: string; groupId: string; date: string; capacity: number | null; reason: string }) => {
    const result = await setException.run(args);
    if (!result?.ok) return false;
    await invalidateBookings(queryClient);
    const promoted = (result.value as { promoted: string[] }).promoted.length;
    notifications.show({
      color: 'green',
      title: [args.capacity === null ? t.removed : t.saved, promoted > 0 ? t.promoted(promoted) : ''].filter(Boolean).join(' — '),
      message: '',
    });
    return true;
  };

  const submit = async () => {
    const found: Record<string, string> = {};
    const iso = parseDate(date);
    if (!activity) found.activity = t.required;
    if (!unit) found.unit = t.required;
    if (!group) found.group = t.required;
    if (!iso) found.date = t.dateInvalid;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const ok = await run({
      unitId: unit!.id,
      groupId: group!.id,
      date: iso!,
      capacity: capacity === '' ? null : Number(capacity),
      reason: reason.trim(),
    });
    if (ok) {
      setCapacity('');
      setReason('');
    }
  };

  const rows = calendar.data?.capacityExceptions ?? [];
  return (
    <Stack gap="md">
      <Text size="sm">{t.intro}</Text>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={3} spacing="sm">
          <Select
            label={t.activity}
            data={activities.map((a) => ({ value: a.id, label: a.name }))}
            value={activity?.id ?? null}
            onChange={(v) => {
              setActivityId(v);
              setUnitId(null);
              setGroupId(null);
            }}
            error={errors.activity}
            required
          />
          <Select
            label={t.unit}
            data={(activity?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={unit?.id ?? null}
            onChange={setUnitId}
            error={errors.unit}
            required
          />
          <Select
            label={t.group}
            data={(activity?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={group?.id ?? null}
            onChange={setGroupId}
            error={errors.group}
            required
          />
          <DateField label={t.date} value={date} onChange={setDate} error={errors.date} required />
          <NumberInput
            label={t.capacity}
            description={usual !== undefined ? t.capacityHint(usualText(usual)) : undefined}
            min={0}
            max={10000}
            allowDecimal={false}
            allowNegative={false}
            value={capacity}
            onChange={setCapacity}
          />
          <TextInput
            label={t.reason}
            placeholder={t.reasonPlaceholder}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={200}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button leftSection={<IconDeviceFloppy size={18} aria-hidden />} onClick={submit} loading={setException.pending}>
            {t.save}
          </Button>
        </Group>
      </Paper>
      <Title order={2} size="h4">
        {t.list}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t.none}</Text>
      ) : (
        <Table withTableBorder striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.columns.date}</Table.Th>
              <Table.Th>{t.columns.activity}</Table.Th>
              <Table.Th>{t.columns.unit}</Table.Th>
              <Table.Th>{t.columns.group}</Table.Th>
              <Table.Th>{t.columns.capacity}</Table.Th>
              <Table.Th>{t.columns.reason}</Table.Th>
              <Table.Th>{t.columns.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const found = unitsById.get(row.unitId);
              const g = groupsById.get(row.groupId);
              return (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    {shortDate(row.date)} {row.date.slice(0, 4)}
                  </Table.Td>
                  <Table.Td>{found?.activity.name ?? '?'}</Table.Td>
                  <Table.Td>{found?.unit.name ?? '?'}</Table.Td>
                  <Table.Td>{g?.name ?? '?'}</Table.Td>
                  <Table.Td>
                    <Text span fw={700}>
                      {row.capacity}
                    </Text>{' '}
                    <Text span size="xs" c="dimmed">
                      ({t.usual(usualText(g?.capacities[row.unitId]))})
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.reason}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t.remove}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t.remove} (${formatDate(row.date)})`}
                        onClick={() =>
                          run({ unitId: row.unitId, groupId: row.groupId, date: row.date, capacity: null, reason: '' })
                        }
                      >
                        <IconArrowBackUp size={18} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
