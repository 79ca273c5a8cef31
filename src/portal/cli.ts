// `npm run portal -- [--data DIR] [--port N] [--host H] [--commune NAME]` starts the hub;
// `npm run portal -- enroll-desk "Mairie"` prints a one-time enrolment code for a desk;
// `npm run portal -- revoke-desk "Mairie"` revokes it. Environment: GUICHET_DATA, GUICHET_PORT, GUICHET_HOST.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openHubDatabase, setCommuneName } from './hubDb';
import { buildHub } from './server';
import { createEnrolmentCode, revokeDesk } from './sync/desks';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', default: process.env.GUICHET_DATA ?? '.data/hub' },
    port: { type: 'string', default: process.env.GUICHET_PORT ?? '8420' },
    host: { type: 'string', default: process.env.GUICHET_HOST ?? '127.0.0.1' },
    commune: { type: 'string' },
  },
});
const dataDir = resolve(values.data);
const [command, arg] = positionals;

if (command === 'enroll-desk' || command === 'revoke-desk') {
  if (!arg) throw new Error(`Usage: npm run portal -- ${command} "Nom du poste"`);
  const hub = openHubDatabase(dataDir);
  if (command === 'enroll-desk') {
    const { code } = createEnrolmentCode(hub.sqlite, arg);
    console.log(`Code d'enrôlement du poste « ${arg} » (valable 7 jours, usage unique) : ${code}`);
  } else {
    console.log(revokeDesk(hub.sqlite, arg) ? `Poste « ${arg} » révoqué.` : `Aucun poste actif nommé « ${arg} ».`);
  }
  hub.close();
} else {
  const { app, hub } = await buildHub({
    dataDir,
    logger: { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  if (values.commune) setCommuneName(hub.sqlite, values.commune);
  const address = await app.listen({ host: values.host, port: Number(values.port) });
  console.log(`Guichet — concentrateur : ${address}`);
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
