// Reads for the sync panel: the hub's verdicts on our commands (modified or rejected, with the French
// reason) and the pending commands, with the error of any that no longer applies locally.
import type Database from 'better-sqlite3';

export function syncOutcomes(sqlite: Database.Database, limit = 100) {
  const verdicts = sqlite
    .prepare(
      `SELECT command_id AS commandId, name, status, message, at FROM _sync_outcomes WHERE status != 'accepted' ORDER BY mutation_id DESC LIMIT ?`,
    )
    .all(limit) as { commandId: string; name: string; status: 'modified' | 'rejected'; message: string; at: string }[];
  const pending = sqlite
    .prepare(
      'SELECT mutation_id AS mutationId, command_id AS commandId, name, created_at AS createdAt, local_error AS localError FROM _outbox ORDER BY mutation_id',
    )
    .all() as { mutationId: number; commandId: string; name: string; createdAt: string; localError: string | null }[];
  return { verdicts, pending };
}

/** Ids of the rows of a table changed by commands the hub has not confirmed yet (from the undo log). */
export function provisionalRows(sqlite: Database.Database, table: string): Set<string> {
  const rows = sqlite.prepare('SELECT DISTINCT row_id AS id FROM _undo WHERE table_name = ?').all(table) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
