// Expected failures are values, bugs are exceptions (STYLE.md §7). A full day, a passed deadline or an invalid
// phone number comes back as a Failure with a French message; a thrown error means a bug.
import type { z } from 'zod';

export interface Success<T> {
  ok: true;
  value: T;
  /** The hub may accept a request as asked or modify it (e.g. booked → waitlisted); a French message says how. */
  outcome?: 'accepted' | 'modified';
  message?: string;
}

export interface Failure {
  ok: false;
  /** Stable machine code: `invalid`, `notFound`, `conflict`, `deadline`, `forbidden`… */
  code: string;
  /** French, ready to show to staff or parents. */
  message: string;
  /** Field path (`guardians.0.mobilePhone`) → French message, shown next to the field. */
  fieldErrors?: Record<string, string>;
}

export type Result<T> = Success<T> | Failure;

export const ok = <T>(value: T, extra?: Omit<Success<T>, 'ok' | 'value'>): Success<T> => ({ ok: true, value, ...extra });

export const fail = (code: string, message: string, fieldErrors?: Record<string, string>): Failure =>
  fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };

export function invalid(fieldErrors: Record<string, string>): Failure {
  const count = Object.keys(fieldErrors).length;
  return fail('invalid', count > 1 ? `${count} champs sont à corriger.` : 'Un champ est à corriger.', fieldErrors);
}

/** Turns a zod error into field messages keyed by dotted path; the first message per field wins. */
export function zodFailure(error: z.ZodError): Failure {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fieldErrors[key] ??= issue.message;
  }
  return invalid(fieldErrors);
}
