// Places taken per (unit, group, day), kept by triggers in a local derived table so that a month grid reads
// a few dozen counters instead of aggregating every booking of the month. Whoever writes `bookings` (a local
// command, a rebase, a pulled sync batch), the counters follow in the same transaction.
import type Database from 'better-sqlite3';

const ACCEPTED = `IN ('booked', 'attended', 'absent')`;
const add = (row: 'NEW' | 'OLD', sign: '+' | '-') => `
  INSERT INTO _slot_counts (unit_id, date, group_id, accepted, waitlisted)
  VALUES (${row}.unit_id, ${row}.date, ${row}.group_id, ${sign}(${row}.status ${ACCEPTED}), ${sign}(${row}.status = 'waitlisted'))
  ON CONFLICT (unit_id, date, group_id) DO UPDATE SET
    accepted = accepted + excluded.accepted, waitlisted = waitlisted + excluded.waitlisted;`;

export function installSlotCounts(sqlite: Database.Database): void {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = '_slot_counts'`).get();
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _slot_counts (
      unit_id TEXT NOT NULL, date TEXT NOT NULL, group_id TEXT NOT NULL,
      accepted INTEGER NOT NULL, waitlisted INTEGER NOT NULL,
      PRIMARY KEY (unit_id, date, group_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS _slot_counts_ai AFTER INSERT ON bookings BEGIN ${add('NEW', '+')} END;
    CREATE TRIGGER IF NOT EXISTS _slot_counts_ad AFTER DELETE ON bookings BEGIN ${add('OLD', '-')} END;
    CREATE TRIGGER IF NOT EXISTS _slot_counts_au AFTER UPDATE OF status, unit_id, date, group_id ON bookings
      BEGIN ${add('OLD', '-')} ${add('NEW', '+')} END;
  `);
  if (!exists) rebuildSlotCounts(sqlite);
}

/** Recounts every counter from `bookings` (first install; the end of an initial sync that loaded the bookings
 * with the triggers off). Same values as the triggers keep, minus zero rows. Call inside a transaction. */
export function rebuildSlotCounts(sqlite: Database.Database): void {
  sqlite.exec(`
    DELETE FROM _slot_counts;
    INSERT INTO _slot_counts (unit_id, date, group_id, accepted, waitlisted)
    SELECT unit_id, date, group_id, sum(status ${ACCEPTED}), sum(status = 'waitlisted') FROM bookings GROUP BY 1, 2, 3;`);
}
