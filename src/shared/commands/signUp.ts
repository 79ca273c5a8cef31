// A new family signs up online (household.signUp, at the hub): the household is created « en attente de
// validation » (status `pending`) until staff validate it, refuse it, or merge it into the household the commune
// already knows (the duplicate suggestion, domain/enrolment.ts). Merging moves the new guardian, the children
// not already known and everything the family sent (documents, requests, yearly files, rules acceptances,
// messages) to the existing household, and archives the pending one as « Doublon de … ».
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  bookings,
  childContacts,
  children,
  documents,
  enrolmentRequests,
  enrolments,
  familyMessages,
  guardianChildren,
  householdChildren,
  householdFiles,
  householdGuardians,
  households,
  relationships,
  rulesAcceptances,
} from '../db/schema';
import { required } from '../domain/validation';
import { fail, ok, type Result } from '../result';
import { audit, diff } from './audit';
import { childFields, childSetRelationship, guardianFields, householdCreate } from './families';
import { autoAcceptPending } from './enrolmentRequests';
import { postFamilyMessage, staffOnly } from './familyMessages';
import { defineCommand, type CommandContext, type Tx } from './types';

const id = z.string().min(1).max(64);
const relationship = z.enum(relationships, { error: 'Choisissez un lien de parenté.' });

type Household = typeof households.$inferSelect;

function loadHousehold(tx: Tx, householdId: string): Household | undefined {
  return tx.select().from(households).where(eq(households.id, householdId)).get();
}

/** The pending, not archived household a staff decision is about, or the French reason it cannot be decided. */
function pendingHousehold(tx: Tx, householdId: string): Result<Household> {
  const household = loadHousehold(tx, householdId);
  if (!household) return fail('notFound', 'Foyer introuvable.');
  if (household.archivedAt) return fail('conflict', 'Cette demande a déjà été traitée (foyer archivé).');
  if (household.status !== 'pending') return fail('conflict', 'Ce foyer est déjà validé.');
  return ok(household);
}

export const householdSignUp = defineCommand({
  name: 'household.signUp',
  kind: 'request',
  newIds: ['householdId', 'guardian.guardianId', 'children[].childId'],
  input: z.object({
    householdId: id,
    guardian: z
      .intersection(guardianFields, z.object({ guardianId: id }))
      .refine((g) => g.email !== '', { path: ['email'], error: 'Indiquez votre adresse e-mail.' }),
    children: z
      .array(z.intersection(childFields, z.object({ childId: id, relationship: relationship.default('other') })))
      .min(1, { error: 'Indiquez au moins un enfant.' })
      .max(12),
  }),
  handler(tx, input, ctx): Result<{ householdId: string; guardianId: string; childIds: string[] }> {
    if (ctx.actor.kind === 'staff' || ctx.where !== 'hub')
      return fail('forbidden', "L'inscription en ligne d'une nouvelle famille se fait sur le portail famille.");
    const { guardianId, ...guardian } = input.guardian;
    const first = input.children[0]!;
    const created = householdCreate.handler(
      tx,
      {
        householdId: input.householdId,
        name: '',
        notes: '',
        guardians: [{ ...guardian, guardianId, receivesInvoices: true, relationship: first.relationship }],
        children: input.children.map(({ relationship: _r, ...child }) => child),
      },
      ctx,
    );
    if (!created.ok) return created;
    for (const child of input.children) {
      if (child.relationship === first.relationship) continue;
      const set = childSetRelationship.handler(tx, { childId: child.childId, guardianId, relationship: child.relationship }, ctx);
      if (!set.ok) return set;
    }
    tx.update(households).set({ status: 'pending' }).where(eq(households.id, input.householdId)).run();
    audit(tx, ctx, 'household.signUp', {
      entity: 'household',
      entityId: input.householdId,
      householdId: input.householdId,
      changes: { status: 'pending', children: input.children.map((c) => c.firstName) },
      reason: 'Inscription en ligne par la famille',
    });
    postFamilyMessage(
      tx,
      ctx,
      input.householdId,
      "Demande d'inscription reçue",
      `Bonjour ${guardian.firstName},\n\nNous avons bien reçu votre demande d'inscription. Votre dossier est en attente de validation par la mairie : vous recevrez un message dès qu'il aura été examiné.`,
    );
    return ok({ householdId: input.householdId, guardianId, childIds: input.children.map((c) => c.childId) });
  },
});

