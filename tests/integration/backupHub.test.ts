// The hub's backup: taken while the hub runs (real hub on 127.0.0.1, a desk syncing to it), by the function
// and by `npm run portal -- backup DIR`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBackupIntegrity } from '../../src/main/desk/backup/backupFiles';
import { backupHub } from '../../src/portal/backup';
import { cleanup, connectedDesk, startHub } from '../fixtures/hubHarness';

const dirs: string[] = [];
afterAll(() => cleanup(...dirs));

describe('hub backup', () => {
  it('copies the live hub database, verified, and the CLI does the same', async () => {
    const hub = await startHub();
    dirs.push(hub.dataDir);
    const desk = await connectedDesk(hub, 'Mairie');
    dirs.push(desk.dir);
    await desk.must('household.create', {
      guardians: [{ civility: 'Mme', firstName: 'Anne', lastName: 'Sauvegarde', mobilePhone: '0612345678' }],
    });
    await desk.core.sync!.syncNow();

    const out = mkdtempSync(join(tmpdir(), 'guichet-hub-backups-'));
    dirs.push(out);
    const { file, backup } = await backupHub({
      dataDir: hub.dataDir,
      destinationDir: out,
      now: new Date('2026-03-10T02:00:00Z'),
    });
    expect(backup.name).toBe('hub-2026-03-10T02-00-00-000Z.db');
    expect(checkBackupIntegrity(file)).toBeUndefined();
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare(`SELECT name FROM households`).all()).toEqual([{ name: 'SAUVEGARDE' }]);
    expect((copy.prepare('SELECT count(*) AS n FROM _hub_desks').get() as { n: number }).n).toBe(1);
    copy.close();

    // The hub keeps working after (and while) being backed up.
    await desk.must('household.create', {
      guardians: [{ civility: 'M.', firstName: 'Marc', lastName: 'Après', mobilePhone: '0612345679' }],
    });
    await desk.core.sync!.syncNow();
    expect(desk.core.sync!.status().pending).toBe(0);

    const output = execFileSync('npx', ['tsx', 'src/portal/cli.ts', '--data', hub.dataDir, 'backup', out], {
      encoding: 'utf8',
    });
    expect(output).toContain('Sauvegarde du concentrateur');
    expect(readdirSync(out).filter((n) => /^hub-.*\.db$/.test(n))).toHaveLength(2);

    await desk.core.close();
    await hub.stop();
  });

  it('mirrors the families\' documents next to the database copies, new files only, skipping uploads in progress', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guichet-hub-docs-'));
    const out = mkdtempSync(join(tmpdir(), 'guichet-hub-backups-'));
    dirs.push(dataDir, out);
    const seed = new Database(join(dataDir, 'hub.db'));
    seed.exec('CREATE TABLE t (x INTEGER) STRICT');
    seed.close();
    mkdirSync(join(dataDir, 'documents'));
    writeFileSync(join(dataDir, 'documents', 'a1'), '%PDF-1.4 one');
    writeFileSync(join(dataDir, 'documents', '.tmp-b2'), 'half an upload');

    const first = await backupHub({ dataDir, destinationDir: out, now: new Date('2026-03-10T02:00:00Z') });
    expect(first.documentsCopied).toBe(1);
    expect(readdirSync(join(out, 'documents'))).toEqual(['a1']);

    writeFileSync(join(dataDir, 'documents', 'c3'), '%PDF-1.4 three');
    const second = await backupHub({ dataDir, destinationDir: out, now: new Date('2026-03-11T02:00:00Z') });
    expect(second.documentsCopied).toBe(1);
    expect(readdirSync(join(out, 'documents')).sort()).toEqual(['a1', 'c3']);
    expect(readFileSync(join(out, 'documents', 'c3'), 'utf8')).toBe('%PDF-1.4 three');
  });
});
