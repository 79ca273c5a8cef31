// Create or edit a tariff (tariff.save): activity and unit (or every unit), name, validity, QF brackets (A, B, C…
// each with a resident and a hors-commune price) and sibling reductions. The brackets are typed as the rule
// reads: the first starts at QF 0, each next one right after the previous maximum (computed, not typed), the last
// has no maximum (« et plus »). The shared `checkBrackets` gives the same French messages as the desk core.
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { checkBrackets, checkSiblingReductions, type TariffBracket } from '../../../../shared/domain/tariffs';
import { DateField } from '../../components/DateField';
import { newId } from '../../ids';
import { formatDate, parisToday, parseDate } from '../families/format';
import type { ActivityView } from '../reservations/queries';
import { AmountField, centsToInput, inputToCents } from './AmountField';
import { useBillingCommand, type TariffView } from './queries';
import { text } from './text';

const t = text.tariffs;

interface BracketRow {
  key: string;
  label: string;
  /** Typed for every bracket but the last (which has none). */
  qfMax: string;
  resident: string;
  nonResident: string;
}

interface SiblingRow {
  key: string;
  fromRank: number;
  percent: number;
}

/** The school year holding `today`: 1 September → 31 August. */
function schoolYear(today: string): [string, string] {
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0);
  return [`${year}-09-01`, `${year + 1}-08-31`];
}

const nextLabel = (rows: BracketRow[]) => String.fromCharCode(65 + Math.min(rows.length, 25));

export function TariffFormModal({
  opened,
  onClose,
  activity,
  tariff,
}: {
  opened: boolean;
  onClose: () => void;
  activity: ActivityView | null;
  tariff: TariffView | null;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={tariff ? t.editTitle(tariff.label || activity?.name || '') : t.addFor(activity?.name ?? '')}
    >
      {opened && activity && <TariffForm activity={activity} tariff={tariff} onClose={onClose} />}
    </Modal>
  );
}

