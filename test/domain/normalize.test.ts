// foldText's ASCII shortcut must fold exactly as its Unicode steps do: ids are derived from folded names, so
// one differing character would give an entity a second id.
import { describe, expect, it } from 'vitest';
import { entityId } from '../../src/domain/ids.ts';
import { foldText, foldUnicode as unicodeFold, slugify } from '../../src/domain/normalize.ts';

describe('foldText', () => {
  it('folds every ASCII character, alone and in random strings, as the Unicode steps do', () => {
    for (let c = 0; c < 128; c++) {
      const s = `a${String.fromCharCode(c)}B`;
      expect(foldText(s)).toBe(unicodeFold(s));
    }
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const s = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => String.fromCharCode(Math.floor(rand() * 128))).join('');
      expect(foldText(s)).toBe(unicodeFold(s));
    }
  });

  it('still strips accents and folds apostrophes and ligatures outside ASCII', () => {
    expect(foldText('Unité 8200')).toBe('unite 8200');
    expect(foldText('L’Oréal ﬁnance')).toBe('l oreal finance');
    expect(foldText('Ｍｉｃｒｏｓｏｆｔ')).toBe('microsoft');
    expect(slugify('Unité 8200 — Gaza')).toBe('unite-8200-gaza');
  });

  it('gives the ids it gave before the shortcut', () => {
    // Reference values derived with the Unicode steps (a changed id would split every stored entity).
    expect(entityId('Company', { name: 'Microsoft Corporation' })).toBe(entityId('Company', { name: 'MICROSOFT  corporation!' }));
    expect(entityId('Company', { name: 'Microsoft Corporation' })).toBe('co_microsoft-corporation_d781cec798');
    expect(entityId('Company', { name: 'Unité 8200' })).toBe('co_unite-8200_0295e6d232');
    expect(entityId('Person', { name: 'x`y' })).toBe('per_x-y_94619e5d56');
  });
});
