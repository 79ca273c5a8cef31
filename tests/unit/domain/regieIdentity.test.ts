// The commune's SIRET (Luhn key) and logo (PNG/JPEG by content, 200 KB) as the régie settings check them.
import { describe, expect, it } from 'vitest';
import {
  decodeLogo,
  formatSiret,
  imageTypeOf,
  logoProblem,
  luhnValid,
  normalizeSiret,
  siretProblem,
} from '../../../src/shared/domain/regieIdentity';

const pngHeader = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const dataUrl = (type: string, bytes: number[] | Uint8Array) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('SIRET', () => {
  it('accepts 14 digits with a valid Luhn key, typed with spaces', () => {
    // La Poste's head office (356 000 000 00048), an ordinary Luhn-valid SIRET, and the demo commune's.
    expect(siretProblem('356 000 000 00048')).toBeNull();
    expect(siretProblem('21790003400018')).toBeNull();
    expect(normalizeSiret(' 217 900 034.00018 ')).toBe('21790003400018');
    expect(formatSiret('21790003400018')).toBe('217 900 034 00018');
    expect(siretProblem('')).toBeNull();
  });

  it('refuses a wrong length, letters, or a wrong key, in French', () => {
    expect(siretProblem('2179000340001')).toBe('Le SIRET compte 14 chiffres (13 saisis).');
    expect(siretProblem('2179000340001A')).toBe('Le SIRET ne contient que des chiffres (14).');
    expect(siretProblem('21790003400019')).toBe(
      "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres.",
    );
    // Every single-digit typo is caught by the key.
    const good = '21790003400018';
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = good.slice(0, i) + d + good.slice(i + 1);
        if (typo !== good) expect(luhnValid(typo), typo).toBe(false);
      }
    }
  });
});

describe('logo', () => {
  it('knows PNG and JPEG by their bytes', () => {
    expect(imageTypeOf(Uint8Array.from([...pngHeader, 0]))).toBe('image/png');
    expect(imageTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageTypeOf(new TextEncoder().encode('GIF89a'))).toBeNull();
  });

  it('accepts a PNG or JPEG data URL up to 200 KB, refuses the rest in French', () => {
    expect(logoProblem('')).toBeNull();
    expect(logoProblem(dataUrl('image/png', [...pngHeader, 1, 2, 3]))).toBeNull();
    expect(decodeLogo(dataUrl('image/png', [...pngHeader, 1, 2, 3]))?.bytes.length).toBe(11);
    expect(logoProblem(dataUrl('image/png', [0x47, 0x49, 0x46, 0x38]))).toBe("Ce fichier n'est pas une image PNG ou JPEG.");
    expect(logoProblem(dataUrl('image/jpeg', [...pngHeader]))).toBe('Le type déclaré du logo ne correspond pas à son contenu.');
    expect(logoProblem('https://example.org/logo.png')).toBe('Le logo doit être une image PNG ou JPEG.');
    expect(logoProblem('data:image/png;base64,@@@@')).toBe('Le fichier du logo est illisible.');
    const heavy = new Uint8Array(201 * 1024);
    heavy.set(pngHeader);
    expect(logoProblem(dataUrl('image/png', heavy))).toMatch(/^Logo trop lourd/);
    const justRight = new Uint8Array(200 * 1024);
    justRight.set(pngHeader);
    expect(logoProblem(dataUrl('image/png', justRight))).toBeNull();
  });
});
