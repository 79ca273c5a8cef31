// Runs a command at the authority: the hub. Used for desks' pushed mutations and, directly, for parents.
// The caller holds the write transaction (BEGIN IMMEDIATE) and has bumped the version; the handler runs in a
// SAVEPOINT so that a rejection (or a bug) rolls back the command alone and is recorded as the outcome.
import { commandsByName } from '../shared/commands';
import { makeContext } from '../shared/commands/context';
import type { Actor, Tx } from '../shared/commands/types';
import { zodFailure, type Result } from '../shared/result';
import type { HubDatabase } from './hubDb';

export interface HubRun {
  commandId: string;
  name: string;
  args: unknown;
  /** When the command was made (the desk's clock); clamped to the hub's clock if in its future. */
  createdAt: string;
  actor: Actor;
  deskId: string;
}

class RollbackCommand extends Error {
  constructor(readonly result: Result<unknown>) {
    super('rolled back');
  }
}

export function runAtHub(hub: HubDatabase, run: HubRun, hubNow: Date, log?: (error: unknown) => void): Result<unknown> {
  const command = commandsByName.get(run.name);
  if (!command) return { ok: false, code: 'unknownCommand', message: `Commande inconnue : ${run.name}.` };
  const parsed = command.input.safeParse(JSON.parse(JSON.stringify(run.args ?? {})));
  if (!parsed.success) return zodFailure(parsed.error);
  const now = run.createdAt > hubNow.toISOString() ? hubNow.toISOString() : run.createdAt;
  const ctx = makeContext({ commandId: run.commandId, now, actor: run.actor, deskId: run.deskId, where: 'hub' });
  try {
    return hub.sqlite.transaction(() => {
      const result = command.handler(hub.db as unknown as Tx, parsed.data, ctx);
      if (!result.ok) throw new RollbackCommand(result);
      return result;
    })();
  } catch (error) {
    if (error instanceof RollbackCommand) return error.result;
    log?.(error);
    return { ok: false, code: 'internal', message: 'Erreur interne du concentrateur : la commande est refusée.' };
  }
}
