// pdf.invoices_per_s: invoice PDFs rendered one after the other on one core, through the desk handler
// `billing.invoicePdf` (read the invoice, its lines and allocations, lay out with pdfkit, base64), for the
// invoices of November 2026 on the 8,000-household commune (issued first, not timed). Also the receipt PDF.
import { loadavg } from 'node:os';
import { defaultStaffActor } from '../../../src/main/desk/core';
import { nowNs, nsToMs, percentileNs, rssMb } from '../measure';
import type { BenchResult, Scenario } from '../types';
import { BENCH_MONTH, billingBenchDatabase } from './invoiceData';

const COUNT = 400;
const WARM_UP = 20;
const caller = { actor: defaultStaffActor };

export const pdfScenario: Scenario = {
  name: 'pdf',
  async run(): Promise<BenchResult> {
    const bench = await billingBenchDatabase();
    try {
      const { core } = bench;
      const issued = core.runCommand('invoice.issueMonth', { month: BENCH_MONTH }, defaultStaffActor);
      if (!issued.ok) throw new Error(issued.message);
      const invoices = (issued.value as { invoices: { invoiceId: string; householdId: string }[] }).invoices;
      // Spread over the alphabet: short and long invoices alike.
      const step = Math.max(1, Math.floor(invoices.length / COUNT));
      const picked = invoices.filter((_, i) => i % step === 0).slice(0, COUNT);
      for (const i of picked.slice(0, WARM_UP)) await core.dispatch('billing.invoicePdf', { invoiceId: i.invoiceId }, caller);

      const samples: number[] = [];
      let bytes = 0;
      const cpuBefore = process.cpuUsage();
      const started = nowNs();
      for (const i of picked) {
        const start = nowNs();
        const pdf = (await core.dispatch('billing.invoicePdf', { invoiceId: i.invoiceId }, caller)) as { base64: string };
        samples.push(Number(nowNs() - start));
        bytes += (pdf.base64.length * 3) / 4;
      }
      const totalNs = Number(nowNs() - started);
      const cpu = process.cpuUsage(cpuBefore);

      const payment = core.runCommand(
        'payment.record',
        { householdId: picked[0]!.householdId, mode: 'cash', amountCents: 1000, receivedOn: '2026-11-26' },
        defaultStaffActor,
      );
      if (!payment.ok) throw new Error(payment.message);
      const paymentId = (payment.value as { paymentId: string }).paymentId;
      const receiptSamples: number[] = [];
      for (let n = 0; n < 50; n++) {
        const start = nowNs();
        await core.dispatch('billing.receiptPdf', { paymentId }, caller);
        receiptSamples.push(Number(nowNs() - start));
      }

      return {
        name: 'pdf.invoices_per_s',
        value: Math.round((picked.length / (totalNs / 1e9)) * 10) / 10,
        unit: 'invoices/s',
        target: 50,
        better: 'higher',
        invoices: picked.length,
        // Per CPU second: what one idle core does (wall time includes waiting for a core on a busy machine).
        invoices_per_cpu_s: Math.round((picked.length / ((cpu.user + cpu.system) / 1e6)) * 10) / 10,
        load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
        p50_ms: nsToMs(percentileNs(samples, 0.5)),
        p99_ms: nsToMs(percentileNs(samples, 0.99)),
        avg_kb: Math.round(bytes / picked.length / 102.4) / 10,
        receipt_p50_ms: nsToMs(percentileNs(receiptSamples, 0.5)),
        rss_mb: rssMb(),
      };
    } finally {
      bench.close();
    }
  },
};
