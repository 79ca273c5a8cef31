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
    /** `pending`: signed up online by the family, « en attente de validation » until staff validate it. */
    status: text('status', { enum: ['active', 'pending'] })
      .notNull()
      .default('active'),
    ...timestamps,
  },
  (t) => [index('households_name_idx').on(t.name)],
);

/** Responsable légal. May belong to several households (separated parents, each with their own household). */
export const guardians = sqliteTable(
  'guardians',
  {
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
  },
  // For the duplicate-household suggestion (same e-mail, same phone, same family name) when staff validate a
  // family's own sign-up.
  (t) => [
    index('guardians_email_idx').on(t.email),
    index('guardians_mobile_phone_idx').on(t.mobilePhone),
    index('guardians_last_name_idx').on(t.lastName),
  ],
);

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

export const children = sqliteTable(
  'children',
  {
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
  },
  (t) => [index('children_birth_date_idx').on(t.birthDate)],
);

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

// ——— Activities, calendar and reservations ———

export const activityKinds = ['periscolaire', 'canteen', 'wednesday', 'holiday'] as const;

/** Activité: cantine, accueil périscolaire, mercredi, accueil de loisirs. */
export const activities = sqliteTable('activities', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: activityKinds }).notNull(),
  /** Which days the activity opens on: `schoolDays`, `wednesdays` or `holidays` (see domain/schoolCalendar). */
  openOn: text('open_on', { enum: ['schoolDays', 'wednesdays', 'holidays'] }).notNull(),
  /** JSON ActivityDeadlines (domain/deadlines): booking and cancellation rules. */
  deadlines: text('deadlines').notNull(),
  position: integer('position').notNull().default(0),
  archivedAt: text('archived_at'),
  /** How many children may be enrolled at once (null: no limit); beyond it requests go on the waiting list. */
  enrolmentCapacity: integer('enrolment_capacity'),
  /** The hub accepts an online enrolment request by itself when every required document is valid and places remain. */
  autoAccept: integer('auto_accept', { mode: 'boolean' }).notNull().default(false),
  /** Families may request this activity from the portal. */
  onlineEnrolment: integer('online_enrolment', { mode: 'boolean' }).notNull().default(true),
  ...timestamps,
});

/** Unité: what is booked and billed (matin, repas, soir, journée, demi-journée…). */
export const activityUnits = sqliteTable(
  'activity_units',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    name: text('name').notNull(),
    startTime: text('start_time').notNull().default(''),
    endTime: text('end_time').notNull().default(''),
    /** JSON arrays of unit ids of the same activity (domain/units). */
    implies: text('implies').notNull().default('[]'),
    excludes: text('excludes').notNull().default('[]'),
    position: integer('position').notNull().default(0),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('activity_units_activity_idx').on(t.activityId)],
);

/** Groupe (maternelle, élémentaire…): capacity is counted per unit, group and day. */
export const activityGroups = sqliteTable(
  'activity_groups',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    name: text('name').notNull(),
    /** JSON array of school levels (TPS…CM2) that fall in this group. */
    levels: text('levels').notNull().default('[]'),
    position: integer('position').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('activity_groups_activity_idx').on(t.activityId)],
);

/** Default capacity of a (unit, group); `capacity_exceptions` override it on given days. */
export const unitCapacities = sqliteTable(
  'unit_capacities',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => activityUnits.id),
    groupId: text('group_id')
      .notNull()
      .references(() => activityGroups.id),
    capacity: integer('capacity').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('unit_capacities_pair_uq').on(t.unitId, t.groupId)],
);

export const capacityExceptions = sqliteTable(
  'capacity_exceptions',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => activityUnits.id),
    groupId: text('group_id')
      .notNull()
      .references(() => activityGroups.id),
    date: text('date').notNull(),
    capacity: integer('capacity').notNull(),
    reason: text('reason').notNull().default(''),
    ...timestamps,
  },
  (t) => [uniqueIndex('capacity_exceptions_slot_uq').on(t.unitId, t.groupId, t.date)],
);

