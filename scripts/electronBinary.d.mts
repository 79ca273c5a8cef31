// Types of scripts/electronBinary.mjs (plain JavaScript so that `node scripts/start.mjs` runs it unbuilt).
export function findElectronBinary(projectDir: string, exists?: (path: string) => boolean): string | null;
export const BUILD_OUTPUTS: readonly string[];
export function isBuilt(projectDir: string, exists?: (path: string) => boolean): boolean;
export const BROWSER_MODE_NOTICE: string;
export type StartPlan =
  | { build: boolean; mode: 'electron'; command: string; args: string[] }
  | { build: boolean; mode: 'browser'; notice?: string; command: string; args: string[] };
export function planStart(options: { argv: readonly string[]; built: boolean; electronBinary: string | null }): StartPlan;
