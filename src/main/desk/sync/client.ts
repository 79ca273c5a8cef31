// The desk's sync client: pushes pending commands in order, pulls row changes page by page and rebases. Runs
// every few seconds when online, right after each local command, and on demand; backs off while the hub is
// unreachable. Pushes are gzip-compressed; pulls ask for gzip (fetch decompresses).
// A standalone desk that connects uploads its data once: its outbox holds every command since it was
// created (uncaptured: no undo images); the client pushes until the hub has acknowledged all of them before its
// first pull, so a rebase never has to undo a command it cannot undo.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PullRequest, PullResponse, PushRequest } from '../../../shared/sync/protocol';
import type { DeskDatabase } from '../db';
import { rebase, StalePull, type OutboxRow, type Replay } from './rebase';
import { wantsInitialSync } from './initial';
import { getCookie, pendingCount } from './state';

const gzipAsync = promisify(gzip);

export interface SyncStatus {
  state: 'online' | 'offline' | 'syncing' | 'revoked';
  /** Since when the hub is unreachable (UTC ISO), for "hors ligne depuis 10:42". */
  offlineSince: string | null;
  lastSyncAt: string | null;
  pending: number;
  lastError: string | null;
  /** Initial sync progress, 0..1, while pages are coming. */
  progress: number | null;
}

export interface SyncClientOptions {
  store: DeskDatabase;
  replay: Replay;
  hubUrl: string;
  token: string;
  clock?: () => Date;
  fetch?: typeof fetch;
  pushBatch?: number;
  pullLimit?: number;
  /**
   * Rows per page during an initial sync (default 10,000: pages of 25,000 were 6 % faster on the 8,000-household
   * bench but the process peaked 140 MB higher).
   */
  initialPullLimit?: number;
  onChange?: (status: SyncStatus) => void;
}

export class HubError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createSyncClient(options: SyncClientOptions) {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const doFetch = options.fetch ?? fetch;
  const status: SyncStatus = {
    state: 'offline',
    offlineSince: null,
    lastSyncAt: null,
    pending: pendingCount(store.sqlite),
    lastError: null,
    progress: null,
  };
  let acknowledged = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = true;

  const changed = () => {
    status.pending = pendingCount(store.sqlite);
    options.onChange?.({ ...status });
  };

  async function post<T>(path: string, body: unknown): Promise<T> {
    const payload = await gzipAsync(Buffer.from(JSON.stringify(body)));
    const response = await doFetch(new URL(path, options.hubUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'accept-encoding': 'gzip',
      },
      body: payload,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) throw new HubError(response.status, json.message ?? `HTTP ${response.status}`);
    return json as T;
  }

  async function push(): Promise<void> {
    const batch = options.pushBatch ?? 200;
    for (;;) {
      const rows = store.sqlite
        .prepare('SELECT * FROM _outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?')
        .all(acknowledged, batch) as OutboxRow[];
      if (rows.length === 0) return;
      const request: PushRequest = {
        clientId: store.clientId,
        mutations: rows.map((r) => ({
          id: r.mutation_id,
          commandId: r.command_id,
          name: r.name,
          args: JSON.parse(r.args),
          createdAt: r.created_at,
          actor: JSON.parse(r.actor),
        })),
      };
      const { lastMutationId } = await post<{ lastMutationId: number }>('/api/sync/push', request);
      acknowledged = Math.max(acknowledged, lastMutationId);
      if (lastMutationId < rows[rows.length - 1]!.mutation_id) return;
    }
  }

  /** Commands without undo images (a standalone desk's history) must be acknowledged before any pull. */
  function mayPull(): boolean {
    const uncaptured = store.sqlite.prepare('SELECT max(mutation_id) AS id FROM _outbox WHERE captured = 0').get() as {
      id: number | null;
    };
    return uncaptured.id === null || uncaptured.id <= acknowledged;
  }

