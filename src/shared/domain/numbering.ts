// Numbers printed on billing documents. Pure.
// - Invoices: `2026-000123`, ONE unbroken series per calendar year of the issue date, numbered by the authority
//   (the hub, or a standalone desk) in the transaction that issues them (counter row `invoice:2026`).
// - Credit notes (avoirs): `AV-2026-000004`, their own yearly series at the authority (`creditNote:2026`).
// - Receipts (reçus): `R-2026-7F3A9C-000045`. A receipt is handed over at the desk, often offline, so it cannot
//   wait for the hub's next number; and two desks offline at once must never print the same number. Hence one
//   series per desk and year: the desk's code (from its id) + the desk's own counter (`receipt:7F3A9C:2026`).
//   Only that desk's commands increment that counter, and the hub applies a desk's commands in their order, so
//   the number the hub computes is the one the desk printed. A receipt series has no legal "unbroken" rule; the
//   régie journal lists receipts per desk.
const pad = (n: number) => String(n).padStart(6, '0');

export const invoiceNumber = (year: number, n: number) => `${year}-${pad(n)}`;
export const creditNoteNumber = (year: number, n: number) => `AV-${year}-${pad(n)}`;
export const receiptNumber = (year: number, desk: string, n: number) => `R-${year}-${desk}-${pad(n)}`;

/**
 * Six characters identifying a desk in receipt numbers: the first letters and digits of its id, upper case
 * (a desk id is a random UUID; two desks of one commune sharing 24 random bits is about one chance in a million
 * for five desks — and even then they share one counter row, so numbers stay unique at the hub).
 */
export function deskCode(deskId: string): string {
  const code = deskId.replace(/[^0-9a-zA-Z]/g, '').slice(0, 6).toUpperCase();
  return code || 'DESK';
}

export const seriesIds = {
  invoice: (year: number) => `invoice:${year}`,
  creditNote: (year: number) => `creditNote:${year}`,
  receipt: (year: number, desk: string) => `receipt:${desk}:${year}`,
};
