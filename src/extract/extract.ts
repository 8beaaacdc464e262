// Text → the extraction output of ONTOLOGY.md: language, sentences, mentions grouped into the document's
// entities (ids local to it: e1, e2 …), and claims with their exact quote and offsets. Pure and synchronous;
// input size is bounded by the caller (read-input.ts).
import { attributionOf } from './attribution.ts';
import { findReplies } from './replies.ts';
import { franc } from 'franc-min';
import { Extraction, type ExtractedClaim, type ExtractedEntity } from '../domain/extraction.ts';
import { findClaims, type ContractSite, type DraftClaim } from './claims.ts';
import { addYears, findDates, findYears, type DateMention } from './dates.ts';
import { loadLexicon } from './lexicon.ts';
import { findMentions, type MentionSet } from './mentions.ts';
import { findMoney } from './money.ts';
import { sentences, type Span } from './sentences.ts';
import { firstIndexWhere, tokenize, type Token } from './tokens.ts';

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
  const responses: Extraction['responses'] = [];
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
    for (const r of part.responses) responses.push({ ...r, entity: ids.get(r.entity)!, start: r.start + at, end: r.end + at });
    at = end;
  }
  return { document: { ...(meta.title ? { title: meta.title } : {}), language, publishedAt: meta.publishedAt ?? null, publisher: meta.publisher ?? null, url: meta.url ?? null }, entities: [...entities.values()], claims, responses };
}

function extractChunk(text: string, meta: DocumentMeta): Extraction {
  const language = meta.language && meta.language !== 'auto' ? meta.language : detectLanguage(text);
  const lex = loadLexicon();
  const sents = sentences(text, language === 'und' ? 'en' : language);
  const tokens = tokenize(text);
  const set = findMentions(text, tokens, sents, lex);
  const { claims, contractSites } = findClaims(text, tokens, sents, set, lex);
  const dateLang = language === 'fr' ? 'fr' : 'en';
  const datesIn = sentenceDates(text, tokens, sents, dateLang, meta.publishedAt);
  contractTerms(text, tokens, sents, dateLang, contractSites, set, datesIn);
  const dated = claimDates(claims, sents, datesIn);

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
  // The sentence's attribution ("according to …", "selon …"), read once per sentence.
  const attribution = new Map<number, string | undefined>();
  const attributedTo = (at: number): string | undefined => {
    const s = sentenceAt(sents, at);
    if (!attribution.has(s)) attribution.set(s, s < 0 ? undefined : attributionOf(text.slice(sents[s]!.start, sents[s]!.end)));
    return attribution.get(s);
  };
  const out: ExtractedClaim[] = claims.map((c) => ({
    type: c.type,
    subject: localId.get(c.subject)!,
    object: localId.get(c.object)!,
    certainty: c.certainty,
    quote: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    confidence: Math.round(c.confidence * 100) / 100,
    ...(dated.has(c) ? { date: dated.get(c)! } : {}),
    ...(attributedTo(c.start) ? { attributedTo: attributedTo(c.start)! } : {}),
    rule: c.rule,
  }));
  return Extraction.parse({
    document: { ...(meta.title ? { title: meta.title } : {}), language, publishedAt: meta.publishedAt ?? null, publisher: meta.publisher ?? null, url: meta.url ?? null },
    entities,
    claims: out,
    responses: findReplies(text, sents, set.mentions)
      .filter((r) => localId.has(r.entity))
      .map((r) => ({ entity: localId.get(r.entity)!, kind: r.kind, quote: text.slice(r.start, r.end), start: r.start, end: r.end })),
  });
}

/** The dates of a sentence, read once per sentence that needs them. */
function sentenceDates(text: string, tokens: readonly Token[], sents: readonly Span[], lang: string, published: string | null | undefined) {
  const cache = new Map<number, DateMention[]>();
  return (s: number): DateMention[] => {
    let d = cache.get(s);
    if (!d) cache.set(s, (d = s < 0 ? [] : findDates(text, tokens, lang, published, sents[s]!.start, sents[s]!.end)));
    return d;
  };
}

function sentenceAt(sents: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = sents.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sents[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return sents.length ? lo : -1;
}

/** How far outside a claim's parts a date may stand and still date it ("Le 25 septembre, Microsoft a …"). */
const DATE_REACH = 40;
/** Rules whose claims a date in their sentence can date: those bound to a verb, and what derives from them. */
const DATED_RULES = /^(trigger:|contract-parties|uses\+)/;

/**
 * Dates the claims of a document: each date goes to the claims whose trigger is nearest to it, among those
 * whose quote holds it and whose parts are within reach. In "On 25 September 2025, the company disabled
 * Azure used by Unit 8200" the date is the suspension's, not the use's; in "an investigation in August 2025
 * revealed that the army uses Azure" it is the revelation's.
 */
function claimDates(claims: readonly DraftClaim[], sents: readonly Span[], datesIn: (s: number) => DateMention[]): Map<DraftClaim, string> {
  const out = new Map<DraftClaim, string>();
  const bySentence = new Map<number, DraftClaim[]>();
  for (const c of claims) {
    if (!DATED_RULES.test(c.rule)) continue;
    const s = sentenceAt(sents, c.start);
    bySentence.set(s, [...(bySentence.get(s) ?? []), c]);
  }
  for (const [s, cs] of bySentence) {
    for (const d of datesIn(s)) {
      const reach = cs.filter((c) => d.start >= c.start && d.end <= c.end && d.end >= c.parts[0] - DATE_REACH && d.start <= c.parts[1] + DATE_REACH);
      if (!reach.length) continue;
      const nearest = Math.min(...reach.map((c) => Math.abs(c.anchor - d.start)));
      for (const c of reach) if (Math.abs(c.anchor - d.start) === nearest && !out.has(c)) out.set(c, d.value);
    }
  }
  return out;
}

/** A contract's amount, currency, start and end from the sentence that names it. */
function contractTerms(text: string, tokens: readonly Token[], sents: readonly Span[], lang: string, sites: readonly ContractSite[], set: MentionSet, datesIn: (s: number) => DateMention[]) {
  for (const site of sites) {
    const fields = set.entities.get(site.key)!.fields;
    const sent = sents[site.sentence]!;
    const at = tokens[site.at]!.start;
    const near = <T extends { start: number }>(xs: readonly T[]) => [...xs].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
    if (fields.amount === undefined) {
      const money = near(findMoney(text, tokens, lang, tokenAt(tokens, sent.start), tokenAt(tokens, sent.end)));
      if (money) Object.assign(fields, { amount: money.amount, currency: money.currency });
    }
    if (fields.startDate === undefined) {
      const date = near(datesIn(site.sentence));
      if (date) {
        fields.startDate = date.value;
        const years = findYears(text, tokens, lang, sent.start, sent.end);
        if (years) fields.endDate = addYears(date.value, years);
      }
    }
  }
}

const tokenAt = (tokens: readonly Token[], offset: number) => firstIndexWhere(tokens, (t) => t.start >= offset);
