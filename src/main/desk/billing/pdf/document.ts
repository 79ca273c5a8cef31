// What every billing PDF shares: an A4 pdfkit document with the standard Helvetica fonts (no font file to embed:
// fast, small, and WinAnsi covers French), the commune header with its logo, page footers, and the buffer.
// Text goes through `pdfText`: characters outside WinAnsi (U+2212 minus, narrow no-break space) are replaced.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { decodeLogo, formatSiret } from '../../../../shared/domain/regieIdentity';
import type { RegieSettingsView } from '../queries';

export type Pdf = PDFKit.PDFDocument;

export const page = { width: 595.28, height: 841.89, margin: 42 } as const;
export const contentWidth = page.width - 2 * page.margin;
export const colors = {
  ink: '#1d2330',
  muted: '#5b6475',
  rule: '#c9ced8',
  accent: '#1c4e80',
  band: '#eef2f7',
  warn: '#9a1b1b',
} as const;

/** Text safe for the standard PDF fonts (WinAnsi). */
export function pdfText(text: string): string {
  return text
    .replace(/\u2212/g, '-')
    .replace(/[\u202f\u2009]/g, '\u00a0')
    .replace(/[\u2010\u2011]/g, '-');
}

/** `2026-12-01` → `01/12/2026`. */
export const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export function createPdf(info: { title: string; createdOn: string }): Pdf {
  return new PDFDocument({
    size: 'A4',
    margin: page.margin,
    bufferPages: true,
    // A fixed creation date (the document's own date): the same document always gives the same bytes.
    info: {
      Title: pdfText(info.title),
      Author: 'Guichet',
      Creator: 'Guichet',
      CreationDate: new Date(`${info.createdOn}T12:00:00Z`),
    },
  });
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

let logoCache: { path: string; bytes: Buffer | null } | undefined;

/** `resources/commune-logo.png` of the source tree or the packaged app (searched upwards), null if absent. */
export function communeLogo(): Buffer | null {
  if (logoCache) return logoCache.bytes;
  let dir = dirname(fileURLToPath(import.meta.url));
  let found = '';
  for (let i = 0; i < 7 && !found; i++) {
    const candidate = join(dir, 'resources', 'commune-logo.png');
    if (existsSync(candidate)) found = candidate;
    dir = dirname(dir);
  }
  logoCache = { path: found, bytes: found ? readFileSync(found) : null };
  return logoCache.bytes;
}

let settingsLogoCache: { dataUrl: string; bytes: Buffer | null } | undefined;

/**
 * The logo to print: the one saved in the régie settings (decoded once per distinct data URL: a month's invoices
 * share it), else `resources/commune-logo.png`, else none.
 */
export function logoFor(settings: Pick<RegieSettingsView, 'logo'>): Buffer | null {
  if (!settings.logo) return communeLogo();
  if (settingsLogoCache?.dataUrl !== settings.logo) {
    const decoded = decodeLogo(settings.logo);
    settingsLogoCache = { dataUrl: settings.logo, bytes: decoded ? Buffer.from(decoded.bytes) : null };
  }
  return settingsLogoCache.bytes ?? communeLogo();
}

/** « Régie … n° … — Commune d'Aiffres — SIRET … »: the footer of every page. */
export function legalLine(settings: RegieSettingsView): string {
  return [
    `${settings.regieName}${settings.regieNumber ? ` n° ${settings.regieNumber}` : ''}`,
    communeTitle(settings.communeName),
    settings.siret && `SIRET ${formatSiret(settings.siret)}`,
  ]
    .filter(Boolean)
    .join(' — ');
}

/**
 * The commune's block at the top left (logo, name, régie and its number, address, contacts, SIRET) and the
 * document's title block at the top right. Returns the y below both.
 */
export function drawHeader(doc: Pdf, settings: RegieSettingsView, title: string, facts: [string, string][]): number {
  const top = page.margin - 6;
  const logo = logoFor(settings);
  const textX = logo ? page.margin + 62 : page.margin;
  if (logo) doc.image(logo, page.margin, top, { fit: [52, 60] });
  doc
    .fillColor(colors.ink)
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(pdfText(communeTitle(settings.communeName)), textX, top, { width: 230 });
  doc.font('Helvetica').fontSize(8.5).fillColor(colors.muted);
  const lines = [
    settings.regieName,
    settings.addressLine1,
    settings.addressLine2,
    `${settings.postalCode} ${settings.city}`.trim(),
    [settings.phone && `Tél. ${settings.phone}`, settings.email].filter(Boolean).join(' · '),
    [settings.siret && `SIRET ${formatSiret(settings.siret)}`, settings.regieNumber && `Régie n° ${settings.regieNumber}`]
      .filter(Boolean)
      .join(' · '),
  ].filter((l) => l !== '');
  for (const line of lines) doc.text(pdfText(line), textX, doc.y, { width: 230 });
  const leftBottom = Math.max(doc.y, logo ? top + 62 : 0);

  const right = page.width - page.margin;
  const boxWidth = 220;
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor(colors.accent)
    .text(pdfText(title), right - boxWidth, top, { width: boxWidth, align: 'right' });
  doc.moveDown(0.2);
  for (const [label, value] of facts) {
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(colors.muted)
      .text(pdfText(label), right - boxWidth, y, { width: 80 });
    doc
      .font('Helvetica-Bold')
      .fillColor(colors.ink)
      .text(pdfText(value), right - boxWidth + 80, y, { width: boxWidth - 80, align: 'right' });
  }
  return Math.max(leftBottom, doc.y) + 14;
}

/** The recipient block where a window envelope shows it (right column, about 5 cm from the top). */
export function drawRecipient(doc: Pdf, y: number, name: string, address: readonly string[]): number {
  const x = 318;
  const top = Math.max(y, 140);
  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .fillColor(colors.ink)
    .text(pdfText(name), x, top, { width: page.width - page.margin - x });
  doc.font('Helvetica').fontSize(10);
  for (const line of address) doc.text(pdfText(line), x, doc.y, { width: page.width - page.margin - x });
  return doc.y;
}

/** « Facture 2026-000123 — page 1 / 2 » at the bottom of every page, and the commune's name. */
export function drawFooters(doc: Pdf, label: string, legal: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = page.height - page.margin + 8;
    // Writing below the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .moveTo(page.margin, y - 6)
      .lineTo(page.width - page.margin, y - 6)
      .lineWidth(0.5)
      .strokeColor(colors.rule)
      .stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(colors.muted);
    doc.text(pdfText(legal), page.margin, y, { width: contentWidth - 110, lineBreak: false });
    doc.text(pdfText(`${label} — page ${i - range.start + 1} / ${range.count}`), page.width - page.margin - 160, y, {
      width: 160,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** « Commune d'Aiffres », « Commune de Niort »: French elision before a vowel or a mute h. */
export function communeTitle(name: string): string {
  return /^[aeiouyàâäéèêëîïôöûüh]/i.test(name) ? `Commune d'${name}` : `Commune de ${name}`;
}
