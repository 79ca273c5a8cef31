// The invoice PDF (facture), in French: commune header and logo, payer, lines by child and activity (quantity,
// unit price, amount), totals, credit notes and payments already allocated, amount due and due date, how to pay,
// and the part payable in CESU. Renders from stored rows only (an issued invoice never changes, so neither does
// its PDF: same rows, same bytes).
import { formatEuros } from '../../../../shared/domain/money';
import { monthLabel } from '../../../../shared/commands/billing';
import type { InvoiceDetail, RegieSettingsView } from '../queries';
import {
  colors,
  contentWidth,
  createPdf,
  drawFooters,
  legalLine,
  drawHeader,
  drawRecipient,
  frDate,
  page,
  pdfBytes,
  pdfText,
  type Pdf,
} from './document';

export interface InvoicePdfInput {
  invoice: InvoiceDetail;
  settings: RegieSettingsView;
}

const columns = {
  label: { x: page.margin + 8, width: 292 },
  quantity: { x: page.margin + 304, width: 40 },
  unitPrice: { x: page.margin + 350, width: 75 },
  amount: { x: page.margin + 430, width: contentWidth - 438 },
};
const bottomLimit = page.height - page.margin - 24;
const CESU_MARK = '¹';

export function invoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { invoice, settings } = input;
  const doc = createPdf({ title: `Facture ${invoice.number}`, createdOn: invoice.issueDate });
  let y = drawHeader(doc, settings, 'FACTURE', [
    ['N°', invoice.number],
    ["Date d'émission", frDate(invoice.issueDate)],
    ['Période', monthLabel(invoice.month)],
    ['Échéance', frDate(invoice.dueDate)],
  ]);
  doc.font('Helvetica').fontSize(9).fillColor(colors.muted).text('Foyer', page.margin, Math.max(y, 140));
  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .fillColor(colors.ink)
    .text(pdfText(invoice.householdName), page.margin, doc.y, { width: 240 });
  const recipientBottom = drawRecipient(doc, y, invoice.payerName, invoice.payerAddress);
  y = Math.max(doc.y, recipientBottom) + 26;

  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(colors.ink)
    .text(pdfText(`Prestations de ${monthLabel(invoice.month)}`), page.margin, y);
  y = doc.y + 6;
  y = drawTableHeader(doc, y);

  // `child` is the child whose lines are being listed (for subtotals); `shownChild` / `shownActivity` are the
  // headings already printed on the current page (repeated, marked « suite », after a page break).
  let child: string | null = null;
  let shownChild: string | null = null;
  let shownActivity: string | null = null;
  let subtotal = 0;
  let listed = 0;
  const showSubtotals = new Set(invoice.lines.map((l) => l.childName)).size > 1;
  for (const line of invoice.lines) {
    const label = pdfText(line.label + (line.cesuEligible ? CESU_MARK : ''));
    doc.font('Helvetica').fontSize(9);
    const labelHeight = doc.heightOfString(label, { width: columns.label.width });
    doc.fontSize(7.5);
    const detailHeight = line.detail ? doc.heightOfString(pdfText(line.detail), { width: columns.label.width }) : 0;
    const rowHeight = labelHeight + detailHeight + 6;
    if (line.childName !== child) {
      if (child !== null && showSubtotals) y = drawSubtotal(doc, y, child, subtotal);
      child = line.childName;
      subtotal = 0;
      listed = 0;
      shownChild = null;
      shownActivity = null;
    }
    const needsChild = shownChild !== line.childName;
    const needsActivity = needsChild || shownActivity !== line.activityName;
    if (y + (needsChild ? 20 : 0) + (needsActivity ? 15 : 0) + rowHeight > bottomLimit) {
      doc.addPage();
      y = drawTableHeader(doc, page.margin);
      shownChild = null;
      shownActivity = null;
    }
    if (shownChild !== line.childName) {
      const continued = listed > 0;
      shownChild = line.childName;
      shownActivity = null;
      y += 5;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor(colors.accent)
        .text(pdfText(`${child || 'Autres prestations'}${continued ? ' (suite)' : ''}`), columns.label.x - 8, y);
      y = doc.y + 3;
    }
    if (shownActivity !== line.activityName) {
      shownActivity = line.activityName;
      doc.font('Helvetica-Oblique').fontSize(9).fillColor(colors.muted).text(pdfText(line.activityName), columns.label.x, y);
      y = doc.y + 2;
    }
    doc.font('Helvetica').fontSize(9).fillColor(colors.ink).text(label, columns.label.x, y, { width: columns.label.width });
    if (line.detail)
      doc
        .fontSize(7.5)
        .fillColor(colors.muted)
        .text(pdfText(line.detail), columns.label.x, y + labelHeight, { width: columns.label.width });
    doc.fontSize(9).fillColor(colors.ink);
    doc.text(String(line.quantity), columns.quantity.x, y, { width: columns.quantity.width, align: 'right' });
    doc.text(pdfText(formatEuros(line.unitPriceCents)), columns.unitPrice.x, y, {
      width: columns.unitPrice.width,
      align: 'right',
    });
    doc.text(pdfText(formatEuros(line.amountCents)), columns.amount.x, y, { width: columns.amount.width, align: 'right' });
    y += rowHeight;
    subtotal += line.amountCents;
    listed++;
    doc
      .moveTo(columns.label.x, y - 2)
      .lineTo(page.width - page.margin, y - 2)
      .lineWidth(0.3)
      .strokeColor(colors.rule)
      .stroke();
  }
  if (child !== null && showSubtotals) y = drawSubtotal(doc, y, child, subtotal);

  // Totals, then how to pay. Kept together on one page.
  const paymentsCents = invoice.allocations
    .filter((a) => !a.releasedAt && a.source === 'payment')
    .reduce((n, a) => n + a.amountCents, 0);
  const creditsCents = invoice.allocations
    .filter((a) => !a.releasedAt && a.source === 'creditNote')
    .reduce((n, a) => n + a.amountCents, 0);
  const totals: [string, string, boolean][] = [['Total de la facture', formatEuros(invoice.totalCents), false]];
  if (creditsCents > 0) totals.push(['Avoirs et crédits imputés', formatEuros(-creditsCents), false]);
  if (paymentsCents > 0) totals.push(['Déjà réglé', formatEuros(-paymentsCents), false]);
  totals.push(['Reste à payer', formatEuros(Math.max(0, invoice.openCents)), true]);
  const howTo = howToPay(settings, invoice.number);
  const blockHeight = totals.length * 17 + 30 + (invoice.cesuEligibleCents > 0 ? 40 : 0) + 40 + howTo.length * 24;
  if (y + 14 + blockHeight > bottomLimit) {
    doc.addPage();
    y = page.margin;
  }
  y += 12;
  const boxX = page.width - page.margin - 250;
  for (const [label, value, strong] of totals) {
    if (strong) {
      doc
        .rect(boxX, y - 4, 250, 22)
        .fillColor(colors.band)
        .fill();
      doc
        .rect(boxX, y - 4, 250, 22)
        .lineWidth(0.8)
        .strokeColor(colors.accent)
        .stroke();
      y += 2;
    }
    doc
      .font(strong ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(strong ? 11 : 9.5)
      .fillColor(colors.ink);
    doc.text(pdfText(label), boxX + 8, y, { width: 140 });
    doc.text(pdfText(value), boxX + 140, y, { width: 102, align: 'right' });
    y += strong ? 22 : 16;
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(9.5)
    .fillColor(invoice.openCents > 0 ? colors.warn : colors.accent);
  doc.text(
    pdfText(invoice.openCents > 0 ? `À régler avant le ${frDate(invoice.dueDate)}` : 'Facture soldée. Merci.'),
    boxX,
    y + 2,
    { width: 250, align: 'right' },
  );
  y = doc.y + 12;

  if (invoice.cesuEligibleCents > 0) {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor(colors.ink)
      .text(pdfText(`${CESU_MARK} Part payable en CESU : ${formatEuros(invoice.cesuEligibleCents)}`), page.margin, y);
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(colors.muted)
      .text(
        pdfText(
          'Accueil périscolaire, mercredis et accueil de loisirs des enfants de moins de 6 ans le jour de la prestation ; la restauration en est exclue.',
        ),
        page.margin,
        doc.y + 1,
        { width: contentWidth },
      );
    y = doc.y + 12;
  }

  doc.rect(page.margin, y, contentWidth, 18).fillColor(colors.accent).fill();
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor('#ffffff')
    .text('Comment régler ?', page.margin + 8, y + 4.5);
  y += 24;
  for (const [title, text] of howTo) {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor(colors.ink)
      .text(pdfText(title), page.margin + 8, y, { continued: true });
    doc
      .font('Helvetica')
      .fillColor(colors.ink)
      .text(pdfText(` ${text}`), { width: contentWidth - 16 });
    y = doc.y + 5;
  }

  drawFooters(doc, `Facture ${invoice.number}`, legalLine(settings));
  return pdfBytes(doc);
}

function drawSubtotal(doc: Pdf, y: number, child: string, cents: number): number {
  if (y + 16 > bottomLimit) {
    doc.addPage();
    y = page.margin;
  }
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.muted);
  doc.text(pdfText(`Sous-total ${child}`), columns.label.x, y + 1, {
    width: columns.unitPrice.x + columns.unitPrice.width - columns.label.x,
    align: 'right',
  });
  doc
    .fillColor(colors.ink)
    .text(pdfText(formatEuros(cents)), columns.amount.x, y + 1, { width: columns.amount.width, align: 'right' });
  return y + 16;
}

