// Turns the bytes of a CSV file into text and finds its separator. Spreadsheets in French town halls save CSV
// as UTF-8 (with or without BOM), or as Windows-1252 (Excel's « CSV (séparateur : point-virgule) »), with `;`
// (French Excel) or `,` — detected here, never asked.

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, ‚, ƒ, „, …, œ, Œ, ’, “, ”…); 0 = unassigned.
const cp1252High = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const codes = Array.from(bytes.subarray(i, i + 4096), (b) => (b >= 0x80 && b < 0xa0 ? cp1252High[b - 0x80] || 0xfffd : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Text of the file and the encoding it was found in. Text without a BOM that is not valid UTF-8 is Windows-1252. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * The separator of the header line: the most frequent of `;`, `,` and tab outside quotes (`;` wins a tie:
 * French spreadsheets use it because `,` is the decimal mark). Excel's `sep=;` first line is honoured.
 */
export function detectSeparator(text: string): { separator: ';' | ',' | '\t'; skipFirstLine: boolean } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const hint = /^sep=([;,\t])\s*$/i.exec(firstLine);
  if (hint) return { separator: hint[1] as ';' | ',' | '\t', skipFirstLine: true };
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  const separator = (Object.entries(counts) as [';' | ',' | '\t', number][]).reduce((best, entry) =>
    entry[1] > best[1] ? entry : best,
  )[0];
  return { separator, skipFirstLine: false };
}
