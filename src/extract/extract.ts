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

/** Texts longer than this are extracted in chunks cut at paragraph breaks, so memory stays flat. */
export const CHUNK_CHARS = 200_000;

export function extract(text: string, meta: DocumentMeta = {}): Extraction {
  if (text.length <= CHUNK_CHARS) return extractChunk(text, meta);
  const language = meta.language && meta.language !== 'auto' ? meta.language : detectLanguage(text);
  const entities = new Map<string, ExtractedEntity>();
  const claims: ExtractedClaim[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + CHUNK_CHARS);
    if (end < text.length) {
      const para = text.lastIndexOf('\n\n', end);
      const line = text.lastIndexOf('\n', end);
      end = para > at + CHUNK_CHARS / 2 ? para : line > at + CHUNK_CHARS / 2 ? line : end;
    }
    const part = extractChunk(text.slice(at, end), { ...meta, language });
    const ids = new Map<string, string>();
    for (const e of part.entities) {
      const key = `${e.kind}|${e.name}`;
      const known = entities.get(key);
      if (known) {
        known.aliases = [...new Set([...known.aliases, ...e.aliases])];
      } else entities.set(key, { ...e, id: `e${entities.size + 1}`, mentions: (e.mentions ?? []).map((m) => ({ ...m, start: m.start + at, end: m.end + at })) });
      ids.set(e.id, entities.get(key)!.id);
    }
    for (const c of part.claims) claims.push({ ...c, subject: ids.get(c.subject)!, object: ids.get(c.object)!, start: c.start + at, end: c.end + at });
    at = end;
  }
  return { document: { ...(meta.title ? { title: meta.title } : {}), language, publishedAt: meta.publishedAt ?? null, publisher: meta.publisher ?? null, url: meta.url ?? null }, entities: [...entities.values()], claims };
}

function extractChunk(text: string, meta: DocumentMeta): Extraction {
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
