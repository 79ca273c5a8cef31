// Demandes d'inscription: a family asks, from the portal, for a child's enrolment in an activity for a period;
// staff accept (the enrolment is created with the rules of `enrolment.create`), refuse with a reason or put it
// on the activity's enrolment waiting list; the family may withdraw it while undecided. At the hub, an activity
// with automatic acceptance accepts by itself, for a household the mairie has validated, when every required
// document is valid and places remain — at once, or later when the last document or the household is
// validated (autoAcceptPending); when the activity's enrolment capacity is reached the request goes on the
// waiting list. Capacity counts the children enrolled in the activity at some point of the requested period.
import { and, count, eq, gte, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import { activities, enrolmentRequests, enrolments, households, tariffCategories } from '../db/schema';
import { requiredDocuments } from '../domain/enrolment';
import { isoDate, optionalText, required } from '../domain/validation';
import { fail, ok, type Result } from '../result';
import { enrolmentCreate, overlappingEnrolment } from './activities';
import { audit } from './audit';
import { frenchDate, postFamilyMessage, staffOnly } from './familyMessages';
import { childOfHousehold, parentMayAct } from './reservations';
import { defineCommand, type CommandContext, type Tx } from './types';

const id = z.string().min(1).max(64);

type Request = typeof enrolmentRequests.$inferSelect;
type Activity = typeof activities.$inferSelect;

export const AUTO_ACCEPT_NAME = 'Acceptation automatique';

/** Children enrolled in the activity on some day of [fromDate, toDate]. */
export function enrolledCount(tx: Tx, activityId: string, fromDate: string, toDate: string): number {
  const [row] = tx
    .select({ n: count() })
    .from(enrolments)
    .where(and(eq(enrolments.activityId, activityId), lte(enrolments.fromDate, toDate), gte(enrolments.toDate, fromDate)))
    .all();
  return Number(row?.n ?? 0);
}

function isFull(tx: Tx, activity: Activity, fromDate: string, toDate: string): boolean {
  return activity.enrolmentCapacity !== null && enrolledCount(tx, activity.id, fromDate, toDate) >= activity.enrolmentCapacity;
}

function period(r: { fromDate: string; toDate: string }) {
  return `du ${frenchDate(r.fromDate)} au ${frenchDate(r.toDate)}`;
}

function loadRequest(tx: Tx, requestId: string) {
  const request = tx.select().from(enrolmentRequests).where(eq(enrolmentRequests.id, requestId)).get();
  if (!request) return undefined;
  const activity = tx.select().from(activities).where(eq(activities.id, request.activityId)).get()!;
  const child = childOfHousehold(tx, request.householdId, request.childId);
  return { request, activity, childName: child?.firstName ?? 'votre enfant' };
}

function undecided(request: Request): boolean {
  return request.status === 'pending' || request.status === 'waitlisted';
}

const statusLabel: Record<Request['status'], string> = {
  pending: 'en attente',
  accepted: 'acceptée',
  refused: 'refusée',
  waitlisted: "sur liste d'attente",
  cancelled: 'annulée',
};

function decide(
  tx: Tx,
  ctx: CommandContext,
  request: Request,
  set: Partial<Pick<Request, 'status' | 'reason' | 'enrolmentId'>>,
  decidedBy = ctx.actor.name,
) {
  tx.update(enrolmentRequests)
    .set({ ...set, decidedAt: ctx.now, decidedBy, updatedAt: ctx.now })
    .where(eq(enrolmentRequests.id, request.id))
    .run();
}

/** Creates the enrolment of an accepted request (`enrolment.create`'s rules) and marks the request accepted. */
function acceptRequest(
  tx: Tx,
  ctx: CommandContext,
  request: Request,
  fields: { enrolmentId: string; tariffCategory: (typeof tariffCategories)[number]; groupId: string | null; reason: string },
  decidedBy: string,
): Result<{ enrolmentId: string }> {
  const created = enrolmentCreate.handler(
    tx,
    {
      enrolmentId: fields.enrolmentId,
      childId: request.childId,
      activityId: request.activityId,
      fromDate: request.fromDate,
      toDate: request.toDate,
      tariffCategory: fields.tariffCategory,
      groupId: fields.groupId,
    },
    ctx,
  );
  if (!created.ok) return created;
  decide(tx, ctx, request, { status: 'accepted', enrolmentId: fields.enrolmentId, reason: fields.reason }, decidedBy);
  return created;
}

/** Every document `requiredDocuments` asks for the child and the activity is valid today. */
function documentsComplete(tx: Tx, ctx: CommandContext, request: Pick<Request, 'householdId' | 'childId' | 'activityId'>) {
  return requiredDocuments(tx, request.householdId, request.childId, request.activityId, ctx.today).every(
    (d) => d.state === 'validated',
  );
}

function acceptedMessage(tx: Tx, ctx: CommandContext, request: Request, childName: string, activityName: string) {
  postFamilyMessage(
    tx,
    ctx,
    request.householdId,
    'Inscription acceptée',
    `Bonjour,\n\nL'inscription de ${childName} à « ${activityName} » ${period(request)} est acceptée. Vous pouvez réserver depuis votre espace famille.`,
  );
}

/** Accepts a request by the hub's rule (resident tariff, group from the school level), audited and announced. */
function acceptAutomatically(
  tx: Tx,
  ctx: CommandContext,
  request: Request,
  enrolmentId: string,
  childName: string,
  activityName: string,
): Result<{ enrolmentId: string }> {
  const result = acceptRequest(
    tx,
    ctx,
    request,
    { enrolmentId, tariffCategory: 'resident', groupId: null, reason: '' },
    AUTO_ACCEPT_NAME,
  );
  if (!result.ok) return result;
  audit(tx, ctx, 'enrolmentRequest.accept', {
    entity: 'child',
    entityId: request.childId,
    householdId: request.householdId,
    changes: { activity: activityName, status: [request.status, 'accepted'] },
    reason: AUTO_ACCEPT_NAME,
  });
  acceptedMessage(tx, ctx, request, childName, activityName);
  return result;
}

/**
 * The hub's automatic acceptance, run again when something it waits for arrives (a document validated, the
 * household validated): the household's pending requests for activities that accept automatically, oldest
 * first, are accepted while their documents are complete and places remain. The enrolment id derives from the
 * request id (one enrolment per request), so the hub's re-run of the command writes the same rows.
 * Only at the hub: a desk does not know how many places remain. Returns the accepted request ids.
 */
export function autoAcceptPending(tx: Tx, ctx: CommandContext, householdId: string): string[] {
  if (ctx.where !== 'hub') return [];
  const household = tx.select({ status: households.status }).from(households).where(eq(households.id, householdId)).get();
  if (household?.status !== 'active') return [];
  const pending = tx
    .select()
    .from(enrolmentRequests)
    .where(and(eq(enrolmentRequests.householdId, householdId), eq(enrolmentRequests.status, 'pending')))
    .orderBy(enrolmentRequests.requestedAt, enrolmentRequests.id)
    .all();
  const accepted: string[] = [];
  for (const request of pending) {
    const loaded = loadRequest(tx, request.id)!;
    if (!loaded.activity.autoAccept || loaded.activity.archivedAt) continue;
    if (isFull(tx, loaded.activity, request.fromDate, request.toDate) || !documentsComplete(tx, ctx, request)) continue;
    const result = acceptAutomatically(tx, ctx, request, `${request.id}:auto`, loaded.childName, loaded.activity.name);
    if (result.ok) accepted.push(request.id); // else (an enrolment staff created meanwhile) it waits for staff
  }
  return accepted;
}

export const enrolmentRequestSubmit = defineCommand({
  name: 'enrolmentRequest.submit',
  kind: 'request',
  newIds: ['requestId', 'enrolmentId'],
  input: z
    .object({
      requestId: id,
      householdId: id,
      childId: id,
      activityId: id,
      fromDate: isoDate,
      toDate: isoDate,
      /** Used only when the hub accepts the request at once. */
      enrolmentId: id,
    })
    .refine((r) => r.toDate >= r.fromDate, { path: ['toDate'], error: 'La fin suit le début.' }),
  handler(tx, input, ctx): Result<{ requestId: string; status: Request['status']; enrolmentId: string | null }> {
    const isParent = ctx.actor.kind === 'parent';
    if (isParent && !parentMayAct(ctx, input.householdId)) return fail('notFound', 'Foyer introuvable.');
    if (input.toDate < ctx.today) return fail('invalid', 'Cette période est déjà passée.', { toDate: 'Date passée.' });
    const household = tx.select().from(households).where(eq(households.id, input.householdId)).get();
    if (!household) return fail('notFound', 'Foyer introuvable.');
    if (household.archivedAt) return fail('conflict', 'Ce foyer est archivé.');
    const child = childOfHousehold(tx, input.householdId, input.childId);
    if (!child) return fail('notFound', "Cet enfant n'appartient pas à ce foyer.");
    const activity = tx.select().from(activities).where(eq(activities.id, input.activityId)).get();
    if (!activity || activity.archivedAt) return fail('notFound', "Cette activité n'est plus proposée.");
    if (!activity.onlineEnrolment)
      return fail('conflict', `L'inscription à « ${activity.name} » se fait à l'accueil de la mairie, pas en ligne.`);
    if (tx.select({ id: enrolmentRequests.id }).from(enrolmentRequests).where(eq(enrolmentRequests.id, input.requestId)).get())
      return fail('conflict', 'Cette demande existe déjà.');
    const overlapping = tx
      .select({ status: enrolmentRequests.status })
      .from(enrolmentRequests)
      .where(
        and(
          eq(enrolmentRequests.childId, input.childId),
          eq(enrolmentRequests.activityId, input.activityId),
          inArray(enrolmentRequests.status, ['pending', 'waitlisted', 'accepted']),
          lte(enrolmentRequests.fromDate, input.toDate),
          gte(enrolmentRequests.toDate, input.fromDate),
        ),
      )
      .get();
    if (overlapping && overlapping.status !== 'accepted')
      return fail(
        'conflict',
        `Une demande d'inscription de ${child.firstName} à « ${activity.name} » est déjà ${statusLabel[overlapping.status]} sur cette période.`,
      );
    const enrolled = overlappingEnrolment(tx, input);
    if (enrolled || overlapping)
      return fail('conflict', `${child.firstName} est déjà inscrit(e) à « ${activity.name} » sur cette période.`);

    tx.insert(enrolmentRequests)
      .values({
        id: input.requestId,
        householdId: input.householdId,
        childId: input.childId,
        activityId: input.activityId,
        fromDate: input.fromDate,
        toDate: input.toDate,
        status: 'pending',
        requestedAt: ctx.now,
        requestedBy: ctx.actor.name,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .run();
    audit(tx, ctx, 'enrolmentRequest.submit', {
      entity: 'child',
      entityId: input.childId,
      householdId: input.householdId,
      changes: { activity: activity.name, fromDate: input.fromDate, toDate: input.toDate },
      reason: isParent ? 'Demandé par la famille' : '',
    });
    const request = tx.select().from(enrolmentRequests).where(eq(enrolmentRequests.id, input.requestId)).get()!;
    const result = (status: Request['status'], enrolmentId: string | null = null) => ({
      requestId: input.requestId,
      status,
      enrolmentId,
    });

    // The hub's rules: only the authority knows how many places remain.
    if (ctx.where !== 'hub') return ok(result('pending'));
    if (isFull(tx, activity, input.fromDate, input.toDate)) {
      decide(tx, ctx, request, { status: 'waitlisted' }, "Liste d'attente automatique");
      const message = `Les inscriptions à « ${activity.name} » sont complètes : la demande de ${child.firstName} est sur liste d'attente.`;
      postFamilyMessage(
        tx,
        ctx,
        input.householdId,
        "Demande d'inscription sur liste d'attente",
        `Bonjour,\n\n${message} Vous recevrez un message si une place se libère.`,
      );
      return ok(result('waitlisted'), { outcome: 'modified', message });
    }
    // Automatic acceptance: a household the mairie has validated, every required document valid today.
    if (activity.autoAccept && household.status === 'active') {
      if (documentsComplete(tx, ctx, request)) {
        const accepted = acceptAutomatically(tx, ctx, request, input.enrolmentId, child.firstName, activity.name);
        if (!accepted.ok) return accepted;
        return ok(result('accepted', input.enrolmentId), {
          outcome: 'accepted',
          message: `Inscription de ${child.firstName} à « ${activity.name} » acceptée.`,
        });
      }
    }
    return ok(result('pending'));
  },
});

export const enrolmentRequestAccept = defineCommand({
  name: 'enrolmentRequest.accept',
  kind: 'request',
  newIds: ['enrolmentId'],
  input: z
    .object({
      requestId: id,
      enrolmentId: id,
      tariffCategory: z.enum(tariffCategories).default('resident'),
      groupId: id.nullable().default(null),
      /** Beyond the activity's enrolment capacity, with a reason. */
      force: z.boolean().default(false),
      reason: optionalText(300),
    })
    .refine((a) => !a.force || a.reason !== '', { path: ['reason'], error: 'Indiquez le motif du dépassement.' }),
  handler(tx, input, ctx): Result<{ enrolmentId: string }> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const loaded = loadRequest(tx, input.requestId);
    if (!loaded) return fail('notFound', 'Demande introuvable.');
    const { request, activity, childName } = loaded;
    if (!undecided(request)) return fail('conflict', `Cette demande est déjà ${statusLabel[request.status]}.`);
    if (!input.force && isFull(tx, activity, request.fromDate, request.toDate))
      return fail(
        'full',
        `« ${activity.name} » est complet (${activity.enrolmentCapacity} inscrits) : mettez la demande sur liste d'attente, ou forcez avec un motif.`,
      );
    const accepted = acceptRequest(
      tx,
      ctx,
      request,
      { enrolmentId: input.enrolmentId, tariffCategory: input.tariffCategory, groupId: input.groupId, reason: input.reason },
      ctx.actor.name,
    );
    if (!accepted.ok) return accepted;
    audit(tx, ctx, 'enrolmentRequest.accept', {
      entity: 'child',
      entityId: request.childId,
      householdId: request.householdId,
      changes: { activity: activity.name, status: [request.status, 'accepted'], forced: input.force },
      reason: input.reason,
    });
    acceptedMessage(tx, ctx, request, childName, activity.name);
    return accepted;
  },
});

export const enrolmentRequestRefuse = defineCommand({
  name: 'enrolmentRequest.refuse',
  kind: 'request',
  input: z.object({ requestId: id, reason: required(500) }),
  handler(tx, input, ctx): Result<null> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const loaded = loadRequest(tx, input.requestId);
    if (!loaded) return fail('notFound', 'Demande introuvable.');
    const { request, activity, childName } = loaded;
    if (!undecided(request)) return fail('conflict', `Cette demande est déjà ${statusLabel[request.status]}.`);
    decide(tx, ctx, request, { status: 'refused', reason: input.reason });
    audit(tx, ctx, 'enrolmentRequest.refuse', {
      entity: 'child',
      entityId: request.childId,
      householdId: request.householdId,
      changes: { activity: activity.name, status: [request.status, 'refused'] },
      reason: input.reason,
    });
    postFamilyMessage(
      tx,
      ctx,
      request.householdId,
      "Demande d'inscription refusée",
      `Bonjour,\n\nLa demande d'inscription de ${childName} à « ${activity.name} » ${period(request)} est refusée, pour le motif suivant : ${input.reason}`,
    );
    return ok(null);
  },
});

export const enrolmentRequestWaitlist = defineCommand({
  name: 'enrolmentRequest.waitlist',
  kind: 'request',
  input: z.object({ requestId: id }),
  handler(tx, input, ctx): Result<null> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const loaded = loadRequest(tx, input.requestId);
    if (!loaded) return fail('notFound', 'Demande introuvable.');
    const { request, activity, childName } = loaded;
    if (request.status !== 'pending') return fail('conflict', `Cette demande est déjà ${statusLabel[request.status]}.`);
    decide(tx, ctx, request, { status: 'waitlisted' });
    audit(tx, ctx, 'enrolmentRequest.waitlist', {
      entity: 'child',
      entityId: request.childId,
      householdId: request.householdId,
      changes: { activity: activity.name, status: ['pending', 'waitlisted'] },
    });
    postFamilyMessage(
      tx,
      ctx,
      request.householdId,
      "Demande d'inscription sur liste d'attente",
      `Bonjour,\n\nLes inscriptions à « ${activity.name} » sont complètes : la demande de ${childName} ${period(request)} est sur liste d'attente. Vous recevrez un message si une place se libère.`,
    );
    return ok(null);
  },
});

