// search.p99_ms: the family search handler (`families.search` through the desk core's dispatch), on the demo
// commune (650 households) and on a large one (8,000), over a realistic mix of what staff type at the desk:
// prefixes of names without accents (every keystroke from 2 to 6 letters), phone prefixes in the usual
// formats, e-mails, a few misses. Compared with a bare primary-key SELECT on the same database.
import { defaultStaffActor, type DeskCore } from '../../../src/main/desk/core';
import { SeededRandom } from '../../../src/main/desk/demo/seededRandom';
import { foldText } from '../../../src/shared/domain/search';
import { demoDatabase } from '../datasets';
import { nowNs, nsToMs, nsToUs, percentileNs, rssMb } from '../measure';
import type { BenchResult, Scenario } from '../types';

const QUERIES = 2400;
const WARM_UP = 300;
const caller = { actor: defaultStaffActor };

type QueryKind = 'lastName' | 'firstName' | 'twoTerms' | 'phone' | 'email' | 'typedAsIs' | 'miss';
interface Query {
  kind: QueryKind;
  q: string;
}

export const searchScenario: Scenario = {
  name: 'search',
  async run(): Promise<BenchResult> {
    let peakRss = rssMb();
    const small = demoDatabase(650);
    const atSmall = await measureSearch(small.core);
    peakRss = Math.max(peakRss, rssMb());
    small.close();

    const large = demoDatabase(8000, { cache: true });
    const atLarge = await measureSearch(large.core);
    const barePk = measureBareSelect(large.core);
    peakRss = Math.max(peakRss, rssMb());
    large.close();

    return {
      name: 'search.p99_ms',
      value: atLarge.p99Ms,
      unit: 'ms',
      target: 5,
      better: 'lower',
      p50_ms_650: atSmall.p50Ms,
      p99_ms_650: atSmall.p99Ms,
      p50_ms_8000: atLarge.p50Ms,
      p99_ms_8000: atLarge.p99Ms,
      max_ms_8000: atLarge.maxMs,
      p99_ms_8000_by_kind: atLarge.p99MsByKind,
      bare_pk_select_us: nsToUs(barePk),
      ratio_to_bare_select: Math.round(atLarge.p50Ns / barePk),
      queries: atLarge.count,
      seed_s_650: small.seedSeconds,
      seed_s_8000: large.seedSeconds, // null: the 8,000-household database came from the cache
      rss_mb: peakRss,
    };
  },
};

async function measureSearch(core: DeskCore) {
  const queries = queryMix(core, QUERIES, 42);
  for (const { q } of queryMix(core, WARM_UP, 7)) await core.dispatch('families.search', { q }, caller);
  const samples: number[] = [];
  const byKind = new Map<QueryKind, number[]>();
  for (const { kind, q } of queries) {
    const start = nowNs();
    await core.dispatch('families.search', { q }, caller);
    const ns = Number(nowNs() - start);
    samples.push(ns);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ns]);
  }
  const p50Ns = percentileNs(samples, 0.5);
  return {
    count: samples.length,
    p50Ns,
    p50Ms: nsToMs(p50Ns),
    p99Ms: nsToMs(percentileNs(samples, 0.99)),
    maxMs: nsToMs(percentileNs(samples, 1)),
    p99MsByKind: Object.fromEntries([...byKind].map(([kind, s]) => [kind, nsToMs(percentileNs(s, 0.99))])),
  };
}

/** Median of a bare `SELECT * FROM households WHERE id = ?`, the floor of any read on this database. */
function measureBareSelect(core: DeskCore): number {
  const ids = (core.store.sqlite.prepare('SELECT id FROM households').all() as { id: string }[]).map((r) => r.id);
  const select = core.store.sqlite.prepare('SELECT * FROM households WHERE id = ?');
  const rng = new SeededRandom(3);
  for (let i = 0; i < 1000; i++) select.get(rng.pick(ids));
  const samples: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const id = rng.pick(ids);
    const start = nowNs();
    select.get(id);
    samples.push(Number(nowNs() - start));
  }
  return percentileNs(samples, 0.5);
}

/** What staff type, drawn from the people actually in the database. */
export function queryMix(core: DeskCore, count: number, seed: number): Query[] {
  const sqlite = core.store.sqlite;
  const guardians = sqlite.prepare('SELECT first_name, last_name, mobile_phone, home_phone, email FROM guardians').all() as {
    first_name: string;
    last_name: string;
    mobile_phone: string;
    home_phone: string;
    email: string;
  }[];
  const children = sqlite.prepare('SELECT first_name, last_name FROM children').all() as { first_name: string; last_name: string }[];
  const rng = new SeededRandom(seed);
  /** The first 2–6 letters of the folded first word, as typed keystroke by keystroke. */
  const prefix = (name: string) => {
    const word = foldText(name).split(' ')[0]!;
    return word.slice(0, Math.min(word.length, rng.int(2, 6)));
  };
  const phoneAsTyped = (e164: string) => {
    const digits = `0${e164.slice(3)}`;
    const typed = digits.slice(0, rng.int(2, 10));
    const pairs = typed.match(/\d{1,2}/g)!;
    return rng.weighted<string>([
      [typed, 40],
      [pairs.join(' '), 35],
      [pairs.join('.'), 10],
      [`+33 ${typed.slice(1)}`, 10],
      [`+33${typed.slice(1)}`, 5],
    ]);
  };
  const queries: Query[] = [];
  while (queries.length < count) {
    const kind = rng.weighted<QueryKind>([
      ['lastName', 30],
      ['firstName', 25],
      ['twoTerms', 10],
      ['phone', 15],
      ['email', 10],
      ['typedAsIs', 5],
      ['miss', 5],
    ]);
    const person = rng.chance(0.6) ? rng.pick(guardians) : rng.pick(children);
    const g = rng.pick(guardians);
    switch (kind) {
      case 'lastName':
        queries.push({ kind, q: prefix(person.last_name) });
        break;
      case 'firstName':
        queries.push({ kind, q: prefix(person.first_name) });
        break;
      case 'twoTerms':
        queries.push({ kind, q: `${foldText(person.first_name).split(' ')[0]} ${prefix(person.last_name)}` });
        break;
      case 'phone': {
        const phone = g.mobile_phone || g.home_phone;
        if (phone) queries.push({ kind, q: phoneAsTyped(phone) });
        break;
      }
      case 'email':
        if (g.email) queries.push({ kind, q: rng.chance(0.5) ? g.email : g.email.slice(0, rng.int(4, g.email.indexOf('@') + 1)) });
        break;
      case 'typedAsIs': // accents and capitals as on the paper form
        queries.push({ kind, q: rng.chance(0.5) ? person.last_name.toUpperCase() : `${person.first_name} ${person.last_name}` });
        break;
      case 'miss':
        queries.push({ kind, q: Array.from({ length: rng.int(3, 6) }, () => rng.pick([...'bcdfgkmpqvwxz'])).join('') });
        break;
    }
  }
  return queries;
}
