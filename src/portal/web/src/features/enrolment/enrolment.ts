// The enrolment options and requests of a household, as the pages read them.
import { api } from '../../api';
import type { EnrolmentOptions, EnrolmentRequest } from '../../types';

export const enrolmentKey = (householdId: string) => ['enrolmentOptions', householdId] as const;

export const fetchEnrolmentOptions = (householdId: string) =>
  api<EnrolmentOptions>('GET', `/api/parent/households/${householdId}/enrolment-options`);

/** A request still waiting for the commune's answer: the family may withdraw it. */
export const isOpen = (r: Pick<EnrolmentRequest, 'status'>) => r.status === 'pending' || r.status === 'waitlisted';
