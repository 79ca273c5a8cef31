// Runs a named command on the desk replica: ids and time fixed once, arguments round-tripped through JSON,
// validated, then — in ONE synchronous transaction — the handler, the outbox record and the search index
// refresh. A rejected command (a Failure) rolls everything back: nothing is half-written.
import { randomUUID } from 'node:crypto';
import { commandsByName } from '../../shared/commands';
import { makeContext } from '../../shared/commands/context';
import { fillNewIds } from '../../shared/commands/newIds';
import type { Actor, Tx } from '../../shared/commands/types';
import { fail, zodFailure, type Result } from '../../shared/result';
import type { DeskDatabase } from './db';
import { refreshSearchIndex } from './families/searchIndex';
import type { Replay } from './sync/rebase';

export interface RunnerOptions {
  deskId: string;
  clock?: () => Date;
  newId?: () => string;
  /** Called after a command committed (the sync loop hooks in here). */
  onCommitted?: (name: string) => void;
}

/** Thrown to roll the transaction back; carries the result to return instead. */
class RolledBack extends Error {
  constructor(readonly result: Result<unknown>) {
    super('rolled back');
  }
}

export function createCommandRunner(store: DeskDatabase, options: RunnerOptions) {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const appendOutbox = store.sqlite.prepare(
    `INSERT INTO _outbox (command_id, name, args, created_at, actor, captured)
     VALUES (@commandId, @name, @args, @createdAt, @actor, (SELECT "on" FROM _capture WHERE id = 1))`,
  );

  /**
   * Runs the command; `dryRun` runs the very same handler and rolls it back, which is how previews ("what
   * will happen day by day") tell exactly what the command would do.
   */
  return function runCommand(name: string, rawArgs: unknown, actor: Actor, dryRun = false): Result<unknown> {
    const command = commandsByName.get(name);
    if (!command) return fail('unknownCommand', `Commande inconnue : ${name}.`);
    // The stored form of the arguments: ids filled, JSON round-tripped (what the hub will parse again).
    const argsJson = JSON.stringify(fillNewIds(rawArgs ?? {}, command.newIds ?? [], newId));
    const parsed = command.input.safeParse(JSON.parse(argsJson));
    if (!parsed.success) return zodFailure(parsed.error);
    const ctx = makeContext({ commandId: newId(), now: clock().toISOString(), actor, deskId: options.deskId, where: 'desk' });
    let result: Result<unknown>;
    try {
      result = store.db.transaction((tx) => {
        const outcome = command.handler(tx, parsed.data, ctx);
        if (!outcome.ok || dryRun) throw new RolledBack(outcome);
        appendOutbox.run({ commandId: ctx.commandId, name, args: argsJson, createdAt: ctx.now, actor: JSON.stringify(actor) });
        refreshSearchIndex(store.sqlite);
        return outcome;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.result;
      throw error;
    }
    if (!dryRun) options.onCommitted?.(name);
    return result;
  };
}

export type RunCommand = ReturnType<typeof createCommandRunner>;

/**
 * Re-runs a pending command from the outbox during a rebase, with the context it was created with (same
 * command id, instant and actor, so it produces the same rows). Runs inside the rebase's savepoint.
 */
export function createReplay(store: DeskDatabase, deskId: string): Replay {
  return (row) => {
    const command = commandsByName.get(row.name);
    if (!command) return { ok: false, message: `Commande inconnue : ${row.name}.` };
    const parsed = command.input.safeParse(JSON.parse(row.args));
    if (!parsed.success) return { ok: false, message: zodFailure(parsed.error).message };
    const ctx = makeContext({ commandId: row.command_id, now: row.created_at, actor: JSON.parse(row.actor) as Actor, deskId, where: 'desk' });
    // The rebase holds the transaction open on this connection: the handler writes inside it.
    const result = command.handler(store.db as unknown as Tx, parsed.data, ctx);
    return result.ok ? { ok: true } : { ok: false, message: result.message };
  };
}
