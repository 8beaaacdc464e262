// Names no gazetteer has, found by their shape (seeds/lexicon/shapes.json): state bodies made of a
// nationality or a country and a state noun ("the Bahraini government", "Syrian troops", "gouvernement
// serbe", "security agencies in China", "China's authoritarian government"); capitalised names classed by
// their head word ("Supreme Council of Cyberspace", "Telecommunication Co of Iran"); technology phrases
// made of a head and a modifier ("surveillance software", "Internet filtering devices", "logiciels
// d'espionnage"); and "the system", "ces outils" standing for the technology named before them.
import type { EntityKind } from '../domain/vocabulary.ts';
import type { GazetteerEntry, Lexicon } from './lexicon.ts';
import { startsUpper, type Token } from './tokens.ts';

/** The key, name and fields of a country's government: the gazetteer's entry where it has one. */
const governmentEntries = new WeakMap<Lexicon, Map<string, GazetteerEntry>>();
export function governmentOf(lex: Lexicon, code: string): { key: string; name: string; aliases: string[]; fields: Record<string, unknown>; entry?: GazetteerEntry } {
  let byCountry = governmentEntries.get(lex);
  if (!byCountry) {
    byCountry = new Map();
    for (const e of lex.entries) if (e.kind === 'GovernmentBody' && typeof e.country === 'string' && e.govType === 'government' && !byCountry.has(e.country)) byCountry.set(e.country, e);
    governmentEntries.set(lex, byCountry);
  }
  const entry = byCountry.get(code);
  const c = lex.countries.get(code);
  const aliases = [`${c?.adjective ?? code} government`, `Government of ${c?.name ?? code}`];
  if (entry) return { key: `gaz:GovernmentBody:${entry.name}`, name: entry.name, aliases: [...entry.aliases, ...aliases], fields: { country: code, govType: 'government' }, entry };
  return { key: `gov:${code}:government`, name: `Government of ${c?.name ?? code}`, aliases, fields: { country: code, govType: 'government' } };
}

export interface ShapeMention {
  kind: EntityKind;
  from: number;
  to: number;
  key: string;
  name: string;
  aliases: string[];
  fields: Record<string, unknown>;
  /** Only a mention of an entity named before (no name of its own). */
  reference?: boolean;
}

/** A country named at a token: its ISO code and where the name ends. */
export type CountryAt = (i: number) => { code: string; from: number; to: number } | undefined;

