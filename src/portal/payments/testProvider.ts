// The test payment provider served by the hub itself, behaving like PayFiP: create → operation id → a card
// page (pay / refuse / abandon) → an unsigned server-to-server notification with only the id → a detail
// lookup. Operations live in a hub-only table so that a restart loses nothing. Never enabled in production.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { CreatePaymentRequest, PaymentDetail, PaymentProvider } from './provider';

interface Operation {
  id: string;
  reference: string;
  amount_cents: number;
  label: string;
  notify_url: string;
  return_url: string;
  result: 'pending' | 'paid' | 'denied' | 'abandoned';
  authorisation: string;
  decided_at: string | null;
}

export function createTestPaymentProvider(
  sqlite: Database.Database,
  baseUrl: () => string,
  clock: () => Date,
): PaymentProvider & {
  routes(app: FastifyInstance): Promise<void>;
} {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _hub_test_payments (
      id TEXT PRIMARY KEY, reference TEXT NOT NULL, amount_cents INTEGER NOT NULL, label TEXT NOT NULL,
      notify_url TEXT NOT NULL, return_url TEXT NOT NULL, result TEXT NOT NULL, authorisation TEXT NOT NULL DEFAULT '',
      decided_at TEXT, created_at TEXT NOT NULL
    ) STRICT;`);
  const get = (id: string) => sqlite.prepare('SELECT * FROM _hub_test_payments WHERE id = ?').get(id) as Operation | undefined;

  return {
    name: 'test',
    async createPayment(request: CreatePaymentRequest) {
      if (request.amountCents < 100 || request.amountCents > 10_000_000)
        throw new Error('PayFiP refuses amounts outside 1 € – 100 000 €');
      const id = randomBytes(12).toString('hex');
      sqlite
        .prepare(
          `INSERT INTO _hub_test_payments (id, reference, amount_cents, label, notify_url, return_url, result, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
        )
        .run(
          id,
          request.reference,
          request.amountCents,
          request.label,
          request.notifyUrl,
          request.returnUrl,
          clock().toISOString(),
        );
      return { operationId: id, paymentPageUrl: new URL(`/paiement-test/${id}`, baseUrl()).toString() };
    },
    async getPaymentDetail(operationId: string): Promise<PaymentDetail> {
      const op = get(operationId);
      if (!op) return { result: 'unknown' };
      if (op.result === 'paid') {
        return {
          result: 'paid',
          amountCents: op.amount_cents,
          reference: op.reference,
          authorisation: op.authorisation,
          paidAt: op.decided_at!,
        };
      }
      if (op.result === 'pending') return { result: 'pending' };
      return { result: op.result, reference: op.reference };
    },
    async routes(app: FastifyInstance) {
      app.get<{ Params: { id: string } }>('/paiement-test/:id', async (request, reply) => {
        const op = get(request.params.id);
        if (!op)
          return reply
            .code(404)
            .type('text/html')
            .send(page('Opération inconnue', '<p>Cette opération de paiement est inconnue ou expirée.</p>'));
        const amount = (op.amount_cents / 100).toFixed(2).replace('.', ',');
        const body =
          op.result !== 'pending'
            ? `<p>Cette opération est déjà terminée.</p>`
            : `<p class="test"><strong>Prestataire de paiement de TEST</strong> — aucun argent n'est débité.</p>
               <p>Objet : ${escapeHtml(op.label)}</p><p>Montant : <strong>${amount} €</strong></p>
               <form method="post" action="/paiement-test/${op.id}">
                 <label>Numéro de carte (test) <input name="card" value="4970 1000 0000 0000" autocomplete="off"></label>
                 <div class="actions"><button name="action" value="pay">Payer ${amount} €</button>
                 <button name="action" value="refuse">Simuler un refus</button>
                 <button name="action" value="abandon">Abandonner</button></div>
               </form>`;
        return reply.type('text/html').send(page('Paiement en ligne (test)', body));
      });
      app.post<{ Params: { id: string }; Body: { action?: string } }>('/paiement-test/:id', async (request, reply) => {
        const op = get(request.params.id);
        if (!op || op.result !== 'pending')
          return reply.code(409).type('text/html').send(page('Paiement', '<p>Opération déjà terminée.</p>'));
        const action = request.body?.action;
        const result = action === 'pay' ? 'paid' : action === 'refuse' ? 'denied' : 'abandoned';
        sqlite
          .prepare('UPDATE _hub_test_payments SET result = ?, authorisation = ?, decided_at = ? WHERE id = ?')
          .run(result, result === 'paid' ? randomBytes(3).toString('hex').toUpperCase() : '', clock().toISOString(), op.id);
        // Like PayFiP: an unsigned notification carrying only the id (form-encoded), then the browser returns.
        await fetch(op.notify_url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `idop=${op.id}`,
        }).catch(() => undefined);
        const back = new URL(op.return_url);
        back.searchParams.set('idop', op.id);
        return reply.redirect(back.toString(), 303);
      });
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// Readable on a phone: one column, large buttons, the test warning plain to see.
const style = `body{font-family:system-ui,sans-serif;margin:0;background:#f1f3f5;color:#212529;line-height:1.45}
main{max-width:32rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0 1rem}
.test{background:#fff3bf;border:1px solid #f08c00;border-radius:6px;padding:.75rem}
label{display:block;margin:1rem 0}input{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.6rem;font-size:1rem;border:1px solid #868e96;border-radius:6px}
.actions{display:flex;flex-direction:column;gap:.6rem}button{font-size:1rem;padding:.75rem;border-radius:6px;border:1px solid #1864ab;background:#fff;color:#1864ab;cursor:pointer}
button[value=pay]{background:#1864ab;color:#fff;font-weight:700}button:focus-visible{outline:3px solid #fab005;outline-offset:2px}`;
const page = (title: string, body: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${style}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
