// Builds the context a handler runs with. `today` is the Paris calendar date of `now`, computed once here so
// that every handler agrees on what "today" is for a given command, on the desk and on the hub.
import type { Actor, CommandContext } from './types';

const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

export function parisDateOf(instant: string): string {
  return parisDate.format(new Date(instant));
}

export function makeContext(fields: { commandId: string; now: string; actor: Actor; deskId: string; where: 'desk' | 'hub' }): CommandContext {
  return { ...fields, today: parisDateOf(fields.now) };
}
