// Money: integer cents everywhere, and the ONE place where an amount is rounded (`percentOf`). Every other
// computation on amounts is exact integer arithmetic (sums, quantity × unit price), so totals never drift:
// 17 × 4,15 € is 70,55 € exactly. Formatting for people (PDF, screens) and for CSV exports lives here too.
// Pure.

/** An amount in euro cents: a safe integer, possibly negative (credits, regularisations). */
export type Cents = number;

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function assertCents(value: number, what = 'amount'): void {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} is not an integer number of cents: ${value}`);
}

/**
 * `percent` % of `cents`, rounded to the nearest cent, halves away from zero (4,15 € × 10 % = 0,415 € → 0,42 €;
 * −0,415 € → −0,42 €). Percentages are whole numbers (tariff settings: −10 %, 100 %, +50 %). This is the only
 * rounding in the billing code: a reduced price, a late-cancellation penalty and a surcharge all go through it.
 */
export function percentOf(cents: Cents, percent: number): Cents {
  assertCents(cents);
  if (!Number.isInteger(percent)) throw new Error(`percent must be a whole number: ${percent}`);
  const product = cents * percent; // exact: |cents| < 1e9 and |percent| ≤ 1000 in practice, far below 2^53
  assertCents(product, 'cents × percent');
  const sign = product < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(product) + 50) / 100);
}

/** A price after a reduction of `percent` % (the rounded reduced price is what the family pays per unit). */
export function reducedBy(cents: Cents, percent: number): Cents {
  return percentOf(cents, 100 - percent);
}

/** Quantity × unit price, exact. */
export function times(unitCents: Cents, quantity: number): Cents {
  assertCents(unitCents, 'unit price');
  if (!Number.isSafeInteger(quantity)) throw new Error(`quantity must be an integer: ${quantity}`);
  const amount = unitCents * quantity;
  assertCents(amount, 'quantity × unit price');
  return amount;
}

export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0;
  for (const amount of amounts) {
    assertCents(amount);
    total += amount;
  }
  assertCents(total, 'total');
  return total;
}

const NBSP = '\u00a0';

/** `123456` → `1 234,56 €` (non-breaking spaces, which every standard PDF font has); `-415` → `-4,15 €` (hyphen-minus: WinAnsi PDF fonts have no U+2212). */
export function formatEuros(cents: Cents, options: { sign?: boolean } = {}): string {
  assertCents(cents);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const text = `${units},${String(abs % 100).padStart(2, '0')}${NBSP}€`;
  if (negative) return `-${text}`;
  return options.sign && cents > 0 ? `+${text}` : text;
}

/** For CSV exports read by spreadsheets set to French: `123456` → `1234,56`, `-5` → `-0,05` (no thousands separator). */
export function formatCsvAmount(cents: Cents): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What staff type in an amount field: `12`, `12,5`, `12.50`, `1 234,56 €` → cents; undefined when it is not an
 * amount (more than two decimals, letters…). Exact: parsed digit by digit, never through a float.
 */
export function parseEuros(text: string): Cents | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return undefined;
  return match[1] ? -cents : cents;
}
