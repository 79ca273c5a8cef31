// Every staff and parent write leaves an audit row. Rows are written by the command itself, in its transaction,
// with ids derived from the command id so that re-running the command on the hub produces the same rows.
import { sql } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import { preparedOnce } from './prepared';
import type { CommandContext, Tx } from './types';

const sequence = new WeakMap<CommandContext, number>();

export interface AuditEntry {
  entity: string;
  entityId: string;
  householdId?: string | null;
  changes?: Record<string, unknown>;
  reason?: string;
}

export function audit(tx: Tx, ctx: CommandContext, name: string, entry: AuditEntry): void {
  const n = (sequence.get(ctx) ?? 0) + 1;
  sequence.set(ctx, n);
  auditInsert(tx).run({
    id: `${ctx.commandId}:${n}`,
    at: ctx.now,
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    deskId: ctx.deskId,
    command: name,
    householdId: entry.householdId ?? null,
    entity: entry.entity,
    entityId: entry.entityId,
    changes: JSON.stringify(entry.changes ?? {}),
    reason: entry.reason ?? '',
  });
}

/** The audit row's INSERT, prepared once per connection (prepared.ts): every write of every command runs it. */
function auditInsert(tx: Tx) {
  return preparedOnce(tx, 'audit', () => {
    const value = (name: keyof typeof auditLog.$inferInsert) => sql.placeholder(name);
    return tx
      .insert(auditLog)
      .values({
        id: value('id'),
        at: value('at'),
        actorKind: value('actorKind'),
        actorId: value('actorId'),
        actorName: value('actorName'),
        deskId: value('deskId'),
        command: value('command'),
        householdId: value('householdId'),
        entity: value('entity'),
        entityId: value('entityId'),
        changes: value('changes'),
        reason: value('reason'),
      })
      .prepare();
  });
}

/** `{ field: [before, after] }` for the fields whose value changes; empty when nothing changes. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) changes[key] = [before[key], value];
  }
  return changes;
}
