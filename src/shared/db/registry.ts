// The registry of replicated tables: what sync copies between the hub and every desk.
// A table in the database that is neither registered here nor local (name starting with `_`, or SQLite's and
// drizzle's own) fails tests/unit/registry.test.ts, so a new table cannot be forgotten by sync.
import { getTableName, type Table } from 'drizzle-orm';
import * as schema from './schema';

/** In foreign-key order: a table comes after the tables it references (tombstones apply in reverse). */
export const replicatedTables = [
  schema.households,
  schema.guardians,
  schema.householdGuardians,
  schema.children,
  schema.householdChildren,
  schema.guardianChildren,
  schema.childContacts,
  schema.familyQuotients,
  schema.activities,
  schema.activityUnits,
  schema.activityGroups,
  schema.unitCapacities,
  schema.capacityExceptions,
  schema.schoolYears,
  schema.closures,
  schema.enrolments,
  schema.bookings,
  schema.bookingEvents,
  schema.staffUsers,
  schema.auditLog,
  // Billing (la régie)
  schema.tariffs,
  schema.activityPenalties,
  schema.regieSettings,
  schema.numberSeries,
  schema.invoices,
  schema.invoiceLines,
  schema.creditNotes,
  schema.creditNoteLines,
  schema.billedBookings,
  schema.payments,
  schema.paymentReversals,
  schema.allocations,
  // Online enrolment and the yearly file
  schema.documentTypes,
  schema.documents,
  schema.enrolmentRequests,
  schema.rulesVersions,
  schema.rulesAcceptances,
  schema.householdFiles,
  schema.familyMessages,
] as const satisfies readonly Table[];

export const replicatedTableNames: readonly string[] = replicatedTables.map((t) => getTableName(t));

export function isLocalTableName(name: string): boolean {
  return name.startsWith('_') || name.startsWith('sqlite_') || name.startsWith('__drizzle');
}
