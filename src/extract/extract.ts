// Text → the extraction output of ONTOLOGY.md: language, sentences, mentions grouped into the document's
// entities (ids local to it: e1, e2 …), and claims with their exact quote and offsets. Pure and synchronous;
// input size is bounded by the caller (read-input.ts).
import { franc } from 'franc-min';
import { Extraction, type ExtractedClaim, type ExtractedEntity } from '../domain/extraction.ts';
import { findClaims } from './claims.ts';
import { loadLexicon } from './lexicon.ts';
import { findMentions } from './mentions.ts';
import { sentences } from './sentences.ts';
import { tokenize } from './tokens.ts';

export interface DocumentMeta {
  title?: string;
  language?: string;
  publishedAt?: string | null;
  publisher?: string | null;
  url?: string | null;
}

const LANGS: Record<string, string> = { fra: 'fr', eng: 'en', spa: 'es', deu: 'de', ita: 'it', por: 'pt', nld: 'nl', ara: 'ar', heb: 'he', rus: 'ru', cmn: 'zh' };

/** ISO 639-1 code of the text's language ("und" when too short or unclear). */
export function detectLanguage(text: string): string {
  const code = franc(text.slice(0, 20_000), { minLength: 20, only: Object.keys(LANGS) });
  return LANGS[code] ?? 'und';
}

export function extract(text: string, meta: DocumentMeta = {}): Extraction {
  const language = meta.language && meta.language !== 'auto' ? meta.language : detectLanguage(text);
  const lex = loadLexicon();
  const sents = sentences(text, language === 'und' ? 'en' : language);
  const tokens = tokenize(text);
  const set = findMentions(text, tokens, sents, lex);
  const { claims } = findClaims(text, tokens, sents, set, lex);

  // Entities in order of first mention; only those mentioned or claimed about.
  const used = new Set([...set.mentions.map((m) => m.entity), ...claims.flatMap((c) => [c.subject, c.object])]);
  const ordered = [...set.entities.values()].filter((e) => used.has(e.key)).sort((a, b) => a.firstSeen - b.firstSeen);
  const localId = new Map(ordered.map((e, i) => [e.key, `e${i + 1}`]));
  const entities: ExtractedEntity[] = ordered.map((e) => ({
    id: localId.get(e.key)!,
    kind: e.kind,
    name: e.name,
    aliases: [...e.aliases].filter((a) => a !== e.name),
    ...(e.wikidataId ? { wikidataId: e.wikidataId } : {}),
    ...(Object.keys(e.fields).length ? { fields: e.fields } : {}),
    mentions: set.mentions.filter((m) => m.entity === e.key).slice(0, 50).map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end) })),
  }));
  const out: ExtractedClaim[] = claims.map((c) => ({
    type: c.type,
    subject: localId.get(c.subject)!,
    object: localId.get(c.object)!,
    certainty: c.certainty,
    quote: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    confidence: Math.round(c.confidence * 100) / 100,
    rule: c.rule,
  }));
  return Extraction.parse({
    document: { ...(meta.title ? { title: meta.title } : {}), language, publishedAt: meta.publishedAt ?? null, publisher: meta.publisher ?? null, url: meta.url ?? null },
    entities,
    claims: out,
  });
}
