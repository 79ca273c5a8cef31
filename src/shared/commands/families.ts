// Commands of the family file: households, guardians, children, contacts, family quotients.
// The only writers of those tables (STYLE.md §2). Each checks existence explicitly (no reliance on deferred
// foreign keys during a rebase) and writes one audit row per entity it touches.
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  childContacts,
  children,
  diets,
  familyQuotients,
  guardianChildren,
  guardians,
  householdChildren,
  householdGuardians,
  households,
  relationships,
  schoolLevels,
} from '../db/schema';
import { checkChildBirthDate, email, isoDate, optionalText, phone, postalCode, required } from '../domain/validation';
import { fail, invalid, ok, type Result } from '../result';
import { audit, diff } from './audit';
import { defineCommand, type CommandContext, type Tx } from './types';

const id = z.string().min(1).max(64);

export const guardianFields = z
  .object({
    civility: z.enum(['M.', 'Mme'], { error: 'Choisissez une civilité.' }),
    firstName: required(),
    lastName: required(),
    birthName: optionalText(100),
    addressLine1: optionalText(200),
    addressLine2: optionalText(200),
    postalCode,
    city: optionalText(100),
    mobilePhone: phone,
    homePhone: phone,
    workPhone: phone,
    employerName: optionalText(150),
    employerPhone: phone,
    email,
  })
  .superRefine((g, ctx) => {
    if (!g.mobilePhone && !g.homePhone && !g.workPhone) {
      ctx.addIssue({ code: 'custom', path: ['mobilePhone'], message: 'Indiquez au moins un numéro de téléphone.' });
    }
  });

export const childFields = z.object({
  firstName: required(),
  lastName: required(),
  birthDate: isoDate,
  sex: z.enum(['F', 'M']).nullable().default(null),
  schoolName: optionalText(150),
  schoolLevel: z.enum(schoolLevels).nullable().default(null),
  className: optionalText(50),
  diet: z.enum(diets).default('none'),
  allergies: optionalText(1000),
  hasCareplan: z.boolean().default(false),
  careplanNote: optionalText(2000),
  doctorName: optionalText(150),
  doctorPhone: phone,
  photoConsent: z.boolean().default(false),
});

const relationship = z.enum(relationships, { error: 'Choisissez un lien de parenté.' });

const contactFields = z.object({
  contactId: id,
  name: required(150),
  phone,
  link: optionalText(100),
  pickup: z.enum(['allowed', 'forbidden', 'none']),
  emergencyContact: z.boolean().default(false),
});

type GuardianFields = z.output<typeof guardianFields>;
type ChildFields = z.output<typeof childFields>;

function householdExists(tx: Tx, householdId: string): boolean {
  return tx.select({ id: households.id }).from(households).where(eq(households.id, householdId)).get() !== undefined;
}

function childCheck(fields: ChildFields, ctx: CommandContext, prefix: string): Record<string, string> {
  const message = checkChildBirthDate(fields.birthDate, ctx.today);
  return message ? { [`${prefix}birthDate`]: message } : {};
}

function insertGuardian(tx: Tx, ctx: CommandContext, guardianId: string, fields: GuardianFields): void {
  tx.insert(guardians)
    .values({ id: guardianId, ...fields, createdAt: ctx.now, updatedAt: ctx.now })
    .run();
}

function linkGuardian(tx: Tx, ctx: CommandContext, householdId: string, guardianId: string, receivesInvoices: boolean) {
  tx.insert(householdGuardians)
    .values({ id: `${householdId}:${guardianId}`, householdId, guardianId, receivesInvoices, createdAt: ctx.now })
    .run();
}

function insertChild(tx: Tx, ctx: CommandContext, childId: string, fields: ChildFields): void {
  tx.insert(children)
    .values({ id: childId, ...fields, createdAt: ctx.now, updatedAt: ctx.now })
    .run();
}

function linkChild(tx: Tx, ctx: CommandContext, householdId: string, childId: string): void {
  tx.insert(householdChildren)
    .values({ id: `${householdId}:${childId}`, householdId, childId, createdAt: ctx.now })
    .run();
}

