// The online payment interface, shaped on PayFiP (DGFiP) web-service mode (../shared/specs/payfip.md):
// the hub asks the provider to create a payment and gets an operation id; the parent's browser goes to the
// provider's page; the provider POSTs an UNSIGNED notification carrying only the operation id, which is never
// trusted: it only means "go and ask"; the hub then asks the provider for the operation's result.
// Swapping the test provider for the real PayFiP gateway changes this adapter only, not the flow.

export interface CreatePaymentRequest {
  /** Our reference (PayFiP `refdet`, 1–30 alphanumerics): the online payment record's id. */
  reference: string;
  amountCents: number;
  /** PayFiP `objet`: ASCII letters/digits/spaces, ≤ 100. */
  label: string;
  payerEmail: string;
  /** Server-to-server notification URL. */
  notifyUrl: string;
  /** Where the parent's browser comes back. */
  returnUrl: string;
  /** Budget year (PayFiP `exer`). */
  year: number;
}

export interface CreatedPayment {
  operationId: string;
  /** Where to send the parent's browser. */
  paymentPageUrl: string;
}

export type PaymentDetail =
  | { result: 'paid'; amountCents: number; reference: string; authorisation: string; paidAt: string }
  | { result: 'denied' | 'abandoned'; reference?: string }
  /** Not decided yet (PayFiP: fault "result not known yet"). */
  | { result: 'pending' }
  /** The provider no longer knows the operation (PayFiP purges ids nightly). */
  | { result: 'unknown' };

export interface PaymentProvider {
  readonly name: string;
  createPayment(request: CreatePaymentRequest): Promise<CreatedPayment>;
  getPaymentDetail(operationId: string): Promise<PaymentDetail>;
}

/** PayFiP's `objet`: only ASCII letters, digits and spaces, at most 100 characters. */
export function payfipLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}
