// The hub's backup: `npm run portal -- backup DIR` copies `<data>/hub.db` into DIR with SQLite's online
// backup API (the hub keeps running and writing in its own process), verifies the copy, then rotates DIR's
// hub backups (7 daily, 4 weekly by default; only files named `hub-<instant>.db` are ever deleted).
// The families' documents (`<data>/documents/`, write-once files with generated names) are mirrored into
// `DIR/documents/` after the database copy, so every document the copy references is in the mirror.
// Run it from cron or a systemd timer; restoring is manual (see README, "Backups").
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  backupDatabase,
  defaultBackupPolicy,
  rotateBackupFiles,
  type BackupFile,
  type BackupPolicy,
} from '../main/desk/backup/backupFiles';

export const hubBackupPrefix = 'hub';

export interface HubBackupOptions {
  dataDir: string;
  destinationDir: string;
  now?: Date;
  policy?: BackupPolicy;
}

/**
 * Copies the documents not yet in the mirror (names are never reused: a file is never rewritten). Temporary
 * files of uploads in progress are skipped. Returns how many files were copied.
 */
export function mirrorDocuments(dataDir: string, destinationDir: string): number {
  const source = join(dataDir, 'documents');
  if (!existsSync(source)) return 0;
  const target = join(destinationDir, 'documents');
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const present = new Set(readdirSync(target));
  let copied = 0;
  for (const name of readdirSync(source)) {
    if (name.startsWith('.') || present.has(name)) continue;
    copyFileSync(join(source, name), join(target, name));
    copied++;
  }
  return copied;
}

export async function backupHub(
  options: HubBackupOptions,
): Promise<{ backup: BackupFile; deleted: string[]; file: string; documentsCopied: number }> {
  const source = join(options.dataDir, 'hub.db');
  if (!existsSync(source)) throw new Error(`Base du concentrateur introuvable : ${source}`);
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const destinationDir = resolve(options.destinationDir);
    // Another process writes: copy everything in one step (a read snapshot, which WAL lets writers live with)
    // rather than in small steps that a write from the hub would restart.
    const backup = await backupDatabase(sqlite, destinationDir, hubBackupPrefix, {
      now: options.now ?? new Date(),
      kind: 'auto',
      pagesPerStep: 0x7fffffff,
    });
    // After the copy: every document the copied database references was stored before its row was written.
    const documentsCopied = mirrorDocuments(options.dataDir, destinationDir);
    const deleted = rotateBackupFiles(destinationDir, hubBackupPrefix, options.policy ?? defaultBackupPolicy);
    return { backup, deleted, file: join(destinationDir, backup.name), documentsCopied };
  } finally {
    sqlite.close();
  }
}
