// `npm run bench [-- --only NAME]`: runs the benchmark scenarios, writes bench-results.json at the repository
// root (a JSON array of results) and prints it. With --only, the selected results replace those of the same
// name in the existing file and the others are kept. Progress goes to stderr, the JSON to stdout.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scenarios } from './scenarios';
import { runBenchEnd } from './teardown';
import type { BenchResult } from './types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const output = join(root, 'bench-results.json');
const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });

const only = values.only;
const selected = only
  ? scenarios.filter((s) => only.some((name) => name === s.name || name.startsWith(`${s.name}.`)))
  : scenarios;
if (only && selected.length === 0) {
  console.error(`No scenario named ${only.join(', ')}. Scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
let failed = false;
for (const scenario of selected) {
  const started = performance.now();
  console.error(`bench: ${scenario.name}…`);
  try {
    const result = await scenario.run();
    results.push(...(Array.isArray(result) ? result : [result]));
    console.error(`bench: ${scenario.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed = true;
    console.error(`bench: ${scenario.name} failed:`, error);
  }
}
// Shared fixtures (a hub and its desks) close here; an open server would keep the process alive.
await runBenchEnd();

let written = results;
if (only && existsSync(output)) {
  const previous = JSON.parse(readFileSync(output, 'utf8')) as BenchResult[];
  const replaced = new Set(results.map((r) => r.name));
  written = [...previous.filter((r) => !replaced.has(r.name)), ...results];
}
const json = JSON.stringify(written, null, 2);
writeFileSync(output, `${json}\n`);
console.log(json);
if (failed) process.exit(1);
