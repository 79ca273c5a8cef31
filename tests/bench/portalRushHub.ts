// Child process of the portal rush benchmark: a real hub on 127.0.0.1 with N households, each with a child
// enrolled in a holiday centre whose week has 100 places a day, and one logged-in parent session each.
// Prints one JSON line {url, householdIds, childIds, unitId, dates, sessions:[{cookie, csrf}]}, then serves
// until killed. Setup goes through real commands; sessions are opened directly (the login's scrypt cost is
// not what this benchmark measures).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandsByName } from '../../src/shared/commands';
import { fillNewIds } from '../../src/shared/commands/newIds';
import { buildHub } from '../../src/portal/server';
import { runAtHub } from '../../src/portal/hubCommands';
import { bumpVersion } from '../../src/portal/hubDb';
import { createSession, upsertAccount } from '../../src/portal/parents/accounts';

const families = Number(process.argv[2] ?? 1000);
const now = new Date('2026-11-26T09:00:00Z');
const clock = () => now;
const { app, hub } = await buildHub({ dataDir: mkdtempSync(join(tmpdir(), 'guichet-rush-')), clock, logger: false });
const system = { kind: 'system' as const, id: 'bench', name: 'Banc d’essai' };
const run = (name: string, rawArgs: unknown) => {
  const args = fillNewIds(rawArgs, commandsByName.get(name)?.newIds ?? [], randomUUID);
  return hub.sqlite
    .transaction(() => {
      bumpVersion(hub.sqlite);
      const result = runAtHub(hub, { commandId: randomUUID(), name, args, createdAt: now.toISOString(), actor: system, deskId: 'bench' }, now);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
      return result.value as any;
    })
    .immediate();
};

const activityId = randomUUID();
const unitId = randomUUID();
const groupId = randomUUID();
run('activity.save', {
  activityId,
  name: 'Accueil de loisirs',
  kind: 'holiday',
  openOn: 'holidays',
  deadlines: { booking: { kind: 'daysBefore', days: 15, time: '10:00', businessDays: false } },
  units: [{ unitId, name: 'Journée' }],
  groups: [{ groupId, name: 'Tous', levels: [], capacities: [100] }],
});
// The winter holiday week of zone A (2026-2027).
const dates = ['2027-02-15', '2027-02-16', '2027-02-17', '2027-02-18', '2027-02-19'];
const sessions: { cookie: string; csrf: string; householdId: string; childId: string }[] = [];
for (let i = 0; i < families; i++) {
  const guardianId = randomUUID();
  const childId = randomUUID();
  const { householdId } = run('household.create', {
    guardians: [{ guardianId, civility: 'Mme', firstName: 'Parent', lastName: `Famille${i}`, mobilePhone: '0612345678', email: `parent${i}@exemple.fr` }],
    children: [{ childId, firstName: 'Enfant', lastName: `Famille${i}`, birthDate: '2018-05-01', schoolLevel: 'CE2' }],
  });
  run('enrolment.create', { childId, activityId, fromDate: '2026-09-01', toDate: '2027-07-03', tariffCategory: 'resident' });
  upsertAccount(hub.sqlite, guardianId, { login: `parent${i}@exemple.fr`, email: `parent${i}@exemple.fr`, state: 'active', password_hash: 'bench' }, now);
  const session = createSession(hub.sqlite, guardianId, now);
  sessions.push({ cookie: `guichet_session=${session.id}`, csrf: session.csrf, householdId, childId });
}
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url, unitId, dates, sessions })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
