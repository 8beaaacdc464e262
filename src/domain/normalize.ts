// Text folding shared by ids, search and resolution: one definition of "the same name" everywhere.

const ASCII = /^[\x00-\x7f]*$/;

/** Lowercase, strip accents and punctuation, fold typographic apostrophes and spaces, collapse whitespace. */
export function foldText(text: string): string {
  // Most names of a registry are ASCII, where the Unicode steps change nothing: the same result at a third
  // of the cost (an import folds every name it reads).
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return foldUnicode(text);
}

/** foldText's steps for any text (exported for the test that holds the ASCII shortcut to them). */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A short ASCII slug of a name for readable ids: "Unité 8200" → "unite-8200". */
export function slugify(text: string, max = 40): string {
  return slugOfFolded(foldText(text), max);
}

/** slugify() of a name already folded by foldText(). */
export function slugOfFolded(folded: string, max = 40): string {
  // split/join rather than trimming regexes: /-+$/ backtracks polynomially on long dash runs.
  const words = folded.split(/[^a-z0-9]/).filter(Boolean);
  return words.join('-').slice(0, max).split('-').filter(Boolean).join('-') || 'x';
}