function setRelationship(tx: Tx, ctx: CommandContext, guardianId: string, childId: string, rel: string): void {
  const value = rel as (typeof relationships)[number];
  tx.insert(guardianChildren)
    .values({ id: `${guardianId}:${childId}`, guardianId, childId, relationship: value, createdAt: ctx.now })
    .onConflictDoUpdate({ target: [guardianChildren.guardianId, guardianChildren.childId], set: { relationship: value } })
    .run();
}

export const householdCreate = defineCommand({
  name: 'household.create',
  kind: 'fact',
  newIds: ['householdId', 'guardians[].guardianId', 'children[].childId'],
  input: z.object({
    householdId: id,
    name: optionalText(100),
    notes: optionalText(2000),
    guardians: z
      .array(
        z.intersection(
          guardianFields,
          z.object({ guardianId: id, receivesInvoices: z.boolean().default(true), relationship: relationship.default('other') }),
        ),
      )
      .min(1, { error: 'Un foyer a au moins un responsable légal.' })
      .max(4),
    children: z
      .array(z.intersection(childFields, z.object({ childId: id })))
      .max(12)
      .default([]),
  }),
  handler(tx, input, ctx): Result<{ householdId: string }> {
    const fieldErrors = Object.assign({}, ...input.children.map((c, i) => childCheck(c, ctx, `children.${i}.`)));
    if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
    if (householdExists(tx, input.householdId)) return fail('conflict', 'Ce foyer existe déjà.');
    const first = input.guardians[0]!;
    const name = input.name || first.lastName.toUpperCase();
    tx.insert(households)
      .values({ id: input.householdId, name, notes: input.notes, createdAt: ctx.now, updatedAt: ctx.now })
      .run();
    audit(tx, ctx, 'household.create', {
      entity: 'household',
      entityId: input.householdId,
      householdId: input.householdId,
      changes: { name },
    });
    for (const { guardianId, receivesInvoices, relationship: _rel, ...fields } of input.guardians) {
      insertGuardian(tx, ctx, guardianId, fields);
      linkGuardian(tx, ctx, input.householdId, guardianId, receivesInvoices);
      audit(tx, ctx, 'household.create', {
        entity: 'guardian',
        entityId: guardianId,
        householdId: input.householdId,
        changes: fields,
      });
    }
    for (const { childId, ...fields } of input.children) {
      insertChild(tx, ctx, childId, fields);
      linkChild(tx, ctx, input.householdId, childId);
      for (const g of input.guardians) setRelationship(tx, ctx, g.guardianId, childId, g.relationship);
      audit(tx, ctx, 'household.create', { entity: 'child', entityId: childId, householdId: input.householdId, changes: fields });
    }
    return ok({ householdId: input.householdId });
  },
});

export const householdUpdate = defineCommand({
  name: 'household.update',
  kind: 'fact',
  input: z.object({ householdId: id, name: required(), notes: optionalText(2000) }),
  handler(tx, input, ctx): Result<null> {
    const before = tx.select().from(households).where(eq(households.id, input.householdId)).get();
    if (!before) return fail('notFound', 'Foyer introuvable.');
    const changes = diff(before, { name: input.name, notes: input.notes });
    if (Object.keys(changes).length === 0) return ok(null);
    tx.update(households)
      .set({ name: input.name, notes: input.notes, updatedAt: ctx.now })
      .where(eq(households.id, input.householdId))
      .run();
    audit(tx, ctx, 'household.update', {
      entity: 'household',
      entityId: input.householdId,
      householdId: input.householdId,
      changes,
    });
    return ok(null);
  },
});

export const householdArchive = defineCommand({
  name: 'household.archive',
  kind: 'fact',
  input: z.object({ householdId: id, reason: optionalText(500) }),
  handler(tx, input, ctx): Result<null> {
    const before = tx.select().from(households).where(eq(households.id, input.householdId)).get();
    if (!before) return fail('notFound', 'Foyer introuvable.');
    if (before.archivedAt) return fail('conflict', 'Ce foyer est déjà archivé.');
    tx.update(households)
      .set({ archivedAt: ctx.now, archiveReason: input.reason, updatedAt: ctx.now })
      .where(eq(households.id, input.householdId))
      .run();
    audit(tx, ctx, 'household.archive', {
      entity: 'household',
      entityId: input.householdId,
      householdId: input.householdId,
      reason: input.reason,
    });
    return ok(null);
  },
});

