// Desk handlers of the backups (spread into the handler table of api.ts). French labels live in the screens.
import { z } from 'zod';
import type { Caller } from '../api';
import type { DeskCore } from '../core';
import { backupNow, listDeskBackups, prepareRestore, restoreBackup } from './deskBackups';

// `run` is typed from `input` here and takes `any` towards api.ts (which parses the arguments with `input`).
const def = <I extends z.ZodType, R>(
  input: I,
  run: (args: z.output<I>, caller: Caller) => R,
): { input: I; run: (args: any, caller: Caller) => R } => ({ input, run });
const backupName = z.object({ name: z.string().min(1).max(200) });

export function backupHandlers(core: DeskCore) {
  return {
    /** « Sauvegarder maintenant ». */
    'backup.now': def(z.object({}), () => backupNow(core, { kind: 'manual' })),
    /** Newest first: name, instant, kind (auto, manual, beforeRestore), size. */
    'backup.list': def(z.object({}), () => listDeskBackups(core)),
    /** Checks the backup and returns the warning to show with a single-use confirmation token. */
    'backup.prepareRestore': def(backupName, (a) => prepareRestore(core, a.name)),
    /**
     * Replaces the database with the backup. On success the core is closed: the shell must reopen it
     * (Electron relaunches the app). See deskBackups.ts.
     */
    'backup.restore': def(backupName.extend({ confirmation: z.string().min(1).max(100) }), (a) => restoreBackup(core, a)),
  };
}

/**
 * Wraps a dispatch for a shell: after a successful `backup.restore` the core is closed, and `onRestored` must
 * open a new one (the Electron shell relaunches the app). The restore's result is returned first.
 */
export function reopenAfterRestore(
  dispatch: (name: string, args: unknown, caller: Caller) => Promise<unknown>,
  onRestored: () => void,
): (name: string, args: unknown, caller: Caller) => Promise<unknown> {
  return async (name, args, caller) => {
    const result = await dispatch(name, args, caller);
    if (name === 'backup.restore' && (result as { ok?: boolean } | undefined)?.ok) setTimeout(onRestored, 300);
    return result;
  };
}
