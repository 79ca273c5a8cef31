// The renderer's only way to the desk core: `call(name, args)`, typed from the handler table.
// In Electron it goes through the preload's `window.guichet.call` (one IPC channel); in browser mode through
// the HTTP bridge with the per-launch token read once from the URL fragment.
import type { DeskApi, HandlerName } from '../../main/desk/api';

export type { HandlerName };
export type Args<K extends HandlerName> = Parameters<DeskApi[K]>[0];
export type Returned<K extends HandlerName> = Awaited<ReturnType<DeskApi[K]>>;

declare global {
  interface Window {
    guichet?: { call(name: string, args: unknown): Promise<unknown> };
  }
}

const TOKEN_KEY = 'guichet.token';

function bridgeToken(): string {
  const match = /[#&]token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export class CallError extends Error {}

export async function call<K extends HandlerName>(name: K, args: Args<K>): Promise<Returned<K>> {
  if (window.guichet) return (await window.guichet.call(name as string, args)) as Returned<K>;
  const response = await fetch(`/api/call/${encodeURIComponent(name as string)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridgeToken()}` },
    body: JSON.stringify(args ?? {}),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new CallError(body.message ?? `Erreur ${response.status}`);
  return body as Returned<K>;
}

// Read the token as soon as the app loads, before any router touches the URL.
if (!window.guichet) bridgeToken();
