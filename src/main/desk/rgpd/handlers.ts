// Desk handlers of RGPD (spread into the handler table of api.ts). The purge is the command `rgpd.purge`.
import { z } from 'zod';
import { defaultArchivedBeforeYears } from '../../../shared/commands/purge';
import type { Caller } from '../api';
import type { DeskCore } from '../core';
import { exportHousehold, purgePreview, type HouseholdExport } from './rgpd';

// `run` is typed from `input` here and takes `any` towards api.ts (which parses the arguments with `input`).
const def = <I extends z.ZodType, R>(
  input: I,
  run: (args: z.output<I>, caller: Caller) => R,
): { input: I; run: (args: any, caller: Caller) => R } => ({ input, run });

export function rgpdHandlers(core: DeskCore) {
  return {
    /**
     * Everything held about one household, as JSON (and nothing about another household), with the content of
     * the documents it sent, fetched from the hub (where they are kept); an export made offline says they are missing.
     */
    'rgpd.exportHousehold': def(z.object({ householdId: z.string().min(1).max(64) }), async (a, caller) => {
      const result = exportHousehold(core.store.db, a.householdId, core.clock());
      if (!result.ok || (result.value.tables.documents ?? []).length === 0) return result;
      if (!core.sync) return result; // standalone: no family can have sent a document
      try {
        const { bytes } = await core.sync.download(
          `/api/staff/households/${encodeURIComponent(a.householdId)}/documents-export?staff=${encodeURIComponent(caller.actor.name)}`,
        );
        result.value.documentFiles = JSON.parse(bytes.toString('utf8')) as HouseholdExport['documentFiles'];
      } catch {
        result.value.documentFilesMissing =
          'Concentrateur injoignable : le contenu des pièces justificatives manque à cet export. Refaites-le une fois la connexion revenue.';
      }
      return result;
    }),
    /** Dry run of `rgpd.purge`: the archived households that could be anonymised, and what would go. */
    'rgpd.purgePreview': def(
      z.object({ archivedBeforeYears: z.number().int().min(1).max(30).default(defaultArchivedBeforeYears) }),
      (a) => purgePreview(core.store.db, core.clock(), a.archivedBeforeYears),
    ),
  };
}
