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
import { provisionalRows, syncOutcomes } from './sync/queries';
import { SETUP_ACTOR } from './staff/session';
import { auditWithHealthFor, listStaff, setStaffPassword, withHealthFor } from './staff/queries';
import { mayCall, ROLE_LABEL, ruleFor } from '../../shared/permissions';
import { callHub, type PortalAccountState } from './portal/accounts';
import { isoDate } from '../../shared/domain/validation';
import { backupHandlers } from './backup/handlers';
import { rgpdHandlers } from './rgpd/handlers';
import { importHandlers } from './import/handlers';
import { billingHandlers } from './billing/handlers';
import { requestHandlers } from './requests/handlers';
import { deskHandlers } from './sync/desks';

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
    'session.status': query(z.object({}), () => core.sessions.status()),
    'session.login': query(z.object({ login: z.string().max(100), password: z.string().max(200) }), (a) =>
      core.sessions.login(a.login, a.password),
    ),
    'session.logout': query(z.object({}), () => core.sessions.logout()),
    'session.lock': query(z.object({}), () => core.sessions.lock()),
    'staff.list': query(z.object({}), () => listStaff(core.store.db)),
    'staff.setPassword': query(z.object({ staffId: idString, password: z.string().max(200) }), (a, caller) =>
      setStaffPassword(core, a.staffId, a.password, caller.actor),
    ),
    'staff.setLockDelay': query(z.object({ minutes: z.number().int().min(1).max(240) }), (a) =>
      core.sessions.setLockMinutes(a.minutes),
    ),
    'sync.status': query(z.object({}), () => (core.sync ? core.sync.status() : null)),
    'sync.now': query(z.object({}), async () => {
      await core.sync?.syncNow();
      return core.sync ? core.sync.status() : null;
    }),
    'portal.states': query(z.object({ guardianIds: z.array(idString).max(50) }), (a) =>
      callHub<PortalAccountState[]>(core, '/api/staff/portal/states', a),
    ),
    'portal.invite': query(z.object({ guardianId: idString }), (a, caller) =>
      callHub<PortalAccountState>(core, '/api/staff/portal/invite', { ...a, staffName: caller.actor.name }),
    ),
    'portal.letter': query(z.object({ guardianId: idString }), (a, caller) =>
      callHub<PortalAccountState & { code: string; activationUrl: string; expiresAt: string }>(core, '/api/staff/portal/letter', {
        ...a,
        staffName: caller.actor.name,
      }),
    ),
    'portal.revoke': query(z.object({ guardianId: idString }), (a, caller) =>
      callHub<PortalAccountState>(core, '/api/staff/portal/revoke', { ...a, staffName: caller.actor.name }),
    ),
    'sync.connect': query(z.object({ hubUrl: z.string().max(300), code: z.string().max(64) }), (a) => core.connect(a)),
    /** What the hub modified or rejected, newest first, and the pending commands that failed locally. */
    'sync.outcomes': query(z.object({}), () => syncOutcomes(core.store.sqlite)),
    'families.search': query(z.object({ q: z.string().max(200), includeArchived: z.boolean().default(false) }), (a) =>
      searchFamilies(core.store.sqlite, a.q, a.includeArchived),
    ),
    'families.recent': query(z.object({}), () => recentFamilies(core.store.sqlite)),
    'families.get': query(householdId, (a, caller) => {
      const view = getHousehold(core.store.db, a.householdId);
      return view ? withHealthFor(view, caller.actor) : null;
    }),
    'families.audit': query(householdId, (a, caller) =>
      auditWithHealthFor(householdAudit(core.store.db, a.householdId), caller.actor),
    ),
    'activities.list': query(z.object({ includeArchived: z.boolean().default(false) }), (a) =>
      listActivities(core.store.db, a.includeArchived),
    ),
    'activities.openDates': query(z.object({ activityId: idString, from: isoDate, to: isoDate }), (a) =>
      activityOpenDates(core.store.db, a.activityId, a.from, a.to),
    ),
    'calendar.get': query(z.object({ from: isoDate, to: isoDate }), (a) => getCalendar(core.store.db, a.from, a.to)),
    'reservations.month': query(z.object({ householdId: idString, month }), (a) =>
      monthGrid(
        core.store.db,
        core.store.sqlite,
        a.householdId,
        a.month,
        core.clock().toISOString(),
        provisionalRows(core.store.sqlite, 'bookings'),
      ),
    ),
    /** Exactly what `booking.book` would do, day by day, without writing anything. */
    'reservations.preview': query(z.custom<z.input<typeof bookingBook.input>>(), (a, caller) =>
      core.runCommand('booking.book', a, caller.actor, true),
    ),
    'attendance.list': query(z.object({ activityId: idString, date: isoDate, groupId: idString.optional() }), (a) =>
      attendanceList(core.store.db, a.activityId, a.date, a.groupId),
    ),
    ...backupHandlers(core),
    ...rgpdHandlers(core),
    ...importHandlers(core),
    ...billingHandlers(core),
    ...requestHandlers(core),
    ...deskHandlers(core),
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
    readonly code: 'unknownHandler' | 'invalidArgs' | 'unauthenticated' | 'forbidden',
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
  return async function dispatch(name: string, args: unknown, transport: Caller): Promise<unknown> {
    if (typeof name !== 'string') throw new BadCall('unknownHandler', 'Handler name must be a string');
    if (!Object.hasOwn(queries, name) && !commandsByName.has(name))
      throw new BadCall('unknownHandler', `Unknown handler: ${name}`);
    const caller = { actor: actingStaff(core, name, transport) };
    if (Object.hasOwn(queries, name)) {
      const def = queries[name]!;
      const parsed = def.input.safeParse(args ?? {});
      if (!parsed.success) throw new BadCall('invalidArgs', `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`);
      return def.run(parsed.data, caller);
    }
    const command = commandsByName.get(name);
    if (command?.authorityOnly && core.sync) {
      // Issuing invoices, numbering…: the hub runs it (a connected desk never numbers on its own), then the
      // desk pulls the result.
      const remote = await callHub<Result<unknown>>(core, '/api/staff/commands', { name, args, actor: caller.actor });
      if (!remote.ok) {
        return remote.code === 'offline'
          ? {
              ...remote,
              message:
                'Cette opération est faite par le concentrateur, injoignable pour le moment : réessayez une fois en ligne.',
            }
          : remote;
      }
      await core.sync.syncNow();
      return remote.value;
    }
    return core.runCommand(name, args, caller.actor);
  };
}

/**
 * The staff member acting: the desk's logged-in user once staff accounts exist (whatever the transport
 * says), the transport's actor in set-up mode. Refuses calls before login, on a locked desk, and above the
 * user's role (permissions.ts).
 */
function actingStaff(core: DeskCore, name: string, transport: Caller): Actor {
  const rule = ruleFor(name);
  const current = core.sessions.actor(rule !== 'anyone');
  if (current === SETUP_ACTOR) return transport.actor;
  if (rule === 'anyone') return typeof current === 'string' ? transport.actor : current;
  if (current === 'login') throw new BadCall('unauthenticated', 'Connectez-vous pour continuer.');
  if (current === 'locked') throw new BadCall('unauthenticated', 'Poste verrouillé : saisissez votre mot de passe.');
  if (!mayCall(current.role, name)) {
    throw new BadCall('forbidden', `Action réservée au rôle ${ROLE_LABEL[rule === undefined ? 'admin' : rule]}.`);
  }
  return current;
}

export type Dispatch = ReturnType<typeof createDispatch>;
