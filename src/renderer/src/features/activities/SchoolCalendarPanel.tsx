// The school calendar of the commune's zone, one school year at a time (`schoolYear.save`): rentrée and holiday
// periods. A period runs from the day holidays start (after classes) to the morning classes resume; a period
// with no dates is treated as school time, a provisional one (projet d'arrêté) is used but flagged: both are
// listed as "à vérifier".
import { ActionIcon, Alert, Badge, Button, Group, List, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useCommand } from '../../commands';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { newId } from '../../ids';
import { formatDate, parseDate } from '../families/format';
import { addDays } from '../reservations/dates';
import { invalidateBookings, useCalendar, type CalendarView } from '../reservations/queries';
import { text } from './text';
import { daysBetween } from '../../../../shared/domain/dates';

const t = text.calendar;
type Year = CalendarView['years'][number];

interface PeriodValues {
  key: string;
  name: string;
  from: string;
  to: string;
  status: 'confirmed' | 'draft';
}

interface YearValues {
  rentree: string;
  holidays: PeriodValues[];
}

const STANDARD_PERIODS = [
  'Vacances de la Toussaint',
  'Vacances de Noël',
  'Vacances d’hiver',
  'Vacances de printemps',
  'Pont de l’Ascension',
  'Vacances d’été',
];

export function SchoolCalendarPanel({ today }: { today: string }) {
  const calendar = useCalendar(addDays(today, -730), addDays(today, 730));
  const [created, setCreated] = useState<Year[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [newYear, setNewYear] = useState('');
  const [newYearError, setNewYearError] = useState<string | null>(null);

  const years = [
    ...(calendar.data?.years ?? []),
    ...created.filter((c) => !calendar.data?.years.some((y) => y.schoolYear === c.schoolYear)),
  ].sort((a, b) => a.schoolYear.localeCompare(b.schoolYear));
  const current = years.findLast((y) => y.rentree <= today) ?? years[0];
  const year = years.find((y) => y.schoolYear === chosen) ?? current;

  const createYear = () => {
    const match = /^(\d{4})-(\d{4})$/.exec(newYear.trim());
    if (!match || Number(match[2]) !== Number(match[1]) + 1) return setNewYearError(t.yearInvalid);
    if (years.some((y) => y.schoolYear === newYear.trim())) return setNewYearError(t.yearExists);
    setNewYearError(null);
    const fresh: Year = {
      schoolYear: newYear.trim(),
      rentree: `${match[1]}-09-01`,
      holidays: STANDARD_PERIODS.map((name) => ({ name, from: null, to: null })),
    };
    setCreated((c) => [...c, fresh]);
    setChosen(fresh.schoolYear);
    setNewYear('');
  };

  const unconfirmed = calendar.data?.unconfirmed.filter((u) => u.schoolYear === year?.schoolYear) ?? [];
  return (
    <Stack gap="md">
      <Text size="sm">{t.intro}</Text>
      <Group align="flex-end" justify="space-between">
        <Select
          label={t.year}
          data={years.map((y) => ({ value: y.schoolYear, label: y.schoolYear }))}
          value={year?.schoolYear ?? null}
          onChange={setChosen}
          allowDeselect={false}
          w={200}
        />
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t.newYearLabel}
            placeholder="2027-2028"
            value={newYear}
            onChange={(e) => setNewYear(e.currentTarget.value)}
            error={newYearError}
            w={190}
          />
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={createYear}>
            {t.newYear}
          </Button>
        </Group>
      </Group>
      {unconfirmed.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title={t.unconfirmedTitle} py="xs">
          <List size="sm" spacing={2}>
            {unconfirmed.map((u) => (
              <List.Item key={u.name}>{u.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {year ? <YearForm key={year.schoolYear} year={year} /> : <Text c="dimmed">{t.noYear}</Text>}
    </Stack>
  );
}

function YearForm({ year }: { year: Year }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const save = useCommand('schoolYear.save', { success: t.saved, failure: t.failed });
  const form = useForm<YearValues>({
    mode: 'controlled',
    initialValues: {
      rentree: formatDate(year.rentree),
      holidays: year.holidays.map((h) => ({
        key: newId(),
        name: h.name,
        from: formatDate(h.from),
        to: formatDate(h.to),
        status: h.status ?? 'confirmed',
      })),
    },
    validate: {
      rentree: (v) => (parseDate(v) ? null : t.dateInvalid),
      holidays: {
        name: (v) => (v.trim() ? null : text.form.required),
        from: (v) => (!v.trim() || parseDate(v) ? null : t.dateInvalid),
        to: (v) => (!v.trim() || parseDate(v) ? null : t.dateInvalid),
      },
    },
  });

  const submit = async (values: YearValues) => {
    setOrphans([]);
    const result = await save.run({
      schoolYear: year.schoolYear,
      rentree: parseDate(values.rentree)!,
      holidays: values.holidays.map((h) => ({
        name: h.name.trim(),
        from: parseDate(h.from) ?? null,
        to: parseDate(h.to) ?? null,
        status: h.status,
      })),
    });
    if (!result) return;
    if (result.ok) {
      form.resetDirty();
      await invalidateBookings(queryClient);
      return;
    }
    const left = showFieldErrors(form, result.fieldErrors ?? {}, formRef.current);
    setOrphans(result.fieldErrors ? left : [result.message]);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <DateField label={t.rentree} required w={200} {...form.getInputProps('rentree')} />
          <Table verticalSpacing={4} fz="sm" aria-label={`${t.holidays} ${year.schoolYear}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.name}</Table.Th>
                <Table.Th w={150}>{t.from}</Table.Th>
                <Table.Th w={150}>{t.to}</Table.Th>
                <Table.Th w={160}>{t.status}</Table.Th>
                <Table.Th w={140} />
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.values.holidays.map((period, i) => {
                const from = parseDate(period.from);
                const to = parseDate(period.to);
                return (
                  <Table.Tr key={period.key}>
                    <Table.Td>
                      <TextInput aria-label={`${t.name} ${i + 1}`} {...form.getInputProps(`holidays.${i}.name`)} />
                    </Table.Td>
                    <Table.Td>
                      <DateField aria-label={`${t.from} – ${period.name}`} {...form.getInputProps(`holidays.${i}.from`)} />
                    </Table.Td>
                    <Table.Td>
                      <DateField aria-label={`${t.to} – ${period.name}`} {...form.getInputProps(`holidays.${i}.to`)} />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${t.status} – ${period.name}`}
                        data={[
                          { value: 'confirmed', label: t.confirmed },
                          { value: 'draft', label: t.draft },
                        ]}
                        allowDeselect={false}
                        {...form.getInputProps(`holidays.${i}.status`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      {from && to ? (
                        <Badge variant="light" color={period.status === 'draft' ? 'orange' : 'green'}>
                          {t.days(Math.max(0, daysBetween(from, to)))}
                        </Badge>
                      ) : (
                        <Badge variant="outline" color="orange" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                          {t.missing}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t.removePeriod(period.name)}
                        onClick={() => form.removeListItem('holidays', i)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Group>
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('holidays', { key: newId(), name: '', from: '', to: '', status: 'confirmed' })}
              disabled={form.values.holidays.length >= 12}
            >
              {t.addPeriod}
            </Button>
          </Group>
          <FormFooter
            onCancel={() => form.reset()}
            pending={save.pending}
            orphans={orphans}
            submitLabel={t.save}
            cancelLabel="Annuler les modifications"
          />
        </Stack>
      </form>
    </Paper>
  );
}
