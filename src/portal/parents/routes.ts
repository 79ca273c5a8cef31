// The parent API (portail famille): activation, login, sessions, and the parent's own household data.
// Every route after login authorises by household: the household id in the URL must be one of the session
// guardian's households, whatever ids a parent sends (else 404, which also hides whether it exists). Writes
// need the session's CSRF token in `x-csrf-token`. Commands run at the hub with a parent actor, so the same
// rules as the desks apply, plus the parent-only ones (deadlines cannot be overridden).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import { commandsByName } from '../../shared/commands';
import { audit } from '../../shared/commands/audit';
import { fillNewIds } from '../../shared/commands/newIds';
import { makeContext } from '../../shared/commands/context';
import type { Actor, Tx } from '../../shared/commands/types';
import {
  bookingEvents,
  bookings,
  children,
  enrolments,
  guardians,
  householdChildren,
  householdGuardians,
  households,
  regieSettings,
} from '../../shared/db/schema';
import { REGIE_SETTINGS_ID } from '../../shared/commands/billingSettings';
import { instantToParisDate } from '../../shared/domain/dates';
import { deadlineRuleFor } from '../../shared/domain/deadlines';
import { waitlistPosition } from '../../shared/domain/waitlist';
import { loadActivity } from '../../shared/commands/catalogue';
import { formatPhone, normalizePhone } from '../../shared/domain/validation';
import { listActivities, monthGrid } from '../../main/desk/reservations/queries';
import { bumpVersion, type HubDatabase } from '../hubDb';
import { invoicePdfFile } from '../../main/desk/billing/documents';
import { listInvoices } from '../../main/desk/billing/queries';
import type { OnlinePayments } from '../payments/onlinePayments';
import { runAtHub } from '../hubCommands';
import { createWriteTurns } from '../writeTurns';
import { mailWithLink, type Mailer } from '../mailer';
import {
  accountByLogin,
  accountOf,
  checkToken,
  clearLoginFailures,
  consumeToken,
  endAllSessions,
  endSession,
  issueToken,
  loginDelayMs,
  recordLoginFailure,
  upsertAccount,
} from './accounts';
import { hashPassword, passwordProblem, verifyPassword } from '../../shared/passwords';
import { parentActor, parentAuth, SESSION_COOKIE } from './session';

export interface ParentRoutesOptions {
  hub: HubDatabase;
  clock: () => Date;
  mailer?: Mailer;
  /** The address parents use, read when a link is made (known only once the server listens, in tests). */
  publicUrl: () => string;
  commune: () => string;
  /** Activation links are valid this long (default 14 days). */
  activationDays?: number;
  payments?: OnlinePayments;
}

const RESET_LIFETIME_MS = 2 * 3600 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    parent?: { guardianId: string; csrf: string; householdIds: string[]; actor: Actor };
  }
}

const householdParams = z.object({ householdId: z.string().min(1).max(64) });
const message = (text: string) => ({ error: 'refused', message: text });

/**
 * Runs a command created at the hub (a parent's, or an authority-only command asked by a desk): one write
 * transaction, a new hub version, the handler in a savepoint.
 */
export function runCreatedAtHub(hub: HubDatabase, actor: Actor, name: string, args: unknown, now: Date) {
  // The command is created here, at the hub: its new ids are fixed now, as a desk would when creating one.
  args = fillNewIds(args, commandsByName.get(name)?.newIds ?? [], randomUUID);
  return hub.sqlite
    .transaction(() => {
      bumpVersion(hub.sqlite);
      return runAtHub(hub, { commandId: randomUUID(), name, args, createdAt: now.toISOString(), actor, deskId: 'portail' }, now);
    })
    .immediate();
}

export function householdsOfGuardian(hub: HubDatabase, guardianId: string) {
  return (
    hub.db
      // `status`: 'pending' until the commune validates a family's own sign-up (the portal says so on every page).
      .select({ id: households.id, name: households.name, status: households.status })
      .from(householdGuardians)
      .innerJoin(households, eq(households.id, householdGuardians.householdId))
      .where(and(eq(householdGuardians.guardianId, guardianId), isNull(households.archivedAt)))
      .all()
  );
}

/** Writes an audit row for a hub-side action that is not a replicated command (account activation…). */
export function hubAudit(hub: HubDatabase, actor: Actor, now: Date, name: string, entry: Parameters<typeof audit>[3]) {
  hub.sqlite
    .transaction(() => {
      bumpVersion(hub.sqlite);
      const ctx = makeContext({ commandId: randomUUID(), now: now.toISOString(), actor, deskId: 'portail', where: 'hub' });
      audit(hub.db as unknown as Tx, ctx, name, entry);
    })
    .immediate();
}

