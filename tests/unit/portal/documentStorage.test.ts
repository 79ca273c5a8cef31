// The hub's document store: type from the content (magic bytes), size limit, nothing left behind on refusal,
// generated names with mode 0600, and the safe download headers' file name encoding.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDocumentStorage,
  detectDocumentType,
  displayFileName,
  inlineDisposition,
} from '../../../src/portal/enrolment/documentStorage';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('detectDocumentType', () => {
  it('recognises PDF, JPEG and PNG from their first bytes only', () => {
    expect(detectDocumentType(Buffer.from('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe('image/jpeg');
    expect(detectDocumentType(Buffer.from([...PNG_SIGNATURE, 0, 0, 0, 0x0d]))).toBe('image/png');
  });

  it('refuses everything else, whatever it claims to be', () => {
    expect(detectDocumentType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'))).toBeUndefined(); // Windows executable
    expect(detectDocumentType(Buffer.from('\x7fELF\x02\x01\x01\x00'))).toBeUndefined();
    expect(detectDocumentType(Buffer.from('PK\x03\x04\x14\x00\x06\x00'))).toBeUndefined(); // .docx
    expect(detectDocumentType(Buffer.from('<html><script>'))).toBeUndefined();
    expect(detectDocumentType(Buffer.from(' %PDF-1.7'))).toBeUndefined(); // not at the start
    expect(detectDocumentType(Buffer.from('%PDF'))).toBeUndefined(); // too short to tell
    expect(detectDocumentType(Buffer.from(PNG_SIGNATURE.slice(0, 7)))).toBeUndefined();
    expect(detectDocumentType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('document storage', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'guichet-docs-')), 'documents');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  /** A stream delivering `bytes` in small chunks, as an upload would. */
  const chunked = (bytes: Buffer, size = 1000) =>
    Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

  it('stores an accepted file under a generated name, 0600, with its sha256 and size', async () => {
    const storage = createDocumentStorage(dir);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 0x41), Buffer.from('\n%%EOF\n')]);
    const stored = await storage.store(chunked(pdf, 3));
    expect(stored).toEqual({
      ok: true,
      storageKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      mimeType: 'application/pdf',
    });
    if (!stored.ok) throw new Error('stored');
    expect(readdirSync(dir)).toEqual([stored.storageKey]);
    expect(statSync(join(dir, stored.storageKey)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect((await storage.read(stored.storageKey)).equals(pdf)).toBe(true);
    await storage.remove(stored.storageKey);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file over the limit and a file of another type, leaving nothing, and reads the source to its end', async () => {
    const storage = createDocumentStorage(dir, 10_000);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20_000)]);
    const source = chunked(big);
    expect(await storage.store(source)).toEqual({ ok: false, code: 'tooLarge' });
    expect(source.readableEnded).toBe(true);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(5000)]);
    expect(await storage.store(chunked(exe))).toEqual({ ok: false, code: 'badType' });
    expect(await storage.store(Readable.from([Buffer.from('MZ')]))).toEqual({ ok: false, code: 'badType' });
    expect(await storage.store(Readable.from([]))).toEqual({ ok: false, code: 'empty' });
    // A source cut at its own limit (busboy truncates rather than failing) is too large too.
    expect(await storage.store(chunked(Buffer.from('%PDF-1.4 cut')), () => true)).toEqual({ ok: false, code: 'tooLarge' });
    // Exactly the limit is accepted.
    const exact = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10_000 - 9)]);
    expect(await storage.store(chunked(exact))).toMatchObject({ ok: true, size: 10_000 });
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('deletes the temporary file when the source fails midway', async () => {
    const storage = createDocumentStorage(dir);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('%PDF-1.4 start of the file'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.store(failing)).rejects.toThrow('connection reset');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sweeps temporary files a crash left behind, and never builds a path from a foreign key', async () => {
    const storage = createDocumentStorage(dir);
    await storage.store(Readable.from([Buffer.from([...PNG_SIGNATURE, 1, 2, 3])]));
    writeFileSync(join(dir, '.tmp-0b3c2f1e-0000-4000-8000-000000000000'), 'half a file');
    expect(await storage.sweep()).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1);
    await expect(storage.read('../hub.db')).rejects.toThrow(/Invalid storage key/);
  });

  it('deletes files no row names any more once past the grace period, and keeps the referenced and the recent', async () => {
    const storage = createDocumentStorage(dir);
    const png = () => Readable.from([Buffer.from([...PNG_SIGNATURE, 1, 2, 3])]);
    const kept = await storage.store(png());
    const orphan = await storage.store(png());
    if (!kept.ok || !orphan.ok) throw new Error('stored');
    const isReferenced = (key: string) => key === kept.storageKey;
    // Just stored: an upload may be between its rename and its row, so nothing goes yet.
    expect(await storage.sweepUnreferenced(isReferenced, new Date())).toBe(0);
    expect(await storage.sweepUnreferenced(isReferenced, new Date(Date.now() + 2 * 3600_000))).toBe(1);
    expect(readdirSync(dir)).toEqual([kept.storageKey]);
  });
});

describe('file names', () => {
  it('encodes the inline disposition per RFC 5987 (accents, quotes, no header injection)', () => {
    expect(inlineDisposition('attestation.pdf')).toBe("inline; filename*=UTF-8''attestation.pdf");
    expect(inlineDisposition("Attestation d'assurance (été).pdf")).toBe(
      "inline; filename*=UTF-8''Attestation%20d%27assurance%20%28%C3%A9t%C3%A9%29.pdf",
    );
    expect(inlineDisposition('a"\r\nSet-Cookie: x.pdf')).not.toMatch(/[\r\n"]/);
  });

  it('keeps the sender’s name for display only: no path, no control characters, never empty', () => {
    expect(displayFileName('C:\\Users\\anne\\Documents\\assurance.pdf', 'application/pdf')).toBe('assurance.pdf');
    expect(displayFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(displayFileName('photo\u0000\u202e.jpg', 'image/jpeg')).toBe('photo.jpg');
    expect(displayFileName('', 'image/png')).toBe('document.png');
    expect(displayFileName(undefined, 'application/pdf')).toBe('document.pdf');
  });
});
