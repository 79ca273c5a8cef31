// src/main/index.ts against a fake `electron`: single instance, start-up order, the IPC channel wired to a real
// desk core in a temporary profile, quit rules, and the core closed on quit.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskCore } from '../../../src/main/desk/core';
import { CALL_CHANNEL } from '../../../src/main/ipc';
import { FakeApp, FakeEmitter, FakeSession } from './fakes';

const fake = vi.hoisted(() => ({ electron: {} as Record<string, any> }));
vi.mock('electron', () => fake.electron);
vi.mock('../../../src/main/desk/demo/demoCommune', () => ({ seedDemoCommune: vi.fn(() => ({ households: 0, children: 0 })) }));
vi.mock('../../../src/main/desk/core', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/main/desk/core')>();
  return { ...original, openDeskCore: vi.fn(original.openDeskCore) };
});

class FakeWindow extends FakeEmitter {
  static all: FakeWindow[] = [];
  readonly options: Record<string, any>;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => true);
  constructor(options: Record<string, any>) {
    super();
    this.options = options;
    FakeWindow.all.push(this);
  }
  once(event: string, listener: (...args: any[]) => unknown) {
    return this.on(event, listener);
  }
  static getAllWindows() {
    return FakeWindow.all;
  }
}

let userData: string;
let app: FakeApp & Record<string, any>;
let session: FakeSession;
let ipcMain: { handle: ReturnType<typeof vi.fn>; removeHandler: ReturnType<typeof vi.fn> };

beforeEach(() => {
  vi.resetModules();
  userData = mkdtempSync(join(tmpdir(), 'guichet-userdata-'));
  FakeWindow.all = [];
  app = Object.assign(new FakeApp(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((name: string) => (name === 'userData' ? userData : '/nowhere')),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  session = new FakeSession();
  ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
  Object.assign(fake.electron, {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain,
    session: { defaultSession: session },
    shell: { openExternal: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString() },
  });
});

afterEach(async () => {
  const { openDeskCore } = await import('../../../src/main/desk/core');
  for (const result of vi.mocked(openDeskCore).mock.results) {
    if (result.type === 'return') (result.value as DeskCore).close();
  }
  vi.mocked(openDeskCore).mockClear();
  const { seedDemoCommune } = await import('../../../src/main/desk/demo/demoCommune');
  vi.mocked(seedDemoCommune).mockClear();
  rmSync(userData, { recursive: true, force: true });
});

async function startMain() {
  await import('../../../src/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
  const { openDeskCore } = await import('../../../src/main/desk/core');
  const { seedDemoCommune } = await import('../../../src/main/desk/demo/demoCommune');
  const opened = vi.mocked(openDeskCore).mock.results[0];
  return {
    core: opened?.type === 'return' ? (opened.value as DeskCore) : undefined,
    seedDemoCommune: vi.mocked(seedDemoCommune),
  };
}

describe('main process lifecycle', () => {
  it('starts: sandbox, security, desk core in userData/data, demo seed, the IPC channel, then the window', async () => {
    const { core, seedDemoCommune } = await startMain();
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(session.requestHandler).toBeDefined();
    expect(app.listeners.get('web-contents-created')).toHaveLength(1);

    expect(core).toBeDefined();
    expect(existsSync(join(userData, 'data', 'desk.db'))).toBe(true);
    expect(seedDemoCommune).toHaveBeenCalledExactlyOnceWith(core, {});

    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    const [channel, handler] = ipcMain.handle.mock.calls[0]!;
    expect(channel).toBe(CALL_CHANNEL);

    expect(FakeWindow.all).toHaveLength(1);
    const window = FakeWindow.all[0]!;
    const url = window.loadURL.mock.calls[0]![0];
    expect(url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(window.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.options.webPreferences.sandbox).toBe(true);

    // The channel answers the window's page with real data, and nobody else.
    await expect(handler({ senderFrame: { url, parent: null } }, 'families.search', { q: 'x' })).resolves.toEqual([]);
    const refusedLog = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(
      handler({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'families.search', { q: 'x' }),
    ).rejects.toThrow('Appel refusé');
    expect(refusedLog).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'), '');
    refusedLog.mockRestore();
  });

  it('does not seed a desk that already has families', async () => {
    const { openDeskCore, defaultStaffActor } = await import('../../../src/main/desk/core');
    const existing = vi.mocked(openDeskCore)({ dataDir: join(userData, 'data') });
    const created = (await existing.dispatch(
      'household.create',
      {
        guardians: [
          { civility: 'Mme', firstName: 'Hélène', lastName: 'Martin', mobilePhone: '06 12 34 56 78', relationship: 'mother' },
        ],
        children: [{ firstName: 'Léa', lastName: 'Martin', birthDate: '2018-04-12', schoolLevel: 'CE2' }],
      },
      { actor: defaultStaffActor },
    )) as { ok: boolean };
    expect(created.ok).toBe(true);
    existing.close();
    vi.mocked(openDeskCore).mockClear();

    const { core, seedDemoCommune } = await startMain();
    expect(core).toBeDefined();
    expect(seedDemoCommune).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startMain();
    app.emit('second-instance');
    expect(FakeWindow.all[0]!.restore).toHaveBeenCalled();
    expect(FakeWindow.all[0]!.focus).toHaveBeenCalled();
  });

  it('quits when the last window closes, except on macOS, and closes the core on quit', async () => {
    const { core } = await startMain();
    const platform = process.platform;
    try {
      Object.defineProperty(process, 'platform', { value: 'darwin' });
      app.emit('window-all-closed');
      expect(app.quit).not.toHaveBeenCalled();
      Object.defineProperty(process, 'platform', { value: 'win32' });
      app.emit('window-all-closed');
      expect(app.quit).toHaveBeenCalledTimes(1);
    } finally {
      Object.defineProperty(process, 'platform', { value: platform });
    }
    expect(core!.store.sqlite.open).toBe(true);
    app.emit('will-quit');
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(CALL_CHANNEL);
    expect(core!.store.sqlite.open).toBe(false);
  });

  it('reopens a window on macOS activate when none is left', async () => {
    await startMain();
    app.emit('activate');
    expect(FakeWindow.all).toHaveLength(1);
    FakeWindow.all = [];
    app.emit('activate');
    expect(FakeWindow.all).toHaveLength(1);
  });

  it('takes the migrations from the resources of a packaged app', async () => {
    await startMain();
    const { deskCoreLocation } = await import('../../../src/main/index');
    expect(deskCoreLocation({ userData: '/u', isPackaged: true, resourcesPath: '/opt/Guichet/resources' })).toEqual({
      dataDir: join('/u', 'data'),
      migrationsFolder: join('/opt/Guichet/resources', 'drizzle'),
    });
    expect(deskCoreLocation({ userData: '/u', isPackaged: false, resourcesPath: '' }).migrationsFolder).toBeUndefined();
  });

  it('leaves at once when another instance holds the lock', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    const { core } = await startMain();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(core).toBeUndefined();
    expect(FakeWindow.all).toHaveLength(0);
  });

  it('says why and exits when the desk cannot start', async () => {
    const { openDeskCore } = await import('../../../src/main/desk/core');
    vi.mocked(openDeskCore).mockImplementationOnce(() => {
      throw new Error('database is locked');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await startMain();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith('Guichet ne peut pas démarrer', 'database is locked');
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeWindow.all).toHaveLength(0);
    error.mockRestore();
  });
});
