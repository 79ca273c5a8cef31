// Push: a desk's pending mutations, applied in order, each in its own BEGIN IMMEDIATE transaction together
// with the desk's lastMutationId and the verdict. A mutation id already seen is skipped (retries are
// harmless); a gap is refused. An unknown client id is accepted only from mutation 1 (a recreated desk that
// reused an old id would otherwise silently lose commands).
import type { Actor } from '../../shared/commands/types';
import type { PushRequest } from '../../shared/sync/protocol';
import { bumpVersion, type HubDatabase } from '../hubDb';
import { runAtHub } from '../hubCommands';
import type { Desk } from './desks';

export class PushRefused extends Error {
  constructor(
    readonly status: 403 | 409,
    message: string,
  ) {
    super(message);
  }
}

export function applyPush(
  hub: HubDatabase,
  desk: Desk,
  request: PushRequest,
  clock: () => Date = () => new Date(),
  log?: (e: unknown) => void,
) {
  const { sqlite } = hub;
  const getClient = sqlite.prepare('SELECT desk_id, last_mutation_id FROM _hub_clients WHERE client_id = ?');
  let last = (getClient.get(request.clientId) as { last_mutation_id: number } | undefined)?.last_mutation_id ?? 0;
  for (const mutation of request.mutations) {
    const applied = sqlite
      .transaction(() => {
        const client = getClient.get(request.clientId) as { desk_id: string; last_mutation_id: number } | undefined;
        if (client && client.desk_id !== desk.id) throw new PushRefused(403, 'Ce client appartient à un autre poste.');
        const lastSeen = client?.last_mutation_id ?? 0;
        if (mutation.id <= lastSeen) return lastSeen;
        if (mutation.id !== lastSeen + 1) {
          throw new PushRefused(409, `Mutation ${mutation.id} attendue ${lastSeen + 1} : trou dans la séquence.`);
        }
        if (mutation.actor.kind === 'parent') throw new PushRefused(403, 'Un poste ne transmet pas de commande de parent.');
        const now = clock();
        if (!client) {
          sqlite
            .prepare('INSERT INTO _hub_clients (client_id, desk_id, last_mutation_id, created_at) VALUES (?, ?, 0, ?)')
            .run(request.clientId, desk.id, now.toISOString());
        }
        const version = bumpVersion(sqlite);
        const result = runAtHub(
          hub,
          {
            commandId: mutation.commandId,
            name: mutation.name,
            args: mutation.args,
            createdAt: mutation.createdAt,
            actor: mutation.actor as Actor,
            deskId: desk.id,
          },
          now,
          log,
        );
        const status = !result.ok ? 'rejected' : result.outcome === 'modified' ? 'modified' : 'accepted';
        const message = !result.ok ? result.message : (result.message ?? '');
        sqlite
          .prepare(
            `INSERT INTO _hub_outcomes (client_id, mutation_id, command_id, name, status, message, version, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(request.clientId, mutation.id, mutation.commandId, mutation.name, status, message, version, now.toISOString());
        sqlite.prepare('UPDATE _hub_clients SET last_mutation_id = ? WHERE client_id = ?').run(mutation.id, request.clientId);
        return mutation.id;
      })
      .immediate();
    last = applied;
  }
  return { lastMutationId: last };
}
