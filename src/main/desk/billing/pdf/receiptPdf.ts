// The receipt PDF (reçu) handed over at the desk: receipt number, date, household and payer, amount in figures,
// payment mode (cheque bank and number), the invoices it paid and the credit left. A reversed payment prints
// with « ANNULÉ » and the reason, so a reprint can never pass for a valid receipt.
import { formatEuros } from '../../../../shared/domain/money';
import type { PaymentDetail, RegieSettingsView } from '../queries';
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
} from './document';

export interface ReceiptPdfInput {
  payment: PaymentDetail;
  settings: RegieSettingsView;
  payer: { name: string; address: string[] };
}

export function receiptPdf(input: ReceiptPdfInput): Promise<Buffer> {
  const { payment, settings, payer } = input;
  const doc = createPdf({ title: `Reçu ${payment.receiptNumber}`, createdOn: payment.recordedAt.slice(0, 10) });
  let y = drawHeader(doc, settings, 'REÇU', [
    ['N°', payment.receiptNumber],
    ['Reçu le', frDate(payment.receivedOn)],
  ]);
  doc.font('Helvetica').fontSize(9).fillColor(colors.muted).text('Foyer', page.margin, Math.max(y, 140));
  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .fillColor(colors.ink)
    .text(pdfText(payment.householdName), page.margin, doc.y, { width: 240 });
  const recipientBottom = drawRecipient(doc, y, payer.name, payer.address);
  y = Math.max(doc.y, recipientBottom) + 28;

  doc.rect(page.margin, y, contentWidth, 46).fillColor(colors.band).fill();
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(colors.ink)
    .text('Montant reçu', page.margin + 12, y + 9);
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(pdfText(formatEuros(payment.amountCents)), page.margin + 12, y + 9, { width: contentWidth - 24, align: 'right' });
  y += 60;
  const rows: [string, string][] = [['Mode de règlement', payment.modeLabel]];
  if (payment.mode === 'cheque') rows.push(['Chèque', `n° ${payment.chequeNumber} — ${payment.chequeBank}`]);
  if (payment.payerName) rows.push(['Versé par', payment.payerName]);
  rows.push(['Enregistré par', `${payment.recordedBy} (poste ${payment.deskId.slice(0, 8)})`]);
  if (payment.note) rows.push(['Note', payment.note]);
  for (const [label, value] of rows) {
    doc.font('Helvetica').fontSize(9.5).fillColor(colors.muted).text(pdfText(label), page.margin, y, { width: 130 });
    doc.fillColor(colors.ink).text(pdfText(value), page.margin + 140, y, { width: contentWidth - 140 });
    y = doc.y + 5;
  }

  y += 10;
  doc.font('Helvetica-Bold').fontSize(10.5).fillColor(colors.ink).text('Affectation', page.margin, y);
  y = doc.y + 4;
  const active = payment.allocations.filter((a) => !a.releasedAt);
  if (active.length === 0 && !payment.reversal) {
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .text('Aucune facture en attente : le montant est gardé en avoir et déduit de la prochaine facture.', page.margin, y, {
        width: contentWidth,
      });
    y = doc.y + 4;
  }
  // A reversed payment shows what it had paid, each marked as released by the reversal.
  for (const a of payment.reversal ? payment.allocations : active) {
    const released = a.releasedAt ? ' (libéré par l’annulation)' : '';
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(colors.ink)
      .text(pdfText(`Facture ${a.invoiceNumber}${released}`), page.margin + 10, y);
    doc.text(pdfText(formatEuros(a.amountCents)), page.margin, y, { width: contentWidth, align: 'right' });
    y = doc.y + 3;
  }
  if (payment.creditCents > 0 && active.length > 0) {
    doc.text(pdfText('Gardé en avoir (déduit de la prochaine facture)'), page.margin + 10, y);
    doc.text(pdfText(formatEuros(payment.creditCents)), page.margin, y, { width: contentWidth, align: 'right' });
    y = doc.y + 3;
  }

  if (payment.reversal) {
    y += 16;
    doc.save();
    doc.rotate(-18, { origin: [page.width / 2, y + 40] });
    doc
      .font('Helvetica-Bold')
      .fontSize(54)
      .fillColor(colors.warn)
      .opacity(0.25)
      .text('ANNULÉ', 0, y, { width: page.width, align: 'center' });
    doc.restore();
    doc
      .opacity(1)
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(colors.warn)
      .text(
        pdfText(`Règlement annulé le ${frDate(payment.reversal.reversedOn)} : ${payment.reversal.reason}`),
        page.margin,
        y + 70,
        { width: contentWidth },
      );
    y = doc.y;
  }

  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(colors.muted)
    .text(
      pdfText(
        payment.mode === 'cheque'
          ? "Reçu délivré sous réserve d'encaissement du chèque."
          : 'Reçu délivré pour valoir ce que de droit.',
      ),
      page.margin,
      y + 24,
      { width: contentWidth },
    );
  drawFooters(doc, `Reçu ${payment.receiptNumber}`, legalLine(settings));
  return pdfBytes(doc);
}
