// Family data for the screens, through TanStack Query. Keys start with 'families' so that one invalidation
// after any family command (commands.ts) refreshes search results, the family file and its audit trail.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, type Returned } from '../../api';

export type FamilyHit = Returned<'families.search'>[number];
export type FamilyView = NonNullable<Returned<'families.get'>>;
export type GuardianView = FamilyView['guardians'][number];
export type ChildView = FamilyView['children'][number];
export type ContactView = ChildView['contacts'][number];
export type QuotientView = FamilyView['quotients'][number];
export type AuditRow = Returned<'families.audit'>[number];

export function useFamilySearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['families', 'search', query],
    // Archived households are found too (ranked last, with a badge): staff look them up to restore them.
    queryFn: () => call('families.search', { q: query, includeArchived: true }),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 1_000,
  });
}

export function useRecentFamilies() {
  return useQuery({ queryKey: ['families', 'recent'], queryFn: () => call('families.recent', {}) });
}

export function useFamily(householdId: string) {
  return useQuery({ queryKey: ['families', 'get', householdId], queryFn: () => call('families.get', { householdId }) });
}

export function useFamilyAudit(householdId: string) {
  return useQuery({ queryKey: ['families', 'audit', householdId], queryFn: () => call('families.audit', { householdId }) });
}
