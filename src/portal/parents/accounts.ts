// Parent accounts on the hub: one login per guardian, activation by a one-time link (or a printed code for
// families without e-mail), forgotten-password links, sessions. Hub-only tables (`_hub_parent_*`), never
// replicated: secrets stay on the hub. Only hashes of tokens, codes and session ids are stored.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export type AccountState = 'none' | 'invited' | 'active' | 'revoked';
export type TokenKind = 'activation' | 'letter' | 'reset';

export function installParentAccounts(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _hub_parent_accounts (
      guardian_id TEXT PRIMARY KEY, login TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', password_hash TEXT, state TEXT NOT NULL,
      invited_at TEXT, activated_at TEXT, updated_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX IF NOT EXISTS _hub_parent_accounts_login ON _hub_parent_accounts (login) WHERE login != '';
    CREATE TABLE IF NOT EXISTS _hub_parent_tokens (
      token_hash TEXT PRIMARY KEY, guardian_id TEXT NOT NULL, kind TEXT NOT NULL,
      expires_at TEXT NOT NULL, used_at TEXT, created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS _hub_sessions (
      id_hash TEXT PRIMARY KEY, guardian_id TEXT NOT NULL, csrf TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS _hub_login_failures (key TEXT PRIMARY KEY, count INTEGER NOT NULL, last_at TEXT NOT NULL) STRICT;
  `);
  installPurgeForgetting(sqlite);
}

// RGPD: a purge (`rgpd.purge`, wherever it ran) anonymises the guardians of the purged households on every
// replica, but their portal account, sessions, one-time tokens and used sign-up (which kept the e-mail) live in
// hub-only tables. A hub trigger on the purge's audit row records the purged household in the same transaction
// as the purge (a crash cannot lose it); `forgetPurgedGuardians` then deletes what the hub holds about the
// guardians still linked to it (the purge has unlinked those who stay in another household), and marks the
// household done. Purges made before this existed are picked up when the hub opens.
function installPurgeForgetting(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _hub_purged_households (
      household_id TEXT PRIMARY KEY, purged_at TEXT NOT NULL, forgotten_at TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS _hub_purged_households_todo ON _hub_purged_households (household_id) WHERE forgotten_at IS NULL;
    CREATE INDEX IF NOT EXISTS _hub_parent_tokens_guardian ON _hub_parent_tokens (guardian_id);
    CREATE INDEX IF NOT EXISTS _hub_sessions_guardian ON _hub_sessions (guardian_id);
    CREATE TRIGGER IF NOT EXISTS _hub_purge_forgets_accounts AFTER INSERT ON audit_log
    WHEN NEW.command = 'rgpd.purge' AND NEW.household_id IS NOT NULL BEGIN
      INSERT INTO _hub_purged_households (household_id, purged_at) VALUES (NEW.household_id, NEW.at)
      ON CONFLICT (household_id) DO NOTHING;
    END;
    INSERT INTO _hub_purged_households (household_id, purged_at)
      SELECT household_id, MIN(at) FROM audit_log WHERE command = 'rgpd.purge' AND household_id IS NOT NULL GROUP BY household_id
      ON CONFLICT (household_id) DO NOTHING;
  `);
}

export interface ForgottenGuardian {
  guardianId: string;
  householdId: string;
  accounts: number;
  sessions: number;
  tokens: number;
  signUps: number;
}

const tableExists = (sqlite: Database.Database, name: string) =>
  sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/**
 * Deletes the portal account, sessions, tokens, login-failure counter and sign-ups of every guardian of a
 * purged household not handled yet (a guardian still linked to a household that was not purged is left
 * alone). One transaction; answers the guardians for whom something was deleted (the caller audits them).
 * Cheap when there is nothing to do: one indexed read.
 */
export function forgetPurgedGuardians(sqlite: Database.Database, now: Date): ForgottenGuardian[] {
  const todo = sqlite.prepare('SELECT household_id FROM _hub_purged_households WHERE forgotten_at IS NULL').all() as {
    household_id: string;
  }[];
  if (todo.length === 0) return [];
  const signUps = tableExists(sqlite, '_hub_signups');
  return sqlite
    .transaction(() => {
      const guardians = sqlite
        .prepare(
          `SELECT hg.guardian_id, MIN(hg.household_id) AS household_id FROM household_guardians hg
           JOIN _hub_purged_households p ON p.household_id = hg.household_id AND p.forgotten_at IS NULL
           WHERE NOT EXISTS (
             SELECT 1 FROM household_guardians o
             WHERE o.guardian_id = hg.guardian_id
               AND o.household_id NOT IN (SELECT household_id FROM _hub_purged_households))
           GROUP BY hg.guardian_id ORDER BY hg.guardian_id`,
        )
        .all() as { guardian_id: string; household_id: string }[];
      const forgotten: ForgottenGuardian[] = [];
      for (const g of guardians) {
        const account = accountOf(sqlite, g.guardian_id);
        if (account?.login) sqlite.prepare('DELETE FROM _hub_login_failures WHERE key = ?').run(account.login.toLowerCase());
        const entry: ForgottenGuardian = {
          guardianId: g.guardian_id,
          householdId: g.household_id,
          sessions: sqlite.prepare('DELETE FROM _hub_sessions WHERE guardian_id = ?').run(g.guardian_id).changes,
          tokens: sqlite.prepare('DELETE FROM _hub_parent_tokens WHERE guardian_id = ?').run(g.guardian_id).changes,
          signUps: signUps ? sqlite.prepare('DELETE FROM _hub_signups WHERE guardian_id = ?').run(g.guardian_id).changes : 0,
          accounts: sqlite.prepare('DELETE FROM _hub_parent_accounts WHERE guardian_id = ?').run(g.guardian_id).changes,
        };
        if (entry.sessions + entry.tokens + entry.signUps + entry.accounts > 0) forgotten.push(entry);
      }
      sqlite.prepare('UPDATE _hub_purged_households SET forgotten_at = ? WHERE forgotten_at IS NULL').run(now.toISOString());
      return forgotten;
    })
    .immediate();
}

export interface AccountRow {
  guardian_id: string;
  /** What the parent types to log in: their e-mail, or the identifier printed on an activation letter. */
  login: string;
  email: string;
  password_hash: string | null;
  state: AccountState;
  invited_at: string | null;
  activated_at: string | null;
}

export function accountOf(sqlite: Database.Database, guardianId: string): AccountRow | undefined {
  return sqlite.prepare('SELECT * FROM _hub_parent_accounts WHERE guardian_id = ?').get(guardianId) as AccountRow | undefined;
}

export function accountByLogin(sqlite: Database.Database, login: string): AccountRow | undefined {
  return sqlite
    .prepare(`SELECT * FROM _hub_parent_accounts WHERE login = ? AND state = 'active'`)
    .get(login.trim().toLowerCase()) as AccountRow | undefined;
}

/** Creates (or renews) a one-time token; earlier unused tokens of the same kind for the guardian stop working. */
export function issueToken(
  sqlite: Database.Database,
  guardianId: string,
  kind: TokenKind,
  now: Date,
  lifetimeMs: number,
): string {
  const token =
    kind === 'letter'
      ? [...randomBytes(10)]
          .map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length])
          .join('')
          .replace(/(.{5})(?=.)/g, '$1-')
      : randomBytes(32).toString('base64url');
  sqlite
    .prepare('UPDATE _hub_parent_tokens SET used_at = ? WHERE guardian_id = ? AND kind = ? AND used_at IS NULL')
    .run(now.toISOString(), guardianId, kind);
  sqlite
    .prepare('INSERT INTO _hub_parent_tokens (token_hash, guardian_id, kind, expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(
      sha256(normalizeToken(token, kind)),
      guardianId,
      kind,
      new Date(now.getTime() + lifetimeMs).toISOString(),
      now.toISOString(),
    );
  return token;
}

