// portal.rush.p99_ms — registration-day rush: 1,000 parent sessions book the same holiday week (100 places a
// day) at once, over HTTP on loopback, against a hub in its own process. Exactly 100 accepted per day, the rest
// waitlisted in request order, no error response; p50/p99 latency, throughput, and the ratio to a bare Fastify
// route measured the same way on the same machine (also in its own process). Also the CPU time per request of
// the hub and of the load generator, which do not depend on how busy the machine is.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Agent, request as httpRequest } from 'node:http';
import { createInterface } from 'node:readline';
import type { BenchResult, Scenario } from '../types';
import { nowNs, nsToMs, percentileNs, round } from '../measure';

const FAMILIES = 1000;
const CONCURRENCY = 100;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux; undefined elsewhere). The hub's CPU
 * per request does not depend on how busy the shared cores are, unlike the latencies.
 */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/** A bare Fastify route in its own process: prints its URL, serves until killed. */
const BARE_SERVER = `import Fastify from 'fastify';
const app = Fastify();
app.post('/bare', async () => ({ ok: true }));
console.log(await app.listen({ host: '127.0.0.1', port: 0 }));`;

/** The first line a child process prints (its URL, its setup). */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited ${code}`)));
  });
}

/** Runs the tasks, at most CONCURRENCY at a time; the results in the tasks' order. */
async function inPool<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

/** An answer's status once its body is read. */
type Send = (i: number) => Promise<number>;

/**
 * The load generator's HTTP client. `http` (default): node:http with a keep-alive agent of CONCURRENCY sockets,
 * the cheapest client at hand, so the generator steals as little as possible of the two cores it shares with the
 * hub. `fetch` (BENCH_RUSH_CLIENT=fetch): the global fetch (undici), as measured before; several times the CPU
 * per request on the client side.
 */
function client(kind: 'http' | 'fetch') {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (url: string, headers: Record<string, string>, body: string): Promise<number> =>
    kind === 'fetch'
      ? fetch(url, { method: 'POST', headers, body }).then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
      : new Promise((resolve, reject) => {
          const req = httpRequest(
            url,
            { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
            (response) => {
              response.resume();
              response.once('end', () => resolve(response.statusCode ?? 0));
              response.once('error', reject);
            },
          );
          req.once('error', reject);
          req.end(body);
        });
  return { post, close: () => agent.destroy() };
}

async function load(count: number, send: Send) {
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
          statuses[i] = await send(i);
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
    // The hub in its own node process (tsx as a loader, not as a wrapper process), so that node flags reach it:
    // BENCH_RUSH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the hub during the rush.
    const nodeArgs = (process.env.BENCH_RUSH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, 'tests/bench/portalRushHub.ts', String(FAMILIES)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const http = client(process.env.BENCH_RUSH_CLIENT === 'fetch' ? 'fetch' : 'http');
    try {
      const line = await firstLine(child);
      const setup = JSON.parse(line) as {
        url: string;
        unitId: string;
        dates: string[];
        sessions: { cookie: string; csrf: string; householdId: string; childId: string }[];
      };
      const order: number[] = [];
      const loadBefore = loadavg()[0]!;
      const hubCpuBefore = cpuMsOf(child.pid);
      const clientCpuBefore = process.cpuUsage();
      const rush = await load(setup.sessions.length, (i) => {
        const s = setup.sessions[i]!;
        order.push(i);
        return http.post(
          `${setup.url}/api/parent/households/${s.householdId}/bookings`,
          { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          JSON.stringify({ childId: s.childId, items: setup.dates.map((date) => ({ unitId: setup.unitId, date })) }),
        );
      });
      const hubCpuAfter = cpuMsOf(child.pid);
      const clientCpu = process.cpuUsage(clientCpuBefore);
      // Read back through the API what each family got on the first day (CONCURRENCY at a time: 1,000 connections
      // opened at once on a busy machine end in resets).
      const outcomes = await inPool(
        setup.sessions.map((s) => async () => {
          const response = await fetch(`${setup.url}/api/parent/households/${s.householdId}/reservations?month=2027-02`, {
            headers: { cookie: s.cookie },
          });
          const grid = (await response.json()) as {
            children: { activities: { cells: { date: string; state: string; position?: number }[] }[] }[];
          };
          return grid.children[0]!.activities[0]!.cells.find((c) => c.date === setup.dates[0]);
        }),
      );
      const accepted = outcomes.filter((c) => c?.state === 'booked').length;
      const waitlisted = outcomes.filter((c) => c?.state === 'waitlisted');
      // FIFO: the waiting positions are 1..N without gaps or duplicates.
      const positions = waitlisted.map((c) => c!.position!).sort((a, b) => a - b);
      const fifo = positions.every((p, i) => p === i + 1);

      // The bare route, like the hub, in its own process.
      const bare = spawn(process.execPath, ['--input-type=module', '-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
      let baseline: Awaited<ReturnType<typeof load>>;
      try {
        const bareUrl = await firstLine(bare);
        baseline = await load(FAMILIES, () => http.post(`${bareUrl}/bare`, { 'content-type': 'application/json' }, '{}'));
      } finally {
        bare.kill('SIGTERM');
      }

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
        hub_cpu_ms_per_request:
          hubCpuBefore !== undefined && hubCpuAfter !== undefined ? round((hubCpuAfter - hubCpuBefore) / FAMILIES, 2) : null,
        client_cpu_ms_per_request: round((clientCpu.user + clientCpu.system) / 1000 / FAMILIES, 2),
        p50_ms: nsToMs(percentileNs(rush.latencies, 0.5)),
        p90_ms: nsToMs(percentileNs(rush.latencies, 0.9)),
        max_ms: nsToMs(Math.max(...rush.latencies)),
        // Latency of the slowest requests by position in the send order (a starved connection shows here).
        slowest: rush.latencies
          .map((ns, i) => [i, nsToMs(ns)] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5),
        bare_p50_ms: nsToMs(percentileNs(baseline.latencies, 0.5)),
        bare_p99_ms: nsToMs(percentileNs(baseline.latencies, 0.99)),
        bare_requests_per_s: baseline.perSecond,
        ratio_to_bare_route: round(p99 / percentileNs(baseline.latencies, 0.99), 1),
        sessions: FAMILIES,
        concurrency: CONCURRENCY,
        days: setup.dates.length,
        client: process.env.BENCH_RUSH_CLIENT === 'fetch' ? 'fetch' : 'node:http keep-alive',
        // How busy the machine was (1-minute load average when the rush started): latencies depend on it.
        load_average: round(loadBefore, 1),
        note: 'hub and bare route each in their own process, load generator in the bench process; 5 days booked per request; all share the machine’s cores',
      };
    } finally {
      http.close();
      child.kill('SIGTERM');
    }
  },
};
