// Who is at the desk, for any screen below the session gate: the user (null in set-up mode), the role that
// decides what is shown (set-up mode acts as administrator, like the core), and `may(handler)` from the same
// rules the core applies (shared/permissions.ts). Hiding is for comfort; the core refuses anyway.
import { createContext, useContext } from 'react';
import type { Role } from '../../../../shared/commands/types';
import { mayCall } from '../../../../shared/permissions';
import type { SessionUser } from './queries';

export interface Session {
  user: SessionUser | null;
  role: Role | undefined;
  setupMode: boolean;
  lockAfterMinutes: number;
}

export const SessionContext = createContext<Session>({ user: null, role: undefined, setupMode: false, lockAfterMinutes: 10 });

export function useSession(): Session & { may: (handler: string) => boolean } {
  const session = useContext(SessionContext);
  return { ...session, may: (handler: string) => mayCall(session.role, handler) };
}
