// The household's invoices (the régie): `GET …/invoices`. Until the hub has that route it answers 404, which
// reads as "no invoice yet"; the pages then just work once the route exists.
import { api, ApiError } from '../../api';
import type { Invoice } from '../../types';

export const invoicesKey = (householdId: string) => ['invoices', householdId] as const;

export async function fetchInvoices(householdId: string): Promise<Invoice[]> {
  try {
    return (await api<{ invoices: Invoice[] }>('GET', `/api/parent/households/${householdId}/invoices`)).invoices;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

export const invoicePdfUrl = (householdId: string, invoiceId: string) =>
  `/api/parent/households/${encodeURIComponent(householdId)}/invoices/${encodeURIComponent(invoiceId)}/pdf`;

export const payInvoice = (householdId: string, invoiceId: string) =>
  api<{ redirectUrl: string }>('POST', `/api/parent/households/${householdId}/invoices/${encodeURIComponent(invoiceId)}/pay`);

const statusLabels: Record<string, string> = {
  paid: 'Payée',
  unpaid: 'À payer',
  partiallyPaid: 'Partiellement payée',
  overdue: 'En retard de paiement',
  cancelled: 'Annulée',
  credited: 'Annulée par un avoir',
};

export const invoiceStatusLabel = (status: string) => statusLabels[status] ?? status;
