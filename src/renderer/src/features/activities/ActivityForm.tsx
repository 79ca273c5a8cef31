// Create or edit an activity in one `activity.save`: name, kind, opening days, units (times, what each
// includes or excludes), groups (school levels, default capacity per unit) and the families' deadlines
// (J-N, in business days or not, at a time; or a weekly cutoff), with a separate cancellation rule if needed.
// Each rule is read back in French as it is typed ("J-2 ouvrés à 10h").
import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { activityKinds, schoolLevels } from '../../../../shared/db/schema';
import { describeDeadlineRule, type ActivityDeadlines, type DeadlineRule } from '../../../../shared/domain/deadlines';
import type { OpeningRule } from '../../../../shared/domain/schoolCalendar';
import { useCommand } from '../../commands';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { newId } from '../../ids';
import { WEEKDAY_LONG } from '../reservations/dates';
import { invalidateBookings, type ActivityView } from '../reservations/queries';
import { defaultOpenOn, kindLabels, levelOrder, openOnLabels, text } from './text';
import { TimeField } from './TimeField';

const t = text.form;
type Kind = (typeof activityKinds)[number];
type Level = (typeof schoolLevels)[number];

interface RuleValues {
  kind: 'daysBefore' | 'weeklyCutoff';
  days: number | string;
  businessDays: boolean;
  time: string;
  weekday: string;
}

interface UnitValues {
  unitId: string;
  name: string;
  startTime: string;
  endTime: string;
  /** Unit ids of this form (turned into positions when saving). */
  implies: string[];
  excludes: string[];
}

interface GroupValues {
  groupId: string;
  name: string;
  levels: string[];
  /** Unit id → places; '' for no limit. */
  capacities: Record<string, number | string>;
}

interface ActivityValues {
  name: string;
  kind: Kind;
  openOn: OpeningRule;
  position: number;
  units: UnitValues[];
  groups: GroupValues[];
  booking: RuleValues;
  separateCancellation: boolean;
  cancellation: RuleValues;
  /** Online enrolment: '' means no limit. */
  enrolmentCapacity: number | string;
  autoAccept: boolean;
  onlineEnrolment: boolean;
}

const ruleValues = (rule: DeadlineRule | undefined): RuleValues => ({
  kind: rule?.kind ?? 'daysBefore',
  days: rule?.kind === 'daysBefore' ? rule.days : 2,
  businessDays: rule?.kind === 'daysBefore' ? rule.businessDays : true,
  time: rule?.time ?? '10:00',
  weekday: String(rule?.kind === 'weeklyCutoff' ? rule.weekday : 4),
});

function ruleOf(values: RuleValues): DeadlineRule {
  return values.kind === 'weeklyCutoff'
    ? { kind: 'weeklyCutoff', weekday: Number(values.weekday), time: values.time }
    : { kind: 'daysBefore', days: Number(values.days) || 0, time: values.time, businessDays: values.businessDays };
}

function initialValues(activity: ActivityView | null): ActivityValues {
  if (!activity) {
    const unitId = newId();
    return {
      name: '',
      kind: 'canteen',
      openOn: 'schoolDays',
      position: 0,
      units: [{ unitId, name: '', startTime: '', endTime: '', implies: [], excludes: [] }],
      groups: [{ groupId: newId(), name: '', levels: [], capacities: { [unitId]: '' } }],
      booking: ruleValues(undefined),
      separateCancellation: false,
      cancellation: ruleValues(undefined),
      enrolmentCapacity: '',
      autoAccept: false,
      onlineEnrolment: true,
    };
  }
  const deadlines = activity.deadlines as ActivityDeadlines;
  return {
    name: activity.name,
    kind: activity.kind,
    openOn: activity.openOn,
    position: activity.position,
    units: activity.units.map((u) => ({
      unitId: u.id,
      name: u.name,
      startTime: u.startTime,
      endTime: u.endTime,
      implies: u.implies,
      excludes: u.excludes,
    })),
    groups: activity.groups.map((g) => ({
      groupId: g.id,
      name: g.name,
      levels: g.levels,
      capacities: Object.fromEntries(activity.units.map((u) => [u.id, g.capacities[u.id] ?? ''])),
    })),
    booking: ruleValues(deadlines.booking),
    separateCancellation: Boolean(deadlines.cancellation),
    cancellation: ruleValues(deadlines.cancellation ?? deadlines.booking),
    enrolmentCapacity: activity.enrolmentCapacity ?? '',
    autoAccept: activity.autoAccept,
    onlineEnrolment: activity.onlineEnrolment,
  };
}

