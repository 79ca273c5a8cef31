// Browser mode: the built renderer and the desk's handler table served on 127.0.0.1 only, behind a per-launch
// token. It is how the desk runs without Electron (tests, developers, this machine). The HTTP bridge is the
// IPC channel's twin: POST /api/call/<handler> with the JSON arguments as body and `Authorization: Bearer
// <token>`; the answer is the handler's result as JSON (business failures are `{ ok: false, … }` values).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { BadCall } from './desk/api';
import type { Caller } from './desk/api';
import { defaultStaffActor } from './desk/core';

export interface DeskWebOptions {
  /** The desk core's dispatch (through a function, so that a restored database can swap the core). */
  dispatch: (name: string, args: unknown, caller: Caller) => Promise<unknown>;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  token?: string;
  logger?: boolean;
}

export async function startDeskWeb(options: DeskWebOptions) {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });

  if (!existsSync(options.rendererDir)) throw new Error(`Renderer not built: ${options.rendererDir} (run npm run build)`);
  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html' });

  app.post<{ Params: { name: string } }>('/api/call/:name', async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).send({ error: 'unauthorized', message: 'Jeton manquant ou invalide.' });
    }
    try {
      return await options.dispatch(request.params.name, request.body ?? {}, { actor: defaultStaffActor });
    } catch (error) {
      if (error instanceof BadCall) {
        const status = { unknownHandler: 404, invalidArgs: 400, unauthenticated: 401, forbidden: 403 }[error.code];
        return reply.code(status).send({ error: error.code, message: error.message });
      }
      throw error;
    }
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return {
    /** Open this URL: the token travels in the fragment, never in a request line or a log. */
    url: `${address}/#token=${token}`,
    origin: address,
    token,
    close: () => app.close(),
  };
}
