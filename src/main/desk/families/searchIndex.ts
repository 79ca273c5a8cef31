// The family search index: a local FTS5 table with one folded document per household (names of every member,
// e-mails, phone digits). Triggers on the replicated tables mark households dirty, whoever wrote them (a local
// command or a pulled sync batch); `refreshSearchIndex` rebuilds the dirty documents in the same transaction.
import type Database from 'better-sqlite3';
import { foldText, phoneSearchDigits } from '../../../shared/domain/search';

// Upserts, not INSERT OR IGNORE: inside a trigger, the conflict policy of the statement that fired it wins
// (a sync upsert would turn OR IGNORE into an abort).
const dirty = (expr: string) => `INSERT INTO _search_dirty (household_id) VALUES (${expr}) ON CONFLICT DO NOTHING;`;
const dirtyVia = (table: string, column: string, expr: string) =>
  `INSERT INTO _search_dirty (household_id) SELECT household_id FROM ${table} WHERE ${column} = ${expr} AND true ON CONFLICT DO NOTHING;`;

const triggers: Array<[string, string, string]> = [
  ['households_ai', 'AFTER INSERT ON households', dirty('NEW.id')],
  ['households_au', 'AFTER UPDATE ON households', dirty('NEW.id')],
  ['households_ad', 'AFTER DELETE ON households', dirty('OLD.id')],
  ['hg_ai', 'AFTER INSERT ON household_guardians', dirty('NEW.household_id')],
  ['hg_au', 'AFTER UPDATE ON household_guardians', dirty('NEW.household_id') + dirty('OLD.household_id')],
  ['hg_ad', 'AFTER DELETE ON household_guardians', dirty('OLD.household_id')],
  // On insert too: a pull may bring the link rows before the guardian or child they name (each row comes once, at
  // its latest version, so a guardian changed after being linked comes after the link).
  ['guardians_ai', 'AFTER INSERT ON guardians', dirtyVia('household_guardians', 'guardian_id', 'NEW.id')],
  ['guardians_au', 'AFTER UPDATE ON guardians', dirtyVia('household_guardians', 'guardian_id', 'NEW.id')],
  ['hc_ai', 'AFTER INSERT ON household_children', dirty('NEW.household_id')],
  ['hc_au', 'AFTER UPDATE ON household_children', dirty('NEW.household_id') + dirty('OLD.household_id')],
  ['hc_ad', 'AFTER DELETE ON household_children', dirty('OLD.household_id')],
  ['children_ai', 'AFTER INSERT ON children', dirtyVia('household_children', 'child_id', 'NEW.id')],
  ['children_au', 'AFTER UPDATE ON children', dirtyVia('household_children', 'child_id', 'NEW.id')],
];

export function installSearchIndex(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS _search USING fts5(body, tokenize = "unicode61 remove_diacritics 2", prefix = '2 3 4 5 6');
    CREATE TABLE IF NOT EXISTS _search_map (doc INTEGER PRIMARY KEY, household_id TEXT NOT NULL UNIQUE) STRICT;
    CREATE TABLE IF NOT EXISTS _search_dirty (household_id TEXT PRIMARY KEY) STRICT;
  `);
  for (const [name, when, body] of triggers) {
    sqlite.exec(`DROP TRIGGER IF EXISTS _search_${name}; CREATE TRIGGER _search_${name} ${when} BEGIN ${body} END;`);
  }
  // First start on an existing database (or after a restore): index everything once.
  const indexed = sqlite.prepare('SELECT count(*) AS n FROM _search_map').get() as { n: number };
  if (indexed.n === 0) {
    sqlite.exec('INSERT OR IGNORE INTO _search_dirty (household_id) SELECT id FROM households');
    sqlite.transaction(() => refreshSearchIndex(sqlite))();
  }
}

/** Rebuilds every document (the end of an initial sync that loaded the families with the triggers off): the same
 * documents the triggers and `refreshSearchIndex` would have made. Call inside a transaction. */
export function rebuildSearchIndex(sqlite: Database.Database): void {
  sqlite.exec(`
    DELETE FROM _search;
    DELETE FROM _search_map;
    DELETE FROM _search_dirty;
    INSERT INTO _search_dirty (household_id) SELECT id FROM households;`);
  refreshSearchIndex(sqlite);
}

/** Rebuilds the documents of dirty households. Call inside the transaction that made them dirty. */
export function refreshSearchIndex(sqlite: Database.Database): void {
  const ids = (sqlite.prepare('SELECT household_id AS id FROM _search_dirty').all() as { id: string }[]).map((r) => r.id);
  if (ids.length === 0) return;
  const statements = prepared(sqlite);
  for (const id of ids) {
    const old = statements.findDoc.get(id) as { doc: number } | undefined;
    if (old) {
      statements.deleteDoc.run(old.doc);
      statements.unmap.run(id);
    }
    const household = statements.household.get(id) as { name: string } | undefined;
    if (!household) continue;
    const parts = [household.name];
    for (const g of statements.guardians.all(id) as Record<string, string>[]) {
      parts.push(g.first_name!, g.last_name!, g.birth_name!, g.email!);
      for (const p of [g.mobile_phone, g.home_phone, g.work_phone]) if (p) parts.push(phoneSearchDigits(p));
    }
    for (const c of statements.children.all(id) as Record<string, string>[]) parts.push(c.first_name!, c.last_name!);
    const { lastInsertRowid } = statements.insertDoc.run(foldText(parts.filter(Boolean).join(' ')));
    statements.map.run({ id, doc: Number(lastInsertRowid) });
  }
  sqlite.prepare('DELETE FROM _search_dirty').run();
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
function prepared(sqlite: Database.Database) {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = prepare(sqlite)));
  return statements;
}

function prepare(sqlite: Database.Database) {
  return {
    findDoc: sqlite.prepare('SELECT doc FROM _search_map WHERE household_id = ?'),
    deleteDoc: sqlite.prepare('DELETE FROM _search WHERE rowid = ?'),
    insertDoc: sqlite.prepare('INSERT INTO _search (body) VALUES (?)'),
    map: sqlite.prepare('INSERT INTO _search_map (doc, household_id) VALUES (@doc, @id)'),
    unmap: sqlite.prepare('DELETE FROM _search_map WHERE household_id = ?'),
    household: sqlite.prepare('SELECT name FROM households WHERE id = ?'),
    guardians: sqlite.prepare(
      'SELECT g.* FROM guardians g JOIN household_guardians hg ON hg.guardian_id = g.id WHERE hg.household_id = ?',
    ),
    children: sqlite.prepare(
      'SELECT c.first_name, c.last_name FROM children c JOIN household_children hc ON hc.child_id = c.id WHERE hc.household_id = ?',
    ),
  };
}
