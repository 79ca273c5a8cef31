// The month grid of a household, as the hub computes it (places left, states, deadlines): one query per month,
// refreshed every 30 seconds while the page is open so places left stay current.
import { api } from '../../api';
import type { MonthGrid } from '../../types';

export const gridKey = (householdId: string, month: string) => ['reservations', householdId, month] as const;

export const fetchGrid = (householdId: string, month: string) =>
  api<MonthGrid>('GET', `/api/parent/households/${householdId}/reservations?month=${month}`);

export const GRID_REFRESH_MS = 30_000;

/** 'YYYY-MM' of every month from `from` to `to` (dates), at most `max`. */
export function monthsBetween(from: string, to: string, max = 12): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  while (months.length < max) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    months.push(current);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}
