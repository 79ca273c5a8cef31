// The desk's sync client: pushes pending commands in order, pulls row changes page by page and rebases. Runs
// every few seconds when online, right after each local command, and on demand; backs off while the hub is
// unreachable. Pushes are gzip-compressed; pulls ask for gzip (fetch decompresses).
// A standalone desk that connects uploads its data once: its outbox holds every command since it was
// created (uncaptured: no undo images); the client pushes until the hub has acknowledged all of them before its
// first pull, so a rebase never has to undo a command it cannot undo.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PullResponse, PushRequest } from '../../../shared/sync/protocol';
import type { DeskDatabase } from '../db';
import { rebase, StalePull, type OutboxRow, type Replay } from './rebase';
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
    for (;;) {
      const cookie = getCookie(store.sqlite);
      const response = await post<PullResponse>('/api/sync/pull', {
        clientId: store.clientId,
        cookie,
        limit: options.pullLimit ?? 5000,
      });
      try {
        rebase(store, response, options.replay);
      } catch (error) {
        // A late response applied over newer state would break the replica: drop it, the next pull redoes it.
        if (error instanceof StalePull) return;
        throw error;
      }
      acknowledged = Math.max(acknowledged, response.lastMutationId);
      const span = response.hubVersion - startCookie;
      status.progress = response.more && span > 0 ? (response.cookie - startCookie) / span : null;
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

  return {
    /** An online call to the hub (commands that run at the hub only: activation e-mails…). */
    request: post,
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
