// The replicated tables: one drizzle schema for every desk and the hub.
// Invariants (see ARCHITECTURE.md, "Sync pitfalls"): text primary keys generated where the command is
// created (never AUTOINCREMENT, never changed after insert); tables are STRICT (added to the generated SQL by
// scripts/strict-migrations.mjs); no BLOB and no 64-bit integer columns; booleans are 0/1 integers.
// Every table here must be listed in `replicatedTables` (registry.ts); local-only tables start with `_`.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** Foyer: the unit that is billed and owns a portal space. Archived, never deleted. */
export const households = sqliteTable(
  'households',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    notes: text('notes').notNull().default(''),
    archivedAt: text('archived_at'),
    archiveReason: text('archive_reason'),
    ...timestamps,
  },
  (t) => [index('households_name_idx').on(t.name)],
);

/** Responsable légal. May belong to several households (separated parents, each with their own household). */
export const guardians = sqliteTable('guardians', {
  id: text('id').primaryKey(),
  civility: text('civility', { enum: ['M.', 'Mme'] }).notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  birthName: text('birth_name').notNull().default(''),
  addressLine1: text('address_line1').notNull().default(''),
  addressLine2: text('address_line2').notNull().default(''),
  postalCode: text('postal_code').notNull().default(''),
  city: text('city').notNull().default(''),
  /** Phones are stored in E.164 (`+33612345678`); displayed in national format. */
  mobilePhone: text('mobile_phone').notNull().default(''),
  homePhone: text('home_phone').notNull().default(''),
  workPhone: text('work_phone').notNull().default(''),
  employerName: text('employer_name').notNull().default(''),
  employerPhone: text('employer_phone').notNull().default(''),
  email: text('email').notNull().default(''),
  ...timestamps,
});

export const householdGuardians = sqliteTable(
  'household_guardians',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    guardianId: text('guardian_id')
      .notNull()
      .references(() => guardians.id),
    receivesInvoices: integer('receives_invoices', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('household_guardians_pair_uq').on(t.householdId, t.guardianId),
    index('household_guardians_guardian_idx').on(t.guardianId),
  ],
);

export const schoolLevels = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;
export const diets = ['none', 'noPork', 'noMeat', 'glutenFree'] as const;

export const children = sqliteTable('children', {
  id: text('id').primaryKey(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  birthDate: text('birth_date').notNull(),
  sex: text('sex', { enum: ['F', 'M'] }),
  schoolName: text('school_name').notNull().default(''),
  schoolLevel: text('school_level', { enum: schoolLevels }),
  className: text('class_name').notNull().default(''),
  diet: text('diet', { enum: diets }).notNull().default('none'),
  allergies: text('allergies').notNull().default(''),
  hasCareplan: integer('has_careplan', { mode: 'boolean' }).notNull().default(false),
  careplanNote: text('careplan_note').notNull().default(''),
  doctorName: text('doctor_name').notNull().default(''),
  doctorPhone: text('doctor_phone').notNull().default(''),
  photoConsent: integer('photo_consent', { mode: 'boolean' }).notNull().default(false),
  ...timestamps,
});

/** A child may belong to two households; each household is billed on its own. */
export const householdChildren = sqliteTable(
  'household_children',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('household_children_pair_uq').on(t.householdId, t.childId),
    index('household_children_child_idx').on(t.childId),
  ],
);

export const relationships = ['mother', 'father', 'legalGuardian', 'other'] as const;

/** Lien de parenté between a guardian and a child. */
export const guardianChildren = sqliteTable(
  'guardian_children',
  {
    id: text('id').primaryKey(),
    guardianId: text('guardian_id')
      .notNull()
      .references(() => guardians.id),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    relationship: text('relationship', { enum: relationships }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('guardian_children_pair_uq').on(t.guardianId, t.childId),
    index('guardian_children_child_idx').on(t.childId),
  ],
);

/** Personnes autorisées / interdites à récupérer l'enfant, contacts d'urgence. */
export const childContacts = sqliteTable(
  'child_contacts',
  {
    id: text('id').primaryKey(),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    link: text('link').notNull().default(''),
    /** `allowed`: may pick the child up; `forbidden`: must never be given the child; `none`: neither. */
    pickup: text('pickup', { enum: ['allowed', 'forbidden', 'none'] }).notNull(),
    emergencyContact: integer('emergency_contact', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('child_contacts_child_idx').on(t.childId)],
);

/** Quotient familial: one row per recorded value, history kept (never updated, never deleted). */
export const familyQuotients = sqliteTable(
  'family_quotients',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    value: integer('value').notNull(),
    organisation: text('organisation', { enum: ['CAF', 'MSA'] }).notNull(),
    allowanceNumber: text('allowance_number').notNull().default(''),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('family_quotients_household_idx').on(t.householdId, t.validFrom)],
);

/** Journal des modifications: who changed what, when, from where. Written by commands only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    actorKind: text('actor_kind', { enum: ['staff', 'parent', 'system'] }).notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    deskId: text('desk_id').notNull().default(''),
    command: text('command').notNull(),
    householdId: text('household_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** JSON: `{ field: [before, after] }` for updates, the created values for inserts. */
    changes: text('changes').notNull().default('{}'),
    reason: text('reason').notNull().default(''),
  },
  (t) => [index('audit_log_household_idx').on(t.householdId, t.at)],
);