export const householdRestore = defineCommand({
  name: 'household.restore',
  kind: 'fact',
  input: z.object({ householdId: id }),
  handler(tx, input, ctx): Result<null> {
    const before = tx.select().from(households).where(eq(households.id, input.householdId)).get();
    if (!before) return fail('notFound', 'Foyer introuvable.');
    if (!before.archivedAt) return fail('conflict', "Ce foyer n'est pas archivé.");
    tx.update(households)
      .set({ archivedAt: null, archiveReason: null, updatedAt: ctx.now })
      .where(eq(households.id, input.householdId))
      .run();
    audit(tx, ctx, 'household.restore', { entity: 'household', entityId: input.householdId, householdId: input.householdId });
    return ok(null);
  },
});

export const guardianAdd = defineCommand({
  name: 'guardian.add',
  kind: 'fact',
  newIds: ['guardianId'],
  input: z.intersection(
    guardianFields,
    z.object({
      householdId: id,
      guardianId: id,
      receivesInvoices: z.boolean().default(false),
      relationship: relationship.default('other'),
    }),
  ),
  handler(tx, input, ctx): Result<{ guardianId: string }> {
    const { householdId, guardianId, receivesInvoices, relationship: rel, ...fields } = input;
    if (!householdExists(tx, householdId)) return fail('notFound', 'Foyer introuvable.');
    if (tx.select({ id: guardians.id }).from(guardians).where(eq(guardians.id, guardianId)).get()) {
      return fail('conflict', 'Ce responsable existe déjà.');
    }
    insertGuardian(tx, ctx, guardianId, fields);
    linkGuardian(tx, ctx, householdId, guardianId, receivesInvoices);
    const kids = tx
      .select({ childId: householdChildren.childId })
      .from(householdChildren)
      .where(eq(householdChildren.householdId, householdId))
      .all();
    for (const { childId } of kids) setRelationship(tx, ctx, guardianId, childId, rel);
    audit(tx, ctx, 'guardian.add', { entity: 'guardian', entityId: guardianId, householdId, changes: fields });
    return ok({ guardianId });
  },
});

/** Separated parents: an existing guardian of another household joins this one too. */
export const guardianLink = defineCommand({
  name: 'guardian.link',
  kind: 'fact',
  input: z.object({ householdId: id, guardianId: id, receivesInvoices: z.boolean().default(false) }),
  handler(tx, input, ctx): Result<null> {
    if (!householdExists(tx, input.householdId)) return fail('notFound', 'Foyer introuvable.');
    if (!tx.select({ id: guardians.id }).from(guardians).where(eq(guardians.id, input.guardianId)).get()) {
      return fail('notFound', 'Responsable introuvable.');
    }
    const existing = tx
      .select({ id: householdGuardians.id })
      .from(householdGuardians)
      .where(and(eq(householdGuardians.householdId, input.householdId), eq(householdGuardians.guardianId, input.guardianId)))
      .get();
    if (existing) return fail('conflict', 'Ce responsable fait déjà partie du foyer.');
    linkGuardian(tx, ctx, input.householdId, input.guardianId, input.receivesInvoices);
    audit(tx, ctx, 'guardian.link', { entity: 'guardian', entityId: input.guardianId, householdId: input.householdId });
    return ok(null);
  },
});

export const guardianUpdate = defineCommand({
  name: 'guardian.update',
  kind: 'fact',
  input: z.intersection(guardianFields, z.object({ guardianId: id })),
  handler(tx, input, ctx): Result<null> {
    const { guardianId, ...fields } = input;
    const before = tx.select().from(guardians).where(eq(guardians.id, guardianId)).get();
    if (!before) return fail('notFound', 'Responsable introuvable.');
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return ok(null);
    tx.update(guardians)
      .set({ ...fields, updatedAt: ctx.now })
      .where(eq(guardians.id, guardianId))
      .run();
    for (const { householdId } of householdsOfGuardian(tx, guardianId)) {
      audit(tx, ctx, 'guardian.update', { entity: 'guardian', entityId: guardianId, householdId, changes });
    }
    return ok(null);
  },
});

function householdsOfGuardian(tx: Tx, guardianId: string) {
  return tx
    .select({ householdId: householdGuardians.householdId })
    .from(householdGuardians)
    .where(eq(householdGuardians.guardianId, guardianId))
    .all();
}

