// Statements prepared once per database connection and reused by every command run on it. Building a drizzle
// query and preparing its SQL costs several times more than running it (a registration-day rush books one
// family after another, each through the same dozen statements). Only statements are kept, never data: every
// run reads the current rows. A statement is bound to its connection (better-sqlite3 runs it on whatever
// transaction is open there), so the cache is keyed by the connection; drivers other than better-sqlite3
// prepare every time.
import type { Db, Tx } from './types';

const byConnection = new WeakMap<object, Map<string, unknown>>();

/** The better-sqlite3 connection under a drizzle transaction or database (drizzle 0.45: `session.client`). */
function connectionOf(reader: Tx | Db): object | undefined {
  const client = (reader as unknown as { session?: { client?: { prepare?: unknown } } }).session?.client;
  return client && typeof client.prepare === 'function' ? client : undefined;
}

/**
 * The statements `prepare` builds, made once per connection under `key`. `prepare` must depend on nothing but
 * the connection: every value goes through `sql.placeholder`, and the key names that one set of statements.
 */
export function preparedOnce<T>(reader: Tx | Db, key: string, prepare: () => T): T {
  const connection = connectionOf(reader);
  if (!connection) return prepare();
  let cache = byConnection.get(connection);
  if (!cache) byConnection.set(connection, (cache = new Map()));
  let statements = cache.get(key) as T | undefined;
  if (statements === undefined) cache.set(key, (statements = prepare()));
  return statements;
}
