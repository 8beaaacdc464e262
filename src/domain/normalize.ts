// Text folding shared by ids, search and resolution: one definition of "the same name" everywhere.

/** Lowercase, strip accents and punctuation, fold typographic apostrophes and spaces, collapse whitespace. */
export function foldText(text: string): string {
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
  // split/join rather than trimming regexes: /-+$/ backtracks polynomially on long dash runs.
  const words = foldText(text).split(/[^a-z0-9]/).filter(Boolean);
  return words.join('-').slice(0, max).split('-').filter(Boolean).join('-') || 'x';
}
