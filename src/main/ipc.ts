// The one IPC channel between the renderer and the desk core. The main process checks who calls (the app's own
// top-level page only), then hands `name` and `args` to the typed handler table, which validates the arguments
// (zod) and runs the query or command. Errors cross the boundary as a bare message: no stack, no path, no SQL.
// No Electron import at run time: the handler is a plain function, tested without Electron.
import { BadCall, type Caller } from './desk/api';
import type { Actor } from '../shared/commands/types';

/** Also spelled out in src/preload/index.ts (kept apart so the preload bundle stays tiny; a test holds them equal). */
export const CALL_CHANNEL = 'guichet:call';

/** The part of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcHandlerOptions {
  dispatch: (name: string, args: unknown, caller: Caller) => Promise<unknown>;
  /** Whether a frame URL is the app's own renderer (security.ts appUrlMatcher). */
  isTrustedSender: (url: string) => boolean;
  /** Who acts; a function once staff log in. */
  actor: Actor | (() => Actor);
  /** Where refusals and internal errors are written in full (main process log only). */
  log?: (message: string, error?: unknown) => void;
}

/** What the renderer receives when a call fails: only `message`, safe to show or to log in the renderer. */
export class CallFailed extends Error {
  constructor(message: string) {
    super(message);
    // Electron sends `String(error)` to the renderer; the stack would only ever show main-process paths.
    this.stack = `Error: ${message}`;
  }
}

export const REFUSED_SENDER = "Appel refusé : cette page n'est pas celle du guichet.";
export const INTERNAL_ERROR = "Erreur interne du guichet : l'opération n'a pas abouti.";
const MAX_NAME_LENGTH = 100;

export function createIpcHandler(options: IpcHandlerOptions) {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[ipc] ${message}`, error ?? ''));
  const actor = typeof options.actor === 'function' ? options.actor : () => options.actor as Actor;

  return async function handleCall(event: InvokeEventLike, name: unknown, args: unknown): Promise<unknown> {
    const frame = event.senderFrame;
    // A destroyed frame, a sub-frame or any page other than the app's own: refused before anything is read.
    if (!frame || frame.parent || !options.isTrustedSender(frame.url)) {
      log(`Call refused from ${frame?.url ?? 'a destroyed frame'}${frame?.parent ? ' (sub-frame)' : ''}`);
      throw new CallFailed(REFUSED_SENDER);
    }
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
      throw new CallFailed('Appel refusé : nom de fonction invalide.');
    }
    try {
      return await options.dispatch(name, args, { actor: actor() });
    } catch (error) {
      // Unknown handler, malformed arguments: the caller's mistake, and the message says which (no internals).
      if (error instanceof BadCall) throw new CallFailed(error.message);
      // Anything else is a bug: full detail in the main log, a plain sentence for the renderer.
      log(`Handler ${name} failed`, error);
      throw new CallFailed(INTERNAL_ERROR);
    }
  };
}

export type IpcCallHandler = ReturnType<typeof createIpcHandler>;
