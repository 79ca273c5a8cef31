// "Réserver un modèle": weekdays over a period (the month shown, the whole enrolment, chosen dates, or a
// school holiday period for the accueil de loisirs), for one child, one activity and its chosen units. The
// open days come from the backend (`activities.openDates`: school calendar, public holidays, closures); the
// preview from `reservations.preview`, day by day; "Valider" books them in one `booking.book`.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Radio,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconArrowBackUp, IconCheck, IconEye } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { call } from '../../api';
import { useCommand } from '../../commands';
import { DateField } from '../../components/DateField';
import { newId } from '../../ids';
import { formatDate, parseDate } from '../families/format';
import { batchesFromResults, type SummaryBatch } from './callSummary';
import { addDays, dayMonth, monthDays, monthLabel, ofMonth, weekday, weekdaysPhrase, WEEKDAY_SHORT } from './dates';
import { isDeadlineRefusal, PreviewTable, previewCounts, StaffOptionFields, useStaffOptions } from './PreviewParts';
import { fetchOpenDates, invalidateBookings, itemsOf, type CalendarView, type MonthGrid } from './queries';
import { text } from './text';

const t = text.pattern;

export interface PatternTarget {
  childId: string;
  activityId: string;
}

interface PatternModalProps {
  opened: boolean;
  onClose: () => void;
  grid: MonthGrid;
  month: string;
  today: string;
  calendar: CalendarView | undefined;
  initial: PatternTarget | null;
  onDone: (batches: SummaryBatch[]) => void;
}

export function PatternModal({ opened, onClose, ...props }: PatternModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={t.title} size="xl" closeOnClickOutside={false}>
      {opened && <PatternContent onClose={onClose} {...props} />}
    </Modal>
  );
}

type PeriodKind = 'month' | 'enrolment' | 'dates' | 'holidays';

interface Plan {
  items: { bookingId: string; unitId: string; date: string }[];
  label: string;
}

