// Desk backups: an online backup taken while commands keep committing restores to a sound database holding
// every row committed before it started; restore needs a confirmation, gives the desk a new sync identity and
// requires a new core; the daily scheduler and the rotation keep the right files (fake clock).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBackupIntegrity } from '../../src/main/desk/backup/backupFiles';
import { backupNow, backupsDir, prepareRestore, restoreBackup } from '../../src/main/desk/backup/deskBackups';
import { startBackupScheduler } from '../../src/main/desk/backup/scheduler';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { replicatedTableNames } from '../../src/shared/db/registry';
import { canonicalHashes, cleanup, connectedDesk, openDesk, startHub } from '../fixtures/hubHarness';

const dirs: string[] = [];
const cores: DeskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) if (core.store.sqlite.open) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir: string, clock: () => Date) {
  const core = openDeskCore({ dataDir: dir, clock, autoSync: false });
  cores.push(core);
  return core;
}
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-backup-'));
  dirs.push(dir);
  return dir;
}

let serial = 0;
function createHousehold(core: DeskCore): string {
  serial++;
  const result = core.runCommand(
    'household.create',
    {
      notes: 'x'.repeat(400), // bigger rows: more pages, more backup steps
      guardians: [{ civility: 'Mme', firstName: `Anne${serial}`, lastName: `Famille${serial}`, mobilePhone: '0612345678' }],
      children: [{ firstName: `Enfant${serial}`, lastName: `Famille${serial}`, birthDate: '2019-05-01', schoolLevel: 'CE1' }],
    },
    defaultStaffActor,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return (result.value as { householdId: string }).householdId;
}

function allRowIds(sqlite: Database.Database): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const table of replicatedTableNames) {
    const rows = sqlite.prepare(`SELECT id FROM "${table}"`).all() as { id: string }[];
    ids.set(table, new Set(rows.map((r) => r.id)));
  }
  return ids;
}

