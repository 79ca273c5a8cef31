// The household's yearly file as the pages read it, and which school year the page is about.
import { api } from '../../api';
import type { YearlyFile } from '../../types';

export const fileKey = (householdId: string) => ['yearlyFile', householdId] as const;

export const fetchYearlyFile = (householdId: string) => api<YearlyFile>('GET', `/api/parent/households/${householdId}/file`);

export type YearState = NonNullable<YearlyFile['files']>[number];

/**
 * The year the page is about: the hub's choice during the summer campaign (May to August, the next year);
 * the rest of the year, the current one, so a family that has just sent its file sees it and can correct it.
 */
export function chosenYear(data: YearlyFile, today: string): { schoolYear: string; state: YearState } {
  const month = Number(today.slice(5, 7));
  const schoolYear = data.schoolYears && !(month >= 5 && month <= 8) ? data.schoolYears.current : data.schoolYear;
  const state =
    data.files?.find((f) => f.schoolYear === schoolYear) ??
    (data.file && data.schoolYear === schoolYear
      ? { schoolYear, ...data.file }
      : { schoolYear, status: 'none' as const, reason: '', submittedAt: null });
  return { schoolYear, state };
}

