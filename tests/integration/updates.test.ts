// The hub serves the desk's updates from <hub data dir>/updates/ (real hub on 127.0.0.1), and nothing else:
// every path traversal attempt, encoded or not, is a 404.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, startHub, type TestHub } from '../fixtures/hubHarness';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.stop();
  cleanup(hub.dataDir);
});

/** A raw HTTP GET: the path is sent exactly as written (fetch would normalise `..` away). */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(hub.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const latestYml = `version: 0.2.0
files:
  - url: Guichet-Setup-0.2.0.exe
    sha512: abc
    size: 10
path: Guichet-Setup-0.2.0.exe
sha512: abc
releaseDate: '2026-03-10T09:00:00.000Z'
`;

describe('/updates/', () => {
  it('serves latest.yml and the installers placed in <data>/updates/', async () => {
    writeFileSync(join(hub.dataDir, 'updates', 'latest.yml'), latestYml);
    writeFileSync(join(hub.dataDir, 'updates', 'Guichet-Setup-0.2.0.exe'), '0123456789');
    const manifest = await get('/updates/latest.yml');
    expect(manifest.status).toBe(200);
    expect(manifest.body).toBe(latestYml);
    expect(manifest.headers['content-type']).toContain('yaml');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    // electron-updater's fetch (via fetch here: the URL is plain) and a ranged download.
    expect(await (await fetch(`${hub.url}/updates/latest.yml`)).text()).toBe(latestYml);
    const part = await get('/updates/Guichet-Setup-0.2.0.exe', { range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.body).toBe('2345');
    expect((await get('/updates/latest-linux.yml')).status).toBe(404);
  });

  it('404s path traversal and anything that is not a plain file of the folder', async () => {
    for (const path of [
      '/updates/../hub.db',
      '/updates/..%2fhub.db',
      '/updates/%2e%2e/hub.db',
      '/updates/%2e%2e%2fhub.db',
      '/updates/..%5chub.db',
      '/updates/....//hub.db',
      '/updates/%252e%252e%252fhub.db',
      '/updates/../../../../etc/passwd',
      '/updates//etc/passwd',
      '/updates/%2fetc%2fpasswd',
      '/updates/latest.yml%00.exe',
      '/updates/.hidden',
      '/updates/',
      '/updates/sub/latest.yml',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('SQLite format');
      expect(response.body, path).not.toContain('root:');
    }
  });
});
