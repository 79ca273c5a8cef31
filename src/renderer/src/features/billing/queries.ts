// Billing data for the screens, through TanStack Query. Every key starts with 'billing' so that one invalidation
// after any billing command (`useBillingCommand`) refreshes drafts, invoices, accounts, the journal and tariffs.
// Who may see these screens comes from the session (régisseur and administrateur; everyone in set-up mode).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, type Args, type Returned } from '../../api';
import { useCommand, type CommandName, type CommandOptions } from '../../commands';
import { useSession } from '../session/SessionContext';

export type BillingDraft = Returned<'billing.draft'>;
export type DraftHousehold = BillingDraft['households'][number];
export type DraftAnomaly = BillingDraft['anomalies'][number];
export type InvoiceSummary = Returned<'billing.invoices'>[number];
export type InvoiceDetail = NonNullable<Returned<'billing.invoice'>>;
export type InvoiceLine = InvoiceDetail['lines'][number];
export type HouseholdAccount = NonNullable<Returned<'billing.account'>>;
export type AccountEntry = HouseholdAccount['entries'][number];
export type PaymentDetail = NonNullable<Returned<'billing.payment'>>;
export type RegieJournal = Returned<'regie.journal'>;
export type ChequeSlip = Returned<'regie.chequeSlip'>;
export type TariffsView = Returned<'tariffs.list'>;
export type TariffView = TariffsView['tariffs'][number];
export type RegieSettings = Returned<'regie.settings'>;
export type PdfFile = NonNullable<Returned<'billing.invoicePdf'>>;
export type InvoiceStatusFilter = NonNullable<Args<'billing.invoices'>['status']>;

export function useDraft(month: string, activityIds: string[]) {
  return useQuery({
    queryKey: ['billing', 'draft', month, activityIds],
    queryFn: () => call('billing.draft', { month, activityIds: activityIds.length > 0 ? activityIds : undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useInvoices(filter: { month?: string; householdId?: string; status?: InvoiceStatusFilter }) {
  return useQuery({
    queryKey: ['billing', 'invoices', filter],
    queryFn: () => call('billing.invoices', filter),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(invoiceId: string) {
  return useQuery({ queryKey: ['billing', 'invoice', invoiceId], queryFn: () => call('billing.invoice', { invoiceId }) });
}

export function usePayment(paymentId: string) {
  return useQuery({ queryKey: ['billing', 'payment', paymentId], queryFn: () => call('billing.payment', { paymentId }) });
}

export function useAccount(householdId: string, enabled = true) {
  return useQuery({
    queryKey: ['billing', 'account', householdId],
    queryFn: () => call('billing.account', { householdId }),
    enabled,
  });
}

export function useJournal(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ['billing', 'journal', from, to],
    queryFn: () => call('regie.journal', { from, to }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useChequeSlip(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ['billing', 'chequeSlip', from, to],
    queryFn: () => call('regie.chequeSlip', { from, to }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useTariffs() {
  return useQuery({ queryKey: ['billing', 'tariffs'], queryFn: () => call('tariffs.list', {}) });
}

export function useRegieSettings() {
  return useQuery({ queryKey: ['billing', 'regieSettings'], queryFn: () => call('regie.settings', {}) });
}

/** A PDF (invoice or receipt) fetched when a viewer opens; never cached (the bytes can be large). */
export function usePdf(kind: 'invoice' | 'receipt', id: string | null) {
  return useQuery({
    queryKey: ['billing', 'pdf', kind, id],
    queryFn: () =>
      kind === 'invoice' ? call('billing.invoicePdf', { invoiceId: id! }) : call('billing.receiptPdf', { paymentId: id! }),
    enabled: id !== null,
    gcTime: 0,
    staleTime: 0,
  });
}

/**
 * `useCommand` (notifications, family invalidation) plus the billing data: after a success every 'billing'
 * query is refetched, so an invoice, an account or the journal never shows a state older than the command.
 */
export function useBillingCommand<K extends CommandName>(name: K, options: CommandOptions = {}) {
  const queryClient = useQueryClient();
  const command = useCommand(name, options);
  const run = async (args: Args<K>) => {
    const result = await command.run(args);
    if (result?.ok) await queryClient.invalidateQueries({ queryKey: ['billing'] });
    return result;
  };
  return { run, pending: command.pending };
}

// ——— Who may use these screens ———

export type BillingAccess = { billing: boolean; admin: boolean };

/**
 * Régisseur and administrateur use billing; only an administrateur edits tariffs and régie settings. From the
 * session (features/session: set-up mode acts as administrateur, as on the desk core) and the same rules as the
 * core (shared/permissions.ts); hiding is for comfort, the core refuses anyway.
 */
export function useBillingAccess(): { pending: boolean; access: BillingAccess } {
  const session = useSession();
  return { pending: false, access: { billing: session.may('billing.draft'), admin: session.may('tariff.save') } };
}