function TariffForm({ activity, tariff, onClose }: { activity: ActivityView; tariff: TariffView | null; onClose: () => void }) {
  const today = parisToday();
  const [defaultFrom, defaultTo] = schoolYear(today);
  const [tariffId] = useState(() => tariff?.id ?? newId());
  const [unitId, setUnitId] = useState<string>(tariff?.unitId ?? '');
  const [label, setLabel] = useState(tariff?.label ?? '');
  const [validFrom, setValidFrom] = useState(formatDate(tariff?.validFrom ?? defaultFrom));
  const [validTo, setValidTo] = useState(formatDate(tariff?.validTo ?? defaultTo));
  const [brackets, setBrackets] = useState<BracketRow[]>(() =>
    tariff
      ? tariff.brackets.map((b) => ({
          key: newId(),
          label: b.label,
          qfMax: b.qfMax === null ? '' : String(b.qfMax),
          resident: centsToInput(b.residentCents),
          nonResident: centsToInput(b.nonResidentCents),
        }))
      : [{ key: newId(), label: 'A', qfMax: '', resident: '', nonResident: '' }],
  );
  const [siblings, setSiblings] = useState<SiblingRow[]>(() =>
    (tariff?.siblingReductions ?? []).map((r) => ({ key: newId(), fromRank: r.fromRank, percent: r.percent })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const save = useBillingCommand('tariff.save', { success: t.saved, failure: 'Tarif non enregistré' });
  const formRef = useRef<HTMLFormElement>(null);

  const unitOptions = [
    { value: '', label: t.allUnits },
    ...activity.units.map((u) => ({ value: u.id, label: u.name })),
    ...(tariff?.unitId && !activity.units.some((u) => u.id === tariff.unitId)
      ? [{ value: tariff.unitId, label: tariff.unitName ?? '' }]
      : []),
  ];
  const qfMinOf = (index: number): number | null => {
    if (index === 0) return 0;
    const previous = Number.parseInt(brackets[index - 1]!.qfMax, 10);
    return Number.isNaN(previous) ? null : previous + 1;
  };
  const update = (key: string, patch: Partial<BracketRow>) =>
    setBrackets(brackets.map((b) => (b.key === key ? { ...b, ...patch } : b)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const from = parseDate(validFrom);
    const to = parseDate(validTo);
    if (!from) found.validFrom = t.invalidDate;
    if (!to) found.validTo = t.invalidDate;
    else if (from && to < from) found.validTo = 'La fin de validité suit le début.';
    const parsed: TariffBracket[] = brackets.map((b, i) => {
      const last = i === brackets.length - 1;
      const qfMax = last ? null : Number.parseInt(b.qfMax, 10);
      if (!b.label.trim()) found[`brackets.${i}.label`] = 'Nommez la tranche.';
      if (!last && (qfMax === null || Number.isNaN(qfMax) || qfMax < 0)) found[`brackets.${i}.qfMax`] = 'QF maximum ?';
      const resident = inputToCents(b.resident);
      const nonResident = inputToCents(b.nonResident);
      if (resident === undefined || resident < 0) found[`brackets.${i}.residentCents`] = t.invalidAmount;
      if (nonResident === undefined || nonResident < 0) found[`brackets.${i}.nonResidentCents`] = t.invalidAmount;
      return {
        label: b.label.trim(),
        qfMin: qfMinOf(i) ?? 0,
        qfMax: qfMax !== null && Number.isNaN(qfMax) ? 0 : qfMax,
        residentCents: resident ?? 0,
        nonResidentCents: nonResident ?? 0,
      };
    });
    const reductions = siblings.map((r) => ({ fromRank: r.fromRank, percent: r.percent }));
    const rules = Object.keys(found).length === 0 ? [...checkBrackets(parsed), ...checkSiblingReductions(reductions)] : [];
    setErrors(found);
    setProblems(rules);
    if (Object.keys(found).length > 0 || rules.length > 0) return;
    const result = await save.run({
      tariffId,
      activityId: activity.id,
      unitId: unitId || null,
      label: label.trim(),
      validFrom: from!,
      validTo: to!,
      brackets: parsed,
      siblingReductions: reductions,
    });
    if (!result) return;
    if (result.ok) onClose();
    else {
      setErrors(result.fieldErrors ?? {});
      setProblems(result.fieldErrors ? [] : [result.message]);
    }
  };

  const c = t.bracketColumns;
  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="tariff-form">
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="md">
          <TextInput
            label={t.label}
            placeholder={t.labelPlaceholder}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            data-autofocus
          />
          <Select label={t.unit} data={unitOptions} value={unitId} onChange={(v) => setUnitId(v ?? '')} allowDeselect={false} />
          <DateField label={t.validFrom} withAsterisk value={validFrom} onChange={setValidFrom} error={errors.validFrom} />
          <DateField label={t.validTo} withAsterisk value={validTo} onChange={setValidTo} error={errors.validTo} />
        </SimpleGrid>

        <Stack gap={6}>
          <Text fw={600} size="sm" id="brackets-title">
            {t.brackets}
          </Text>
          <Text size="xs" c="dimmed">
            {t.bracketHint}
          </Text>
          <Table withTableBorder verticalSpacing={4} fz="sm" aria-labelledby="brackets-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>{c.label}</Table.Th>
                <Table.Th w={90}>{c.qfMin}</Table.Th>
                <Table.Th w={120}>{c.qfMax}</Table.Th>
                <Table.Th>{c.resident}</Table.Th>
                <Table.Th>{c.nonResident}</Table.Th>
                <Table.Th w={44} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {brackets.map((b, i) => {
                const last = i === brackets.length - 1;
                const name = b.label || String(i + 1);
                return (
                  <Table.Tr key={b.key}>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`${c.label} ${i + 1}`}
                        value={b.label}
                        onChange={(e) => update(b.key, { label: e.currentTarget.value })}
                        error={errors[`brackets.${i}.label`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{qfMinOf(i) ?? '…'}</Text>
                    </Table.Td>
                    <Table.Td>
                      {last ? (
                        <Text size="sm" c="dimmed">
                          {t.andMore}
                        </Text>
                      ) : (
                        <TextInput
                          size="xs"
                          inputMode="numeric"
                          aria-label={`${c.qfMax} — ${c.label} ${name}`}
                          value={b.qfMax}
                          onChange={(e) => update(b.key, { qfMax: e.currentTarget.value.replace(/\D/g, '') })}
                          error={errors[`brackets.${i}.qfMax`]}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <AmountField
                        size="xs"
                        aria-label={`${c.resident} — ${c.label} ${name}`}
                        value={b.resident}
                        onChange={(v) => update(b.key, { resident: v })}
                        error={errors[`brackets.${i}.residentCents`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <AmountField
                        size="xs"
                        aria-label={`${c.nonResident} — ${c.label} ${name}`}
                        value={b.nonResident}
                        onChange={(v) => update(b.key, { nonResident: v })}
                        error={errors[`brackets.${i}.nonResidentCents`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      {brackets.length > 1 && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t.removeBracket(name)}
                          onClick={() => setBrackets(brackets.filter((x) => x.key !== b.key))}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Button
            variant="subtle"
            size="xs"
            w="fit-content"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              setBrackets([...brackets, { key: newId(), label: nextLabel(brackets), qfMax: '', resident: '', nonResident: '' }])
            }
            disabled={brackets.length >= 20}
          >
            {t.addBracket}
          </Button>
        </Stack>

        <Stack gap={6}>
          <Text fw={600} size="sm">
            {t.siblings}
          </Text>
          {siblings.length === 0 && (
            <Text size="sm" c="dimmed">
              {t.siblingsNone}
            </Text>
          )}
          {siblings.map((r) => (
            <Group key={r.key} gap="sm" align="flex-end">
              <NumberInput
                size="xs"
                label={t.fromRank}
                min={2}
                max={10}
                allowDecimal={false}
                value={r.fromRank}
                onChange={(v) => setSiblings(siblings.map((x) => (x.key === r.key ? { ...x, fromRank: Number(v) || 2 } : x)))}
                w={140}
              />
              <NumberInput
                size="xs"
                label={t.percent}
                min={0}
                max={100}
                allowDecimal={false}
                value={r.percent}
                onChange={(v) => setSiblings(siblings.map((x) => (x.key === r.key ? { ...x, percent: Number(v) || 0 } : x)))}
                w={140}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t.removeSibling}
                onClick={() => setSiblings(siblings.filter((x) => x.key !== r.key))}
                mb={4}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="subtle"
            size="xs"
            w="fit-content"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              setSiblings([
                ...siblings,
                { key: newId(), fromRank: Math.min(10, 2 + siblings.length), percent: 10 * (siblings.length + 1) },
              ])
            }
          >
            {t.addSibling}
          </Button>
        </Stack>

        {problems.length > 0 && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title="À corriger :">
            {problems.map((p) => (
              <Text size="sm" key={p}>
                {p}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {text.run.cancel}
          </Button>
          <Button type="submit" loading={save.pending}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
