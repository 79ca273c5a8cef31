// The desk core: the database, the command runner, the handler table and the sync client, with no Electron
// import, so that it runs inside Electron's main process, behind browser mode, and headless in tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatch, type Dispatch } from './api';
import { createCommandRunner, createReplay, type RunCommand, type RunnerOptions } from './commandRunner';
import { openDeskDatabase, type DeskDatabase } from './db';
import { createSyncClient, type SyncClient } from './sync/client';
import { connectToHub, fileSecretStore, type SecretStore } from './sync/connection';
import { createSessions, type Sessions } from './staff/session';
import { getHubConnection } from './sync/state';

export interface DeskCore {
  store: DeskDatabase;
  deskId: string;
  runCommand: RunCommand;
  clock: () => Date;
  dispatch: Dispatch;
  /** Who is logged in at this desk (staff accounts, lock after inactivity). */
  sessions: Sessions;
  /** Present once the desk is connected to a hub; absent for a standalone desk. */
  sync?: SyncClient;
  connect(input: { hubUrl: string; code: string }): ReturnType<typeof connectToHub>;
  close(): Promise<void>;
}

export interface DeskCoreOptions extends Partial<RunnerOptions> {
  /** Folder holding `desk.db`; created if missing. */
  dataDir: string;
  migrationsFolder?: string;
  /** Where the device token lives (default: a 0600 file in dataDir). */
  secrets?: SecretStore;
  /** Start the background sync loop when connected (default true; tests drive `sync.syncNow()`). */
  autoSync?: boolean;
  syncIntervalMs?: number;
  fetch?: typeof fetch;
}

export function openDeskCore(options: DeskCoreOptions): DeskCore {
  mkdirSync(options.dataDir, { recursive: true });
  const store = openDeskDatabase(join(options.dataDir, 'desk.db'), options.migrationsFolder);
  const secrets = options.secrets ?? fileSecretStore(options.dataDir);
  const clock = options.clock ?? (() => new Date());
  const core = { store, clock, sessions: createSessions(store, clock) } as DeskCore;
  const startSync = () => {
    const hub = getHubConnection(store.sqlite);
    const token = secrets.get();
    if (!hub || !token) return;
    core.deskId = hub.deskId;
    core.sync = createSyncClient({
      store,
      replay: createReplay(store, hub.deskId),
      hubUrl: hub.url,
      token,
      clock,
      fetch: options.fetch,
    });
    if (options.autoSync !== false) core.sync.start(options.syncIntervalMs);
  };
  core.deskId = options.deskId ?? getHubConnection(store.sqlite)?.deskId ?? store.clientId;
  core.runCommand = createCommandRunner(store, {
    ...options,
    clock,
    get deskId() {
      return core.deskId;
    },
    onCommitted: (name) => {
      options.onCommitted?.(name);
      core.sync?.poke();
    },
  });
  core.connect = async (input) => {
    const result = await connectToHub(store, secrets, input, options.fetch);
    if (result.ok) startSync();
    return result;
  };
  core.close = () => {
    const finish = () => void store.sqlite.close();
    const stopping = core.sync?.stop();
    if (stopping) return stopping.then(finish);
    finish();
    return Promise.resolve();
  };
  core.dispatch = createDispatch(core);
  startSync();
  return core;
}

/** The staff member acting, until staff accounts exist (issue: staff accounts and roles). */
export const defaultStaffActor = { kind: 'staff', id: 'desk-agent', name: "Agent d'accueil", role: 'admin' } as const;
