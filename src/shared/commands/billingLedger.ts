// Reads and writes of the household accounts that billing commands share: open invoices, the household's credit
// (the unallocated part of its payments and credit notes), number series, allocation rows, the payer of a
// household. Desk queries read through the same functions, so a screen shows exactly what a command will use.
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  allocations,
  creditNotes,
  guardians,
  householdGuardians,
  invoices,
  numberSeries,
  paymentReversals,
  payments,
} from '../db/schema';
import type { CreditSource, OpenInvoice } from '../domain/allocation';
import type { Cents } from '../domain/money';
import type { CommandContext, Db, Tx } from './types';

type Reader = Tx | Db;

// Correlated subqueries name the outer table in plain text: drizzle renders an interpolated column of a
// single-table query unqualified (`"id"`), which inside the subquery would mean the subquery's own id.
/** Active allocations to an invoice, summed (payments and credit notes). */
const allocatedTo = sql<number>`coalesce((SELECT sum(a.amount_cents) FROM allocations a WHERE a.invoice_id = invoices.id AND a.released_at IS NULL), 0)`;

/** The household's invoices that still owe something, with what they owe. */
export function openInvoices(reader: Reader, householdId: string): OpenInvoice[] {
  return reader
    .select({ invoiceId: invoices.id, issueDate: invoices.issueDate, number: invoices.number, total: invoices.totalCents, allocated: allocatedTo })
    .from(invoices)
    .where(eq(invoices.householdId, householdId))
    .all()
    .map((r) => ({ invoiceId: r.invoiceId, issueDate: r.issueDate, number: r.number, openCents: r.total - r.allocated }))
    .filter((r) => r.openCents > 0);
}

/** What an invoice still owes: total − active allocations (payments, credit notes, credit). */
export function invoiceOpenCents(reader: Reader, invoiceId: string): Cents {
  const row = reader.select({ total: invoices.totalCents, allocated: allocatedTo }).from(invoices).where(eq(invoices.id, invoiceId)).get();
  return row ? row.total - row.allocated : 0;
}

/**
 * The household's credit, by source: payments not reversed and credit notes, each less its active allocations.
 * `householdIds` undefined: every household (one query, for a whole invoicing run).
 */
export function creditSources(reader: Reader, householdIds?: readonly string[]): Map<string, CreditSource[]> {
  const paymentRows = reader
    .select({
      id: payments.id,
      householdId: payments.householdId,
      date: payments.receivedOn,
      available: sql<number>`payments.amount_cents - coalesce((SELECT sum(a.amount_cents) FROM allocations a WHERE a.payment_id = payments.id AND a.released_at IS NULL), 0)`,
    })
    .from(payments)
    .where(
      and(
        householdIds ? inArray(payments.householdId, [...householdIds]) : undefined,
        sql`NOT EXISTS (SELECT 1 FROM payment_reversals r WHERE r.payment_id = payments.id)`,
      ),
    )
    .all();
  const noteRows = reader
    .select({
      id: creditNotes.id,
      householdId: creditNotes.householdId,
      date: creditNotes.issueDate,
      available: sql<number>`credit_notes.total_cents - coalesce((SELECT sum(a.amount_cents) FROM allocations a WHERE a.credit_note_id = credit_notes.id AND a.released_at IS NULL), 0)`,
    })
    .from(creditNotes)
    .where(householdIds ? inArray(creditNotes.householdId, [...householdIds]) : undefined)
    .all();
  const byHousehold = new Map<string, CreditSource[]>();
  const add = (householdId: string, source: CreditSource) => {
    if (source.availableCents <= 0) return;
    const list = byHousehold.get(householdId);
    if (list) list.push(source);
    else byHousehold.set(householdId, [source]);
  };
  for (const r of paymentRows) add(r.householdId, { kind: 'payment', id: r.id, date: r.date, availableCents: r.available });
  for (const r of noteRows) add(r.householdId, { kind: 'creditNote', id: r.id, date: r.date, availableCents: r.available });
  return byHousehold;
}

export function isReversed(reader: Reader, paymentId: string): boolean {
  return !!reader.select({ id: paymentReversals.id }).from(paymentReversals).where(eq(paymentReversals.paymentId, paymentId)).get();
}

/** Allocation rows of one command get ids `${commandId}:a1`, `:a2`…: deterministic on desk and hub. */
export function allocationWriter(tx: Tx, ctx: CommandContext) {
  let n = 0;
  return (row: { householdId: string; invoiceId: string; paymentId?: string; creditNoteId?: string; amountCents: Cents; on: string }) => {
    if (row.amountCents <= 0) return;
    n++;
    tx.insert(allocations)
      .values({
        id: `${ctx.commandId}:a${n}`,
        householdId: row.householdId,
        invoiceId: row.invoiceId,
        paymentId: row.paymentId ?? null,
        creditNoteId: row.creditNoteId ?? null,
        amountCents: row.amountCents,
        allocatedOn: row.on,
        createdAt: ctx.now,
        releasedAt: null,
        releaseReason: '',
      })
      .run();
  };
}

export function activeAllocationsOf(reader: Reader, source: { paymentId: string }) {
  return reader
    .select()
    .from(allocations)
    .where(and(eq(allocations.paymentId, source.paymentId), isNull(allocations.releasedAt)))
    .orderBy(asc(allocations.id))
    .all();
}

