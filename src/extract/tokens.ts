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

const ASCII = /^[\x00-\x7f]*$/;
const folded = new Map<string, string>();

export function foldWord(w: string): string {
  if (ASCII.test(w)) return w.toLowerCase();
  let f = folded.get(w);
  if (f === undefined) {
    f = w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (folded.size > 100_000) folded.clear(); // bounded: memory stays flat on huge inputs
    folded.set(w, f);
  }
  return f;
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

/** Index of the first item (tokens, mentions: in text order) for which `after` holds (binary search). */
export function firstIndexWhere<T>(items: readonly T[], after: (t: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(items[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const UPPER = /^\p{Lu}$/u;
/** Whether a token starts with a capital (past a leading "+", as in "+972"): ASCII by char code, else by class. */
export function startsUpper(text: string, t: Token | undefined): boolean {
  if (!t) return false;
  let i = t.start;
  if (text.charCodeAt(i) === 43) i++;
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const cp = text.codePointAt(i)!;
  return UPPER.test(String.fromCodePoint(cp));
}
