// The régie's identity through `regie.saveSettings` on a real desk core: SIRET checked (Luhn, French message,
// nothing written when refused), régie number, logo checked by content; identity fields left out keep their
// value; the invoice and receipt PDFs print the SIRET, the régie number and the saved logo (read back with
// poppler's pdftotext and pdfimages), and fall back to the resources logo when the saved one is removed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { book, openWorld, setUpCommune, type BillingWorld, type Commune } from './billingFixture';

let w: BillingWorld;
let c: Commune;

beforeEach(async () => {
  w = openWorld('2026-10-20T08:00:00Z');
  c = await setUpCommune(w);
});
afterEach(() => w.close());

const row = () =>
  w.core.store.sqlite.prepare('SELECT siret, logo, regie_number, commune_name FROM regie_settings').get() as Record<
    string,
    string
  >;
const identity = {
  communeName: 'Aiffres',
  regieName: 'Régie enfance-jeunesse',
  addressLine1: '2 place du Champ de Foire',
  postalCode: '79230',
  city: 'Aiffres',
};
const iconPng = readFileSync(join(__dirname, '../../resources/icons/256x256.png'));
const iconDataUrl = `data:image/png;base64,${iconPng.toString('base64')}`;

/** Text of a PDF (pdftotext, layout kept) and its images' sizes (pdfimages -list), from the desk's base64. */
function readPdf(base64: string, name: string): { text: string; images: string[] } {
  const file = join(w.dir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    // page num type width height…: the pictures, not their transparency masks (smask).
    .filter((cols) => cols[2] === 'image')
    .map((cols) => `${cols[3]}x${cols[4]}`);
  return { text, images };
}

describe('regie.saveSettings: identity', () => {
  it('refuses a SIRET with a wrong key or length, in French, and writes nothing', async () => {
    const wrongKey = await w.call('regie.saveSettings', { ...identity, communeName: 'Autre', siret: '217 900 034 00019' });
    expect(wrongKey).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { siret: "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres." },
    });
    const short = await w.call('regie.saveSettings', { ...identity, siret: '2179000340001' });
    expect(short.fieldErrors).toEqual({ siret: 'Le SIRET compte 14 chiffres (13 saisis).' });
    expect(row()).toMatchObject({ siret: '', commune_name: 'Aiffres' });
  });

  it('refuses a logo that is not a PNG or JPEG by its content, or too heavy', async () => {
    const gif = `data:image/png;base64,${Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64')}`;
    expect((await w.call('regie.saveSettings', { ...identity, logo: gif })).fieldErrors).toEqual({
      logo: "Ce fichier n'est pas une image PNG ou JPEG.",
    });
    const big = Buffer.alloc(250 * 1024);
    iconPng.copy(big);
    expect(
      (await w.call('regie.saveSettings', { ...identity, logo: `data:image/png;base64,${big.toString('base64')}` })).fieldErrors
        ?.logo,
    ).toMatch(/^Logo trop lourd/);
    expect(row().logo).toBe('');
  });

  it('saves SIRET (typed with spaces), régie number and logo; a save that leaves them out keeps them', async () => {
    await w.must('regie.saveSettings', { ...identity, siret: '217 900 034 00018', regieNumber: '79003-R01', logo: iconDataUrl });
    expect(row()).toEqual({ siret: '21790003400018', logo: iconDataUrl, regie_number: '79003-R01', commune_name: 'Aiffres' });
    expect(await w.call('regie.settings', {})).toMatchObject({
      siret: '21790003400018',
      regieNumber: '79003-R01',
      logo: iconDataUrl,
    });
    await w.must('regie.saveSettings', { ...identity, phone: '05 49 00 00 00' });
    expect(row()).toMatchObject({ siret: '21790003400018', logo: iconDataUrl, regie_number: '79003-R01' });
    // The audit trail says the logo changed without holding the image.
    const audit = w.core.store.sqlite
      .prepare(`SELECT changes FROM audit_log WHERE command = 'regie.saveSettings' ORDER BY at, id`)
      .all() as { changes: string }[];
    expect(audit.some((a) => a.changes.includes('"logo":"image (3 Ko)"'))).toBe(true);
    expect(audit.every((a) => !a.changes.includes('base64'))).toBe(true);
    // An empty logo removes it.
    await w.must('regie.saveSettings', { ...identity, logo: '' });
    expect(row().logo).toBe('');
  });
});

describe('invoice and receipt PDFs', () => {
  it('print the SIRET, the régie number and the saved logo; the resources logo when none is saved', async () => {
    await book(w, c.martin, 0, c.canteen.repas, ['2026-11-02', '2026-11-03']);
    w.setNow('2026-12-03T09:00:00Z');
    const november = await w.must('invoice.issueMonth', { month: '2026-11', issueDate: '2026-12-01' });
    const invoiceId = november.invoices[0].invoiceId;
    const payment = await w.must('payment.record', {
      householdId: c.martin.householdId,
      mode: 'cash',
      amountCents: 500,
      receivedOn: '2026-12-02',
    });

    // No identity saved yet: no SIRET line, and the commune logo of resources/ (240 × 280).
    const before = readPdf((await w.call('billing.invoicePdf', { invoiceId })).base64, 'before.pdf');
    expect(before.text).not.toContain('SIRET');
    expect(before.text).toContain("Commune d'Aiffres");
    expect(before.images).toEqual(['240x280']);

    await w.must('regie.saveSettings', { ...identity, siret: '21790003400018', regieNumber: '79003-R01', logo: iconDataUrl });
    const invoice = readPdf((await w.call('billing.invoicePdf', { invoiceId })).base64, 'invoice.pdf');
    expect(invoice.text).toContain('SIRET 217 900 034 00018');
    expect(invoice.text).toContain('Régie n° 79003-R01');
    // The footer of every page: régie and its number, commune, SIRET.
    expect(invoice.text).toContain("Régie enfance-jeunesse n° 79003-R01 — Commune d'Aiffres — SIRET 217 900 034 00018");
    expect(invoice.images).toEqual(['256x256']);
    const receipt = readPdf((await w.call('billing.receiptPdf', { paymentId: payment.paymentId })).base64, 'receipt.pdf');
    expect(receipt.text).toContain('SIRET 217 900 034 00018');
    expect(receipt.images).toEqual(['256x256']);

    await w.must('regie.saveSettings', { ...identity, logo: '' });
    const after = readPdf((await w.call('billing.invoicePdf', { invoiceId })).base64, 'after.pdf');
    expect(after.images).toEqual(['240x280']);
    expect(after.text).toContain('SIRET 217 900 034 00018');
  });
});
