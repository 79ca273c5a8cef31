// Backup files of a SQLite database (desk or hub): names that carry the instant, listing, the online copy
// itself (SQLite's backup API: consistent while the application keeps running and writing) and rotation.
// Invariant: a file named `<prefix>-<instant>[-kind].db` in a backup folder is always a complete, verified
// copy — the copy is written to `.partial`, checked with `PRAGMA integrity_check`, then renamed.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { instantToParisDate, startOfIsoWeek } from '../../../shared/domain/dates';

/** How many backups rotation keeps: the newest of each of the last `daily` days, then of `weekly` weeks. */
export interface BackupPolicy {
  daily: number;
  weekly: number;
}
export const defaultBackupPolicy: BackupPolicy = { daily: 7, weekly: 4 };

/** `auto`: the daily backup; `manual`: « Sauvegarder maintenant »; `beforeRestore`: taken just before a restore. */
export type BackupKind = 'auto' | 'manual' | 'beforeRestore';
const suffixOf: Record<BackupKind, string> = { auto: '', manual: '-manuel', beforeRestore: '-avant-restauration' };

export interface BackupFile {
  name: string;
  /** UTC ISO instant the backup was started. */
  takenAt: string;
  kind: BackupKind;
  sizeBytes: number;
}

/** `desk-2026-03-31T09-00-00-000Z-manuel.db`: sortable, no colon (Windows), the kind readable by staff. */
export function backupFileName(prefix: string, at: Date, kind: BackupKind): string {
  const stamp = at.toISOString().replace(/:/g, '-').replace('.', '-');
  return `${prefix}-${stamp}${suffixOf[kind]}.db`;
}

export function parseBackupFileName(prefix: string, name: string): Omit<BackupFile, 'sizeBytes'> | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(-manuel|-avant-restauration)?\.db$/.exec(
    name.startsWith(`${prefix}-`) ? name.slice(prefix.length + 1) : '',
  );
  if (!match) return undefined;
  const [, date, h, m, s, ms, suffix] = match;
  const takenAt = `${date}T${h}:${m}:${s}.${ms}Z`;
  if (Number.isNaN(Date.parse(takenAt))) return undefined;
  const kind: BackupKind = suffix === '-manuel' ? 'manual' : suffix === '-avant-restauration' ? 'beforeRestore' : 'auto';
  return { name, takenAt, kind };
}

/** The backups of a folder, newest first. Other files (a user's own, `.partial` copies) are ignored. */
export function listBackupFiles(dir: string, prefix: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(prefix, name);
    if (parsed) files.push({ ...parsed, sizeBytes: statSync(join(dir, name)).size });
  }
  return files.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

/**
 * Grandfather-father-son rotation, days and weeks in Europe/Paris:
 * - daily: the newest backup of each of the `daily` most recent days that have a backup;
 * - weekly: among the older backups, the newest of each of the `weekly` most recent ISO weeks that have one.
 * With one backup a day that keeps the last 7 days plus one per week for the 4 weeks before them.
 */
export function selectBackupsToKeep(files: readonly Pick<BackupFile, 'name' | 'takenAt'>[], policy: BackupPolicy): Set<string> {
  const newestFirst = [...files].sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
  const keep = new Set<string>();
  const days = new Set<string>();
  let oldestDailyDay: string | undefined;
  for (const file of newestFirst) {
    const day = instantToParisDate(file.takenAt);
    if (days.has(day)) continue;
    if (days.size >= policy.daily) break;
    days.add(day);
    keep.add(file.name);
    oldestDailyDay = day;
  }
  const weeks = new Set<string>();
  for (const file of newestFirst) {
    const day = instantToParisDate(file.takenAt);
    if (oldestDailyDay !== undefined && day >= oldestDailyDay) continue;
    const week = startOfIsoWeek(day);
    if (weeks.has(week)) continue;
    if (weeks.size >= policy.weekly) break;
    weeks.add(week);
    keep.add(file.name);
  }
  return keep;
}

/** Deletes the backups the policy does not keep; returns their names. */
export function rotateBackupFiles(dir: string, prefix: string, policy: BackupPolicy = defaultBackupPolicy): string[] {
  const files = listBackupFiles(dir, prefix);
  const keep = selectBackupsToKeep(files, policy);
  const deleted: string[] = [];
  for (const file of files) {
    if (keep.has(file.name)) continue;
    rmSync(join(dir, file.name), { force: true });
    deleted.push(file.name);
  }
  return deleted;
}

export interface OnlineBackupOptions {
  now: Date;
  kind: BackupKind;
  /**
   * Pages copied per step; between steps the event loop runs, so the application keeps answering (and
   * writing: writes made through the same connection are copied into the backup as they happen).
   */
  pagesPerStep?: number;
  onProgress?: (progress: { totalPages: number; remainingPages: number }) => void;
}

/** Opens a backup file read-only and runs the full integrity check; undefined when it is sound. */
export function checkBackupIntegrity(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return messages.length === 1 && messages[0] === 'ok' ? undefined : messages.slice(0, 5).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

/**
 * Copies a live database into `dir` with SQLite's online backup API, verifies the copy and gives it its final
 * name. Throws when the copy fails or is not sound (nothing then appears in the folder).
 */
export async function backupDatabase(
  sqlite: Database.Database,
  dir: string,
  prefix: string,
  options: OnlineBackupOptions,
): Promise<BackupFile> {
  mkdirSync(dir, { recursive: true });
  const name = backupFileName(prefix, options.now, options.kind);
  const partial = join(dir, `${name}.partial`);
  rmSync(partial, { force: true });
  const pagesPerStep = options.pagesPerStep ?? 256;
  try {
    await sqlite.backup(partial, {
      progress: (info) => {
        options.onProgress?.(info);
        return pagesPerStep;
      },
    });
    // The copy keeps the source's WAL flag; a backup is a single self-contained file: rollback journal mode.
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const problem = checkBackupIntegrity(partial);
    if (problem) throw new Error(`Backup copy failed its integrity check: ${problem}`);
    renameSync(partial, join(dir, name));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { name, takenAt: options.now.toISOString(), kind: options.kind, sizeBytes: statSync(join(dir, name)).size };
}
