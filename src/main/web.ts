// `npm run desk:web -- [--port N] [--data DIR] [--empty]`: the desk in browser mode. A database with no
// household gets the demo commune unless --empty is given. Stops cleanly on SIGINT/SIGTERM.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDeskCore } from './desk/core';
import { startDeskWeb } from './webServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: '.data/desk' },
    empty: { type: 'boolean', default: false },
    renderer: { type: 'string', default: join(process.cwd(), 'out', 'renderer') },
  },
});

const core = openDeskCore({ dataDir: resolve(values.data) });
const households = core.store.sqlite.prepare('SELECT count(*) AS n FROM households').get() as { n: number };
if (households.n === 0 && !values.empty) {
  const { seedDemoCommune } = await import('./desk/demo/demoCommune');
  const summary = seedDemoCommune(core, {});
  console.log(`Commune de démonstration créée : ${summary.households} foyers, ${summary.children} enfants.`);
}
const web = await startDeskWeb({ core, rendererDir: resolve(values.renderer), port: Number(values.port) });
console.log(`Guichet (mode navigateur) : ${web.url}`);

const stop = async () => {
  await web.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
