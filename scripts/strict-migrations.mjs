// drizzle-kit has no STRICT option for SQLite. Every replicated table must be STRICT (a JS number must never
// land as REAL on one replica and INTEGER on another), so after `drizzle-kit generate` this script adds
// STRICT to each CREATE TABLE of the migrations that have not landed yet (files it has not seen before).
// Landed migrations are never edited: a file that already ends its CREATE TABLEs with STRICT is left alone.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../drizzle/', import.meta.url).pathname;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  // A CREATE TABLE statement ends with `\n);` followed by drizzle's statement breakpoint.
  const after = before.replace(/(CREATE TABLE [^;]*?\n\));/g, '$1 STRICT;');
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`STRICT added in ${file}`);
  }
}
