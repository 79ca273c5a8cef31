// The registry of named commands. A duplicate name fails at start-up (module load), not at run time.
import { activityCommands } from './activities';
import { billingCommands } from './billing';
import { billingSettingsCommands } from './billingSettings';
import { enrolmentCommands } from './enrolment';
import { familyCommands } from './families';
import { paymentCommands } from './payments';
import { purgeCommands } from './purge';
import { reservationCommands } from './reservations';
import { staffCommands } from './staff';
import type { CommandDef } from './types';

export const allCommands = [
  ...familyCommands,
  ...activityCommands,
  ...reservationCommands,
  ...staffCommands,
  ...billingSettingsCommands,
  ...billingCommands,
  ...paymentCommands,
  ...purgeCommands,
  ...enrolmentCommands,
] as const;

export type AnyCommand = (typeof allCommands)[number];
export type CommandName = AnyCommand['name'];

export const commandsByName: ReadonlyMap<string, CommandDef> = (() => {
  const map = new Map<string, CommandDef>();
  for (const command of allCommands as readonly CommandDef[]) {
    if (map.has(command.name)) throw new Error(`Duplicate command name: ${command.name}`);
    map.set(command.name, command);
  }
  return map;
})();
