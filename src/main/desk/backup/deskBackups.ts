// The desk's backups: « Sauvegarder maintenant », the list, and restoring one (with a confirmation token).
// Backups live in `<dataDir>/backups/` next to `desk.db`. One backup at a time per desk.
//
// Restore replaces the database file, so it ends the core: it stops sync, takes a safety backup of the
// current database, prepares the restored copy beside `desk.db` (integrity checked, new sync identity), closes
// the core's writer connection and renames the copy over `desk.db`. The caller MUST then open a new core on
// the same folder (Electron: relaunch the app; tests: `openDeskCore` again); the old core is closed.
//
// Why a new sync identity: the restored file holds an older outbox. Reusing its client id would let the
// next commands reuse mutation ids the hub has already seen, and the hub would skip them as duplicates (a
// lost command). A new client id, with the pending commands renumbered from 1, is a new client for the hub;
// commands it had already applied come back from it as refused duplicates, never applied twice.
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '../../../shared/result';
import type { DeskCore } from '../core';
import { getHubConnection } from '../sync/state';
import {
  backupDatabase,
  checkBackupIntegrity,
  defaultBackupPolicy,
  listBackupFiles,
  parseBackupFileName,
  rotateBackupFiles,
  type BackupFile,
  type BackupKind,
  type BackupPolicy,
} from './backupFiles';

export const deskBackupPrefix = 'desk';
const confirmationLifetimeMs = 10 * 60_000;

export function deskDatabaseFile(core: DeskCore): string {
  return core.store.sqlite.name;
}

export function backupsDir(core: DeskCore): string {
  return join(dirname(deskDatabaseFile(core)), 'backups');
}

// One backup (or restore) at a time per database file.
const running = new Map<string, Promise<unknown>>();
function exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = running.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  running.set(key, next);
  void next
    .finally(() => {
      if (running.get(key) === next) running.delete(key);
    })
    .catch(() => undefined);
  return next;
}

export interface BackupNowOptions {
  kind?: BackupKind;
  /** The instant the backup is named after (default: the core's clock). */
  now?: Date;
  policy?: BackupPolicy;
  pagesPerStep?: number;
  onProgress?: (progress: { totalPages: number; remainingPages: number }) => void;
}

/** Takes a backup now (the desk keeps working meanwhile), then applies the rotation. */
export function backupNow(core: DeskCore, options: BackupNowOptions = {}): Promise<Result<BackupFile>> {
  return exclusive(deskDatabaseFile(core), async () => {
    if (!core.store.sqlite.open) return fail('closed', 'La base du poste est fermée.');
    const dir = backupsDir(core);
    try {
      const file = await backupDatabase(core.store.sqlite, dir, deskBackupPrefix, {
        now: options.now ?? core.clock(),
        kind: options.kind ?? 'manual',
        pagesPerStep: options.pagesPerStep,
        onProgress: options.onProgress,
      });
      rotateBackupFiles(dir, deskBackupPrefix, options.policy ?? defaultBackupPolicy);
      return ok(file);
    } catch (error) {
      return fail(
        'backupFailed',
        `La sauvegarde a échoué : ${error instanceof Error ? error.message : String(error)}. Vérifiez l'espace disque.`,
      );
    }
  });
}

export function listDeskBackups(core: DeskCore): BackupFile[] {
  return listBackupFiles(backupsDir(core), deskBackupPrefix);
}

interface PendingConfirmation {
  name: string;
  expiresAt: number;
}
const confirmations = new WeakMap<DeskCore, Map<string, PendingConfirmation>>();

function findBackup(core: DeskCore, name: string): BackupFile | undefined {
  // Only a name the listing produced: no path, no other folder.
  if (basename(name) !== name || !parseBackupFileName(deskBackupPrefix, name)) return undefined;
  return listDeskBackups(core).find((f) => f.name === name);
}

export interface RestorePreview {
  backup: BackupFile;
  /** To pass to `backup.restore` within 10 minutes: proof that the user saw this warning. */
  confirmation: string;
  households: number;
  message: string;
}

/** First step of a restore: checks the backup and hands out a single-use confirmation token. */
export function prepareRestore(core: DeskCore, name: string): Result<RestorePreview> {
  const backup = findBackup(core, name);
  if (!backup) return fail('notFound', 'Sauvegarde introuvable.');
  const file = join(backupsDir(core), name);
  const problem = checkBackupIntegrity(file);
  if (problem) return fail('corrupt', 'Cette sauvegarde est endommagée : elle ne peut pas être restaurée.');
  const households = countHouseholds(file);
  const confirmation = randomBytes(12).toString('base64url');
  const pending = confirmations.get(core) ?? new Map<string, PendingConfirmation>();
  confirmations.set(core, pending);
  pending.set(confirmation, { name, expiresAt: core.clock().getTime() + confirmationLifetimeMs });
  const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
    new Date(backup.takenAt),
  );
  return ok({
    backup,
    confirmation,
    households,
    message:
      `Toutes les données du poste vont être remplacées par la sauvegarde du ${when} (${households} foyers). ` +
      'Ce qui a été saisi depuis sera perdu sur ce poste (une sauvegarde de l’état actuel est faite avant). ' +
      'Guichet redémarrera ensuite.',
  });
}

