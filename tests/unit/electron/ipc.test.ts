// The IPC channel's handler, driven without Electron against a real desk core on a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../../src/main/desk/core';
import { CallFailed, createIpcHandler, INTERNAL_ERROR, REFUSED_SENDER, type InvokeEventLike } from '../../../src/main/ipc';
import { appUrlMatcher } from '../../../src/main/security';

const rendererUrl = pathToFileURL('/opt/Guichet/resources/app.asar/out/renderer/index.html').href;
const from = (url: string, parent: unknown = null): InvokeEventLike => ({ senderFrame: { url, parent } });
const trusted = from(`${rendererUrl}#/familles`);

const martin = {
  guardians: [
    { civility: 'Mme', firstName: 'Hélène', lastName: 'Martin', mobilePhone: '06 12 34 56 78', relationship: 'mother' },
  ],
  children: [{ firstName: 'Léa', lastName: 'Martin', birthDate: '2018-04-12', schoolLevel: 'CE2' }],
};

let dir: string;
let core: DeskCore;
let log: Mock<(message: string, error?: unknown) => void>;
let handle: ReturnType<typeof createIpcHandler>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-ipc-'));
  core = openDeskCore({ dataDir: dir, clock: () => new Date('2026-11-26T09:00:00Z') });
  log = vi.fn<(message: string, error?: unknown) => void>();
  handle = createIpcHandler({
    dispatch: core.dispatch,
    isTrustedSender: appUrlMatcher(rendererUrl),
    actor: defaultStaffActor,
    log,
  });
});
afterEach(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
const outboxSize = () => (core.store.sqlite.prepare('SELECT count(*) AS n FROM _outbox').get() as { n: number }).n;

describe('the guichet:call handler', () => {
  it('answers the trusted renderer with the real result', async () => {
    expect(await handle(trusted, 'families.search', { q: 'martin' })).toEqual([]);

    const created = (await handle(trusted, 'household.create', martin)) as { ok: boolean; value: { householdId: string } };
    expect(created.ok).toBe(true);
    const hits = (await handle(trusted, 'families.search', { q: 'lea' })) as { householdId: string }[];
    expect(hits.map((hit) => hit.householdId)).toEqual([created.value.householdId]);

    // The command ran as the given actor and was recorded for sync.
    expect(outboxSize()).toBe(1);
    const row = core.store.sqlite.prepare('SELECT actor FROM _outbox').get() as { actor: string };
    expect(JSON.parse(row.actor)).toEqual(defaultStaffActor);
  });

  it('accepts the actor as a function (staff login, later)', async () => {
    const agent = { kind: 'staff', id: 'u-7', name: 'Camille', role: 'agent' } as const;
    const asAgent = createIpcHandler({
      dispatch: core.dispatch,
      isTrustedSender: appUrlMatcher(rendererUrl),
      actor: () => agent,
    });
    expect(((await asAgent(trusted, 'household.create', martin)) as { ok: boolean }).ok).toBe(true);
    const row = core.store.sqlite.prepare('SELECT actor FROM _outbox').get() as { actor: string };
    expect(JSON.parse(row.actor)).toEqual(agent);
  });

  it('refuses an unknown handler', async () => {
    await expect(handle(trusted, 'sql.exec', { sql: 'DROP TABLE households' })).rejects.toThrow(
      new CallFailed('Unknown handler: sql.exec'),
    );
    await expect(handle(trusted, '__proto__', {})).rejects.toThrow('Unknown handler');
    await expect(handle(trusted, 'constructor', {})).rejects.toThrow('Unknown handler');
  });

  it('refuses a name that is not a short string', async () => {
    for (const name of [undefined, 42, { toString: () => 'families.search' }, '', 'x'.repeat(101)]) {
      await expect(handle(trusted, name, {})).rejects.toThrow('nom de fonction invalide');
    }
  });

  it('refuses bad arguments to a query; a command answers them with field errors, writing nothing', async () => {
    await expect(handle(trusted, 'families.search', { q: 42 })).rejects.toThrow(/^Invalid arguments for families\.search/);
    await expect(handle(trusted, 'families.get', 'not an object')).rejects.toThrow(/^Invalid arguments for families\.get/);

    const refused = (await handle(trusted, 'household.create', { guardians: 'nobody' })) as { ok: boolean; code: string };
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(outboxSize()).toBe(0);
  });

  it('refuses every sender but the app page, before running anything', async () => {
    const dispatch = vi.fn(core.dispatch);
    const guarded = createIpcHandler({ dispatch, isTrustedSender: appUrlMatcher(rendererUrl), actor: defaultStaffActor, log });
    const foreign: InvokeEventLike[] = [
      from('https://evil.example/'),
      from(pathToFileURL('/tmp/evil/out/renderer/index.html').href),
      from(pathToFileURL('/opt/Guichet/resources/app.asar/out/renderer/other.html').href),
      from('http://localhost:5173/'),
      from('about:blank'),
      from(rendererUrl, { url: rendererUrl }), // the app page framed inside itself: not the top frame
      { senderFrame: null }, // the frame is gone
    ];
    for (const event of foreign) {
      await expect(guarded(event, 'household.create', martin), event.senderFrame?.url).rejects.toThrow(REFUSED_SENDER);
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(outboxSize()).toBe(0);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
  });

  it('trusts the dev server when that is what the window loads', async () => {
    const dev = createIpcHandler({
      dispatch: core.dispatch,
      isTrustedSender: appUrlMatcher('http://localhost:5173/'),
      actor: defaultStaffActor,
      log,
    });
    expect(await dev(from('http://localhost:5173/'), 'families.recent', {})).toEqual([]);
    await expect(dev(trusted, 'families.recent', {})).rejects.toThrow(REFUSED_SENDER);
  });

  it('turns a bug into a plain message: no stack, no path, no SQL; the detail goes to the main log', async () => {
    const failing = createIpcHandler({
      dispatch: async () => {
        throw new Error(`SqliteError: no such table: households (${join(dir, 'desk.db')})`);
      },
      isTrustedSender: appUrlMatcher(rendererUrl),
      actor: defaultStaffActor,
      log,
    });
    const error = await rejection(failing(trusted, 'families.recent', {}));
    expect(error).toBeInstanceOf(CallFailed);
    expect(error.message).toBe(INTERNAL_ERROR);
    // Electron sends String(error) to the renderer; nothing of the main process travels with it.
    expect(String(error)).toBe(`Error: ${INTERNAL_ERROR}`);
    expect(error.stack).toBe(`Error: ${INTERNAL_ERROR}`);
    expect(log).toHaveBeenCalledWith('Handler families.recent failed', expect.any(Error));
  });

  it('keeps refusals free of stacks too', async () => {
    const error = await rejection(handle(from('https://evil.example/'), 'families.recent', {}));
    expect(error.stack).toBe(`Error: ${REFUSED_SENDER}`);
    const bad = await rejection(handle(trusted, 'nope', {}));
    expect(bad.stack).not.toMatch(/\bat\b|\//);
  });
});
