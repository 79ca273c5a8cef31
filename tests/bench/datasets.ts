// Demo-commune databases for scenarios. Small ones are seeded fresh (seeding time is worth reporting); large
// ones are cached in os.tmpdir(), keyed by the generator version and a hash of every source that shapes the
// database (generator, commands, schema, migrations, search index), and copied before use so that no run
// changes the cache.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { DEMO_GENERATOR_VERSION, seedDemoCommune } from '../../src/main/desk/demo/demoCommune';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The same "today" for every bench database: the commune's school year is 2026–2027. */
export const benchClock = () => new Date('2026-11-26T09:00:00Z');

/** Files and folders whose contents shape a seeded database (missing ones are skipped). */
const shapingSources = [
  'src/main/desk/demo',
  'src/main/desk/families',
  'src/main/desk/sync',
  'src/main/desk/db.ts',
  'src/main/desk/commandRunner.ts',
  'src/shared/commands',
  'src/shared/db',
  'drizzle',
];

export interface BenchDatabase {
  core: DeskCore;
  families: number;
  /** Seconds spent seeding, or null when the database came from the cache. */
  seedSeconds: number | null;
  close(): void;
}

export function demoDatabase(families: number, options: { seed?: number; cache?: boolean } = {}): BenchDatabase {
  const seed = options.seed ?? 1;
  const dir = mkdtempSync(join(tmpdir(), `guichet-bench-${families}-`));
  const open = (seedSeconds: number | null, core = openDeskCore({ dataDir: dir, clock: benchClock })): BenchDatabase => ({
    core,
    families,
    seedSeconds,
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  if (!options.cache) return open(...seedInto(dir, families, seed));

  const prefix = `guichet-bench-demo-${families}-s${seed}-`;
  const cacheDir = join(tmpdir(), `${prefix}v${DEMO_GENERATOR_VERSION}-${sourcesHash()}`);
  let seedSeconds: number | null = null;
  if (!existsSync(join(cacheDir, 'desk.db'))) {
    for (const stale of readdirSync(tmpdir()).filter((d) => d.startsWith(prefix))) rmSync(join(tmpdir(), stale), { recursive: true, force: true });
    const building = mkdtempSync(join(tmpdir(), `guichet-bench-building-`));
    const [seconds, core] = seedInto(building, families, seed);
    core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    seedSeconds = seconds;
    mkdirSync(cacheDir, { recursive: true });
    renameSync(join(building, 'desk.db'), join(cacheDir, 'desk.db'));
    rmSync(building, { recursive: true, force: true });
  }
  copyFileSync(join(cacheDir, 'desk.db'), join(dir, 'desk.db'));
  return open(seedSeconds);
}

function seedInto(dir: string, families: number, seed: number): [number, DeskCore] {
  const core = openDeskCore({ dataDir: dir, clock: benchClock });
  const started = performance.now();
  seedDemoCommune(core, { families, seed });
  return [Math.round((performance.now() - started) / 100) / 10, core];
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) for (const entry of readdirSync(full).sort()) add(join(path, entry));
    else hash.update(path).update(readFileSync(full));
  };
  for (const path of shapingSources) add(path);
  return hash.digest('hex').slice(0, 12);
}
