// Pull: every row changed since the desk's cookie (upserts and tombstones), the new cookie, the desk's
// lastMutationId and the verdicts on its newly acknowledged mutations — all read in ONE read transaction
// (separate reads once lost a mutation for good). Pages never split a hub version, so a desk never applies
// half a command.
import type { PullRequest, PullResponse, RowChange } from '../../shared/sync/protocol';
import { tableAccess, type Row } from '../../shared/sync/rows';
import { hubVersion, type HubDatabase } from '../hubDb';
import { PushRefused } from './push';
import type { Desk } from './desks';

export function readPull(hub: HubDatabase, desk: Desk, request: PullRequest): PullResponse {
  const { sqlite } = hub;
  return sqlite.transaction(() => {
    const client = sqlite.prepare('SELECT desk_id FROM _hub_clients WHERE client_id = ?').get(request.clientId) as
      { desk_id: string } | undefined;
    if (client && client.desk_id !== desk.id) throw new PushRefused(403, 'Ce client appartient à un autre poste.');
    const current = hubVersion(sqlite);
    const base = request.cookie ?? 0;
    const boundary = sqlite
      .prepare('SELECT version FROM _hub_row_versions WHERE version > ? ORDER BY version LIMIT 1 OFFSET ?')
      .get(base, request.limit - 1) as { version: number } | undefined;
    const upTo = boundary?.version ?? current;
    const versions = sqlite
      .prepare(
        'SELECT table_name, row_id, version, deleted FROM _hub_row_versions WHERE version > ? AND version <= ? ORDER BY version',
      )
      .all(base, upTo) as { table_name: string; row_id: string; version: number; deleted: number }[];
    const tables = tableAccess(sqlite);
    const byTable = new Map<string, string[]>();
    for (const v of versions) {
      if (v.deleted) continue;
      const ids = byTable.get(v.table_name);
      if (ids) ids.push(v.row_id);
      else byTable.set(v.table_name, [v.row_id]);
    }
    const rows = new Map<string, Row>();
    for (const [table, ids] of byTable) {
      for (const row of tables.get(table)!.selectMany.all(JSON.stringify(ids)) as Row[]) rows.set(`${table}\u0000${row.id}`, row);
    }
    const changes: RowChange[] = versions.map((v) => ({
      table: v.table_name,
      id: v.row_id,
      version: v.version,
      row: v.deleted ? null : (rows.get(`${v.table_name}\u0000${v.row_id}`) ?? null),
    }));
    const outcomes = sqlite
      .prepare(
        `SELECT mutation_id AS mutationId, command_id AS commandId, name, status, message, at FROM _hub_outcomes
         WHERE client_id = ? AND version > ? AND version <= ? ORDER BY mutation_id`,
      )
      .all(request.clientId, base, upTo) as PullResponse['outcomes'];
    const acked = sqlite
      .prepare('SELECT max(mutation_id) AS id FROM _hub_outcomes WHERE client_id = ? AND version <= ?')
      .get(request.clientId, upTo) as { id: number | null };
    return {
      baseCookie: request.cookie,
      cookie: upTo,
      lastMutationId: acked.id ?? 0,
      changes,
      outcomes,
      more: upTo < current,
      hubVersion: current,
    };
  })();
}
