// What a benchmark scenario is and what it reports. One module per scenario under scenarios/, registered in
// scenarios/index.ts; the runner writes every result to bench-results.json at the repository root.

export interface BenchResult {
  /** `<area>.<metric>`, e.g. `search.p99_ms`; unique across scenarios. */
  name: string;
  value: number;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
  /** Scenario-specific details (other percentiles, sizes, memory…). */
  [extra: string]: unknown;
}

export interface Scenario {
  /** Selects the scenario with `npm run bench -- --only <name>`. */
  name: string;
  run(): Promise<BenchResult | BenchResult[]>;
}