function householdsOfChild(tx: Tx, childId: string) {
  return tx
    .select({ householdId: householdChildren.householdId })
    .from(householdChildren)
    .where(eq(householdChildren.childId, childId))
    .all();
}

export const guardianSetReceivesInvoices = defineCommand({
  name: 'guardian.setReceivesInvoices',
  kind: 'fact',
  input: z.object({ householdId: id, guardianId: id, receivesInvoices: z.boolean() }),
  handler(tx, input, ctx): Result<null> {
    const where = and(eq(householdGuardians.householdId, input.householdId), eq(householdGuardians.guardianId, input.guardianId));
    const link = tx.select().from(householdGuardians).where(where).get();
    if (!link) return fail('notFound', 'Ce responsable ne fait pas partie du foyer.');
    if (link.receivesInvoices === input.receivesInvoices) return ok(null);
    tx.update(householdGuardians).set({ receivesInvoices: input.receivesInvoices }).where(where).run();
    audit(tx, ctx, 'guardian.setReceivesInvoices', {
      entity: 'guardian',
      entityId: input.guardianId,
      householdId: input.householdId,
      changes: { receivesInvoices: [link.receivesInvoices, input.receivesInvoices] },
    });
    return ok(null);
  },
});

export const guardianDetach = defineCommand({
  name: 'guardian.detach',
  kind: 'fact',
  input: z.object({ householdId: id, guardianId: id }),
  handler(tx, input, ctx): Result<null> {
    const where = and(eq(householdGuardians.householdId, input.householdId), eq(householdGuardians.guardianId, input.guardianId));
    if (!tx.select().from(householdGuardians).where(where).get())
      return fail('notFound', 'Ce responsable ne fait pas partie du foyer.');
    const [{ n } = { n: 0 }] = tx
      .select({ n: count() })
      .from(householdGuardians)
      .where(eq(householdGuardians.householdId, input.householdId))
      .all();
    if (n <= 1) return fail('conflict', 'Un foyer garde au moins un responsable légal.');
    tx.delete(householdGuardians).where(where).run();
    audit(tx, ctx, 'guardian.detach', { entity: 'guardian', entityId: input.guardianId, householdId: input.householdId });
    return ok(null);
  },
});

export const childAdd = defineCommand({
  name: 'child.add',
  kind: 'fact',
  newIds: ['childId'],
  input: z.intersection(
    childFields,
    z.object({
      householdId: id,
      childId: id,
      relationships: z.array(z.object({ guardianId: id, relationship })).default([]),
    }),
  ),
  handler(tx, input, ctx): Result<{ childId: string }> {
    const { householdId, childId, relationships: rels, ...fields } = input;
    const errors = childCheck(fields, ctx, '');
    if (Object.keys(errors).length > 0) return invalid(errors);
    if (!householdExists(tx, householdId)) return fail('notFound', 'Foyer introuvable.');
    if (tx.select({ id: children.id }).from(children).where(eq(children.id, childId)).get())
      return fail('conflict', 'Cet enfant existe déjà.');
    insertChild(tx, ctx, childId, fields);
    linkChild(tx, ctx, householdId, childId);
    const members = new Set(
      tx
        .select({ g: householdGuardians.guardianId })
        .from(householdGuardians)
        .where(eq(householdGuardians.householdId, householdId))
        .all()
        .map((r) => r.g),
    );
    for (const r of rels) {
      if (!members.has(r.guardianId)) return fail('notFound', 'Ce responsable ne fait pas partie du foyer.');
      setRelationship(tx, ctx, r.guardianId, childId, r.relationship);
    }
    audit(tx, ctx, 'child.add', { entity: 'child', entityId: childId, householdId, changes: fields });
    return ok({ childId });
  },
});