function countHouseholds(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** The backup of the database as it was just before the restore. */
  safetyBackup: string;
  /** Always true: the core is closed; open a new one on the same folder. */
  reopenRequired: true;
}

/**
 * Replaces the desk database with a backup. On success the core is CLOSED and the caller must open a new
 * core on the same data folder. On failure the core keeps running unchanged (nothing is replaced).
 */
export async function restoreBackup(
  core: DeskCore,
  input: { name: string; confirmation: string },
): Promise<Result<RestoreOutcome>> {
  const pending = confirmations.get(core)?.get(input.confirmation);
  if (!pending || pending.name !== input.name || pending.expiresAt < core.clock().getTime()) {
    return fail('confirmationRequired', 'Confirmation manquante ou expirée : relancez la restauration.');
  }
  confirmations.get(core)!.delete(input.confirmation);
  const backup = findBackup(core, input.name);
  if (!backup) return fail('notFound', 'Sauvegarde introuvable.');
  const dbFile = deskDatabaseFile(core);
  const source = join(backupsDir(core), backup.name);
  const staged = `${dbFile}.restoring`;

  // Prepared before anything is stopped: a bad backup leaves the desk running as it was.
  rmSync(staged, { force: true });
  copyFileSync(source, staged);
  const prepared = prepareStagedCopy(staged, getHubConnection(core.store.sqlite));
  if (!prepared.ok) {
    rmSync(staged, { force: true });
    return prepared;
  }

  const safety = await backupNow(core, { kind: 'beforeRestore' });
  if (!safety.ok) {
    rmSync(staged, { force: true });
    return fail('backupFailed', `Restauration annulée : la sauvegarde de l'état actuel a échoué. ${safety.message}`);
  }

  return exclusive(dbFile, async () => {
    await core.close(); // stops sync, closes the writer connection (the WAL is checkpointed and removed)
    for (const extra of [`${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) rmSync(extra, { force: true });
    renameSync(staged, dbFile);
    return ok({ restoredFrom: backup.name, safetyBackup: safety.value.name, reopenRequired: true as const });
  });
}

/** Checks the staged copy and gives it a new sync identity (see the header). */
function prepareStagedCopy(file: string, currentHub: ReturnType<typeof getHubConnection>): Result<null> {
  const problem = checkBackupIntegrity(file);
  if (problem) return fail('corrupt', 'Cette sauvegarde est endommagée : elle ne peut pas être restaurée.');
  const db = new Database(file, { fileMustExist: true });
  try {
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    if (!tables.has('households') || !tables.has('_meta') || !tables.has('_outbox')) {
      return fail('invalid', "Ce fichier n'est pas une sauvegarde d'un poste Guichet.");
    }
    const backupHub = getHubConnection(db);
    if (currentHub && (!backupHub || backupHub.url !== currentHub.url || backupHub.deskId !== currentHub.deskId)) {
      return fail(
        'conflict',
        'Cette sauvegarde date d’avant le raccordement de ce poste au concentrateur : elle ne peut pas être restaurée ici.',
      );
    }
    db.transaction(() => {
      db.prepare(`UPDATE _meta SET value = ? WHERE key = 'clientId'`).run(randomUUID());
      const ids = (db.prepare('SELECT mutation_id AS id FROM _outbox ORDER BY mutation_id').all() as { id: number }[]).map(
        (r) => r.id,
      );
      // Two passes (negative, then 1..n) so that no renumbered id collides with one not yet renumbered.
      db.prepare('UPDATE _outbox SET mutation_id = -mutation_id').run();
      const renumber = db.prepare('UPDATE _outbox SET mutation_id = ? WHERE mutation_id = ?');
      ids.forEach((id, i) => renumber.run(i + 1, -id));
      db.prepare(`DELETE FROM sqlite_sequence WHERE name = '_outbox'`).run();
      if (ids.length > 0) db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('_outbox', ?)`).run(ids.length);
    })();
    return ok(null);
  } finally {
    db.close();
  }
}

/** True while a restore left a staged copy behind (a crash between copy and rename): safe to delete. */
export function leftoverRestoreCopy(dataDir: string): string | undefined {
  const file = join(dataDir, 'desk.db.restoring');
  return existsSync(file) ? file : undefined;
}
