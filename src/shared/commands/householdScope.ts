// Which rows belong to a household, found from the schema registry rather than from a hand-kept list, so that
// a table added later (billing, portal…) is covered by the RGPD export and caught by the purge's rules.
// Used by `rgpd.exportHousehold` (everything about one household) and `rgpd.purge` (what to anonymise).
//
// How a registered table is linked, decided once from its columns and foreign keys:
// - `households`, `guardians`, `children`: the family entities themselves; guardians and children belong to
//   the household through the membership tables (a `household_id` column plus a foreign key to them);
// - `byHousehold`: the table has a `household_id` column (bookings, audit rows, invoices, payments…);
// - `byParent`: no `household_id`, but a foreign key to a household-linked table (invoice lines → invoices);
// - `byPerson`: a foreign key to guardians or children only (contacts, enrolments, parental links): a row is
//   in scope when every person it names is in scope (a shared child's link to the OTHER household's guardian
//   is not);
// - `none`: reference data (activities, tariffs, number series…).
import { getTableColumns, getTableName, inArray, type Column, type Table } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { replicatedTables } from '../db/registry';
import * as schema from '../db/schema';
import type { Tx } from './types';

export type Row = Record<string, unknown>;

export type TableLink =
  | { kind: 'household' | 'guardian' | 'child' }
  | { kind: 'byHousehold'; column: Column }
  | { kind: 'byParent'; columns: { column: Column; parent: string }[] }
  | { kind: 'byPerson'; columns: { column: Column; person: 'guardian' | 'child' }[] }
  | { kind: 'none' };

const entityTables: Record<string, 'household' | 'guardian' | 'child'> = {
  [getTableName(schema.households)]: 'household',
  [getTableName(schema.guardians)]: 'guardian',
  [getTableName(schema.children)]: 'child',
};

/** The tables that say who belongs to a household. */
const membershipTables: ReadonlySet<string> = new Set([
  getTableName(schema.householdGuardians),
  getTableName(schema.householdChildren),
]);

export interface HouseholdLinkEntry {
  table: Table;
  link: TableLink;
  /** Membership tables (household_guardians, household_children): the person column. */
  membership?: { column: Column; person: 'guardian' | 'child' };
}

function classify(): Map<string, HouseholdLinkEntry> {
  const result = new Map<string, HouseholdLinkEntry>();
  for (const table of replicatedTables as readonly Table[]) {
    const config = getTableConfig(table as SQLiteTable);
    const name = config.name;
    const entity = entityTables[name];
    if (entity) {
      result.set(name, { table, link: { kind: entity } });
      continue;
    }
    const references = config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return { column: ref.columns[0]!, target: getTableName(ref.foreignTable) };
    });
    const personRefs = references
      .filter((r) => entityTables[r.target] === 'guardian' || entityTables[r.target] === 'child')
      .map((r) => ({ column: r.column as Column, person: entityTables[r.target] as 'guardian' | 'child' }));
    const householdColumn = config.columns.find((c) => c.name === 'household_id');
    if (householdColumn) {
      // A membership table: links a household to a guardian or a child. Named, not guessed: documents, enrolment
      // requests or rules acceptances also carry a household and one person, but do not make anyone a member.
      const membership = membershipTables.has(name) && personRefs.length === 1 ? personRefs[0] : undefined;
      result.set(name, { table, link: { kind: 'byHousehold', column: householdColumn }, membership });
      continue;
    }
    const parentRefs = references.filter((r) => {
      const kind = result.get(r.target)?.link.kind;
      return kind === 'byHousehold' || kind === 'byParent';
    });
    const required = parentRefs.filter((r) => r.column.notNull);
    if (parentRefs.length > 0) {
      const chosen = required.length > 0 ? required : parentRefs;
      result.set(name, {
        table,
        link: { kind: 'byParent', columns: chosen.map((r) => ({ column: r.column, parent: r.target })) },
      });
      continue;
    }
    result.set(name, { table, link: personRefs.length > 0 ? { kind: 'byPerson', columns: personRefs } : { kind: 'none' } });
  }
  return result;
}

