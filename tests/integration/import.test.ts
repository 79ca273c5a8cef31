// Family import from CSV: preview reports every error in French with line and column and writes nothing;
// allOrNothing refuses a file with errors; validRowsOnly imports exactly the good rows, through household.create.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { decodeCsvBytes, detectSeparator } from '../../src/main/desk/import/decode';

let dir: string;
let core: DeskCore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-import-'));
  core = openDeskCore({ dataDir: dir, clock: () => new Date('2026-11-26T09:00:00Z'), autoSync: false });
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, args: unknown) => core.dispatch(name, args, { actor: defaultStaffActor }) as Promise<any>;
const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

// Lines 2, 3 and 6 are good; line 4 has an invalid phone, line 5 has no name.
const csv = [
  'Famille;Rôle;Civilité;Nom;Prénom;Date de naissance;Tél. portable;Email;Adresse;CP;Ville;Niveau',
  '1;Responsable;Mme;Martin;Hélène;;06 12 34 56 78;helene.martin@exemple.fr;3 rue des Lilas;79230;Aiffres;',
  '1;Enfant;Fille;Martin;Léa;12/04/2018;;;;;;CE2',
  '2;Responsable;M.;Durand;Paul;;01 23;;;;;',
  '3;Responsable;Mme;;Zoé;;0611223344;;;;;',
  '4;Responsable;M.;Petit;Marc;;0699887766;;;;;',
].join('\r\n');

