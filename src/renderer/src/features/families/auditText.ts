// The audit trail in French: which action, on whom, and what changed ("Allergies : « arachide » → « arachide,
// kiwi »"). Rows come from `families.audit`; `changes` is `{ field: [before, after] }` for updates and the
// created values for creations (see shared/commands/audit.ts).
import { formatDate, formatPhone } from './format';
import { dietLabels, fieldLabels, pickupShort, relationshipLabels, schoolLevelLabels, sexLabels, text } from './labels';
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
]);
const phoneFields = new Set(['mobilePhone', 'homePhone', 'workPhone', 'employerPhone', 'doctorPhone', 'phone']);
const dateFields = new Set(['birthDate', 'validFrom', 'validTo']);

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
  if (dateFields.has(field)) return formatDate(s);
  if (field === 'diet') return dietLabels[s as keyof typeof dietLabels] ?? s;
  if (field === 'schoolLevel') return schoolLevelLabels[s as keyof typeof schoolLevelLabels]?.split(' – ')[0] ?? s;
  if (field === 'relationship') return relationshipLabels[s as keyof typeof relationshipLabels] ?? s;
  if (field === 'sex') return sexLabels[s as keyof typeof sexLabels] ?? s;
  if (field === 'pickup') return pickupShort[s as keyof typeof pickupShort] ?? s;
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
      details.push(`${label(field)} : ${formatValue(field, before)} → ${formatValue(field, after)}`);
    }
  } else {
    // A creation: the values given, the empty ones left out.
    compact = true;
    for (const [field, value] of Object.entries(changes)) {
      if (value === '' || value === null || value === false || (field === 'diet' && value === 'none')) continue;
      // Ids are for machines; the subject column already says who.
      if (field.endsWith('Id')) continue;
      details.push(`${label(field)} : ${formatValue(field, value, false)}`);
    }
  }
  if (row.reason) details.push(t.reason(row.reason));
  return { action: t.commands[row.command] ?? row.command, subject, details, compact };
}
