// The hub's mail dispatcher: e-mails every `family_messages` row (a decision on an enrolment request, a
// document, a yearly file, a sign-up…) once to the household's guardians who have an e-mail address.
// Messages are written by commands wherever they run (a desk's pushed mutation, a parent's command, a hub
// rule); the dispatcher only reads them, after each hub write batch (`schedule`, which never delays the
// request that wrote) and on a timer. Hub-only table `_hub_message_mails`: one row per message; `sent_at` set
// once every recipient has it; `sent_to` the addresses already done, so a retry after a partial failure never
// sends twice to the same guardian. Failed sends are retried later, with a growing delay.
import type Database from 'better-sqlite3';
import { hubVersion, type HubDatabase } from '../hubDb';
import { mailWithLink, type Mailer } from '../mailer';

export function installMessageMails(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _hub_message_mails (
      message_id TEXT PRIMARY KEY, sent_at TEXT, sent_to TEXT NOT NULL DEFAULT '[]', attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT, last_error TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX IF NOT EXISTS _hub_message_mails_due ON _hub_message_mails (next_attempt_at) WHERE sent_at IS NULL;
  `);
}

export interface MessageMailsOptions {
  hub: HubDatabase;
  mailer?: Mailer;
  clock: () => Date;
  publicUrl: () => string;
  commune: () => string;
  /** How often the timer drains (default 1 minute). */
  everyMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface MessageMails {
  /** Starts a drain soon, off the caller's path (coalesced with a drain already running). */
  schedule(): void;
  /**
   * Sends every message due now; resolves when done. `full` (default) checks every message; otherwise only
   * those written since the last drain and the retries due (what `schedule` runs).
   */
  drain(full?: boolean): Promise<{ sent: number; failed: number }>;
  /** Stops the timer and waits for a drain in progress. */
  close(): Promise<void>;
}

interface PendingMessage {
  id: string;
  household_id: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  sent_to: string | null;
  attempts: number | null;
  next_attempt_at: string | null;
}

/** After n failures, wait 1, 2, 4… minutes, at most an hour. */
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

export function createMessageMails(options: MessageMailsOptions): MessageMails {
  const { hub, clock } = options;
  installMessageMails(hub.sqlite);
  const mailer: Mailer | undefined = options.mailer;
  // No SMTP configured: messages stay on the portal only, and are e-mailed once a mailer is configured.
  if (mailer === undefined) return { schedule() {}, drain: async () => ({ sent: 0, failed: 0 }), close: async () => {} };
  const send = (mail: Parameters<Mailer['send']>[0]) => mailer.send(mail);
  // Two ways to find what is due. The full scan (every message against its mail row) is the safety net, run at
  // the first drain and then hourly by the timer; it costs about 1 ms per thousand messages. After a write, only the messages
  // written since the last drain are looked at, through the hub's row versions (by their version index: the
  // unary + keeps SQLite off the primary key, which would walk every message), plus the retries that fell
  // due (partial index): the cost follows the write, not the history.
  const allDue = hub.sqlite.prepare(`
    SELECT m.id FROM family_messages m LEFT JOIN _hub_message_mails s ON s.message_id = m.id
    WHERE s.sent_at IS NULL AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= @now)`);
  const writtenSince = hub.sqlite.prepare(`
    SELECT row_id AS id FROM _hub_row_versions
    WHERE version > @from AND version <= @to AND +table_name = 'family_messages' AND deleted = 0`);
  const retriesDue = hub.sqlite.prepare(`
    SELECT message_id AS id FROM _hub_message_mails WHERE sent_at IS NULL AND next_attempt_at <= @now`);
  const load = hub.sqlite.prepare(`
    SELECT m.id, m.household_id, m.subject, m.body, m.created_at, s.sent_at, s.sent_to, s.attempts, s.next_attempt_at
    FROM family_messages m LEFT JOIN _hub_message_mails s ON s.message_id = m.id WHERE m.id = ?`);
  const recipientsOf = hub.sqlite.prepare(`
    SELECT DISTINCT lower(g.email) AS email
    FROM household_guardians hg JOIN guardians g ON g.id = hg.guardian_id
    WHERE hg.household_id = ? AND g.email != '' ORDER BY 1`);
  const record = hub.sqlite.prepare(`
    INSERT INTO _hub_message_mails (message_id, sent_at, sent_to, attempts, next_attempt_at, last_error)
    VALUES (@id, @sentAt, @sentTo, @attempts, @nextAttemptAt, @lastError)
    ON CONFLICT (message_id) DO UPDATE SET sent_at = excluded.sent_at, sent_to = excluded.sent_to,
      attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error`);

  /** Hub version up to which written messages were looked at; undefined until the first full scan. */
  let seenVersion: number | undefined;
  let running: Promise<{ sent: number; failed: number }> | undefined;
  let again: 'full' | 'recent' | undefined;
  let scheduled = false;
  let closed = false;

  function dueMessages(full: boolean): PendingMessage[] {
    const now = clock().toISOString();
    const version = hubVersion(hub.sqlite);
    const ids =
      full || seenVersion === undefined
        ? (allDue.all({ now }) as { id: string }[])
        : [
            ...(writtenSince.all({ from: seenVersion, to: version }) as { id: string }[]),
            ...(retriesDue.all({ now }) as { id: string }[]),
          ];
    // Messages written while this drain sends have a higher version: the next drain sees them.
    seenVersion = version;
    return [...new Set(ids.map((r) => r.id))]
      .map((id) => load.get(id) as PendingMessage | undefined)
      .filter((m): m is PendingMessage => !!m && m.sent_at === null && (m.next_attempt_at === null || m.next_attempt_at <= now))
      .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1));
  }

  async function drainOnce(full: boolean): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const message of dueMessages(full)) {
      if (closed) break;
      const done = new Set<string>(JSON.parse(message.sent_to ?? '[]') as string[]);
      const recipients = recipientsOf.all(message.household_id) as { email: string }[];
      let error: unknown;
      for (const r of recipients) {
        if (done.has(r.email)) continue;
        try {
          await send(
            mailWithLink(
              r.email,
              `${options.commune()} : ${message.subject}`,
              // The message says its own « Bonjour … » (written by the command, shown on the portal too).
              message.body.split(/\n+/).filter(Boolean),
              { label: 'Ouvrir mon espace famille', url: new URL('/', options.publicUrl()).toString() },
              options.commune(),
            ),
          );
          done.add(r.email);
        } catch (e) {
          error = e;
          break;
        }
      }
      const attempts = (message.attempts ?? 0) + (error ? 1 : 0);
      const now = clock();
      record.run({
        id: message.id,
        sentAt: error ? null : now.toISOString(),
        sentTo: JSON.stringify([...done]),
        attempts,
        nextAttemptAt: error ? new Date(now.getTime() + retryDelayMs(attempts)).toISOString() : null,
        lastError: error ? String((error as Error).message ?? error).slice(0, 500) : '',
      });
      if (error) {
        failed++;
        // Logged without the address: logs carry no personal data.
        options.log?.('family message e-mail failed', { messageId: message.id, error: String(error) });
      } else if (recipients.length > 0) sent++;
    }
    return { sent, failed };
  }

  function drain(full: boolean): Promise<{ sent: number; failed: number }> {
    if (running) {
      again = full || again === 'full' ? 'full' : 'recent';
      return running;
    }
    running = (async () => {
      const total = { sent: 0, failed: 0 };
      let mode = full;
      for (;;) {
        again = undefined;
        const result = await drainOnce(mode);
        total.sent += result.sent;
        total.failed += result.failed;
        if (!again || closed) break;
        mode = again === 'full';
      }
      return total;
    })().finally(() => (running = undefined));
    return running;
  }

  const logFailure = (e: unknown) => options.log?.('mail drain failed', e);
  // Each tick sends what is new and the retries due; one tick in 60 also runs the full scan.
  let ticks = 0;
  const timer = setInterval(() => void drain(ticks++ % 60 === 0).catch(logFailure), options.everyMs ?? 60_000);
  timer.unref();

  return {
    schedule() {
      if (closed || scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (!closed) void drain(false).catch(logFailure);
      });
    },
    drain: (full = true) => drain(full),
    async close() {
      closed = true;
      clearInterval(timer);
      // A send in progress may finish (its row is then written); a stuck SMTP server does not hold the
      // shutdown for more than a few seconds (the message is retried at the next start).
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        running?.catch(() => undefined),
        new Promise<void>((resolve) => (timeout = setTimeout(resolve, 5_000).unref())),
      ]);
      clearTimeout(timeout);
    },
  };
}
