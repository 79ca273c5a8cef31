// Hash routing for the desk: `#/`, `#/familles/nouvelle`, `#/familles/<id>`. The hash works the same under
// Electron's file URL and browser mode, and survives a reload. (The launch token also travels in the hash,
// but api.ts reads and removes it before the first render.)
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'newFamily' }
  | { name: 'family'; householdId: string }
  | { name: 'reservations'; householdId: string; month: string | null }
  | { name: 'attendance' }
  | { name: 'activities' }
  | { name: 'sync' }
  | { name: 'requests' }
  | { name: 'billingRun'; month: string | null }
  | { name: 'invoices' }
  | { name: 'invoice'; invoiceId: string }
  | { name: 'payment'; paymentId: string }
  | { name: 'account'; householdId: string }
  | { name: 'regie' }
  | { name: 'tariffs' }
  | { name: 'admin'; page: AdminPage }
  | { name: 'notFound' };

/** The administration screens (features/staff, features/admin): `#/admin/<page>`. */
export const adminPages = ['comptes', 'sauvegardes', 'rgpd', 'import', 'pieces', 'reglement', 'postes'] as const;
export type AdminPage = (typeof adminPages)[number];

export const paths = {
  home: '#/',
  newFamily: '#/familles/nouvelle',
  family: (householdId: string) => `#/familles/${encodeURIComponent(householdId)}`,
  /** A household's month grid; `month` is 'YYYY-MM' (the screen picks one when absent). */
  reservations: (householdId: string, month?: string) =>
    `#/familles/${encodeURIComponent(householdId)}/reservations${month ? `/${month}` : ''}`,
  attendance: '#/pointage',
  activities: '#/activites',
  sync: '#/synchronisation',
  /** Online requests to decide (features/requests). */
  requests: '#/demandes',
  /** Billing (features/billing): the month's run (`month` 'YYYY-MM', last month when absent), invoices, payments. */
  billingRun: (month?: string) => `#/facturation${month ? `/${month}` : ''}`,
  invoices: '#/factures',
  invoice: (invoiceId: string) => `#/factures/${encodeURIComponent(invoiceId)}`,
  payment: (paymentId: string) => `#/reglements/${encodeURIComponent(paymentId)}`,
  account: (householdId: string) => `#/familles/${encodeURIComponent(householdId)}/compte`,
  regie: '#/regie',
  tariffs: '#/tarifs',
  admin: (page: AdminPage) => `#/admin/${page}`,
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  // The launch URL (`#token=…`) opened again in a running tab is the home screen.
  if (path === '/' || path.startsWith('token=')) return { name: 'home' };
  if (path === '/familles/nouvelle') return { name: 'newFamily' };
  const family = /^\/familles\/([^/]+)$/.exec(path);
  if (family) return { name: 'family', householdId: decodeURIComponent(family[1]!) };
  const reservations = /^\/familles\/([^/]+)\/reservations(?:\/(\d{4}-(?:0[1-9]|1[0-2])))?$/.exec(path);
  if (reservations)
    return { name: 'reservations', householdId: decodeURIComponent(reservations[1]!), month: reservations[2] ?? null };
  if (path === '/pointage') return { name: 'attendance' };
  if (path === '/activites') return { name: 'activities' };
  if (path === '/synchronisation') return { name: 'sync' };
  if (path === '/demandes') return { name: 'requests' };
  const admin = /^\/admin\/([a-z]+)$/.exec(path);
  if (admin && (adminPages as readonly string[]).includes(admin[1]!)) return { name: 'admin', page: admin[1] as AdminPage };
  const billingRun = /^\/facturation(?:\/(\d{4}-(?:0[1-9]|1[0-2])))?$/.exec(path);
  if (billingRun) return { name: 'billingRun', month: billingRun[1] ?? null };
  if (path === '/factures') return { name: 'invoices' };
  const invoice = /^\/factures\/([^/]+)$/.exec(path);
  if (invoice) return { name: 'invoice', invoiceId: decodeURIComponent(invoice[1]!) };
  const payment = /^\/reglements\/([^/]+)$/.exec(path);
  if (payment) return { name: 'payment', paymentId: decodeURIComponent(payment[1]!) };
  const account = /^\/familles\/([^/]+)\/compte$/.exec(path);
  if (account) return { name: 'account', householdId: decodeURIComponent(account[1]!) };
  if (path === '/regie') return { name: 'regie' };
  if (path === '/tarifs') return { name: 'tariffs' };
  return { name: 'notFound' };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current hash; components re-render when it changes. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}
