// HTTP side of online payments: the provider's unsigned notification (only an operation id: we go and ask),
// the parent's return from the payment page, and a periodic reconciliation of attempts still waiting.
import type { FastifyInstance } from 'fastify';
import type { OnlinePayments } from './onlinePayments';

export async function paymentRoutes(app: FastifyInstance, options: { payments: OnlinePayments; reconcileEveryMs?: number }) {
  const { payments } = options;

  const operationIdOf = (source: unknown): string | undefined => {
    const record = (source ?? {}) as Record<string, unknown>;
    const value = record.idop ?? record.idOp ?? record.idOP;
    return typeof value === 'string' && /^[\w-]{1,100}$/.test(value) ? value : undefined;
  };

  app.post('/api/payments/notify', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const operationId = operationIdOf(request.body);
    if (!operationId) return reply.code(400).send({ error: 'invalid', message: 'Identifiant d’opération manquant.' });
    const status = await payments.check(operationId);
    request.log.info({ operationId, status }, 'payment notification');
    return { ok: true };
  });

  app.get('/api/payments/return', async (request, reply) => {
    const operationId = operationIdOf(request.query);
    const outcome = operationId ? await payments.returnOutcome(operationId) : 'abandon';
    return reply.redirect(`/factures?paiement=${outcome}`, 303);
  });

  if (options.reconcileEveryMs) {
    const timer = setInterval(() => {
      payments.reconcile().catch((error: unknown) => app.log.error({ err: error }, 'payment reconciliation failed'));
    }, options.reconcileEveryMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
}
