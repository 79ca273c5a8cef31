// Shapes of the hub's parent API (src/portal/parents/routes.ts), as the pages read them. The grid cell and the
// deadline rule are the server's own types (type-only imports: nothing of the server is bundled).
import type { GridCell } from '../../../main/desk/reservations/queries';
import type { ItemResult } from '../../../shared/commands/reservations';
import type { DeadlineRule } from '../../../shared/domain/deadlines';

export type { DeadlineRule, GridCell, ItemResult };

export interface Household {
  id: string;
  name: string;
  /** 'pending': a family's own sign-up, not yet validated by the commune. */
  status?: 'active' | 'pending';
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

// ——— Online enrolment (issue #8): sign-up, requests, documents, yearly file, messages ———

export type Sex = 'F' | 'M';
export type SchoolLevel = 'TPS' | 'PS' | 'MS' | 'GS' | 'CP' | 'CE1' | 'CE2' | 'CM1' | 'CM2';
export type Diet = 'none' | 'noPork' | 'noMeat' | 'glutenFree';
export type Pickup = 'allowed' | 'forbidden' | 'none';

export interface SignUpChild {
  firstName: string;
  lastName: string;
  birthDate: string;
  sex?: Sex;
  schoolLevel?: SchoolLevel;
}

export interface SignUpForm {
  civility: string;
  firstName: string;
  lastName: string;
  email: string;
  mobilePhone: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  children: SignUpChild[];
}

export type DocumentState = 'missing' | 'received' | 'validated' | 'refused' | 'expired';

export interface RequiredDocument {
  documentTypeId: string;
  name: string;
  scope: 'household' | 'child';
  childId: string | null;
  state: DocumentState;
}

export type RequestStatus = 'pending' | 'accepted' | 'refused' | 'waitlisted' | 'cancelled';

export interface EnrolmentRequest {
  id: string;
  childId: string;
  activityId: string;
  activityName?: string;
  fromDate: string;
  toDate: string;
  status: RequestStatus;
  reason: string;
  requestedAt: string;
}

export interface TariffBracket {
  label: string;
  /** « Tranche B pour votre quotient familial de 820. » */
  explanation?: string;
  prices: { label: string; cents: number }[];
}

export interface EnrolmentActivity {
  id: string;
  name: string;
  kind: string;
  rulesText: string;
  tariffBracket: TariffBracket | null;
  periods: { label: string; fromDate: string; toDate: string }[];
}

export interface EnrolmentOptions {
  children: Child[];
  activities: EnrolmentActivity[];
  requests: EnrolmentRequest[];
  /** What each child still has to provide for each activity (and the household's own documents). */
  requiredDocuments: { childId: string; activityId: string; documents: RequiredDocument[] }[];
}

export interface DocumentType {
  id: string;
  name: string;
  description: string;
  scope: 'household' | 'child';
  validity?: string;
  requiredForFile?: boolean;
  requiredForActivities?: string[];
}

export interface FamilyDocument {
  id: string;
  documentTypeId?: string;
  typeName: string;
  childId: string | null;
  fileName: string;
  status: 'received' | 'validated' | 'refused';
  state: Exclude<DocumentState, 'missing'>;
  refusalReason: string;
  validUntil: string | null;
  uploadedAt: string;
}

export interface DocumentsResponse {
  types: DocumentType[];
  documents: FamilyDocument[];
  children?: Child[];
  /** What is still expected (household and per child), when the hub says it. */
  required?: RequiredDocument[];
}

export interface FileContact {
  name: string;
  phone: string;
  link: string;
  pickup: Pickup;
  emergencyContact: boolean;
}

export interface FileChild {
  childId: string;
  firstName: string;
  lastName: string;
  diet: Diet;
  allergies: string;
  hasCareplan: boolean;
  careplanNote: string;
  doctorName: string;
  doctorPhone: string;
  photoConsent: boolean;
  contacts: FileContact[];
}

export interface RulesVersion {
  id: string;
  version: number;
  title: string;
  body: string;
}

export interface YearlyFile {
  schoolYear: string;
  guardianId?: string;
  children: FileChild[];
  rules: RulesVersion | null;
  rulesAccepted: boolean;
  file: { id: string; status: 'submitted' | 'accepted' | 'refused'; reason: string; submittedAt: string } | null;
  /** The current and the next school year, and the state of the household's file for each. */
  schoolYears?: { current: string; next: string };
  files?: { schoolYear: string; status: 'none' | 'submitted' | 'accepted' | 'refused'; reason: string; submittedAt: string | null }[];
}

export interface FamilyMessage {
  id: string;
  subject: string;
  body: string;
  createdAt: string;
}