/** A school year of the commune's zone: rentrée and holidays (JSON HolidayPeriod[]), editable by admins. */
export const schoolYears = sqliteTable('school_years', {
  id: text('id').primaryKey(),
  rentree: text('rentree').notNull(),
  holidays: text('holidays').notNull().default('[]'),
  ...timestamps,
});

/** Days closed by the commune (all activities when activity_id is null). */
export const closures = sqliteTable(
  'closures',
  {
    id: text('id').primaryKey(),
    date: text('date').notNull(),
    activityId: text('activity_id').references(() => activities.id),
    reason: text('reason').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('closures_date_idx').on(t.date)],
);

export const tariffCategories = ['resident', 'nonResident'] as const;

/** Inscription: a child allowed on an activity for a period, with a tariff category. */
export const enrolments = sqliteTable(
  'enrolments',
  {
    id: text('id').primaryKey(),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    /** Null: the group follows the child's school level. */
    groupId: text('group_id').references(() => activityGroups.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    tariffCategory: text('tariff_category', { enum: tariffCategories }).notNull(),
    ...timestamps,
  },
  (t) => [index('enrolments_child_idx').on(t.childId, t.activityId)],
);

export const bookingStatuses = ['booked', 'waitlisted', 'cancelled', 'attended', 'absent'] as const;

/**
 * Réservation: a child on a unit on a day, billed to one household. One row per (child, unit, date), reused
 * when a cancelled day is booked again. `requested_at` orders the waiting list (FIFO, ties by id).
 */
export const bookings = sqliteTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    unitId: text('unit_id')
      .notNull()
      .references(() => activityUnits.id),
    groupId: text('group_id')
      .notNull()
      .references(() => activityGroups.id),
    date: text('date').notNull(),
    status: text('status', { enum: bookingStatuses }).notNull(),
    requestedAt: text('requested_at').notNull(),
    requestedBy: text('requested_by', { enum: ['staff', 'parent', 'system'] }).notNull(),
    /** Staff booked beyond capacity, with this reason. */
    forcedReason: text('forced_reason').notNull().default(''),
    /** Staff acted after the deadline, with this reason. */
    deadlineOverrideReason: text('deadline_override_reason').notNull().default(''),
    cancelReason: text('cancel_reason', { enum: ['inTime', 'late', 'sick'] }),
    cancelledAt: text('cancelled_at'),
    /** For `absent`: justified (not billed) or not. */
    absenceJustified: integer('absence_justified', { mode: 'boolean' }).notNull().default(false),
    /** Présence non réservée: the child came without a booking (billed with a surcharge). */
    unbooked: integer('unbooked', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('bookings_child_unit_date_uq').on(t.childId, t.unitId, t.date),
    index('bookings_slot_idx').on(t.unitId, t.date, t.groupId, t.status),
    // The waiting list of a slot in FIFO order (request instant, then id): small, only waiting rows. Queries
    // must say `status = 'waitlisted'` literally for SQLite to use it.
    index('bookings_waitlist_idx')
      .on(t.unitId, t.date, t.groupId, t.requestedAt, t.id)
      .where(sql`status = 'waitlisted'`),
    index('bookings_child_date_idx').on(t.childId, t.date),
    index('bookings_household_date_idx').on(t.householdId, t.date),
  ],
);

