// The desk window: hardened webPreferences (security.ts), shown once painted, loading the built renderer or,
// in development, the electron-vite dev server. The session and webContents rules are installed app-wide by
// installSecurityHandlers (index.ts) before this window exists, so they apply to it from its first request.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security';

export const WINDOW_SIZE = { width: 1366, height: 800, minWidth: 1024, minHeight: 640 } as const;

/** Where electron-vite puts the other bundles, from the folder of the main bundle (out/main). */
export function bundlePaths(mainDir: string) {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererFile: join(mainDir, '..', 'renderer', 'index.html'),
  };
}

/**
 * The URL the window loads, and the only one the app trusts: the dev server in development (electron-vite sets
 * ELECTRON_RENDERER_URL), otherwise the built index.html. A packaged app ignores the variable.
 */
export function rendererUrl(options: { isPackaged: boolean; devServerUrl?: string; rendererFile: string }): string {
  if (!options.isPackaged && options.devServerUrl) return new URL(options.devServerUrl).href;
  return pathToFileURL(options.rendererFile).href;
}

export function createMainWindow(options: { url: string; preloadPath: string }): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    title: 'Guichet',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  // loadURL with the very URL the sender check trusts (not loadFile): one spelling of the app's address.
  window.loadURL(options.url).catch((error: unknown) => console.error('[window] load failed', error));
  return window;
}
