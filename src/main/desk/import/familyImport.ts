// Import of families from a CSV file (a spreadsheet, an export of Noethys or of another software): one row per
// person — a guardian (responsable) or a child — and rows of the same family grouped into one household by the
// « Famille » column (see README.md, "Importing families", for the columns and the accepted names).
//
// `previewImport` says, row by row, what would be created and every error in French with its line and column;
// nothing is written. `runImport` creates the households through the `household.create` command — audited,
// synced and validated exactly as when typed at the desk — all in ONE transaction: `allOrNothing` refuses the
// whole file when any row is wrong; `validRowsOnly` (chosen explicitly by the user) imports the good rows.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { childFields, guardianFields } from '../../../shared/commands/families';
import type { Actor } from '../../../shared/commands/types';
import { diets, relationships, schoolLevels } from '../../../shared/db/schema';
import { instantToParisDate, isValidDate } from '../../../shared/domain/dates';
import { foldText, phoneSearchDigits } from '../../../shared/domain/search';
import { checkChildBirthDate, normalizePhone } from '../../../shared/domain/validation';
import { fail, ok, type Result } from '../../../shared/result';
import type { DeskCore } from '../core';
import { importColumns, mapColumns, type ColumnMapping, type ImportField } from './columns';
import { decodeCsvBytes, detectSeparator, type CsvEncoding } from './decode';

export const importInputSchema = z.object({
  /** The file: text already decoded, or its bytes in base64 (then the encoding is detected). */
  csv: z.union([z.string().max(20_000_000), z.object({ base64: z.string().max(27_000_000) })]),
});
export type ImportInput = z.output<typeof importInputSchema>;
export type ImportMode = 'allOrNothing' | 'validRowsOnly';

export interface ImportError {
  /** Line in the file (the header is line 1). */
  line: number;
  /** The column's header as written in the file (or its documented name when the column is missing). */
  column: string;
  message: string;
}

export interface ImportRow {
  line: number;
  kind: 'guardian' | 'child' | 'ignored';
  /** The family the row belongs to, as written (or « ligne N » when the file has no « Famille » column). */
  family: string;
  /** What the row would create, in French. */
  summary: string;
  errors: ImportError[];
}

export interface ImportPreview {
  encoding: CsvEncoding | 'text';
  separator: ';' | ',' | '\t';
  columns: { header: string; label: string }[];
  ignoredColumns: string[];
  rows: ImportRow[];
  /** Every error, in line order (file-level errors first). */
  errors: ImportError[];
  /** What `validRowsOnly` would create (and `allOrNothing` too, when there is no error). */
  households: { family: string; name: string; guardians: number; children: number; lines: number[] }[];
  message: string;
}

type GuardianArgs = Record<string, unknown> & { relationship: string };
type ChildArgs = Record<string, unknown>;
interface HouseholdCandidate {
  family: string;
  guardians: { line: number; args: GuardianArgs }[];
  children: { line: number; args: ChildArgs }[];
}

const label = (field: ImportField) => importColumns[field].label;

// ——— Cell parsers: French values as staff type them ———

function fold(value: string): string {
  return foldText(value).replace(/\s+/g, ' ');
}

function parseRole(value: string): 'guardian' | 'child' | 'ignored' | undefined {
  const v = fold(value);
  if (/^(responsable|representant|parent|pere|mere|tuteur|tutrice|adulte|responsable legal|representant legal)$/.test(v))
    return 'guardian';
  if (/^(enfant|enfants|eleve|mineur)$/.test(v)) return 'child';
  if (/^(contact|contacts|autre|personne autorisee|medecin)$/.test(v)) return 'ignored';
  return undefined;
}

function parseCivility(value: string): { civility?: 'M.' | 'Mme'; sex?: 'F' | 'M' } | undefined {
  const v = fold(value);
  if (/^(m|mr|monsieur|mon)$/.test(v)) return { civility: 'M.' };
  if (/^(mme|madame|mlle|mademoiselle|melle)$/.test(v)) return { civility: 'Mme' };
  if (/^(fille)$/.test(v)) return { sex: 'F' };
  if (/^(garcon)$/.test(v)) return { sex: 'M' };
  return undefined;
}

function parseSex(value: string): 'F' | 'M' | undefined {
  const v = fold(value);
  if (/^(f|fille|feminin|femme)$/.test(v)) return 'F';
  if (/^(m|g|garcon|masculin|homme)$/.test(v)) return 'M';
  return undefined;
}

