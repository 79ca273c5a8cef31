// Online payments of invoices by parents: one record per attempt, CREATED → WAITING → PAID | DENIED |
// CANCELLED | EXPIRED. PAID records exactly one payment entry (allocated to the invoices it was for), whatever
// the order or number of notifications, returns and reconciliations: the transition and the payment are
// written in one transaction, the payment id is derived from the attempt (a replay finds it already there),
// and a PAID attempt never changes again.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { inArray } from 'drizzle-orm';
import { invoices } from '../../shared/db/schema';
import { instantToParisDate } from '../../shared/domain/dates';
import type { Actor } from '../../shared/commands/types';
import { listInvoices } from '../../main/desk/billing/queries';
import type { HubDatabase } from '../hubDb';
import { runCreatedAtHub } from '../parents/routes';
import { payfipLabel, type PaymentProvider } from './provider';

export type OnlineStatus = 'CREATED' | 'WAITING' | 'PAID' | 'DENIED' | 'CANCELLED' | 'EXPIRED';

export interface OnlinePayment {
  id: string;
  household_id: string;
  invoice_ids: string;
  amount_cents: number;
  status: OnlineStatus;
  operation_id: string | null;
  payment_id: string | null;
  created_at: string;
  updated_at: string;
}

/** An abandoned or undecided payment stays WAITING this long (PayFiP: about 20 minutes), then ends. */
const YOUNG_MS = 20 * 60_000;
const PAYFIP_ACTOR: Actor = { kind: 'system', id: 'paiement-en-ligne', name: 'Paiement en ligne' };

