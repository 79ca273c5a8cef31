// The commune's public information (`GET /api/parent/info`, before login too): its name, the régie's contact
// details for the footer, and its logo for the banner. Same query as `useCommune` (session.tsx).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export interface CommuneContactDetails {
  /** The régie's name, or the commune's. */
  name: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  /** As written in France (`05 49 32 00 00`), and its `tel:` link ('' when the number is not valid). */
  phone: string;
  phoneHref: string;
  email: string;
  officeHours: string;
}

export interface CommuneInfo {
  commune: string;
  contact: CommuneContactDetails | null;
  /** A PNG / JPEG data URL, or ''. */
  logo: string;
}

export const communeInfoKey = ['info'] as const;

export function useCommuneInfo() {
  return useQuery({
    queryKey: communeInfoKey,
    queryFn: () => api<CommuneInfo>('GET', '/api/parent/info'),
    staleTime: 5 * 60_000,
  });
}
