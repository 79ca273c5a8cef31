// One child's month for one activity: weeks as rows, Monday to Friday as columns (weekday columns closed all
// month, like Wednesday at the canteen, are left out and named below), one button per unit in each day.
// Keyboard: one Tab stop per calendar; arrows move (←/→ day before/after, ↑/↓ the row above/below), Home/End
// go to the first/last day, Space or Enter selects the day for booking or cancellation.
import { Group, Text } from '@mantine/core';
import { IconLock, IconPlus, IconX } from '@tabler/icons-react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ProvisionalMark, provisionalText } from '../sync/ProvisionalMark';
import { cancelReasonNote, cancelReasonShort, cellAction, cellLook } from './cellView';
import { longDate, WEEKDAY_LONG, WEEKDAY_PLURAL, weekday, weeksOfMonth, joinFr } from './dates';
import classes from './MonthCalendar.module.css';
import { pendingKey, type Pending } from './selection';
import type { GridActivity, GridCell, GridChild, GridDay } from './queries';
import { text } from './text';

interface MonthCalendarProps {
  child: GridChild;
  activity: GridActivity;
  month: string;
  today: string;
  days: readonly GridDay[];
  /** Date → why the day is closed (public holiday, commune closure), shown in the day header. */
  dayNotes: ReadonlyMap<string, string>;
  pending: Pending;
  onToggle: (cell: GridCell) => void;
}

const cellId = (cell: { date: string; unitId: string }) => `${cell.date}|${cell.unitId}`;

