// The preload with a fake `electron`: it exposes one function on one channel, nothing else.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL } from '../../../src/main/ipc';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn() },
}));
vi.mock('electron', () => electron);

type Bridge = { call(name: string, args: unknown): Promise<unknown> };
let bridge: Bridge;

beforeAll(async () => {
  await import('../../../src/preload/index');
  bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as Bridge;
});
beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
});

describe('preload', () => {
  it('exposes only `guichet.call`, never ipcRenderer', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('guichet');
    expect(Object.keys(api)).toEqual(['call']);
    expect(Object.values(api).every((value) => value !== electron.ipcRenderer && value !== electron.ipcRenderer.invoke)).toBe(
      true,
    );
  });

  it('invokes the one channel the main process handles, with the name and arguments as given', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue([{ householdId: 'h1' }]);
    await expect(bridge.call('families.search', { q: 'lea' })).resolves.toEqual([{ householdId: 'h1' }]);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(CALL_CHANNEL, 'families.search', { q: 'lea' });
  });

  it("rejects with the main process's message alone", async () => {
    electron.ipcRenderer.invoke.mockRejectedValue(
      new Error("Error invoking remote method 'guichet:call': Error: Unknown handler: nope"),
    );
    await expect(bridge.call('nope', {})).rejects.toThrow(/^Unknown handler: nope$/);
  });
});
