// The parent's online enrolment (issue #8): what can be asked (activities with their rules in French, the
// tariff bracket the household's QF gives, the periods on offer, the documents still missing), enrolment
// requests, documents (upload, list, download), the yearly file and the commune's messages. Every route
// authorises by household like the rest of the parent API (404 for another household); every write is a
// command run at the hub with the parent's actor, and a child or request of another household is refused
// before anything is written.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../shared/commands/types';
import { tariffFromRow } from '../../shared/commands/billingRows';
import { loadSchoolCalendar } from '../../shared/commands/catalogue';
import { latestRules } from '../../shared/commands/documents';
import {
  activities,
  childContacts,
  children,
  documents,
  documentTypes,
  enrolmentRequests,
  familyMessages,
  familyQuotients,
  guardians,
  householdChildren,
  householdFiles,
  rulesAcceptances,
  tariffs,
} from '../../shared/db/schema';
import { addDays, instantToParisDate } from '../../shared/domain/dates';
import { deadlineRuleFor, describeDeadlineRule, frenchLongDate } from '../../shared/domain/deadlines';
import { documentState, nextSchoolYear, requiredDocuments, schoolYearOf } from '../../shared/domain/enrolment';
import { schoolYearSpan } from '../../shared/domain/schoolCalendar';
import { bracketFor, quotientOn, tariffFor } from '../../shared/domain/tariffs';
import { formatPhone } from '../../shared/domain/validation';
import { listActivities } from '../../main/desk/reservations/queries';
import type { HubDatabase } from '../hubDb';
import { hubAudit, runCreatedAtHub } from '../parents/routes';
import type { DocumentStorage } from './documentStorage';
import { documentUploadRoute, sendDocument } from './documentUpload';
import { parentAuth } from '../parents/session';

export interface ParentEnrolmentOptions {
  hub: HubDatabase;
  clock: () => Date;
  publicUrl: () => string;
  storage: DocumentStorage;
  /** Called after a write that may have created family messages (the mail dispatcher). */
  afterWrite: () => void;
}

const householdParams = z.object({ householdId: z.string().min(1).max(64) });
const id = z.string().min(1).max(64);
const notFound = (message: string) => ({ error: 'notFound', message });

type Period = { label: string; fromDate: string; toDate: string };