function parseRelationship(value: string): (typeof relationships)[number] | undefined {
  const v = fold(value);
  if (v === '' || v === 'autre') return 'other';
  if (/^(mere|maman)$/.test(v)) return 'mother';
  if (/^(pere|papa)$/.test(v)) return 'father';
  if (/^(tuteur|tutrice|tuteur legal|tutrice legale|representant legal)$/.test(v)) return 'legalGuardian';
  return undefined;
}

const levelNames: Record<string, (typeof schoolLevels)[number]> = {
  'toute petite section': 'TPS',
  'petite section': 'PS',
  'moyenne section': 'MS',
  'grande section': 'GS',
  'cours preparatoire': 'CP',
  'cours elementaire 1': 'CE1',
  'cours elementaire 2': 'CE2',
  'cours moyen 1': 'CM1',
  'cours moyen 2': 'CM2',
};
function parseLevel(value: string): (typeof schoolLevels)[number] | undefined {
  const v = fold(value);
  const compact = v.replace(/\s/g, '').toUpperCase();
  return (schoolLevels as readonly string[]).includes(compact) ? (compact as (typeof schoolLevels)[number]) : levelNames[v];
}

function parseDiet(value: string): (typeof diets)[number] | undefined {
  const v = fold(value);
  if (/^(|aucun|non|normal|standard|classique|sans)$/.test(v)) return 'none';
  if (/^sans porc$/.test(v)) return 'noPork';
  if (/^(sans viande|vegetarien|vegetarienne)$/.test(v)) return 'noMeat';
  if (/^sans gluten$/.test(v)) return 'glutenFree';
  return undefined;
}

function parseYesNo(value: string): boolean | undefined {
  const v = fold(value);
  if (/^(|non|n|0|faux|no|false)$/.test(v)) return false;
  if (/^(oui|o|x|1|vrai|yes|true)$/.test(v)) return true;
  return undefined;
}

/** `12/04/2018`, `12-04-2018`, `12.04.2018`, `2018-04-12` → `2018-04-12`; a message when unreadable or impossible. */
export function parseFrenchDate(value: string): { date: string } | { error: string } {
  const v = value.trim();
  let y: string, m: string, d: string;
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (french) [, d, m, y] = french as unknown as [string, string, string, string];
  else if (iso) [, y, m, d] = iso as unknown as [string, string, string, string];
  else return { error: `Date illisible : « ${v} » (format attendu JJ/MM/AAAA).` };
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidDate(date) ? { date } : { error: `Date impossible : le ${v} n'existe pas.` };
}

// ——— Reading the file ———

function readCsv(input: ImportInput): { text: string; encoding: CsvEncoding | 'text' } {
  if (typeof input.csv === 'string') return { text: input.csv.replace(/^\uFEFF/, ''), encoding: 'text' };
  return decodeCsvBytes(Buffer.from(input.csv.base64, 'base64'));
}

interface ParsedFile {
  encoding: CsvEncoding | 'text';
  separator: ';' | ',' | '\t';
  header: string[];
  records: { line: number; cells: string[] }[];
}

function parseFile(input: ImportInput): Result<ParsedFile> {
  const { text, encoding } = readCsv(input);
  const { separator, skipFirstLine } = detectSeparator(text);
  const body = skipFirstLine ? text.slice(text.search(/\r?\n/) + 1).replace(/^\n/, '') : text;
  const offset = skipFirstLine ? 1 : 0;
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(body, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fail('invalid', `Fichier CSV illisible${line ? ` (ligne ${line + offset})` : ''} : vérifiez les guillemets.`);
  }
  const [first, ...rest] = parsed;
  if (!first) return fail('empty', 'Le fichier est vide.');
  return ok({
    encoding,
    separator,
    header: first.record,
    records: rest.map((r) => ({ line: r.info.lines + offset, cells: r.record })).filter((r) => r.cells.some((c) => c !== '')),
  });
}

// ——— Planning: rows → households ———

interface RowCheck {
  row: ImportRow;
  guardian?: GuardianArgs;
  child?: ChildArgs;
  familyKey: string;
}

