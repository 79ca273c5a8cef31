// Demo-commune databases for scenarios. Small ones are seeded fresh through the real commands, reservations
// included (seeding time is worth reporting); large ones are cached in os.tmpdir(), keyed by the generator
// version and a hash of every source that shapes the database (generator, commands, schema, migrations, search
// index, this builder), and copied before use so that no run changes the cache.
// Two cached kinds: the family file alone (`demoDatabase(n, { cache: true })`), and the same commune with its
// activities, enrolments and a whole school year of bookings (`{ cache: true, bookings: 'schoolYear' }`, built on
// a copy of the first: see schoolYear.ts for how, and `note` for what to print next to the results).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { DEMO_GENERATOR_VERSION, planDemoCommune, runDemoPlan, seedDemoCommune } from '../../src/main/desk/demo/demoCommune';
import { insertSchoolYearBookings, schoolYearNote } from './schoolYear';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The same "today" for every bench database: the commune's school year is 2026–2027. */
export const benchClock = () => new Date('2026-11-26T09:00:00Z');

/** Files and folders whose contents shape a seeded database (missing ones are skipped). */
const shapingSources = [
  'src/main/desk/demo',
  'src/main/desk/families',
  'src/main/desk/reservations',
  'src/main/desk/sync',
  'src/main/desk/db.ts',
  'src/main/desk/commandRunner.ts',
  'src/shared/commands',
  'src/shared/db',
  'drizzle',
  'tests/bench/datasets.ts',
  'tests/bench/schoolYear.ts',
];

export interface BenchDatabase {
  core: DeskCore;
  families: number;
  /** Where the database file lives (a private copy: scenarios may write, or copy it further). */
  file: string;
  /** Seconds spent seeding, or null when the database came from the cache. */
  seedSeconds: number | null;
  /** School-year datasets: how the bookings were written, and how many. */
  note?: string;
  schoolYear?: { from: string; to: string; rows: number; byStatus: Record<string, number> };
  close(): void;
}

interface CacheMeta {
  note?: string;
  schoolYear?: BenchDatabase['schoolYear'];
}

export function demoDatabase(
  families: number,
  options: { seed?: number; cache?: boolean; bookings?: 'schoolYear' } = {},
): BenchDatabase {
  const seed = options.seed ?? 1;
  const dir = mkdtempSync(join(tmpdir(), `guichet-bench-${families}-`));
  const open = (
    seedSeconds: number | null,
    meta: CacheMeta = {},
    core = openDeskCore({ dataDir: dir, clock: benchClock }),
  ): BenchDatabase => ({
    core,
    families,
    file: join(dir, 'desk.db'),
    seedSeconds,
    ...meta,
    close() {
      void core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  if (!options.cache) return open(...seedInto(dir, families, seed));

  const kind = options.bookings === 'schoolYear' ? 'year' : 'families';
  const prefix = `guichet-bench-demo-${families}-s${seed}-${kind}-`;
  const cacheDir = join(tmpdir(), `${prefix}v${DEMO_GENERATOR_VERSION}-${sourcesHash()}`);
  let seedSeconds: number | null = null;
  if (!existsSync(join(cacheDir, 'desk.db'))) {
    // Stale caches go, unless recent: another bench run (another working copy) may be using its own.
    for (const stale of readdirSync(tmpdir()).filter((d) => d.startsWith(prefix))) {
      if (Date.now() - statSync(join(tmpdir(), stale)).mtimeMs > 30 * 60_000)
        rmSync(join(tmpdir(), stale), { recursive: true, force: true });
    }
    const building = mkdtempSync(join(tmpdir(), `guichet-bench-building-`));
    const started = performance.now();
    let meta: CacheMeta = {};
    let core: DeskCore;
    if (kind === 'families') {
      core = openDeskCore({ dataDir: building, clock: benchClock });
      seedDemoCommune(core, { families, seed, reservations: 'none' });
    } else {
      // The family file from its own cache, then activities and enrolments through the commands, then the year.
      const base = demoDatabase(families, { seed, cache: true });
      void base.core.close();
      copyFileSync(base.file, join(building, 'desk.db'));
      rmSync(dirname(base.file), { recursive: true, force: true });
      core = openDeskCore({ dataDir: building, clock: benchClock });
      const plan = planDemoCommune({ families, seed, now: benchClock().toISOString(), reservations: 'enrolments' });
      runDemoPlan(core, plan, plan.familyCommands);
      const schoolYear = insertSchoolYearBookings(core.store.sqlite, plan.reservations!, seed);
      meta = { note: schoolYearNote, schoolYear };
    }
    seedSeconds = Math.round((performance.now() - started) / 100) / 10;
    core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    void core.close();
    mkdirSync(cacheDir, { recursive: true });
    renameSync(join(building, 'desk.db'), join(cacheDir, 'desk.db'));
    writeFileSync(join(cacheDir, 'meta.json'), JSON.stringify(meta));
    rmSync(building, { recursive: true, force: true });
  }
  copyFileSync(join(cacheDir, 'desk.db'), join(dir, 'desk.db'));
  const meta = existsSync(join(cacheDir, 'meta.json'))
    ? (JSON.parse(readFileSync(join(cacheDir, 'meta.json'), 'utf8')) as CacheMeta)
    : {};
  return open(seedSeconds, meta);
}

function seedInto(dir: string, families: number, seed: number): [number, CacheMeta, DeskCore] {
  const core = openDeskCore({ dataDir: dir, clock: benchClock });
  const started = performance.now();
  seedDemoCommune(core, { families, seed });
  return [Math.round((performance.now() - started) / 100) / 10, {}, core];
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
