// `npm start`'s decision: Electron when its binary is installed, browser mode otherwise; build when out/ is missing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROWSER_MODE_NOTICE, BUILD_OUTPUTS, findElectronBinary, isBuilt, planStart } from '../../../scripts/electronBinary.mjs';

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'guichet-start-'));
  writeFileSync(join(project, 'package.json'), '{"name":"p"}');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** An `electron` package whose index.js behaves like the real one: path.txt names the binary under dist/. */
function installElectron(options: { pathTxt: boolean; binary: boolean }) {
  const dir = join(project, 'node_modules', 'electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","main":"index.js"}');
  writeFileSync(
    join(dir, 'index.js'),
    `const fs = require('fs'); const path = require('path');
     const pathFile = path.join(__dirname, 'path.txt');
     if (!fs.existsSync(pathFile)) throw new Error('Electron failed to install correctly');
     module.exports = path.join(__dirname, 'dist', fs.readFileSync(pathFile, 'utf-8'));`,
  );
  if (options.pathTxt) writeFileSync(join(dir, 'path.txt'), 'electron');
  if (options.binary) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
  }
  return join(dir, 'dist', 'electron');
}

describe('findElectronBinary', () => {
  it('is null without the electron package', () => {
    expect(findElectronBinary(project)).toBeNull();
  });

  it('is null when the binary download never happened (require throws)', () => {
    installElectron({ pathTxt: false, binary: false });
    expect(findElectronBinary(project)).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', () => {
    installElectron({ pathTxt: true, binary: false });
    expect(findElectronBinary(project)).toBeNull();
  });

  it('is the executable when it is installed', () => {
    const binary = installElectron({ pathTxt: true, binary: true });
    expect(findElectronBinary(project)).toBe(binary);
  });
});

describe('isBuilt', () => {
  it('needs the main, preload and renderer bundles', () => {
    expect(isBuilt(project)).toBe(false);
    for (const file of BUILD_OUTPUTS.slice(0, -1)) {
      mkdirSync(join(project, file, '..'), { recursive: true });
      writeFileSync(join(project, file), '');
    }
    expect(isBuilt(project)).toBe(false);
    mkdirSync(join(project, 'out', 'renderer'), { recursive: true });
    writeFileSync(join(project, BUILD_OUTPUTS.at(-1)!), '');
    expect(isBuilt(project)).toBe(true);
  });
});

describe('planStart', () => {
  it('runs Electron on the project when the binary is there, building only if needed', () => {
    expect(planStart({ argv: [], built: true, electronBinary: '/e/electron' })).toEqual({
      build: false,
      mode: 'electron',
      command: '/e/electron',
      args: ['.'],
    });
    expect(planStart({ argv: ['--build'], built: true, electronBinary: '/e/electron' })).toMatchObject({
      build: true,
      mode: 'electron',
      args: ['.'],
    });
    expect(planStart({ argv: [], built: false, electronBinary: '/e/electron' }).build).toBe(true);
  });

  it('falls back to browser mode with one notice, the default data folder, and the arguments passed on', () => {
    const plan = planStart({ argv: ['--port', '4000'], built: false, electronBinary: null });
    expect(plan).toEqual({
      build: true,
      mode: 'browser',
      notice: BROWSER_MODE_NOTICE,
      command: process.execPath,
      args: ['node_modules/tsx/dist/cli.mjs', 'src/main/web.ts', '--data', '.data/desk', '--port', '4000'],
    });
    expect(BROWSER_MODE_NOTICE).not.toContain('\n');
    expect(BROWSER_MODE_NOTICE).toMatch(/Electron n'est pas installé/);
    expect(BROWSER_MODE_NOTICE).toMatch(/binary missing/);
  });

  it('keeps a data folder given on the command line', () => {
    expect(planStart({ argv: ['--data', '/srv/desk'], built: true, electronBinary: null }).args).toEqual([
      'node_modules/tsx/dist/cli.mjs',
      'src/main/web.ts',
      '--data',
      '/srv/desk',
    ]);
    expect(planStart({ argv: ['--data=/srv/desk'], built: true, electronBinary: null }).args).not.toContain('.data/desk');
  });

  it('opens browser mode on request, without the notice, even with Electron installed', () => {
    const plan = planStart({ argv: ['--browser'], built: true, electronBinary: '/e/electron' });
    expect(plan).toMatchObject({ build: false, mode: 'browser', notice: undefined });
    expect(plan.args).not.toContain('--browser');
  });
});
