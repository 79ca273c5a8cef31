// Search normalisation: the same folding for the indexed text and for what staff type, so that "helene" finds
// "Hélène", "06 12 34 56 78" finds "+33612345678", and "oe" finds "Œ". Used by the desk's FTS5 index.

/** Lower case, accents removed, ligatures expanded, punctuation turned into spaces. */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `+33612345678` → `0612345678`: the digits staff type for a French number. Other countries keep all digits. */
export function phoneSearchDigits(e164: string): string {
  if (e164.startsWith('+33')) return `0${e164.slice(3)}`;
  return e164.replace(/\D/g, '');
}

export type SearchQuery = { kind: 'empty' } | { kind: 'phone'; digits: string } | { kind: 'text'; terms: string[] };

/** A query made only of digits and phone punctuation, with at least 2 digits, is a phone number (prefix). */
export function parseSearchQuery(input: string): SearchQuery {
  const trimmed = input.trim();
  if (/^[+\d][\d\s.\-()/]*$/.test(trimmed) && (trimmed.match(/\d/g)?.length ?? 0) >= 2) {
    let digits = trimmed.replace(/\D/g, '');
    if (trimmed.startsWith('+33')) digits = `0${digits.slice(2)}`;
    else if (digits.startsWith('0033')) digits = `0${digits.slice(4)}`;
    return { kind: 'phone', digits };
  }
  const terms = foldText(trimmed).split(' ').filter(Boolean).slice(0, 8);
  return terms.length === 0 ? { kind: 'empty' } : { kind: 'text', terms };
}

/** FTS5 MATCH expression: every term must match as a prefix of some word. Terms are folded, so quoting is safe. */
export function toFtsMatch(query: SearchQuery): string | undefined {
  if (query.kind === 'phone') return `"${query.digits}"*`;
  if (query.kind === 'text') return query.terms.map((t) => `"${t}"*`).join(' ');
  return undefined;
}
