// One (day, unit) of a child's calendar. When an action is open (book, waiting list, cancel), the whole card
// is a checkbox: a large target on a phone, named "Réserver — Repas, lundi 7 décembre", described by its
// state and deadline; checking it adds the choice to the selection the parent confirms at the bottom.
// Otherwise a plain card says what the day is. State = icon + words; colour only repeats them.
import { Badge, Box, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBan, IconCircle, IconCircleCheck, IconClockHour4, IconMinus, IconUserCheck } from '@tabler/icons-react';
import { useId } from 'react';
import { statusText } from '../../theme';
import classes from './Reservations.module.css';
import type { CellView, Tone } from './cellView';

const toneIcon: Record<Tone, typeof IconCircle> = {
  booked: IconCircleCheck,
  waitlisted: IconClockHour4,
  free: IconCircle,
  full: IconBan,
  done: IconUserCheck,
  muted: IconMinus,
};
const toneColor: Record<Tone, string> = {
  booked: statusText.green,
  waitlisted: statusText.orange,
  free: statusText.blue,
  full: statusText.red,
  done: statusText.gray,
  muted: 'gray.7',
};

function StatusLine({ view, unitLabel, compact, id }: { view: CellView; unitLabel: string; compact: boolean; id: string }) {
  const Icon = toneIcon[view.tone];
  return (
    <Stack gap={0} id={id}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Box c={toneColor[view.tone]} mt={2} style={{ flexShrink: 0, display: 'flex' }}>
          <Icon size={compact ? 16 : 18} aria-hidden stroke={2.2} />
        </Box>
        <Text size={compact ? 'xs' : 'sm'} fw={600} c={toneColor[view.tone]}>
          {unitLabel && `${unitLabel} : `}
          {view.status}
        </Text>
      </Group>
      {view.detail && (
        <Text size={compact ? 'xs' : 'sm'} pl={compact ? 22 : 24}>
          {view.detail}
        </Text>
      )}
      {(compact ? view.deadlineShort : view.deadline) && (
        <Text size="xs" c="dimmed" pl={compact ? 22 : 24}>
          {compact ? view.deadlineShort : view.deadline}
        </Text>
      )}
    </Stack>
  );
}

export function CellCard({
  view,
  unitLabel,
  dateLabel,
  checked,
  onToggle,
  compact = false,
}: {
  view: CellView;
  /** "Repas" (or "" when the activity has a single unit and the day says it all). */
  unitLabel: string;
  /** "lundi 7 décembre", for the accessible name. */
  dateLabel: string;
  checked: boolean;
  onToggle: () => void;
  compact?: boolean;
}) {
  const statusId = useId();
  if (!view.action) {
    return (
      <Paper className={classes.cell} data-tone={view.tone} p={compact ? 6 : 'sm'} withBorder>
        <StatusLine view={view} unitLabel={unitLabel} compact={compact} id={statusId} />
      </Paper>
    );
  }
  const cancelling = view.action.kind === 'cancel' || view.action.kind === 'leaveWaitlist';
  return (
    <Checkbox.Card
      className={classes.cell}
      data-tone={view.tone}
      data-cancel={cancelling || undefined}
      checked={checked}
      onChange={onToggle}
      radius="md"
      p={compact ? 6 : 'sm'}
      aria-label={`${view.action.label} — ${[unitLabel, dateLabel].filter(Boolean).join(', ')}`}
      aria-describedby={statusId}
    >
      {/* What the day is first (what a parent scans for), then the box and what ticking it does. */}
      <Stack gap={compact ? 4 : 6}>
        <StatusLine view={view} unitLabel={unitLabel} compact={compact} id={statusId} />
        <Group gap={compact ? 6 : 'xs'} wrap="nowrap" align="center" className={classes.actionRow}>
          <Checkbox.Indicator size={compact ? 'sm' : 'md'} color={cancelling ? 'red.9' : undefined} />
          <Text size={compact ? 'xs' : 'sm'} fw={600} className={classes.actionLabel} style={{ flex: 1 }}>
            {view.action.label}
          </Text>
          {checked && (
            <Badge
              size={compact ? 'xs' : 'sm'}
              color={cancelling ? 'red.9' : 'blue.8'}
              variant="filled"
              style={{ flexShrink: 0 }}
            >
              {cancelling ? 'À annuler' : 'Choisi'}
            </Badge>
          )}
        </Group>
      </Stack>
    </Checkbox.Card>
  );
}
