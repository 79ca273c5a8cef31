// The window module with a fake BrowserWindow: hardened preferences, shown when painted, the trusted URL loaded.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { secureWebPreferences } from '../../../src/main/security';

const fake = vi.hoisted(() => {
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly once = vi.fn((event: string, listener: () => void) => this.listeners.set(event, listener));
    readonly listeners = new Map<string, () => void>();
    readonly show = vi.fn();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    constructor(readonly options: Record<string, any>) {
      FakeBrowserWindow.created.push(this);
    }
  }
  return { FakeBrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

const { bundlePaths, createMainWindow, rendererUrl } = await import('../../../src/main/window');

describe('bundle paths and renderer URL', () => {
  it('finds the preload and the renderer next to the main bundle', () => {
    expect(bundlePaths(join('/app', 'out', 'main'))).toEqual({
      preload: join('/app', 'out', 'preload', 'index.cjs'),
      rendererFile: join('/app', 'out', 'renderer', 'index.html'),
    });
  });

  it('loads the built file, or the dev server only when not packaged', () => {
    const rendererFile = join('/app', 'out', 'renderer', 'index.html');
    const file = pathToFileURL(rendererFile).href;
    expect(rendererUrl({ isPackaged: true, rendererFile })).toBe(file);
    expect(rendererUrl({ isPackaged: true, devServerUrl: 'http://localhost:5173', rendererFile })).toBe(file);
    expect(rendererUrl({ isPackaged: false, rendererFile })).toBe(file);
    expect(rendererUrl({ isPackaged: false, devServerUrl: 'http://localhost:5173', rendererFile })).toBe(
      'http://localhost:5173/',
    );
  });
});

describe('createMainWindow', () => {
  it('creates the hardened window, hidden until ready-to-show, and loads the given URL', () => {
    const url = pathToFileURL('/app/out/renderer/index.html').href;
    createMainWindow({ url, preloadPath: '/app/out/preload/index.cjs' });
    const window = fake.FakeBrowserWindow.created.at(-1)!;
    expect(window.options).toMatchObject({ width: 1366, height: 800, title: 'Guichet', show: false });
    expect(window.options.minWidth).toBeGreaterThan(0);
    expect(window.options.minHeight).toBeGreaterThan(0);
    expect(window.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(url);
    expect(window.show).not.toHaveBeenCalled();
    window.listeners.get('ready-to-show')!();
    expect(window.show).toHaveBeenCalledTimes(1);
  });
});
