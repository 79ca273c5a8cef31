// Who is signed in (the session query) and which household the pages show. A guardian of two households
// (separated parents) switches between them; the choice is remembered on this device.
import { useQuery } from '@tanstack/react-query';
import { createContext, use, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api';
import { sessionKey } from './queryClient';
import type { Household, Session } from './types';

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('GET', '/api/parent/session');
    setCsrfToken(session.csrf);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const useSession = () => useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });

/** The commune's name, before login too. */
export function useCommune(): string {
  const session = useQuery({ queryKey: sessionKey, queryFn: fetchSession, enabled: false });
  const info = useQuery({
    queryKey: ['info'],
    queryFn: () => api<{ commune: string }>('GET', '/api/parent/info'),
    staleTime: Infinity,
    enabled: !session.data,
  });
  return session.data?.commune ?? info.data?.commune ?? '';
}

interface SpaceValue {
  session: Session;
  household: Household;
  chooseHousehold: (id: string) => void;
}

const SpaceContext = createContext<SpaceValue | null>(null);
const STORAGE_KEY = 'guichet.portail.foyer';

export function SpaceProvider({ session, children }: { session: Session; children: ReactNode }) {
  const [chosen, setChosen] = useState(() => localStorage.getItem(STORAGE_KEY));
  const household = session.households.find((h) => h.id === chosen) ?? session.households[0];
  const chooseHousehold = (id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setChosen(id);
  };
  if (!household) return children;
  return <SpaceContext value={{ session, household, chooseHousehold }}>{children}</SpaceContext>;
}

/** The signed-in guardian and the household shown (pages of the parent space only). */
export function useSpace(): SpaceValue {
  const value = use(SpaceContext);
  if (!value) throw new Error('useSpace outside the parent space');
  return value;
}

export const useOptionalSpace = () => use(SpaceContext);
