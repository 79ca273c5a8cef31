// The automatic daily backup: started by whoever opens the desk core (the Electron shell, browser mode), never
// by the core itself (tests open many cores). It checks shortly after start and then every hour; when today
// (Europe/Paris) has no backup yet it takes one and applies the rotation. Clock and timers are injectable.
import { instantToParisDate } from '../../../shared/domain/dates';
import type { Result } from '../../../shared/result';
import type { DeskCore } from '../core';
import type { BackupFile, BackupPolicy } from './backupFiles';
import { backupNow, listDeskBackups } from './deskBackups';

export interface BackupSchedulerOptions {
  /** Defaults to the core's clock. */
  clock?: () => Date;
  policy?: BackupPolicy;
  /** Delay of the first check after start (default 1 minute: the desk opens first). */
  firstCheckMs?: number;
  /** Delay between checks (default 1 hour). */
  intervalMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** A failed backup is reported here (and retried at the next check). */
  onResult?: (result: Result<BackupFile>) => void;
}

export interface BackupScheduler {
  /** One check now: takes today's backup if it is missing. Resolves to the backup taken, if any. */
  check(): Promise<Result<BackupFile> | null>;
  /** Stops the timer and waits for a backup in progress. Call before closing the core. */
  stop(): Promise<void>;
}

export function startBackupScheduler(core: DeskCore, options: BackupSchedulerOptions = {}): BackupScheduler {
  const clock = options.clock ?? core.clock;
  // The timer never keeps a process alive on its own (tests, a closing app).
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms).unref());
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  let timer: unknown;
  let stopped = false;
  let inFlight: Promise<Result<BackupFile> | null> | null = null;

  const hasTodaysBackup = () => {
    const today = instantToParisDate(clock().toISOString());
    return listDeskBackups(core).some((f) => f.kind !== 'beforeRestore' && instantToParisDate(f.takenAt) === today);
  };

  async function checkOnce(): Promise<Result<BackupFile> | null> {
    if (stopped || !core.store.sqlite.open || hasTodaysBackup()) return null;
    const result = await backupNow(core, { kind: 'auto', now: clock(), policy: options.policy });
    options.onResult?.(result);
    return result;
  }

  function check(): Promise<Result<BackupFile> | null> {
    if (inFlight) return inFlight;
    const current = checkOnce().finally(() => {
      if (inFlight === current) inFlight = null;
    });
    inFlight = current;
    return current;
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimer(() => {
      void check().finally(() => schedule(options.intervalMs ?? 60 * 60_000));
    }, ms);
  };
  schedule(options.firstCheckMs ?? 60_000);

  return {
    check,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
      await inFlight;
    },
  };
}
