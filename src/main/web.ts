// `npm run desk:web -- [--port N] [--data DIR] [--empty]`: the desk in browser mode. A database with no
// household gets the demo commune unless --empty is given. Stops cleanly on SIGINT/SIGTERM.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reopenAfterRestore } from './desk/backup/handlers';
import { startBackupScheduler } from './desk/backup/scheduler';
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

const dataDir = resolve(values.data);
let core = openDeskCore({ dataDir });
const households = core.store.sqlite.prepare('SELECT count(*) AS n FROM households').get() as { n: number };
if (households.n === 0 && !values.empty) {
  const { seedDemoCommune } = await import('./desk/demo/demoCommune');
  const summary = seedDemoCommune(core, {});
  console.log(`Commune de démonstration créée : ${summary.households} foyers, ${summary.children} enfants.`);
}
let backups = startBackupScheduler(core);
// A restored backup replaces the database: reopen the core on it, the page keeps working.
const dispatch = reopenAfterRestore(
  (name, args, caller) => core.dispatch(name, args, caller),
  () => {
    void backups.stop();
    core = openDeskCore({ dataDir });
    backups = startBackupScheduler(core);
    console.log('Sauvegarde restaurée : base rouverte.');
  },
);
const web = await startDeskWeb({ dispatch, rendererDir: resolve(values.renderer), port: Number(values.port) });
console.log(`Guichet (mode navigateur) : ${web.url}`);

const stop = async () => {
  await web.close();
  await backups.stop();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
