import { describe, expect, it } from 'vitest';
import { allocateExplicit, allocateOldestFirst, drawCredit } from '../../../src/shared/domain/allocation';
import { deskCode, invoiceNumber, receiptNumber, creditNoteNumber } from '../../../src/shared/domain/numbering';

const open = [
  { invoiceId: 'dec', issueDate: '2026-12-01', number: '2026-000200', openCents: 3000 },
  { invoiceId: 'nov', issueDate: '2026-11-02', number: '2026-000100', openCents: 2000 },
];

describe('allocation', () => {
  it('pays the oldest invoices first; the rest is credit', () => {
    expect(allocateOldestFirst(2500, open)).toEqual({
      allocations: [
        { invoiceId: 'nov', amountCents: 2000 },
        { invoiceId: 'dec', amountCents: 500 },
      ],
      leftCents: 0,
    });
    expect(allocateOldestFirst(6000, open).leftCents).toBe(1000);
    expect(allocateOldestFirst(0, open).allocations).toEqual([]);
  });

  it("staff's ventilation is capped at what each invoice owes; unknown invoices are ignored", () => {
    const plan = allocateExplicit(
      6000,
      [
        { invoiceId: 'dec', amountCents: 3500 },
        { invoiceId: 'other', amountCents: 500 },
        { invoiceId: 'nov', amountCents: 1000 },
      ],
      open,
    );
    expect(plan.allocations).toEqual([
      { invoiceId: 'dec', amountCents: 3000 },
      { invoiceId: 'nov', amountCents: 1000 },
    ]);
    expect(plan.capped).toEqual([{ invoiceId: 'dec', requestedCents: 3500, allocatedCents: 3000 }]);
    expect(plan.ignored).toEqual(['other']);
    expect(plan.leftCents).toBe(2000);
  });

  it('draws credit oldest source first', () => {
    expect(
      drawCredit(
        [
          { kind: 'creditNote', id: 'c', date: '2026-12-03', availableCents: 500 },
          { kind: 'payment', id: 'p', date: '2026-11-20', availableCents: 300 },
        ],
        700,
      ),
    ).toEqual([
      { kind: 'payment', id: 'p', amountCents: 300 },
      { kind: 'creditNote', id: 'c', amountCents: 400 },
    ]);
  });
});

describe('numbering', () => {
  it('formats the three series', () => {
    expect(invoiceNumber(2026, 123)).toBe('2026-000123');
    expect(creditNoteNumber(2026, 4)).toBe('AV-2026-000004');
    expect(receiptNumber(2026, deskCode('7f3a9c1e-0d4b-4c55-9a61-2b8f0e6d1a77'), 45)).toBe('R-2026-7F3A9C-000045');
    expect(deskCode('--')).toBe('DESK');
  });
});
