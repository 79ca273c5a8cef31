// One TanStack Query client for the desk. Data is local (SQLite on this machine), so queries are cheap and
// refetched on mount; commands invalidate what they may have changed (see commands.ts).
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 5_000, retry: false, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});