export const householdValidateSignUp = defineCommand({
  name: 'household.validateSignUp',
  kind: 'request',
  input: z.object({ householdId: id }),
  handler(tx, input, ctx): Result<{ acceptedRequestIds: string[] }> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const found = pendingHousehold(tx, input.householdId);
    if (!found.ok) return found;
    tx.update(households).set({ status: 'active', updatedAt: ctx.now }).where(eq(households.id, input.householdId)).run();
    audit(tx, ctx, 'household.validateSignUp', {
      entity: 'household',
      entityId: input.householdId,
      householdId: input.householdId,
      changes: { status: ['pending', 'active'] },
    });
    postFamilyMessage(
      tx,
      ctx,
      input.householdId,
      'Votre dossier famille est validé',
      'Bonjour,\n\nLa mairie a validé votre dossier famille. Vous pouvez maintenant réserver les activités de vos enfants depuis votre espace famille.',
    );
    // The hub: requests that waited only for the household to be validated are accepted now.
    return ok({ acceptedRequestIds: autoAcceptPending(tx, ctx, input.householdId) });
  },
});

export const householdRefuseSignUp = defineCommand({
  name: 'household.refuseSignUp',
  kind: 'request',
  input: z.object({ householdId: id, reason: required(500) }),
  handler(tx, input, ctx): Result<null> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const found = pendingHousehold(tx, input.householdId);
    if (!found.ok) return found;
    tx.update(households)
      .set({ archivedAt: ctx.now, archiveReason: `Inscription refusée : ${input.reason}`, updatedAt: ctx.now })
      .where(eq(households.id, input.householdId))
      .run();
    audit(tx, ctx, 'household.refuseSignUp', {
      entity: 'household',
      entityId: input.householdId,
      householdId: input.householdId,
      reason: input.reason,
    });
    postFamilyMessage(
      tx,
      ctx,
      input.householdId,
      "Demande d'inscription refusée",
      `Bonjour,\n\nLa mairie n'a pas pu valider votre demande d'inscription, pour le motif suivant : ${input.reason}\n\nPour toute question, contactez l'accueil de la mairie.`,
    );
    return ok(null);
  },
});

/** Moves the rows a family sent from the pending household to the one it joins. */
function repointHouseholdRows(tx: Tx, ctx: CommandContext, fromId: string, toId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const moved = (name: string, n: number) => {
    if (n > 0) counts[name] = n;
  };
  moved(
    'documents',
    tx.update(documents).set({ householdId: toId, updatedAt: ctx.now }).where(eq(documents.householdId, fromId)).run().changes,
  );
  moved(
    'enrolmentRequests',
    tx
      .update(enrolmentRequests)
      .set({ householdId: toId, updatedAt: ctx.now })
      .where(eq(enrolmentRequests.householdId, fromId))
      .run().changes,
  );
  moved(
    'familyMessages',
    tx.update(familyMessages).set({ householdId: toId }).where(eq(familyMessages.householdId, fromId)).run().changes,
  );
  // One acceptance per (household, guardian, version) and one file per (household, school year): a row the
  // existing household already has stays with the archived one, as history.
  const acceptances = tx.select().from(rulesAcceptances).where(eq(rulesAcceptances.householdId, fromId)).all();
  let n = 0;
  for (const a of acceptances) {
    const clash = tx
      .select({ id: rulesAcceptances.id })
      .from(rulesAcceptances)
      .where(
        and(
          eq(rulesAcceptances.householdId, toId),
          eq(rulesAcceptances.guardianId, a.guardianId),
          eq(rulesAcceptances.rulesVersionId, a.rulesVersionId),
        ),
      )
      .get();
    if (clash) continue;
    tx.update(rulesAcceptances).set({ householdId: toId }).where(eq(rulesAcceptances.id, a.id)).run();
    n++;
  }
  moved('rulesAcceptances', n);
  n = 0;
  for (const file of tx.select().from(householdFiles).where(eq(householdFiles.householdId, fromId)).all()) {
    const clash = tx
      .select({ id: householdFiles.id })
      .from(householdFiles)
      .where(and(eq(householdFiles.householdId, toId), eq(householdFiles.schoolYear, file.schoolYear)))
      .get();
    if (clash) continue;
    tx.update(householdFiles).set({ householdId: toId, updatedAt: ctx.now }).where(eq(householdFiles.id, file.id)).run();
    n++;
  }
  moved('householdFiles', n);
  return counts;
}

