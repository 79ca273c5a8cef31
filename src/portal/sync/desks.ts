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
export function createEnrolmentCode(sqlite: Database.Database, name: string, now = new Date()): { deskId: string; code: string } {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  const code = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  const deskId = randomUUID();
  sqlite
    .prepare('INSERT INTO _hub_desks (id, name, code_hash, code_expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(deskId, name, sha256(normalizeCode(code)), new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(), now.toISOString());
  return { deskId, code };
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

export function authenticateDesk(sqlite: Database.Database, token: string): Desk | 'revoked' | undefined {
  const row = sqlite.prepare('SELECT id, name, revoked_at FROM _hub_desks WHERE token_hash = ?').get(sha256(token)) as
    { id: string; name: string; revoked_at: string | null } | undefined;
  if (!row) return undefined;
  return row.revoked_at ? 'revoked' : { id: row.id, name: row.name };
}

export function revokeDesk(sqlite: Database.Database, name: string, now = new Date()): number {
  return sqlite.prepare('UPDATE _hub_desks SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(now.toISOString(), name)
    .changes;
}

export function listDesks(sqlite: Database.Database) {
  return sqlite.prepare('SELECT id, name, enrolled_at, revoked_at, created_at FROM _hub_desks ORDER BY created_at').all();
}