/** Separated parents: a child already known in one household is attached to another one too. */
export const childLink = defineCommand({
  name: 'child.link',
  kind: 'fact',
  input: z.object({ householdId: id, childId: id }),
  handler(tx, input, ctx): Result<null> {
    if (!householdExists(tx, input.householdId)) return fail('notFound', 'Foyer introuvable.');
    if (!tx.select({ id: children.id }).from(children).where(eq(children.id, input.childId)).get())
      return fail('notFound', 'Enfant introuvable.');
    const linked = tx
      .select({ id: householdChildren.id })
      .from(householdChildren)
      .where(and(eq(householdChildren.householdId, input.householdId), eq(householdChildren.childId, input.childId)))
      .get();
    if (linked) return fail('conflict', 'Cet enfant fait déjà partie du foyer.');
    linkChild(tx, ctx, input.householdId, input.childId);
    audit(tx, ctx, 'child.link', { entity: 'child', entityId: input.childId, householdId: input.householdId });
    return ok(null);
  },
});

export const childUpdate = defineCommand({
  name: 'child.update',
  kind: 'fact',
  input: z.intersection(childFields, z.object({ childId: id })),
  handler(tx, input, ctx): Result<null> {
    const { childId, ...fields } = input;
    const errors = childCheck(fields, ctx, '');
    if (Object.keys(errors).length > 0) return invalid(errors);
    const before = tx.select().from(children).where(eq(children.id, childId)).get();
    if (!before) return fail('notFound', 'Enfant introuvable.');
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return ok(null);
    tx.update(children)
      .set({ ...fields, updatedAt: ctx.now })
      .where(eq(children.id, childId))
      .run();
    for (const { householdId } of householdsOfChild(tx, childId)) {
      audit(tx, ctx, 'child.update', { entity: 'child', entityId: childId, householdId, changes });
    }
    return ok(null);
  },
});

export const childSetRelationship = defineCommand({
  name: 'child.setRelationship',
  kind: 'fact',
  input: z.object({ childId: id, guardianId: id, relationship }),
  handler(tx, input, ctx): Result<null> {
    if (!tx.select({ id: children.id }).from(children).where(eq(children.id, input.childId)).get())
      return fail('notFound', 'Enfant introuvable.');
    if (!tx.select({ id: guardians.id }).from(guardians).where(eq(guardians.id, input.guardianId)).get())
      return fail('notFound', 'Responsable introuvable.');
    setRelationship(tx, ctx, input.guardianId, input.childId, input.relationship);
    for (const { householdId } of householdsOfChild(tx, input.childId)) {
      audit(tx, ctx, 'child.setRelationship', {
        entity: 'child',
        entityId: input.childId,
        householdId,
        changes: { guardianId: input.guardianId, relationship: input.relationship },
      });
    }
    return ok(null);
  },
});

/** Replaces the child's list of pick-up persons and emergency contacts (ids kept for the ones that stay). */
export const childSetContacts = defineCommand({
  name: 'child.setContacts',
  kind: 'fact',
  newIds: ['contacts[].contactId'],
  input: z.object({ childId: id, contacts: z.array(contactFields).max(20) }),
  handler(tx, input, ctx): Result<null> {
    if (!tx.select({ id: children.id }).from(children).where(eq(children.id, input.childId)).get())
      return fail('notFound', 'Enfant introuvable.');
    const fieldErrors: Record<string, string> = {};
    input.contacts.forEach((c, i) => {
      if (c.pickup === 'forbidden' && c.emergencyContact) {
        fieldErrors[`contacts.${i}.emergencyContact`] = "Une personne interdite ne peut pas être contact d'urgence.";
      }
      if (c.emergencyContact && !c.phone) fieldErrors[`contacts.${i}.phone`] = "Un contact d'urgence a un numéro de téléphone.";
    });
    if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
    const before = tx.select().from(childContacts).where(eq(childContacts.childId, input.childId)).all();
    const kept = new Set(input.contacts.map((c) => c.contactId));
    for (const old of before) {
      if (!kept.has(old.id)) tx.delete(childContacts).where(eq(childContacts.id, old.id)).run();
    }
    const beforeIds = new Set(before.map((c) => c.id));
    for (const { contactId } of input.contacts) {
      // An id of another child's contact must not be rewritten through this child.
      if (
        !beforeIds.has(contactId) &&
        tx.select({ id: childContacts.id }).from(childContacts).where(eq(childContacts.id, contactId)).get()
      ) {
        return fail('conflict', 'Ce contact appartient à un autre enfant.');
      }
    }
    input.contacts.forEach(({ contactId, ...fields }, position) => {
      tx.insert(childContacts)
        .values({ id: contactId, childId: input.childId, ...fields, position, createdAt: ctx.now, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: childContacts.id, set: { ...fields, position, updatedAt: ctx.now } })
        .run();
    });
    const after = input.contacts.map(
      (c) => `${c.name} (${c.pickup === 'forbidden' ? 'interdit' : c.pickup === 'allowed' ? 'autorisé' : 'contact'})`,
    );
    for (const { householdId } of householdsOfChild(tx, input.childId)) {
      audit(tx, ctx, 'child.setContacts', {
        entity: 'child',
        entityId: input.childId,
        householdId,
        changes: { contacts: [before.map((c) => c.name), after] },
      });
    }
    return ok(null);
  },
});

