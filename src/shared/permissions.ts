// Who may call what, on every desk and on the hub. Three roles, each including the one before:
// agent d'accueil (families, reservations, attendance) < régisseur (also payments, invoicing, régie journal)
// < administrateur (also activities, tariffs, settings, accounts, data protection, backups).
// Every handler name must match a rule: tests/unit/permissions.test.ts fails on a handler nobody classified.
import type { Role } from './commands/types';

const RANK: Record<Role, number> = { agent: 1, regisseur: 2, admin: 3 };

/** Ordered: the first rule whose pattern matches the handler name applies. `*` ends a prefix pattern. */
const RULES: ReadonlyArray<readonly [pattern: string, role: Role | 'anyone']> = [
  // Session and desk state: before login.
  ['session.*', 'anyone'],
  ['desk.info', 'anyone'],
  ['sync.status', 'anyone'],
  // Administrateur.
  ['activity.save', 'admin'],
  ['capacity.setException', 'admin'],
  ['schoolYear.save', 'admin'],
  ['closure.*', 'admin'],
  ['staff.*', 'admin'],
  ['tariff.*', 'admin'],
  ['regie.saveSettings', 'admin'],
  ['rgpd.*', 'admin'],
  ['import.*', 'admin'],
  ['backup.*', 'admin'],
  ['sync.connect', 'admin'],
  // The commune's desks (list, enrolment codes, revocation), at the hub.
  ['desks.*', 'admin'],
  ['household.purge', 'admin'],
  // Online enrolment: the document types asked of families and the règlement intérieur.
  ['documentType.*', 'admin'],
  ['rules.*', 'admin'],
  // Régisseur.
  ['payment.*', 'regisseur'],
  ['invoice.*', 'regisseur'],
  ['creditNote.*', 'regisseur'],
  ['credit.*', 'regisseur'],
  ['billing.*', 'regisseur'],
  ['regie.*', 'regisseur'],
  ['tariffs.list', 'regisseur'],
  // Agent d'accueil: the family file, reservations, attendance, portal accounts, sync.
  // (household.signUp is classified here too, but its handler refuses staff: only a parent signs up, at the hub.)
  ['household.*', 'agent'],
  ['guardian.*', 'agent'],
  ['child.*', 'agent'],
  ['familyQuotient.*', 'agent'],
  ['families.*', 'agent'],
  ['enrolment.*', 'agent'],
  ['booking.*', 'agent'],
  ['attendance.*', 'agent'],
  ['reservations.*', 'agent'],
  ['activities.*', 'agent'],
  ['calendar.*', 'agent'],
  ['portal.*', 'agent'],
  ['sync.*', 'agent'],
  // The « Demandes » screen's reads: the queue and the documents' files fetched from the hub.
  ['requests.*', 'agent'],
  ['documents.*', 'agent'],
  // Online enrolment decisions: requests, documents, yearly files.
  ['enrolmentRequest.*', 'agent'],
  ['document.*', 'agent'],
  ['householdFile.*', 'agent'],
  // Parents only, through the hub's parent API.
  ['contact.updateByParent', 'agent'],
];

export function ruleFor(handler: string): Role | 'anyone' | undefined {
  for (const [pattern, role] of RULES) {
    if (pattern.endsWith('*') ? handler.startsWith(pattern.slice(0, -1)) : handler === pattern) return role;
  }
  return undefined;
}

/** True when a member of staff with `role` may call `handler`. Unknown handlers are refused. */
export function mayCall(role: Role | undefined, handler: string): boolean {
  const rule = ruleFor(handler);
  if (rule === undefined) return false;
  if (rule === 'anyone') return true;
  return role !== undefined && RANK[role] >= RANK[rule];
}

/**
 * Health data (allergies, PAI, doctor) is shown in the family file only to administrators; the people who
 * look after the children see it on the attendance list, whatever their role.
 */
export function mayReadHealthInFamilyFile(role: Role | undefined): boolean {
  return role === 'admin';
}

export const ROLE_LABEL: Record<Role, string> = { agent: "Agent d'accueil", regisseur: 'Régisseur', admin: 'Administrateur' };
