// Sentence spans with Intl.Segmenter, mended where it splits after an abbreviation ("M.", "Dr.", "sept.",
// "U.S.") or a lone initial. Offsets index the original text.
export interface Span {
  start: number;
  end: number;
}

const ABBREV = /(?:^|[\s(])(?:M|Mme|Mmes|MM|Mlle|Dr|Pr|Me|St|Ste|Mr|Mrs|Ms|Prof|Gen|Gén|Col|Lt|Sgt|Jr|Sr|Inc|Ltd|Co|Corp|No|n°|vol|p|pp|art|al|cf|etc|env|janv|févr|fév|avr|juil|sept|oct|nov|déc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z]|U\.S|U\.N|e\.g|i\.e)\.\s*$/u;

export function sentences(text: string, lang = 'fr'): Span[] {
  const seg = new Intl.Segmenter(lang, { granularity: 'sentence' });
  const spans: Span[] = [];
  for (const s of seg.segment(text)) {
    const start = s.index;
    const end = s.index + s.segment.length;
    const prev = spans.at(-1);
    if (prev && ABBREV.test(text.slice(Math.max(prev.start, prev.end - 12), prev.end))) prev.end = end;
    else spans.push({ start, end });
  }
  // Trim whitespace so quotes start and end on text.
  return spans
    .map(({ start, end }) => {
      while (start < end && /\s/.test(text[start]!)) start++;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      return { start, end };
    })
    .filter((s) => s.end > s.start);
}