export function installOnlinePayments(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _hub_online_payments (
      id TEXT PRIMARY KEY, household_id TEXT NOT NULL, invoice_ids TEXT NOT NULL, amount_cents INTEGER NOT NULL,
      status TEXT NOT NULL, operation_id TEXT UNIQUE, payment_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS _hub_online_payments_status ON _hub_online_payments (status);`);
}

export function createOnlinePayments(hub: HubDatabase, provider: PaymentProvider, clock: () => Date, publicUrl: () => string) {
  const { sqlite } = hub;
  const byOperation = (operationId: string) =>
    sqlite.prepare('SELECT * FROM _hub_online_payments WHERE operation_id = ?').get(operationId) as OnlinePayment | undefined;
  const setStatus = (id: string, status: OnlineStatus) =>
    sqlite
      .prepare(`UPDATE _hub_online_payments SET status = ?, updated_at = ? WHERE id = ? AND status IN ('CREATED', 'WAITING')`)
      .run(status, clock().toISOString(), id);

  /** Starts paying open invoices of a household; returns where to send the parent. */
  async function start(householdId: string, invoiceIds: string[], payerEmail: string) {
    const today = instantToParisDate(clock().toISOString());
    const open = listInvoices(hub.db, { householdId }, today).filter((i) => invoiceIds.includes(i.invoiceId) && i.openCents > 0);
    if (open.length !== invoiceIds.length)
      return { ok: false as const, message: 'Cette facture est déjà réglée ou introuvable.' };
    const amountCents = open.reduce((sum, i) => sum + i.openCents, 0);
    if (amountCents < 100) return { ok: false as const, message: 'Le paiement en ligne est possible à partir de 1 €.' };
    // 1–30 alphanumerics (PayFiP refdet).
    const id = `GU${randomBytes(10).toString('hex').toUpperCase()}`;
    const now = clock().toISOString();
    sqlite
      .prepare(
        `INSERT INTO _hub_online_payments (id, household_id, invoice_ids, amount_cents, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'CREATED', ?, ?)`,
      )
      .run(id, householdId, JSON.stringify(invoiceIds), amountCents, now, now);
    const created = await provider.createPayment({
      reference: id,
      amountCents,
      label: payfipLabel(`Factures ${open.map((i) => i.number).join(' ')}`),
      payerEmail: payerEmail || 'noreply@example.invalid',
      notifyUrl: new URL('/api/payments/notify', publicUrl()).toString(),
      returnUrl: new URL('/api/payments/return', publicUrl()).toString(),
      year: Number(today.slice(0, 4)),
    });
    sqlite
      .prepare(`UPDATE _hub_online_payments SET status = 'WAITING', operation_id = ?, updated_at = ? WHERE id = ?`)
      .run(created.operationId, clock().toISOString(), id);
    return { ok: true as const, redirectUrl: created.paymentPageUrl, onlinePaymentId: id };
  }

  /** Asks the provider about an operation and moves the attempt on; safe to call any number of times. */
  async function check(operationId: string): Promise<OnlineStatus | undefined> {
    const attempt = byOperation(operationId);
    if (!attempt) return undefined;
    if (attempt.status !== 'WAITING') return attempt.status;
    const detail = await provider.getPaymentDetail(operationId);
    const young = clock().getTime() - Date.parse(attempt.created_at) < YOUNG_MS;
    switch (detail.result) {
      case 'paid':
        if (detail.reference !== attempt.id || detail.amountCents !== attempt.amount_cents) {
          // Never trust a mismatch: leave it WAITING for the régisseur to look at; the reconciliation logs it.
          return 'WAITING';
        }
        recordPaid(attempt, detail.authorisation);
        return 'PAID';
      case 'denied':
        setStatus(attempt.id, 'DENIED');
        return 'DENIED';
      case 'abandoned':
        if (young) return 'WAITING';
        setStatus(attempt.id, 'CANCELLED');
        return 'CANCELLED';
      case 'pending':
        if (young) return 'WAITING';
        setStatus(attempt.id, 'EXPIRED');
        return 'EXPIRED';
      case 'unknown':
        setStatus(attempt.id, 'EXPIRED');
        return 'EXPIRED';
    }
  }

  function recordPaid(attempt: OnlinePayment, authorisation: string): void {
    const invoiceIds = JSON.parse(attempt.invoice_ids) as string[];
    const paymentId = `online-${attempt.id}`;
    sqlite.transaction(() => {
      const fresh = sqlite.prepare('SELECT status FROM _hub_online_payments WHERE id = ?').get(attempt.id) as {
        status: OnlineStatus;
      };
      if (fresh.status !== 'WAITING') return;
      const today = instantToParisDate(clock().toISOString());
      const still = listInvoices(hub.db, { householdId: attempt.household_id }, today).filter((i) =>
        invoiceIds.includes(i.invoiceId),
      );
      // Allocate to what each invoice still owes (a desk may have taken a payment meanwhile); the rest is credit.
      const allocations = still.filter((i) => i.openCents > 0).map((i) => ({ invoiceId: i.invoiceId, amountCents: i.openCents }));
      let left = attempt.amount_cents;
      const capped = allocations
        .map((a) => {
          const amountCents = Math.min(a.amountCents, left);
          left -= amountCents;
          return { ...a, amountCents };
        })
        .filter((a) => a.amountCents > 0);
      const result = runCreatedAtHub(
        hub,
        PAYFIP_ACTOR,
        'payment.record',
        {
          paymentId,
          householdId: attempt.household_id,
          mode: 'card',
          amountCents: attempt.amount_cents,
          receivedOn: today,
          payerName: '',
          note: `Paiement en ligne, autorisation ${authorisation}, référence ${attempt.id}`,
          allocations: capped,
        },
        clock(),
      );
      if (!result.ok) throw new Error(`online payment ${attempt.id} could not be recorded: ${result.message}`);
      sqlite
        .prepare(`UPDATE _hub_online_payments SET status = 'PAID', payment_id = ?, updated_at = ? WHERE id = ?`)
        .run(paymentId, clock().toISOString(), attempt.id);
    })();
  }

  /**
   * What to tell the parent back from the payment page: paid, refused, abandoned (the attempt itself stays
   * WAITING a while, the parent may still come back to the page), or still being confirmed.
   */
  async function returnOutcome(operationId: string): Promise<'ok' | 'refuse' | 'abandon' | 'attente'> {
    const status = await check(operationId);
    if (status === 'PAID') return 'ok';
    if (status === 'DENIED') return 'refuse';
    if (status === 'WAITING') {
      const detail = await provider.getPaymentDetail(operationId);
      return detail.result === 'abandoned' ? 'abandon' : detail.result === 'denied' ? 'refuse' : 'attente';
    }
    return 'abandon';
  }

  /** Periodic reconciliation of every attempt still WAITING. */
  async function reconcile(): Promise<number> {
    const waiting = sqlite.prepare(`SELECT operation_id FROM _hub_online_payments WHERE status = 'WAITING'`).all() as {
      operation_id: string;
    }[];
    for (const { operation_id } of waiting) await check(operation_id);
    return waiting.length;
  }

  function statusOf(operationId: string) {
    return byOperation(operationId);
  }

  function invoiceNumbers(ids: string[]) {
    return hub.db
      .select({ number: invoices.number })
      .from(invoices)
      .where(inArray(invoices.id, ids))
      .all()
      .map((r) => r.number);
  }

  return { start, check, returnOutcome, reconcile, statusOf, invoiceNumbers };
}

export type OnlinePayments = ReturnType<typeof createOnlinePayments>;
