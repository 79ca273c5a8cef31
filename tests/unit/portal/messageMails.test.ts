// The mail dispatcher on a real hub database and a real SMTP test server: each family message goes once to
// every guardian of the household with an e-mail, after a write (incremental) or on the timer, and a closed
// dispatcher sends nothing more.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/commands/types';
import { openHubDatabase, type HubDatabase } from '../../../src/portal/hubDb';
import { createMailer } from '../../../src/portal/mailer';
import { createMessageMails, type MessageMails } from '../../../src/portal/enrolment/messageMails';
import { runCreatedAtHub } from '../../../src/portal/parents/routes';
import { cleanup } from '../../fixtures/hubHarness';
import { startSmtpServer } from '../../fixtures/smtpServer';

const staff: Actor = { kind: 'staff', id: 'desk', name: 'Agent', role: 'admin' };
let dir: string;
let hub: HubDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mails: MessageMails | undefined;
const now = new Date('2026-11-26T09:00:00Z');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-mails-'));
  hub = openHubDatabase(dir);
  smtp = await startSmtpServer();
});

afterEach(async () => {
  await mails?.close();
  mails = undefined;
  hub.close();
  await smtp.stop();
  cleanup(dir);
});

const dispatcher = (everyMs = 3_600_000) =>
  (mails = createMessageMails({
    hub,
    mailer: createMailer({ host: '127.0.0.1', port: smtp.port, from: 'Mairie <noreply@aiffres.test>' }),
    clock: () => now,
    publicUrl: () => 'https://famille.aiffres.test',
    commune: () => 'Aiffres',
    everyMs,
  }));

/** A new family signs up (the command writes « Demande d'inscription reçue »); returns its household id. */
function signUp(email: string): string {
  const result = runCreatedAtHub(
    hub,
    { kind: 'parent', id: 'g', name: 'Parent', householdIds: [] },
    'household.signUp',
    {
      guardian: { civility: 'Mme', firstName: 'Élodie', lastName: 'Lefèvre', email, mobilePhone: '0671223344' },
      children: [{ firstName: 'Jules', lastName: 'Lefèvre', birthDate: '2020-03-14' }],
    },
    now,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return (result.value as { householdId: string }).householdId;
}

describe('family message e-mails', () => {
  it('sends each new message once to every guardian with an e-mail, after a write', async () => {
    const m = dispatcher();
    expect(await m.drain()).toEqual({ sent: 0, failed: 0 });
    const householdId = signUp('elodie@exemple.fr');
    const added = runCreatedAtHub(
      hub,
      staff,
      'guardian.add',
      {
        householdId,
        civility: 'M.',
        firstName: 'Marc',
        lastName: 'Lefèvre',
        email: 'Marc@Exemple.fr',
        mobilePhone: '0671223345',
      },
      now,
    );
    expect(added.ok).toBe(true);
    runCreatedAtHub(
      hub,
      staff,
      'guardian.add',
      { householdId, civility: 'M.', firstName: 'Sans', lastName: 'Courriel', mobilePhone: '0671223346' },
      now,
    );
    // What `schedule` runs: only what was written since the last drain.
    expect(await m.drain(false)).toEqual({ sent: 1, failed: 0 });
    const received = await smtp.waitFor(2);
    expect(received.map((r) => r.to[0]).sort()).toEqual(['elodie@exemple.fr', 'marc@exemple.fr']);
    expect(received[0]!.text).toMatch(/bien reçu votre demande d'inscription/);
    expect(received[0]!.text).toMatch(/Ouvrir mon espace famille : https:\/\/famille\.aiffres\.test\//);
    expect(await m.drain(false)).toEqual({ sent: 0, failed: 0 });
    expect(await m.drain(true)).toEqual({ sent: 0, failed: 0 });
    m.schedule();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.mails).toHaveLength(2);
  });

  it('sends on the timer without being asked, and a closed dispatcher sends nothing more', async () => {
    const m = dispatcher(50);
    signUp('a@exemple.fr');
    await smtp.waitFor(1);
    signUp('b@exemple.fr');
    await smtp.waitFor(2);
    await m.close();
    signUp('c@exemple.fr');
    m.schedule();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.map((r) => r.to[0])).toEqual(['a@exemple.fr', 'b@exemple.fr']);
  });
});
