// Words of a text with their offsets, and the folded form every lexicon is matched on (lowercase, no
// accents). Apostrophes and hyphens split words, so "l'armée" gives "l" + "armee" and "Microsoft's" gives
// "microsoft" + "s": elisions and possessives need no special case. One linear regex pass.
export interface Token {
  /** Folded form: lowercase, accents removed. */
  norm: string;
  start: number;
  end: number;
}

const WORD = /\+?[\p{L}\p{N}]+/gu;

export function foldWord(w: string): string {
  return w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ norm: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** A lexicon phrase as folded words; a trailing `*` on a word makes it a prefix ("utilis*"). */
export function phraseWords(phrase: string): string[] {
  const words: string[] = [];
  for (const m of phrase.matchAll(/\+?[\p{L}\p{N}]+\*?|\*/gu)) words.push(foldWord(m[0]));
  return words;
}
