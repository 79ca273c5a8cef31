// The desk core: the database, the command runner and the handler table, with no Electron import, so that it
// runs inside Electron's main process, behind browser mode, and headless in tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatch, type Dispatch } from './api';
import { createCommandRunner, type RunCommand, type RunnerOptions } from './commandRunner';
import { openDeskDatabase, type DeskDatabase } from './db';

export interface DeskCore {
  store: DeskDatabase;
  deskId: string;
  runCommand: RunCommand;
  clock: () => Date;
  dispatch: Dispatch;
  close(): void;
}

export interface DeskCoreOptions extends Partial<RunnerOptions> {
  /** Folder holding `desk.db`; created if missing. */
  dataDir: string;
  migrationsFolder?: string;
}

export function openDeskCore(options: DeskCoreOptions): DeskCore {
  mkdirSync(options.dataDir, { recursive: true });
  const store = openDeskDatabase(join(options.dataDir, 'desk.db'), options.migrationsFolder);
  const deskId = options.deskId ?? store.clientId;
  const clock = options.clock ?? (() => new Date());
  const runCommand = createCommandRunner(store, { ...options, clock, deskId });
  const core: DeskCore = { store, deskId, runCommand, clock, dispatch: undefined!, close: () => store.sqlite.close() };
  core.dispatch = createDispatch(core);
  return core;
}

/** The staff member acting, until staff accounts exist (issue: staff accounts and roles). */
export const defaultStaffActor = { kind: 'staff', id: 'desk-agent', name: "Agent d'accueil", role: 'admin' } as const;
