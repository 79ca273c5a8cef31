// hub.push_commands_per_s: how many commands a hub applies per second when one desk pushes a backlog of
// booking and attendance commands (a desk back online after a morning's work). The desk, in sync with the hub
// on the 8,000-household commune, records them offline — single-day bookings of a morning at the accueil
// périscolaire, and attendance corrections on past days — then they are pushed exactly as the sync client
// pushes them (outbox order, batches of 200, gzip) to a real hub on 127.0.0.1. Only the pushes are timed; each
// mutation is applied at the hub in its own BEGIN IMMEDIATE transaction with its verdict.
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { defaultStaffActor } from '../../../src/main/desk/core';
import type { OutboxRow } from '../../../src/main/desk/sync/rebase';
import { SeededRandom } from '../../../src/main/desk/demo/seededRandom';
import type { PushRequest } from '../../../src/shared/sync/protocol';
import { nowNs, nsToMs, percentileNs, round, rssMb } from '../measure';
import { syncFixture } from '../syncFixture';
import type { BenchResult, Scenario } from '../types';
import { freshBookingRequests } from './sync';

const BOOKINGS = 400;
const MARKS = 200;
const BATCH = 200;
const caller = { actor: defaultStaffActor };
const gzipAsync = promisify(gzip);

export const hubPushScenario: Scenario = {
  name: 'hub',
  async run(): Promise<BenchResult> {
    const fixture = await syncFixture();
    const desk = await fixture.cloneDesk('Poste hors ligne');
    try {
      const { core } = desk;
      await core.sync!.syncNow();
      const sqlite = core.store.sqlite;
      for (const request of await freshBookingRequests(core, BOOKINGS, 33)) {
        const result = (await core.dispatch('booking.book', request, caller)) as { ok: boolean };
        if (!result.ok) throw new Error(`booking refused: ${JSON.stringify(result)}`);
      }
      const today = core.clock().toISOString().slice(0, 10);
      const attended = (
        sqlite
          .prepare(`SELECT id FROM bookings WHERE status = 'attended' AND date < ? AND id NOT LIKE '%:%' ORDER BY id LIMIT 5000`)
          .all(today) as { id: string }[]
      ).map((r) => r.id);
      const rng = new SeededRandom(9);
      for (const bookingId of rng.shuffle(attended).slice(0, MARKS)) {
        const result = (await core.dispatch(
          'attendance.mark',
          { marks: [{ bookingId, attendance: rng.chance(0.5) ? 'absentJustified' : 'absentUnjustified' }] },
          caller,
        )) as {
          ok: boolean;
        };
        if (!result.ok) throw new Error(`attendance refused: ${JSON.stringify(result)}`);
      }
      const outbox = sqlite.prepare('SELECT * FROM _outbox ORDER BY mutation_id').all() as OutboxRow[];
      const bodies: Buffer[] = [];
      for (let i = 0; i < outbox.length; i += BATCH) {
        const request: PushRequest = {
          clientId: core.store.clientId,
          mutations: outbox.slice(i, i + BATCH).map((r) => ({
            id: r.mutation_id,
            commandId: r.command_id,
            name: r.name,
            args: JSON.parse(r.args),
            createdAt: r.created_at,
            actor: JSON.parse(r.actor),
          })),
        };
        bodies.push(await gzipAsync(Buffer.from(JSON.stringify(request))));
      }
      const batchSamples: number[] = [];
      const started = nowNs();
      let last = 0;
      for (const body of bodies) {
        const start = nowNs();
        const response = await fetch(new URL('/api/sync/push', fixture.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: new Uint8Array(body),
        });
        const answer = (await response.json()) as { lastMutationId: number; message?: string };
        if (!response.ok) throw new Error(`push refused: ${answer.message}`);
        last = answer.lastMutationId;
        batchSamples.push(Number(nowNs() - start));
      }
      const totalNs = Number(nowNs() - started);
      if (last !== outbox[outbox.length - 1]!.mutation_id) throw new Error('the hub did not acknowledge every mutation');
      const verdicts = fixture.hubSqlite
        .prepare(`SELECT status, count(*) AS n FROM _hub_outcomes WHERE client_id = ? GROUP BY status`)
        .all(core.store.clientId) as { status: string; n: number }[];
      return {
        name: 'hub.push_commands_per_s',
        value: Math.round(outbox.length / (totalNs / 1e9)),
        unit: 'commands/s',
        target: 500,
        better: 'higher',
        commands: outbox.length,
        bookings: BOOKINGS,
        attendance_marks: MARKS,
        batch_size: BATCH,
        batch_p50_ms: nsToMs(percentileNs(batchSamples, 0.5)),
        batch_max_ms: nsToMs(percentileNs(batchSamples, 1)),
        per_command_ms: round(nsToMs(totalNs) / outbox.length, 2),
        verdicts: Object.fromEntries(verdicts.map((v) => [v.status, v.n])),
        load_average_1m: round(loadavg()[0]!, 1),
        rss_mb: rssMb(),
      };
    } finally {
      await desk.close();
    }
  },
};
