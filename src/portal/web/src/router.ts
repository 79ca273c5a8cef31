// History routing for the web app: real addresses (`/reservations`, `/activer/…`) that the hub answers with the
// app's page (see paths.ts). `navigate` changes the address without reloading; components re-render from it.
import { useSyncExternalStore } from 'react';

const CHANGE = 'guichet:navigate';

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
};

/** `pathname + search` of the current address. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

let navigations = 0;

/** How many in-app navigations have happened (0 on the first page): pages move focus only after one. */
export const navigationCount = () => navigations;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  navigations++;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(CHANGE));
}

window.addEventListener('popstate', () => navigations++);

// Links written as `/#/inscription/verifier?jeton=…` (hash form, e.g. in e-mails) become the real address
// before the first render, so every page is reached the same way.
if (window.location.hash.startsWith('#/')) window.history.replaceState(null, '', window.location.hash.slice(1));

/** For `onClick` of an `<a href>`: in-app navigation for a plain click; new tab / window clicks are left alone. */
export function followLink(event: React.MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href')!);
}