export async function parentRoutes(app: FastifyInstance, options: ParentRoutesOptions) {
  const { hub, clock } = options;
  // Parents send small forms: anything over 256 KiB is refused (413) before it is parsed.
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= 256 * 1024;
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Secure cookies behind HTTPS (the public address says whether parents come over HTTPS).
  const secureCookie = () => options.publicUrl().startsWith('https://');

  const guardianRow = (guardianId: string) => hub.db.select().from(guardians).where(eq(guardians.id, guardianId)).get();

  const { authenticate, authorizeHousehold, openSession } = parentAuth(hub, clock, secureCookie);

  const link = (path: string) => new URL(path, options.publicUrl()).toString();

  // ——— Activation, login, password ———

  // Public: the commune's name, its contact details and logo (the régie settings), for every page's banner and
  // footer, before login too (nothing personal).
  api.get('/api/parent/info', async () => {
    const settings = hub.db.select().from(regieSettings).where(eq(regieSettings.id, REGIE_SETTINGS_ID)).get();
    const phoneE164 = settings?.phone ? normalizePhone(settings.phone) : undefined;
    return {
      commune: options.commune(),
      contact: settings
        ? {
            name: settings.regieName || settings.communeName,
            addressLine1: settings.addressLine1,
            addressLine2: settings.addressLine2,
            postalCode: settings.postalCode,
            city: settings.city,
            phone: phoneE164 ? formatPhone(phoneE164) : settings.phone,
            phoneHref: phoneE164 ? `tel:${phoneE164}` : '',
            email: settings.email,
            officeHours: settings.officeHours,
          }
        : null,
      // Only a raster image data URL is shown (the régie settings keep PNG or JPEG).
      logo: /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(settings?.logo ?? '') ? settings!.logo : '',
    };
  });

  api.get(
    '/api/parent/activation/:token',
    { schema: { params: z.object({ token: z.string().min(8).max(100) }) } },
    async (request, reply) => {
      const check = checkToken(hub.sqlite, request.params.token, ['activation', 'letter', 'reset'], clock());
      if (!check.ok) return reply.code(410).send(message(check.message));
      const g = guardianRow(check.guardianId);
      return {
        firstName: g?.firstName ?? '',
        lastName: g?.lastName ?? '',
        kind: check.kind,
        login: accountOf(hub.sqlite, check.guardianId)?.login ?? '',
      };
    },
  );

  api.post(
    '/api/parent/activate',
    {
      schema: { body: z.object({ token: z.string().min(8).max(100), password: z.string().max(200) }) },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const now = clock();
      const check = checkToken(hub.sqlite, request.body.token, ['activation', 'letter', 'reset'], now);
      if (!check.ok) return reply.code(410).send(message(check.message));
      const account = accountOf(hub.sqlite, check.guardianId);
      const g = guardianRow(check.guardianId);
      if (!account || account.state === 'revoked' || !g)
        return reply.code(410).send(message('Cet accès a été révoqué : contactez la mairie.'));
      const problem = passwordProblem(request.body.password, {
        email: account.email,
        firstName: g.firstName,
        lastName: g.lastName,
      });
      if (problem) return reply.code(400).send({ error: 'weak_password', message: problem });
      const hash = await hashPassword(request.body.password);
      hub.sqlite.transaction(() => {
        consumeToken(hub.sqlite, request.body.token, check.kind, now);
        upsertAccount(
          hub.sqlite,
          check.guardianId,
          { password_hash: hash, state: 'active', activated_at: account.activated_at ?? now.toISOString() },
          now,
        );
        endAllSessions(hub.sqlite, check.guardianId);
      })();
      const householdIds = householdsOfGuardian(hub, check.guardianId).map((h) => h.id);
      hubAudit(
        hub,
        parentActor(hub, check.guardianId, householdIds),
        now,
        check.kind === 'reset' ? 'portal.passwordReset' : 'portal.activate',
        {
          entity: 'guardian',
          entityId: check.guardianId,
          householdId: householdIds[0] ?? null,
          reason: 'Modifié par la famille',
        },
      );
      return { csrf: openSession(reply, check.guardianId, now) };
    },
  );

  api.post(
    '/api/parent/login',
    {
      schema: {
        body: z.object({
          login: z.string().trim().min(1, { error: 'Identifiant obligatoire.' }).max(254),
          password: z.string().min(1).max(200),
        }),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const now = clock();
      const key = request.body.login.toLowerCase();
      const delay = loginDelayMs(hub.sqlite, key);
      const last = hub.sqlite.prepare('SELECT last_at FROM _hub_login_failures WHERE key = ?').get(key) as
        { last_at: string } | undefined;
      if (delay > 0 && last && now.getTime() - Date.parse(last.last_at) < delay) {
        const seconds = Math.ceil((delay - (now.getTime() - Date.parse(last.last_at))) / 1000);
        return reply
          .code(429)
          .header('retry-after', seconds)
          .send(message(`Trop de tentatives : réessayez dans ${seconds} s.`));
      }
      const account = accountByLogin(hub.sqlite, key);
      const valid = account?.password_hash ? await verifyPassword(request.body.password, account.password_hash) : false;
      if (!account || !valid) {
        recordLoginFailure(hub.sqlite, key, now);
        return reply.code(401).send(message('Identifiant ou mot de passe incorrect.'));
      }
      clearLoginFailures(hub.sqlite, key);
      return { csrf: openSession(reply, account.guardian_id, now) };
    },
  );

  api.post('/api/parent/logout', async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id) endSession(hub.sqlite, id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.post(
    '/api/parent/password/forgot',
    {
      schema: { body: z.object({ login: z.string().trim().min(1).max(254) }) },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => {
      // Same answer whether the account exists or not: nobody learns who has an account.
      const account = accountByLogin(hub.sqlite, request.body.login);
      if (account?.email && options.mailer) {
        const token = issueToken(hub.sqlite, account.guardian_id, 'reset', clock(), RESET_LIFETIME_MS);
        await options.mailer.send(
          mailWithLink(
            account.email,
            'Espace famille : nouveau mot de passe',
            [
              'Vous avez demandé à changer le mot de passe de votre espace famille.',
              'Ce lien est valable 2 heures. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
            ],
            { label: 'Choisir un nouveau mot de passe', url: link(`/activer/${token}`) },
            options.commune(),
          ),
        );
      }
      return { ok: true, message: 'Si un compte correspond, un e-mail vient d’être envoyé.' };
    },
  );

  // ——— The parent's space ———

  api.get('/api/parent/session', { onRequest: authenticate }, async (request) => {
    const g = guardianRow(request.parent!.guardianId)!;
    return {
      csrf: request.parent!.csrf,
      guardian: { id: g.id, civility: g.civility, firstName: g.firstName, lastName: g.lastName, email: g.email },
      households: householdsOfGuardian(hub, g.id),
      commune: options.commune(),
    };
  });

  api.get(
    '/api/parent/households/:householdId/dashboard',
    { onRequest: [authenticate, authorizeHousehold], schema: { params: householdParams } },
    async (request) => {
      const { householdId } = request.params;
      const today = instantToParisDate(clock().toISOString());
      const kids = childrenOf(householdId);
      const upcoming = hub.db
        .select({ booking: bookings, firstName: children.firstName })
        .from(bookings)
        .innerJoin(children, eq(children.id, bookings.childId))
        .where(
          and(
            eq(bookings.householdId, householdId),
            gte(bookings.date, today),
            inArray(bookings.status, ['booked', 'waitlisted']),
          ),
        )
        .orderBy(bookings.date)
        .limit(200)
        .all();
      const units = new Map(
        listActivities(hub.db).flatMap((a) => a.units.map((u) => [u.id, { unit: u.name, activity: a.name }] as const)),
      );
      const promotions = hub.db
        .select()
        .from(bookingEvents)
        .where(eq(bookingEvents.householdId, householdId))
        .orderBy(bookingEvents.at)
        .all();
      return {
        children: kids,
        nextBookings: upcoming
          .filter((r) => r.booking.status === 'booked')
          .slice(0, 10)
          .map((r) => ({ bookingId: r.booking.id, date: r.booking.date, child: r.firstName, ...units.get(r.booking.unitId) })),
        waitlisted: upcoming
          .filter((r) => r.booking.status === 'waitlisted')
          .map((r) => ({
            bookingId: r.booking.id,
            date: r.booking.date,
            child: r.firstName,
            position: waitlistPositionOf(r.booking),
            ...units.get(r.booking.unitId),
          })),
        promotions: promotions.slice(-5).map((p) => ({ at: p.at, bookingId: p.bookingId })),
        messages: [] as { title: string; body: string }[],
      };
    },
  );

  /** 1-based place of a waitlisted booking in its slot's FIFO queue (same order as the hub's promotions). */
  const waitlistPositionOf = (booking: typeof bookings.$inferSelect) =>
    waitlistPosition(
      hub.db
        .select({ id: bookings.id, requestedAt: bookings.requestedAt })
        .from(bookings)
        .where(
          and(
            eq(bookings.unitId, booking.unitId),
            eq(bookings.groupId, booking.groupId),
            eq(bookings.date, booking.date),
            eq(bookings.status, 'waitlisted'),
          ),
        )
        .all(),
      booking.id,
    );

  const childrenOf = (householdId: string) =>
    hub.db
      .select({
        id: children.id,
        firstName: children.firstName,
        lastName: children.lastName,
        birthDate: children.birthDate,
        schoolLevel: children.schoolLevel,
      })
      .from(householdChildren)
      .innerJoin(children, eq(children.id, householdChildren.childId))
      .where(eq(householdChildren.householdId, householdId))
      .orderBy(children.birthDate)
      .all();

  api.get(
    '/api/parent/households/:householdId/activities',
    { onRequest: [authenticate, authorizeHousehold], schema: { params: householdParams } },
    async (request) => {
      const kids = childrenOf(request.params.householdId);
      const activities = listActivities(hub.db);
      const rows = kids.length
        ? hub.db
            .select()
            .from(enrolments)
            .where(
              inArray(
                enrolments.childId,
                kids.map((k) => k.id),
              ),
            )
            .all()
        : [];
      return {
        children: kids.map((k) => ({
          ...k,
          enrolments: rows
            .filter((e) => e.childId === k.id)
            .map((e) => {
              const a = activities.find((x) => x.id === e.activityId);
              return {
                id: e.id,
                fromDate: e.fromDate,
                toDate: e.toDate,
                tariffCategory: e.tariffCategory,
                activity: a && {
                  id: a.id,
                  name: a.name,
                  kind: a.kind,
                  bookingRule: a.bookingRuleText,
                  cancellationRule: a.cancellationRuleText,
                  // The rules themselves, for the page's plain-French explanation with an example.
                  bookingDeadline: deadlineRuleFor(a.deadlines, 'booking'),
                  cancellationDeadline: deadlineRuleFor(a.deadlines, 'cancellation'),
                  units: a.units.map((u) => ({ id: u.id, name: u.name, startTime: u.startTime, endTime: u.endTime })),
                },
              };
            }),
        })),
      };
    },
  );

  api.get(
    '/api/parent/households/:householdId/reservations',
    {
      onRequest: [authenticate, authorizeHousehold],
      schema: {
        params: householdParams,
        querystring: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Mois invalide (AAAA-MM).' }) }),
      },
    },
    async (request) => {
      const now = clock().toISOString();
      const grid = monthGrid(hub.db, hub.sqlite, request.params.householdId, request.query.month, now);
      if (!grid) return grid;
      // The hub's "now" and each activity's rules, so the page can say "modifiable jusqu'au mardi 10 mars à 10h"
      // for every day with the hub's clock (the cells' bookingClosed / cancellationClosed flags stay the authority).
      return {
        ...grid,
        now,
        children: grid.children.map((child) => ({
          ...child,
          activities: child.activities.map((activity) => {
            const deadlines = loadActivity(hub.db, activity.activityId)?.deadlines;
            return {
              ...activity,
              bookingRule: deadlines ? deadlineRuleFor(deadlines, 'booking') : null,
              cancellationRule: deadlines ? deadlineRuleFor(deadlines, 'cancellation') : null,
            };
          }),
        })),
      };
    },
  );

  const bookingTurn = createWriteTurns();
  const bookingBody = z.object({
    childId: z.string().min(1).max(64),
    items: z
      .array(z.object({ unitId: z.string().min(1).max(64), date: z.string().max(10) }))
      .min(1)
      .max(400),
  });

  api.post(
    '/api/parent/households/:householdId/bookings',
    { onRequest: [authenticate, authorizeHousehold], schema: { params: householdParams, body: bookingBody } },
    async (request, reply) => {
      // Bookings take turns in arrival order, one per event-loop turn (see writeTurns.ts): a rush stays fair.
      const result = await bookingTurn(() =>
        runCreatedAtHub(
          hub,
          request.parent!.actor,
          'booking.book',
          { householdId: request.params.householdId, ...request.body },
          clock(),
        ),
      );
      if (!result.ok)
        return reply
          .code(result.code === 'notFound' ? 404 : 400)
          .send({ error: result.code, message: result.message, fieldErrors: result.fieldErrors });
      return result;
    },
  );

  api.post(
    '/api/parent/households/:householdId/cancellations',
    {
      onRequest: [authenticate, authorizeHousehold],
      schema: { params: householdParams, body: z.object({ bookingIds: z.array(z.string().min(1).max(200)).min(1).max(400) }) },
    },
    async (request, reply) => {
      // Only bookings of this household: a parent never touches another household's rows, whatever ids they send.
      const own = hub.db
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.householdId, request.params.householdId), inArray(bookings.id, request.body.bookingIds)))
        .all();
      if (own.length !== new Set(request.body.bookingIds).size)
        return reply.code(404).send({ error: 'notFound', message: 'Réservation introuvable.' });
      const result = runCreatedAtHub(
        hub,
        request.parent!.actor,
        'booking.cancel',
        { bookingIds: request.body.bookingIds, reason: 'standard' },
        clock(),
      );
      if (!result.ok) return reply.code(400).send({ error: result.code, message: result.message });
      return result;
    },
  );

  // ——— Invoices and online payment ———

  const invoiceParams = householdParams.extend({ invoiceId: z.string().min(1).max(64) });
  const today = () => instantToParisDate(clock().toISOString());
  const invoiceOf = (householdId: string, invoiceId: string) =>
    listInvoices(hub.db, { householdId }, today()).find((i) => i.invoiceId === invoiceId);

  api.get(
    '/api/parent/households/:householdId/invoices',
    { onRequest: [authenticate, authorizeHousehold], schema: { params: householdParams } },
    async (request) => {
      const rows = listInvoices(hub.db, { householdId: request.params.householdId }, today());
      return {
        invoices: rows
          .sort((a, b) => (a.issueDate < b.issueDate ? 1 : -1))
          .map((i) => ({
            id: i.invoiceId,
            number: i.number,
            month: i.month,
            issuedOn: i.issueDate,
            dueOn: i.dueDate,
            totalCents: i.totalCents,
            paidCents: i.paidCents + i.creditedCents,
            dueCents: i.openCents,
            status: i.openCents > 0 && i.dueDate < today() ? 'overdue' : i.status,
          })),
        onlinePayment: Boolean(options.payments),
      };
    },
  );

  api.get(
    '/api/parent/households/:householdId/invoices/:invoiceId/pdf',
    { onRequest: [authenticate, authorizeHousehold], schema: { params: invoiceParams } },
    async (request, reply) => {
      if (!invoiceOf(request.params.householdId, request.params.invoiceId))
        return reply.code(404).send({ error: 'notFound', message: 'Facture introuvable.' });
      const file = await invoicePdfFile(hub.db, request.params.invoiceId, today());
      if (!file) return reply.code(404).send({ error: 'notFound', message: 'Facture introuvable.' });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.base64, 'base64'));
    },
  );

  api.post(
    '/api/parent/households/:householdId/invoices/:invoiceId/pay',
    { onRequest: [authenticate, authorizeHousehold], schema: { params: invoiceParams } },
    async (request, reply) => {
      if (!options.payments)
        return reply.code(503).send({ error: 'noProvider', message: 'Le paiement en ligne n’est pas disponible.' });
      if (!invoiceOf(request.params.householdId, request.params.invoiceId))
        return reply.code(404).send({ error: 'notFound', message: 'Facture introuvable.' });
      const g = guardianRow(request.parent!.guardianId);
      const started = await options.payments.start(request.params.householdId, [request.params.invoiceId], g?.email ?? '');
      if (!started.ok) return reply.code(409).send({ error: 'notPayable', message: started.message });
      return { redirectUrl: started.redirectUrl };
    },
  );

  api.get('/api/parent/contact', { onRequest: authenticate }, async (request) => {
    const g = guardianRow(request.parent!.guardianId)!;
    return {
      guardianId: g.id,
      addressLine1: g.addressLine1,
      addressLine2: g.addressLine2,
      postalCode: g.postalCode,
      city: g.city,
      mobilePhone: formatPhone(g.mobilePhone),
      homePhone: formatPhone(g.homePhone),
      workPhone: formatPhone(g.workPhone),
      email: g.email,
    };
  });

  api.put(
    '/api/parent/contact',
    {
      onRequest: authenticate,
      schema: {
        body: z.object({
          addressLine1: z.string().max(300),
          addressLine2: z.string().max(300),
          postalCode: z.string().max(20),
          city: z.string().max(150),
          mobilePhone: z.string().max(40),
          homePhone: z.string().max(40),
          workPhone: z.string().max(40),
          email: z.string().max(300),
        }),
      },
    },
    async (request, reply) => {
      const result = runCreatedAtHub(
        hub,
        request.parent!.actor,
        'contact.updateByParent',
        { ...request.body, guardianId: request.parent!.guardianId },
        clock(),
      );
      if (!result.ok)
        return reply.code(400).send({ error: result.code, message: result.message, fieldErrors: result.fieldErrors });
      return result;
    },
  );
}
