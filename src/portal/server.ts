// Builds the hub's HTTP server: health, desk enrolment, sync push/pull, and the OpenAPI document generated
// from the zod schemas of every route. Structured logs (pino) carry no personal data: request bodies are never
// logged and the Authorization header is redacted.
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  enrollRequestSchema,
  enrollResponseSchema,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from '../shared/sync/protocol';
import { communeName, hubVersion, openHubDatabase, type HubDatabase } from './hubDb';
import { createEnrolmentHub } from './enrolment/routes';
import { createMailer, type Mailer, type SmtpConfig } from './mailer';
import { purgedAccountsPlugin } from './parents/purgedAccounts';
import { parentRoutes } from './parents/routes';
import { createOnlinePayments, installOnlinePayments } from './payments/onlinePayments';
import type { PaymentProvider } from './payments/provider';
import { paymentRoutes } from './payments/routes';
import { createTestPaymentProvider } from './payments/testProvider';
import { authorityCommandRoutes } from './staff/authorityCommands';
import { staffPortalRoutes } from './staff/portalAccounts';
import { staffDeskRoutes } from './staff/desks';
import { servePortalWeb } from './staticWeb';
import { authenticateDesk, enrollDesk, type Desk } from './sync/desks';
import { readPull } from './sync/pull';
import { applyPush, PushRefused } from './sync/push';
import { registerUpdates } from './updates';

export interface HubOptions {
  dataDir: string;
  /** Online payment: the hub's own test provider (never in production), or a provider such as PayFiP. */
  paymentProvider?: 'test' | PaymentProvider;
  /** How often attempts still waiting are reconciled with the provider (default 5 minutes). */
  reconcileEveryMs?: number;
  /** The address parents use (links in e-mails); https in production (cookies are then Secure). */
  publicUrl?: string;
  smtp?: SmtpConfig;
  /** A ready mailer (tests); otherwise built from `smtp`. */
  mailer?: Mailer;
  activationDays?: number;
  logger?: boolean | object;
  clock?: () => Date;
  migrationsFolder?: string;
  /** How often family messages are e-mailed or retried besides after each write (default 1 minute). */
  mailEveryMs?: number;
}

const errorSchema = z.object({ error: z.string(), message: z.string() });
const plainJson = () => (data: unknown) => JSON.stringify(data);

declare module 'fastify' {
  interface FastifyRequest {
    desk?: Desk;
  }
}