function drawTableHeader(doc: Pdf, y: number): number {
  doc.rect(page.margin, y, contentWidth, 18).fillColor(colors.band).fill();
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.ink);
  doc.text('Désignation', columns.label.x, y + 5, { width: columns.label.width });
  doc.text('Qté', columns.quantity.x, y + 5, { width: columns.quantity.width, align: 'right' });
  doc.text('Prix unitaire', columns.unitPrice.x, y + 5, { width: columns.unitPrice.width, align: 'right' });
  doc.text('Montant', columns.amount.x, y + 5, { width: columns.amount.width, align: 'right' });
  return y + 22;
}

const atDeskWords: Record<string, string> = {
  cash: 'espèces',
  cheque: 'chèque',
  card: 'carte bancaire',
  cesu: 'CESU',
  ancv: 'chèques vacances (ANCV)',
};

/** The ways to pay this régie accepts, each a [title, explanation] pair. */
function howToPay(settings: RegieSettingsView, number: string): [string, string][] {
  const accepted = new Set(settings.acceptedModes.map((m) => m.mode));
  const atDesk = settings.acceptedModes
    .filter((m) => m.mode !== 'transfer' && m.mode !== 'directDebit')
    .map((m) => atDeskWords[m.mode]);
  const place = [settings.addressLine1, `${settings.postalCode} ${settings.city}`.trim()].filter(Boolean).join(', ');
  const ways: [string, string][] = [];
  if (atDesk.length > 0)
    ways.push([
      'Au guichet',
      `de la régie${place ? ` (${place})` : ''}${settings.officeHours ? `, ${settings.officeHours}` : ''} : ${atDesk.join(', ')}.`,
    ]);
  ways.push([
    'En ligne',
    `sur le portail famille${settings.portalUrl ? ` : ${settings.portalUrl}` : ''}, rubrique « Mes factures ».`,
  ]);
  if (accepted.has('cheque'))
    ways.push([
      'Par chèque',
      `à l'ordre ${madeOutTo(settings.payableTo)}, en indiquant au dos le numéro de facture ${number}, remis au guichet ou envoyé à la régie.`,
    ]);
  if (accepted.has('transfer')) ways.push(['Par virement', `en indiquant la référence ${number}.`]);
  return ways;
}

/** « du Trésor public », « de la Régie périscolaire »… */
export function madeOutTo(payableTo: string): string {
  if (/^trésor public$/i.test(payableTo.trim())) return 'du Trésor public';
  return /^(la|le|l')\b/i.test(payableTo.trim()) ? `de ${payableTo}` : `de « ${payableTo} »`;
}
