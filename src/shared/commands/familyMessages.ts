// Messages from the commune to a household (family_messages): every decision on an online request, a document,
// a yearly file or a sign-up writes one, in the command's transaction; the hub shows it on the portal and
// e-mails it once. Ids derive from the command id, so a re-run on the hub writes the same rows.
import { familyMessages } from '../db/schema';
import { fail, type Failure } from '../result';
import type { CommandContext, Tx } from './types';

const sequence = new WeakMap<CommandContext, number>();

export function postFamilyMessage(tx: Tx, ctx: CommandContext, householdId: string, subject: string, body: string): string {
  const n = (sequence.get(ctx) ?? 0) + 1;
  sequence.set(ctx, n);
  const id = `${ctx.commandId}:message:${n}`;
  tx.insert(familyMessages).values({ id, householdId, subject, body, createdAt: ctx.now }).run();
  return id;
}

/** Decisions belong to the mairie's staff (or the hub's own rules): a parent session never takes them. */
export function staffOnly(ctx: CommandContext): Failure | undefined {
  return ctx.actor.kind === 'parent' ? fail('forbidden', 'Action réservée au personnel de la mairie.') : undefined;
}

/** `2026-09-01` → `01/09/2026`. */
export const frenchDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