function existingGuardians(core: DeskCore): Map<string, Set<string>> {
  // folded "first last" → phones (search digits) and e-mails of guardians already on file.
  const rows = core.store.sqlite
    .prepare('SELECT first_name, last_name, mobile_phone, home_phone, work_phone, email FROM guardians')
    .all() as Record<string, string>[];
  const known = new Map<string, Set<string>>();
  for (const g of rows) {
    const key = fold(`${g.first_name} ${g.last_name}`);
    const contacts = known.get(key) ?? new Set<string>();
    for (const p of [g.mobile_phone, g.home_phone, g.work_phone]) if (p) contacts.add(phoneSearchDigits(p));
    if (g.email) contacts.add(g.email.toLowerCase());
    known.set(key, contacts);
  }
  return known;
}

function checkRow(
  cells: string[],
  line: number,
  mapping: ColumnMapping,
  today: string,
  known: Map<string, Set<string>>,
): RowCheck {
  const cell = (field: ImportField) => {
    const column = mapping.fields[field];
    return column ? (cells[column.index] ?? '').trim() : '';
  };
  const column = (field: ImportField) => mapping.fields[field]?.header ?? label(field);
  const errors: ImportError[] = [];
  const error = (field: ImportField, message: string) => errors.push({ line, column: column(field), message });
  const familyKey = cell('family');
  const row: ImportRow = { line, kind: 'guardian', family: familyKey, summary: '', errors };
  if (mapping.fields.family && !familyKey) error('family', 'Famille manquante : indiquez le numéro (ou le nom) de la famille.');

  const civility = cell('civility') ? parseCivility(cell('civility')) : undefined;
  if (cell('civility') && !civility) error('civility', `Civilité inconnue : « ${cell('civility')} » (M. ou Mme).`);
  const birth = cell('birthDate') ? parseFrenchDate(cell('birthDate')) : undefined;

  // The role: the « Rôle » column, else a child's civility (Fille, Garçon), else the age (under 18: a child).
  if (mapping.fields.role) {
    const role = parseRole(cell('role'));
    if (role) row.kind = role;
    else error('role', `Rôle inconnu : « ${cell('role')} » (Responsable ou Enfant).`);
  } else if (civility?.sex) row.kind = 'child';
  else if (birth && 'date' in birth) {
    const [y, m, d] = today.split('-');
    row.kind = birth.date > `${Number(y) - 18}-${m}-${d}` ? 'child' : 'guardian';
  }
  if (row.kind === 'ignored') {
    row.summary = `Ligne ignorée (${cell('role')}) : seuls les responsables et les enfants sont importés.`;
    return { row, familyKey };
  }

  const fieldErrors = (issues: z.ZodError['issues'], fields: Record<string, ImportField>) => {
    for (const issue of issues) {
      const named = fields[String(issue.path[0])];
      const field: ImportField = named && named in importColumns ? named : 'lastName';
      if (errors.some((e) => e.column === column(field))) continue;
      const empty = issue.message === 'Champ obligatoire.';
      error(field, empty ? `${label(field)} manquant.` : issue.message);
    }
  };
  const names = { firstName: cell('firstName'), lastName: cell('lastName') };

  if (row.kind === 'guardian') {
    if (!civility?.civility && !cell('civility')) error('civility', 'Civilité manquante : indiquez M. ou Mme.');
    else if (civility?.sex) error('civility', `« ${cell('civility')} » est une civilité d'enfant : indiquez M. ou Mme.`);
    const relationship = parseRelationship(cell('relationship'));
    if (!relationship)
      error('relationship', `Lien de parenté inconnu : « ${cell('relationship')} » (mère, père, tuteur ou autre).`);
    const values = {
      civility: civility?.civility ?? 'Mme',
      ...names,
      birthName: cell('birthName'),
      addressLine1: cell('addressLine1'),
      addressLine2: cell('addressLine2'),
      postalCode: cell('postalCode'),
      city: cell('city'),
      mobilePhone: cell('mobilePhone'),
      homePhone: cell('homePhone'),
      workPhone: cell('workPhone'),
      employerName: cell('employerName'),
      email: cell('email'),
    };
    const parsed = guardianFields.safeParse(values);
    if (!parsed.success)
      fieldErrors(parsed.error.issues, Object.fromEntries(Object.keys(values).map((k) => [k, k as ImportField])));
    if (parsed.success && errors.length === 0) {
      const contacts = known.get(fold(`${values.firstName} ${values.lastName}`));
      const mine = [values.mobilePhone, values.homePhone, values.workPhone]
        .map((p) => normalizePhone(p))
        .filter((p): p is string => !!p)
        .map(phoneSearchDigits);
      if (values.email) mine.push(values.email.toLowerCase());
      if (contacts && mine.some((c) => contacts.has(c))) {
        error(
          'lastName',
          `${values.firstName} ${values.lastName.toUpperCase()} est déjà enregistré(e) : ce foyer existe sans doute déjà.`,
        );
      }
    }
    row.summary = `Responsable : ${civility?.civility ?? ''} ${values.firstName} ${values.lastName.toUpperCase()}`.replace(
      /\s+/g,
      ' ',
    );
    return { row, familyKey, guardian: errors.length === 0 ? { ...values, relationship: relationship ?? 'other' } : undefined };
  }

  // A child.
  let birthDate = '';
  if (!cell('birthDate')) error('birthDate', 'Date de naissance manquante.');
  else if (birth && 'error' in birth) error('birthDate', birth.error);
  else if (birth && 'date' in birth) {
    birthDate = birth.date;
    const implausible = checkChildBirthDate(birthDate, today);
    if (implausible) error('birthDate', implausible);
  }
  const sex = cell('sex') ? parseSex(cell('sex')) : civility?.sex;
  if (cell('sex') && !sex) error('sex', `Sexe inconnu : « ${cell('sex')} » (F ou M).`);
  const schoolLevel = cell('schoolLevel') ? parseLevel(cell('schoolLevel')) : null;
  if (cell('schoolLevel') && !schoolLevel)
    error('schoolLevel', `Niveau scolaire inconnu : « ${cell('schoolLevel')} » (TPS, PS, MS, GS, CP, CE1, CE2, CM1 ou CM2).`);
  const diet = parseDiet(cell('diet'));
  if (!diet) error('diet', `Régime alimentaire inconnu : « ${cell('diet')} » (sans porc, sans viande ou sans gluten).`);
  const hasCareplan = parseYesNo(cell('careplan'));
  if (hasCareplan === undefined) error('careplan', `PAI : « ${cell('careplan')} » ? Indiquez oui ou non.`);
  const photoConsent = parseYesNo(cell('photoConsent'));
  if (photoConsent === undefined) error('photoConsent', `Droit à l'image : « ${cell('photoConsent')} » ? Indiquez oui ou non.`);
  const values = {
    ...names,
    birthDate: birthDate || '2000-01-01',
    sex: sex ?? null,
    schoolName: cell('schoolName'),
    schoolLevel: schoolLevel ?? null,
    className: cell('className'),
    diet: diet ?? 'none',
    allergies: cell('allergies'),
    hasCareplan: hasCareplan ?? false,
    doctorName: cell('doctorName'),
    doctorPhone: cell('doctorPhone'),
    photoConsent: photoConsent ?? false,
  };
  const parsed = childFields.safeParse(values);
  if (!parsed.success)
    fieldErrors(parsed.error.issues, Object.fromEntries(Object.keys(values).map((k) => [k, k as ImportField])));
  const born = birthDate ? `, né(e) le ${birthDate.split('-').reverse().join('/')}` : '';
  row.kind = 'child';
  row.summary = `Enfant : ${values.firstName} ${values.lastName.toUpperCase()}${born}${schoolLevel ? ` (${schoolLevel})` : ''}`;
  return { row, familyKey, child: errors.length === 0 ? values : undefined };
}