/** Every replicated table with its link to households, in registry (foreign-key) order. */
export const householdLinks = classify();

/** Names of the tables that hold rows of a household (every table whose link is not `none`). */
export const householdLinkedTables: readonly string[] = [...householdLinks]
  .filter(([, v]) => v.link.kind !== 'none')
  .map(([name]) => name);

const CHUNK = 500;

function selectIn(tx: Tx, table: Table, column: Column, values: readonly unknown[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    rows.push(
      ...(tx
        .select()
        .from(table as SQLiteTable)
        .where(inArray(column, values.slice(i, i + CHUNK) as unknown[]))
        .all() as Row[]),
    );
  }
  return rows;
}

/** The property name drizzle gives a column in selected rows. */
export function rowKey(table: Table, column: Column): string {
  const entry = Object.entries(getTableColumns(table)).find(([, c]) => c === column);
  if (!entry) throw new Error(`Column ${column.name} not found in ${getTableName(table)}`);
  return entry[0];
}

export interface HouseholdScope {
  householdIds: Set<string>;
  guardianIds: Set<string>;
  childIds: Set<string>;
  /** Table name → the rows in scope (as drizzle selects them: camelCase keys). */
  rows: Map<string, Row[]>;
}

export interface ScopeOptions {
  /**
   * Only the guardians and children who belong to no household outside the set (the purge: a child shared
   * with a household that stays keeps its data, and so do its contacts and enrolments).
   */
  exclusivePeople?: boolean;
}

/** Collects every row that belongs to the given households (see the header for how). */
export function collectHouseholdRows(tx: Tx, householdIds: readonly string[], options: ScopeOptions = {}): HouseholdScope {
  const households = new Set(householdIds);
  const people = { guardian: new Set<string>(), child: new Set<string>() };
  const rows = new Map<string, Row[]>();

  // Members first: the membership tables say which guardians and children the households have.
  for (const [name, { table, link, membership }] of householdLinks) {
    if (link.kind !== 'byHousehold' || !membership) continue;
    const members = selectIn(tx, table, link.column, [...households]);
    const key = rowKey(table, membership.column);
    const ids = new Set(members.map((r) => r[key] as string));
    if (options.exclusivePeople) {
      const householdKey = rowKey(table, link.column);
      for (const other of selectIn(tx, table, membership.column, [...ids])) {
        if (!households.has(other[householdKey] as string)) ids.delete(other[key] as string);
      }
    }
    for (const id of ids) people[membership.person].add(id);
    rows.set(name, members);
  }

  const ids = (name: string) => (rows.get(name) ?? []).map((r) => r.id);
  for (const [name, { table, link }] of householdLinks) {
    if (rows.has(name)) continue;
    const idColumn = (table as unknown as { id: Column }).id;
    switch (link.kind) {
      case 'household':
        rows.set(name, selectIn(tx, table, idColumn, [...households]));
        break;
      case 'guardian':
      case 'child':
        rows.set(name, selectIn(tx, table, idColumn, [...people[link.kind]]));
        break;
      case 'byHousehold':
        rows.set(name, selectIn(tx, table, link.column, [...households]));
        break;
      case 'byParent': {
        const found = new Map<unknown, Row>();
        for (const { column, parent } of link.columns)
          for (const row of selectIn(tx, table, column, ids(parent))) found.set(row.id, row);
        rows.set(name, [...found.values()]);
        break;
      }
      case 'byPerson': {
        const found = new Map<unknown, Row>();
        for (const { column, person } of link.columns)
          for (const row of selectIn(tx, table, column, [...people[person]])) found.set(row.id, row);
        const keys = link.columns.map((c) => ({ key: rowKey(table, c.column), person: c.person }));
        const inScope = (row: Row) =>
          keys.every(({ key, person }) => row[key] === null || row[key] === undefined || people[person].has(row[key] as string));
        rows.set(name, [...found.values()].filter(inScope));
        break;
      }
      case 'none':
        break;
    }
  }
  return { householdIds: households, guardianIds: people.guardian, childIds: people.child, rows };
}