export async function buildHub(options: HubOptions) {
  const hub: HubDatabase = openHubDatabase(options.dataDir, options.migrationsFolder);
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 32 * 1024 * 1024,
    // In-flight requests finish on close (SIGTERM); new connections are refused.
    forceCloseConnections: false,
  }).withTypeProvider<ZodTypeProvider>();
  const mailer = options.mailer ?? (options.smtp ? createMailer(options.smtp) : undefined);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onClose', async () => hub.close());

  app.setErrorHandler((error: Error & { validation?: unknown; statusCode?: number }, request, reply) => {
    if (error instanceof PushRefused) return reply.code(error.status).send({ error: 'refused', message: error.message });
    if (error.validation) return reply.code(400).send({ error: 'invalid', message: `Requête invalide : ${error.message}` });
    if (error.statusCode && error.statusCode < 500)
      return reply.code(error.statusCode).send({ error: 'bad_request', message: error.message });
    request.log.error({ err: { message: error.message, stack: error.stack } }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'Erreur interne du concentrateur.' });
  });

  // Desks send gzip-compressed pushes.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.headers['content-encoding'] !== 'gzip') return payload;
    delete request.headers['content-encoding'];
    // Fastify checks Content-Length against `receivedEncodedLength`: count the compressed bytes.
    const gunzip = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
    payload.on('data', (chunk: Buffer) => (gunzip.receivedEncodedLength += chunk.length));
    return payload.pipe(gunzip);
  });

  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifyCookie);
  // Only routes that opt in (login, activation, password) are rate-limited: a registration-day rush of
  // bookings from one school's network must not be throttled.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: (options.publicUrl ?? '').startsWith('https://') ? { maxAge: 31536000 } : false,
  });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Guichet — concentrateur', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  const requireDesk = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const desk = token ? authenticateDesk(hub.sqlite, token) : undefined;
    if (desk === 'revoked') return reply.code(401).send({ error: 'revoked', message: 'Ce poste a été révoqué.' });
    if (!desk) return reply.code(401).send({ error: 'unauthorized', message: 'Jeton de poste inconnu.' });
    request.desk = desk;
  };

  app.get('/health', { schema: { response: { 200: z.object({ status: z.literal('ok'), version: z.string() }) } } }, async () => ({
    status: 'ok' as const,
    version: '0.1.0',
  }));

  app.post(
    '/api/desks/enroll',
    { schema: { body: enrollRequestSchema, response: { 200: enrollResponseSchema, 400: errorSchema } } },
    async (request, reply) => {
      if (request.body.deskHasData && hubVersion(hub.sqlite) > 0) {
        return reply.code(400).send({
          error: 'desk_has_data',
          message:
            'Ce poste contient déjà des données et le concentrateur aussi : reliez un poste vide (les données viendront du concentrateur).',
        });
      }
      const enrolled = enrollDesk(hub.sqlite, request.body.code, clock());
      if (!enrolled)
        return reply.code(400).send({ error: 'invalid_code', message: "Code d'enrôlement inconnu, déjà utilisé ou expiré." });
      request.log.info({ deskId: enrolled.desk.id }, 'desk enrolled');
      return { token: enrolled.token, deskId: enrolled.desk.id, deskName: enrolled.desk.name, commune: communeName(hub.sqlite) };
    },
  );

  app.post(
    '/api/sync/push',
    {
      preHandler: requireDesk,
      schema: {
        body: pushRequestSchema,
        response: { 200: pushResponseSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const result = applyPush(hub, request.desk!, request.body, clock, (e) => request.log.error({ err: e }, 'command failed'));
      request.log.info(
        { deskId: request.desk!.id, mutations: request.body.mutations.length, last: result.lastMutationId },
        'push',
      );
      return result;
    },
  );

  app.post(
    '/api/sync/pull',
    {
      preHandler: requireDesk,
      schema: { body: pullRequestSchema, response: { 200: pullResponseSchema, 401: errorSchema, 403: errorSchema } },
      // Pages can hold thousands of rows: serialise without re-validating them.
      serializerCompiler: plainJson,
    },
    async (request) => readPull(hub, request.desk!, request.body),
  );

  let publicUrlValue = options.publicUrl ?? '';
  const publicUrl = () => publicUrlValue || `http://127.0.0.1:${(app.server.address() as { port?: number } | null)?.port ?? 80}`;
  const commune = () => communeName(hub.sqlite);
  // PayFiP and the test card page post form-encoded bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  installOnlinePayments(hub.sqlite);
  const testProvider = options.paymentProvider === 'test' ? createTestPaymentProvider(hub.sqlite, publicUrl, clock) : undefined;
  const provider = testProvider ?? (typeof options.paymentProvider === 'object' ? options.paymentProvider : undefined);
  const payments = provider ? createOnlinePayments(hub, provider, clock, publicUrl) : undefined;
  if (testProvider) await app.register(testProvider.routes);
  if (payments) await app.register(paymentRoutes, { payments, reconcileEveryMs: options.reconcileEveryMs ?? 5 * 60_000 });
  await app.register(parentRoutes, { hub, clock, mailer, publicUrl, commune, activationDays: options.activationDays, payments });
  await app.register(authorityCommandRoutes, { hub, clock, requireDesk });
  await app.register(staffDeskRoutes, { hub, clock, requireDesk });
  await app.register(purgedAccountsPlugin, { hub, clock });
  await app.register(staffPortalRoutes, {
    hub,
    clock,
    mailer,
    publicUrl,
    commune,
    requireDesk,
    activationDays: options.activationDays,
  });
  // Online enrolment (sign-up, requests, documents, yearly file) and the e-mails of family messages: after any
  // write (a desk's push, a staff or parent command) a drain is scheduled once the response is sent.
  const enrolment = createEnrolmentHub({
    hub,
    dataDir: options.dataDir,
    clock,
    mailer,
    publicUrl,
    commune,
    requireDesk,
    activationDays: options.activationDays,
    mailEveryMs: options.mailEveryMs,
    log: (message, detail) => app.log.warn({ detail }, message),
  });
  await app.register(enrolment.routes);
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) enrolment.mails.schedule();
  });

  // The desk's installers and update manifests (electron-updater, generic provider).
  await registerUpdates(app, join(options.dataDir, 'updates'));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The parents' web app (out/portal-web) and its addresses; /api/* keeps JSON 404s.
  await servePortalWeb(app);

  return {
    app,
    hub,
    /** Sets the parents' address once known (e.g. after listening on an ephemeral port). */
    setPublicUrl: (url: string) => (publicUrlValue = url),
    payments,
    /** E-mails the family messages due now (tests; the hub also does it after writes and on a timer). */
    drainMessageMails: () => enrolment.mails.drain(),
  };
}