interface Plan {
  preview: ImportPreview;
  candidates: HouseholdCandidate[];
}

function planImport(core: DeskCore, input: ImportInput, actor: Actor): Result<Plan> {
  const file = parseFile(input);
  if (!file.ok) return file;
  const { header, records } = file.value;
  const mapping = mapColumns(header);
  const today = instantToParisDate(core.clock().toISOString());
  const fileErrors: ImportError[] = [];
  for (const field of ['lastName', 'firstName'] as const) {
    if (!mapping.fields[field])
      fileErrors.push({ line: 1, column: label(field), message: `Colonne « ${label(field)} » manquante.` });
  }
  if (records.length === 0) fileErrors.push({ line: 1, column: '', message: 'Aucune ligne à importer après les en-têtes.' });

  const known = existingGuardians(core);
  const cellsByLine = new Map(records.map((r) => [r.line, r.cells]));
  const checks = fileErrors.length > 0 ? [] : records.map((r) => checkRow(r.cells, r.line, mapping, today, known));

  // Grouping. With a « Famille » column: by its value. Without: a guardian row starts a household (unless it
  // follows another guardian of the same address: a couple) and child rows join the household above them.
  const groups = new Map<string, { display: string; checks: RowCheck[] }>();
  let current: string | undefined;
  let previous: RowCheck | undefined;
  for (const check of checks) {
    if (check.row.kind === 'ignored') continue;
    let key: string;
    if (mapping.fields.family) {
      if (!check.familyKey) continue;
      key = fold(check.familyKey);
    } else if (check.row.kind === 'guardian') {
      const couple = previous?.row.kind === 'guardian' && sameAddress(previous, check, mapping, cellsByLine);
      key = couple && current ? current : `ligne ${check.row.line}`;
      check.row.family = key;
    } else {
      if (!current) {
        check.row.errors.push({
          line: check.row.line,
          column: label('family'),
          message: 'Enfant sans responsable au-dessus de lui : ajoutez une colonne « Famille » ou placez ses responsables avant.',
        });
        previous = check;
        continue;
      }
      key = current;
      check.row.family = current;
    }
    current = key;
    previous = check;
    const group = groups.get(key) ?? { display: mapping.fields.family ? check.familyKey : key, checks: [] };
    group.checks.push(check);
    groups.set(key, group);
  }

  const candidates: HouseholdCandidate[] = [];
  for (const { display, checks: members } of groups.values()) {
    for (const m of members) m.row.family = display;
    const guardianRows = members.filter((m) => m.row.kind === 'guardian');
    const validGuardians = guardianRows.filter((m) => m.guardian).slice(0, 4);
    guardianRows
      .filter((m) => m.guardian)
      .slice(4)
      .forEach((m) => rowError(m, mapping, 'family', 'Un foyer a 4 responsables au plus : ligne non importée.'));
    const validChildren = members.filter((m) => m.row.kind === 'child' && m.child).slice(0, 12);
    members
      .filter((m) => m.row.kind === 'child' && m.child)
      .slice(12)
      .forEach((m) => rowError(m, mapping, 'family', 'Un foyer a 12 enfants au plus : ligne non importée.'));
    if (validGuardians.length === 0) {
      const message =
        guardianRows.length === 0
          ? `Aucun responsable dans la famille « ${display} » : ajoutez une ligne de responsable.`
          : `Le responsable de la famille « ${display} » est en erreur : l'enfant ne peut pas être importé sans lui.`;
      for (const m of members.filter((x) => x.row.kind === 'child' && x.row.errors.length === 0))
        rowError(m, mapping, 'family', message);
      continue;
    }
    const candidate: HouseholdCandidate = {
      family: display,
      guardians: validGuardians.map((m) => ({ line: m.row.line, args: m.guardian! })),
      children: validChildren.map((m) => ({ line: m.row.line, args: m.child! })),
    };
    // The command itself has the last word (the same validation as at the desk): a dry run, nothing written.
    const dryRun = core.runCommand('household.create', toCommandArgs(candidate), actor, true);
    if (!dryRun.ok) {
      attachCommandErrors(dryRun, candidate, checks, mapping);
      continue;
    }
    for (const m of [...validGuardians, ...validChildren]) m.row.summary += ` — foyer « ${display} »`;
    candidates.push(candidate);
  }

  const rows = checks.map((c) => c.row);
  const errors = [...fileErrors, ...rows.flatMap((r) => r.errors)];
  const households = candidates.map((c) => ({
    family: c.family,
    name: String(c.guardians[0]!.args.lastName).toUpperCase(),
    guardians: c.guardians.length,
    children: c.children.length,
    lines: [...c.guardians, ...c.children].map((x) => x.line).sort((a, b) => a - b),
  }));
  const invalidRows = rows.filter((r) => r.errors.length > 0).length;
  const message =
    errors.length === 0
      ? `${rows.length} ligne(s) valide(s) : ${households.length} foyer(s) à créer.`
      : `${errors.length} erreur(s) sur ${invalidRows || 'les'} ligne(s) ; ${households.length} foyer(s) pourraient être créés avec les seules lignes valides.`;
  return ok({
    preview: {
      encoding: file.value.encoding,
      separator: file.value.separator,
      columns: Object.entries(mapping.fields).map(([field, c]) => ({ header: c!.header, label: label(field as ImportField) })),
      ignoredColumns: mapping.ignored,
      rows,
      errors: errors.sort((a, b) => a.line - b.line),
      households,
      message,
    },
    candidates,
  });
}