/** Things that happened to a booking that the family must hear about (a waitlist promotion…). */
export const bookingEvents = sqliteTable(
  'booking_events',
  {
    id: text('id').primaryKey(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    kind: text('kind', { enum: ['promoted'] }).notNull(),
    at: text('at').notNull(),
    notifiedAt: text('notified_at'),
  },
  (t) => [index('booking_events_household_idx').on(t.householdId, t.at)],
);

// ——— Billing (la régie): tariffs, invoices, credit notes, payments ———
// Money columns are integer cents (`*_cents`). Invoices and credit notes are immutable once issued: no command
// updates their rows; corrections are credit notes, payments are cancelled by reversal rows. Allocations are
// the only billing rows ever updated (a reversal releases them: `released_at`).
// These two imports sit here so that the billing section stays an append-only block of this file.
import { sql } from 'drizzle-orm';
import { check } from 'drizzle-orm/sqlite-core';

/**
 * Tarif of an activity (or of one of its units) for a validity period. `brackets`: JSON TariffBracket[] (QF
 * tranches, resident / non-resident prices in cents); `sibling_reductions`: JSON SiblingReduction[] (see
 * domain/tariffs). Never overlapping for the same (activity, unit).
 */
export const tariffs = sqliteTable(
  'tariffs',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    /** Null: the activity-wide tariff (every unit without a tariff of its own). */
    unitId: text('unit_id').references(() => activityUnits.id),
    label: text('label').notNull().default(''),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    brackets: text('brackets').notNull(),
    siblingReductions: text('sibling_reductions').notNull().default('[]'),
    ...timestamps,
  },
  (t) => [index('tariffs_activity_idx').on(t.activityId, t.validFrom)],
);

/** Penalties of an activity (one row per activity, id = activity id); absent: 100 % late, no surcharge. */
export const activityPenalties = sqliteTable(
  'activity_penalties',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    lateCancellationPercent: integer('late_cancellation_percent').notNull().default(100),
    unbookedSurchargeKind: text('unbooked_surcharge_kind', { enum: ['percent', 'fixed'] })
      .notNull()
      .default('percent'),
    /** A whole percentage (kind percent) or an amount in cents (kind fixed). */
    unbookedSurchargeValue: integer('unbooked_surcharge_value').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('activity_penalties_activity_uq').on(t.activityId)],
);

export const paymentModes = ['cash', 'cheque', 'card', 'cesu', 'ancv', 'transfer', 'directDebit'] as const;

/** The régie's identity as printed on invoices and receipts (one row, id `default`). */
export const regieSettings = sqliteTable('regie_settings', {
  id: text('id').primaryKey(),
  communeName: text('commune_name').notNull(),
  siret: text('siret').notNull().default(''),
  /** Commune logo as a `data:image/png;base64,…` or JPEG data URL (small: printed on invoices, shown on the portal). */
  logo: text('logo').notNull().default(''),
  regieName: text('regie_name').notNull().default(''),
  /** Numéro de la régie (acte constitutif). */
  regieNumber: text('regie_number').notNull().default(''),
  addressLine1: text('address_line1').notNull().default(''),
  addressLine2: text('address_line2').notNull().default(''),
  postalCode: text('postal_code').notNull().default(''),
  city: text('city').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  portalUrl: text('portal_url').notNull().default(''),
  officeHours: text('office_hours').notNull().default(''),
  /** Cheques are made out to… (usually « Trésor public » or « Régie … »). */
  payableTo: text('payable_to').notNull().default('Trésor public'),
  /** JSON array of the payment modes the régie's founding act accepts (offered by the desk screens). */
  acceptedModes: text('accepted_modes').notNull().default('["cash","cheque","card","cesu","ancv","transfer","directDebit"]'),
  ...timestamps,
});

/**
 * Counters of the numbered series (see domain/numbering): `invoice:2026`, `creditNote:2026`,
 * `receipt:7F3A9C:2026`. Incremented in the transaction that uses the number; `last_date` keeps numbering
 * chronological (no invoice dated before the last one of its series).
 */
export const numberSeries = sqliteTable('number_series', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['invoice', 'creditNote', 'receipt'] }).notNull(),
  year: integer('year').notNull(),
  last: integer('last').notNull(),
  lastDate: text('last_date').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Facture: immutable once issued. Payer and names are copied at issue (the document must not change). */
