// Billing documents as the renderer receives them: a PDF's bytes in base64 with a file name, built from the
// stored rows (queries) and the régie settings. Null when the invoice or payment does not exist.
import { payersOf } from '../../../shared/commands/billingLedger';
import type { Db } from '../../../shared/commands/types';
import { invoicePdf } from './pdf/invoicePdf';
import { receiptPdf } from './pdf/receiptPdf';
import { getInvoice, getPayment, getRegieSettings } from './queries';

export interface PdfFile {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
}

export async function invoicePdfFile(db: Db, invoiceId: string, today: string): Promise<PdfFile | null> {
  const invoice = getInvoice(db, invoiceId, today);
  if (!invoice) return null;
  const bytes = await invoicePdf({ invoice, settings: getRegieSettings(db) });
  return { fileName: `Facture-${invoice.number}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64') };
}

export async function receiptPdfFile(db: Db, paymentId: string): Promise<PdfFile | null> {
  const payment = getPayment(db, paymentId);
  if (!payment) return null;
  const payer = payersOf(db, [payment.householdId]).get(payment.householdId) ?? { name: payment.householdName, address: [] };
  const bytes = await receiptPdf({ payment, settings: getRegieSettings(db), payer: payment.payerName ? { ...payer, name: payment.payerName } : payer });
  return { fileName: `Recu-${payment.receiptNumber}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64') };
}