  async function pull(): Promise<void> {
    const startCookie = getCookie(store.sqlite) ?? 0;
    let next: Promise<PullResponse> | null = null;
    for (;;) {
      const cookie = getCookie(store.sqlite);
      // A new desk (or one whose initial sync was interrupted) downloads the commune in large pages applied in
      // bulk (initial.ts); later pulls are small and go through the normal rebase.
      const initial = wantsInitialSync(store.sqlite);
      const request = (from: number | null) => {
        const pending = post<PullResponse>('/api/sync/pull', {
          clientId: store.clientId,
          cookie: from,
          limit: initial ? (options.initialPullLimit ?? 10_000) : (options.pullLimit ?? 5000),
          format: initial ? 'tables' : 'changes',
        } satisfies PullRequest);
        pending.catch(() => {}); // awaited below, or dropped with the run
        return pending;
      };
      const response = await (next ?? request(cookie));
      next = null;
      // Initial sync: the hub reads and compresses the next page while this one is applied. Based on this page's
      // cookie, it is refused as stale (and the run ends) if this page does not commit.
      if (initial && response.more && response.baseCookie === cookie) next = request(response.cookie);
      try {
        // Re-checked after the await: a local command may have been recorded meanwhile (the bulk path replays it).
        rebase(store, response, options.replay, { initial: initial || wantsInitialSync(store.sqlite) });
      } catch (error) {
        // A late response applied over newer state would break the replica: drop it, the next pull redoes it.
        if (error instanceof StalePull) return;
        throw error;
      }
      acknowledged = Math.max(acknowledged, response.lastMutationId);
      // An initial sync counts from version 0, even when it resumes after an interruption.
      const from = initial ? 0 : startCookie;
      const span = response.hubVersion - from;
      status.progress = response.more && span > 0 ? (response.cookie - from) / span : null;
      changed();
      if (!response.more) return;
    }
  }

  async function runOnce(): Promise<void> {
    status.state = status.state === 'revoked' ? 'revoked' : 'syncing';
    changed();
    try {
      await push();
      if (mayPull()) await pull();
      failures = 0;
      status.state = 'online';
      status.offlineSince = null;
      status.lastError = null;
      status.lastSyncAt = clock().toISOString();
    } catch (error) {
      failures++;
      if (error instanceof HubError && error.status === 401) {
        status.state = 'revoked';
        status.lastError = error.message;
      } else {
        status.state = 'offline';
        status.offlineSince ??= clock().toISOString();
        status.lastError = error instanceof Error ? error.message : String(error);
      }
    } finally {
      status.progress = null;
      changed();
    }
  }

  /** One full sync (push then pull); concurrent calls coalesce into one more run. */
  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(intervalMs: number): void {
    if (stopped) return;
    // Back-off while offline: 1 s, 2 s, 4 s… up to a minute; the normal interval when online.
    const delay = failures === 0 ? intervalMs : Math.min(60_000, 1000 * 2 ** Math.min(failures - 1, 6));
    timer = setTimeout(() => {
      void syncNow().then(() => schedule(intervalMs));
    }, delay);
  }

  /** A file the hub keeps (a family's document): GET with the device token; HubError on a refusal. */
  async function download(path: string): Promise<{ bytes: Buffer; contentType: string }> {
    const response = await doFetch(new URL(path, options.hubUrl), {
      headers: { authorization: `Bearer ${options.token}` },
    });
    if (!response.ok) {
      const json = (await response.json().catch(() => ({}))) as { message?: string };
      throw new HubError(response.status, json.message ?? `HTTP ${response.status}`);
    }
    return {
      bytes: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  return {
    /** An online call to the hub (commands that run at the hub only: activation e-mails…). */
    request: post,
    download,
    status: () => ({ ...status, pending: pendingCount(store.sqlite) }),
    syncNow,
    /** After a local command: sync soon (coalesced), when the loop runs. */
    poke: () => {
      if (!stopped) void syncNow();
    },
    start(intervalMs = 3000) {
      stopped = false;
      void syncNow().then(() => schedule(intervalMs));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type SyncClient = ReturnType<typeof createSyncClient>;
