// Staff accounts for the Comptes screen. Keys start with 'staff'; saving an account or a password refreshes them.
import { useQuery } from '@tanstack/react-query';
import { call, type Returned } from '../../api';

export type StaffAccount = Returned<'staff.list'>[number];

export const staffKeys = { all: ['staff'] as const, list: ['staff', 'list'] as const };

export function useStaffList() {
  return useQuery({ queryKey: staffKeys.list, queryFn: () => call('staff.list', {}) });
}