function rowError(check: RowCheck, mapping: ColumnMapping, field: ImportField, message: string): void {
  check.row.errors.push({ line: check.row.line, column: mapping.fields[field]?.header ?? label(field), message });
}

function sameAddress(a: RowCheck, b: RowCheck, mapping: ColumnMapping, cellsByLine: Map<number, string[]>): boolean {
  const address = (check: RowCheck) =>
    (['addressLine1', 'postalCode', 'city'] as const)
      .map((f) => {
        const column = mapping.fields[f];
        return column ? fold(cellsByLine.get(check.row.line)?.[column.index] ?? '') : '';
      })
      .join('|');
  const left = address(a);
  return left !== '||' && left === address(b);
}

function toCommandArgs(candidate: HouseholdCandidate) {
  return {
    guardians: candidate.guardians.map((g) => g.args),
    children: candidate.children.map((c) => c.args),
  };
}

/** Maps the command's field errors (`guardians.0.mobilePhone`) back to the file's lines and columns. */
function attachCommandErrors(
  failure: { message: string; fieldErrors?: Record<string, string> },
  candidate: HouseholdCandidate,
  checks: RowCheck[],
  mapping: ColumnMapping,
) {
  const byLine = new Map(checks.map((c) => [c.row.line, c]));
  const entries = Object.entries(failure.fieldErrors ?? {});
  let attached = false;
  for (const [path, message] of entries) {
    const [, listName, index, fieldName = ''] = /^(guardians|children)\.(\d+)\.(\w+)/.exec(path) ?? [];
    const list = listName === 'guardians' ? candidate.guardians : listName ? candidate.children : undefined;
    const target = list?.[Number(index)];
    const check = target && byLine.get(target.line);
    if (!check) continue;
    const field = (fieldName in importColumns ? fieldName : 'lastName') as ImportField;
    rowError(check, mapping, field, message);
    attached = true;
  }
  if (!attached) {
    for (const x of [...candidate.guardians, ...candidate.children]) {
      const check = byLine.get(x.line);
      if (check) rowError(check, mapping, 'family', failure.message);
    }
  }
}

