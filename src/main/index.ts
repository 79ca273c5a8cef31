// Electron main process, lifecycle only: one instance, then on ready: security rules -> desk core (database,
// migrations) -> demo data on an empty database -> the IPC channel -> the window. The desk logic lives in
// ./desk (no Electron there), the rules in security.ts, the channel in ipc.ts, the window in window.ts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { defaultStaffActor, openDeskCore, type DeskCore, type DeskCoreOptions } from './desk/core';
import { seedDemoCommune } from './desk/demo/demoCommune';
import { reopenAfterRestore } from './desk/backup/handlers';
import { startBackupScheduler, type BackupScheduler } from './desk/backup/scheduler';
import { CALL_CHANNEL, createIpcHandler } from './ipc';
import { safeStorageSecretStore } from './secretStore';
import { appUrlMatcher, installSecurityHandlers } from './security';
import { startDeskUpdater, type DeskUpdater } from './updater';
import { bundlePaths, createMainWindow, rendererUrl } from './window';

/** The desk database lives in the user's profile; a packaged app ships its migrations as a resource. */
export function deskCoreLocation(options: { userData: string; isPackaged: boolean; resourcesPath: string }): DeskCoreOptions {
  return {
    dataDir: join(options.userData, 'data'),
    // Unpackaged (dev, `electron .`), the default search finds drizzle/ above the bundle.
    migrationsFolder: options.isPackaged ? join(options.resourcesPath, 'drizzle') : undefined,
  };
}

function seedIfEmpty(core: DeskCore): void {
  // Until commune setup exists, an empty desk starts with the demo commune (as browser mode does).
  const { n } = core.store.sqlite.prepare('SELECT count(*) AS n FROM households').get() as { n: number };
  if (n === 0) seedDemoCommune(core, {});
}

// Every renderer sandboxed, whatever a window asks for.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two processes on one database would fight over the single writer connection: the second one leaves.
  app.quit();
} else {
  const mainDir = dirname(fileURLToPath(import.meta.url));
  let core: DeskCore | undefined;
  let mainWindow: BrowserWindow | undefined;
  let backups: BackupScheduler | undefined;
  let updater: DeskUpdater | undefined;

  const openWindow = (url: string, preloadPath: string) => {
    mainWindow = createMainWindow({ url, preloadPath });
    mainWindow.on('closed', () => (mainWindow = undefined));
  };

  const start = () => {
    const paths = bundlePaths(mainDir);
    const url = rendererUrl({
      isPackaged: app.isPackaged,
      devServerUrl: process.env.ELECTRON_RENDERER_URL,
      rendererFile: paths.rendererFile,
    });
    const isAppUrl = appUrlMatcher(url);
    installSecurityHandlers(
      { app, session: session.defaultSession },
      { isAppUrl, openExternal: (target) => shell.openExternal(target), log: (message) => console.warn(`[security] ${message}`) },
    );

    const location = deskCoreLocation({ userData: app.getPath('userData'), isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
    // The sync loop starts with the core when the desk is connected to a hub (token kept with safeStorage).
    core = openDeskCore({ ...location, secrets: safeStorageSecretStore(location.dataDir, safeStorage) });
    seedIfEmpty(core);
    ipcMain.handle(
      CALL_CHANNEL,
      createIpcHandler({
        // A restored backup replaces the database: the app starts again on it.
        dispatch: reopenAfterRestore(core.dispatch, () => {
          app.relaunch();
          app.exit(0);
        }),
        isTrustedSender: isAppUrl,
        actor: defaultStaffActor,
      }),
    );

    openWindow(url, paths.preload);

    // After the first window, so that neither a backup nor a slow update check delays the desk.
    backups = startBackupScheduler(core, {
      onResult: (result) => {
        if (!result.ok) console.error(`[backup] ${result.message}`);
      },
    });
    void startDeskUpdater({ isPackaged: app.isPackaged, dialog, log: (m, e) => console.info(`[updater] ${m}`, e ?? '') })
      .then((started) => (updater = started))
      .catch((error: unknown) => console.error('[updater] not started', error));

    app.on('activate', () => {
      // macOS: the app stays alive with no window; clicking the dock icon opens one again.
      if (BrowserWindow.getAllWindows().length === 0) openWindow(url, paths.preload);
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    updater?.stop();
    void backups?.stop();
    core?.close();
    core = undefined;
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // E.g. the database cannot be opened or migrated: say so, and do not run half-started.
      console.error('[main] start-up failed', error);
      dialog.showErrorBox('Guichet ne peut pas démarrer', error instanceof Error ? error.message : String(error));
      core?.close(); // app.exit skips will-quit
      app.exit(1);
    });
}
