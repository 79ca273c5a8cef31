// The preload exposes ONE function to the page, `window.guichet.call(name, args)`, over ONE channel
// (STYLE.md §3): never `ipcRenderer` itself, nor a channel chosen by the page. The main process checks the
// sender and validates `name` and `args`; the renderer types the calls (src/renderer/src/api.ts).
// Sandboxed: bundled as one CommonJS file that requires nothing but `electron`.
import { contextBridge, ipcRenderer } from 'electron';

/** Same value as CALL_CHANNEL in src/main/ipc.ts (not imported: the preload must not pull the desk core in). */
const CALL_CHANNEL = 'guichet:call';

/** Electron prefixes a rejected invoke with "Error invoking remote method '<channel>': Error: "; the page gets the message alone. */
export function cleanInvokeMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': (?:\w+: )?/, '');
}

const guichet = {
  async call(name: string, args: unknown): Promise<unknown> {
    try {
      return await ipcRenderer.invoke(CALL_CHANNEL, name, args);
    } catch (error) {
      throw new Error(cleanInvokeMessage(error));
    }
  },
};

/** The type of `window.guichet`, from the implementation. */
export type GuichetBridge = typeof guichet;

contextBridge.exposeInMainWorld('guichet', guichet);
