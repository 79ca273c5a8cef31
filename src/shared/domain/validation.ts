// Field rules shared by every form and every command: French phone numbers, e-mail, postal code, names, dates.
// Messages are French and written for the person filling the form. Transforms are idempotent (parsing an
// already-normalised value gives the same value), because a command's arguments are parsed again on the hub.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';

// Every zod message in French (the field messages below are more precise still): a wrong type sent to the
// hub or a desk gets "Entrée invalide : …" rather than English.
z.config(z.locales.fr());

export const required = (max = 100) =>
  z
    .string({ error: 'Champ obligatoire.' })
    .trim()
    .min(1, { error: 'Champ obligatoire.' })
    .max(max, { error: `${max} caractères au maximum.` });

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au maximum.` })
    .default('');

/** Normalises a phone number typed in any usual form to E.164 (`+33612345678`), or undefined if invalid. */
export function normalizePhone(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), 'FR');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** `+33612345678` → `06 12 34 56 78`; numbers of other countries keep their international form. */
export function formatPhone(e164: string): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === '33' ? parsed.formatNational() : parsed.formatInternational();
}

/** Optional phone: empty stays empty; anything else must be a valid number. */
export const phone = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    if (value === '') return '';
    const normalized = normalizePhone(value);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'Numéro de téléphone invalide (exemple : 06 12 34 56 78).' });
      return z.NEVER;
    }
    return normalized;
  });

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'Adresse e-mail trop longue.' })
  .default('')
  .refine((value) => value === '' || z.email().safeParse(value).success, {
    error: 'Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).',
  });

export const postalCode = z
  .string()
  .trim()
  .default('')
  .refine((value) => value === '' || /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/.test(value), {
    error: 'Code postal invalide : 5 chiffres (exemple : 79230).',
  });

export { isoDateSchema as isoDate } from './dates';

/** A child's birth date is plausible when the child is between 0 and 20 years old on `today`. */
export function checkChildBirthDate(birthDate: string, today: string): string | undefined {
  if (birthDate > today) return 'La date de naissance ne peut pas être dans le futur.';
  const [y, m, d] = today.split('-');
  if (birthDate < `${Number(y) - 20}-${m}-${d}`) return 'Date de naissance invraisemblable pour un enfant (plus de 20 ans).';
  return undefined;
}
