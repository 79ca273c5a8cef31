// The pending selection of the reservation screen: cells the agent clicked (or toggled with Space/Enter) to
// book or cancel, not yet sent. Keyed per child, unit and day so that it survives month changes and grid
// refreshes; "Valider" turns it into a preview, then into commands.
import { cellAction, type CellAction } from './cellView';
import type { GridActivity, GridCell, GridChild } from './queries';

export interface PendingItem {
  key: string;
  action: CellAction;
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
  unitId: string;
  unitName: string;
  /** The activity has several units: messages name the unit. */
  multiUnit: boolean;
  date: string;
  /** The cell as it was when selected (state, deadlines, booking id). */
  cell: GridCell;
}

export type Pending = ReadonlyMap<string, PendingItem>;

export const pendingKey = (childId: string, unitId: string, date: string) => `${childId}|${unitId}|${date}`;

/** Adds or removes a cell; cells that cannot be booked nor cancelled are left alone. */
export function togglePending(pending: Pending, child: GridChild, activity: GridActivity, cell: GridCell): Pending {
  const key = pendingKey(child.childId, cell.unitId, cell.date);
  const next = new Map(pending);
  if (next.has(key)) {
    next.delete(key);
    return next;
  }
  const action = cellAction(cell);
  if (!action) return pending;
  const unit = activity.units.find((u) => u.id === cell.unitId);
  next.set(key, {
    key,
    action,
    childId: child.childId,
    childName: child.firstName,
    activityId: activity.activityId,
    activityName: activity.name,
    unitId: cell.unitId,
    unitName: unit?.name ?? '',
    multiUnit: activity.units.length > 1,
    date: cell.date,
    cell,
  });
  return next;
}

/** Drops selected cells whose state changed since (booked by someone else, pointed…). */
export function reconcilePending(pending: Pending, children: readonly GridChild[]): Pending {
  let changed = false;
  const next = new Map(pending);
  for (const child of children) {
    for (const activity of child.activities) {
      for (const cell of activity.cells) {
        const key = pendingKey(child.childId, cell.unitId, cell.date);
        const item = next.get(key);
        if (!item) continue;
        if (cellAction(cell) !== item.action) {
          next.delete(key);
          changed = true;
        } else if (!sameCell(item.cell, cell)) {
          next.set(key, { ...item, cell });
          changed = true;
        }
      }
    }
  }
  return changed ? next : pending;
}

function sameCell(a: GridCell, b: GridCell): boolean {
  return (
    a.state === b.state &&
    a.placesLeft === b.placesLeft &&
    a.bookingId === b.bookingId &&
    a.position === b.position &&
    a.bookingClosed === b.bookingClosed &&
    a.cancellationClosed === b.cancellationClosed
  );
}
