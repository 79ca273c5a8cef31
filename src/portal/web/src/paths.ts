// The addresses of the parents' web app. Shared with the hub (staticWeb.ts), which answers these with the
// app's page: a new page is added here once and works both in the browser and on reload.
export const paths = {
  dashboard: '/',
  login: '/connexion',
  forgotPassword: '/mot-de-passe-oublie',
  activationCode: '/activer',
  activation: (token: string) => `/activer/${encodeURIComponent(token)}`,
  activities: '/activites',
  reservations: '/reservations',
  /** A month of the calendar ('YYYY-MM'). */
  reservationsOf: (month: string) => `/reservations?mois=${month}`,
  contact: '/coordonnees',
  invoices: '/factures',
  accessibility: '/accessibilite',
  signUp: '/inscription',
  /** The link of the sign-up e-mail (the hub may also send it as `/#/inscription/verifier?jeton=…`). */
  signUpVerify: (token: string) => `/inscription/verifier?jeton=${encodeURIComponent(token)}`,
  enrolment: '/inscriptions',
  documents: '/documents',
  yearlyFile: '/dossier-annuel',
} as const;

/** Fastify route patterns of the same addresses. */
export const appPathPatterns = [
  '/',
  '/connexion',
  '/mot-de-passe-oublie',
  '/activer',
  '/activer/:token',
  '/activites',
  '/reservations',
  '/coordonnees',
  '/factures',
  '/accessibilite',
  '/inscription',
  '/inscription/verifier',
  '/inscriptions',
  '/documents',
  '/dossier-annuel',
] as const;

export type Route =
  | { name: 'dashboard' }
  | { name: 'login'; next: string | null }
  | { name: 'forgotPassword' }
  | { name: 'activationCode' }
  | { name: 'activation'; token: string }
  | { name: 'activities' }
  | { name: 'reservations'; month: string | null }
  | { name: 'contact' }
  | { name: 'invoices' }
  | { name: 'accessibility' }
  | { name: 'signUp' }
  | { name: 'signUpVerify'; token: string }
  | { name: 'enrolment' }
  | { name: 'documents' }
  | { name: 'yearlyFile' }
  | { name: 'notFound' };

/** Pages anyone can open; every other page needs a session. */
export const publicRoutes: ReadonlySet<Route['name']> = new Set([
  'login',
  'forgotPassword',
  'activationCode',
  'activation',
  'accessibility',
  'signUp',
  'signUpVerify',
  'notFound',
]);

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/':
      return { name: 'dashboard' };
    case paths.login: {
      const next = new URLSearchParams(search).get('suite');
      // Only an address of this app (a path), never another site.
      return { name: 'login', next: next && /^\/(?!\/)/.test(next) ? next : null };
    }
    case paths.forgotPassword:
      return { name: 'forgotPassword' };
    case paths.activationCode:
      return { name: 'activationCode' };
    case paths.activities:
      return { name: 'activities' };
    case paths.reservations: {
      const month = new URLSearchParams(search).get('mois');
      return { name: 'reservations', month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null };
    }
    case paths.contact:
      return { name: 'contact' };
    case paths.invoices:
      return { name: 'invoices' };
    case paths.accessibility:
      return { name: 'accessibility' };
    case paths.signUp:
      return { name: 'signUp' };
    case '/inscription/verifier':
      return { name: 'signUpVerify', token: new URLSearchParams(search).get('jeton') ?? '' };
    case paths.enrolment:
      return { name: 'enrolment' };
    case paths.documents:
      return { name: 'documents' };
    case paths.yearlyFile:
      return { name: 'yearlyFile' };
  }
  const activation = /^\/activer\/([^/]+)$/.exec(path);
  if (activation) return { name: 'activation', token: decodeURIComponent(activation[1]!) };
  return { name: 'notFound' };
}
