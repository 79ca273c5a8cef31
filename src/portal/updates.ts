// The desk's updates, served by the hub: `GET /updates/<file>` from `<hub data dir>/updates/` (electron-builder's
// generic provider: latest.yml, latest-linux.yml, the installers and their .blockmap files). Publishing an
// update = copying the files of `dist/` there (README, "Packaging and updates").
// The folder is flat: any path that is not one plain file name (a `..`, a slash, a backslash, encoded or not,
// a dot file) is a 404 before the static server sees it. Ranges are supported (differential downloads).
import { mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const prefix = '/updates/';

/** A plain file name as electron-builder writes them (`Guichet-Setup-0.2.0.exe`, `latest-linux.yml`). */
export function isUpdateFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._+ -]{0,200}$/.test(name) && !name.includes('..');
}

function requestedName(url: string): string | undefined {
  const path = url.split('?', 1)[0]!;
  if (!path.startsWith(prefix)) return undefined;
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    return undefined;
  }
}

export async function registerUpdates(app: FastifyInstance, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const name = requestedName(request.url);
      if (name === undefined || !isUpdateFileName(name)) {
        return reply.code(404).send({ error: 'not_found', message: 'Fichier de mise à jour introuvable.' });
      }
    });
    await scope.register(fastifyStatic, {
      root: dir,
      prefix,
      decorateReply: false,
      index: false,
      list: false,
      redirect: false,
      dotfiles: 'deny',
      // The update manifests must never be cached (a desk would miss a release); installers may be.
      cacheControl: false,
      setHeaders: (reply, path) => {
        if (/\.ya?ml$/.test(path)) reply.header('cache-control', 'no-cache').header('content-type', 'text/yaml; charset=utf-8');
        else reply.header('cache-control', 'public, max-age=86400');
      },
    });
  });
}
