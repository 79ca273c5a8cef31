// The files behind the replicated `documents` rows: stored on the hub only, under `<data>/documents/<uuid>`
// (generated names, never the sender's file name; mode 0600), fetched on demand. The type is decided from the
// content (magic bytes), never from the name or the sender's Content-Type. Invariant: a refused or failed
// upload leaves nothing behind — bytes go to a `.tmp-` file that is renamed into place only once complete and
// accepted, and deleted on any failure.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type DocumentMimeType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: ReadonlyArray<{ mime: DocumentMimeType; bytes: readonly number[] }> = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];
/** Enough bytes to recognise every accepted type. */
const SNIFF_BYTES = 8;

/** The accepted type of a file from its first bytes, or undefined (an executable, a Word file, too short…). */
export function detectDocumentType(head: Uint8Array): DocumentMimeType | undefined {
  return SIGNATURES.find((s) => s.bytes.length <= head.length && s.bytes.every((b, i) => head[i] === b))?.mime;
}

export const extensionOf: Record<DocumentMimeType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export type StoreResult =
  | { ok: true; storageKey: string; size: number; sha256: string; mimeType: DocumentMimeType }
  | { ok: false; code: 'tooLarge' | 'badType' | 'empty' };

export interface DocumentStorage {
  dir: string;
  /**
   * Streams `source` to a temporary file, hashing and counting it; refuses (and deletes) more than `maxBytes`
   * or content that is not PDF/JPEG/PNG. The source is always read to its end (an HTTP request body must be
   * consumed), but once refused nothing more is written. `truncated` says whether the source itself cut the
   * file at a limit (busboy does so rather than failing).
   */
  store(source: Readable, truncated?: () => boolean): Promise<StoreResult>;
  read(storageKey: string): Promise<Buffer>;
  remove(storageKey: string): Promise<void>;
  /** Deletes temporary files left by a crash (at start-up). */
  sweep(): Promise<number>;
  /**
   * Deletes stored files no `documents` row names any more (a household purged under RGPD, a crash between the
   * rename and the row), once older than `graceMs` so that an upload between its rename and its row is spared.
   */
  sweepUnreferenced(isReferenced: (storageKey: string) => boolean, now: Date, graceMs?: number): Promise<number>;
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createDocumentStorage(dir: string, maxBytes = MAX_DOCUMENT_BYTES): DocumentStorage {
  const ready = mkdir(dir, { recursive: true, mode: 0o700 });
  const pathOf = (storageKey: string) => {
    // Keys come from our rows, but a path is never built from anything that is not one of our names.
    if (!KEY.test(storageKey)) throw new Error(`Invalid storage key: ${storageKey}`);
    return join(dir, storageKey);
  };

  return {
    dir,
    async store(source, truncated = () => false) {
      await ready;
      const storageKey = randomUUID();
      const temp = join(dir, `.tmp-${storageKey}`);
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      let refused: 'tooLarge' | 'badType' | undefined;
      let mimeType: DocumentMimeType | undefined;
      const check = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (refused) return done();
          size += chunk.length;
          if (size > maxBytes) {
            refused = 'tooLarge';
            return done();
          }
          if (head.length < SNIFF_BYTES) {
            head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
            if (head.length >= SNIFF_BYTES) {
              mimeType = detectDocumentType(head);
              if (!mimeType) {
                refused = 'badType';
                return done();
              }
            }
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, check, createWriteStream(temp, { mode: 0o600, flags: 'wx' }));
        if (!refused && truncated()) refused = 'tooLarge';
        if (!refused && head.length < SNIFF_BYTES) {
          mimeType = detectDocumentType(head);
          if (!mimeType) refused = size === 0 ? undefined : 'badType';
        }
        if (refused) {
          await rm(temp, { force: true });
          return { ok: false, code: refused };
        }
        if (size === 0 || !mimeType) {
          await rm(temp, { force: true });
          return { ok: false, code: 'empty' };
        }
        // The umask can only narrow 0600; set it anyway so the mode never depends on the process's umask.
        await chmod(temp, 0o600);
        await rename(temp, join(dir, storageKey));
        return { ok: true, storageKey, size, sha256: hash.digest('hex'), mimeType };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async read(storageKey) {
      return readFile(pathOf(storageKey));
    },
    async remove(storageKey) {
      await rm(pathOf(storageKey), { force: true });
    },
    async sweep() {
      await ready;
      let removed = 0;
      for (const name of await readdir(dir)) {
        if (!name.startsWith('.tmp-')) continue;
        const info = await stat(join(dir, name)).catch(() => undefined);
        if (info?.isFile()) {
          await rm(join(dir, name), { force: true });
          removed++;
        }
      }
      return removed;
    },
    async sweepUnreferenced(isReferenced, now, graceMs = 3600_000) {
      await ready;
      let removed = 0;
      for (const name of await readdir(dir)) {
        if (!KEY.test(name) || isReferenced(name)) continue;
        const info = await stat(join(dir, name)).catch(() => undefined);
        if (info?.isFile() && now.getTime() - info.mtimeMs >= graceMs) {
          await rm(join(dir, name), { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

/** `Content-Disposition: inline` with the original name in RFC 5987 form (any language, no header injection). */
export function inlineDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename*=UTF-8''${encoded}`;
}

/** The sender's file name, for display only: no path, no control characters, bounded, never empty. */
export function displayFileName(name: string | undefined, mimeType: DocumentMimeType): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(-150);
  return base || `document.${extensionOf[mimeType]}`;
}
