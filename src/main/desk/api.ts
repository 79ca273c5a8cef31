// The desk's typed handler table (STYLE.md §1): every query and every command by name. The Electron IPC channel
// and the browser-mode HTTP bridge both go through `dispatch`, so the renderer, tests and scripts drive the desk
// core by exactly the same path. Queries validate their arguments here; commands are validated by the runner
// (after their ids are filled), and their expected failures come back as values.
import { z } from 'zod';
import { allCommands, commandsByName, type AnyCommand } from '../../shared/commands';
import type { Actor } from '../../shared/commands/types';
import type { Result } from '../../shared/result';
import type { DeskCore } from './core';
import { getHousehold, householdAudit, recentFamilies, searchFamilies } from './families/queries';
import { activityOpenDates, attendanceList, getCalendar, listActivities, monthGrid } from './reservations/queries';
import { bookingBook } from '../../shared/commands/reservations';
import { getHubConnection } from './sync/state';
import { syncOutcomes } from './sync/queries';
import { isoDate } from '../../shared/domain/validation';

export interface Caller {
  actor: Actor;
}

interface QueryDef<I extends z.ZodType, R> {
  input: I;
  run: (args: z.output<I>, caller: Caller) => R;
}
const query = <I extends z.ZodType, R>(input: I, run: (args: z.output<I>, caller: Caller) => R): QueryDef<I, R> => ({
  input,
  run,
});

const idString = z.string().min(1).max(64);
const householdId = z.object({ householdId: idString });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export function createQueries(core: DeskCore) {
  return {
    'desk.info': query(z.object({}), () => {
      const hub = getHubConnection(core.store.sqlite);
      return {
        clientId: core.store.clientId,
        deskId: core.deskId,
        mode: hub ? ('connected' as const) : ('standalone' as const),
        hub: hub ?? null,
      };
    }),
    'sync.status': query(z.object({}), () => (core.sync ? core.sync.status() : null)),
    'sync.now': query(z.object({}), async () => {
      await core.sync?.syncNow();
      return core.sync ? core.sync.status() : null;
    }),
    'sync.connect': query(z.object({ hubUrl: z.string().max(300), code: z.string().max(64) }), (a) => core.connect(a)),
    /** What the hub modified or rejected, newest first, and the pending commands that failed locally. */
    'sync.outcomes': query(z.object({}), () => syncOutcomes(core.store.sqlite)),
    'families.search': query(z.object({ q: z.string().max(200), includeArchived: z.boolean().default(false) }), (a) =>
      searchFamilies(core.store.sqlite, a.q, a.includeArchived),
    ),
    'families.recent': query(z.object({}), () => recentFamilies(core.store.sqlite)),
    'families.get': query(householdId, (a) => getHousehold(core.store.db, a.householdId) ?? null),
    'families.audit': query(householdId, (a) => householdAudit(core.store.db, a.householdId)),
    'activities.list': query(z.object({ includeArchived: z.boolean().default(false) }), (a) =>
      listActivities(core.store.db, a.includeArchived),
    ),
    'activities.openDates': query(z.object({ activityId: idString, from: isoDate, to: isoDate }), (a) =>
      activityOpenDates(core.store.db, a.activityId, a.from, a.to),
    ),
    'calendar.get': query(z.object({ from: isoDate, to: isoDate }), (a) => getCalendar(core.store.db, a.from, a.to)),
    'reservations.month': query(z.object({ householdId: idString, month }), (a) =>
      monthGrid(core.store.db, core.store.sqlite, a.householdId, a.month, core.clock().toISOString()),
    ),
    /** Exactly what `booking.book` would do, day by day, without writing anything. */
    'reservations.preview': query(z.custom<z.input<typeof bookingBook.input>>(), (a, caller) =>
      core.runCommand('booking.book', a, caller.actor, true),
    ),
    'attendance.list': query(z.object({ activityId: idString, date: isoDate, groupId: idString.optional() }), (a) =>
      attendanceList(core.store.db, a.activityId, a.date, a.groupId),
    ),
  };
}

type QueryTable = ReturnType<typeof createQueries>;
type CommandValue<C extends AnyCommand> = ReturnType<C['handler']> extends Result<infer V> ? V : never;

/** What the renderer can call: `call(name, args)` resolves to the handler's result. */
export type DeskApi = {
  [K in keyof QueryTable]: (args: z.input<QueryTable[K]['input']>) => Promise<ReturnType<QueryTable[K]['run']>>;
} & {
  [C in AnyCommand as C['name']]: (args: z.input<C['input']>) => Promise<Result<CommandValue<C>>>;
};
export type HandlerName = keyof DeskApi;

/** A call the caller got wrong (unknown handler, malformed arguments): a 4xx, not a business failure. */
export class BadCall extends Error {
  constructor(
    readonly code: 'unknownHandler' | 'invalidArgs',
    message: string,
  ) {
    super(message);
  }
}

export function createDispatch(core: DeskCore) {
  const queries: Record<string, QueryDef<z.ZodType, unknown>> = createQueries(core);
  for (const command of allCommands) {
    if (Object.hasOwn(queries, command.name)) throw new Error(`Handler name used twice: ${command.name}`);
  }
  return async function dispatch(name: string, args: unknown, caller: Caller): Promise<unknown> {
    if (typeof name !== 'string') throw new BadCall('unknownHandler', 'Handler name must be a string');
    if (Object.hasOwn(queries, name)) {
      const def = queries[name]!;
      const parsed = def.input.safeParse(args ?? {});
      if (!parsed.success) throw new BadCall('invalidArgs', `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`);
      return def.run(parsed.data, caller);
    }
    if (commandsByName.has(name)) return core.runCommand(name, args, caller.actor);
    throw new BadCall('unknownHandler', `Unknown handler: ${name}`);
  };
}

export type Dispatch = ReturnType<typeof createDispatch>;
