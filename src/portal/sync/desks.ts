// Desk enrolment and authentication. An admin creates a one-time enrolment code for a named desk; the desk
// trades it for a device token. Only hashes are stored (a stolen database reveals no usable code or token).
// A revoked desk is refused; codes expire.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LIFETIME_MS = 7 * 24 * 3600 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface Desk {
  id: string;
  name: string;
}

/** A readable one-time code like `K7QM-2XRB-9TWD` (60 bits), valid 7 days. */
export function createEnrolmentCode(
  sqlite: Database.Database,
  name: string,
  now = new Date(),
): { deskId: string; code: string; expiresAt: string } {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  const code = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  const deskId = randomUUID();
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS).toISOString();
  sqlite
    .prepare('INSERT INTO _hub_desks (id, name, code_hash, code_expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(deskId, name, sha256(normalizeCode(code)), expiresAt, now.toISOString());
  return { deskId, code, expiresAt };
}

function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Trades a valid unused code for a device token (shown once). */
export function enrollDesk(sqlite: Database.Database, code: string, now = new Date()): { desk: Desk; token: string } | undefined {
  return sqlite.transaction(() => {
    const row = sqlite
      .prepare('SELECT id, name, code_expires_at FROM _hub_desks WHERE code_hash = ? AND revoked_at IS NULL')
      .get(sha256(normalizeCode(code))) as { id: string; name: string; code_expires_at: string } | undefined;
    if (!row || row.code_expires_at < now.toISOString()) return undefined;
    const token = randomBytes(32).toString('base64url');
    sqlite
      .prepare('UPDATE _hub_desks SET code_hash = NULL, code_expires_at = NULL, token_hash = ?, enrolled_at = ? WHERE id = ?')
      .run(sha256(token), now.toISOString(), row.id);
    return { desk: { id: row.id, name: row.name }, token };
  })();
}

export function authenticateDesk(sqlite: Database.Database, token: string, now = new Date()): Desk | 'revoked' | undefined {
  const row = sqlite.prepare('SELECT id, name, revoked_at FROM _hub_desks WHERE token_hash = ?').get(sha256(token)) as
    { id: string; name: string; revoked_at: string | null } | undefined;
  if (!row) return undefined;
  if (row.revoked_at) return 'revoked';
  noteSeen(sqlite, row.id, now);
  return { id: row.id, name: row.name };
}

// When each desk last called the hub (any authenticated request: push, pull, staff call), for the admin's list
// of desks. Hub-only table, written at most once a minute per desk (desks pull every few seconds).
const SEEN_EVERY_MS = 60_000;
const activityInstalled = new WeakSet<Database.Database>();
const lastNoted = new WeakMap<Database.Database, Map<string, number>>();

function installDeskActivity(sqlite: Database.Database): void {
  if (activityInstalled.has(sqlite)) return;
  sqlite.exec(`CREATE TABLE IF NOT EXISTS _hub_desk_activity (desk_id TEXT PRIMARY KEY, last_seen_at TEXT NOT NULL) STRICT`);
  activityInstalled.add(sqlite);
}

function noteSeen(sqlite: Database.Database, deskId: string, now: Date): void {
  let noted = lastNoted.get(sqlite);
  if (!noted) lastNoted.set(sqlite, (noted = new Map()));
  const previous = noted.get(deskId);
  if (previous !== undefined && Math.abs(now.getTime() - previous) < SEEN_EVERY_MS) return;
  installDeskActivity(sqlite);
  sqlite
    .prepare(
      `INSERT INTO _hub_desk_activity (desk_id, last_seen_at) VALUES (?, ?)
       ON CONFLICT (desk_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
    )
    .run(deskId, now.toISOString());
  noted.set(deskId, now.getTime());
}

export function revokeDesk(sqlite: Database.Database, name: string, now = new Date()): number {
  return sqlite.prepare('UPDATE _hub_desks SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(now.toISOString(), name)
    .changes;
}

/** Revokes one desk by id (the admin screen); false when unknown or already revoked. */
export function revokeDeskById(sqlite: Database.Database, deskId: string, now = new Date()): boolean {
  return (
    sqlite.prepare('UPDATE _hub_desks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), deskId)
      .changes > 0
  );
}

export interface DeskRow {
  id: string;
  name: string;
  enrolled_at: string | null;
  revoked_at: string | null;
  created_at: string;
  code_expires_at: string | null;
  last_seen_at: string | null;
  /** When the hub last applied one of this desk's mutations (its last push that carried commands). */
  last_push_at: string | null;
}

export function listDesks(sqlite: Database.Database): DeskRow[] {
  installDeskActivity(sqlite);
  // The last push of each client is its highest mutation id (primary key order), read per client.
  return sqlite
    .prepare(
      `SELECT d.id, d.name, d.enrolled_at, d.revoked_at, d.created_at, d.code_expires_at, a.last_seen_at,
         (SELECT MAX((SELECT o.at FROM _hub_outcomes o WHERE o.client_id = c.client_id ORDER BY o.mutation_id DESC LIMIT 1))
            FROM _hub_clients c WHERE c.desk_id = d.id) AS last_push_at
       FROM _hub_desks d LEFT JOIN _hub_desk_activity a ON a.desk_id = d.id
       ORDER BY d.created_at, d.name`,
    )
    .all() as DeskRow[];
}
