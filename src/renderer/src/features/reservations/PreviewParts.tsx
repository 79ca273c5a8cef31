// Pieces shared by the two ways of booking (grid selection and pattern): the day-by-day preview table, the
// staff options that change the outcome ("Forcer" beyond capacity, "Dérogation au délai"), each with its
// mandatory reason, and the counts line.
import { Checkbox, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheckFilled, IconCopy, IconHourglass, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { shortDate } from './dates';
import { Pill } from './Pill';
import type { ItemResult } from './queries';
import { text } from './text';

const t = text.preview;

export function OutcomeBadge({ item, forced }: { item: ItemResult; forced?: boolean }) {
  switch (item.outcome) {
    case 'booked':
      return (
        <Pill tone={forced ? 'teal' : 'green'} icon={IconCircleCheckFilled}>
          {forced ? t.outcome.forced : t.outcome.booked}
        </Pill>
      );
    case 'waitlisted':
      return (
        <Pill tone="orange" icon={IconHourglass}>
          {t.outcome.waitlisted(item.position)}
        </Pill>
      );
    case 'alreadyBooked':
      return (
        <Pill tone="gray" icon={IconCopy}>
          {t.outcome.alreadyBooked}
        </Pill>
      );
    case 'refused':
      return (
        <Pill tone="red" icon={IconX}>
          {t.outcome.refused}
        </Pill>
      );
    default:
      return null;
  }
}

interface PreviewTableProps {
  items: readonly ItemResult[];
  unitNames: ReadonlyMap<string, string>;
  multiUnit: boolean;
  /** `${unitId}|${date}` of days that are full: booked anyway means forced. */
  isForced?: (item: ItemResult) => boolean;
  caption: string;
}

export function PreviewTable({ items, unitNames, multiUnit, isForced, caption }: PreviewTableProps) {
  return (
    <Table striped withTableBorder verticalSpacing={4} fz="sm" aria-label={caption} data-testid="preview-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>{t.columns.date}</Table.Th>
          {multiUnit && <Table.Th>{t.columns.unit}</Table.Th>}
          <Table.Th w={230}>{t.columns.outcome}</Table.Th>
          <Table.Th>{t.columns.details}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={`${item.unitId}|${item.date}`} data-outcome={item.outcome} data-date={item.date}>
            <Table.Td>{shortDate(item.date)}</Table.Td>
            {multiUnit && <Table.Td>{unitNames.get(item.unitId) ?? ''}</Table.Td>}
            <Table.Td>
              <OutcomeBadge item={item} forced={item.outcome === 'booked' && isForced?.(item)} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={item.outcome === 'refused' ? 'red.9' : undefined}>
                {[
                  item.outcome === 'refused' ? detailOf(item.message) : '',
                  item.outcome === 'waitlisted' ? t.waitlistDetail : '',
                  item.implied?.length ? t.with(item.implied.map((u) => unitNames.get(u) ?? u).join(', ')) : '',
                ]
                  .filter(Boolean)
                  .join(' — ')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** 'Léa le 03/12 (Repas) : Le délai…' → 'Le délai…' (the row already says who and when). */
function detailOf(message: string | undefined): string {
  if (!message) return '';
  const cut = message.indexOf(' : ');
  return cut >= 0 ? message.slice(cut + 3) : message;
}

export function previewCounts(items: readonly ItemResult[]): string {
  const n = (o: ItemResult['outcome']) => items.filter((i) => i.outcome === o).length;
  return t.counts(n('booked'), n('waitlisted'), n('refused'));
}

export function isDeadlineRefusal(item: ItemResult): boolean {
  return item.outcome === 'refused' && /délai/i.test(item.message ?? '');
}

/** Staff options with their reasons; `argsFor` gives what the commands need (reasons only when ticked). */
export function useStaffOptions() {
  const [force, setForce] = useState(false);
  const [forceReason, setForceReason] = useState('');
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const forceError = force && !forceReason.trim() ? t.reasonRequired : null;
  const overrideError = override && !overrideReason.trim() ? t.reasonRequired : null;
  return {
    force,
    setForce,
    forceReason,
    setForceReason,
    override,
    setOverride,
    overrideReason,
    setOverrideReason,
    errors: showErrors ? { force: forceError, override: overrideError } : { force: null, override: null },
    /** False (and errors shown) when a ticked option has no reason. */
    check(): boolean {
      setShowErrors(true);
      return !forceError && !overrideError;
    },
    /** For the preview: a ticked option changes the outcome even before its reason is typed. */
    previewArgs: {
      ...(force ? { forceReason: forceReason.trim() || 'aperçu' } : {}),
      ...(override ? { deadlineOverrideReason: overrideReason.trim() || 'aperçu' } : {}),
    },
    commandArgs: {
      ...(force ? { forceReason: forceReason.trim() } : {}),
      ...(override ? { deadlineOverrideReason: overrideReason.trim() } : {}),
    },
  };
}

export type StaffOptions = ReturnType<typeof useStaffOptions>;

export function StaffOptionFields({
  options,
  showForce,
  showOverride,
}: {
  options: StaffOptions;
  showForce: boolean;
  showOverride: boolean;
}) {
  if (!showForce && !showOverride) return null;
  return (
    <Stack gap="sm" p="sm" bd="1px solid var(--mantine-color-orange-3)" bg="orange.0" style={{ borderRadius: 8 }}>
      <Text size="sm" fw={600}>
        <IconAlertTriangle size={16} aria-hidden style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
        {t.staffOptions}
      </Text>
      {showForce && (
        <Stack gap={6}>
          <Checkbox
            label={t.force}
            description={t.forceHint}
            checked={options.force}
            onChange={(e) => options.setForce(e.currentTarget.checked)}
          />
          {options.force && (
            <TextInput
              label={t.forceReason}
              placeholder={t.forceReasonPlaceholder}
              required
              value={options.forceReason}
              onChange={(e) => options.setForceReason(e.currentTarget.value)}
              error={options.errors.force}
              maxLength={300}
              data-autofocus
            />
          )}
        </Stack>
      )}
      {showOverride && (
        <Stack gap={6}>
          <Checkbox
            label={t.override}
            description={t.overrideHint}
            checked={options.override}
            onChange={(e) => options.setOverride(e.currentTarget.checked)}
          />
          {options.override && (
            <TextInput
              label={t.overrideReason}
              placeholder={t.overrideReasonPlaceholder}
              required
              value={options.overrideReason}
              onChange={(e) => options.setOverrideReason(e.currentTarget.value)}
              error={options.errors.override}
              maxLength={300}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
