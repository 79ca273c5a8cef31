// grid.month.p99_ms: opening the month grid of a three-child family (`reservations.month` through the desk
// core's dispatch: every child, every activity it is enrolled in, every day × unit with its state, places left
// and deadlines) on the 8,000-household commune with a whole school year of bookings, over families and months
// of the year. Compared with a bare indexed SELECT of the same booking rows (the three children's bookings of
// the month), the floor of any grid.
import { loadavg } from 'node:os';
import { defaultStaffActor } from '../../../src/main/desk/core';
import { SeededRandom } from '../../../src/main/desk/demo/seededRandom';
import { monthDays } from '../../../src/shared/domain/dates';
import { demoDatabase } from '../datasets';
import { nowNs, nsToMs, nsToUs, percentileNs, rssMb, round } from '../measure';
import type { BenchResult, Scenario } from '../types';

const OPENS = 400;
const WARM_UP = 40;
const caller = { actor: defaultStaffActor };

interface Grid {
  children: { activities: { cells: unknown[] }[] }[];
}

export const gridMonthScenario: Scenario = {
  name: 'grid.month',
  async run(): Promise<BenchResult> {
    const bench = demoDatabase(8000, { cache: true, bookings: 'schoolYear' });
    try {
      const sqlite = bench.core.store.sqlite;
      const year = bench.schoolYear!;
      // Households of three children, two of them at least enrolled in something: the families whose grid is longest.
      const families = (
        sqlite
          .prepare(
            `SELECT hc.household_id AS id, group_concat(hc.child_id) AS children FROM household_children hc
             GROUP BY hc.household_id HAVING count(*) = 3
               AND (SELECT count(DISTINCT e.child_id) FROM enrolments e JOIN household_children x ON x.child_id = e.child_id
                    WHERE x.household_id = hc.household_id) >= 2
             ORDER BY hc.household_id`,
          )
          .all() as { id: string; children: string }[]
      ).map((f) => ({ id: f.id, children: f.children.split(',') }));
      if (families.length === 0) throw new Error('no three-child family in the dataset');
      const months: string[] = [];
      for (let m = year.from.slice(0, 7); m <= year.to.slice(0, 7); m = nextMonth(m)) months.push(m);
      const rng = new SeededRandom(11);
      const opens = Array.from({ length: OPENS + WARM_UP }, () => ({ family: rng.pick(families), month: rng.pick(months) }));

      const bare = sqlite.prepare('SELECT * FROM bookings WHERE child_id = ? AND date BETWEEN ? AND ?');
      const samples: number[] = [];
      const bareSamples: number[] = [];
      let cells = 0;
      let rows = 0;
      for (const [i, { family, month }] of opens.entries()) {
        const days = monthDays(month);
        const first = days[0]!;
        const last = days[days.length - 1]!;
        let start = nowNs();
        const grid = (await bench.core.dispatch('reservations.month', { householdId: family.id, month }, caller)) as Grid;
        const ns = Number(nowNs() - start);
        start = nowNs();
        let found = 0;
        for (const child of family.children) found += bare.all(child, first, last).length;
        const bareNs = Number(nowNs() - start);
        if (i < WARM_UP) continue;
        samples.push(ns);
        bareSamples.push(bareNs);
        rows += found;
        cells += grid.children.reduce((n, c) => n + c.activities.reduce((m, a) => m + a.cells.length, 0), 0);
      }
      const p50 = percentileNs(samples, 0.5);
      const bareP50 = percentileNs(bareSamples, 0.5);
      return {
        name: 'grid.month.p99_ms',
        value: nsToMs(percentileNs(samples, 0.99)),
        unit: 'ms',
        target: 30,
        better: 'lower',
        p50_ms: nsToMs(p50),
        max_ms: nsToMs(percentileNs(samples, 1)),
        opens: samples.length,
        families: families.length,
        months: months.length,
        cells_per_grid: Math.round(cells / samples.length),
        bookings_per_grid: Math.round((rows / samples.length) * 10) / 10,
        bare_select_us: nsToUs(bareP50),
        ratio_to_bare_select: Math.round(p50 / bareP50),
        dataset_bookings: year.rows,
        dataset_note: bench.note,
        dataset_build_s: bench.seedSeconds,
        load_average_1m: round(loadavg()[0]!, 1),
        rss_mb: rssMb(),
      };
    } finally {
      bench.close();
    }
  },
};

function nextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
