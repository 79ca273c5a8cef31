// Serves the parents' web app (built by `vite.portal.config.ts` into out/portal-web) from the hub: the hashed
// files under /assets/ (cached for a year, their names change with their content), and index.html for the
// app's own addresses (`/`, `/activer/…`, `/reservations`…), never cached so a new build is picked up at once.
// Invariant: nothing under /api/ ever gets the HTML page — an unknown API address stays a JSON 404 — and the
// app's HTML is only sent to a browser asking for a page (GET/HEAD accepting text/html).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appPathPatterns } from './web/src/paths';

/** out/portal-web, found from this file upwards (source under tsx, or a bundle), or `GUICHET_PORTAL_WEB`. */
export function defaultPortalWebDir(): string | undefined {
  if (process.env.GUICHET_PORTAL_WEB) return resolve(process.env.GUICHET_PORTAL_WEB);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'portal-web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

const isApi = (url: string) => url === '/api' || url.startsWith('/api/');
const wantsPage = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');

/**
 * Registers the web app on the hub's root instance (not as an encapsulated plugin: the not-found handler must
 * cover every address). Without a build, the API works alone and the addresses of the app answer 404.
 */
export async function servePortalWeb(app: FastifyInstance, dir = defaultPortalWebDir()): Promise<void> {
  const notFoundJson = (reply: FastifyReply) => reply.code(404).send({ error: 'notFound', message: 'Adresse inconnue.' });
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    app.setNotFoundHandler((_request, reply) => notFoundJson(reply));
    return;
  }
  const sendPage = (reply: FastifyReply, status = 200) =>
    reply.code(status).header('cache-control', 'no-cache').sendFile('index.html', dir, { maxAge: 0, cacheControl: false });

  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  for (const pattern of appPathPatterns) {
    app.get(pattern, { schema: { hide: true } }, (_request, reply) => sendPage(reply));
  }
  // An address the app does not know, typed by a parent: the app's page, which says "Page introuvable", with
  // a 404 status; anything else (API, assets, a script) gets the JSON 404.
  app.setNotFoundHandler((request, reply) => {
    if (!isApi(request.url) && !request.url.startsWith('/assets/') && wantsPage(request)) return sendPage(reply, 404);
    return notFoundJson(reply);
  });
}
