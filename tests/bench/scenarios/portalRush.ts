// portal.rush.p99_ms — registration-day rush: 1,000 parent sessions book the same holiday week (100 places a
// day) at once, over HTTP on loopback, against a hub in its own process. Exactly 100 accepted per day, the rest
// waitlisted in request order, no error response; p50/p99 latency, throughput, and the ratio to a bare Fastify
// route measured the same way on the same machine.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { BenchResult, Scenario } from '../types';
import { nowNs, nsToMs, percentileNs, round } from '../measure';

const FAMILIES = 1000;
const CONCURRENCY = 100;

async function load(count: number, send: (i: number) => Promise<Response>) {
  const failures: string[] = [];
  const latencies: number[] = new Array(count);
  const statuses: number[] = new Array(count);
  let next = 0;
  const start = nowNs();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = nowNs();
        try {
          const response = await send(i);
          await response.arrayBuffer();
          statuses[i] = response.status;
        } catch (error) {
          // A connection error counts as an error response (status 0), it does not stop the run.
          statuses[i] = 0;
          failures.push(String((error as { cause?: unknown }).cause ?? error));
        }
        latencies[i] = Number(nowNs() - t0);
      }
    }),
  );
  const seconds = Number(nowNs() - start) / 1e9;
  return { latencies, statuses, failures, perSecond: round(count / seconds, 1) };
}

export const portalRushScenario: Scenario = {
  name: 'portal.rush.p99_ms',
  async run(): Promise<BenchResult> {
    const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['tests/bench/portalRushHub.ts', String(FAMILIES)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout! });
        rl.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`rush hub exited ${code}`)));
      });
      const setup = JSON.parse(line) as { url: string; unitId: string; dates: string[]; sessions: { cookie: string; csrf: string; householdId: string; childId: string }[] };
      const order: number[] = [];
      const rush = await load(setup.sessions.length, (i) => {
        const s = setup.sessions[i]!;
        order.push(i);
        return fetch(`${setup.url}/api/parent/households/${s.householdId}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: JSON.stringify({ childId: s.childId, items: setup.dates.map((date) => ({ unitId: setup.unitId, date })) }),
        });
      });
      // Read back through the API what each family got on the first day.
      const outcomes = await Promise.all(
        setup.sessions.map(async (s) => {
          const response = await fetch(`${setup.url}/api/parent/households/${s.householdId}/reservations?month=2027-02`, { headers: { cookie: s.cookie } });
          const grid = (await response.json()) as { children: { activities: { cells: { date: string; state: string; position?: number }[] }[] }[] };
          return grid.children[0]!.activities[0]!.cells.find((c) => c.date === setup.dates[0]);
        }),
      );
      const accepted = outcomes.filter((c) => c?.state === 'booked').length;
      const waitlisted = outcomes.filter((c) => c?.state === 'waitlisted');
      // FIFO: the waiting positions are 1..N without gaps or duplicates.
      const positions = waitlisted.map((c) => c!.position!).sort((a, b) => a - b);
      const fifo = positions.every((p, i) => p === i + 1);

      const bare = Fastify();
      bare.post('/bare', async () => ({ ok: true }));
      const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
      const baseline = await load(FAMILIES, () => fetch(`${bareUrl}/bare`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
      await bare.close();

      const p99 = percentileNs(rush.latencies, 0.99);
      return {
        name: 'portal.rush.p99_ms',
        value: nsToMs(p99),
        unit: 'ms',
        target: 500,
        better: 'lower',
        accepted,
        waitlisted: waitlisted.length,
        waitlist_fifo: fifo,
        errors: rush.statuses.filter((s) => s !== 200).length,
        error_samples: [...new Set(rush.failures)].slice(0, 3),
        requests_per_s: rush.perSecond,
        p50_ms: nsToMs(percentileNs(rush.latencies, 0.5)),
        bare_p50_ms: nsToMs(percentileNs(baseline.latencies, 0.5)),
        bare_p99_ms: nsToMs(percentileNs(baseline.latencies, 0.99)),
        bare_requests_per_s: baseline.perSecond,
        ratio_to_bare_route: round(p99 / percentileNs(baseline.latencies, 0.99), 1),
        sessions: FAMILIES,
        concurrency: CONCURRENCY,
        days: setup.dates.length,
        note: 'hub in its own process; 5 days booked per request; client and hub share the 2 cores',
      };
    } finally {
      child.kill('SIGTERM');
    }
  },
};
