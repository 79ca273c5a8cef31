// The commune's identity printed on invoices and receipts: its SIRET (14 digits with a Luhn check key, as INSEE
// issues them; La Poste's 356 000 000 exception is not supported: a commune's régie is never La Poste) and its
// logo, stored as a small PNG or JPEG data URL (checked by its bytes, not by its name or declared type).
// Pure: runs in the commands (main, hub) and in the renderer (before upload).
import { z } from 'zod';

/** A logo larger than this (decoded bytes) is refused: it is printed small, and replicated to every desk. */
export const LOGO_MAX_BYTES = 200 * 1024;

/** `213 000 000 00011` → `21300000000011` (spaces, dots and dashes people type are dropped). */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s.\-\u00a0]/g, '');
}

/** Luhn check over the digits (INSEE's control key of SIREN and SIRET). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** French problem with a typed SIRET, or null when it is usable (empty: not given). */
export function siretProblem(input: string): string | null {
  const siret = normalizeSiret(input);
  if (siret === '') return null;
  if (!/^\d+$/.test(siret)) return 'Le SIRET ne contient que des chiffres (14).';
  if (siret.length !== 14) return `Le SIRET compte 14 chiffres (${siret.length} saisis).`;
  if (!luhnValid(siret)) return "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres.";
  return null;
}

export const siretSchema = z
  .string()
  .trim()
  .transform(normalizeSiret)
  .superRefine((value, ctx) => {
    const problem = siretProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** `214 000 000 00014` for display (SIREN groups, then the NIC). */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

export type LogoType = 'image/png' | 'image/jpeg';

/** The image type of the bytes (by their signature), or null when they are neither PNG nor JPEG. */
export function imageTypeOf(bytes: Uint8Array): LogoType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Decoded bytes of a base64 string (atob: in Node and in browsers), or null when it is not base64. */
function base64Bytes(base64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return null;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes and type of a stored logo data URL, or null when there is none or it is unusable. */
export function decodeLogo(dataUrl: string): { type: LogoType; bytes: Uint8Array } | null {
  const match = /^data:(image\/(?:png|jpeg));base64,(.*)$/s.exec(dataUrl);
  if (!match) return null;
  const bytes = base64Bytes(match[2]!);
  if (!bytes) return null;
  const type = imageTypeOf(bytes);
  return type && type === match[1] ? { type, bytes } : null;
}

/** French problem with a logo data URL, or null when it is usable (empty: no logo). */
export function logoProblem(dataUrl: string): string | null {
  if (dataUrl === '') return null;
  // Checked before decoding: base64 takes 4 characters per 3 bytes.
  if (dataUrl.length > Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 100) return `Logo trop lourd : ${LOGO_MAX_BYTES / 1024} Ko au plus.`;
  const match = /^data:([\w/+.-]+);base64,(.*)$/s.exec(dataUrl);
  if (!match) return 'Le logo doit être une image PNG ou JPEG.';
  const bytes = base64Bytes(match[2]!);
  if (!bytes) return 'Le fichier du logo est illisible.';
  const type = imageTypeOf(bytes);
  if (!type) return "Ce fichier n'est pas une image PNG ou JPEG.";
  if (type !== match[1]) return 'Le type déclaré du logo ne correspond pas à son contenu.';
  if (bytes.length > LOGO_MAX_BYTES)
    return `Logo trop lourd (${Math.ceil(bytes.length / 1024)} Ko) : ${LOGO_MAX_BYTES / 1024} Ko au plus.`;
  return null;
}

export const logoSchema = z.string().superRefine((value, ctx) => {
  const problem = logoProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
