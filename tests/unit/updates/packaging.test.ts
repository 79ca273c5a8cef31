// electron-builder.yml passes electron-builder's own schema and says what the desk needs (per-machine NSIS,
// AppImage and deb, better-sqlite3 unpacked, migrations shipped, updates from the hub); the icons are valid PNGs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isUpdateFileName } from '../../../src/portal/updates';

const require = createRequire(import.meta.url);

function pngSize(file: string): { width: number; height: number; pixels: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idatLength = bytes.readUInt32BE(33);
  const raw = inflateSync(bytes.subarray(41, 41 + idatLength)); // IDAT follows IHDR
  return { width, height, pixels: raw.length };
}

describe('packaging', () => {
  it('electron-builder.yml is valid and complete', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    const config = await getConfig(process.cwd(), null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config).toMatchObject({
      appId: 'fr.guichet.desk',
      productName: 'Guichet',
      files: [{ filter: expect.arrayContaining(['out/**']) }],
      asarUnpack: ['**/node_modules/better-sqlite3/**'],
      extraResources: expect.arrayContaining([{ from: 'drizzle', to: 'drizzle' }]),
      nsis: { oneClick: false, perMachine: true },
      linux: { target: ['AppImage', 'deb'] },
      publish: [{ provider: 'generic', url: '${env.GUICHET_HUB_URL}/updates/' }],
    });
  });

  it('ships valid PNG icons of 256 and 512 pixels', () => {
    for (const [file, size] of [
      ['resources/icon.png', 512],
      ['resources/icons/512x512.png', 512],
      ['resources/icons/256x256.png', 256],
    ] as const) {
      const png = pngSize(file);
      expect(png, file).toEqual({ width: size, height: size, pixels: size * (size * 4 + 1) });
    }
  });

  it('update files are plain names', () => {
    for (const ok of [
      'latest.yml',
      'latest-linux.yml',
      'Guichet-Setup-0.2.0.exe',
      'Guichet-Setup-0.2.0.exe.blockmap',
      'Guichet-0.2.0-x86_64.AppImage',
      'guichet_0.2.0_amd64.deb',
    ])
      expect(isUpdateFileName(ok), ok).toBe(true);
    for (const bad of ['', '.', '..', '../hub.db', 'a/b', 'a\\b', '.env', 'x..y', 'latest.yml\0.exe'])
      expect(isUpdateFileName(bad), bad).toBe(false);
  });
});
