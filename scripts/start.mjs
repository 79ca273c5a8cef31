// `npm start [-- --build] [-- --browser] [-- args…]`: builds the bundles if out/ is missing, then opens the desk
// in Electron, or in browser mode when this machine has no Electron binary (see electronBinary.mjs). The child's
// output (browser mode prints its URL) and exit code pass through; SIGINT/SIGTERM/SIGHUP are forwarded to it.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, isBuilt, planStart } from './electronBinary.mjs';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit', env });
  const forwarded = new Set();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // Once per signal: a terminal's Ctrl-C already reaches the child (same process group).
      if (forwarded.has(signal) || child.exitCode !== null || child.signalCode !== null) return;
      forwarded.add(signal);
      child.kill(signal);
    });
  }
  return new Promise((resolveExit) => {
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolveExit(1);
    });
    child.on('exit', (code, signal) => resolveExit(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

const plan = planStart({
  argv: process.argv.slice(2),
  built: isBuilt(projectDir),
  electronBinary: findElectronBinary(projectDir),
});

if (plan.build) {
  const code = await run(process.execPath, [
    join(projectDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'build',
  ]);
  if (code !== 0) process.exit(code);
}

if (plan.notice) console.log(plan.notice);
// ELECTRON_RUN_AS_NODE (set by some editors' terminals) would start Electron as a bare Node.js.
const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
process.exit(await run(plan.command, plan.args, env));