/**
 * The health sheet, photo consent and contacts the family gave for the new record of a known child, copied to
 * the known record (the family's yearly file is the latest word on them); audited on the known household.
 */
function carryHealthSheet(tx: Tx, ctx: CommandContext, fromChildId: string, intoChildId: string, householdId: string): void {
  const from = tx.select().from(children).where(eq(children.id, fromChildId)).get()!;
  const into = tx.select().from(children).where(eq(children.id, intoChildId)).get()!;
  const sheet = {
    diet: from.diet,
    allergies: from.allergies,
    hasCareplan: from.hasCareplan,
    careplanNote: from.careplanNote,
    doctorName: from.doctorName,
    doctorPhone: from.doctorPhone,
    photoConsent: from.photoConsent,
  };
  const changes: Record<string, unknown> = diff(into, sheet);
  if (Object.keys(changes).length > 0)
    tx.update(children)
      .set({ ...sheet, updatedAt: ctx.now })
      .where(eq(children.id, intoChildId))
      .run();
  const contacts = tx.select().from(childContacts).where(eq(childContacts.childId, fromChildId)).all();
  if (contacts.length > 0) {
    const before = tx
      .select({ name: childContacts.name })
      .from(childContacts)
      .where(eq(childContacts.childId, intoChildId))
      .all();
    tx.delete(childContacts).where(eq(childContacts.childId, intoChildId)).run();
    tx.update(childContacts)
      .set({ childId: intoChildId, updatedAt: ctx.now })
      .where(eq(childContacts.childId, fromChildId))
      .run();
    changes.contacts = [before.map((c) => c.name), contacts.map((c) => c.name)];
  }
  if (Object.keys(changes).length > 0)
    audit(tx, ctx, 'household.mergeSignUp', {
      entity: 'child',
      entityId: intoChildId,
      householdId,
      changes,
      reason: 'Fiche sanitaire et contacts du dossier envoyé en ligne',
    });
}