export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    /** `YYYY-MM`: the month billed. */
    month: text('month').notNull(),
    issueDate: text('issue_date').notNull(),
    dueDate: text('due_date').notNull(),
    totalCents: integer('total_cents').notNull(),
    cesuEligibleCents: integer('cesu_eligible_cents').notNull().default(0),
    householdName: text('household_name').notNull(),
    payerName: text('payer_name').notNull().default(''),
    /** JSON string[]: the payer's postal address lines. */
    payerAddress: text('payer_address').notNull().default('[]'),
    issuedBy: text('issued_by').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('invoices_number_uq').on(t.number),
    index('invoices_household_idx').on(t.householdId, t.issueDate),
    index('invoices_month_idx').on(t.month),
  ],
);

export const billingKindValues = ['unit', 'unbookedSurcharge', 'lateCancellation', 'regularisation'] as const;

/** A line as printed: child × activity × unit × kind × unit price; quantity × unit price = amount. */
export const invoiceLines = sqliteTable(
  'invoice_lines',
  {
    id: text('id').primaryKey(),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    childId: text('child_id').references(() => children.id),
    childName: text('child_name').notNull().default(''),
    activityId: text('activity_id').references(() => activities.id),
    activityName: text('activity_name').notNull().default(''),
    unitId: text('unit_id').references(() => activityUnits.id),
    kind: text('kind', { enum: billingKindValues }).notNull(),
    label: text('label').notNull(),
    detail: text('detail').notNull().default(''),
    tariffId: text('tariff_id').references(() => tariffs.id),
    bracketLabel: text('bracket_label'),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    cesuEligible: integer('cesu_eligible', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('invoice_lines_invoice_idx').on(t.invoiceId, t.position)],
);

/** Avoir: corrects an issued invoice; its own number series. Immutable once issued. */
export const creditNotes = sqliteTable(
  'credit_notes',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    issueDate: text('issue_date').notNull(),
    /** Positive: the amount credited to the household. */
    totalCents: integer('total_cents').notNull(),
    cesuEligibleCents: integer('cesu_eligible_cents').notNull().default(0),
    reason: text('reason').notNull(),
    householdName: text('household_name').notNull(),
    payerName: text('payer_name').notNull().default(''),
    payerAddress: text('payer_address').notNull().default('[]'),
    issuedBy: text('issued_by').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('credit_notes_number_uq').on(t.number),
    index('credit_notes_invoice_idx').on(t.invoiceId),
    index('credit_notes_household_idx').on(t.householdId, t.issueDate),
  ],
);

