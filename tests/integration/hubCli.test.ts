// The hub as an operator runs it: `npm run portal` starts it (URL printed, migrations applied), enroll-desk
// prints a one-time code, and SIGTERM stops it cleanly after in-flight requests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'guichet-hubcli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('portal command line', () => {
  it('enroll-desk prints a one-time code', () => {
    const out = spawnSync(tsx, ['src/portal/cli.ts', '--data', dataDir, 'enroll-desk', 'Mairie'], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Code d'enrôlement du poste « Mairie » .* : [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
  });

  it('starts, answers /health, and stops cleanly on SIGTERM', async () => {
    const child = spawn(tsx, ['src/portal/cli.ts', '--data', dataDir, '--port', '0', '--commune', 'Aiffres'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /concentrateur : (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', version: '0.1.0' });
    // Logs are structured JSON and never carry the Authorization header.
    await fetch(`${url}/api/sync/pull`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token-value', 'content-type': 'application/json' },
      body: '{}',
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).not.toContain('secret-token-value');
    expect(output).toMatch(/"msg":"stopping"/);
  }, 30_000);
});
