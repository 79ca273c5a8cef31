// Who is at the desk: login with a staff account (checked against the replicated hash, so it works offline),
// automatic lock after inactivity, logout. While no staff account with a password exists (a new standalone
// desk), the desk runs in set-up mode as the administrator, until the first account has its password.
import { eq } from 'drizzle-orm';
import type { Actor, Role } from '../../../shared/commands/types';
import { staffUsers } from '../../../shared/db/schema';
import { verifyPassword } from '../../../shared/passwords';
import { fail, ok, type Result } from '../../../shared/result';
import type { DeskDatabase } from '../db';

export interface StaffSession {
  user: { id: string; name: string; login: string; role: Role };
  lastActivity: number;
  locked: boolean;
}

export const SETUP_ACTOR: Actor = { kind: 'staff', id: 'setup', name: 'Mise en service', role: 'admin' };
const DEFAULT_LOCK_MINUTES = 10;

export function createSessions(store: DeskDatabase, clock: () => Date) {
  let session: StaffSession | undefined;
  let failures = 0;
  let lastFailure = 0;

  const accountsExist = () =>
    (
      store.sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM staff_users WHERE active = 1 AND password_hash != '') AS v`).get() as {
        v: number;
      }
    ).v === 1;
  const lockMinutes = () => {
    const row = store.sqlite.prepare(`SELECT value FROM _meta WHERE key = 'lockAfterMinutes'`).get() as
      { value: string } | undefined;
    return row ? Number(row.value) : DEFAULT_LOCK_MINUTES;
  };

  /** The actor of a call, or why there is none ('login' to show the login screen, 'locked' for the lock screen). */
  function actor(touch: boolean): Actor | 'login' | 'locked' {
    if (!accountsExist()) return SETUP_ACTOR;
    if (!session) return 'login';
    const now = clock().getTime();
    if (!session.locked && now - session.lastActivity > lockMinutes() * 60_000) session.locked = true;
    if (session.locked) return 'locked';
    if (touch) session.lastActivity = now;
    return { kind: 'staff', id: session.user.id, name: session.user.name, role: session.user.role };
  }

  async function login(loginName: string, password: string): Promise<Result<StaffSession['user']>> {
    const now = clock().getTime();
    // Progressive delay after three failures: 1 s, 2 s, 4 s… up to 30 s between attempts.
    const wait = failures < 3 ? 0 : Math.min(30_000, 1000 * 2 ** (failures - 3));
    if (now - lastFailure < wait)
      return fail('tooMany', `Trop de tentatives : réessayez dans ${Math.ceil((wait - (now - lastFailure)) / 1000)} s.`);
    const user = store.db.select().from(staffUsers).where(eq(staffUsers.login, loginName.trim().toLowerCase())).get();
    const valid = user?.active && user.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
    // A locked session can only be reopened by the same person (or closed by logging out).
    if (!user || !valid || (session?.locked && session.user.id !== user.id)) {
      failures++;
      lastFailure = now;
      return fail('invalid', 'Identifiant ou mot de passe incorrect.', { password: 'Identifiant ou mot de passe incorrect.' });
    }
    failures = 0;
    session = { user: { id: user.id, name: user.name, login: user.login, role: user.role }, lastActivity: now, locked: false };
    return ok(session.user);
  }

  return {
    actor,
    login,
    logout: () => void (session = undefined),
    lock: () => {
      if (session) session.locked = true;
    },
    status: () => {
      const current = actor(false);
      return {
        accountsExist: accountsExist(),
        state: typeof current === 'string' ? current : ('open' as const),
        user: session?.user ?? null,
        setupMode: !accountsExist(),
        lockAfterMinutes: lockMinutes(),
      };
    },
    setLockMinutes: (minutes: number) =>
      store.sqlite
        .prepare(
          `INSERT INTO _meta (key, value) VALUES ('lockAfterMinutes', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        )
        .run(String(minutes)),
  };
}

export type Sessions = ReturnType<typeof createSessions>;