/** Lines of a credit note: positive amounts credited (a part of an invoice line, a free amount, a regularisation). */
export const creditNoteLines = sqliteTable(
  'credit_note_lines',
  {
    id: text('id').primaryKey(),
    creditNoteId: text('credit_note_id')
      .notNull()
      .references(() => creditNotes.id),
    position: integer('position').notNull(),
    /** The invoice line credited, when the credit is a part of a line. */
    invoiceLineId: text('invoice_line_id').references(() => invoiceLines.id),
    childName: text('child_name').notNull().default(''),
    activityName: text('activity_name').notNull().default(''),
    label: text('label').notNull(),
    detail: text('detail').notNull().default(''),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    cesuEligible: integer('cesu_eligible', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('credit_note_lines_credit_note_idx').on(t.creditNoteId, t.position)],
);

/**
 * Each booking billed, once per kind (unit, surcharge, late cancellation, regularisation): id
 * `${bookingId}:${kind}` and the unique (booking_id, kind) make billing a booking twice impossible, on every
 * replica. Points at the invoice line (or, for a regularisation issued as a credit note, the credit note line).
 */
export const billedBookings = sqliteTable(
  'billed_bookings',
  {
    id: text('id').primaryKey(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    kind: text('kind', { enum: billingKindValues }).notNull(),
    /** The household billed (a regularisation goes to the household billed first). */
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    invoiceLineId: text('invoice_line_id').references(() => invoiceLines.id),
    creditNoteLineId: text('credit_note_line_id').references(() => creditNoteLines.id),
    /** The unit price the booking was billed at; regularisations are computed from it. */
    baseCents: integer('base_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [
    uniqueIndex('billed_bookings_booking_kind_uq').on(t.bookingId, t.kind),
    check('billed_bookings_one_line', sql`(${t.invoiceLineId} IS NULL) <> (${t.creditNoteLineId} IS NULL)`),
  ],
);

/**
 * Règlement: a fact recorded at a desk (ids from the desk), never deleted, never updated; cancelled by a
 * payment_reversals row. `receipt_number` is numbered per desk (domain/numbering).
 */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    receiptNumber: text('receipt_number').notNull(),
    mode: text('mode', { enum: paymentModes }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    receivedOn: text('received_on').notNull(),
    chequeBank: text('cheque_bank').notNull().default(''),
    chequeNumber: text('cheque_number').notNull().default(''),
    payerName: text('payer_name').notNull().default(''),
    note: text('note').notNull().default(''),
    deskId: text('desk_id').notNull().default(''),
    recordedBy: text('recorded_by').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_receipt_number_uq').on(t.receiptNumber),
    index('payments_household_idx').on(t.householdId, t.receivedOn),
    index('payments_received_on_idx').on(t.receivedOn),
    check('payments_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

/** Annulation de règlement: the payment stays, this row cancels it (and its allocations are released). */
export const paymentReversals = sqliteTable(
  'payment_reversals',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    reason: text('reason').notNull(),
    reversedOn: text('reversed_on').notNull(),
    deskId: text('desk_id').notNull().default(''),
    reversedBy: text('reversed_by').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('payment_reversals_payment_uq').on(t.paymentId), index('payment_reversals_on_idx').on(t.reversedOn)],
);

/**
 * Ventilation: a part of a payment or of a credit note applied to an invoice. Active while `released_at` is
 * null. Invariant (enforced by the commands, checked by tests): an invoice's active allocations never exceed
 * its total, a source's never exceed its amount; the rest of a source is the household's credit.
 */
export const allocations = sqliteTable(
  'allocations',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    paymentId: text('payment_id').references(() => payments.id),
    creditNoteId: text('credit_note_id').references(() => creditNotes.id),
    amountCents: integer('amount_cents').notNull(),
    allocatedOn: text('allocated_on').notNull(),
    createdAt: text('created_at').notNull(),
    releasedAt: text('released_at'),
    releaseReason: text('release_reason').notNull().default(''),
  },
  (t) => [
    index('allocations_invoice_idx').on(t.invoiceId),
    index('allocations_payment_idx').on(t.paymentId),
    index('allocations_credit_note_idx').on(t.creditNoteId),
    index('allocations_household_idx').on(t.householdId),
    check('allocations_one_source', sql`(${t.paymentId} IS NULL) <> (${t.creditNoteId} IS NULL)`),
    check('allocations_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

// ——— Staff accounts ———

export const staffRoles = ['agent', 'regisseur', 'admin'] as const;

/**
 * Staff who log in at the desks: agent d'accueil, régisseur, administrateur. Replicated, so a desk can check a
 * login offline; only a scrypt hash of the password is stored, written by the desk that set it.
 */
export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: text('id').primaryKey(),
    login: text('login').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    passwordHash: text('password_hash').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('staff_users_login_uq').on(t.login)],
);

// ——— Online enrolment and the yearly registration file ———

export const documentMimeTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * Pièce justificative the commune asks for: attestation d'assurance, vaccinations (DTP), PAI, jugement…
 * `scope`: one per household or one per child. Validity: `schoolYear` (until the 31 August of the school year it
 * was validated in), `months` (`validity_months` after validation) or `permanent`.
 */
export const documentTypes = sqliteTable('document_types', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  scope: text('scope', { enum: ['household', 'child'] }).notNull(),
  validity: text('validity', { enum: ['schoolYear', 'months', 'permanent'] }).notNull(),
  validityMonths: integer('validity_months').notNull().default(0),
  /** Required in every household's yearly file. */
  requiredForFile: integer('required_for_file', { mode: 'boolean' }).notNull().default(false),
  /** JSON array of activity ids whose enrolment requires this document. */
  requiredForActivities: text('required_for_activities').notNull().default('[]'),
  position: integer('position').notNull().default(0),
  archivedAt: text('archived_at'),
  ...timestamps,
});

/**
 * A document a family (or staff) uploaded. Only its description is replicated: the file itself stays on the hub
 * under a generated name (`storage_key`) and is fetched on demand by a desk, every access audited.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    childId: text('child_id').references(() => children.id),
    documentTypeId: text('document_type_id')
      .notNull()
      .references(() => documentTypes.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type', { enum: documentMimeTypes }).notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    status: text('status', { enum: ['received', 'validated', 'refused'] }).notNull(),
    refusalReason: text('refusal_reason').notNull().default(''),
    /** Set when validated (from the type's validity); the document is « expiré » after this date. */
    validUntil: text('valid_until'),
    uploadedAt: text('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('documents_household_idx').on(t.householdId, t.documentTypeId),
    index('documents_status_idx').on(t.status, t.uploadedAt),
    index('documents_valid_until_idx').on(t.validUntil),
  ],
);

export const enrolmentRequestStatuses = ['pending', 'accepted', 'refused', 'waitlisted', 'cancelled'] as const;

/** Demande d'inscription made by a family on the portal; staff (or the hub's automatic rule) decide. */
export const enrolmentRequests = sqliteTable(
  'enrolment_requests',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    status: text('status', { enum: enrolmentRequestStatuses }).notNull(),
    reason: text('reason').notNull().default(''),
    /** The enrolment created when the request was accepted. */
    enrolmentId: text('enrolment_id').references(() => enrolments.id),
    requestedAt: text('requested_at').notNull(),
    requestedBy: text('requested_by').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('enrolment_requests_status_idx').on(t.status, t.requestedAt),
    index('enrolment_requests_household_idx').on(t.householdId),
    index('enrolment_requests_activity_idx').on(t.activityId, t.status),
  ],
);

/** Règlement intérieur, versioned: families accept a given version. */
export const rulesVersions = sqliteTable(
  'rules_versions',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishedAt: text('published_at').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('rules_versions_version_uq').on(t.version)],
);

export const rulesAcceptances = sqliteTable(
  'rules_acceptances',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    guardianId: text('guardian_id')
      .notNull()
      .references(() => guardians.id),
    rulesVersionId: text('rules_version_id')
      .notNull()
      .references(() => rulesVersions.id),
    acceptedAt: text('accepted_at').notNull(),
  },
  (t) => [uniqueIndex('rules_acceptances_uq').on(t.householdId, t.guardianId, t.rulesVersionId)],
);

/** Dossier annuel d'inscription of a household for a school year (`2026-2027`), submitted by the family. */
export const householdFiles = sqliteTable(
  'household_files',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    schoolYear: text('school_year').notNull(),
    status: text('status', { enum: ['submitted', 'accepted', 'refused'] }).notNull(),
    reason: text('reason').notNull().default(''),
    submittedAt: text('submitted_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('household_files_year_uq').on(t.householdId, t.schoolYear),
    index('household_files_status_idx').on(t.status, t.submittedAt),
  ],
);

/** A message from the commune to a household (decisions…): shown on the portal, e-mailed by the hub once. */
export const familyMessages = sqliteTable(
  'family_messages',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('family_messages_household_idx').on(t.householdId, t.createdAt)],
);