/** A gap between words that ends a sentence or a line. */
const sentenceBreak = (gap: string) => gap.includes('\n') || /[.!?]$/.test(gap.trimEnd());
const isUpper = startsUpper;
const LINKING = new Set(['of', 'for', 'on', 'the', 'de', 'du', 'des', 'la', 'le', 'l', 'pour', 'd', 'en', 'sur', 'aux']);
/** Capitalised words that end a name rather than continue it ("… Authority in January"). */
const NOT_NAME_WORDS = /^(january|february|march|april|may|june|july|august|september|october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)$/;
const LEADING = new Set(['the', 'le', 'la', 'les', 'l', 'a', 'an', 'un', 'une', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'but', 'and', 'as', 'if', 'when', 'while', 'after', 'before', 'since', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'en', 'dans', 'pour', 'par', 'selon', 'avec', 'sur', 'mais', 'et', 'ce', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs', 'de', 'du', 'des', 'd', 'au', 'aux', 'a', 'according']);
const NOT_STATE_AFTER = /^(television|tv|media|news|company|companies|firm|firms|enterprise|enterprises|owned|run|radio|broadcaster|television|medias|entreprise|entreprises|societe|societes|groupe|media|chaine|agency|agence|press|presse)$/;
const GOVERNMENT_NOUN = /^(government|governments|authorities|regime|executive|gouvernement|autorites|executif|pouvoir)$/;
const DETERMINERS = new Set(['the', 'this', 'these', 'those', 'its', 'their', 'le', 'la', 'les', 'l', 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs']);
/** Words that may stand in a name between its capitalised words. */
const gapOk = (text: string, a: Token, b: Token) => {
  const gap = text.slice(a.end, b.start);
  // One line only; a full stop only after an initial ("U.S. Senate"), never at a sentence's end.
  return /^([^\S\n]+|['’-]|[^\S\n]*-[^\S\n]*)$/u.test(gap) || (/^\.[^\S\n]?$/u.test(gap) && a.end - a.start <= 2 && /\p{Lu}/u.test(text[a.start]!));
};

function plain(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * State bodies made of a nationality or a country and a state noun. `countryAt` reports a country name of
 * the gazetteer at a token; `free` whether tokens are free.
 */
export function stateBodies(text: string, tokens: readonly Token[], lex: Lexicon, countryAt: CountryAt, free: (from: number, to: number) => boolean): ShapeMention[] {
  const out: ShapeMention[] = [];
  const nouns = lex.shapes.stateNouns.longest(tokens);
  const nounAt = new Map(nouns.map((n) => [n.from, n]));
  const demonymAt = (i: number): { code: string; to: number } | null => {
    const two = tokens[i + 1] ? lex.demonyms.get(`${tokens[i]!.norm} ${tokens[i + 1]!.norm}`) : undefined;
    if (two) return { code: two, to: i + 2 };
    const one = tokens[i] ? lex.demonyms.get(tokens[i]!.norm) : undefined;
    return one ? { code: one, to: i + 1 } : null;
  };
  const make = (code: string, type: string, from: number, to: number) => {
    const c = lex.countries.get(code);
    const adjective = c?.adjective ?? code;
    const aliases = type === 'government' ? [`${adjective} government`, `Government of ${c?.name ?? code}`] : type === 'military' ? [`${adjective} military`, `${adjective} army`] : type === 'police' ? [`${adjective} police`, `${adjective} security forces`] : [`${adjective} intelligence services`];
    out.push({ kind: 'GovernmentBody', from, to, key: type === 'government' ? governmentOf(lex, code).key : `gov:${code}:${type}`, name: plain(text.slice(tokens[from]!.start, tokens[to - 1]!.end)), aliases, fields: { country: code, govType: type === 'government' ? 'government' : type === 'military' ? 'military' : type === 'police' ? 'police' : 'intelligence' } });
  };
  for (let i = 0; i < tokens.length; i++) {
    // EN: "Bahraini government", "Italian intelligence agency", "the Syrian troops" (a demonym, one adjective at most).
    const dem = demonymAt(i);
    if (dem && isUpper(text, tokens[i])) {
      for (const skip of [0, 1]) {
        const n = nounAt.get(dem.to + skip);
        if (!n || (skip && (isUpper(text, tokens[dem.to]) || nounAt.has(dem.to)))) continue;
        if (NOT_STATE_AFTER.test(tokens[n.to]?.norm ?? '') || !free(i, n.to)) break;
        make(dem.code, n.payload, i, n.to);
        i = n.to - 1;
        break;
      }
      if (out.at(-1)?.to === i + 1) continue;
    }
    const n = nounAt.get(i);
    if (!n) continue;
    // FR: "gouvernement serbe", "autorités italiennes", "services de renseignement israéliens".
    const after = demonymAt(n.to);
    if (after && !NOT_STATE_AFTER.test(tokens[after.to]?.norm ?? '') && free(i, after.to)) {
      make(after.code, n.payload, i, after.to);
      i = after.to - 1;
      continue;
    }
    // "Government of Italy", "gouvernement de l'Italie", "security agencies in China", "police in Xinjiang".
    let j = n.to;
    if (/^(of|de|d|du|in|en)$/.test(tokens[j]?.norm ?? '')) {
      j++;
      if (/^(the|l|la|le)$/.test(tokens[j]?.norm ?? '')) j++;
      const c = countryAt(j);
      if (c && c.from === j && free(i, n.to)) {
        make(c.code, n.payload, i, n.to);
        // The mention covers the noun only: the country's name stays a mention of the country.
        out.at(-1)!.name = plain(text.slice(tokens[i]!.start, tokens[c.to - 1]!.end));
        i = n.to - 1;
        continue;
      }
    }
    // "China's authoritarian government", "Bahrain's police": a country, a possessive, one adjective at most.
    const poss = i >= 2 && tokens[i - 1]!.norm === 's' ? i - 2 : i >= 3 && tokens[i - 2]!.norm === 's' && !isUpper(text, tokens[i - 1]) ? i - 3 : -1;
    if (poss >= 0) {
      const c = countryAt(poss);
      if (c && c.to === poss + 1 && /^['’]$/.test(text.slice(tokens[poss]!.end, tokens[poss + 1]!.start)) && free(i, n.to) && !NOT_STATE_AFTER.test(tokens[n.to]?.norm ?? '')) {
        make(c.code, n.payload, poss + 2, n.to);
        out.at(-1)!.name = plain(text.slice(tokens[c.from]!.start, tokens[n.to - 1]!.end));
        i = n.to - 1;
      }
    }
  }
  return out;
}

/**
 * "the government", "les autorités", "l'exécutif", "the regime": the government of a country named before in
 * the document (its last one), a reference with no name of its own.
 */
export function governmentReferences(tokens: readonly Token[], taken: Uint8Array, governments: ReadonlyArray<{ from: number; key: string }>, countries: ReadonlyArray<{ from: number; code: string }>, keyOf: (code: string) => string): Array<{ from: number; to: number; key: string }> {
  const out: Array<{ from: number; to: number; key: string }> = [];
  if (!governments.length && !countries.length) return out;
  let g = -1;
  let c = -1;
  const seen = new Map<string, number>();
  for (let i = 1; i < tokens.length; i++) {
    while (g + 1 < governments.length && governments[g + 1]!.from < i) g++;
    while (c + 1 < countries.length && countries[c + 1]!.from < i) {
      c++;
      seen.set(countries[c]!.code, (seen.get(countries[c]!.code) ?? 0) + 1);
    }
    if (taken[i] || !GOVERNMENT_NOUN.test(tokens[i]!.norm) || !DETERMINERS.has(tokens[i - 1]!.norm)) continue;
    if (/^(of|de|d|du|des|in|en)$/.test(tokens[i + 1]?.norm ?? '')) continue;
    // The government named last; else that of the country the document has named most so far.
    let key = g >= 0 ? governments[g]!.key : undefined;
    if (!key && seen.size) key = keyOf([...seen.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
    if (key) out.push({ from: i, to: i + 1, key });
  }
  return out;
}

/**
 * Tokens on a headline in title case ("Rights At Risk: Verifying …"), where capitals say nothing of names.
 * A line of four words or more, most of whose longer words are capitalised.
 */
let lastHeadlines: { text: string; tokens: readonly Token[]; out: Uint8Array } | null = null;
function headlineTokens(text: string, tokens: readonly Token[]): Uint8Array {
  // Three readers ask for the same document's headlines: computed once.
  if (lastHeadlines && lastHeadlines.text === text && lastHeadlines.tokens === tokens) return lastHeadlines.out;
  const out = new Uint8Array(tokens.length);
  lastHeadlines = { text, tokens, out };
  let a = 0;
  while (a < tokens.length) {
    const lineEnd = text.indexOf('\n', tokens[a]!.start);
    let b = a;
    while (b < tokens.length && (lineEnd < 0 || tokens[b]!.start < lineEnd)) b++;
    const long = tokens.slice(a, b).filter((t) => t.end - t.start > 3);
    const caps = long.filter((t) => isUpper(text, t)).length;
    // A headline is short and does not end as a sentence does.
    const last = tokens[b - 1];
    const ends = last ? /^[^\S\n]*[.!?]/.test(text.slice(last.end, last.end + 3)) : false;
    if (b - a >= 4 && b - a <= 20 && !ends && long.length >= 3 && caps / long.length >= 0.7) out.fill(1, a, b);
    a = b;
  }
  return out;
}

/** Capitalised names classed by their head word: bodies, organisations and companies no gazetteer has. */
export function namedBodies(text: string, tokens: readonly Token[], lex: Lexicon, taken: Uint8Array, countryAt: CountryAt, placeAt: (i: number) => { from: number; to: number } | undefined): ShapeMention[] {
  const out: ShapeMention[] = [];
  const { heads, companyOnly } = lex.shapes;
  const stop = (a: Token, b: Token) => !gapOk(text, a, b);
  const headline = headlineTokens(text, tokens);
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i] || !isUpper(text, tokens[i]) || headline[i]) continue;
    let j = i;
    let last = i;
    for (;;) {
      if (j + 1 >= tokens.length || j - i >= 9 || stop(tokens[j]!, tokens[j + 1]!)) break;
      const next = tokens[j + 1]!;
      // A place inside a name: "Telecommunication Co of Iran", "Media Institute of Southern Africa Zimbabwe".
      const place = taken[j + 1] ? placeAt(j + 1) : undefined;
      if (taken[j + 1] && !(place && place.from === j + 1 && (LINKING.has(tokens[j]!.norm) || j > i))) break;
      if (place) {
        j = place.to - 1;
        last = j;
        continue;
      }
      if (NOT_NAME_WORDS.test(next.norm)) break;
      if (isUpper(text, next)) last = j + 1;
      else if (!LINKING.has(next.norm) || !isUpper(text, tokens[j + 2]) || (taken[j + 2] && !placeAt(j + 2))) break;
      j++;
    }
    let from = i;
    while (from < last && LEADING.has(tokens[from]!.norm)) from++;
    const to = last + 1;
    const words = tokens.slice(from, to).map((t) => t.norm);
    const tail = words.at(-1)!;
    let kind: EntityKind | undefined;
    // "National Data Center", "Smart Cities Program": a product's name, not a body's.
    const techName = /^(data (center|centre|hub))$/.test(words.slice(-2).join(' ')) || (lex.shapes.productHeads.has(tail) && to - from >= 3);
    if (techName) kind = 'Technology';
    else if (words.some((w) => lex.shapes.organizationWords.has(w)) && !companyOnly.has(tail)) kind = 'Organization';
    else if (companyOnly.has(tail)) kind = 'Company';
    else if (heads.GovernmentBody.has(tail)) kind = 'GovernmentBody';
    else if (heads.Organization.has(tail)) kind = 'Organization';
    else if (heads.Company.has(tail)) kind = 'Company';
    else if (words.some((w) => companyOnly.has(w))) kind = 'Company';
    else {
      const head = words.find((w) => heads.GovernmentBody.has(w) || heads.Organization.has(w));
      if (head) kind = heads.GovernmentBody.has(head) ? 'GovernmentBody' : 'Organization';
    }
    // A country just before ("U.S. Senate", "Bahrain Tender Board") gives the body its country and a fuller name.
    const country = from > 0 ? countryAt(from - 1) : undefined;
    const prefixed = country && country.to === from && gapOk(text, tokens[from - 1]!, tokens[from]!);
    if (!kind || (to - from < 2 && !(prefixed && kind === 'GovernmentBody'))) {
      i = Math.max(i, last);
      continue;
    }
    const name = plain(text.slice(tokens[from]!.start, tokens[to - 1]!.end));
    const full = prefixed ? plain(text.slice(tokens[country.from]!.start, tokens[to - 1]!.end)) : name;
    // A place's name alone, or a place that ends the run after "of" with nothing but a head before, stays a place.
    if (placeAt(from) || (placeAt(to - 1) && to - from <= 2)) {
      i = Math.max(i, last);
      continue;
    }
    out.push({ kind, from, to, key: `${kind === 'Technology' ? 'product:' : `rec:${kind}:`}${(prefixed ? tokens.slice(country.from, to) : tokens.slice(from, to)).map((t) => t.norm).join(' ')}`, name: full, aliases: [name], fields: prefixed ? { country: country.code } : {} });
    i = last;
  }
  return out;
}

/** Technology phrases: a head ("software", "système") with a modifier ("surveillance", "d'espionnage"). */
export function techPhrases(text: string, tokens: readonly Token[], lex: Lexicon): ShapeMention[] {
  const out: ShapeMention[] = [];
  const { techHeads, techModifiers } = lex.shapes;
  const headHits = techHeads.longest(tokens);
  const modAt = new Map<number, { to: number; type: string }>();
  for (const m of techModifiers.all(tokens)) {
    const prev = modAt.get(m.from);
    if (!prev || prev.to < m.to) modAt.set(m.from, { to: m.to, type: m.payload });
  }
  const modEnding = new Map<number, { from: number; type: string }>();
  for (const [from, m] of modAt) {
    const prev = modEnding.get(m.to);
    if (!prev || prev.from > from) modEnding.set(m.to, { from, type: m.type });
  }
  const adjacent = (a: number, b: number) => !!tokens[a] && !!tokens[b] && /^([^\S\n]+|-|[^\S\n]*-[^\S\n]*)$/.test(text.slice(tokens[a]!.end, tokens[b]!.start));
  for (const h of headHits) {
    let from = h.from;
    let to = h.to;
    let type: string | undefined;
    // EN: modifiers before the head, chained ("voice biometric database", "Internet filtering devices").
    for (;;) {
      const m = modEnding.get(from);
      if (!m || !adjacent(from - 1, from)) break;
      type ??= m.type;
      from = m.from;
    }
    // FR: "logiciels d'espionnage", "système de surveillance de masse", "caméras thermiques".
    if (!type) {
      let k = h.to;
      if (/^(de|d|des|du|a)$/.test(tokens[k]?.norm ?? '') && adjacent(k - 1, k) || /^['’]$/.test(text.slice(tokens[k - 1]?.end ?? 0, tokens[k]?.start ?? 0))) {
        if (/^(de|d|des|du|a)$/.test(tokens[k]?.norm ?? '')) k++;
        if (/^(la|l|le|les)$/.test(tokens[k]?.norm ?? '')) k++;
      }
      const m = modAt.get(k) ?? modAt.get(h.to);
      if (m && (k === h.to || modAt.get(k))) {
        type = m.type;
        to = m.to;
        // "de surveillance de masse", "de reconnaissance faciale": what qualifies the modifier belongs to the name.
        if (/^(de|d)$/.test(tokens[to]?.norm ?? '') && /^(masse|mass)$/.test(tokens[to + 1]?.norm ?? '')) to += 2;
        for (let more = modAt.get(to); more && adjacent(to - 1, to); more = modAt.get(to)) to = more.to;
      }
    }
    if (!type) continue;
    // A qualifier before ("Western-made", "powerful", "national") joins the surface but not the key.
    let lead = from;
    while (lead > 0 && h.from - lead < 4 && adjacent(lead - 1, lead) && /^(western|made|powerful|national|pilot|mass|automated|public|sophisticated|advanced|chinese|israeli|american|european|russian|new|commercial|invasive|intrusive|comprehensive|large|scale)$/.test(tokens[lead - 1]!.norm)) lead--;
    const name = plain(text.slice(tokens[from]!.start, tokens[to - 1]!.end));
    const surface = plain(text.slice(tokens[lead]!.start, tokens[to - 1]!.end));
    out.push({ kind: 'Technology', from: lead, to, key: `techphrase:${type}`, name, aliases: surface !== name ? [surface] : [], fields: { techType: type, generic: true } });
  }
  return out;
}

/**
 * Products by their own names: "software called Golden Shield", "le projet « Safe City »", "its Smart Cities
 * program". The name is the capitalised words (one to three); the head joins an alias.
 */
export function productNames(text: string, tokens: readonly Token[], lex: Lexicon): ShapeMention[] {
  const out: ShapeMention[] = [];
  const { productHeads } = lex.shapes;
  const headline = headlineTokens(text, tokens);
  const run = (i: number): number => {
    let j = i;
    while (j < tokens.length && j - i < 3 && isUpper(text, tokens[j]) && !LEADING.has(tokens[j]!.norm) && !NOT_NAME_WORDS.test(tokens[j]!.norm) && (j === i || gapOk(text, tokens[j - 1]!, tokens[j]!))) j++;
    return j;
  };
  const push = (from: number, to: number, head: number) => {
    if (to <= from || lex.demonyms.has(tokens[from]!.norm)) return;
    const name = plain(text.slice(tokens[from]!.start, tokens[to - 1]!.end));
    const withHead = plain(head < from ? text.slice(tokens[head]!.start, tokens[to - 1]!.end) : text.slice(tokens[from]!.start, tokens[head]!.end));
    out.push({ kind: 'Technology', from, to, key: `product:${tokens.slice(from, to).map((t) => t.norm).join(' ')}`, name, aliases: [withHead], fields: {} });
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!productHeads.has(tokens[i]!.norm) || isUpper(text, tokens[i]) || headline[i]) continue;
    // After: "software called Golden Shield", "un logiciel baptisé « X »", "le projet « Safe City »".
    let j = i + 1;
    if (/^(called|named|dubbed|known|appele|appelee|baptise|baptisee|nomme|nommee|intitule|intitulee)$/.test(tokens[j]?.norm ?? '')) j++;
    if (tokens[j]?.norm === 'as' && tokens[j - 1]?.norm === 'known') j++;
    const quoted = tokens[j] && /^[^\S\n]*[«“"][^\S\n]*$/u.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start));
    if (tokens[j] && (j > i + 1 || quoted) && isUpper(text, tokens[j]) && !/[.;:!?\n]/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start).replace(/[«“"]/g, ''))) {
      push(j, run(j), i);
      continue;
    }
    // Before: "its Smart Cities program", "the Pegasus-like Hermit spyware" (not at a sentence's start).
    let k = i;
    while (k > 0 && i - k < 3 && isUpper(text, tokens[k - 1]) && gapOk(text, tokens[k - 1]!, tokens[k]!) && !LEADING.has(tokens[k - 1]!.norm)) k--;
    if (k < i && k > 0 && !sentenceBreak(text.slice(tokens[k - 1]!.end, tokens[k]!.start)) && !lex.shapes.heads.Company.has(tokens[i - 1]!.norm)) push(k, i, i);
  }
  return out;
}

/** "the system", "the equipment", "ces outils", "le logiciel": the technology named last, within three sentences. */
export function techReferences(text: string, tokens: readonly Token[], lex: Lexicon, taken: Uint8Array, techs: ReadonlyArray<{ from: number; to: number; key: string; sentence: number }>, sentenceOf: (i: number) => number): Array<{ from: number; to: number; key: string }> {
  const out: Array<{ from: number; to: number; key: string }> = [];
  if (!techs.length) return out;
  let t = -1;
  for (let i = 1; i < tokens.length; i++) {
    while (t + 1 < techs.length && techs[t + 1]!.to <= i - 1) t++;
    if (t < 0 || taken[i] || !lex.shapes.techAnaphora.has(tokens[i]!.norm) || !DETERMINERS.has(tokens[i - 1]!.norm)) continue;
    // "the system of …", "le logiciel de …", "the system called X": a new description, not a reference back.
    if (/^(of|de|d|du|des|called|named|dubbed|appele|baptise|nomme)$/.test(tokens[i + 1]?.norm ?? '') || isUpper(text, tokens[i + 1])) continue;
    if (sentenceOf(i) - techs[t]!.sentence > 3) continue;
    out.push({ from: i - 1, to: i + 1, key: techs[t]!.key });
  }
  return out;
}

/**
 * Names a noun before or after them classes: "la société allemande Bosch", "the tech giant Zeltron", "a gig
 * work platform called Toloka", "l'ONG Disclose", "Zeltron, a Chinese company". Capitalised words that no
 * other reader took; one to three of them.
 */
export function namesByNoun(text: string, tokens: readonly Token[], lex: Lexicon, taken: Uint8Array): ShapeMention[] {
  const out: ShapeMention[] = [];
  const headline = headlineTokens(text, tokens);
  const { kindNouns, kindNounModifiers } = lex.shapes;
  const nameFrom = (i: number): number => {
    let j = i;
    while (j < tokens.length && j - i < 3 && !taken[j] && isUpper(text, tokens[j]) && !LEADING.has(tokens[j]!.norm) && !NOT_NAME_WORDS.test(tokens[j]!.norm) && (j === i || gapOk(text, tokens[j - 1]!, tokens[j]!))) j++;
    return j;
  };
  const push = (kind: 'Company' | 'Organization', from: number, to: number) => {
    if (to <= from || lex.demonyms.has(tokens[from]!.norm)) return;
    const name = plain(text.slice(tokens[from]!.start, tokens[to - 1]!.end));
    out.push({ kind, from, to, key: `rec:${kind}:${tokens.slice(from, to).map((t) => t.norm).join(' ')}`, name, aliases: [], fields: {} });
  };
  /**
   * "NTechLab and Tevian were sanctioned … The two companies supply …": the names of the nearest coordination
   * before a plural kind noun under a group determiner ("the two companies", "both firms", "ces deux
   * entreprises"), within the 60 tokens before it; those no other reader took. A coordination of names all
   * taken already ("selon Amnesty et HRW, ces entreprises") is not the one meant: the search goes on.
   */
  const capitalRun = (from: number, dir: 1 | -1): number => {
    let j = from;
    while (j + dir >= 0 && j + dir < tokens.length && Math.abs(j + dir - from) < 3 && isUpper(text, tokens[j + dir]) && !LEADING.has(tokens[j + dir]!.norm) && gapOk(text, tokens[Math.min(j, j + dir)]!, tokens[Math.max(j, j + dir)]!)) j += dir;
    return j;
  };
  const coordinatedBefore = (at: number): Array<[number, number]> => {
    for (let k = at - 1; k > 0 && at - k <= 60; k--) {
      if (!/^(and|et|&)$/.test(tokens[k]!.norm) || !isUpper(text, tokens[k + 1]) || LEADING.has(tokens[k + 1]!.norm)) continue;
      const names: Array<[number, number]> = [[k + 1, capitalRun(k + 1, 1) + 1]];
      if (names[0]![1] > at) continue;
      // Names before "and", each ended by the next one's comma: "A, B and C".
      for (let end = k; ; ) {
        if (end < 1 || !isUpper(text, tokens[end - 1]) || LEADING.has(tokens[end - 1]!.norm)) break;
        const a = capitalRun(end - 1, -1);
        names.unshift([a, end]);
        if (a === 0 || !/^[^\S\n]*,[^\S\n]*$/.test(text.slice(tokens[a - 1]!.end, tokens[a]!.start))) break;
        end = a;
      }
      if (names.length < 2) continue;
      const free = names.filter(([a, b]) => !taken.subarray(a, b).some((x) => x));
      if (free.length) return free;
    }
    return [];
  };
  for (const n of kindNouns.longest(tokens)) {
    // A capitalised noun is part of a name or of a headline ("U.S. Firm Acknowledges …"), not a class.
    if (isUpper(text, tokens[n.from]) || headline[n.from]) continue;
    if (/s$/.test(tokens[n.to - 1]!.norm) && /^(two|three|both|these|those|deux|trois|ces)$/.test(tokens[n.from - 1]?.norm ?? '')) {
      for (const [a, b] of coordinatedBefore(n.from - 1)) push(n.payload, a, b);
      continue;
    }
    // Forward: "la société (allemande) Bosch", "the tech giant X", "a platform called X", "l'émission « X »".
    let j = n.to;
    while (j < tokens.length && j - n.to < 3 && !isUpper(text, tokens[j]) && (kindNounModifiers.has(tokens[j]!.norm) || lex.demonyms.has(tokens[j]!.norm) || /^(called|named|dubbed|appelee?|baptisee?|nommee?|intitulee?)$/.test(tokens[j]!.norm))) j++;
    if (j < tokens.length && !taken[j] && /^[^\S\n]*(?:[«“"][^\S\n]*)?$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) {
      push(n.payload, j, nameFrom(j));
      continue;
    }
    // Backward: "Zeltron, a Chinese company", "Zeltron, une entreprise israélienne"; not "X, the company's
    // chair" nor "X, a lawyer for the firm": the noun heads the apposition.
    if (/^(s|of|de|d|du|des)$/.test(tokens[n.to]?.norm ?? '')) continue;
    let k = n.from - 1;
    while (k >= 0 && n.from - k <= 4 && !isUpper(text, tokens[k]) && (kindNounModifiers.has(tokens[k]!.norm) || lex.demonyms.has(tokens[k]!.norm) || /^(a|an|the|un|une|le|la|l)$/.test(tokens[k]!.norm))) k--;
    if (k >= 0 && k < n.from - 1 && !taken[k] && isUpper(text, tokens[k]) && /^,[^\S\n]*$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) {
      let a = k;
      while (a > 0 && k - a < 2 && !taken[a - 1] && isUpper(text, tokens[a - 1]) && gapOk(text, tokens[a - 1]!, tokens[a]!)) a--;
      while (a < k && LEADING.has(tokens[a]!.norm)) a++;
      if (!LEADING.has(tokens[a]!.norm)) push(n.payload, a, k + 1);
    }
  }
  return out;
}

/**
 * Names a list of platforms enumerates: "applications utilisées par les victimes, dont Gmail, Skype et
 * Facebook", "sites such as Facebook and Twitter", "les plateformes de Meta (Facebook, Instagram)". Each is a
 * product, also where a company bears the same name. Two names at least, so that "services, including
 * Microsoft" (one company) stays the company.
 */
export function platformLists(text: string, tokens: readonly Token[], lex: Lexicon): Array<{ from: number; to: number; name: string }> {
  const out: Array<{ from: number; to: number; name: string }> = [];
  const cues = new Map(lex.shapes.listCues.longest(tokens).map((c) => [c.from, c.to]));
  const name = (i: number): number => {
    let j = i;
    while (j < tokens.length && j - i < 3 && isUpper(text, tokens[j]) && !LEADING.has(tokens[j]!.norm) && (j === i || gapOk(text, tokens[j - 1]!, tokens[j]!))) j++;
    return j;
  };
  for (const p of lex.shapes.platformNouns.longest(tokens)) {
    // The list opens within six words of the noun, in its sentence: after a cue, or in brackets or after a colon.
    let at = -1;
    for (let j = p.to; j < tokens.length && j - p.to <= 6; j++) {
      const gap = text.slice(tokens[j - 1]!.end, tokens[j]!.start);
      if (/[.;!?\n]/.test(gap)) break;
      if (/[(:]\s*$/.test(gap) && isUpper(text, tokens[j])) {
        at = j;
        break;
      }
      const cue = cues.get(j);
      if (cue !== undefined) {
        at = cue;
        break;
      }
    }
    if (at < 0 || at >= tokens.length) continue;
    const names: Array<{ from: number; to: number }> = [];
    for (let i = at; i < tokens.length; ) {
      const end = name(i);
      if (end === i) break;
      names.push({ from: i, to: end });
      const gap = end < tokens.length ? text.slice(tokens[end - 1]!.end, tokens[end]!.start) : '';
      if (/^\s*,\s*$/.test(gap)) i = end;
      else if (/^\s+$/.test(gap) && /^(et|and|ou|or)$/.test(tokens[end]?.norm ?? '') && /^\s+$/.test(text.slice(tokens[end]!.end, tokens[end + 1]?.start ?? tokens[end]!.end))) i = end + 1;
      else break;
    }
    if (names.length < 2) continue;
    for (const n of names) out.push({ ...n, name: plain(text.slice(tokens[n.from]!.start, tokens[n.to - 1]!.end)) });
  }
  return out;
}