export function MonthCalendar({ child, activity, month, today, days, dayNotes, pending, onToggle }: MonthCalendarProps) {
  const tableRef = useRef<HTMLTableElement>(null);
  const weeks = useMemo(() => weeksOfMonth(month), [month]);
  const byKey = useMemo(() => new Map(activity.cells.map((c) => [cellId(c), c])), [activity.cells]);
  const dayInfo = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const units = activity.units;
  const multiUnit = units.length > 1;

  // Weekday columns with nothing open and nothing booked all month are left out (Wednesday at the canteen).
  const columns = useMemo(() => {
    const used = [0, 1, 2, 3, 4].filter((col) => activity.cells.some((c) => weekday(c.date) === col + 1 && c.state !== 'closed'));
    return used.length > 0 ? used : [0, 1, 2, 3, 4];
  }, [activity.cells]);
  const hidden = [0, 1, 2, 3, 4].filter((col) => !columns.includes(col));

  // Weeks closed from end to end (holidays) shrink to one line saying why.
  const quietWeeks = useMemo(
    () =>
      new Set(
        weeks
          .filter((week) => {
            const cells = columns
              .map((col) => week[col]!)
              .filter((date) => date.slice(0, 7) === month)
              .flatMap((date) => units.map((unit) => byKey.get(cellId({ date, unitId: unit.id }))));
            return cells.length > 0 && cells.every((c) => c?.state === 'closed' && !c.bookingId);
          })
          .map((week) => week[0]!),
      ),
    [weeks, columns, units, byKey, month],
  );

  // Navigation order: rows are (week, unit), columns the visible weekdays.
  const rows = useMemo(
    () =>
      weeks
        .filter((week) => !quietWeeks.has(week[0]!))
        .flatMap((week) =>
          units.map((unit) => columns.map((col) => byKey.get(cellId({ date: week[col]!, unitId: unit.id })) ?? null)),
        ),
    [weeks, units, columns, byKey, quietWeeks],
  );
  const navigable = useMemo(() => new Set(rows.flat().filter((c): c is GridCell => c !== null)), [rows]);
  const firstUseful = useMemo(() => {
    const all = rows.flat().filter((c): c is GridCell => c !== null);
    return all.find((c) => c.date >= today && cellAction(c)) ?? all.find((c) => cellAction(c)) ?? all[0];
  }, [rows, today]);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const activeKey = focusKey && byKey.has(focusKey) ? focusKey : firstUseful ? cellId(firstUseful) : null;

  const moveTo = (cell: GridCell | null | undefined) => {
    if (!cell) return;
    setFocusKey(cellId(cell));
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(cellId(cell))}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, cell: GridCell) => {
    let r = rows.findIndex((row) => row.includes(cell));
    const c = rows[r]?.indexOf(cell) ?? -1;
    if (r < 0 || c < 0) return;
    const sameUnit = activity.cells.filter((x) => x.unitId === cell.unitId && navigable.has(x));
    const at = sameUnit.indexOf(cell);
    let target: GridCell | null | undefined;
    switch (event.key) {
      case 'ArrowLeft':
        target = sameUnit[at - 1];
        break;
      case 'ArrowRight':
        target = sameUnit[at + 1];
        break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const step = event.key === 'ArrowUp' ? -1 : 1;
        for (r += step; r >= 0 && r < rows.length && !target; r += step) target = rows[r]![c];
        break;
      }
      case 'Home':
        target = sameUnit[0];
        break;
      case 'End':
        target = sameUnit[sameUnit.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(target);
  };

  const label = `${child.firstName} – ${activity.name}`;
  return (
    <div>
      <table ref={tableRef} className={classes.table} aria-label={label}>
        <colgroup>
          {multiUnit && <col className={classes.unitCol} />}
          {columns.map((col) => (
            <col key={col} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {multiUnit && <td />}
            {columns.map((col) => (
              <th key={col} scope="col" className={classes.colHead}>
                {WEEKDAY_LONG[col]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) =>
            quietWeeks.has(week[0]!) ? (
              <tr key={week[0]}>
                {multiUnit && <td />}
                <td colSpan={columns.length} className={classes.quietWeek}>
                  {quietWeekText(
                    columns.map((col) => week[col]!).filter((date) => date.slice(0, 7) === month),
                    (date) => dayNotes.get(date) ?? dayInfo.get(date)?.holiday ?? '',
                  )}
                </td>
              </tr>
            ) : (
              <tr key={week[0]}>
                {multiUnit && (
                  // The units of the week's cells, once at the start of the row instead of in every cell.
                  <th scope="row" className={classes.unitLabels}>
                    <div className={classes.dayHead} />
                    <div className={classes.cells}>
                      {units.map((unit) => (
                        <div
                          key={unit.id}
                          className={classes.unitLabel}
                          title={unit.startTime ? `${unit.startTime}–${unit.endTime}` : undefined}
                        >
                          {unit.name}
                        </div>
                      ))}
                    </div>
                  </th>
                )}
                {columns.map((col) => {
                  const date = week[col]!;
                  if (date.slice(0, 7) !== month)
                    return <td key={date} className={`${classes.day} ${classes.outside}`} aria-hidden />;
                  const info = dayInfo.get(date);
                  const note = dayNotes.get(date) ?? info?.holiday ?? '';
                  return (
                    <td
                      key={date}
                      className={`${classes.day} ${date === today ? classes.today : ''} ${date < today ? classes.past : ''}`}
                    >
                      <div className={classes.dayHead}>
                        <span className={classes.dayNumber}>{Number(date.slice(8, 10))}</span>
                        {date === today && <span>{text.grid.today}</span>}
                        {note && (
                          <span className={classes.dayNote} title={note}>
                            {note}
                          </span>
                        )}
                      </div>
                      <div className={classes.cells}>
                        {units.map((unit) => {
                          const cell = byKey.get(cellId({ date, unitId: unit.id }));
                          if (!cell) return null;
                          const key = cellId(cell);
                          return (
                            <CellButton
                              key={key}
                              cell={cell}
                              past={date < today}
                              unitName={multiUnit ? unit.name : ''}
                              pending={pending.get(pendingKey(child.childId, unit.id, date))?.action ?? null}
                              note={note}
                              tabIndex={key === activeKey ? 0 : -1}
                              onFocus={() => setFocusKey(key)}
                              onClick={() => onToggle(cell)}
                              onKeyDown={(e) => onKeyDown(e, cell)}
                            />
                          );
                        })}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {hidden.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {text.grid.hiddenColumns(joinFr(hidden.map((col) => WEEKDAY_PLURAL[col]!)))}
        </Text>
      )}
    </div>
  );
}

/** 'Du 21 au 24 : Vacances de Noël, Noël — fermé'. */
function quietWeekText(dates: readonly string[], noteOf: (date: string) => string): string {
  const first = Number(dates[0]!.slice(8, 10));
  const last = Number(dates[dates.length - 1]!.slice(8, 10));
  const notes = [...new Set(dates.map(noteOf).filter(Boolean))];
  const span = first === last ? `Le ${first}` : `Du ${first} au ${last}`;
  return `${span} : ${notes.length ? `${notes.join(', ')} — ` : ''}${text.grid.closed}`;
}

interface CellButtonProps {
  cell: GridCell;
  past: boolean;
  unitName: string;
  pending: 'book' | 'cancel' | null;
  note: string;
  tabIndex: number;
  onFocus: () => void;
  onClick: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

function CellButton({ cell, past, unitName, pending, note, tabIndex, onFocus, onClick, onKeyDown }: CellButtonProps) {
  const look = cellLook(cell);
  const action = cellAction(cell);
  // The lock says the parent's deadline for what a click would do has passed: staff need a reason, or the
  // cancellation is billed.
  const locked = (action === 'book' && cell.bookingClosed) || (cell.state === 'booked' && cell.cancellationClosed);
  // Past days are all past their deadlines: the lock would only be noise there.
  const showLock = locked && !pending && !past;
  const Icon = pending === 'book' ? IconPlus : pending === 'cancel' ? IconX : look.icon;
  const shown =
    pending === 'book' ? text.grid.toBook(cell.state === 'full') : pending === 'cancel' ? text.grid.toCancel : look.label;
  const details = [
    `${longDate(cell.date)}${unitName ? `, ${unitName}` : ''} : ${look.description}`,
    note,
    cell.cancelReason && cell.state === 'open' ? cancelReasonNote[cell.cancelReason] : '',
    locked ? (action === 'book' ? text.grid.bookingClosed : text.grid.cancellationClosed) : '',
    pending === 'book' ? text.grid.selectedBook : pending === 'cancel' ? text.grid.selectedCancel : '',
    // Saved here, not yet confirmed by the hub (features/sync).
    cell.provisional ? provisionalText : '',
  ].filter(Boolean);
  const className = [
    classes.cell,
    classes[`tone-${look.tone}`],
    pending === 'book' ? classes.pendingBook : pending === 'cancel' ? classes.pendingCancel : '',
  ].join(' ');
  return (
    <button
      type="button"
      className={className}
      data-cell={`${cell.date}|${cell.unitId}`}
      data-state={cell.state}
      data-pending={pending ?? undefined}
      data-date={cell.date}
      aria-label={details.join('. ')}
      aria-pressed={action ? pending !== null : undefined}
      aria-disabled={action ? undefined : true}
      title={details.join('\n')}
      tabIndex={tabIndex}
      onFocus={onFocus}
      onClick={action ? onClick : undefined}
      onKeyDown={onKeyDown}
    >
      <Icon size={16} aria-hidden style={{ flexShrink: 0 }} />
      <span className={classes.label}>
        {shown}
        {!pending && cell.cancelReason && (cell.state === 'open' || cell.state === 'full') && (
          <span className={classes.cancelNote}> · {cancelReasonShort[cell.cancelReason]}</span>
        )}
      </span>
      {showLock && <IconLock size={13} className={classes.lock} aria-hidden />}
      {cell.provisional && <ProvisionalMark labelled={false} />}
    </button>
  );
}

/** The legend under the grids: each state's icon and word. */
export function GridLegend() {
  const sample = (state: GridCell['state'], extra: Partial<GridCell> = {}): GridCell => ({
    date: '2026-01-01',
    unitId: '',
    state,
    placesLeft: 3,
    bookingClosed: false,
    cancellationClosed: false,
    ...extra,
  });
  const items: GridCell[] = [
    sample('open'),
    sample('full', { placesLeft: 0 }),
    sample('booked'),
    sample('waitlisted', { position: 1 }),
    sample('attended'),
    sample('absent', { absenceJustified: true }),
    sample('closed'),
  ];
  return (
    <Group gap={6} className={classes.legend} aria-label={text.grid.legend} role="list">
      {items.map((cell) => {
        const look = cell.state === 'open' ? { ...cellLook(cell), label: text.grid.placesLegend } : cellLook(cell);
        const Icon = look.icon;
        return (
          <span
            key={cell.state}
            role="listitem"
            className={`${classes.cell} ${classes.legendItem} ${classes[`tone-${look.tone}`]}`}
          >
            <Icon size={14} aria-hidden />
            {look.label}
          </span>
        );
      })}
      <span role="listitem" className={`${classes.cell} ${classes.legendItem} ${classes.pendingBook}`}>
        <IconPlus size={14} aria-hidden />
        {text.grid.toBook(false)}
      </span>
      <span role="listitem" className={`${classes.cell} ${classes.legendItem} ${classes.pendingCancel}`}>
        <IconX size={14} aria-hidden />
        {text.grid.toCancel}
      </span>
      <span role="listitem" className={`${classes.cell} ${classes.legendItem}`}>
        <IconLock size={14} aria-hidden />
        {text.grid.lockLegend}
      </span>
    </Group>
  );
}
