// `npm run portal -- [--data DIR] [--port N] [--host H] [--commune NAME]` starts the hub;
// `npm run portal -- enroll-desk "Mairie"` prints a one-time enrolment code for a desk;
// `npm run portal -- revoke-desk "Mairie"` revokes it.
// Parents' e-mails: --public-url https://famille.example.fr --smtp-host H --smtp-port 587 --smtp-user U
// --smtp-from "Mairie <noreply@…>" [--smtp-secure] and the password in GUICHET_SMTP_PASSWORD (never on the
// command line). Environment: GUICHET_DATA, GUICHET_PORT, GUICHET_HOST, GUICHET_PUBLIC_URL, GUICHET_SMTP_*.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupHub } from './backup';
import { openHubDatabase, setCommuneName } from './hubDb';
import { createPayfipProvider } from './payments/payfip';
import { buildHub } from './server';
import { createEnrolmentCode, revokeDesk } from './sync/desks';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', default: process.env.GUICHET_DATA ?? '.data/hub' },
    port: { type: 'string', default: process.env.GUICHET_PORT ?? '8420' },
    host: { type: 'string', default: process.env.GUICHET_HOST ?? '127.0.0.1' },
    commune: { type: 'string' },
    'public-url': { type: 'string', default: process.env.GUICHET_PUBLIC_URL },
    'smtp-host': { type: 'string', default: process.env.GUICHET_SMTP_HOST },
    'smtp-port': { type: 'string', default: process.env.GUICHET_SMTP_PORT ?? '587' },
    'smtp-user': { type: 'string', default: process.env.GUICHET_SMTP_USER },
    'smtp-from': { type: 'string', default: process.env.GUICHET_SMTP_FROM },
    'smtp-secure': { type: 'boolean', default: process.env.GUICHET_SMTP_SECURE === '1' },
    // Online payment: the built-in test provider (demonstrations, never production) or PayFiP.
    'test-payments': { type: 'boolean', default: process.env.GUICHET_TEST_PAYMENTS === '1' },
    'payfip-endpoint': { type: 'string', default: process.env.GUICHET_PAYFIP_ENDPOINT },
    'payfip-page': { type: 'string', default: process.env.GUICHET_PAYFIP_PAGE },
    'payfip-client': { type: 'string', default: process.env.GUICHET_PAYFIP_CLIENT },
    'payfip-mode': { type: 'string', default: process.env.GUICHET_PAYFIP_MODE ?? 'T' },
  },
});
const dataDir = resolve(values.data);
const [command, arg] = positionals;

if (command === 'backup') {
  if (!arg) throw new Error('Usage: npm run portal -- backup DOSSIER');
  const { file, deleted, documentsCopied } = await backupHub({ dataDir, destinationDir: arg });
  console.log(
    `Sauvegarde du concentrateur : ${file}${deleted.length ? ` (${deleted.length} ancienne(s) supprimée(s))` : ''}` +
      `, ${documentsCopied} nouvelle(s) pièce(s) justificative(s) copiée(s)`,
  );
} else if (command === 'enroll-desk' || command === 'revoke-desk') {
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
  const smtpHost = values['smtp-host'];
  const payfip =
    values['payfip-endpoint'] && values['payfip-page'] && values['payfip-client']
      ? createPayfipProvider({
          endpoint: values['payfip-endpoint'],
          paymentPage: values['payfip-page'],
          clientNumber: values['payfip-client'],
          mode: values['payfip-mode'] === 'W' ? 'W' : values['payfip-mode'] === 'X' ? 'X' : 'T',
        })
      : undefined;
  const { app, hub } = await buildHub({
    dataDir,
    publicUrl: values['public-url'] ?? `http://${values.host}:${values.port}`,
    paymentProvider: payfip ?? (values['test-payments'] ? 'test' : undefined),
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: Number(values['smtp-port']),
          user: values['smtp-user'],
          password: process.env.GUICHET_SMTP_PASSWORD,
          from: values['smtp-from'] ?? `Guichet <noreply@${smtpHost}>`,
          secure: values['smtp-secure'],
        }
      : undefined,
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
