// A commune with no logo at all (none saved, and no resources/commune-logo.png, as in a build that ships
// without it): the invoice PDF still renders, header text flush left, no image.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { book, openWorld, setUpCommune, type BillingWorld } from './billingFixture';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const existsSync = (path: import('node:fs').PathLike) => !String(path).endsWith('commune-logo.png') && fs.existsSync(path);
  return { ...fs, existsSync, default: { ...fs, existsSync } };
});

let w: BillingWorld;
afterEach(() => w.close());

it('renders the invoice without any logo', async () => {
  w = openWorld('2026-10-20T08:00:00Z');
  const c = await setUpCommune(w);
  await w.must('regie.saveSettings', { communeName: 'Aiffres', regieName: 'Régie enfance-jeunesse', siret: '21790003400018' });
  await book(w, c.martin, 0, c.canteen.repas, ['2026-11-02']);
  w.setNow('2026-12-03T09:00:00Z');
  const november = await w.must('invoice.issueMonth', { month: '2026-11', issueDate: '2026-12-01' });
  const pdf = await w.call('billing.invoicePdf', { invoiceId: november.invoices[0].invoiceId });
  const file = join(w.dir, 'nologo.pdf');
  writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  expect(images).toEqual([]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain("Commune d'Aiffres");
  expect(text).toContain('SIRET 217 900 034 00018');
  expect(text).toContain('FACTURE');
});
