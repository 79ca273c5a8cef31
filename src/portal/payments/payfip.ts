// PayFiP (DGFiP) web-service adapter, the production provider (../shared/specs/payfip.md). SOAP over HTTPS:
// `creerPaiementSecurise` gives an operation id; the parent pays on PayFiP's page; PayFiP's unsigned
// notification only tells us to call `recupererDetailPaiementSecurise`, whose `resultrans` decides.
// Endpoint and page addresses are configuration (the official "Guide PayFiP Régie Web service" is the
// authority: check fault codes and addresses against it before going live).
import type { CreatePaymentRequest, CreatedPayment, PaymentDetail, PaymentProvider } from './provider';
import { payfipLabel } from './provider';

export interface PayfipConfig {
  /** SOAP endpoint of the secure payment service. */
  endpoint: string;
  /** The payment page; `{idop}` is replaced by the operation id. */
  paymentPage: string;
  /** The régie's client number (6 digits). */
  clientNumber: string;
  /** `T` test, `X` activation, `W` production. */
  mode: 'T' | 'X' | 'W';
  fetch?: typeof fetch;
}

const NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';
const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function createPaymentEnvelope(
  config: Pick<PayfipConfig, 'clientNumber' | 'mode'>,
  request: CreatePaymentRequest,
): string {
  if (!/^\d{6}$/.test(config.clientNumber)) throw new Error('PayFiP numcli must be 6 digits');
  if (!/^[A-Za-z0-9]{1,30}$/.test(request.reference)) throw new Error('PayFiP refdet must be 1–30 alphanumerics');
  if (request.amountCents < 100 || request.amountCents > 10_000_000) throw new Error('PayFiP amount must be 1 € to 100,000 €');
  const email =
    request.payerEmail.length >= 6 && request.payerEmail.length <= 80 ? request.payerEmail : 'contact@example.invalid';
  const fields = {
    exer: String(request.year),
    mel: email,
    montant: String(request.amountCents),
    numcli: config.clientNumber,
    objet: payfipLabel(request.label),
    refdet: request.reference,
    saisie: config.mode,
    urlnotif: request.notifyUrl,
    urlredirect: request.returnUrl,
  };
  return envelope(
    'creerPaiementSecurise',
    Object.entries(fields)
      .map(([k, v]) => `<${k}>${xml(v)}</${k}>`)
      .join(''),
  );
}

export function detailEnvelope(operationId: string): string {
  return envelope('recupererDetailPaiementSecurise', `<idOp>${xml(operationId)}</idOp>`);
}

function envelope(operation: string, args: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="${NS}"><soapenv:Body><pai:${operation}><arg0>${args}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`;
}

const tag = (body: string, name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(body)?.[1]?.trim();

/** Maps PayFiP's answer to a result. `resultrans`: P/V paid; R/Z refused; A abandoned. */
export function parseDetailResponse(body: string): PaymentDetail {
  const fault = tag(body, 'faultstring') ?? tag(body, 'code') ?? '';
  if (/<(?:\w+:)?Fault>/.test(body)) {
    // P1: unknown idOp (purged nightly) → the attempt expires; P5: result not known yet → keep waiting.
    if (/P1/.test(fault)) return { result: 'unknown' };
    if (/P5/.test(fault)) return { result: 'pending' };
    throw new Error(`PayFiP fault: ${fault.slice(0, 200)}`);
  }
  const resultrans = tag(body, 'resultrans');
  const reference = tag(body, 'refdet') ?? '';
  if (resultrans === 'P' || resultrans === 'V') {
    const date = tag(body, 'dattrans') ?? ''; // DDMMYYYY
    const time = tag(body, 'heurtrans') ?? '0000'; // HHMM (Paris)
    return {
      result: 'paid',
      amountCents: Number(tag(body, 'montant')),
      reference,
      authorisation: tag(body, 'numauto') ?? '',
      paidAt: /^\d{8}$/.test(date)
        ? `${date.slice(4)}-${date.slice(2, 4)}-${date.slice(0, 2)}T${time.slice(0, 2)}:${time.slice(2, 4)}`
        : '',
    };
  }
  if (resultrans === 'R' || resultrans === 'Z') return { result: 'denied', reference };
  if (resultrans === 'A') return { result: 'abandoned', reference };
  return { result: 'pending' };
}

export function createPayfipProvider(config: PayfipConfig): PaymentProvider {
  const doFetch = config.fetch ?? fetch;
  const soap = async (body: string) => {
    const response = await doFetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '' },
      body,
    });
    return response.text();
  };
  return {
    name: 'payfip',
    async createPayment(request): Promise<CreatedPayment> {
      const answer = await soap(createPaymentEnvelope(config, request));
      const operationId = tag(answer, 'idOp');
      if (!operationId)
        throw new Error(`PayFiP did not return an operation id: ${(tag(answer, 'faultstring') ?? '').slice(0, 200)}`);
      return { operationId, paymentPageUrl: config.paymentPage.replace('{idop}', encodeURIComponent(operationId)) };
    },
    async getPaymentDetail(operationId) {
      return parseDetailResponse(await soap(detailEnvelope(operationId)));
    },
  };
}