export type SeriesKind = 'invoice' | 'creditNote' | 'receipt';

export interface Series {
  id: string;
  kind: SeriesKind;
  year: number;
  last: number;
  lastDate: string;
}

export function readSeries(reader: Reader, id: string, kind: SeriesKind, year: number): Series {
  const row = reader.select().from(numberSeries).where(eq(numberSeries.id, id)).get();
  return row ? { id, kind, year, last: row.last, lastDate: row.lastDate } : { id, kind, year, last: 0, lastDate: '' };
}

/** Stores the counter after numbers were taken, in the same transaction as the numbered rows. */
export function writeSeries(tx: Tx, ctx: CommandContext, series: Series): void {
  tx.insert(numberSeries)
    .values({ id: series.id, kind: series.kind, year: series.year, last: series.last, lastDate: series.lastDate, updatedAt: ctx.now })
    .onConflictDoUpdate({ target: numberSeries.id, set: { last: series.last, lastDate: series.lastDate, updatedAt: ctx.now } })
    .run();
}

export interface Payer {
  name: string;
  /** Postal address lines, ready to print. */
  address: string[];
}

/**
 * Who receives the invoices of each household: the guardians flagged `receivesInvoices` (all of them if none
 * is), names joined with « et », the address of the first one.
 */
export function payersOf(reader: Reader, householdIds?: readonly string[]): Map<string, Payer> {
  const rows = reader
    .select({
      householdId: householdGuardians.householdId,
      receives: householdGuardians.receivesInvoices,
      civility: guardians.civility,
      firstName: guardians.firstName,
      lastName: guardians.lastName,
      addressLine1: guardians.addressLine1,
      addressLine2: guardians.addressLine2,
      postalCode: guardians.postalCode,
      city: guardians.city,
    })
    .from(householdGuardians)
    .innerJoin(guardians, eq(guardians.id, householdGuardians.guardianId))
    .where(householdIds ? inArray(householdGuardians.householdId, [...householdIds]) : undefined)
    .orderBy(asc(householdGuardians.householdId), asc(householdGuardians.createdAt), asc(householdGuardians.id))
    .all();
  const grouped = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = grouped.get(r.householdId);
    if (list) list.push(r);
    else grouped.set(r.householdId, [r]);
  }
  const payers = new Map<string, Payer>();
  for (const [householdId, list] of grouped) {
    const receiving = list.filter((g) => g.receives);
    const chosen = receiving.length > 0 ? receiving : list;
    const first = chosen[0]!;
    payers.set(householdId, {
      name: chosen.map((g) => `${g.civility} ${g.firstName} ${g.lastName.toUpperCase()}`).join(' et '),
      address: [first.addressLine1, first.addressLine2, `${first.postalCode} ${first.city}`.trim()].filter((l) => l !== ''),
    });
  }
  return payers;
}

interface RawStatement {
  run(...params: unknown[]): unknown;
}

/** The better-sqlite3 connection under a drizzle transaction or database, if that is the driver. */
function rawConnection(reader: Tx | Db): { prepare(sql: string): RawStatement } | undefined {
  const client = (reader as unknown as { session?: { client?: { prepare?: unknown } } }).session?.client;
  return client && typeof client.prepare === 'function' ? (client as { prepare(sql: string): RawStatement }) : undefined;
}

/**
 * Inserts many rows of one table in the transaction: multi-row INSERT statements (50 rows each), prepared once.
 * An invoicing run writes hundreds of thousands of rows; one statement per row costs SQLite (and the sync
 * triggers) several times more, and the ORM's per-value placeholder handling as much again. The SQL is plain
 * portable INSERT … VALUES; on better-sqlite3 (desks and hub today) it is run with positional parameters
 * directly, otherwise through drizzle. Values are converted by the columns' own encoders (booleans → 0/1).
 * Every row must have the same keys.
 */
export function insertMany<T extends SQLiteTable>(tx: Tx, table: T, rows: readonly T['$inferInsert'][]): void {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]!) as (keyof T['$inferInsert'] & string)[];
  const columnsByKey = getTableColumns(table);
  const columns = keys.map((k) => columnsByKey[k]!);
  const connection = rawConnection(tx);
  if (!connection) {
    for (let i = 0; i < rows.length; i += 500) tx.insert(table).values(rows.slice(i, i + 500) as never).run();
    return;
  }
  const perStatement = 50;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statementFor = (n: number) =>
    connection.prepare(
      `INSERT INTO "${getTableConfig(table).name}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`,
    );
  const many = statementFor(perStatement);
  const one = statementFor(1);
  const width = keys.length;
  const encode = (row: Record<string, unknown>, j: number) => {
    const value = row[keys[j]!];
    return value === undefined || value === null ? null : columns[j]!.mapToDriverValue(value);
  };
  const params: unknown[] = new Array(perStatement * width);
  let start = 0;
  for (; start + perStatement <= rows.length; start += perStatement) {
    for (let i = 0; i < perStatement; i++) {
      const row = rows[start + i] as Record<string, unknown>;
      for (let j = 0; j < width; j++) params[i * width + j] = encode(row, j);
    }
    many.run(params);
  }
  for (; start < rows.length; start++) {
    const row = rows[start] as Record<string, unknown>;
    one.run(Array.from({ length: width }, (_, j) => encode(row, j)));
  }
}
