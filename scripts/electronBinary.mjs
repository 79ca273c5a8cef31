// What `npm start` runs: the Electron desk when the Electron binary is on this machine, browser mode otherwise.
// The npm package `electron` downloads its binary in a postinstall step; when that step could not run (offline,
// blocked download), `require('electron')` throws (no path.txt) or names a file that does not exist (no dist/).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The Electron executable as installed under `projectDir`, or null when only the npm package is there. */
export function findElectronBinary(projectDir, exists = existsSync) {
  const require = createRequire(join(projectDir, 'package.json'));
  let binary;
  try {
    binary = require('electron');
  } catch {
    return null;
  }
  return typeof binary === 'string' && binary !== '' && exists(binary) ? binary : null;
}

/** The bundles `electron .` and browser mode load. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

export function isBuilt(projectDir, exists = existsSync) {
  return BUILD_OUTPUTS.every((file) => exists(join(projectDir, file)));
}

export const BROWSER_MODE_NOTICE =
  "Electron n'est pas installé sur cette machine (Electron binary missing): ouverture du mode navigateur / opening browser mode.";

/**
 * The start plan. `--build` rebuilds even when out/ exists; `--browser` picks browser mode even when Electron is
 * installed; every other argument goes to the program started (e.g. `--port 4000` in browser mode).
 */
export function planStart({ argv, built, electronBinary }) {
  const forceBuild = argv.includes('--build');
  const forceBrowser = argv.includes('--browser');
  const rest = argv.filter((arg) => arg !== '--build' && arg !== '--browser');
  const build = forceBuild || !built;
  if (electronBinary && !forceBrowser) return { build, mode: 'electron', command: electronBinary, args: ['.', ...rest] };
  // Browser mode keeps its data where `npm run desk:web` keeps it, unless told otherwise.
  const data = rest.some((arg) => arg === '--data' || arg.startsWith('--data=')) ? [] : ['--data', '.data/desk'];
  return {
    build,
    mode: 'browser',
    notice: electronBinary ? undefined : BROWSER_MODE_NOTICE,
    command: process.execPath,
    args: ['node_modules/tsx/dist/cli.mjs', 'src/main/web.ts', ...data, ...rest],
  };
}
