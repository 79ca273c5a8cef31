// `npm run demo -- [--data DIR] [--families N] [--seed N] [--force]`: fills DIR/desk.db (default .data/desk,
// as `npm run desk:web`) with the demo commune of Aiffres. Refuses a database that already has households,
// unless --force, which deletes the database files first.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDeskCore } from '../src/main/desk/core';
import { seedDemoCommune } from '../src/main/desk/demo/demoCommune';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '.data/desk' },
    families: { type: 'string', default: '650' },
    seed: { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
  },
});

const families = Number(values.families);
const seed = Number(values.seed);
if (!Number.isInteger(families) || families < 1) fail(`--families : un nombre entier positif est attendu (reçu « ${values.families} »).`);
if (!Number.isInteger(seed)) fail(`--seed : un nombre entier est attendu (reçu « ${values.seed} »).`);

const dataDir = resolve(values.data);
const file = join(dataDir, 'desk.db');
if (values.force) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
} else if (existsSync(file)) {
  const core = openDeskCore({ dataDir });
  const { n } = core.store.sqlite.prepare('SELECT count(*) AS n FROM households').get() as { n: number };
  core.close();
  if (n > 0) fail(`La base ${file} contient déjà ${n} foyer(s). Relancez avec --force pour la remplacer par la commune de démonstration.`);
}

const started = performance.now();
const core = openDeskCore({ dataDir });
const summary = seedDemoCommune(core, { families, seed });
const seconds = (performance.now() - started) / 1000;
const count = (sql: string) => (core.store.sqlite.prepare(sql).get() as { n: number }).n;
const shared = count('SELECT count(*) AS n FROM (SELECT child_id FROM household_children GROUP BY child_id HAVING count(*) > 1)');
const withoutQuotient = count(
  `SELECT count(*) AS n FROM households h WHERE NOT EXISTS
     (SELECT 1 FROM family_quotients q WHERE q.household_id = h.id AND q.valid_from <= date('now') AND date('now') <= q.valid_to)`,
);
const careplans = count('SELECT count(*) AS n FROM children WHERE has_careplan = 1');
const invoices = count('SELECT count(*) AS n FROM invoices');
const payments = count('SELECT count(*) AS n FROM payments');
const tariffs = count('SELECT count(*) AS n FROM tariffs');
const unpaid = count(
  `SELECT count(DISTINCT i.household_id) AS n FROM invoices i WHERE i.total_cents >
     (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL)`,
);
core.close();

const fr = new Intl.NumberFormat('fr-FR');
console.log(`Commune de démonstration d'Aiffres (79230) créée dans ${file} en ${seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s (graine ${seed}) :
  ${fr.format(summary.households)} foyers, ${fr.format(summary.children)} enfants, ${fr.format(summary.guardians)} responsables légaux ;
  ${fr.format(shared)} enfant(s) rattaché(s) à deux foyers (parents séparés), ${fr.format(careplans)} PAI ;
  ${fr.format(withoutQuotient)} foyer(s) sans quotient familial en cours de validité ;
  régie : ${fr.format(tariffs)} tarifs, ${fr.format(invoices)} factures émises, ${fr.format(payments)} règlements, ${fr.format(unpaid)} foyer(s) avec un reste dû.`);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