export const householdMergeSignUp = defineCommand({
  name: 'household.mergeSignUp',
  kind: 'request',
  input: z.object({
    householdId: id,
    intoHouseholdId: id,
    childMatches: z
      .array(z.object({ childId: id, intoChildId: id.nullable().default(null) }))
      .max(12)
      .default([]),
  }),
  handler(tx, input, ctx): Result<{ householdId: string; movedChildIds: string[]; matchedChildIds: string[] }> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const found = pendingHousehold(tx, input.householdId);
    if (!found.ok) return found;
    const pending = found.value;
    if (input.intoHouseholdId === input.householdId) return fail('invalid', 'Choisissez un autre foyer.');
    const into = loadHousehold(tx, input.intoHouseholdId);
    if (!into) return fail('notFound', 'Foyer existant introuvable.');
    if (into.archivedAt) return fail('conflict', `Le foyer ${into.name} est archivé : restaurez-le d'abord.`);
    if (into.status === 'pending') return fail('conflict', `Le foyer ${into.name} est lui-même en attente de validation.`);
    if (tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.householdId, pending.id)).get())
      return fail('conflict', 'Ce foyer a déjà des réservations : rattachez-les à la main avant de fusionner.');

    const memberIds = (householdId: string) =>
      tx
        .select({ childId: householdChildren.childId })
        .from(householdChildren)
        .where(eq(householdChildren.householdId, householdId))
        .all()
        .map((r) => r.childId);
    const pendingChildren = memberIds(pending.id);
    const intoChildren = new Set(memberIds(into.id));
    const matches = new Map<string, string>();
    for (const m of input.childMatches) {
      if (!pendingChildren.includes(m.childId)) return fail('notFound', "Cet enfant n'appartient pas au foyer en attente.");
      if (m.intoChildId === null) continue;
      if (!intoChildren.has(m.intoChildId)) return fail('notFound', `Cet enfant n'appartient pas au foyer ${into.name}.`);
      if ([...matches.values()].includes(m.intoChildId))
        return fail('conflict', 'Deux enfants ne peuvent pas être rattachés au même enfant existant.');
      matches.set(m.childId, m.intoChildId);
    }

    const guardianLinks = tx.select().from(householdGuardians).where(eq(householdGuardians.householdId, pending.id)).all();
    const guardianIds = guardianLinks.map((g) => g.guardianId);
    for (const link of guardianLinks) {
      const already = tx
        .select({ id: householdGuardians.id })
        .from(householdGuardians)
        .where(and(eq(householdGuardians.householdId, into.id), eq(householdGuardians.guardianId, link.guardianId)))
        .get();
      if (!already)
        tx.insert(householdGuardians)
          .values({
            id: `${into.id}:${link.guardianId}`,
            householdId: into.id,
            guardianId: link.guardianId,
            receivesInvoices: false,
            createdAt: ctx.now,
          })
          .run();
      tx.delete(householdGuardians).where(eq(householdGuardians.id, link.id)).run();
    }

    // A yearly file sent while pending holds the family's latest health sheet and contacts: they go with it.
    const filedYearly =
      tx.select({ id: householdFiles.id }).from(householdFiles).where(eq(householdFiles.householdId, pending.id)).get() !==
      undefined;
    const moved: string[] = [];
    for (const childId of pendingChildren) {
      const intoChildId = matches.get(childId);
      if (intoChildId) {
        // Known child: what the family sent about the new record now concerns the existing one; the new record
        // stays with the archived household. The new guardian's parental link follows.
        for (const rel of tx
          .select()
          .from(guardianChildren)
          .where(
            and(
              eq(guardianChildren.childId, childId),
              inArray(guardianChildren.guardianId, guardianIds.length ? guardianIds : ['']),
            ),
          )
          .all()) {
          tx.insert(guardianChildren)
            .values({
              id: `${rel.guardianId}:${intoChildId}`,
              guardianId: rel.guardianId,
              childId: intoChildId,
              relationship: rel.relationship,
              createdAt: ctx.now,
            })
            .onConflictDoUpdate({
              target: [guardianChildren.guardianId, guardianChildren.childId],
              set: { relationship: rel.relationship },
            })
            .run();
        }
        tx.update(documents).set({ childId: intoChildId, updatedAt: ctx.now }).where(eq(documents.childId, childId)).run();
        tx.update(enrolmentRequests)
          .set({ childId: intoChildId, updatedAt: ctx.now })
          .where(eq(enrolmentRequests.childId, childId))
          .run();
        tx.update(enrolments).set({ childId: intoChildId, updatedAt: ctx.now }).where(eq(enrolments.childId, childId)).run();
        if (filedYearly) carryHealthSheet(tx, ctx, childId, intoChildId, into.id);
        continue;
      }
      tx.insert(householdChildren)
        .values({ id: `${into.id}:${childId}`, householdId: into.id, childId, createdAt: ctx.now })
        .run();
      tx.delete(householdChildren)
        .where(and(eq(householdChildren.householdId, pending.id), eq(householdChildren.childId, childId)))
        .run();
      moved.push(childId);
    }
    const repointed = repointHouseholdRows(tx, ctx, pending.id, into.id);
    tx.update(households)
      .set({ archivedAt: ctx.now, archiveReason: `Doublon de ${into.name}`, updatedAt: ctx.now })
      .where(eq(households.id, pending.id))
      .run();
    const names = tx
      .select({ id: children.id, firstName: children.firstName })
      .from(children)
      .where(inArray(children.id, pendingChildren.length ? pendingChildren : ['']))
      .all();
    const nameOf = (childId: string) => names.find((c) => c.id === childId)?.firstName ?? childId;
    const changes = {
      guardians: guardianIds,
      movedChildren: moved.map(nameOf),
      matchedChildren: [...matches.keys()].map(nameOf),
      ...repointed,
    };
    audit(tx, ctx, 'household.mergeSignUp', {
      entity: 'household',
      entityId: pending.id,
      householdId: pending.id,
      changes: { ...changes, into: into.id },
      reason: `Doublon de ${into.name}`,
    });
    audit(tx, ctx, 'household.mergeSignUp', {
      entity: 'household',
      entityId: into.id,
      householdId: into.id,
      changes: { ...changes, from: pending.id },
      reason: 'Inscription en ligne rattachée au dossier existant',
    });
    postFamilyMessage(
      tx,
      ctx,
      into.id,
      'Votre inscription est rattachée à votre dossier',
      'Bonjour,\n\nLa mairie connaissait déjà votre famille : votre inscription en ligne a été rattachée à votre dossier existant. Vous retrouvez vos enfants, vos documents et vos demandes dans votre espace famille.',
    );
    return ok({ householdId: into.id, movedChildIds: moved, matchedChildIds: [...matches.keys()] });
  },
});

export const signUpCommands = [householdSignUp, householdValidateSignUp, householdRefuseSignUp, householdMergeSignUp] as const;
