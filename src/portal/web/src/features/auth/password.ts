// What the page says about a password while the parent types it: the hub's rules (passwords.ts on the hub,
// which decides) checked as far as the browser can, and a strength hint in words.

export interface PasswordRule {
  label: string;
  /** undefined: the hub checks it (the list of common passwords is not sent to browsers). */
  met?: boolean;
}

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

export function passwordRules(
  password: string,
  identity: { firstName: string; lastName: string; login: string },
): PasswordRule[] {
  const folded = fold(password);
  const core = folded.replace(/[\d!?.*_-]+$/, '');
  const personal = [identity.login.split('@')[0], identity.firstName, identity.lastName]
    .map((s) => fold(s ?? ''))
    .filter((s) => s.length >= 4);
  return [
    { label: 'Au moins 10 caractères', met: password.length >= 10 },
    { label: 'Au moins 5 caractères différents', met: new Set(password).size >= 5 },
    {
      label: 'Différent de votre nom, de votre prénom et de votre adresse e-mail',
      met: password.length > 0 && !personal.some((s) => s === core || s === folded),
    },
    { label: 'Pas un mot de passe courant (azerty, 123456, motdepasse…)' },
  ];
}

export type Strength = { level: 0 | 1 | 2 | 3 | 4; label: string; color: string };

/** A rough estimate (length × variety of characters), enough to encourage a longer passphrase. */
export function passwordStrength(password: string): Strength {
  if (password.length < 10) return { level: 0, label: 'trop court', color: 'red' };
  const pool =
    (/[a-z]/.test(password) ? 26 : 0) +
    (/[A-Z]/.test(password) ? 26 : 0) +
    (/\d/.test(password) ? 10 : 0) +
    (/[^a-zA-Z\d]/.test(password) ? 33 : 0);
  const bits = new Set(password).size < 5 ? 0 : password.length * Math.log2(Math.max(pool, 2));
  if (bits < 50) return { level: 1, label: 'faible', color: 'red' };
  if (bits < 65) return { level: 2, label: 'moyenne', color: 'orange' };
  if (bits < 80) return { level: 3, label: 'bonne', color: 'teal' };
  return { level: 4, label: 'très bonne', color: 'green' };
}
