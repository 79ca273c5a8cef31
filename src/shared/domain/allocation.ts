// Allocation (ventilation): how an amount received (a payment, a credit note, the household's credit) is spread
// over a household's open invoices. Pure. Invariants the callers rely on, checked by property tests:
// - an invoice never receives more than its open amount (so the sum of its allocations never exceeds its total);
// - a source never gives more than it has; what is left stays with the household as credit.
import type { Cents } from './money';

export interface OpenInvoice {
  invoiceId: string;
  /** Oldest first means: issue date, then number (numbers follow issue dates within a year). */
  issueDate: string;
  number: string;
  openCents: Cents;
}

export interface Allocation {
  invoiceId: string;
  amountCents: Cents;
}

export function byAge(a: Pick<OpenInvoice, 'issueDate' | 'number' | 'invoiceId'>, b: Pick<OpenInvoice, 'issueDate' | 'number' | 'invoiceId'>): number {
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? -1 : 1;
  if (a.number !== b.number) return a.number < b.number ? -1 : 1;
  return a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0;
}

/** Spreads `amountCents` over the open invoices, oldest first; returns the allocations and what is left. */
export function allocateOldestFirst(amountCents: Cents, open: readonly OpenInvoice[]): { allocations: Allocation[]; leftCents: Cents } {
  let left = Math.max(0, amountCents);
  const allocations: Allocation[] = [];
  for (const invoice of [...open].sort(byAge)) {
    if (left === 0) break;
    const amount = Math.min(left, invoice.openCents);
    if (amount <= 0) continue;
    allocations.push({ invoiceId: invoice.invoiceId, amountCents: amount });
    left -= amount;
  }
  return { allocations, leftCents: left };
}

export interface ExplicitPlan {
  allocations: Allocation[];
  leftCents: Cents;
  /** Requests reduced to the invoice's open amount (or to what was left of the payment). */
  capped: { invoiceId: string; requestedCents: Cents; allocatedCents: Cents }[];
  /** Requests for an invoice that is not an open invoice of the household. */
  ignored: string[];
}

/**
 * The allocations staff asked for, each capped at what the invoice still owes and at what is left of the amount.
 * A payment is a fact: a request that cannot be honoured is reduced, never a reason to refuse the payment.
 */
export function allocateExplicit(amountCents: Cents, requested: readonly Allocation[], open: readonly OpenInvoice[]): ExplicitPlan {
  let left = Math.max(0, amountCents);
  const remaining = new Map(open.map((o) => [o.invoiceId, o.openCents]));
  const plan: ExplicitPlan = { allocations: [], leftCents: 0, capped: [], ignored: [] };
  for (const request of requested) {
    const openCents = remaining.get(request.invoiceId);
    if (openCents === undefined) {
      plan.ignored.push(request.invoiceId);
      continue;
    }
    const amount = Math.max(0, Math.min(request.amountCents, openCents, left));
    if (amount < request.amountCents) plan.capped.push({ invoiceId: request.invoiceId, requestedCents: request.amountCents, allocatedCents: amount });
    if (amount === 0) continue;
    plan.allocations.push({ invoiceId: request.invoiceId, amountCents: amount });
    remaining.set(request.invoiceId, openCents - amount);
    left -= amount;
  }
  plan.leftCents = left;
  return plan;
}

export interface CreditSource {
  kind: 'payment' | 'creditNote';
  id: string;
  /** Oldest first: the date received or issued, then id. */
  date: string;
  availableCents: Cents;
}

/** Takes up to `neededCents` from the household's credit, oldest source first. */
export function drawCredit(sources: readonly CreditSource[], neededCents: Cents): { kind: CreditSource['kind']; id: string; amountCents: Cents }[] {
  let needed = Math.max(0, neededCents);
  const drawn: { kind: CreditSource['kind']; id: string; amountCents: Cents }[] = [];
  const sorted = [...sources].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const source of sorted) {
    if (needed === 0) break;
    const amount = Math.min(needed, source.availableCents);
    if (amount <= 0) continue;
    drawn.push({ kind: source.kind, id: source.id, amountCents: amount });
    needed -= amount;
  }
  return drawn;
}
