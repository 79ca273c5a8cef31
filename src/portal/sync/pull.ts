// Pull: every row changed since the desk's cookie (upserts and tombstones), the new cookie, the desk's
// lastMutationId and the verdicts on its newly acknowledged mutations — all read in ONE read transaction
// (separate reads once lost a mutation for good). Pages never split a hub version, so a desk never applies
// half a command.
import type Database from 'better-sqlite3';
import type { PullRequest, PullResponse, RowChange, TableRows } from '../../shared/sync/protocol';
import { tableAccess, type Row, type TableAccess } from '../../shared/sync/rows';
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
    const outcomesAndAck = () => ({
      outcomes: sqlite
        .prepare(
          `SELECT mutation_id AS mutationId, command_id AS commandId, name, status, message, at FROM _hub_outcomes
           WHERE client_id = ? AND version > ? AND version <= ? ORDER BY mutation_id`,
        )
        .all(request.clientId, base, upTo) as PullResponse['outcomes'],
      lastMutationId:
        (
          sqlite
            .prepare('SELECT max(mutation_id) AS id FROM _hub_outcomes WHERE client_id = ? AND version <= ?')
            .get(request.clientId, upTo) as { id: number | null }
        ).id ?? 0,
    });
    if (request.format === 'tables') {
      return {
        baseCookie: request.cookie,
        cookie: upTo,
        ...outcomesAndAck(),
        ...readTables(hub, base, upTo),
        more: upTo < current,
        hubVersion: current,
      };
    }
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
    return {
      baseCookie: request.cookie,
      cookie: upTo,
      ...outcomesAndAck(),
      changes,
      more: upTo < current,
      hubVersion: current,
    };
  })();
}

/**
 * Format `tables` (the initial sync): the rows of versions (base, upTo] grouped by table as arrays of cells, in
 * version order, read with one join per table present in the page (raw rows: no object per row); tombstones as
 * changes. Runs inside readPull's read transaction.
 */
function readTables(hub: HubDatabase, base: number, upTo: number): Pick<PullResponse, 'changes' | 'tables'> {
  const { sqlite } = hub;
  const present = sqlite
    .prepare('SELECT DISTINCT table_name AS name FROM _hub_row_versions WHERE version > ? AND version <= ? AND deleted = 0')
    .all(base, upTo) as { name: string }[];
  const access = tableAccess(sqlite);
  const tables: TableRows[] = [];
  for (const { name } of present) {
    const table = access.get(name);
    if (!table) continue;
    tables.push({
      table: name,
      columns: table.columns,
      rows: pageRows(sqlite, table).all(name, base, upTo) as TableRows['rows'],
    });
  }
  const changes = (
    sqlite
      .prepare(
        'SELECT table_name, row_id, version FROM _hub_row_versions WHERE version > ? AND version <= ? AND deleted = 1 ORDER BY version',
      )
      .all(base, upTo) as { table_name: string; row_id: string; version: number }[]
  ).map((v): RowChange => ({ table: v.table_name, id: v.row_id, version: v.version, row: null }));
  return { changes, tables };
}

const pageStatements = new WeakMap<TableAccess, Database.Statement>();
function pageRows(sqlite: Database.Database, table: TableAccess): Database.Statement {
  let statement = pageStatements.get(table);
  if (!statement) {
    // `+v.table_name`: walk the version index over the page's range; without the `+` SQLite picks the primary key
    // (table_name, row_id) and scans every row of the table for each page.
    statement = sqlite
      .prepare(
        `SELECT ${table.columns.map((c) => `t."${c}"`).join(', ')} FROM _hub_row_versions v JOIN "${table.name}" t ON t.id = v.row_id
         WHERE +v.table_name = ? AND v.version > ? AND v.version <= ? AND v.deleted = 0 ORDER BY v.version`,
      )
      .raw(true);
    pageStatements.set(table, statement);
  }
  return statement;
}
