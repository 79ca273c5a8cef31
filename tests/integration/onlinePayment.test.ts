// Online payment of an invoice with the hub's test provider (PayFiP-shaped): a paid invoice is recorded as a
// payment exactly once, whatever the number and order of notifications, returns and reconciliations; refused
// and abandoned attempts record nothing. Real hub, real SMTP server, real desk, all on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { book, openWorld, setUpCommune, type BillingWorld, type Commune } from './billingFixture';
import { cleanup, startHub, type TestHub } from '../fixtures/hubHarness';
import { startSmtpServer } from '../fixtures/smtpServer';

let world: BillingWorld;
let commune: Commune;
let hub: TestHub;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let now = new Date('2026-11-02T08:00:00Z');
const clock = () => now;

beforeEach(async () => {
  world = openWorld('2026-10-01T08:00:00Z');
  commune = await setUpCommune(world);
  await book(world, commune.martin, 0, commune.canteen.repas, ['2026-10-15', '2026-11-03', '2026-11-05']);
  world.setNow('2026-12-02T08:00:00Z');
  now = new Date('2026-12-02T08:00:00Z');
  await world.must('invoice.issueMonth', { month: '2026-10' });
  await world.must('invoice.issueMonth', { month: '2026-11' });
  const view = await world.call('families.get', { householdId: commune.martin.householdId });
  const { createdAt: _c, updatedAt: _u, receivesInvoices: _r, id, ...fields } = view.guardians[0];
  await world.must('guardian.update', { ...fields, guardianId: id, email: 'anne.martin@exemple.fr' });
  smtp = await startSmtpServer();
  hub = await startHub(undefined, clock, {
    paymentProvider: 'test',
    reconcileEveryMs: 0,
    smtp: { host: '127.0.0.1', port: smtp.port, from: 'regie@aiffres.test' },
  });
  // The standalone desk joins the hub and uploads its commune once.
  expect((await world.core.connect({ hubUrl: hub.url, code: hub.enrolmentCode('Mairie') })).ok).toBe(true);
  await world.core.sync!.syncNow();
});

afterEach(async () => {
  await world.core.close();
  await hub?.stop();
  await smtp?.stop();
  cleanup(world.dir, hub.dataDir);
});

async function parentSession() {
  const view = await world.call('families.get', { householdId: commune.martin.householdId });
  await world.call('portal.invite', { guardianId: view.guardians[0].id });
  const [mail] = await smtp.waitFor(1);
  const token = /\/activer\/([\w-]+)/.exec(mail!.text)![1]!;
  let cookie = '';
  let csrf = '';
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(path.startsWith('http') ? path : `${hub.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined
          ? { 'content-type': typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json' }
          : {}),
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const type = response.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await response.json() : await response.text();
    if (data?.csrf) csrf = data.csrf;
    return { status: response.status, data, location: response.headers.get('location') };
  };
  expect((await request('POST', '/api/parent/activate', { token, password: 'Paiement-en-ligne-2026' })).status).toBe(200);
  return request;
}

const paymentsOnHub = () =>
  hub.hub.sqlite.prepare(`SELECT id, amount_cents FROM payments`).all() as { id: string; amount_cents: number }[];

describe('online payment of an invoice', () => {
  it('records a paid invoice exactly once, whatever arrives twice or first', async () => {
    const parent = await parentSession();
    const { data } = await parent('GET', `/api/parent/households/${commune.martin.householdId}/invoices`);
    expect(data.invoices.length).toBe(2);
    const invoice = data.invoices.find((i: any) => i.dueCents > 0);
    const pdf = await fetch(`${hub.url}/api/parent/households/${commune.martin.householdId}/invoices/${invoice.id}/pdf`, {
      headers: { cookie: '' },
    });
    expect(pdf.status).toBe(401);

    const started = await parent('POST', `/api/parent/households/${commune.martin.householdId}/invoices/${invoice.id}/pay`);
    expect(started.status).toBe(200);
    const page = await parent('GET', started.data.redirectUrl);
    expect(page.data).toContain('Prestataire de paiement de TEST');
    const operationId = started.data.redirectUrl.split('/').pop();
    // Before the parent pays, an early (forged or replayed) notification changes nothing.
    await parent('POST', '/api/payments/notify', `idop=${operationId}`);
    expect(paymentsOnHub()).toEqual([]);

    // The parent pays: the provider notifies the hub, then the browser returns.
    const paid = await parent('POST', `/paiement-test/${operationId}`, 'action=pay');
    expect(paid.status).toBe(303);
    const back = await parent('GET', paid.location!);
    expect(back.location).toBe('/factures?paiement=ok');
    // The notification again, twice, then a reconciliation: still one payment.
    await parent('POST', '/api/payments/notify', `idop=${operationId}`);
    await parent('POST', '/api/payments/notify', { idOp: operationId });
    await hub.payments!.reconcile();
    expect(paymentsOnHub()).toEqual([
      { id: `online-${hub.payments!.statusOf(operationId)!.id}`, amount_cents: invoice.dueCents },
    ]);
    const after = await parent('GET', `/api/parent/households/${commune.martin.householdId}/invoices`);
    expect(after.data.invoices.find((i: any) => i.id === invoice.id)).toMatchObject({ dueCents: 0, status: 'paid' });
    // The desk sees the payment after sync.
    await world.core.sync!.syncNow();
    const account = await world.call('billing.account', { householdId: commune.martin.householdId });
    expect(JSON.stringify(account)).toContain(`online-`);
  });

  it('a refused card and an abandoned page record nothing; a stale attempt ends', async () => {
    const parent = await parentSession();
    const { data } = await parent('GET', `/api/parent/households/${commune.martin.householdId}/invoices`);
    const invoice = data.invoices.find((i: any) => i.dueCents > 0);
    const refused = await parent('POST', `/api/parent/households/${commune.martin.householdId}/invoices/${invoice.id}/pay`);
    const refusedId = refused.data.redirectUrl.split('/').pop();
    const back = await parent('POST', `/paiement-test/${refusedId}`, 'action=refuse');
    expect((await parent('GET', back.location!)).location).toBe('/factures?paiement=refuse');
    expect(hub.payments!.statusOf(refusedId)!.status).toBe('DENIED');

    const abandoned = await parent('POST', `/api/parent/households/${commune.martin.householdId}/invoices/${invoice.id}/pay`);
    const abandonedId = abandoned.data.redirectUrl.split('/').pop();
    await parent('POST', `/paiement-test/${abandonedId}`, 'action=abandon');
    expect(hub.payments!.statusOf(abandonedId)!.status).toBe('WAITING'); // young: the parent may still come back
    const silent = await parent('POST', `/api/parent/households/${commune.martin.householdId}/invoices/${invoice.id}/pay`);
    const silentId = silent.data.redirectUrl.split('/').pop();
    now = new Date(now.getTime() + 25 * 60_000);
    await hub.payments!.reconcile();
    expect(hub.payments!.statusOf(abandonedId)!.status).toBe('CANCELLED');
    expect(hub.payments!.statusOf(silentId)!.status).toBe('EXPIRED');
    expect(paymentsOnHub()).toEqual([]);
  });

  it('another household cannot pay or read this household’s invoice', async () => {
    const parent = await parentSession();
    const { data } = await parent('GET', `/api/parent/households/${commune.martin.householdId}/invoices`);
    const other = commune.bernard.householdId;
    expect((await parent('GET', `/api/parent/households/${other}/invoices`)).status).toBe(404);
    expect((await parent('POST', `/api/parent/households/${other}/invoices/${data.invoices[0].id}/pay`)).status).toBe(404);
  });
});
