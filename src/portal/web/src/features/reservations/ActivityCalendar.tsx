// One activity of one child for one month: a list of days on phones (today first, past days on request), a
// month table (weeks × weekdays) from tablets up. Both show the same cards (CellCard).
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import { formatDate, formatHours, formatMonth, isoWeekday, parisToday, weekdayName } from '../../format';
import type { GridActivity, GridCell, MonthGrid } from '../../types';
import { CellCard } from './CellCard';
import { cellView, choiceKey, type ActionKind } from './cellView';
import classes from './Reservations.module.css';

export interface CalendarProps {
  childId: string;
  activity: GridActivity;
  grid: MonthGrid;
  isChosen: (key: string) => boolean;
  toggle: (cell: GridCell, kind: ActionKind) => void;
}

function cellsByDate(activity: GridActivity) {
  const byDate = new Map<string, GridCell[]>();
  for (const cell of activity.cells) {
    const list = byDate.get(cell.date) ?? [];
    list.push(cell);
    byDate.set(cell.date, list);
  }
  return byDate;
}

const visible = (cells: GridCell[]) => cells.some((c) => c.state !== 'closed' && c.state !== 'notEnrolled');

function UnitCards({
  cells,
  props,
  compact,
  dateLabel,
}: {
  cells: GridCell[];
  props: CalendarProps;
  compact: boolean;
  dateLabel: string;
}) {
  const { activity, grid, childId, isChosen, toggle } = props;
  return cells
    .filter((cell) => cell.state !== 'closed')
    .map((cell) => {
      const unit = activity.units.find((u) => u.id === cell.unitId);
      const view = cellView(cell, activity, grid.now);
      return (
        <CellCard
          key={cell.unitId}
          view={view}
          unitLabel={unit?.name ?? ''}
          dateLabel={dateLabel}
          compact={compact}
          checked={isChosen(choiceKey(childId, cell.unitId, cell.date))}
          onToggle={() => view.action && toggle(cell, view.action.kind)}
        />
      );
    });
}

export function DayList(props: CalendarProps) {
  const { activity, grid } = props;
  const today = parisToday(new Date(grid.now));
  const byDate = cellsByDate(activity);
  const dates = [...byDate.keys()].filter((date) => visible(byDate.get(date)!));
  const past = dates.filter((date) => date < today);
  const [showPast, setShowPast] = useState(false);
  const shown = showPast ? dates : dates.filter((date) => date >= today);
  const holidays = new Map(grid.days.map((d) => [d.date, d.holiday]));
  if (dates.length === 0) return <Text>Aucun jour d’ouverture ce mois-ci.</Text>;
  return (
    <Stack gap="sm">
      {past.length > 0 && (
        <Button
          variant="subtle"
          onClick={() => setShowPast(!showPast)}
          aria-expanded={showPast}
          style={{ alignSelf: 'flex-start' }}
        >
          {showPast ? 'Masquer les jours passés' : `Afficher les jours passés (${past.length})`}
        </Button>
      )}
      {shown.length === 0 && <Text>Plus aucun jour d’ouverture d’ici la fin du mois.</Text>}
      {shown.map((date) => (
        <Day key={date} date={date} today={today} holiday={holidays.get(date) ?? null} cells={byDate.get(date)!} props={props} />
      ))}
    </Stack>
  );
}

function Day({
  date,
  today,
  holiday,
  cells,
  props,
}: {
  date: string;
  today: string;
  holiday: string | null;
  cells: GridCell[];
  props: CalendarProps;
}) {
  const headingId = useId();
  const label = formatDate(date);
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      role="group"
      aria-labelledby={headingId}
      className={`${classes.day} ${date === today ? classes.dayToday : ''}`}
    >
      <Group gap="xs" mb="xs" justify="space-between">
        <Title order={3} size="h4" id={headingId}>
          {label.charAt(0).toUpperCase() + label.slice(1)}
        </Title>
        <Group gap={4}>
          {date === today && (
            <Badge color="blue.8" variant="filled">
              Aujourd’hui
            </Badge>
          )}
          {holiday && (
            <Badge color="gray.8" variant="outline">
              {holiday}
            </Badge>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: Math.min(2, cells.length) }} spacing="xs">
        <UnitCards cells={cells} props={props} compact={false} dateLabel={label} />
      </SimpleGrid>
    </Paper>
  );
}

export function MonthTable(props: CalendarProps) {
  const { activity, grid } = props;
  const today = parisToday(new Date(grid.now));
  const byDate = cellsByDate(activity);
  const holidays = new Map(grid.days.map((d) => [d.date, d.holiday]));
  // Monday–Friday always; a weekend day only when the activity opens on one this month.
  const weekdays = [1, 2, 3, 4, 5, 6, 7].filter(
    (wd) => wd <= 5 || grid.days.some((d) => isoWeekday(d.date) === wd && visible(byDate.get(d.date) ?? [])),
  );
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = [];
  for (const { date } of grid.days) {
    const wd = isoWeekday(date);
    if (wd === 1 && week.length) {
      weeks.push(week);
      week = [];
    }
    if (!week.length) week = weekdays.map(() => null);
    const column = weekdays.indexOf(wd);
    if (column >= 0) week[column] = date;
  }
  if (week.some(Boolean)) weeks.push(week);
  return (
    <table className={classes.table}>
      <VisuallyHidden component="caption">
        {activity.name} — {formatMonth(grid.month)}
      </VisuallyHidden>
      <thead>
        <tr>
          {weekdays.map((wd) => (
            <th key={wd} scope="col">
              {weekdayName(wd).charAt(0).toUpperCase() + weekdayName(wd).slice(1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks
          .filter((w) => w.some(Boolean))
          .map((w) => (
            <tr key={w.find(Boolean)}>
              {w.map((date, column) =>
                date ? (
                  <td key={date} data-today={date === today || undefined}>
                    <Stack gap={4}>
                      <Group gap={4} justify="space-between" wrap="nowrap">
                        <Text fw={700} size="sm">
                          <span aria-hidden>{Number(date.slice(8, 10))}</span>
                          <VisuallyHidden component="span">{formatDate(date)}</VisuallyHidden>
                        </Text>
                        {date === today && (
                          <Badge size="xs" color="blue.8" variant="filled">
                            Aujourd’hui
                          </Badge>
                        )}
                      </Group>
                      {holidays.get(date) && (
                        <Text size="xs" c="dimmed">
                          {holidays.get(date)}
                        </Text>
                      )}
                      {visible(byDate.get(date) ?? []) ? (
                        <UnitCards cells={byDate.get(date)!} props={props} compact dateLabel={formatDate(date)} />
                      ) : (
                        <Text size="xs" c="dimmed">
                          {(byDate.get(date) ?? []).some((c) => c.state === 'notEnrolled') ? 'Non inscrit(e)' : 'Fermé'}
                        </Text>
                      )}
                    </Stack>
                  </td>
                ) : (
                  <td key={`vide-${column}`} data-outside />
                ),
              )}
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/** "Repas (11h45 – 13h30)". */
export const unitText = (unit: { name: string; startTime: string; endTime: string }) => {
  const hours = formatHours(unit.startTime, unit.endTime);
  return hours ? `${unit.name} (${hours})` : unit.name;
};
