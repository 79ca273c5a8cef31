// "Inscrire à une activité": a child allowed on an activity for a period, with a tariff category (résident or
// hors commune) and, rarely, a group forced instead of the one that follows the school level. Opened from the
// reservation screen and from the family page's child card.
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCommand } from '../../commands';
import { DateField } from '../../components/DateField';
import { newId } from '../../ids';
import { formatDate, parisToday, parseDate } from '../families/format';
import { invalidateBookings, useActivities, useCalendar } from '../reservations/queries';
import { addDays } from '../reservations/dates';
import { kindLabels, text } from './text';

const t = text.enrolment;

export interface EnrolmentChild {
  id: string;
  firstName: string;
  lastName: string;
  schoolLevel: string | null;
}

export function EnrolmentModal({ child, onClose }: { child: EnrolmentChild | null; onClose: () => void }) {
  return (
    <Modal opened={child !== null} onClose={onClose} title={child ? t.title(child.firstName) : ''} size="lg">
      {child && <EnrolmentForm child={child} onClose={onClose} />}
    </Modal>
  );
}

/** The school year around `today`: from its rentrée to the day before the next one (or 31 August). */
function schoolYearRange(years: readonly { schoolYear: string; rentree: string }[], today: string) {
  const sorted = [...years].sort((a, b) => a.rentree.localeCompare(b.rentree));
  const index = sorted.findLastIndex((y) => y.rentree <= today);
  const year = sorted[index] ?? sorted[0];
  if (!year) return { from: today, to: today };
  const next = sorted[sorted.indexOf(year) + 1];
  return { from: year.rentree, to: next ? addDays(next.rentree, -1) : `${year.schoolYear.slice(5, 9)}-08-31` };
}

function EnrolmentForm({ child, onClose }: { child: EnrolmentChild; onClose: () => void }) {
  const queryClient = useQueryClient();
  const today = parisToday();
  const activities = useActivities();
  const calendar = useCalendar(today, today);
  const create = useCommand('enrolment.create', { success: t.saved, failure: t.failed });
  const [enrolmentId] = useState(newId);
  const [activityId, setActivityId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [category, setCategory] = useState<'resident' | 'nonResident'>('resident');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const range = schoolYearRange(calendar.data?.years ?? [], today);
  const fromValue = from ?? formatDate(range.from > today ? range.from : today);
  const toValue = to ?? formatDate(range.to);
  const activity = activities.data?.find((a) => a.id === activityId);

  const submit = async () => {
    const found: Record<string, string> = {};
    const fromDate = parseDate(fromValue);
    const toDate = parseDate(toValue);
    if (!activityId) found.activityId = t.activityRequired;
    if (!fromDate) found.fromDate = t.dateInvalid;
    if (!toDate) found.toDate = t.dateInvalid;
    if (fromDate && toDate && toDate < fromDate) found.toDate = t.toAfterFrom;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await create.run({
      enrolmentId,
      childId: child.id,
      activityId: activityId!,
      fromDate: fromDate!,
      toDate: toDate!,
      tariffCategory: category,
      groupId,
    });
    if (!result) return;
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setMessage(result.fieldErrors ? null : result.message);
      return;
    }
    await invalidateBookings(queryClient);
    onClose();
  };

  return (
    <Stack gap="md">
      {message && (
        <Alert color="red" title={t.failed}>
          {message}
        </Alert>
      )}
      <Select
        label={t.activity}
        placeholder={t.activityPlaceholder}
        data={(activities.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${kindLabels[a.kind]})` }))}
        value={activityId}
        onChange={(v) => {
          setActivityId(v);
          setGroupId(null);
        }}
        error={errors.activityId}
        required
        data-autofocus
        nothingFoundMessage={t.noActivity}
      />
      <Group grow>
        <DateField label={t.from} value={fromValue} onChange={setFrom} error={errors.fromDate} required />
        <DateField label={t.to} value={toValue} onChange={setTo} error={errors.toDate} required />
      </Group>
      <Radio.Group label={t.category} value={category} onChange={(v) => setCategory(v as 'resident' | 'nonResident')} required>
        <Group mt={6} gap="xl">
          <Radio value="resident" label={t.resident} />
          <Radio value="nonResident" label={t.nonResident} />
        </Group>
      </Radio.Group>
      {activity && activity.groups.length > 1 && (
        <Select
          label={t.group}
          description={t.groupHint(child.schoolLevel)}
          data={[
            { value: '', label: t.groupAuto },
            ...activity.groups.map((g) => ({
              value: g.id,
              label: `${g.name}${g.levels.length ? ` (${g.levels.join(', ')})` : ''}`,
            })),
          ]}
          value={groupId ?? ''}
          onChange={(v) => setGroupId(v || null)}
          allowDeselect={false}
        />
      )}
      <Text size="xs" c="dimmed">
        {t.hint}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.cancel}
        </Button>
        <Button onClick={submit} loading={create.pending}>
          {t.save}
        </Button>
      </Group>
    </Stack>
  );
}
