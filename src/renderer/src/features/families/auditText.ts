// The audit trail in French: which action, on whom, and what changed ("Allergies : « arachide » → « arachide,
// kiwi »"). Rows come from `families.audit`; `changes` is `{ field: [before, after] }` for updates and the
// created values for creations (see shared/commands/audit.ts).
import { formatDate, formatPhone } from './format';
import {
  bookingStatusLabels,
  cancelReasonLabels,
  dietLabels,
  fieldLabels,
  paymentModeLabels,
  pickupShort,
  relationshipLabels,
  schoolLevelLabels,
  sexLabels,
  tariffCategoryLabels,
  text,
} from './labels';
import type { AuditRow, FamilyView } from './queries';

export interface AuditLine {
  action: string;
  subject: string;
  details: string[];
  /** A creation: many short values, shown on one line. */
  compact: boolean;
}

/** Commands whose `changes` hold `[before, after]` pairs. */
const pairCommands = new Set([
  'household.update',
  'guardian.update',
  'guardian.setReceivesInvoices',
  'child.update',
  'child.setContacts',
  'enrolment.update',
]);
/** Fields that, in any command, hold a `[before, after]` pair (a booking cancelled, an attendance mark). */
const pairFields = new Set(['status', 'attendance']);
const phoneFields = new Set(['mobilePhone', 'homePhone', 'workPhone', 'employerPhone', 'doctorPhone', 'phone']);
const dateFields = new Set(['birthDate', 'validFrom', 'validTo', 'date', 'fromDate', 'toDate', 'receivedOn']);
// booking.book of several days: the days booked and the days waiting, in one audit row.
const dateListFields = new Set(['dates', 'waitlistedDates']);
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Names of the people the rows speak about: the family file first, then what the creation rows recorded. */
export function auditNames(view: FamilyView | undefined, rows: AuditRow[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rows) {
    if (!row.command.endsWith('.create') && !row.command.endsWith('.add')) continue;
    const c = parseChanges(row.changes);
    if (typeof c.firstName === 'string') names.set(row.entityId, `${c.firstName} ${String(c.lastName ?? '')}`.trim());
  }
  for (const g of view?.guardians ?? []) names.set(g.id, `${g.firstName} ${g.lastName}`);
  for (const c of view?.children ?? []) names.set(c.id, `${c.firstName} ${c.lastName}`);
  return names;
}

function parseChanges(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** A value as staff read it; `quote` marks free text, so that a diff shows spaces and empty strings. */
export function formatValue(field: string, value: unknown, quote = true): string {
  const t = text.audit;
  if (value === null || value === undefined || value === '') return t.empty_value;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(field, v, false)).join(', ') : t.empty_value;
  const s = String(value);
  if (phoneFields.has(field)) return formatPhone(s);
  if (dateFields.has(field) || dateListFields.has(field)) return formatDate(s);
  if (field === 'diet') return dietLabels[s as keyof typeof dietLabels] ?? s;
  if (field === 'schoolLevel') return schoolLevelLabels[s as keyof typeof schoolLevelLabels]?.split(' – ')[0] ?? s;
  if (field === 'relationship') return relationshipLabels[s as keyof typeof relationshipLabels] ?? s;
  if (field === 'sex') return sexLabels[s as keyof typeof sexLabels] ?? s;
  if (field === 'pickup') return pickupShort[s as keyof typeof pickupShort] ?? s;
  if (field === 'status' || field === 'attendance') return bookingStatusLabels[s] ?? s;
  if (field === 'cancelReason') return cancelReasonLabels[s] ?? s;
  if (field === 'mode') return paymentModeLabels[s] ?? s;
  if (field === 'tariffCategory') return tariffCategoryLabels[s] ?? s;
  if (field.endsWith('Cents') && typeof value === 'number') return euros.format(value / 100);
  if (field === 'month' && /^\d{4}-\d{2}$/.test(s)) return monthName.format(new Date(`${s}-01T00:00:00Z`));
  return quote ? `« ${s} »` : s;
}

const label = (field: string) => fieldLabels[field] ?? field;

export function describeAudit(row: AuditRow, names: Map<string, string>): AuditLine {
  const t = text.audit;
  const changes = parseChanges(row.changes);
  const entity = t.entities[row.entity] ?? row.entity;
  const who = names.get(row.entityId);
  const subject = row.entity === 'household' ? entity : who ? `${entity} : ${who}` : entity;
  const details: string[] = [];
  let compact = false;

  if (row.command === 'child.setRelationship') {
    const guardian = names.get(String(changes.guardianId)) ?? t.entities.guardian!;
    details.push(`${guardian} : ${formatValue('relationship', changes.relationship)}`);
  } else if (pairCommands.has(row.command)) {
    for (const [field, pair] of Object.entries(changes)) {
      const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
      // An unchanged field (an enrolment whose end date stayed) says nothing.
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      details.push(`${label(field)} : ${formatValue(field, before)} → ${formatValue(field, after)}`);
    }
  } else {
    // A creation: the values given, the empty ones left out.
    compact = true;
    for (const [field, value] of Object.entries(changes)) {
      if (value === '' || value === null || value === false || (field === 'diet' && value === 'none')) continue;
      if (field.endsWith('Cents') && value === 0) continue;
      // Ids are for machines; the subject column already says who.
      if (field.endsWith('Id')) continue;
      if (pairFields.has(field) && Array.isArray(value) && value.length === 2) {
        details.push(`${label(field)} : ${formatValue(field, value[0], false)} → ${formatValue(field, value[1], false)}`);
        continue;
      }
      // Nested records (a payment's allocations) are detailed on their own screens.
      if (typeof value === 'object' && (!Array.isArray(value) || value.some((v) => v !== null && typeof v === 'object'))) continue;
      details.push(`${label(field)} : ${formatValue(field, value, false)}`);
    }
  }
  if (row.reason) details.push(t.reason(row.reason));
  return { action: t.commands[row.command] ?? row.command, subject, details, compact };
}
