// Data of the « Demandes » screen through TanStack Query. Keys start with 'requests' (refreshed after each sync and
// after each decision). A document's file is an online call to the hub: its key starts with 'portal' so that the
// sync loop does not fetch it again (each fetch is audited at the hub), and it is not kept once the viewer closes.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, type Args, type Returned } from '../../api';
import { useCommand, type CommandName, type CommandOptions } from '../../commands';

export type RequestQueue = Returned<'requests.queue'>;
export type QueueItem = RequestQueue['items'][number];
export type RequestKind = QueueItem['kind'];
export type QueueCounts = RequestQueue['counts'];
export type QueueFilter = Args<'requests.queue'>;
export type EnrolmentDetail = NonNullable<Returned<'requests.enrolment'>>;
export type HouseholdFileDetail = NonNullable<Returned<'requests.householdFile'>>;
export type SignUpDetail = NonNullable<Returned<'requests.signUp'>>;
export type Suggestion = SignUpDetail['suggestions'][number];
export type ExpiringDocument = Returned<'requests.expiring'>[number];

export const requestKeys = {
  all: ['requests'] as const,
  queue: (filter: QueueFilter) => ['requests', 'queue', filter] as const,
  counts: ['requests', 'counts'] as const,
};

export function useQueue(filter: QueueFilter) {
  return useQuery({
    queryKey: requestKeys.queue(filter),
    queryFn: () => call('requests.queue', filter),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

/** The header's count, polled (requests arrive with each pull). */
export function useRequestCounts(enabled: boolean) {
  return useQuery({
    queryKey: requestKeys.counts,
    queryFn: () => call('requests.counts', {}),
    refetchInterval: 10_000,
    enabled,
  });
}

export function useExpiring() {
  return useQuery({ queryKey: ['requests', 'expiring'], queryFn: () => call('requests.expiring', {}) });
}

export function useEnrolmentDetail(requestId: string | null) {
  return useQuery({
    queryKey: ['requests', 'enrolment', requestId],
    queryFn: () => call('requests.enrolment', { requestId: requestId! }),
    enabled: requestId !== null,
  });
}

export function useHouseholdFileDetail(fileId: string | null) {
  return useQuery({
    queryKey: ['requests', 'householdFile', fileId],
    queryFn: () => call('requests.householdFile', { fileId: fileId! }),
    enabled: fileId !== null,
  });
}

export function useSignUpDetail(householdId: string | null) {
  return useQuery({
    queryKey: ['requests', 'signUp', householdId],
    queryFn: () => call('requests.signUp', { householdId: householdId! }),
    enabled: householdId !== null,
  });
}

export function useDocumentFile(documentId: string) {
  return useQuery({
    queryKey: ['portal', 'documentFile', documentId],
    queryFn: () => call('documents.file', { documentId }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export function useActivityOptions() {
  return useQuery({ queryKey: ['requests', 'activities'], queryFn: () => call('activities.list', {}) });
}

/** A decision: the command, then the queue, the counts and the family data are refreshed. */
export function useRequestCommand<K extends CommandName>(name: K, options: CommandOptions = {}) {
  const queryClient = useQueryClient();
  const command = useCommand(name, options);
  const run = async (args: Args<K>) => {
    const result = await command.run(args);
    if (result?.ok) await queryClient.invalidateQueries({ queryKey: requestKeys.all });
    return result;
  };
  return { run, pending: command.pending };
}
