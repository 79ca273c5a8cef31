// Reservation data for the screens, through TanStack Query. Keys start with 'reservations', 'activities',
// 'calendar' or 'attendance'; after any booking, attendance or catalogue command `invalidateBookings` refreshes
// them all (data is local, refetching is cheap), so a grid never shows a state older than the last command.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { call, type Returned } from '../../api';
import type { ItemResult } from '../../../../shared/commands/reservations';

export type { ItemResult };
export type MonthGrid = NonNullable<Returned<'reservations.month'>>;
export type GridChild = MonthGrid['children'][number];
export type GridActivity = GridChild['activities'][number];
export type GridCell = GridActivity['cells'][number];
export type GridDay = MonthGrid['days'][number];
export type ActivityView = Returned<'activities.list'>[number];
export type CalendarView = Returned<'calendar.get'>;
export type AttendanceSheet = NonNullable<Returned<'attendance.list'>>;

export function useMonthGrid(householdId: string, month: string) {
  return useQuery({
    queryKey: ['reservations', 'month', householdId, month],
    queryFn: () => call('reservations.month', { householdId, month }),
    staleTime: 2_000,
  });
}

export function useActivities(includeArchived = false) {
  return useQuery({
    queryKey: ['activities', 'list', includeArchived],
    queryFn: () => call('activities.list', { includeArchived }),
  });
}

export function useCalendar(from: string, to: string) {
  return useQuery({ queryKey: ['calendar', from, to], queryFn: () => call('calendar.get', { from, to }) });
}

export function useAttendance(activityId: string | null, date: string) {
  return useQuery({
    queryKey: ['attendance', activityId, date],
    queryFn: () => call('attendance.list', { activityId: activityId!, date }),
    enabled: Boolean(activityId),
    staleTime: 1_000,
  });
}

export function fetchOpenDates(activityId: string, from: string, to: string) {
  return call('activities.openDates', { activityId, from, to });
}

/** After a booking, attendance or catalogue command: every screen showing places, states or rules. */
export async function invalidateBookings(queryClient: QueryClient) {
  await Promise.all(
    ['reservations', 'activities', 'calendar', 'attendance'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

/**
 * The per-item results of `booking.book`, `booking.cancel` or `reservations.preview`. The handler table types
 * command values loosely (a command's `name` is a plain string, so every command's value is a union, and the
 * preview's is unknown): the shape is asserted here, in one place.
 */
export function itemsOf(value: unknown): ItemResult[] {
  return (value as { items: ItemResult[] }).items;
}
