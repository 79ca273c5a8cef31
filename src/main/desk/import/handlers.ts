// Desk handlers of the family import (spread into the handler table of api.ts).
import { z } from 'zod';
import type { Caller } from '../api';
import type { DeskCore } from '../core';
import { importInputSchema, previewImport, runImport } from './familyImport';

// `run` is typed from `input` here and takes `any` towards api.ts (which parses the arguments with `input`).
const def = <I extends z.ZodType, R>(
  input: I,
  run: (args: z.output<I>, caller: Caller) => R,
): { input: I; run: (args: any, caller: Caller) => R } => ({ input, run });

export function importHandlers(core: DeskCore) {
  return {
    /** Row by row: what would be created, and every error in French with its line and column. Writes nothing. */
    'import.preview': def(importInputSchema, (a, caller) => previewImport(core, a, caller.actor)),
    /**
     * Imports the file in one transaction, each household through `household.create`. `mode` is required:
     * `allOrNothing` refuses the file if any row is wrong; `validRowsOnly` imports the good rows only.
     */
    'import.run': def(importInputSchema.extend({ mode: z.enum(['allOrNothing', 'validRowsOnly']) }), (a, caller) =>
      runImport(core, a, a.mode, caller.actor),
    ),
  };
}
