// reservations.pattern.p99_ms: a ten-week pattern — the canteen on Tuesdays and Thursdays for ten weeks, one
// child — through `booking.book` on the 8,000-household commune with a whole school year of bookings (a private
// copy of the dataset). Measured twice: the preview (`reservations.preview`, the same handler run and rolled
// back) over and over, and real bookings, once per fresh family (households created and enrolled through the
// commands first, not timed), since a child can be booked only once. The canteen is the busiest slot: each
// day already holds hundreds of bookings of the child's group. Compared with a bare indexed SELECT of the
// child's bookings over the same weeks.
import { loadavg } from 'node:os';
import { defaultStaffActor } from '../../../src/main/desk/core';
import { SeededRandom } from '../../../src/main/desk/demo/seededRandom';
import { addDays, weekday } from '../../../src/shared/domain/dates';
import { demoDatabase } from '../datasets';
import { nowNs, nsToMs, nsToUs, percentileNs, rssMb, round } from '../measure';
import type { BenchResult, Scenario } from '../types';

const FRESH_FAMILIES = 60;
const PREVIEWS = 100;
const WARM_UP = 5;
const WEEKS = 10;
const caller = { actor: defaultStaffActor };

interface Items {
  items: { outcome: string }[];
}

export const reservationsPatternScenario: Scenario = {
  name: 'reservations.pattern',
  async run(): Promise<BenchResult> {
    const bench = demoDatabase(8000, { cache: true, bookings: 'schoolYear' });
    try {
      const { core } = bench;
      const sqlite = core.store.sqlite;
      const canteen = sqlite.prepare(`SELECT id FROM activities WHERE kind = 'canteen'`).get() as { id: string };
      const unit = sqlite.prepare('SELECT id FROM activity_units WHERE activity_id = ?').get(canteen.id) as { id: string };
      const year = bench.schoolYear!;
      // Tuesdays and Thursdays from the second week after "today" (past the booking deadline), ten weeks.
      const today = core.clock().toISOString().slice(0, 10);
      const monday = addDays(today, 14 - (weekday(today) - 1));
      const open = new Set(
        (
          (await core.dispatch(
            'activities.openDates',
            { activityId: canteen.id, from: monday, to: addDays(monday, 7 * WEEKS - 1) },
            caller,
          )) as { date: string }[]
        ).map((d) => d.date),
      );
      const dates = Array.from({ length: 7 * WEEKS }, (_, i) => addDays(monday, i)).filter(
        (d) => [2, 4].includes(weekday(d)) && open.has(d),
      );
      const items = dates.map((date) => ({ unitId: unit.id, date }));
      const lastDate = dates[dates.length - 1]!;

      // Fresh families: one pupil each, maternelle and élémentaire in turn, enrolled at the canteen for the year.
      const rng = new SeededRandom(5);
      const fresh: { householdId: string; childId: string }[] = [];
      for (let i = 0; i < FRESH_FAMILIES; i++) {
        const level = rng.pick(['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const);
        const created = must(
          await core.dispatch(
            'household.create',
            {
              guardians: [
                {
                  civility: 'Mme',
                  firstName: 'Camille',
                  lastName: `Banc${i}`,
                  mobilePhone: `06 12 34 ${String(10 + (i % 90)).padStart(2, '0')} ${String(i % 100).padStart(2, '0')}`,
                },
              ],
              children: [{ firstName: 'Noa', lastName: `Banc${i}`, birthDate: '2019-03-14', schoolLevel: level }],
            },
            caller,
          ),
        ) as { householdId: string };
        const childId = (
          sqlite.prepare('SELECT child_id AS id FROM household_children WHERE household_id = ?').get(created.householdId) as {
            id: string;
          }
        ).id;
        must(
          await core.dispatch(
            'enrolment.create',
            { childId, activityId: canteen.id, fromDate: year.from, toDate: year.to },
            caller,
          ),
        );
        fresh.push({ householdId: created.householdId, childId });
      }

      // Previews: nothing is written, so the same fresh children can be previewed again and again.
      const previewSamples: number[] = [];
      for (let i = 0; i < PREVIEWS + WARM_UP; i++) {
        const family = fresh[i % fresh.length]!;
        const start = nowNs();
        const preview = must(await core.dispatch('reservations.preview', { ...family, items }, caller)) as Items;
        const ns = Number(nowNs() - start);
        if (preview.items.length !== items.length) throw new Error('preview lost items');
        if (i >= WARM_UP) previewSamples.push(ns);
      }

      // Real bookings: each fresh family once.
      // CPU time next to wall time: on a machine shared with other work, wall time also counts the waits for a core.
      const bookSamples: number[] = [];
      const bookCpuSamples: number[] = [];
      const outcomes: Record<string, number> = {};
      for (const family of fresh) {
        const cpu = process.cpuUsage();
        const start = nowNs();
        const booked = must(await core.dispatch('booking.book', { ...family, items }, caller)) as Items;
        bookSamples.push(Number(nowNs() - start));
        const used = process.cpuUsage(cpu);
        bookCpuSamples.push((used.user + used.system) * 1000);
        for (const item of booked.items) outcomes[item.outcome] = (outcomes[item.outcome] ?? 0) + 1;
      }

      const bare = sqlite.prepare('SELECT * FROM bookings WHERE child_id = ? AND date BETWEEN ? AND ?');
      const bareSamples: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const family = fresh[i % fresh.length]!;
        const start = nowNs();
        bare.all(family.childId, dates[0]!, lastDate);
        bareSamples.push(Number(nowNs() - start));
      }
      const slotSize = sqlite
        .prepare(
          `SELECT avg(n) AS n FROM (SELECT count(*) AS n FROM bookings WHERE unit_id = ? AND date BETWEEN ? AND ? GROUP BY date, group_id)`,
        )
        .get(unit.id, dates[0]!, lastDate) as { n: number };
      const bookP50 = percentileNs(bookSamples, 0.5);
      const bareP50 = percentileNs(bareSamples, 0.5);
      return {
        name: 'reservations.pattern.p99_ms',
        value: nsToMs(percentileNs(bookSamples, 0.99)),
        unit: 'ms',
        target: 50,
        better: 'lower',
        book_p50_ms: nsToMs(bookP50),
        book_max_ms: nsToMs(percentileNs(bookSamples, 1)),
        book_cpu_p50_ms: nsToMs(percentileNs(bookCpuSamples, 0.5)),
        book_cpu_p99_ms: nsToMs(percentileNs(bookCpuSamples, 0.99)),
        bookings: bookSamples.length,
        preview_p50_ms: nsToMs(percentileNs(previewSamples, 0.5)),
        preview_p99_ms: nsToMs(percentileNs(previewSamples, 0.99)),
        previews: previewSamples.length,
        days_per_pattern: items.length,
        outcomes,
        bookings_per_slot: Math.round(slotSize.n),
        bare_select_us: nsToUs(bareP50),
        ratio_to_bare_select: Math.round(bookP50 / bareP50),
        dataset_bookings: bench.schoolYear!.rows,
        dataset_note: bench.note,
        load_average_1m: round(loadavg()[0]!, 1),
        rss_mb: rssMb(),
      };
    } finally {
      bench.close();
    }
  },
};

function must(result: unknown): unknown {
  const r = result as { ok: boolean; value?: unknown; message?: string };
  if (!r.ok) throw new Error(`command refused: ${JSON.stringify(result)}`);
  return r.value;
}
