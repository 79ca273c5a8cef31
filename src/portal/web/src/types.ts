// Shapes of the hub's parent API (src/portal/parents/routes.ts), as the pages read them. The grid cell and the
// deadline rule are the server's own types (type-only imports: nothing of the server is bundled).
import type { GridCell } from '../../../main/desk/reservations/queries';
import type { ItemResult } from '../../../shared/commands/reservations';
import type { DeadlineRule } from '../../../shared/domain/deadlines';

export type { DeadlineRule, GridCell, ItemResult };

export interface Household {
  id: string;
  name: string;
}

export interface Session {
  csrf: string;
  guardian: { id: string; civility: string; firstName: string; lastName: string; email: string };
  households: Household[];
  commune: string;
}

export interface ActivationInfo {
  firstName: string;
  lastName: string;
  kind: 'activation' | 'letter' | 'reset';
  login: string;
}

export interface Child {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  schoolLevel: string;
}

export interface BookingSummary {
  bookingId: string;
  date: string;
  child: string;
  unit?: string;
  activity?: string;
}

export interface Dashboard {
  children: Child[];
  nextBookings: BookingSummary[];
  waitlisted: (BookingSummary & { position?: number })[];
  promotions: { at: string; bookingId: string }[];
  messages: { title: string; body: string }[];
}

export interface Unit {
  id: string;
  name: string;
  /** 'HH:mm', or '' when the unit has no set hours. */
  startTime: string;
  endTime: string;
}

export interface Enrolment {
  id: string;
  fromDate: string;
  toDate: string;
  tariffCategory: string;
  activity?: {
    id: string;
    name: string;
    kind: string;
    bookingRule: string;
    cancellationRule: string;
    bookingDeadline?: DeadlineRule;
    cancellationDeadline?: DeadlineRule;
    units: Unit[];
  };
}

export interface ActivitiesResponse {
  children: (Child & { enrolments: Enrolment[] })[];
}

export interface GridActivity {
  activityId: string;
  name: string;
  kind: string;
  groupId: string | null;
  groupName: string | null;
  enrolments: { id: string; fromDate: string; toDate: string; tariffCategory: string }[];
  units: Unit[];
  bookingRuleText: string;
  cancellationRuleText: string;
  bookingRule: DeadlineRule | null;
  cancellationRule: DeadlineRule | null;
  cells: GridCell[];
}

export interface GridChild {
  childId: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  schoolLevel: string;
  activities: GridActivity[];
}

export interface MonthGrid {
  household: Household;
  month: string;
  now: string;
  days: { date: string; weekday: number; holiday: string | null }[];
  children: GridChild[];
}

export interface CommandAnswer<T> {
  ok: true;
  value: T;
  outcome?: 'accepted' | 'modified';
  message?: string;
}

export interface Contact {
  guardianId: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  mobilePhone: string;
  homePhone: string;
  workPhone: string;
  email: string;
}

export interface Invoice {
  id: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  totalCents: number;
  paidCents: number;
  dueCents: number;
  status: string;
}