describe('desk backups', () => {
  it('a backup taken while commands commit restores every row committed before it started', async () => {
    const dir = tempDir();
    const clock = () => new Date('2026-03-10T09:00:00Z');
    const core = open(dir, clock);
    for (let i = 0; i < 150; i++) createHousehold(core);
    const before = allRowIds(core.store.sqlite);
    const clientIdBefore = core.store.clientId;

    let steps = 0;
    const duringBackup: string[] = [];
    const backup = await backupNow(core, {
      pagesPerStep: 3,
      // Between two steps of the copy, the desk keeps committing commands on the same connection.
      onProgress: () => {
        steps++;
        duringBackup.push(createHousehold(core));
      },
    });
    expect(backup.ok).toBe(true);
    if (!backup.ok) return;
    expect(steps).toBeGreaterThan(5);
    const file = join(backupsDir(core), backup.value.name);
    expect(checkBackupIntegrity(file)).toBeUndefined();
    expect(backup.value.name).toMatch(/^desk-2026-03-10T09-00-00-000Z-manuel\.db$/);

    // After the backup, more work that the restore will take away.
    const after = createHousehold(core);

    // Restore: refused without a valid confirmation, and the desk keeps running.
    const refused = await restoreBackup(core, { name: backup.value.name, confirmation: 'devine' });
    expect(refused).toMatchObject({ ok: false, code: 'confirmationRequired' });
    expect(core.store.sqlite.open).toBe(true);
    const preview = prepareRestore(core, backup.value.name);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.value.message).toContain('remplacées par la sauvegarde du 10 mars 2026');
    const restored = await restoreBackup(core, { name: backup.value.name, confirmation: preview.value.confirmation });
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: backup.value.name, reopenRequired: true } });
    expect(core.store.sqlite.open).toBe(false); // the caller must reopen
    if (!restored.ok) return;
    expect(existsSync(join(backupsDir(core), restored.value.safetyBackup))).toBe(true);

    const reopened = open(dir, clock);
    expect((reopened.store.sqlite.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    const restoredIds = allRowIds(reopened.store.sqlite);
    for (const [table, ids] of before) {
      const missing = [...ids].filter((id) => !restoredIds.get(table)!.has(id));
      expect(missing, table).toEqual([]);
    }
    expect(restoredIds.get('households')!.has(after)).toBe(false);
    // A restored database is a new sync client; its pending commands are numbered from 1 without gaps.
    expect(reopened.store.clientId).not.toBe(clientIdBefore);
    const outbox = reopened.store.sqlite.prepare('SELECT mutation_id AS id FROM _outbox ORDER BY mutation_id').all() as {
      id: number;
    }[];
    expect(outbox.map((r) => r.id)).toEqual(outbox.map((_, i) => i + 1));
    // The restored desk works: searches and new commands.
    const hits = (await reopened.dispatch('families.search', { q: 'famille1' }, { actor: defaultStaffActor })) as unknown[];
    expect(hits.length).toBeGreaterThan(0);
    const next = reopened.runCommand(
      'household.create',
      { guardians: [{ civility: 'M.', firstName: 'Paul', lastName: 'Nouveau', mobilePhone: '0611111111' }] },
      defaultStaffActor,
    );
    expect(next.ok).toBe(true);
    const last = reopened.store.sqlite.prepare('SELECT max(mutation_id) AS id FROM _outbox').get() as { id: number };
    expect(last.id).toBe(outbox.length + 1);
  });

  it('exposes backup.now, backup.list and the two-step restore in the handler table', async () => {
    const dir = tempDir();
    const core = open(dir, () => new Date('2026-03-10T09:00:00Z'));
    createHousehold(core);
    const call = (name: string, args: unknown) => core.dispatch(name, args, { actor: defaultStaffActor }) as Promise<any>;
    const made = await call('backup.now', {});
    expect(made.ok).toBe(true);
    const list = await call('backup.list', {});
    expect(list).toEqual([
      expect.objectContaining({ name: made.value.name, kind: 'manual', takenAt: '2026-03-10T09:00:00.000Z' }),
    ]);
    expect(await call('backup.prepareRestore', { name: '../desk.db' })).toMatchObject({ ok: false, code: 'notFound' });
    const preview = await call('backup.prepareRestore', { name: made.value.name });
    expect(preview.value.households).toBe(1);
    const restored = await call('backup.restore', { name: made.value.name, confirmation: preview.value.confirmation });
    expect(restored.ok).toBe(true);
    // The token is single use.
    const again = open(dir, () => new Date('2026-03-10T09:05:00Z'));
    expect(
      await again.dispatch(
        'backup.restore',
        { name: made.value.name, confirmation: preview.value.confirmation },
        { actor: defaultStaffActor },
      ),
    ).toMatchObject({ ok: false, code: 'confirmationRequired' });
  });

  it('a connected desk restored from a backup becomes a new sync client and converges with the hub', async () => {
    const hub = await startHub();
    let desk = await connectedDesk(hub, 'Mairie');
    try {
      const anne = { guardians: [{ civility: 'Mme', firstName: 'Anne', lastName: 'Avant', mobilePhone: '0612345678' }] };
      const { householdId: synced } = await desk.must('household.create', anne);
      await desk.core.sync!.syncNow();
      // Pending (not pushed yet) when the backup is taken, pushed after it under the old client id.
      const { householdId: pending } = await desk.must('household.create', {
        guardians: [{ civility: 'M.', firstName: 'Paul', lastName: 'Pendant', mobilePhone: '0612345679' }],
      });
      const backup = await backupNow(desk.core);
      expect(backup.ok).toBe(true);
      if (!backup.ok) return;
      await desk.core.sync!.syncNow();
      const { householdId: after } = await desk.must('household.create', {
        guardians: [{ civility: 'Mme', firstName: 'Zoé', lastName: 'Après', mobilePhone: '0612345670' }],
      });
      await desk.core.sync!.syncNow();
      const oldClient = desk.core.store.clientId;

      const preview = prepareRestore(desk.core, backup.value.name);
      if (!preview.ok) throw new Error(preview.message);
      expect((await restoreBackup(desk.core, { name: backup.value.name, confirmation: preview.value.confirmation })).ok).toBe(
        true,
      );
      desk = openDesk(desk.dir);
      expect(desk.core.store.clientId).not.toBe(oldClient);
      expect(desk.core.sync!.status().pending).toBe(1); // the command pending in the backup, renumbered 1
      await desk.core.sync!.syncNow();
      // The hub had already applied it: refused as a duplicate, never applied twice; nothing is lost.
      const { householdId: next } = await desk.must('household.create', {
        guardians: [{ civility: 'M.', firstName: 'Marc', lastName: 'Ensuite', mobilePhone: '0612345671' }],
      });
      await desk.core.sync!.syncNow();
      expect(desk.core.sync!.status().pending).toBe(0);
      const households = (hub.hub.sqlite.prepare('SELECT id FROM households').all() as { id: string }[]).map((r) => r.id).sort();
      expect(households).toEqual([synced, pending, after, next].sort());
      expect(canonicalHashes(desk.core.store.sqlite)).toEqual(canonicalHashes(hub.hub.sqlite));
    } finally {
      await desk.core.close();
      await hub.stop();
      cleanup(desk.dir, hub.dataDir);
    }
  });

  it('the scheduler takes one backup a day and the rotation keeps 7 daily and 4 weekly (fake clock)', async () => {
    const dir = tempDir();
    let now = new Date('2026-01-31T09:00:00Z');
    const core = open(dir, () => now);
    createHousehold(core);
    const scheduler = startBackupScheduler(core, { setTimer: () => undefined }); // no timer: check() drives it
    for (let day = 0; day < 60; day++) {
      now = new Date(Date.UTC(2026, 0, 31 + day, 9, 0, 0));
      const first = await scheduler.check();
      expect(first?.ok, now.toISOString()).toBe(true);
      now = new Date(now.getTime() + 3 * 3_600_000);
      expect(await scheduler.check()).toBeNull(); // today already has its backup
    }
    await scheduler.stop();
    expect(now.toISOString().slice(0, 10)).toBe('2026-03-31');
    const kept = readdirSync(backupsDir(core))
      .map((n) => n.slice('desk-'.length, 'desk-'.length + 10))
      .sort();
    // Days 25–31 March; then the newest backup of each of the 4 weeks before: 24 March (week of 23),
    // Sunday 22, Sunday 15, Sunday 8.
    expect(kept).toEqual([
      '2026-03-08',
      '2026-03-15',
      '2026-03-22',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
    ]);
  });

  it('the scheduler checks after start and then every hour (injected timers)', async () => {
    const dir = tempDir();
    let now = new Date('2026-03-10T22:30:00Z');
    const core = open(dir, () => now);
    createHousehold(core);
    const timers: { run: () => void; ms: number }[] = [];
    const results: boolean[] = [];
    const scheduler = startBackupScheduler(core, {
      setTimer: (run, ms) => timers.push({ run, ms }),
      clearTimer: () => undefined,
      onResult: (r) => results.push(r.ok),
    });
    // Fires the pending timer; check() then joins the check that the timer started.
    const fire = async () => {
      const timer = timers.shift()!;
      timer.run();
      await scheduler.check();
      await new Promise((r) => setImmediate(r));
      return timer.ms;
    };
    expect(await fire()).toBe(60_000);
    expect(results).toEqual([true]);
    // 23:45 Paris is still 10 March (Paris is UTC+1 in March): no second backup this hour.
    now = new Date('2026-03-10T22:45:00Z');
    expect(await fire()).toBe(3_600_000);
    expect(results).toEqual([true]);
    // Past midnight in Paris: the next hourly check takes the new day's backup.
    now = new Date('2026-03-10T23:30:00Z');
    expect(await fire()).toBe(3_600_000);
    expect(results).toEqual([true, true]);
    expect(timers).toHaveLength(1);
    await scheduler.stop();
    expect(readdirSync(backupsDir(core)).filter((n) => n.endsWith('.db'))).toHaveLength(2);
  });
});
