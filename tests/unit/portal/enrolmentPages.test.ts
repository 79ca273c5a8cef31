// The parent pages' own logic for online enrolment: the checks made before sending a file (the hub decides
// anyway), which document of a type is shown, which school year the yearly file page is about, and the new
// addresses of the app (including the sign-up link in its hash form).
import { describe, expect, it } from 'vitest';
import { checkFile, fileSizeText, latestDocument } from '../../../src/portal/web/src/features/documents/documents';
import { chosenYear } from '../../../src/portal/web/src/features/yearlyFile/yearlyFile';
import { appPathPatterns, parseRoute, paths } from '../../../src/portal/web/src/paths';
import type { FamilyDocument, YearlyFile } from '../../../src/portal/web/src/types';

const file = (size: number, name: string, type: string) => {
  const f = new File([new Uint8Array(Math.min(size, 16))], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
};

describe('checkFile', () => {
  it('refuses a file over 10 MiB, in French, with its size', () => {
    expect(checkFile(file(30 * 1024 * 1024, 'scan.pdf', 'application/pdf'))).toBe(
      'Ce fichier pèse 30 Mo : la taille maximale est de 10 Mo. Prenez une photo moins lourde ou réduisez le PDF.',
    );
    expect(checkFile(file(10 * 1024 * 1024, 'scan.pdf', 'application/pdf'))).toBeNull();
    expect(checkFile(file(10 * 1024 * 1024 + 1, 'scan.pdf', 'application/pdf'))).toMatch(/10 Mo/);
  });
  it('refuses an empty file and a type that is neither PDF, JPEG nor PNG', () => {
    expect(checkFile(file(0, 'vide.pdf', 'application/pdf'))).toMatch(/vide/);
    expect(checkFile(file(2000, 'setup.exe', 'application/x-msdownload'))).toMatch(/type de fichier/);
    // A phone photo whose type the browser does not give: the name is enough here, the hub reads the content.
    expect(checkFile(file(2000, 'IMG_0001.JPG', ''))).toBeNull();
    expect(checkFile(file(2000, 'photo', 'image/png'))).toBeNull();
  });
  it('says sizes the French way', () => {
    expect(fileSizeText(2.45 * 1024 * 1024)).toBe('2,5 Mo');
    expect(fileSizeText(830 * 1024)).toBe('830 ko');
    expect(fileSizeText(10)).toBe('1 ko');
  });
});

describe('latestDocument', () => {
  const doc = (id: string, uploadedAt: string, childId: string | null, documentTypeId = 't1'): FamilyDocument => ({
    id,
    documentTypeId,
    typeName: 'Attestation',
    childId,
    fileName: `${id}.pdf`,
    status: 'received',
    state: 'received',
    refusalReason: '',
    validUntil: null,
    uploadedAt,
  });
  const type = { id: 't1', name: 'Attestation', description: '', scope: 'child' as const };
  it('takes the newest of the type for that child only', () => {
    const docs = [doc('a', '2026-09-01T08:00:00Z', 'c1'), doc('b', '2026-10-01T08:00:00Z', 'c1'), doc('c', '2026-11-01T08:00:00Z', 'c2'), doc('d', '2026-12-01T08:00:00Z', 'c1', 't2')];
    expect(latestDocument(docs, type, 'c1')?.id).toBe('b');
    expect(latestDocument(docs, type, 'c2')?.id).toBe('c');
    expect(latestDocument(docs, type, null)).toBeUndefined();
  });
});

describe('chosenYear', () => {
  const base: YearlyFile = {
    schoolYear: '2027-2028',
    children: [],
    rules: null,
    rulesAccepted: false,
    file: null,
    schoolYears: { current: '2026-2027', next: '2027-2028' },
    files: [
      { schoolYear: '2026-2027', status: 'submitted', reason: '', submittedAt: '2026-11-26T10:00:00Z' },
      { schoolYear: '2027-2028', status: 'none', reason: '', submittedAt: null },
    ],
  };
  it('keeps the current year outside the summer campaign, so a file just sent is shown', () => {
    expect(chosenYear(base, '2026-11-26')).toEqual({ schoolYear: '2026-2027', state: base.files![0] });
  });
  it('follows the hub (next year) from May to August', () => {
    expect(chosenYear(base, '2027-06-10').schoolYear).toBe('2027-2028');
    expect(chosenYear(base, '2027-06-10').state.status).toBe('none');
  });
});

describe('addresses', () => {
  it('parses the new pages and serves them from the hub', () => {
    expect(parseRoute('/inscription')).toEqual({ name: 'signUp' });
    expect(parseRoute('/inscription/verifier', '?jeton=abc-123')).toEqual({ name: 'signUpVerify', token: 'abc-123' });
    expect(parseRoute('/inscriptions')).toEqual({ name: 'enrolment' });
    expect(parseRoute('/documents/')).toEqual({ name: 'documents' });
    expect(parseRoute('/dossier-annuel')).toEqual({ name: 'yearlyFile' });
    expect(paths.signUpVerify('a b')).toBe('/inscription/verifier?jeton=a%20b');
    for (const path of ['/inscription', '/inscription/verifier', '/inscriptions', '/documents', '/dossier-annuel'])
      expect(appPathPatterns).toContain(path);
  });
});
