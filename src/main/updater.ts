// Automatic updates of the desk (electron-updater, generic provider: the hub serves `/updates/`, see
// electron-builder.yml). Checks at start and every 4 hours, downloads in the background, and installs only with
// the user's consent (« Redémarrer et installer » / « Plus tard »: asked again at the next check).
// The logic is written against a small updater interface so that it is tested with a fake (no Electron);
// `startDeskUpdater` wires the real electron-updater and the consent dialog.

export interface UpdateInfoLike {
  version: string;
  releaseDate?: string;
}

/** The part of electron-updater's AppUpdater used here. */
export interface AppUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
}

export interface UpdaterOptions {
  updater: AppUpdaterLike;
  /** Asks the user whether to restart now to install `info.version`; true installs. */
  askConsent: (info: UpdateInfoLike) => Promise<boolean>;
  /** Between two checks (default 4 hours). */
  intervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface DeskUpdater {
  /** One check now (skipped while a check or a download runs). */
  checkNow(): Promise<void>;
  stop(): void;
}

export const updateCheckIntervalMs = 4 * 60 * 60_000;

export function startUpdater(options: UpdaterOptions): DeskUpdater {
  const { updater } = options;
  const log = options.log ?? (() => undefined);
  // Downloads are started by us (in the background); installing is never automatic, always asked.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  let checking = false;
  let downloading = false;
  let asking = false;
  let stopped = false;

  // Emitted by checkForUpdates when the hub publishes a newer version.
  const onAvailable = (info: UpdateInfoLike) => {
    if (stopped || downloading) return;
    log(`update ${info.version} available: downloading`);
    downloading = true;
    updater
      .downloadUpdate()
      .catch((error: unknown) => log('update download failed', error))
      .finally(() => (downloading = false));
  };
  const onDownloaded = (info: UpdateInfoLike) => {
    if (stopped || asking) return;
    asking = true;
    options
      .askConsent(info)
      .then((consent) => {
        if (consent && !stopped) {
          log(`installing update ${info.version}`);
          updater.quitAndInstall(false, true);
        } else log(`update ${info.version} postponed by the user`);
      })
      .catch((error: unknown) => log('update consent failed', error))
      .finally(() => (asking = false));
  };
  const onError = (error: Error) => log('updater error', error);
  updater.on('update-available', onAvailable);
  updater.on('update-downloaded', onDownloaded);
  updater.on('error', onError);

  async function checkNow(): Promise<void> {
    if (stopped || checking || downloading || asking) return;
    checking = true;
    try {
      await updater.checkForUpdates();
    } catch (error) {
      // Offline, hub down, nothing published yet: the next check tries again.
      log('update check failed', error);
    } finally {
      checking = false;
    }
  }

  void checkNow();
  const timer = setInterval(() => void checkNow(), options.intervalMs ?? updateCheckIntervalMs);
  (timer as { unref?: () => void }).unref?.();

  return {
    checkNow,
    stop() {
      stopped = true;
      clearInterval(timer);
      updater.removeListener('update-available', onAvailable);
      updater.removeListener('update-downloaded', onDownloaded);
      updater.removeListener('error', onError);
    },
  };
}

/** The consent dialog, in French; Electron's dialog is passed in by the shell. */
export interface ConsentDialog {
  showMessageBox(options: {
    type: 'info';
    buttons: string[];
    defaultId: number;
    cancelId: number;
    title: string;
    message: string;
    detail: string;
  }): Promise<{ response: number }>;
}

export function consentQuestion(dialog: ConsentDialog) {
  return async (info: UpdateInfoLike): Promise<boolean> => {
    const { response } = await dialog.showMessageBox({
      type: 'info',
      buttons: ['Redémarrer et installer', 'Plus tard'],
      defaultId: 0,
      cancelId: 1,
      title: 'Mise à jour de Guichet',
      message: `La version ${info.version} de Guichet est prête à être installée.`,
      detail:
        'Guichet va se fermer, installer la mise à jour puis redémarrer. Tout ce qui a été saisi est enregistré. ' +
        '« Plus tard » : la question sera reposée dans quelques heures.',
    });
    return response === 0;
  };
}

/**
 * Starts updates in the packaged app (the unpackaged app has no `app-update.yml`): electron-updater is loaded
 * here, lazily, so that nothing of it runs in development or in tests.
 */
export async function startDeskUpdater(deps: {
  isPackaged: boolean;
  dialog: ConsentDialog;
  log?: (message: string, error?: unknown) => void;
}): Promise<DeskUpdater | undefined> {
  if (!deps.isPackaged) return undefined;
  const module = await import('electron-updater');
  const autoUpdater = (module as unknown as { default?: typeof module }).default?.autoUpdater ?? module.autoUpdater;
  return startUpdater({
    updater: autoUpdater as unknown as AppUpdaterLike,
    askConsent: consentQuestion(deps.dialog),
    log: deps.log,
  });
}