function normalizeToken(token: string, kind: TokenKind): string {
  return kind === 'letter' ? token.toUpperCase().replace(/[^A-Z0-9]/g, '') : token.trim();
}

export type TokenCheck = { ok: true; guardianId: string; kind: TokenKind } | { ok: false; message: string };

/** Checks a token without consuming it (the activation page shows who is activating before the password). */
export function checkToken(sqlite: Database.Database, token: string, kinds: TokenKind[], now: Date): TokenCheck {
  for (const kind of kinds) {
    const row = sqlite
      .prepare('SELECT * FROM _hub_parent_tokens WHERE token_hash = ? AND kind = ?')
      .get(sha256(normalizeToken(token, kind)), kind) as
      { guardian_id: string; kind: TokenKind; expires_at: string; used_at: string | null } | undefined;
    if (!row) continue;
    if (row.used_at)
      return {
        ok: false,
        message: 'Ce lien a déjà été utilisé. Demandez-en un nouveau à la mairie ou via « Mot de passe oublié ».',
      };
    if (row.expires_at <= now.toISOString())
      return { ok: false, message: 'Ce lien a expiré. Demandez-en un nouveau à la mairie ou via « Mot de passe oublié ».' };
    return { ok: true, guardianId: row.guardian_id, kind: row.kind };
  }
  return { ok: false, message: 'Lien ou code inconnu.' };
}

export function consumeToken(sqlite: Database.Database, token: string, kind: TokenKind, now: Date): void {
  sqlite
    .prepare('UPDATE _hub_parent_tokens SET used_at = ? WHERE token_hash = ?')
    .run(now.toISOString(), sha256(normalizeToken(token, kind)));
}

