// Commune closures (`closure.add` / `closure.remove`): a day closed for every activity or for one. Public
// holidays are closed anyway and need no entry.
import { ActionIcon, Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useCommand } from '../../commands';
import { DateField } from '../../components/DateField';
import { newId } from '../../ids';
import { formatDate, parseDate } from '../families/format';
import { addDays, longDate } from '../reservations/dates';
import { invalidateBookings, useCalendar, type ActivityView } from '../reservations/queries';
import { text } from './text';

const t = text.closures;

export function ClosuresPanel({ activities, today }: { activities: readonly ActivityView[]; today: string }) {
  const queryClient = useQueryClient();
  const calendar = useCalendar(today, addDays(today, 365));
  const add = useCommand('closure.add', { success: t.added, failure: 'Enregistrement impossible' });
  const remove = useCommand('closure.remove', { success: t.removed, failure: 'Suppression impossible' });
  const [closureId, setClosureId] = useState(newId);
  const [date, setDate] = useState('');
  const [activityId, setActivityId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async () => {
    const iso = parseDate(date);
    const found: Record<string, string> = {};
    if (!iso) found.date = t.dateInvalid;
    if (!reason.trim()) found.reason = t.required;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await add.run({ closureId, date: iso!, activityId: activityId || null, reason: reason.trim() });
    if (!result?.ok) return;
    await invalidateBookings(queryClient);
    setClosureId(newId());
    setDate('');
    setReason('');
  };

  const activityName = (id: string | null) => (id ? (activities.find((a) => a.id === id)?.name ?? '?') : t.all);
  const rows = calendar.data?.closures ?? [];
  return (
    <Stack gap="md">
      <Text size="sm">{t.intro}</Text>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={3} spacing="sm">
          <DateField label={t.date} value={date} onChange={setDate} error={errors.date} required />
          <Select
            label={t.activity}
            data={[{ value: '', label: t.all }, ...activities.map((a) => ({ value: a.id, label: a.name }))]}
            value={activityId}
            onChange={(v) => setActivityId(v ?? '')}
            allowDeselect={false}
          />
          <TextInput
            label={t.reason}
            placeholder={t.reasonPlaceholder}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            required
            maxLength={200}
          />
        </SimpleGrid>
        <Group justify="space-between" mt="sm" wrap="nowrap">
          <Alert variant="transparent" color="gray" p={0} icon={<IconInfoCircle size={16} aria-hidden />}>
            <Text size="xs">{t.bookedWarning}</Text>
          </Alert>
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={submit} loading={add.pending}>
            {t.add}
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
              <Table.Th>{t.columns.reason}</Table.Th>
              <Table.Th>{t.columns.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{longDate(row.date, true)}</Table.Td>
                <Table.Td>{activityName(row.activityId)}</Table.Td>
                <Table.Td>{row.reason}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t.removeLabel(formatDate(row.date))}
                    onClick={async () => {
                      const result = await remove.run({ closureId: row.id });
                      if (result?.ok) await invalidateBookings(queryClient);
                    }}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
