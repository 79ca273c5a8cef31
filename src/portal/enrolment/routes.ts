// Online enrolment on the hub (issue #8), wired in one place: the families' sign-up, enrolment requests,
// documents and yearly file (parent API), staff access to documents (desk API), the document store under
// `<data>/documents/`, and the dispatcher that e-mails the commune's messages to families.
import { join } from 'node:path';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { HubDatabase } from '../hubDb';
import type { Mailer } from '../mailer';
import { createDocumentStorage } from './documentStorage';
import { createMessageMails } from './messageMails';
import { parentEnrolmentRoutes } from './parentEnrolment';
import { signUpRoutes } from './signUp';
import { staffDocumentRoutes } from './staffDocuments';

export interface EnrolmentHubOptions {
  hub: HubDatabase;
  dataDir: string;
  clock: () => Date;
  mailer?: Mailer;
  publicUrl: () => string;
  commune: () => string;
  requireDesk: preHandlerAsyncHookHandler;
  /** Sign-up links are valid this long (default 14 days, like activation links). */
  activationDays?: number;
  /** How often the mail dispatcher looks for messages to send or retry (default 1 minute). */
  mailEveryMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

export function createEnrolmentHub(options: EnrolmentHubOptions) {
  const storage = createDocumentStorage(join(options.dataDir, 'documents'));
  const mails = createMessageMails({
    hub: options.hub,
    mailer: options.mailer,
    clock: options.clock,
    publicUrl: options.publicUrl,
    commune: options.commune,
    everyMs: options.mailEveryMs,
    log: options.log,
  });
  const afterWrite = () => mails.schedule();
  // Files whose row is gone (a household purged under RGPD, a crash between storing and recording): at start-up
  // and every 6 hours.
  const referenced = options.hub.sqlite.prepare('SELECT 1 FROM documents WHERE storage_key = ? LIMIT 1').pluck();
  const sweepOrphans = () =>
    storage
      .sweepUnreferenced((key) => referenced.get(key) !== undefined, options.clock())
      .then((n) => (n > 0 ? options.log?.('documents sweep', { removed: n }) : undefined))
      .catch((error: unknown) => options.log?.('documents sweep failed', { error: String(error) }));

  async function routes(app: FastifyInstance) {
    // Closed before the hub's database (onClose hooks run children first).
    app.addHook('onClose', async () => mails.close());
    void sweepOrphans();
    const sweepTimer = setInterval(() => void sweepOrphans(), 6 * 3600_000);
    sweepTimer.unref();
    app.addHook('onClose', async () => clearInterval(sweepTimer));
    // Parents send small forms (the document upload is multipart, streamed and limited on its own).
    app.addHook('onRoute', (route) => {
      route.bodyLimit ??= 256 * 1024;
    });
    await app.register(signUpRoutes, {
      hub: options.hub,
      clock: options.clock,
      mailer: options.mailer,
      publicUrl: options.publicUrl,
      commune: options.commune,
      lifetimeDays: options.activationDays,
      afterWrite,
    });
    await app.register(parentEnrolmentRoutes, {
      hub: options.hub,
      clock: options.clock,
      publicUrl: options.publicUrl,
      storage,
      afterWrite,
    });
    await app.register(staffDocumentRoutes, {
      hub: options.hub,
      clock: options.clock,
      storage,
      requireDesk: options.requireDesk,
    });
  }

  return { routes, storage, mails };
}
