import { describe, expect, it } from 'vitest';
import { backupFileName, parseBackupFileName, selectBackupsToKeep } from '../../../src/main/desk/backup/backupFiles';

describe('backup file names', () => {
  it('carry the instant and the kind, and parse back', () => {
    const at = new Date('2026-03-10T02:00:05.123Z');
    expect(backupFileName('desk', at, 'auto')).toBe('desk-2026-03-10T02-00-05-123Z.db');
    expect(backupFileName('desk', at, 'manual')).toBe('desk-2026-03-10T02-00-05-123Z-manuel.db');
    expect(parseBackupFileName('desk', 'desk-2026-03-10T02-00-05-123Z-avant-restauration.db')).toEqual({
      name: 'desk-2026-03-10T02-00-05-123Z-avant-restauration.db',
      takenAt: '2026-03-10T02:00:05.123Z',
      kind: 'beforeRestore',
    });
    for (const other of [
      'hub-2026-03-10T02-00-05-123Z.db',
      'desk-2026-03-10.db',
      'desk-2026-03-10T02-00-05-123Z.db.partial',
      '../desk.db',
    ])
      expect(parseBackupFileName('desk', other), other).toBeUndefined();
  });
});

describe('rotation', () => {
  const file = (takenAt: string) => ({ name: takenAt, takenAt });

  it('keeps the newest backup of each recent day, then of each older week (Paris days)', () => {
    const files = [
      file('2026-03-10T22:30:00.000Z'), // 10 March 23:30 in Paris
      file('2026-03-10T23:30:00.000Z'), // 11 March 00:30 in Paris
      file('2026-03-10T08:00:00.000Z'),
      file('2026-03-09T08:00:00.000Z'),
      file('2026-03-08T08:00:00.000Z'), // Sunday
      file('2026-03-07T08:00:00.000Z'),
      file('2026-03-01T08:00:00.000Z'), // Sunday
      file('2026-02-20T08:00:00.000Z'),
    ];
    expect([...selectBackupsToKeep(files, { daily: 2, weekly: 2 })].sort()).toEqual([
      '2026-03-08T08:00:00.000Z',
      '2026-03-09T08:00:00.000Z', // week of 9 March, older than the daily ones
      '2026-03-10T22:30:00.000Z',
      '2026-03-10T23:30:00.000Z',
    ]);
    expect(selectBackupsToKeep(files, { daily: 0, weekly: 0 }).size).toBe(0);
    expect(selectBackupsToKeep(files, { daily: 30, weekly: 0 }).size).toBe(7);
  });
});
