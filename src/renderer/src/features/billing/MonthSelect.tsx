// A month to work on: ‹ previous, a list of months (two years back, three months ahead), next ›. A select
// rather than a calendar: faster with the keyboard (type « oct », arrows, Entrée).
import { ActionIcon, Group, Select, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { addMonths, monthLabel } from '../reservations/dates';
import { text } from './text';

/** The months offered around `today`'s month, newest first. */
export function monthOptions(today: string, extra?: string): { value: string; label: string }[] {
  const current = today.slice(0, 7);
  const months = new Set<string>();
  for (let n = 3; n >= -24; n--) months.add(addMonths(current, n));
  if (extra) months.add(extra);
  return [...months]
    .sort()
    .reverse()
    .map((m) => ({ value: m, label: capitalize(monthLabel(m)) }));
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface MonthSelectProps {
  value: string | null;
  onChange: (month: string | null) => void;
  today: string;
  /** Offer « Tous les mois » (value null). */
  allowAll?: boolean;
  label?: string;
}

export function MonthSelect({ value, onChange, today, allowAll = false, label = text.month.label }: MonthSelectProps) {
  const options = monthOptions(today, value ?? undefined);
  const data = allowAll ? [{ value: '', label: text.month.all }, ...options] : options;
  return (
    <Group gap={4} align="flex-end" wrap="nowrap">
      <Tooltip label={text.month.previous}>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={text.month.previous}
          disabled={!value}
          onClick={() => value && onChange(addMonths(value, -1))}
        >
          <IconChevronLeft size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Select
        label={label}
        data={data}
        value={value ?? ''}
        onChange={(v) => onChange(v ? v : allowAll ? null : value)}
        allowDeselect={false}
        searchable
        w={190}
        comboboxProps={{ withinPortal: true }}
      />
      <Tooltip label={text.month.next}>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={text.month.next}
          disabled={!value}
          onClick={() => value && onChange(addMonths(value, 1))}
        >
          <IconChevronRight size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
