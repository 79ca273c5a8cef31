// Builds the context a handler runs with. `today` is the Paris calendar date of `now`, computed once here so
// that every handler agrees on what "today" is for a given command, on the desk and on the hub.
import { instantToParisDate } from '../domain/dates';
import type { Actor, CommandContext } from './types';

export function makeContext(fields: {
  commandId: string;
  now: string;
  actor: Actor;
  deskId: string;
  where: 'desk' | 'hub';
}): CommandContext {
  return { ...fields, today: instantToParisDate(fields.now) };
}
