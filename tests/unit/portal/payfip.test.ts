// The PayFiP adapter's own logic: the SOAP request it builds and how it reads PayFiP's answers.
import { describe, expect, it } from 'vitest';
import {
  createPaymentEnvelope,
  createPayfipProvider,
  detailEnvelope,
  parseDetailResponse,
} from '../../../src/portal/payments/payfip';

const request = {
  reference: 'GU0123ABCD',
  amountCents: 7055,
  label: 'Factures 2026-000123 (cantine & périscolaire)',
  payerEmail: 'anne.martin@exemple.fr',
  notifyUrl: 'https://famille.example.fr/api/payments/notify',
  returnUrl: 'https://famille.example.fr/api/payments/return',
  year: 2026,
};
const detail = (fields: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:recupererDetailPaiementSecuriseResponse><return>${fields}</return></ns2:recupererDetailPaiementSecuriseResponse></soap:Body></soap:Envelope>`;
const fault = (text: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>${text}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;

describe('PayFiP adapter', () => {
  it('builds creerPaiementSecurise with the fields PayFiP expects', () => {
    const xml = createPaymentEnvelope({ clientNumber: '012345', mode: 'T' }, request);
    expect(xml).toContain('<montant>7055</montant>');
    expect(xml).toContain('<numcli>012345</numcli>');
    expect(xml).toContain('<refdet>GU0123ABCD</refdet>');
    expect(xml).toContain('<objet>Factures 2026 000123 cantine periscolaire</objet>');
    expect(xml).toContain('<saisie>T</saisie>');
    expect(xml).toContain('<exer>2026</exer>');
    expect(detailEnvelope('op1')).toContain('<idOp>op1</idOp>');
  });

  it('refuses what PayFiP would refuse', () => {
    expect(() => createPaymentEnvelope({ clientNumber: '12', mode: 'T' }, request)).toThrow(/numcli/);
    expect(() => createPaymentEnvelope({ clientNumber: '012345', mode: 'T' }, { ...request, amountCents: 50 })).toThrow(/1 €/);
    expect(() => createPaymentEnvelope({ clientNumber: '012345', mode: 'T' }, { ...request, reference: 'a-b' })).toThrow(
      /refdet/,
    );
  });

  it('reads paid, refused, abandoned, pending and unknown operations', () => {
    expect(
      parseDetailResponse(
        detail(
          '<resultrans>P</resultrans><montant>7055</montant><refdet>GU0123ABCD</refdet><numauto>A1B2C3</numauto><dattrans>02122026</dattrans><heurtrans>1042</heurtrans>',
        ),
      ),
    ).toEqual({
      result: 'paid',
      amountCents: 7055,
      reference: 'GU0123ABCD',
      authorisation: 'A1B2C3',
      paidAt: '2026-12-02T10:42',
    });
    expect(parseDetailResponse(detail('<resultrans>V</resultrans><montant>100</montant><refdet>X</refdet>'))).toMatchObject({
      result: 'paid',
    });
    expect(parseDetailResponse(detail('<resultrans>R</resultrans><refdet>X</refdet>'))).toEqual({
      result: 'denied',
      reference: 'X',
    });
    expect(parseDetailResponse(detail('<resultrans>Z</resultrans><refdet>X</refdet>'))).toEqual({
      result: 'denied',
      reference: 'X',
    });
    expect(parseDetailResponse(detail('<resultrans>A</resultrans><refdet>X</refdet>'))).toEqual({
      result: 'abandoned',
      reference: 'X',
    });
    expect(parseDetailResponse(fault('P5 - résultat non connu'))).toEqual({ result: 'pending' });
    expect(parseDetailResponse(fault('P1 - IdOp incorrect'))).toEqual({ result: 'unknown' });
    expect(() => parseDetailResponse(fault('Erreur technique'))).toThrow(/PayFiP fault/);
  });

  it('creates a payment through the SOAP endpoint and points to the payment page', async () => {
    const seen: string[] = [];
    const provider = createPayfipProvider({
      endpoint: 'http://127.0.0.1:9/soap',
      paymentPage: 'https://paiement.example/tpa/paiementws.web?idop={idop}',
      clientNumber: '012345',
      mode: 'T',
      fetch: async (_url, init) => {
        seen.push(String(init?.body));
        return new Response(
          '<S:Envelope><S:Body><ns2:creerPaiementSecuriseResponse><return><idOp>abc-123</idOp></return></ns2:creerPaiementSecuriseResponse></S:Body></S:Envelope>',
        );
      },
    });
    const created = await provider.createPayment(request);
    expect(created).toEqual({
      operationId: 'abc-123',
      paymentPageUrl: 'https://paiement.example/tpa/paiementws.web?idop=abc-123',
    });
    expect(seen[0]).toContain('creerPaiementSecurise');
  });
});