function PatternContent({ onClose, grid, month, today, calendar, initial, onDone }: Omit<PatternModalProps, 'opened'>) {
  const queryClient = useQueryClient();
  const book = useCommand('booking.book', { failure: 'Réservation impossible' });
  const options = useStaffOptions();
  const enrolledChildren = grid.children.filter((c) => c.activities.length > 0);
  const [childId, setChildId] = useState(initial?.childId ?? enrolledChildren[0]?.childId ?? null);
  const child = grid.children.find((c) => c.childId === childId);
  const [activityId, setActivityId] = useState(initial?.activityId ?? child?.activities[0]?.activityId ?? null);
  const activity = child?.activities.find((a) => a.activityId === activityId);
  const [weekdays, setWeekdays] = useState<string[]>([]);
  const [period, setPeriod] = useState<PeriodKind>('month');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [holiday, setHoliday] = useState<string | null>(null);
  const [unitIds, setUnitIds] = useState<string[]>(() =>
    activity && activity.units.length === 1 ? [activity.units[0]!.id] : [],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [plan, setPlan] = useState<Plan | null>(null);
  const [building, setBuilding] = useState(false);
  const [running, setRunning] = useState(false);

  const monthRange = useMemo(() => {
    const days = monthDays(month);
    return { from: days[0]!, to: days[days.length - 1]! };
  }, [month]);
  const enrolment = activity?.enrolments.find((e) => e.fromDate <= monthRange.to && e.toDate >= monthRange.from);
  const holidayPeriods = useMemo(
    () =>
      (calendar?.years ?? []).flatMap((year) =>
        year.holidays
          .filter((h): h is typeof h & { from: string; to: string } => Boolean(h.from && h.to) && h.to! > today)
          .map((h) => ({
            value: `${year.schoolYear}|${h.name}`,
            label: `${h.name} ${year.schoolYear} (du ${dayMonth(h.from)} au ${dayMonth(addDays(h.to, -1))})`,
            name: h.name,
            from: h.from,
            to: addDays(h.to, -1),
          })),
      ),
    [calendar, today],
  );

  const chooseChild = (id: string | null) => {
    setChildId(id);
    const next = grid.children.find((c) => c.childId === id);
    chooseActivity(next?.activities[0]?.activityId ?? null, next);
  };
  const chooseActivity = (id: string | null, inChild = child) => {
    setActivityId(id);
    const next = inChild?.activities.find((a) => a.activityId === id);
    setUnitIds(next && next.units.length === 1 ? [next.units[0]!.id] : []);
    if (next?.kind !== 'holiday' && period === 'holidays') setPeriod('month');
    setPlan(null);
  };

  /** The period as dates, clipped to today (past days cannot be booked), and its words for the summary. */
  const range = (): { from: string; to: string; words: string } | string => {
    const phrase = weekdaysPhrase(weekdays.map(Number));
    switch (period) {
      case 'month':
        return { ...monthRange, words: `${phrase} ${ofMonth(month, today)}` };
      case 'enrolment':
        if (!enrolment) return t.notEnrolled;
        return { from: enrolment.fromDate, to: enrolment.toDate, words: `${phrase} jusqu’au ${formatDate(enrolment.toDate)}` };
      case 'dates': {
        const a = parseDate(from);
        const b = parseDate(to);
        if (!a || !b || b < a) return t.datesError;
        return { from: a, to: b, words: `${phrase} du ${dayMonth(a)} au ${dayMonth(b)}` };
      }
      case 'holidays': {
        const h = holidayPeriods.find((p) => p.value === holiday);
        if (!h) return t.holidayPeriodError;
        const name = /^vacances/i.test(h.name)
          ? `des ${h.name.charAt(0).toLowerCase()}${h.name.slice(1)}`
          : `du ${h.name.charAt(0).toLowerCase()}${h.name.slice(1)}`;
        return { from: h.from, to: h.to, words: `${phrase} ${name}` };
      }
    }
  };

  const buildPlan = async () => {
    const found: Record<string, string> = {};
    if (weekdays.length === 0) found.weekdays = t.weekdaysError;
    if (unitIds.length === 0) found.units = t.unitsError;
    const r = range();
    if (typeof r === 'string') found.period = r;
    setErrors(found);
    if (Object.keys(found).length > 0 || typeof r === 'string' || !activity) return;
    const start = r.from < today ? today : r.from;
    if (start > r.to) {
      setErrors({ period: t.noDay });
      return;
    }
    setBuilding(true);
    try {
      const open = await fetchOpenDates(activity.activityId, start, r.to);
      const dates = open.map((d) => d.date).filter((d) => weekdays.includes(String(weekday(d))));
      const items = dates.flatMap((date) =>
        activity.units.filter((u) => unitIds.includes(u.id)).map((u) => ({ bookingId: newId(), unitId: u.id, date })),
      );
      if (items.length === 0) setErrors({ period: t.noDay });
      else if (items.length > 400) setErrors({ period: t.tooMany });
      else setPlan({ items, label: r.words });
    } finally {
      setBuilding(false);
    }
  };

  const preview = useQuery({
    queryKey: ['bookingPreview', 'pattern', plan?.items.map((i) => i.bookingId), options.force, options.override],
    queryFn: () =>
      call('reservations.preview', {
        householdId: grid.household.id,
        childId: childId!,
        items: plan!.items,
        ...options.previewArgs,
      }),
    enabled: Boolean(plan && childId),
    gcTime: 0,
    staleTime: 0,
  });
  const previewItems = preview.data?.ok ? itemsOf(preview.data.value) : [];
  const fullCells = new Set(activity?.cells.filter((c) => c.state === 'full').map((c) => `${c.unitId}|${c.date}`));
  const unitNames = new Map(activity?.units.map((u) => [u.id, u.name]));

  const confirm = async () => {
    if (!plan || !child || !activity || !options.check()) return;
    setRunning(true);
    const result = await book.run({
      householdId: grid.household.id,
      childId: child.childId,
      items: plan.items,
      ...options.commandArgs,
    });
    await invalidateBookings(queryClient);
    setRunning(false);
    if (!result?.ok) return;
    onDone(
      batchesFromResults(itemsOf(result.value), {
        childId: child.childId,
        childName: child.firstName,
        pattern: plan.label,
        unitInfo: (unitId) => ({
          activityId: activity.activityId,
          activityName: activity.name,
          ...(activity.units.length > 1 ? { unitName: unitNames.get(unitId) ?? '' } : {}),
        }),
        forced: (r) => options.force && fullCells.has(`${r.unitId}|${r.date}`),
      }),
    );
    notifications.show({
      color: 'green',
      icon: <IconCheck size={18} />,
      // Everything in the title: the theme's notification description is too pale for small text.
      title: `${text.preview.done} : ${previewCounts(itemsOf(result.value))}`,
      message: '',
    });
    onClose();
  };

  if (enrolledChildren.length === 0) return <Alert color="yellow">{t.notEnrolled}</Alert>;

  if (plan) {
    return (
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Text fw={600}>
            {child?.firstName} – {activity?.name} : {plan.label}
          </Text>
          {previewItems.length > 0 && (
            <Text size="sm" fw={600} data-testid="preview-counts">
              {previewCounts(previewItems)}
            </Text>
          )}
        </Group>
        {preview.isPending && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{text.preview.loading}</Text>
          </Group>
        )}
        {preview.data && !preview.data.ok && (
          <Alert color="red" title={text.preview.failed}>
            {preview.data.message}
          </Alert>
        )}
        {previewItems.length > 0 && (
          <ScrollArea.Autosize mah="45vh" type="auto" offsetScrollbars>
            <PreviewTable
              items={previewItems}
              unitNames={unitNames}
              multiUnit={unitIds.length > 1}
              isForced={(r) => options.force && fullCells.has(`${r.unitId}|${r.date}`)}
              caption={`${text.preview.bookings} – ${child?.firstName ?? ''}`}
            />
          </ScrollArea.Autosize>
        )}
        <StaffOptionFields
          options={options}
          showForce={options.force || previewItems.some((i) => i.outcome === 'waitlisted')}
          showOverride={options.override || previewItems.some(isDeadlineRefusal)}
        />
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={18} aria-hidden />}
            onClick={() => setPlan(null)}
            disabled={running}
          >
            {t.back}
          </Button>
          <Button
            onClick={confirm}
            loading={running}
            disabled={!preview.data?.ok}
            leftSection={<IconCheck size={18} aria-hidden />}
          >
            {text.preview.confirm}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">{t.intro}</Text>
      <Group align="flex-start" gap="xl">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="pattern-child-label">
            {t.child}
          </Text>
          <SegmentedControl
            aria-labelledby="pattern-child-label"
            data={grid.children.map((c) => ({ value: c.childId, label: c.firstName, disabled: c.activities.length === 0 }))}
            value={childId ?? ''}
            onChange={chooseChild}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="pattern-activity-label">
            {t.activity}
          </Text>
          <SegmentedControl
            aria-labelledby="pattern-activity-label"
            data={(child?.activities ?? []).map((a) => ({ value: a.activityId, label: a.name }))}
            value={activityId ?? ''}
            onChange={(v) => chooseActivity(v)}
          />
        </Stack>
      </Group>
      <Checkbox.Group label={t.weekdays} value={weekdays} onChange={setWeekdays} error={errors.weekdays} required>
        <Group mt={6} gap="lg">
          {[1, 2, 3, 4, 5].map((d) => (
            <Checkbox key={d} value={String(d)} label={WEEKDAY_SHORT[d - 1]!.replace('.', '')} />
          ))}
        </Group>
      </Checkbox.Group>
      <Radio.Group label={t.period} value={period} onChange={(v) => setPeriod(v as PeriodKind)} error={errors.period}>
        <Stack gap={8} mt={6}>
          <Radio value="month" label={t.wholeMonth(monthLabel(month))} />
          <Radio
            value="enrolment"
            label={t.enrolment}
            description={enrolment ? t.enrolmentRange(formatDate(enrolment.fromDate), formatDate(enrolment.toDate)) : undefined}
            disabled={!enrolment}
          />
          <Radio value="dates" label={t.dates} />
          {period === 'dates' && (
            <Group ml="xl" gap="sm">
              <DateField label={t.from} value={from} onChange={setFrom} w={150} />
              <DateField label={t.to} value={to} onChange={setTo} w={150} />
            </Group>
          )}
          {activity?.kind === 'holiday' && <Radio value="holidays" label={t.holidays} />}
          {period === 'holidays' && (
            <Select
              ml="xl"
              maw={480}
              label={t.holidayPeriod}
              placeholder={t.holidayPeriodPlaceholder}
              data={holidayPeriods.map((h) => ({ value: h.value, label: h.label }))}
              value={holiday}
              onChange={setHoliday}
            />
          )}
        </Stack>
      </Radio.Group>
      {activity && activity.units.length > 1 && (
        <Checkbox.Group label={t.units} value={unitIds} onChange={setUnitIds} error={errors.units} required>
          <Group mt={6} gap="lg">
            {activity.units.map((u) => (
              <Checkbox key={u.id} value={u.id} label={u.startTime ? `${u.name} (${u.startTime}–${u.endTime})` : u.name} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      {activity && activity.units.length === 1 && errors.units && <Text c="red">{errors.units}</Text>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {text.preview.cancel}
        </Button>
        <Button onClick={buildPlan} loading={building} leftSection={<IconEye size={18} aria-hidden />}>
          {t.preview}
        </Button>
      </Group>
    </Stack>
  );
}
