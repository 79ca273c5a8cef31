// Staff accounts on the desk: the list (never the hashes), setting a password (hashed here, before any
// command exists), and the health-data filter of the family file.
import { asc } from 'drizzle-orm';
import type { Actor, Db } from '../../../shared/commands/types';
import { staffUsers } from '../../../shared/db/schema';
import { hashPassword, passwordProblem } from '../../../shared/passwords';
import { mayReadHealthInFamilyFile } from '../../../shared/permissions';
import { fail, type Result } from '../../../shared/result';
import type { DeskCore } from '../core';
import type { HouseholdView } from '../families/queries';

export function listStaff(db: Db) {
  return db
    .select({
      id: staffUsers.id,
      login: staffUsers.login,
      name: staffUsers.name,
      role: staffUsers.role,
      active: staffUsers.active,
      hasPassword: staffUsers.passwordHash,
    })
    .from(staffUsers)
    .orderBy(asc(staffUsers.name))
    .all()
    .map((u) => ({ ...u, hasPassword: u.hasPassword !== '' }));
}

export async function setStaffPassword(
  core: DeskCore,
  staffId: string,
  password: string,
  actor: Actor,
): Promise<Result<unknown>> {
  const user = listStaff(core.store.db).find((u) => u.id === staffId);
  if (!user) return fail('notFound', 'Compte introuvable.');
  const problem = passwordProblem(password, {
    email: user.login,
    firstName: user.name.split(' ')[0] ?? '',
    lastName: user.name.split(' ').slice(1).join(' '),
  });
  if (problem) return fail('invalid', problem, { password: problem });
  return core.runCommand('staff.setPasswordHash', { staffId, passwordHash: await hashPassword(password) }, actor);
}

/**
 * Allergies, PAI and doctor are shown in the family file only to the roles that need them there; everyone who
 * looks after children sees them on the attendance list.
 */
export function withHealthFor(view: HouseholdView, actor: Actor) {
  if (actor.kind !== 'staff' || mayReadHealthInFamilyFile(actor.role)) return { ...view, healthHidden: false };
  return {
    ...view,
    healthHidden: true,
    children: view.children.map((c) => ({
      ...c,
      allergies: '',
      hasCareplan: false,
      careplanNote: '',
      doctorName: '',
      doctorPhone: '',
    })),
  };
}

const HEALTH_FIELDS = ['allergies', 'hasCareplan', 'careplanNote', 'doctorName', 'doctorPhone'] as const;

/** Audit rows with the health fields taken out of their changes, for the roles that do not see them in the family file. */
export function withoutHealthChanges<R extends { changes: string }>(rows: R[]): R[] {
  return rows.map((row) => {
    const changes = JSON.parse(row.changes) as Record<string, unknown>;
    if (!HEALTH_FIELDS.some((field) => field in changes)) return row;
    for (const field of HEALTH_FIELDS) delete changes[field];
    return { ...row, changes: JSON.stringify(changes) };
  });
}

/** The family file's history as `actor` may read it (health changes only for the roles that see health data). */
export function auditWithHealthFor<R extends { changes: string }>(rows: R[], actor: Actor): R[] {
  return actor.kind !== 'staff' || mayReadHealthInFamilyFile(actor.role) ? rows : withoutHealthChanges(rows);
}