export function upsertAccount(
  sqlite: Database.Database,
  guardianId: string,
  fields: Partial<Omit<AccountRow, 'guardian_id'>>,
  now: Date,
): void {
  const current = accountOf(sqlite, guardianId);
  const next = {
    login: '',
    email: '',
    password_hash: null,
    state: 'invited' as AccountState,
    invited_at: null,
    activated_at: null,
    ...current,
    ...fields,
  };
  sqlite
    .prepare(
      `INSERT INTO _hub_parent_accounts (guardian_id, login, email, password_hash, state, invited_at, activated_at, updated_at)
       VALUES (@guardian_id, @login, @email, @password_hash, @state, @invited_at, @activated_at, @updated_at)
       ON CONFLICT (guardian_id) DO UPDATE SET login = excluded.login, email = excluded.email, password_hash = excluded.password_hash, state = excluded.state,
         invited_at = excluded.invited_at, activated_at = excluded.activated_at, updated_at = excluded.updated_at`,
    )
    .run({ ...next, guardian_id: guardianId, updated_at: now.toISOString() });
}

const SESSION_LIFETIME_MS = 12 * 3600 * 1000;

export function createSession(sqlite: Database.Database, guardianId: string, now: Date): { id: string; csrf: string } {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  sqlite
    .prepare('INSERT INTO _hub_sessions (id_hash, guardian_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(sha256(id), guardianId, csrf, now.toISOString(), new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString());
  return { id, csrf };
}

/**
 * Statements of the per-request path, prepared once per database (every parent request looks its session up:
 * preparing the SQL each time cost as much as running it).
 */
const preparedByDb = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let statements = preparedByDb.get(sqlite);
  if (!statements) preparedByDb.set(sqlite, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

const SESSION_SQL = `SELECT s.guardian_id, s.csrf, s.expires_at, g.first_name, g.last_name
  FROM _hub_sessions s
  JOIN _hub_parent_accounts a ON a.guardian_id = s.guardian_id AND a.state = 'active'
  LEFT JOIN guardians g ON g.id = s.guardian_id
  WHERE s.id_hash = ?`;
const HOUSEHOLDS_SQL = `SELECT hg.household_id AS id FROM household_guardians hg
  JOIN households h ON h.id = hg.household_id
  WHERE hg.guardian_id = ? AND h.archived_at IS NULL`;

export function sessionOf(sqlite: Database.Database, id: string, now: Date): { guardianId: string; csrf: string } | undefined {
  const parent = parentOfSession(sqlite, id, now);
  return parent && { guardianId: parent.guardianId, csrf: parent.csrf };
}

/**
 * Who is behind a session cookie, for every parent request: the guardian of an active account (an expired
 * session, a revoked or reset account: undefined), their name and the households they belong to (archived ones
 * left out) — two indexed queries on prepared statements.
 */
export function parentOfSession(
  sqlite: Database.Database,
  id: string,
  now: Date,
): { guardianId: string; csrf: string; name: string; householdIds: string[] } | undefined {
  const row = prepared(sqlite, SESSION_SQL).get(sha256(id)) as
    { guardian_id: string; csrf: string; expires_at: string; first_name: string | null; last_name: string | null } | undefined;
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  const householdIds = (prepared(sqlite, HOUSEHOLDS_SQL).all(row.guardian_id) as { id: string }[]).map((h) => h.id);
  return {
    guardianId: row.guardian_id,
    csrf: row.csrf,
    name: row.first_name === null ? 'Parent' : `${row.first_name} ${row.last_name}`,
    householdIds,
  };
}

export function endSession(sqlite: Database.Database, id: string): void {
  sqlite.prepare('DELETE FROM _hub_sessions WHERE id_hash = ?').run(sha256(id));
}

export function endAllSessions(sqlite: Database.Database, guardianId: string): void {
  sqlite.prepare('DELETE FROM _hub_sessions WHERE guardian_id = ?').run(guardianId);
}

/** Progressive delay after failed logins for one e-mail: none for 3 failures, then 1 s, 2 s, 4 s… up to 30 s. */
export function loginDelayMs(sqlite: Database.Database, key: string): number {
  const row = sqlite.prepare('SELECT count FROM _hub_login_failures WHERE key = ?').get(key) as { count: number } | undefined;
  const failures = row?.count ?? 0;
  return failures < 3 ? 0 : Math.min(30_000, 1000 * 2 ** (failures - 3));
}

export function recordLoginFailure(sqlite: Database.Database, key: string, now: Date): void {
  sqlite
    .prepare(
      `INSERT INTO _hub_login_failures (key, count, last_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
    )
    .run(key, now.toISOString());
}

export function clearLoginFailures(sqlite: Database.Database, key: string): void {
  sqlite.prepare('DELETE FROM _hub_login_failures WHERE key = ?').run(key);
}
