// Dossier annuel d'inscription: each spring and summer a family confirms, for a school year, its children's
// health sheet (fiche sanitaire), photo consent and authorised pick-up persons, and accepts the latest version
// of the règlement intérieur (recorded with its version and time). Staff then accept the file or refuse it
// with a reason. One file per household and school year: submitting again replaces the previous submission.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { childContacts, children, diets, householdFiles, householdGuardians, households, rulesAcceptances } from '../db/schema';
import { nextSchoolYear, schoolYearOf } from '../domain/enrolment';
import { foldText } from '../domain/search';
import { optionalText, phone, required } from '../domain/validation';
import { fail, invalid, ok, type Result } from '../result';
import { audit, diff } from './audit';
import { latestRules } from './documents';
import { childSetContacts } from './families';
import { postFamilyMessage, staffOnly } from './familyMessages';
import { childOfHousehold, parentMayAct } from './reservations';
import { defineCommand, type CommandContext, type Tx } from './types';

const id = z.string().min(1).max(64);

const contact = z.object({
  name: required(150),
  phone,
  link: optionalText(100),
  pickup: z.enum(['allowed', 'forbidden', 'none']),
  emergencyContact: z.boolean().default(false),
});

const childSheet = z.object({
  childId: id,
  diet: z.enum(diets).default('none'),
  allergies: optionalText(1000),
  hasCareplan: z.boolean().default(false),
  careplanNote: optionalText(2000),
  doctorName: optionalText(150),
  doctorPhone: phone,
  photoConsent: z.boolean().default(false),
  contacts: z.array(contact).max(20).default([]),
});

export const householdFileSubmit = defineCommand({
  name: 'householdFile.submit',
  kind: 'request',
  newIds: ['fileId'],
  input: z.object({
    fileId: id,
    householdId: id,
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/, { error: 'Année scolaire invalide (format 2026-2027).' }),
    guardianId: id,
    rulesVersionId: id,
    children: z.array(childSheet).max(12).default([]),
  }),
  handler(tx, input, ctx): Result<{ fileId: string }> {
    const isParent = ctx.actor.kind === 'parent';
    if (isParent && !parentMayAct(ctx, input.householdId)) return fail('notFound', 'Foyer introuvable.');
    if (isParent && ctx.actor.id !== input.guardianId)
      return fail('forbidden', 'Le règlement est accepté par le responsable connecté.');
    const household = tx.select().from(households).where(eq(households.id, input.householdId)).get();
    if (!household) return fail('notFound', 'Foyer introuvable.');
    if (household.archivedAt) return fail('conflict', 'Ce foyer est archivé.');
    const current = schoolYearOf(ctx.today);
    if (input.schoolYear !== current && input.schoolYear !== nextSchoolYear(current))
      return fail('invalid', `Le dossier se remplit pour l'année ${current} ou ${nextSchoolYear(current)}.`);
    const member = tx
      .select({ id: householdGuardians.id })
      .from(householdGuardians)
      .where(and(eq(householdGuardians.householdId, input.householdId), eq(householdGuardians.guardianId, input.guardianId)))
      .get();
    if (!member) return fail('notFound', 'Ce responsable ne fait pas partie du foyer.');
    const rules = latestRules(tx);
    if (!rules) return fail('conflict', "Le règlement intérieur n'est pas encore publié : réessayez plus tard.");
    if (rules.id !== input.rulesVersionId)
      return fail('conflict', `Le règlement intérieur a changé : lisez et acceptez la version ${rules.version}.`);
    const seen = new Set<string>();
    for (const sheet of input.children) {
      if (seen.has(sheet.childId)) return fail('invalid', 'Un enfant figure deux fois dans le dossier.');
      seen.add(sheet.childId);
      if (!childOfHousehold(tx, input.householdId, sheet.childId))
        return fail('notFound', "Cet enfant n'appartient pas à ce foyer.");
    }

    const reason = isParent ? 'Modifié par la famille' : '';
    let contactSeq = 0;
    for (const [index, sheet] of input.children.entries()) {
      applySheet(tx, ctx, input.householdId, sheet, reason);
      const replaced = replaceContacts(tx, ctx, sheet.childId, sheet.contacts, () => `${ctx.commandId}:${++contactSeq}`);
      if (!replaced.ok) {
        const prefixed = Object.fromEntries(
          Object.entries(replaced.fieldErrors ?? {}).map(([k, v]) => [`children.${index}.${k}`, v]),
        );
        return Object.keys(prefixed).length > 0 ? invalid(prefixed) : replaced;
      }
    }

    tx.insert(rulesAcceptances)
      .values({
        id: `${input.householdId}:${input.guardianId}:${rules.id}`,
        householdId: input.householdId,
        guardianId: input.guardianId,
        rulesVersionId: rules.id,
        acceptedAt: ctx.now,
      })
      .onConflictDoNothing({
        target: [rulesAcceptances.householdId, rulesAcceptances.guardianId, rulesAcceptances.rulesVersionId],
      })
      .run();
    audit(tx, ctx, 'householdFile.submit', {
      entity: 'rulesVersion',
      entityId: rules.id,
      householdId: input.householdId,
      changes: { accepted: `Règlement intérieur version ${rules.version}`, guardianId: input.guardianId, at: ctx.now },
      reason,
    });

    const existing = tx
      .select()
      .from(householdFiles)
      .where(and(eq(householdFiles.householdId, input.householdId), eq(householdFiles.schoolYear, input.schoolYear)))
      .get();
    const submitted = {
      status: 'submitted' as const,
      reason: '',
      submittedAt: ctx.now,
      submittedBy: ctx.actor.name,
      decidedAt: null,
      decidedBy: '',
      updatedAt: ctx.now,
    };
    const fileId = existing?.id ?? input.fileId;
    if (existing) tx.update(householdFiles).set(submitted).where(eq(householdFiles.id, existing.id)).run();
    else
      tx.insert(householdFiles)
        .values({ id: fileId, householdId: input.householdId, schoolYear: input.schoolYear, ...submitted, createdAt: ctx.now })
        .run();
    audit(tx, ctx, 'householdFile.submit', {
      entity: 'householdFile',
      entityId: fileId,
      householdId: input.householdId,
      changes: { schoolYear: input.schoolYear, status: [existing?.status ?? null, 'submitted'] },
      reason,
    });
    return ok({ fileId });
  },
});

