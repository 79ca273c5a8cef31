// Node only (node:crypto): used by the desk core and the hub, never by a renderer.
// Parent passwords: scrypt (node:crypto, memory-hard, no native add-on), a per-password salt, constant-time
// comparison; and the rules a chosen password must meet, with French messages.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    ...PARAMS,
    N: Number(n),
  });
  return timingSafeEqual(actual, expected);
}

// The most used passwords (international and French lists); a chosen password must not be one of them,
// nor one of them with a few digits or a "!" added.
const COMMON = new Set(
  `123456 123456789 12345678 password azerty azertyuiop motdepasse 1234567890 qwerty 111111 123123 000000 abc123 password1
  iloveyou soleil doudou chouchou loulou marseille nicolas camille jetaime bonjour coucou princesse football
  portugal doudoune chocolat tintin julien thomas celine isabelle alexandre nathalie sandrine stephanie
  motdepasse1 azerty123 azerty1 qwertyuiop 1q2w3e4r 1qaz2wsx admin welcome sunshine dragon master monkey letmein
  trustno1 baseball superman batman pokemon starwars liberte famille enfant maman papa bebe mamour amour
  0123456789 9876543210 aaaaaaaaaa 1111111111 motdepassefort guichet aiffres portailfamille`.split(/\s+/),
);

export function passwordProblem(
  password: string,
  identity: { email: string; firstName: string; lastName: string },
): string | undefined {
  if (password.length < 10) return 'Le mot de passe doit comporter au moins 10 caractères.';
  if (password.length > 200) return 'Le mot de passe est trop long (200 caractères au plus).';
  const folded = password.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  const core = folded.replace(/[\d!?.*_-]+$/, '');
  if (COMMON.has(folded) || COMMON.has(core) || /^(.)\1+$/.test(folded))
    return 'Ce mot de passe est trop courant : choisissez-en un autre.';
  const personal = [identity.email.split('@')[0], identity.firstName, identity.lastName]
    .map((s) => (s ?? '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''))
    .filter((s) => s.length >= 4);
  if (personal.some((s) => core === s || folded === s))
    return 'Le mot de passe ne doit pas être votre nom ou votre adresse e-mail.';
  if (new Set(password).size < 5) return 'Le mot de passe est trop simple : variez les caractères.';
  return undefined;
}