export const familyQuotientRecord = defineCommand({
  name: 'familyQuotient.record',
  kind: 'fact',
  newIds: ['quotientId'],
  input: z
    .object({
      householdId: id,
      quotientId: id,
      value: z
        .number({ error: 'Indiquez le quotient familial.' })
        .int({ error: 'Un nombre entier.' })
        .min(0, { error: 'Pas de valeur négative.' })
        .max(100_000, { error: 'Valeur invraisemblable.' }),
      organisation: z.enum(['CAF', 'MSA'], { error: 'CAF ou MSA.' }),
      allowanceNumber: z
        .string()
        .trim()
        .default('')
        .refine((v) => v === '' || /^\d{4,10}$/.test(v), { error: "Numéro d'allocataire : de 4 à 10 chiffres." }),
      validFrom: isoDate,
      validTo: isoDate,
    })
    .refine((q) => q.validTo >= q.validFrom, { path: ['validTo'], error: 'La fin de validité suit le début.' }),
  handler(tx, input, ctx): Result<{ quotientId: string }> {
    if (!householdExists(tx, input.householdId)) return fail('notFound', 'Foyer introuvable.');
    const { quotientId, ...fields } = input;
    tx.insert(familyQuotients)
      .values({ id: quotientId, ...fields, createdAt: ctx.now })
      .run();
    audit(tx, ctx, 'familyQuotient.record', {
      entity: 'familyQuotient',
      entityId: quotientId,
      householdId: input.householdId,
      changes: fields,
    });
    return ok({ quotientId });
  },
});

/** Mes coordonnées: a parent updates their own address, phones and e-mail from the portal. */
export const contactUpdateByParent = defineCommand({
  name: 'contact.updateByParent',
  kind: 'request',
  input: z
    .object({
      guardianId: id,
      addressLine1: optionalText(200),
      addressLine2: optionalText(200),
      postalCode,
      city: optionalText(100),
      mobilePhone: phone,
      homePhone: phone,
      workPhone: phone,
      email,
    })
    .superRefine((g, ctx) => {
      if (!g.mobilePhone && !g.homePhone && !g.workPhone) {
        ctx.addIssue({ code: 'custom', path: ['mobilePhone'], message: 'Indiquez au moins un numéro de téléphone.' });
      }
    }),
  handler(tx, input, ctx): Result<null> {
    if (ctx.actor.kind !== 'parent' || ctx.actor.id !== input.guardianId)
      return fail('forbidden', 'Seul le responsable lui-même modifie ses coordonnées ici.');
    const before = tx.select().from(guardians).where(eq(guardians.id, input.guardianId)).get();
    if (!before) return fail('notFound', 'Responsable introuvable.');
    const { guardianId, ...fields } = input;
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return ok(null);
    tx.update(guardians)
      .set({ ...fields, updatedAt: ctx.now })
      .where(eq(guardians.id, guardianId))
      .run();
    for (const { householdId } of householdsOfGuardian(tx, guardianId)) {
      audit(tx, ctx, 'contact.updateByParent', {
        entity: 'guardian',
        entityId: guardianId,
        householdId,
        changes,
        reason: 'Modifié par la famille',
      });
    }
    return ok(null);
  },
});

export const familyCommands = [
  contactUpdateByParent,
  householdCreate,
  householdUpdate,
  householdArchive,
  householdRestore,
  guardianAdd,
  guardianLink,
  guardianUpdate,
  guardianSetReceivesInvoices,
  guardianDetach,
  childAdd,
  childLink,
  childUpdate,
  childSetRelationship,
  childSetContacts,
  familyQuotientRecord,
] as const;