/** The health sheet and photo consent of one child (only the fields that change, audited). */
function applySheet(tx: Tx, ctx: CommandContext, householdId: string, sheet: z.output<typeof childSheet>, reason: string): void {
  const before = tx.select().from(children).where(eq(children.id, sheet.childId)).get()!;
  const fields = {
    diet: sheet.diet,
    allergies: sheet.allergies,
    hasCareplan: sheet.hasCareplan,
    careplanNote: sheet.careplanNote,
    doctorName: sheet.doctorName,
    doctorPhone: sheet.doctorPhone,
    photoConsent: sheet.photoConsent,
  };
  const changes = diff(before, fields);
  if (Object.keys(changes).length === 0) return;
  tx.update(children)
    .set({ ...fields, updatedAt: ctx.now })
    .where(eq(children.id, sheet.childId))
    .run();
  audit(tx, ctx, 'householdFile.submit', { entity: 'child', entityId: sheet.childId, householdId, changes, reason });
}

/**
 * Replaces the child's contacts through `child.setContacts` (its checks and audit). A contact the family keeps
 * (same name, folded) keeps its id, so a desk's screen and history follow the same person from year to year.
 */
function replaceContacts(
  tx: Tx,
  ctx: CommandContext,
  childId: string,
  contacts: z.output<typeof contact>[],
  newId: () => string,
) {
  const before = tx.select().from(childContacts).where(eq(childContacts.childId, childId)).all();
  const used = new Set<string>();
  const withIds = contacts.map((c) => {
    const same = before.find((b) => !used.has(b.id) && foldText(b.name) === foldText(c.name));
    const contactId = same?.id ?? newId();
    used.add(contactId);
    return { ...c, contactId };
  });
  return childSetContacts.handler(tx, { childId, contacts: withIds }, ctx);
}

function loadFile(tx: Tx, fileId: string) {
  return tx.select().from(householdFiles).where(eq(householdFiles.id, fileId)).get();
}

export const householdFileAccept = defineCommand({
  name: 'householdFile.accept',
  kind: 'request',
  input: z.object({ fileId: id }),
  handler(tx, input, ctx): Result<null> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const file = loadFile(tx, input.fileId);
    if (!file) return fail('notFound', 'Dossier introuvable.');
    if (file.status === 'accepted') return fail('conflict', 'Ce dossier est déjà accepté.');
    tx.update(householdFiles)
      .set({ status: 'accepted', reason: '', decidedAt: ctx.now, decidedBy: ctx.actor.name, updatedAt: ctx.now })
      .where(eq(householdFiles.id, file.id))
      .run();
    audit(tx, ctx, 'householdFile.accept', {
      entity: 'householdFile',
      entityId: file.id,
      householdId: file.householdId,
      changes: { schoolYear: file.schoolYear, status: [file.status, 'accepted'] },
    });
    postFamilyMessage(
      tx,
      ctx,
      file.householdId,
      `Dossier ${file.schoolYear} accepté`,
      `Bonjour,\n\nLa mairie a accepté votre dossier d'inscription pour l'année scolaire ${file.schoolYear}.`,
    );
    return ok(null);
  },
});

export const householdFileRefuse = defineCommand({
  name: 'householdFile.refuse',
  kind: 'request',
  input: z.object({ fileId: id, reason: required(500) }),
  handler(tx, input, ctx): Result<null> {
    const denied = staffOnly(ctx);
    if (denied) return denied;
    const file = loadFile(tx, input.fileId);
    if (!file) return fail('notFound', 'Dossier introuvable.');
    if (file.status === 'refused') return fail('conflict', 'Ce dossier est déjà refusé.');
    tx.update(householdFiles)
      .set({ status: 'refused', reason: input.reason, decidedAt: ctx.now, decidedBy: ctx.actor.name, updatedAt: ctx.now })
      .where(eq(householdFiles.id, file.id))
      .run();
    audit(tx, ctx, 'householdFile.refuse', {
      entity: 'householdFile',
      entityId: file.id,
      householdId: file.householdId,
      changes: { schoolYear: file.schoolYear, status: [file.status, 'refused'] },
      reason: input.reason,
    });
    postFamilyMessage(
      tx,
      ctx,
      file.householdId,
      `Dossier ${file.schoolYear} à compléter`,
      `Bonjour,\n\nLa mairie n'a pas pu accepter votre dossier d'inscription pour l'année scolaire ${file.schoolYear}, pour le motif suivant : ${input.reason}\n\nMerci de le compléter depuis votre espace famille.`,
    );
    return ok(null);
  },
});

export const householdFileCommands = [householdFileSubmit, householdFileAccept, householdFileRefuse] as const;