export function ActivityFormModal({
  activity,
  opened,
  onClose,
}: {
  activity: ActivityView | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={activity ? t.editTitle(activity.name) : t.newTitle}
      size="70rem"
      closeOnClickOutside={false}
    >
      {opened && <ActivityForm activity={activity} onClose={onClose} />}
    </Modal>
  );
}

const timeOk = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

function ActivityForm({ activity, onClose }: { activity: ActivityView | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [activityId] = useState(() => activity?.id ?? newId());
  const [orphans, setOrphans] = useState<string[]>([]);
  const save = useCommand('activity.save', { success: t.saved, failure: t.failed });
  const form = useForm<ActivityValues>({
    mode: 'controlled',
    initialValues: initialValues(activity),
    validate: {
      name: (v) => (v.trim() ? null : t.required),
      units: {
        name: (v) => (v.trim() ? null : t.required),
        startTime: (v) => (!v || timeOk(v) ? null : t.timeInvalid),
        endTime: (v) => (!v || timeOk(v) ? null : t.timeInvalid),
      },
      groups: { name: (v) => (v.trim() ? null : t.required) },
      booking: { time: (v) => (timeOk(v) ? null : t.timeInvalid) },
      cancellation: { time: (v, values) => (!values.separateCancellation || timeOk(v) ? null : t.timeInvalid) },
    },
  });
  const values = form.values;
  const unitOptions = (self: string) =>
    values.units.filter((u) => u.unitId !== self).map((u, i) => ({ value: u.unitId, label: u.name || t.unit(i + 1) }));

  const addUnit = () => {
    const unitId = newId();
    form.insertListItem('units', { unitId, name: '', startTime: '', endTime: '', implies: [], excludes: [] });
    values.groups.forEach((_, i) => form.setFieldValue(`groups.${i}.capacities.${unitId}`, ''));
  };
  const removeUnit = (index: number) => {
    const unitId = values.units[index]!.unitId;
    form.removeListItem('units', index);
    values.units.forEach((u, i) => {
      if (u.implies.includes(unitId))
        form.setFieldValue(
          `units.${i}.implies`,
          u.implies.filter((x) => x !== unitId),
        );
      if (u.excludes.includes(unitId))
        form.setFieldValue(
          `units.${i}.excludes`,
          u.excludes.filter((x) => x !== unitId),
        );
    });
  };
  const addGroup = () =>
    form.insertListItem('groups', {
      groupId: newId(),
      name: '',
      levels: [],
      capacities: Object.fromEntries(values.units.map((u) => [u.unitId, ''])),
    });

  const submit = async (v: ActivityValues) => {
    setOrphans([]);
    const index = new Map(v.units.map((u, i) => [u.unitId, i]));
    const result = await save.run({
      activityId,
      name: v.name.trim(),
      kind: v.kind,
      openOn: v.openOn,
      position: v.position,
      deadlines: { booking: ruleOf(v.booking), ...(v.separateCancellation ? { cancellation: ruleOf(v.cancellation) } : {}) },
      enrolmentCapacity: v.enrolmentCapacity === '' ? null : Number(v.enrolmentCapacity),
      autoAccept: v.autoAccept,
      onlineEnrolment: v.onlineEnrolment,
      units: v.units.map((u) => ({
        unitId: u.unitId,
        name: u.name.trim(),
        startTime: u.startTime,
        endTime: u.endTime,
        implies: u.implies.map((id) => index.get(id)!).filter((i) => i !== undefined),
        excludes: u.excludes.map((id) => index.get(id)!).filter((i) => i !== undefined),
      })),
      groups: v.groups.map((g) => ({
        groupId: g.groupId,
        name: g.name.trim(),
        levels: g.levels as Level[],
        capacities: v.units.map((u) => {
          const c = g.capacities[u.unitId];
          return c === '' || c === undefined ? null : Number(c);
        }),
      })),
    });
    if (!result) return;
    if (result.ok) {
      await invalidateBookings(queryClient);
      onClose();
      return;
    }
    // The core names capacities by unit position; the form by unit id.
    const errors = Object.fromEntries(
      Object.entries(result.fieldErrors ?? {}).map(([path, message]) => {
        const m = /^groups\.(\d+)\.capacities\.(\d+)$/.exec(path);
        return [m ? `groups.${m[1]}.capacities.${v.units[Number(m[2])]?.unitId}` : path, message];
      }),
    );
    const left = showFieldErrors(form, errors, formRef.current);
    setOrphans(result.fieldErrors ? left : [result.message]);
  };

  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={2}>
          <TextInput label={t.name} placeholder={t.namePlaceholder} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t.kind}
            data={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
            onChange={(value) => {
              if (!value) return;
              form.setFieldValue('kind', value as Kind);
              if (!activity) form.setFieldValue('openOn', defaultOpenOn[value as Kind]);
            }}
          />
        </SimpleGrid>
        <Radio.Group label={t.openOn} {...form.getInputProps('openOn')}>
          <Group mt={4} gap="lg">
            {Object.entries(openOnLabels).map(([value, label]) => (
              <Radio key={value} value={value} label={label} />
            ))}
          </Group>
        </Radio.Group>

        <Fieldset legend={t.units}>
          <Stack gap="sm">
            {values.units.map((unit, i) => (
              <Group key={unit.unitId} align="flex-start" gap="sm" wrap="nowrap" role="group" aria-label={t.unit(i + 1)}>
                <TextInput
                  label={t.unitName}
                  placeholder={t.unitNamePlaceholder}
                  required
                  w={200}
                  {...form.getInputProps(`units.${i}.name`)}
                />
                <TimeField label={t.start} w={110} {...form.getInputProps(`units.${i}.startTime`)} />
                <TimeField label={t.end} w={110} {...form.getInputProps(`units.${i}.endTime`)} />
                <MultiSelect
                  searchable
                  label={t.implies}
                  description={i === 0 ? t.impliesHint : undefined}
                  data={unitOptions(unit.unitId)}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`units.${i}.implies`)}
                />
                <MultiSelect
                  searchable
                  label={t.excludes}
                  description={i === 0 ? t.excludesHint : undefined}
                  data={unitOptions(unit.unitId)}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`units.${i}.excludes`)}
                />
                <Tooltip label={t.removeUnitHint}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={i === 0 ? 48 : 26}
                    aria-label={`${t.removeUnit} (${unit.name || t.unit(i + 1)})`}
                    onClick={() => removeUnit(i)}
                    disabled={values.units.length === 1}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="compact-sm"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={addUnit}
                disabled={values.units.length >= 12}
              >
                {t.addUnit}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t.groups}>
          <Stack gap="sm">
            {values.groups.map((group, i) => (
              <Group key={group.groupId} align="flex-start" gap="sm" wrap="nowrap" role="group" aria-label={t.group(i + 1)}>
                <TextInput
                  label={t.groupName}
                  placeholder={t.groupNamePlaceholder}
                  required
                  w={180}
                  {...form.getInputProps(`groups.${i}.name`)}
                />
                <MultiSelect
                  searchable
                  label={t.levels}
                  description={i === 0 ? t.levelsHint : undefined}
                  data={levelOrder.map((l) => ({ value: l, label: l }))}
                  w={300}
                  {...form.getInputProps(`groups.${i}.levels`)}
                />
                {values.units.map((unit, u) => (
                  <NumberInput
                    key={unit.unitId}
                    label={t.capacity(unit.name || t.unit(u + 1))}
                    description={i === 0 ? t.capacityHint : undefined}
                    min={0}
                    max={10000}
                    allowDecimal={false}
                    allowNegative={false}
                    w={150}
                    {...form.getInputProps(`groups.${i}.capacities.${unit.unitId}`)}
                  />
                ))}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={i === 0 ? 48 : 26}
                  aria-label={`${t.removeGroup} (${group.name || t.group(i + 1)})`}
                  onClick={() => form.removeListItem('groups', i)}
                  disabled={values.groups.length === 1}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="compact-sm"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={addGroup}
                disabled={values.groups.length >= 12}
              >
                {t.addGroup}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t.online}>
          <Stack gap="sm">
            <Checkbox label={t.onlineEnrolment} {...form.getInputProps('onlineEnrolment', { type: 'checkbox' })} />
            <NumberInput
              label={t.enrolmentCapacity}
              description={t.enrolmentCapacityHint}
              min={0}
              max={10000}
              allowDecimal={false}
              w={320}
              {...form.getInputProps('enrolmentCapacity')}
            />
            <Checkbox label={t.autoAccept} {...form.getInputProps('autoAccept', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t.deadlines}>
          <Stack gap="sm">
            <RuleFields form={form} path="booking" label={t.bookingRule} />
            <Checkbox label={t.separateCancellation} {...form.getInputProps('separateCancellation', { type: 'checkbox' })} />
            {values.separateCancellation && <RuleFields form={form} path="cancellation" label={t.cancellationRule} />}
          </Stack>
        </Fieldset>
        <FormFooter onCancel={onClose} pending={save.pending} orphans={orphans} submitLabel={t.save} orphansTitle={t.orphans} />
      </Stack>
    </form>
  );
}

function RuleFields({
  form,
  path,
  label,
}: {
  form: UseFormReturnType<ActivityValues>;
  path: 'booking' | 'cancellation';
  label: string;
}) {
  const rule = form.values[path];
  let reads = '';
  try {
    reads = timeOk(rule.time) ? describeDeadlineRule(ruleOf(rule)) : '';
  } catch {
    reads = '';
  }
  return (
    <Stack gap={6}>
      <Group gap="sm" align="center">
        <Text fw={600} size="sm" w={170}>
          {label}
        </Text>
        <SegmentedControl
          aria-label={`${label} – ${t.ruleKind}`}
          data={[
            { value: 'daysBefore', label: t.daysBefore },
            { value: 'weeklyCutoff', label: t.weeklyCutoff },
          ]}
          {...form.getInputProps(`${path}.kind`)}
        />
      </Group>
      <Group gap="sm" align="flex-end" ml={178}>
        {rule.kind === 'daysBefore' ? (
          <>
            <NumberInput
              label={t.days}
              min={0}
              max={366}
              allowDecimal={false}
              allowNegative={false}
              w={130}
              {...form.getInputProps(`${path}.days`)}
            />
            <Checkbox label={t.businessDays} mb={8} {...form.getInputProps(`${path}.businessDays`, { type: 'checkbox' })} />
          </>
        ) : (
          <Select
            label={t.weekday}
            w={160}
            allowDeselect={false}
            data={WEEKDAY_LONG.map((d, i) => ({ value: String(i + 1), label: d }))}
            {...form.getInputProps(`${path}.weekday`)}
          />
        )}
        <TimeField label={t.time} w={120} required {...form.getInputProps(`${path}.time`)} />
        {reads && (
          <Text size="sm" mb={8} fw={600} c="blue.9">
            {t.ruleReads(reads)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