export const enrolmentRequestCancel = defineCommand({
  name: 'enrolmentRequest.cancel',
  kind: 'request',
  input: z.object({ requestId: id }),
  handler(tx, input, ctx): Result<null> {
    const loaded = loadRequest(tx, input.requestId);
    if (!loaded || (ctx.actor.kind === 'parent' && !parentMayAct(ctx, loaded.request.householdId)))
      return fail('notFound', 'Demande introuvable.');
    const { request, activity } = loaded;
    if (!undecided(request)) return fail('conflict', `Cette demande est déjà ${statusLabel[request.status]}.`);
    tx.update(enrolmentRequests)
      .set({ status: 'cancelled', updatedAt: ctx.now })
      .where(eq(enrolmentRequests.id, request.id))
      .run();
    audit(tx, ctx, 'enrolmentRequest.cancel', {
      entity: 'child',
      entityId: request.childId,
      householdId: request.householdId,
      changes: { activity: activity.name, status: [request.status, 'cancelled'] },
      reason: ctx.actor.kind === 'parent' ? 'Retirée par la famille' : '',
    });
    return ok(null);
  },
});

export const enrolmentRequestCommands = [
  enrolmentRequestSubmit,
  enrolmentRequestAccept,
  enrolmentRequestRefuse,
  enrolmentRequestWaitlist,
  enrolmentRequestCancel,
] as const;