describe('family import', () => {
  it('preview: every error in French with line and column, and nothing written', async () => {
    const before = { households: count('households'), outbox: count('_outbox') };
    const result = await call('import.preview', { csv });
    expect(result.ok).toBe(true);
    const preview = result.value;
    expect(preview.separator).toBe(';');
    expect(preview.errors).toEqual([
      { line: 4, column: 'Tél. portable', message: 'Numéro de téléphone invalide (exemple : 06 12 34 56 78).' },
      { line: 5, column: 'Nom', message: 'Nom manquant.' },
    ]);
    expect(preview.rows.map((r: any) => [r.line, r.kind, r.errors.length])).toEqual([
      [2, 'guardian', 0],
      [3, 'child', 0],
      [4, 'guardian', 1],
      [5, 'guardian', 1],
      [6, 'guardian', 0],
    ]);
    expect(preview.rows[0].summary).toBe('Responsable : Mme Hélène MARTIN — foyer « 1 »');
    expect(preview.rows[1].summary).toBe('Enfant : Léa MARTIN, né(e) le 12/04/2018 (CE2) — foyer « 1 »');
    expect(preview.households).toEqual([
      { family: '1', name: 'MARTIN', guardians: 1, children: 1, lines: [2, 3] },
      { family: '4', name: 'PETIT', guardians: 1, children: 0, lines: [6] },
    ]);
    expect(preview.message).toContain('2 erreur(s)');
    expect({ households: count('households'), outbox: count('_outbox') }).toEqual(before);
  });

  it('allOrNothing refuses the whole file; validRowsOnly writes exactly the good rows, through household.create', async () => {
    const refused = await call('import.run', { csv, mode: 'allOrNothing' });
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(refused.message).toContain("rien n'a été importé");
    expect(refused.fieldErrors).toEqual({
      'Ligne 4 — Tél. portable': 'Numéro de téléphone invalide (exemple : 06 12 34 56 78).',
      'Ligne 5 — Nom': 'Nom manquant.',
    });
    expect([count('households'), count('guardians'), count('children'), count('_outbox'), count('audit_log')]).toEqual([
      0, 0, 0, 0, 0,
    ]);

    // The mode must be chosen explicitly.
    await expect(call('import.run', { csv })).rejects.toThrow(/Invalid arguments/);

    const imported = await call('import.run', { csv, mode: 'validRowsOnly' });
    expect(imported.ok).toBe(true);
    expect(imported.value).toMatchObject({ households: 2, guardians: 1 + 1, children: 1 });
    expect(imported.value.skipped.map((e: any) => e.line)).toEqual([4, 5]);
    expect([count('households'), count('guardians'), count('children')]).toEqual([2, 2, 1]);
    // Each household went through household.create: one outbox record each, audited, searchable, normalised.
    expect(core.store.sqlite.prepare('SELECT name FROM _outbox').all()).toEqual([
      { name: 'household.create' },
      { name: 'household.create' },
    ]);
    expect(count('audit_log')).toBe(2 + 2 + 1);
    const hits = await call('families.search', { q: 'helene' });
    expect(hits).toHaveLength(1);
    const family = await call('families.get', { householdId: hits[0].householdId });
    expect(family.guardians[0]).toMatchObject({
      mobilePhone: '+33612345678',
      email: 'helene.martin@exemple.fr',
      postalCode: '79230',
    });
    expect(family.children[0]).toMatchObject({ firstName: 'Léa', birthDate: '2018-04-12', schoolLevel: 'CE2', sex: 'F' });

    // Importing the same file again: the families are recognised, nothing is duplicated.
    const again = await call('import.preview', { csv });
    expect(again.value.households).toEqual([]);
    expect(again.value.errors.filter((e: any) => e.line === 2)[0].message).toContain('déjà enregistré');
  });

  it('reads a Noethys-style export in Windows-1252 with commas, and reports impossible dates and unknown levels', async () => {
    const text = [
      'IDfamille,Civilité,Nom,Prénom,Date de naiss.,Tél. domicile,Tél. portable,Email,Rue,Code postal,Ville,Niveau scolaire,Régime,PAI',
      '12,Madame,Cœur,Bérénice,,05 49 11 22 33,,"coeur@exemple.fr","« Le Clos », 2 allée des Ormes",79230,Aiffres,,,',
      '12,Garçon,Cœur,Noël,03/09/2019,,,,,,,CE1,sans porc,oui',
      '12,Fille,Cœur,Inès,31/02/2020,,,,,,,GS,,',
      '12,Fille,Cœur,Élise,01/09/2017,,,,,,,6e,,',
      '12,Fille,Cœur,Maud,01/09/2016,,,,,,,CM1,halal,',
    ].join('\r\n');
    // « and » are 0xAB and 0xBB, œ is 0x9C in Windows-1252.
    const bytes = Buffer.from(Array.from(text, (ch) => ({ œ: 0x9c, Œ: 0x8c })[ch] ?? ch.charCodeAt(0)));
    expect(decodeCsvBytes(bytes).encoding).toBe('windows-1252');
    const preview = (await call('import.preview', { csv: { base64: bytes.toString('base64') } })).value;
    expect(preview.encoding).toBe('windows-1252');
    expect(preview.separator).toBe(',');
    expect(preview.errors).toEqual([
      { line: 4, column: 'Date de naiss.', message: "Date impossible : le 31/02/2020 n'existe pas." },
      {
        line: 5,
        column: 'Niveau scolaire',
        message: 'Niveau scolaire inconnu : « 6e » (TPS, PS, MS, GS, CP, CE1, CE2, CM1 ou CM2).',
      },
      { line: 6, column: 'Régime', message: 'Régime alimentaire inconnu : « halal » (sans porc, sans viande ou sans gluten).' },
    ]);
    expect(preview.rows[0].summary).toBe('Responsable : Mme Bérénice CŒUR — foyer « 12 »');
    expect(preview.households).toEqual([{ family: '12', name: 'CŒUR', guardians: 1, children: 1, lines: [2, 3] }]);
    const imported = await call('import.run', { csv: { base64: bytes.toString('base64') }, mode: 'validRowsOnly' });
    expect(imported.value).toMatchObject({ households: 1, guardians: 1, children: 1 });
    const [hit] = await call('families.search', { q: 'noel' });
    const family = await call('families.get', { householdId: hit.householdId });
    expect(family.guardians[0]).toMatchObject({
      homePhone: '+33549112233',
      addressLine1: '« Le Clos », 2 allée des Ormes',
      civility: 'Mme',
    });
    expect(family.children[0]).toMatchObject({ sex: 'M', diet: 'noPork', hasCareplan: true, birthDate: '2019-09-03' });
  });

  it('detects encodings and separators', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFNom;Prénom', 'utf8'))).toEqual({ text: 'Nom;Prénom', encoding: 'utf-8-bom' });
    expect(decodeCsvBytes(Buffer.from('Nom;Prénom', 'utf8'))).toEqual({ text: 'Nom;Prénom', encoding: 'utf-8' });
    expect(detectSeparator('Nom,Prénom,"Ville; quartier"\n')).toEqual({ separator: ',', skipFirstLine: false });
    expect(detectSeparator('sep=;\nNom;Prénom')).toEqual({ separator: ';', skipFirstLine: true });
    expect(detectSeparator('Nom\tPrénom\tVille')).toEqual({ separator: '\t', skipFirstLine: false });
  });

  it('without a « Famille » column, groups each guardian with the children below', async () => {
    const text = [
      'Civilité;Nom;Prénom;Date de naissance;Téléphone;Adresse;CP;Ville',
      'Mme;Roux;Anne;12/03/1985;0612121212;1 rue Haute;79230;Aiffres',
      'M.;Roux;Yann;01/01/1984;0613131313;1 rue Haute;79230;Aiffres',
      ';Roux;Lou;05/06/2019;;;;',
      'Mme;Blanc;Iris;02/02/1990;0614141414;9 rue Basse;79000;Niort',
      ';Blanc;Jade;07/07/2020;;;;',
    ].join('\n');
    const preview = (await call('import.preview', { csv: text })).value;
    expect(preview.errors).toEqual([]);
    expect(preview.households.map((h: any) => [h.name, h.guardians, h.children])).toEqual([
      ['ROUX', 2, 1],
      ['BLANC', 1, 1],
    ]);
  });
});
