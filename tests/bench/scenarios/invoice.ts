// invoice.month_ms: `invoice.issueMonth` for November 2026 on the 8,000-household commune (≈ 12,000 children,
// canteen and périscolaire, a month of bookings with attendance — see invoiceData.ts), through the desk's
// command runner (one transaction: draft, numbering, invoices, lines, billed bookings, credit, audit, outbox).
// Compared with one SQL aggregate over the same bookings (count and sum per household), the floor of any
// approach that reads the month. Also reported: the draft query alone, and a second run (nothing new to bill).
import { loadavg } from 'node:os';
import { defaultStaffActor } from '../../../src/main/desk/core';
import { nowNs, nsToMs, rssMb } from '../measure';
import type { BenchResult, Scenario } from '../types';
import { BENCH_MONTH, billingBenchDatabase } from './invoiceData';

export const invoiceScenario: Scenario = {
  name: 'invoice',
  async run(): Promise<BenchResult> {
    const bench = await billingBenchDatabase();
    try {
      const { core } = bench;
      const sqlite = core.store.sqlite;
      const aggregate = sqlite.prepare(
        `SELECT household_id, count(*) AS n, sum(CASE WHEN status IN ('booked', 'attended', 'absent') THEN 1 ELSE 0 END) AS billable
         FROM bookings WHERE date BETWEEN '2026-11-01' AND '2026-11-30' GROUP BY household_id`,
      );
      aggregate.all(); // warm the page cache
      const aggregateSamples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = nowNs();
        aggregate.all();
        aggregateSamples.push(Number(nowNs() - start));
      }
      const aggregateNs = Math.min(...aggregateSamples);

      let start = nowNs();
      const draft = (await core.dispatch('billing.draft', { month: BENCH_MONTH }, { actor: defaultStaffActor })) as { totals: { households: number } };
      const draftNs = Number(nowNs() - start);

      start = nowNs();
      const cpuBefore = process.cpuUsage();
      const result = core.runCommand('invoice.issueMonth', { month: BENCH_MONTH }, defaultStaffActor);
      const issueNs = Number(nowNs() - start);
      const cpu = process.cpuUsage(cpuBefore);
      if (!result.ok) throw new Error(`invoice.issueMonth failed: ${result.message}`);
      const issued = result.value as { invoices: unknown[]; creditNotes: unknown[]; billedBookings: number; totalCents: number };

      start = nowNs();
      const again = core.runCommand('invoice.issueMonth', { month: BENCH_MONTH }, defaultStaffActor);
      const againNs = Number(nowNs() - start);
      if (!again.ok || (again.value as { invoices: unknown[] }).invoices.length !== 0) throw new Error('second run billed again');

      return {
        name: 'invoice.month_ms',
        value: nsToMs(issueNs),
        unit: 'ms',
        target: 5000,
        better: 'lower',
        households_invoiced: issued.invoices.length,
        credit_notes: issued.creditNotes.length,
        bookings_in_month: bench.bookings,
        bookings_billed: issued.billedBookings,
        total_euros: issued.totalCents / 100,
        // CPU time of the run: what the figure would be on an idle machine (wall time includes waiting for a core).
        cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
        load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
        draft_ms: nsToMs(draftNs),
        draft_households: draft.totals.households,
        second_run_ms: nsToMs(againNs),
        sql_aggregate_ms: nsToMs(aggregateNs),
        ratio_to_sql_aggregate: Math.round(issueNs / aggregateNs),
        dataset_build_s: bench.buildSeconds,
        seed_s_8000: bench.seedSeconds,
        rss_mb: rssMb(),
      };
    } finally {
      bench.close();
    }
  },
};
