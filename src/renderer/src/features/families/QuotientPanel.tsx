// The household's quotient familial: the value valid today (with organisation, allowance number, validity),
// the history of recorded values, and "Nouveau QF" to record one (`familyQuotient.record`).
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  NumberInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCalendarCheck, IconCalendarOff, IconCalendarTime, IconPlus } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useCommand } from '../../commands';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { newId } from '../../ids';
import { formatDate, formatInstantDate, parseDate } from './format';
import { fieldLabels, text } from './labels';
import type { QuotientView } from './queries';

type Status = 'current' | 'expired' | 'future';

function statusOf(q: QuotientView, today: string): Status {
  if (q.validTo < today) return 'expired';
  if (q.validFrom > today) return 'future';
  return 'current';
}

function StatusBadge({ status }: { status: Status }) {
  const t = text.quotient.status;
  if (status === 'current')
    return (
      <Badge color="teal.9" variant="filled" leftSection={<IconCalendarCheck size={12} aria-hidden />}>
        {t.current}
      </Badge>
    );
  if (status === 'future')
    return (
      <Badge color="blue.9" variant="filled" leftSection={<IconCalendarTime size={12} aria-hidden />}>
        {t.future}
      </Badge>
    );
  return (
    <Badge color="gray.7" variant="outline" leftSection={<IconCalendarOff size={12} aria-hidden />}>
      {t.expired}
    </Badge>
  );
}

/** The status in a table cell: icon and word, no pill, so that it never gets cut. */
function StatusText({ status }: { status: Status }) {
  const t = text.quotient.status;
  const look = {
    current: { icon: IconCalendarCheck, color: 'teal.9', label: t.current },
    future: { icon: IconCalendarTime, color: 'blue.9', label: t.future },
    expired: { icon: IconCalendarOff, color: 'gray.7', label: t.expired },
  }[status];
  return (
    <Group gap={4} wrap="nowrap" c={look.color}>
      <look.icon size={14} aria-hidden />
      <Text size="xs" fw={700} span style={{ whiteSpace: 'nowrap' }}>
        {look.label}
      </Text>
    </Group>
  );
}

export function QuotientPanel({
  householdId,
  quotients,
  today,
}: {
  householdId: string;
  quotients: QuotientView[];
  today: string;
}) {
  const t = text.quotient;
  const [adding, setAdding] = useState(false);
  const current = quotients.find((q) => statusOf(q, today) === 'current');
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="qf-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="qf-title">
          {t.title}
        </Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
          {t.add}
        </Button>
      </Group>
      {current ? (
        <Stack gap={2}>
          <Group gap="sm" align="baseline">
            <Text fz={32} fw={750} lh={1.1}>
              {current.value}
            </Text>
            <StatusBadge status="current" />
          </Group>
          <Text size="sm">{t.allowance(current.organisation, current.allowanceNumber)}</Text>
          <Text size="sm" c="dimmed">
            {t.validity(formatDate(current.validFrom), formatDate(current.validTo))}
          </Text>
        </Stack>
      ) : (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={18} color="var(--mantine-color-orange-7)" aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" fw={600}>
            {t.none}
          </Text>
        </Group>
      )}

      <Title order={3} size="sm" mt="md" mb={4} id="qf-history-title">
        {t.history}
      </Title>
      {quotients.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.noHistory}
        </Text>
      ) : (
        <Table striped withTableBorder fz="xs" verticalSpacing={4} horizontalSpacing={6} aria-labelledby="qf-history-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.columns.value}</Table.Th>
              <Table.Th>{t.columns.validity}</Table.Th>
              <Table.Th>{t.columns.status}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {quotients.map((q) => (
              <Table.Tr key={q.id}>
                <Table.Td fw={700} fz="sm">
                  {q.value}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(q.validFrom)} – {formatDate(q.validTo)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t.allowance(q.organisation, q.allowanceNumber)} · {t.columns.recordedAt.toLowerCase()}{' '}
                    {formatInstantDate(q.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusText status={statusOf(q, today)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t.addTitle} size="lg">
        {adding && (
          <QuotientForm householdId={householdId} today={today} latest={quotients[0]} onClose={() => setAdding(false)} />
        )}
      </Modal>
    </Card>
  );
}

interface QuotientValues {
  value: number | string;
  organisation: 'CAF' | 'MSA';
  allowanceNumber: string;
  validFrom: string;
  validTo: string;
}

function QuotientForm({
  householdId,
  today,
  latest,
  onClose,
}: {
  householdId: string;
  today: string;
  latest?: QuotientView;
  onClose: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [quotientId] = useState(newId);
  const [orphans, setOrphans] = useState<string[]>([]);
  const record = useCommand('familyQuotient.record', { success: text.quotient.saved });
  const form = useForm<QuotientValues>({
    mode: 'controlled',
    initialValues: {
      value: '',
      organisation: latest?.organisation ?? 'CAF',
      allowanceNumber: latest?.allowanceNumber ?? '',
      validFrom: formatDate(today),
      validTo: `31/12/${today.slice(0, 4)}`,
    },
  });

  const submit = async (v: QuotientValues) => {
    setOrphans([]);
    const dateErrors: Record<string, string> = {};
    const validFrom = parseDate(v.validFrom);
    const validTo = parseDate(v.validTo);
    if (!validFrom) dateErrors.validFrom = v.validFrom.trim() ? text.form.dateInvalid : text.form.dateRequired;
    if (!validTo) dateErrors.validTo = v.validTo.trim() ? text.form.dateInvalid : text.form.dateRequired;
    const result = await record.run({
      householdId,
      quotientId,
      // An empty value is left out: the core answers "Indiquez le quotient familial." on that field.
      value: (typeof v.value === 'number' ? v.value : undefined) as number,
      organisation: v.organisation,
      allowanceNumber: v.allowanceNumber,
      validFrom: validFrom ?? v.validFrom,
      validTo: validTo ?? v.validTo,
    });
    if (!result) return;
    if (result.ok) onClose();
    else setOrphans(showFieldErrors(form, { ...(result.fieldErrors ?? {}), ...dateErrors }, formRef.current));
  };

  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <SimpleGrid cols={2} spacing="sm">
        <NumberInput
          id="qf-value"
          label={fieldLabels.value}
          withAsterisk
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=" "
          placeholder={text.quotient.valuePlaceholder}
          data-autofocus
          {...form.getInputProps('value')}
        />
        <Radio.Group label={fieldLabels.organisation} withAsterisk {...form.getInputProps('organisation')}>
          <Group mt={8}>
            <Radio value="CAF" label="CAF" />
            <Radio value="MSA" label="MSA" />
          </Group>
        </Radio.Group>
        <TextInput
          id="qf-allowance"
          label={fieldLabels.allowanceNumber}
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('allowanceNumber')}
        />
        <div />
        <DateField id="qf-from" label={fieldLabels.validFrom} withAsterisk {...form.getInputProps('validFrom')} />
        <DateField id="qf-to" label={fieldLabels.validTo} withAsterisk {...form.getInputProps('validTo')} />
      </SimpleGrid>
      <FormFooter onCancel={onClose} pending={record.pending} orphans={orphans} />
    </form>
  );
}
