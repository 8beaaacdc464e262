// Who a sentence says its words come from: "according to Amnesty International", "as reported by the
// Guardian", "selon Human Rights Watch", "d'après Le Monde", "une enquête de Forbidden Stories". A claim
// attributed to a source other than its document's publisher is a relay of that source, not a line of
// evidence of its own (domain/lineage.ts). Only a capitalised name is taken: "according to the report"
// names no source.
const CUE = /(?:\baccording to|\bas reported by|\breported by|\bcited by|\ba (?:report|study|statement|investigation|probe) (?:by|from)|\ban (?:investigation|inquiry|analysis) (?:by|from)|\bselon|\bd['’]apr[eè]s|\bcit[ée]e?s? par|\bun rapport (?:de|d['’]|du|des)|\bune enqu[eê]te (?:de|d['’]|du|des)|\bune (?:étude|analyse) (?:de|d['’]|du|des))\s+/giu;
// A lowercase article is not part of the name ("according to the Guardian"); a capitalised one is ("Le Monde").
const ARTICLE = /^(?:the|la|le|les)\s+|^l['’]/u;
const WORD = /^[\p{Lu}\d][\p{L}\d.&'’+-]*$/u;
const LINK = /^(?:of|for|on|and|de|du|des|d['’]|pour|et|the|la|le|les|l['’]|&)$/iu;
const TRAILING = new Set([',', ';', ':', '.', '!', '?', ')', '"', '»', '”']);
const NOT_A_SOURCE = new Set(['it', 'he', 'she', 'they', 'we', 'il', 'elle', 'ils', 'elles', 'nous', 'on', 'this', 'these', 'ce', 'ces', 'cette']);

/** The source a sentence attributes its statement to, or undefined. */
export function attributionOf(sentence: string): string | undefined {
  CUE.lastIndex = 0;
  for (let m = CUE.exec(sentence); m; m = CUE.exec(sentence)) {
    const rest = sentence.slice(m.index + m[0].length).replace(ARTICLE, '');
    const words = rest.split(/\s+/).slice(0, 10);
    const name: string[] = [];
    for (const raw of words) {
      let w = raw;
      while (w && TRAILING.has(w.at(-1)!)) w = w.slice(0, -1);
      if (WORD.test(w)) name.push(w);
      else if (name.length && LINK.test(w)) name.push(w);
      else break;
      if (w !== raw) break;
    }
    while (name.length && LINK.test(name.at(-1)!)) name.pop();
    const text = name.join(' ');
    if (text.length >= 2 && !NOT_A_SOURCE.has(text.toLowerCase())) return text;
  }
  return undefined;
}