// ——— The two handlers ———

export function previewImport(core: DeskCore, input: ImportInput, actor: Actor): Result<ImportPreview> {
  const plan = planImport(core, input, actor);
  return plan.ok ? ok(plan.value.preview) : plan;
}

export interface ImportOutcome {
  householdIds: string[];
  households: number;
  guardians: number;
  children: number;
  /** Lines not imported (validRowsOnly), with their errors. */
  skipped: ImportError[];
}

class ImportAborted extends Error {
  constructor(readonly failure: Result<never> & { ok: false }) {
    super('import aborted');
  }
}

export function runImport(core: DeskCore, input: ImportInput, mode: ImportMode, actor: Actor): Result<ImportOutcome> {
  const plan = planImport(core, input, actor);
  if (!plan.ok) return plan;
  const { preview, candidates } = plan.value;
  if (mode === 'allOrNothing' && preview.errors.length > 0) {
    const fieldErrors: Record<string, string> = {};
    for (const e of preview.errors) fieldErrors[`Ligne ${e.line}${e.column ? ` — ${e.column}` : ''}`] ??= e.message;
    return fail(
      'invalid',
      `${preview.errors.length} erreur(s) dans le fichier : rien n'a été importé. Corrigez le fichier, ou choisissez d'importer seulement les lignes valides.`,
      fieldErrors,
    );
  }
  if (candidates.length === 0) return fail('empty', 'Aucune ligne valide à importer.');

  // One transaction for the whole file; each household through the runner (its own savepoint, outbox record,
  // audit rows, search index). The sync client is detached meanwhile: a push started by the first command
  // would read outbox rows this transaction has not committed yet. Everything below is synchronous, so no
  // other code runs (and sees the detached client) before it is put back; one sync is then requested.
  const sync = core.sync;
  const householdIds: string[] = [];
  try {
    core.sync = undefined;
    core.store.sqlite.transaction(() => {
      for (const candidate of candidates) {
        const result = core.runCommand('household.create', toCommandArgs(candidate), actor);
        if (!result.ok) throw new ImportAborted(result);
        householdIds.push((result.value as { householdId: string }).householdId);
      }
    })();
  } catch (error) {
    if (error instanceof ImportAborted) return error.failure;
    throw error;
  } finally {
    core.sync = sync;
  }
  sync?.poke();
  return ok({
    householdIds,
    households: candidates.length,
    guardians: candidates.reduce((n, c) => n + c.guardians.length, 0),
    children: candidates.reduce((n, c) => n + c.children.length, 0),
    skipped: preview.errors,
  });
}
