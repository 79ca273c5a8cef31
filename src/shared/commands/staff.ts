// Commands of staff accounts (administrateur only, see permissions.ts). Passwords never enter a command: the
// desk hashes them first (scrypt) and the command stores the hash, so the outbox, the sync and the audit
// never carry a password.
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { staffRoles, staffUsers } from '../db/schema';
import { required } from '../domain/validation';
import { fail, ok, type Result } from '../result';
import { audit } from './audit';
import { defineCommand } from './types';

const id = z.string().min(1).max(64);

export const staffSave = defineCommand({
  name: 'staff.save',
  kind: 'fact',
  newIds: ['staffId'],
  input: z.object({
    staffId: id,
    login: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,40}$/, { error: 'Identifiant : 3 à 40 lettres sans accent, chiffres, points ou tirets.' }),
    name: required(100),
    role: z.enum(staffRoles, { error: 'Choisissez un rôle.' }),
    active: z.boolean().default(true),
  }),
  handler(tx, input, ctx): Result<{ staffId: string }> {
    const taken = tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.login, input.login), ne(staffUsers.id, input.staffId)))
      .get();
    if (taken) return fail('invalid', 'Identifiant déjà utilisé.', { login: 'Identifiant déjà utilisé.' });
    const before = tx.select().from(staffUsers).where(eq(staffUsers.id, input.staffId)).get();
    if (before && !input.active && before.role === 'admin' && activeAdmins(tx, input.staffId) === 0) {
      return fail('conflict', 'Il faut garder au moins un administrateur actif.');
    }
    if (before && before.role === 'admin' && input.role !== 'admin' && activeAdmins(tx, input.staffId) === 0) {
      return fail('conflict', 'Il faut garder au moins un administrateur actif.');
    }
    const values = { login: input.login, name: input.name, role: input.role, active: input.active };
    tx.insert(staffUsers)
      .values({ id: input.staffId, ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: staffUsers.id, set: { ...values, updatedAt: ctx.now } })
      .run();
    audit(tx, ctx, 'staff.save', { entity: 'staff', entityId: input.staffId, changes: values });
    return ok({ staffId: input.staffId });
  },
});

function activeAdmins(tx: Parameters<typeof staffSave.handler>[0], except: string): number {
  return tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true), ne(staffUsers.id, except)))
    .all().length;
}

export const staffSetPasswordHash = defineCommand({
  name: 'staff.setPasswordHash',
  kind: 'fact',
  input: z.object({ staffId: id, passwordHash: z.string().regex(/^scrypt\$\d+\$[\w+/=]+\$[\w+/=]+$/) }),
  handler(tx, input, ctx): Result<null> {
    if (!tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, input.staffId)).get()) {
      return fail('notFound', 'Compte introuvable.');
    }
    tx.update(staffUsers)
      .set({ passwordHash: input.passwordHash, updatedAt: ctx.now })
      .where(eq(staffUsers.id, input.staffId))
      .run();
    audit(tx, ctx, 'staff.setPasswordHash', { entity: 'staff', entityId: input.staffId, changes: { password: 'modifié' } });
    return ok(null);
  },
});

export const staffCommands = [staffSave, staffSetPasswordHash] as const;
