// Booking a period at once ("tous les lundis et jeudis jusqu'aux vacances"): the parent picks weekdays, units
// and a period; the page lists every matching day with what will happen (booked, waiting list, or left out
// with the reason), and books only after the parent confirms that list.
import { Alert, Button, Checkbox, Group, List, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconBan, IconCircleCheck, IconClockHour4, IconMinus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api';
import { RequiredNote } from '../../components/Page';
import { formatDate, isoWeekday, weekdayName } from '../../format';
import { queryClient } from '../../queryClient';
import { statusText } from '../../theme';
import type { GridChild } from '../../types';
import { unitText } from './ActivityCalendar';
import { choiceKey, type Choice } from './cellView';
import { fetchGrid, gridKey, monthsBetween } from './grid';
import { submitChoices, type ChoiceOutcome } from './submit';

type Line = { date: string; unitId: string; unitName: string; include: 'book' | 'waitlist' | null; text: string };

const MAX_MONTHS = 12;

async function preview(
  householdId: string,
  childId: string,
  activityId: string,
  unitIds: string[],
  weekdays: number[],
  from: string,
  to: string,
): Promise<{ lines: Line[]; closed: number }> {
  const months = monthsBetween(from, to, MAX_MONTHS);
  const grids = await Promise.all(
    months.map((month) =>
      queryClient.fetchQuery({
        queryKey: gridKey(householdId, month),
        queryFn: () => fetchGrid(householdId, month),
        staleTime: 5_000,
      }),
    ),
  );
  const lines: Line[] = [];
  let closed = 0;
  for (const grid of grids) {
    const activity = grid.children.find((c) => c.childId === childId)?.activities.find((a) => a.activityId === activityId);
    if (!activity) continue;
    for (const cell of activity.cells) {
      if (cell.date < from || cell.date > to || !unitIds.includes(cell.unitId) || !weekdays.includes(isoWeekday(cell.date)))
        continue;
      const unitName = activity.units.find((u) => u.id === cell.unitId)?.name ?? '';
      const line = (include: Line['include'], text: string) =>
        lines.push({ date: cell.date, unitId: cell.unitId, unitName, include, text });
      if (cell.state === 'closed') closed++;
      else if (cell.state === 'notEnrolled') line(null, 'ignoré : non inscrit(e) à cette date');
      else if (cell.state === 'waitlisted') line(null, 'ignoré : déjà en liste d’attente');
      else if (cell.state !== 'open' && cell.state !== 'full') line(null, 'ignoré : déjà réservé');
      else if (cell.bookingClosed) line(null, 'ignoré : délai de réservation dépassé');
      else if (cell.state === 'full') line('waitlist', 'complet : inscription en liste d’attente');
      else line('book', 'sera réservé');
    }
  }
  return { lines, closed };
}

const lineIcon = (line: Line) =>
  line.include === 'book' ? (
    <IconCircleCheck size={18} color={statusText.green} aria-hidden />
  ) : line.include === 'waitlist' ? (
    <IconClockHour4 size={18} color={statusText.orange} aria-hidden />
  ) : line.text.includes('déjà') ? (
    <IconMinus size={18} color="var(--mantine-color-gray-7)" aria-hidden />
  ) : (
    <IconBan size={18} color="var(--mantine-color-gray-7)" aria-hidden />
  );

export function PatternBooking({
  householdId,
  child,
  defaultFrom,
  defaultTo,
  onDone,
}: {
  householdId: string;
  child: GridChild;
  defaultFrom: string;
  defaultTo: string;
  onDone: (outcomes: ChoiceOutcome[]) => void;
}) {
  const [activityId, setActivityId] = useState(child.activities[0]?.activityId ?? '');
  const activity = child.activities.find((a) => a.activityId === activityId);
  const [unitIds, setUnitIds] = useState<string[]>(activity?.units.length === 1 ? [activity.units[0]!.id] : []);
  const [weekdays, setWeekdays] = useState<string[]>([]);
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ lines: Line[]; closed: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  if (!activity) return <Text>{child.firstName} n’est inscrit(e) à aucune activité ce mois-ci.</Text>;
  const openWeekdays = [1, 2, 3, 4, 5, 6, 7].filter(
    (wd) => wd <= 5 || activity.cells.some((c) => c.state !== 'closed' && isoWeekday(c.date) === wd),
  );

  const showPreview = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!unitIds.length) found.units = 'Choisissez au moins une unité.';
    if (!weekdays.length) found.weekdays = 'Choisissez au moins un jour de la semaine.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) found.from = 'Indiquez la date de début.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(to)) found.to = 'Indiquez la date de fin.';
    else if (from && to < from) found.to = 'La date de fin doit suivre la date de début.';
    else if (monthsBetween(from, to, MAX_MONTHS + 1).length > MAX_MONTHS) found.to = 'Choisissez une période de 12 mois au plus.';
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      setResult(await preview(householdId, child.childId, activity.activityId, unitIds, weekdays.map(Number), from, to));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!result) return;
    setBusy(true);
    const choices: Choice[] = result.lines
      .filter((l) => l.include)
      .map((l) => ({
        key: choiceKey(child.childId, l.unitId, l.date),
        childId: child.childId,
        childName: child.firstName,
        activityName: activity.name,
        unitId: l.unitId,
        unitName: l.unitName,
        date: l.date,
        kind: l.include!,
      }));
    try {
      onDone(await submitChoices(householdId, choices));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const included = result.lines.filter((l) => l.include);
    const waitlist = included.filter((l) => l.include === 'waitlist').length;
    return (
      <Stack gap="md">
        <Text fw={600} role="status">
          {included.length === 0
            ? 'Aucun jour à réserver sur cette période.'
            : `${included.length} jour${included.length > 1 ? 's' : ''} à réserver${waitlist ? `, dont ${waitlist} en liste d’attente` : ''}.`}
          {result.closed > 0 &&
            ` ${result.closed} jour${result.closed > 1 ? 's' : ''} de fermeture (vacances, jours fériés) ne sont pas comptés.`}
        </Text>
        <List spacing={6} size="sm" aria-label="Jours de la période">
          {result.lines.map((line) => (
            <List.Item key={`${line.date}|${line.unitId}`} icon={lineIcon(line)} c={line.include ? undefined : 'dimmed'}>
              {formatDate(line.date)}
              {activity.units.length > 1 ? ` — ${line.unitName}` : ''} : {line.text}
            </List.Item>
          ))}
        </List>
        <Group justify="space-between">
          <Button variant="default" onClick={() => setResult(null)} disabled={busy}>
            Modifier la période
          </Button>
          <Button onClick={() => void confirm()} loading={busy} disabled={included.length === 0}>
            {`Confirmer la réservation de ${included.length} jour${included.length > 1 ? 's' : ''}`}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={(event) => void showPreview(event)} noValidate>
      <Stack gap="md">
        <RequiredNote />
        {child.activities.length > 1 && (
          <NativeSelect
            label="Activité"
            value={activityId}
            onChange={(event) => {
              const next = child.activities.find((a) => a.activityId === event.currentTarget.value);
              setActivityId(event.currentTarget.value);
              setUnitIds(next?.units.length === 1 ? [next.units[0]!.id] : []);
            }}
            data={child.activities.map((a) => ({ value: a.activityId, label: a.name }))}
          />
        )}
        {activity.units.length > 1 ? (
          <Checkbox.Group label="Unités" value={unitIds} onChange={setUnitIds} error={errors.units} withAsterisk>
            <Stack gap={6} mt={6}>
              {activity.units.map((u) => (
                <Checkbox key={u.id} value={u.id} label={unitText(u)} />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Text size="sm">
            Unité : <strong>{unitText(activity.units[0]!)}</strong>
          </Text>
        )}
        <Checkbox.Group label="Jours de la semaine" value={weekdays} onChange={setWeekdays} error={errors.weekdays} withAsterisk>
          <Group gap="md" mt={6}>
            {openWeekdays.map((wd) => (
              <Checkbox key={wd} value={String(wd)} label={weekdayName(wd)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Du"
            required
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={errors.from}
          />
          <TextInput
            type="date"
            label="Au"
            required
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={errors.to}
          />
        </Group>
        {failure && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {failure}
          </Alert>
        )}
        <Button type="submit" loading={busy}>
          Voir les jours concernés
        </Button>
      </Stack>
    </form>
  );
}