export async function parentEnrolmentRoutes(app: FastifyInstance, options: ParentEnrolmentOptions) {
  const { hub, clock, storage } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { authenticate, authorizeHousehold } = parentAuth(hub, clock, () => options.publicUrl().startsWith('https://'));
  const guarded = { onRequest: [authenticate, authorizeHousehold] };
  const today = () => instantToParisDate(clock().toISOString());
  const reader = hub.db as unknown as Tx;

  const childrenOf = (householdId: string) =>
    hub.db
      .select()
      .from(householdChildren)
      .innerJoin(children, eq(children.id, householdChildren.childId))
      .where(eq(householdChildren.householdId, householdId))
      .orderBy(children.birthDate, children.id)
      .all()
      .map((r) => r.children);
  const isChildOf = (householdId: string, childId: string) => childrenOf(householdId).some((c) => c.id === childId);

  /**
   * The school years on offer: the rest of the current one and the next one. Their dates come from the
   * commune's calendar; a year not in it yet (the next one, before its dates are published) runs 1 September
   * to 31 August.
   */
  const schoolYearPeriods = (day: string): Period[] => {
    const calendar = loadSchoolCalendar(reader);
    const current = schoolYearOf(day);
    return [current, nextSchoolYear(current)].flatMap((schoolYear) => {
      const known = calendar.years.find((y) => y.schoolYear === schoolYear);
      const span = known
        ? schoolYearSpan(known, calendar)
        : { from: `${schoolYear.slice(0, 4)}-09-01`, to: `${schoolYear.slice(5, 9)}-08-31` };
      if (span.to < day) return [];
      return span.from <= day
        ? [{ label: `Année scolaire ${schoolYear} (à partir du ${frenchLongDate(day)})`, fromDate: day, toDate: span.to }]
        : [{ label: `Année scolaire ${schoolYear}`, fromDate: span.from, toDate: span.to }];
    });
  };
  /**
   * Each holiday period still to come up to `horizon` (holiday days: `from` to the day before `to`); a
   * period whose dates are unknown is not offered.
   */
  const holidayPeriods = (day: string, horizon: string): Period[] => {
    const calendar = loadSchoolCalendar(reader);
    const periods: Period[] = [];
    for (const year of calendar.years) {
      for (const [index, h] of year.holidays.entries()) {
        if (!h.from) continue;
        // The summer holidays end with the next rentrée, often not published yet: until 31 August then.
        const summer = index === year.holidays.length - 1;
        if (!h.to && !summer) continue;
        const last = h.to ? addDays(h.to, -1) : schoolYearSpan(year, calendar).to;
        if (last < day || h.from > horizon) continue;
        const from = h.from < day ? day : h.from;
        const label = `${h.name} ${year.schoolYear} (du ${frenchLongDate(from)} au ${frenchLongDate(last)})`;
        periods.push({ label, fromDate: from, toDate: last });
      }
    }
    return periods.sort((a, b) => (a.fromDate < b.fromDate ? -1 : 1));
  };

  /** The bracket the household's QF gives under the tariff of `date` (top bracket without a valid QF). */
  const tariffBracketOf = (householdId: string, activity: ReturnType<typeof listActivities>[number], date: string) => {
    const rows = hub.db.select().from(tariffs).where(eq(tariffs.activityId, activity.id)).all().map(tariffFromRow);
    const quotients = hub.db.select().from(familyQuotients).where(eq(familyQuotients.householdId, householdId)).all();
    const quotient = quotientOn(quotients, date);
    const units = activity.units.flatMap((unit) => {
      const tariff = tariffFor(rows, activity.id, unit.id, date);
      if (!tariff) return [];
      const bracket = bracketFor(tariff.brackets, quotient);
      return [
        {
          unitId: unit.id,
          unitName: unit.name,
          bracketLabel: bracket.label,
          residentCents: bracket.residentCents,
          nonResidentCents: bracket.nonResidentCents,
        },
      ];
    });
    if (units.length === 0) return null;
    const labels = [...new Set(units.map((u) => u.bracketLabel))];
    return {
      label: labels.join(', '),
      quotient,
      noQuotient: quotient === null,
      explanation:
        quotient === null
          ? `Tranche ${labels.join(', ')} : sans quotient familial valide, la tranche la plus haute s'applique.`
          : `Tranche ${labels.join(', ')} pour votre quotient familial de ${quotient}.`,
      date,
      units,
      /** The same prices as lines to show: « Repas (habitant de la commune) : 1,50 € ». */
      prices: units.flatMap((u) => [
        { label: `${u.unitName} (habitant de la commune)`, cents: u.residentCents },
        { label: `${u.unitName} (hors commune)`, cents: u.nonResidentCents },
      ]),
    };
  };

  const requestsOf = (householdId: string) => {
    const names = new Map(
      hub.db
        .select({ id: activities.id, name: activities.name })
        .from(activities)
        .all()
        .map((a) => [a.id, a.name]),
    );
    return hub.db
      .select()
      .from(enrolmentRequests)
      .where(eq(enrolmentRequests.householdId, householdId))
      .orderBy(desc(enrolmentRequests.requestedAt))
      .all()
      .map((r) => ({
        id: r.id,
        childId: r.childId,
        activityId: r.activityId,
        activityName: names.get(r.activityId) ?? '',
        fromDate: r.fromDate,
        toDate: r.toDate,
        status: r.status,
        reason: r.reason,
        requestedAt: r.requestedAt,
        decidedAt: r.decidedAt,
        enrolmentId: r.enrolmentId,
      }));
  };

  api.get(
    '/api/parent/households/:householdId/enrolment-options',
    { ...guarded, schema: { params: householdParams } },
    async (request) => {
      const { householdId } = request.params;
      const day = today();
      const kids = childrenOf(householdId);
      const schoolYears = schoolYearPeriods(day);
      const horizon = schoolYears[schoolYears.length - 1]?.toDate ?? day;
      const onOffer = new Set(
        hub.db
          .select({ id: activities.id })
          .from(activities)
          .where(and(isNull(activities.archivedAt), eq(activities.onlineEnrolment, true)))
          .all()
          .map((a) => a.id),
      );
      const offered = listActivities(hub.db).filter((a) => onOffer.has(a.id));
      return {
        today: day,
        children: kids.map((c) => ({
          id: c.id,
          firstName: c.firstName,
          lastName: c.lastName,
          birthDate: c.birthDate,
          schoolLevel: c.schoolLevel,
        })),
        activities: offered.map((a) => {
          const periods = [...schoolYears, ...(a.kind === 'holiday' ? holidayPeriods(day, horizon) : [])];
          const booking = describeDeadlineRule(deadlineRuleFor(a.deadlines, 'booking'));
          const cancellation = describeDeadlineRule(deadlineRuleFor(a.deadlines, 'cancellation'));
          return {
            id: a.id,
            name: a.name,
            kind: a.kind,
            rulesText: `Une fois l'inscription acceptée, chaque jour se réserve au plus tard ${booking} et s'annule sans frais au plus tard ${cancellation}.`,
            bookingRule: booking,
            cancellationRule: cancellation,
            enrolmentCapacity: a.enrolmentCapacity,
            autoAccept: a.autoAccept,
            tariffBracket: tariffBracketOf(householdId, a, periods[0] && periods[0].fromDate > day ? periods[0].fromDate : day),
            periods,
          };
        }),
        requests: requestsOf(householdId),
        requiredDocuments: kids.flatMap((c) =>
          offered.map((a) => ({
            childId: c.id,
            activityId: a.id,
            documents: requiredDocuments(reader, householdId, c.id, a.id, day),
          })),
        ),
      };
    },
  );

  api.post(
    '/api/parent/households/:householdId/enrolment-requests',
    {
      ...guarded,
      bodyLimit: 16 * 1024,
      schema: {
        params: householdParams,
        body: z.object({ childId: id, activityId: id, fromDate: z.string().max(10), toDate: z.string().max(10) }),
      },
    },
    async (request, reply) => {
      const { householdId } = request.params;
      // Another household's child (or an unknown id) is refused here, whatever the command would say.
      if (!isChildOf(householdId, request.body.childId))
        return reply.code(404).send(notFound('Enfant introuvable dans votre foyer.'));
      const result = runCreatedAtHub(
        hub,
        request.parent!.actor,
        'enrolmentRequest.submit',
        { householdId, ...request.body },
        clock(),
      );
      if (!result.ok)
        return reply
          .code(result.code === 'notFound' ? 404 : result.code === 'conflict' ? 409 : 400)
          .send({ error: result.code, message: result.message, fieldErrors: result.fieldErrors });
      options.afterWrite();
      return reply.code(201).send(result);
    },
  );

  api.post(
    '/api/parent/households/:householdId/enrolment-requests/:requestId/cancel',
    { ...guarded, schema: { params: householdParams.extend({ requestId: id }) } },
    async (request, reply) => {
      const own = hub.db
        .select({ id: enrolmentRequests.id })
        .from(enrolmentRequests)
        .where(
          and(eq(enrolmentRequests.id, request.params.requestId), eq(enrolmentRequests.householdId, request.params.householdId)),
        )
        .get();
      if (!own) return reply.code(404).send(notFound('Demande introuvable.'));
      const result = runCreatedAtHub(hub, request.parent!.actor, 'enrolmentRequest.cancel', { requestId: own.id }, clock());
      if (!result.ok)
        return reply.code(result.code === 'notFound' ? 404 : 409).send({ error: result.code, message: result.message });
      options.afterWrite();
      return result;
    },
  );

  // ——— Documents ———

  api.get(
    '/api/parent/households/:householdId/documents',
    { ...guarded, schema: { params: householdParams } },
    async (request) => {
      const day = today();
      const types = hub.db
        .select()
        .from(documentTypes)
        .where(isNull(documentTypes.archivedAt))
        .orderBy(documentTypes.position, documentTypes.name)
        .all();
      const allTypes = new Map(
        hub.db
          .select()
          .from(documentTypes)
          .all()
          .map((t) => [t.id, t]),
      );
      const docs = hub.db
        .select()
        .from(documents)
        .where(eq(documents.householdId, request.params.householdId))
        .orderBy(desc(documents.uploadedAt))
        .all();
      return {
        types: types.map((t) => ({
          id: t.id,
          name: t.name,
          description: t.description,
          scope: t.scope,
          validity: t.validity,
          validityMonths: t.validityMonths,
          requiredForFile: t.requiredForFile,
          requiredForActivities: JSON.parse(t.requiredForActivities) as string[],
        })),
        documents: docs.map((d) => ({
          id: d.id,
          documentTypeId: d.documentTypeId,
          typeName: allTypes.get(d.documentTypeId)?.name ?? '',
          childId: d.childId,
          fileName: d.fileName,
          mimeType: d.mimeType,
          size: d.size,
          status: d.status,
          state: documentState(d, day),
          refusalReason: d.refusalReason,
          validUntil: d.validUntil,
          uploadedAt: d.uploadedAt,
        })),
        required: requiredDocuments(reader, request.params.householdId, null, null, day),
      };
    },
  );

  await app.register(documentUploadRoute, {
    hub,
    clock,
    storage,
    onRequest: guarded.onRequest,
    afterWrite: options.afterWrite,
    isChildOf,
  });

  api.get(
    '/api/parent/households/:householdId/documents/:documentId/file',
    { ...guarded, schema: { params: householdParams.extend({ documentId: id }) } },
    async (request, reply) => {
      const doc = hub.db
        .select()
        .from(documents)
        .where(and(eq(documents.id, request.params.documentId), eq(documents.householdId, request.params.householdId)))
        .get();
      if (!doc) return reply.code(404).send(notFound('Document introuvable.'));
      hubAudit(hub, request.parent!.actor, clock(), 'document.view', {
        entity: 'document',
        entityId: doc.id,
        householdId: doc.householdId,
        changes: { fileName: doc.fileName },
        reason: 'Consulté par la famille',
      });
      return sendDocument(reply, storage, doc);
    },
  );

  // ——— Yearly file ———

  api.get('/api/parent/households/:householdId/file', { ...guarded, schema: { params: householdParams } }, async (request) => {
    const { householdId } = request.params;
    const guardianId = request.parent!.guardianId;
    const day = today();
    const current = schoolYearOf(day);
    const next = nextSchoolYear(current);
    const kids = childrenOf(householdId);
    const contacts = kids.length
      ? hub.db
          .select()
          .from(childContacts)
          .where(
            inArray(
              childContacts.childId,
              kids.map((k) => k.id),
            ),
          )
          .orderBy(childContacts.position)
          .all()
      : [];
    const rules = latestRules(reader);
    const accepted = rules
      ? hub.db
          .select()
          .from(rulesAcceptances)
          .where(
            and(
              eq(rulesAcceptances.householdId, householdId),
              eq(rulesAcceptances.guardianId, guardianId),
              eq(rulesAcceptances.rulesVersionId, rules.id),
            ),
          )
          .get()
      : undefined;
    const files = hub.db
      .select()
      .from(householdFiles)
      .where(and(eq(householdFiles.householdId, householdId), inArray(householdFiles.schoolYear, [current, next])))
      .all();
    const fileOf = (schoolYear: string) => {
      const f = files.find((x) => x.schoolYear === schoolYear);
      return {
        schoolYear,
        status: f?.status ?? ('none' as const),
        reason: f?.reason ?? '',
        submittedAt: f?.submittedAt ?? null,
        decidedAt: f?.decidedAt ?? null,
      };
    };
    const g = hub.db.select().from(guardians).where(eq(guardians.id, guardianId)).get()!;
    // The year the form is for: the next one during the summer campaign (May to August) or once the current
    // one is filed; else the current one.
    const filed = (schoolYear: string) => files.some((f) => f.schoolYear === schoolYear && f.status !== 'refused');
    const month = Number(day.slice(5, 7));
    const schoolYear = (month >= 5 && month <= 8) || filed(current) ? next : current;
    const target = files.find((f) => f.schoolYear === schoolYear);
    return {
      schoolYear,
      guardianId,
      file: target
        ? {
            id: target.id,
            status: target.status,
            reason: target.reason,
            submittedAt: target.submittedAt,
            decidedAt: target.decidedAt,
          }
        : null,
      guardian: {
        id: g.id,
        civility: g.civility,
        firstName: g.firstName,
        lastName: g.lastName,
        email: g.email,
        mobilePhone: formatPhone(g.mobilePhone),
        addressLine1: g.addressLine1,
        addressLine2: g.addressLine2,
        postalCode: g.postalCode,
        city: g.city,
      },
      schoolYears: { current, next },
      files: [fileOf(current), fileOf(next)],
      children: kids.map((c) => ({
        id: c.id,
        childId: c.id,
        firstName: c.firstName,
        lastName: c.lastName,
        birthDate: c.birthDate,
        diet: c.diet,
        allergies: c.allergies,
        hasCareplan: c.hasCareplan,
        careplanNote: c.careplanNote,
        doctorName: c.doctorName,
        doctorPhone: formatPhone(c.doctorPhone),
        photoConsent: c.photoConsent,
        contacts: contacts
          .filter((k) => k.childId === c.id)
          .map((k) => ({
            name: k.name,
            phone: formatPhone(k.phone),
            link: k.link,
            pickup: k.pickup,
            emergencyContact: k.emergencyContact,
          })),
      })),
      rules: rules
        ? { id: rules.id, version: rules.version, title: rules.title, body: rules.body, publishedAt: rules.publishedAt }
        : null,
      rulesAccepted: Boolean(accepted),
      rulesAcceptedAt: accepted?.acceptedAt ?? null,
      requiredDocuments: requiredDocuments(reader, householdId, null, null, day),
    };
  });

  const contactBody = z.object({
    name: z.string().max(150),
    phone: z.string().max(40).default(''),
    link: z.string().max(100).default(''),
    pickup: z.enum(['allowed', 'forbidden', 'none']),
    emergencyContact: z.boolean().default(false),
  });
  api.put(
    '/api/parent/households/:householdId/file',
    {
      ...guarded,
      bodyLimit: 256 * 1024,
      schema: {
        params: householdParams,
        body: z.object({
          schoolYear: z.string().max(9),
          rulesVersionId: id,
          children: z
            .array(
              z.object({
                childId: id,
                diet: z.string().max(20).default('none'),
                allergies: z.string().max(1000).default(''),
                hasCareplan: z.boolean().default(false),
                careplanNote: z.string().max(2000).default(''),
                doctorName: z.string().max(150).default(''),
                doctorPhone: z.string().max(40).default(''),
                photoConsent: z.boolean().default(false),
                contacts: z.array(contactBody).max(20).default([]),
              }),
            )
            .max(12)
            .default([]),
        }),
      },
    },
    async (request, reply) => {
      const { householdId } = request.params;
      const own = new Set(childrenOf(householdId).map((c) => c.id));
      if (request.body.children.some((c) => !own.has(c.childId)))
        return reply.code(404).send(notFound('Enfant introuvable dans votre foyer.'));
      const result = runCreatedAtHub(
        hub,
        request.parent!.actor,
        'householdFile.submit',
        { ...request.body, householdId, guardianId: request.parent!.guardianId },
        clock(),
      );
      if (!result.ok)
        return reply
          .code(result.code === 'notFound' ? 404 : result.code === 'conflict' ? 409 : 400)
          .send({ error: result.code, message: result.message, fieldErrors: result.fieldErrors });
      options.afterWrite();
      return result;
    },
  );

  // ——— Messages ———

  api.get(
    '/api/parent/households/:householdId/messages',
    {
      ...guarded,
      schema: { params: householdParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
    },
    async (request) => {
      const rows = hub.db
        .select()
        .from(familyMessages)
        .where(eq(familyMessages.householdId, request.params.householdId))
        .orderBy(desc(familyMessages.createdAt), desc(familyMessages.id))
        .limit(request.query.limit)
        .all();
      return { messages: rows.map((m) => ({ id: m.id, subject: m.subject, body: m.body, createdAt: m.createdAt })) };
    },
  );
}
