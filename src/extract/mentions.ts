// Finds entity mentions in a document and groups them into the document's entities: gazetteer names and
// aliases, technology classes, abuses bound to their victims, and recognisers for names no gazetteer has
// (acronyms defined in the text, "Unit NNNN", ministries, company suffixes, persons with a title or role).
// Every mention keeps its offsets in the original text.
import type { EntityKind } from '../domain/vocabulary.ts';
import { caseFits, type GazetteerEntry, type LexHit, type Lexicon } from './lexicon.ts';
import type { Span } from './sentences.ts';
import { foldWord, startsUpper, type Token } from './tokens.ts';
import { governmentOf, governmentReferences, namedBodies, namesByNoun, platformLists, productNames, stateBodies, techPhrases, techReferences, type CountryAt, type ShapeMention } from './shapes.ts';
import { lookup } from '../util/lookup.ts';

export interface Mention {
  entity: string;
  kind: EntityKind;
  start: number;
  end: number;
  /** Token indexes [from, to). */
  from: number;
  to: number;
  sentence: number;
  /** A country's name standing for its government ("Bahrain bought …", "sold to Italy"): claims only. */
  stateOf?: string;
}

export interface DocEntity {
  key: string;
  kind: EntityKind;
  name: string;
  aliases: Set<string>;
  wikidataId?: string;
  fields: Record<string, unknown>;
  entry?: GazetteerEntry;
  /** For a role apposition: the person's role phrase and the organisation it names. */
  firstSeen: number;
}

export interface MentionSet {
  entities: Map<string, DocEntity>;
  mentions: Mention[];
  /** Person roles found: person key, organisation key, sentence and span of the apposition. */
  roles: Array<{ person: string; org: string; sentence: number; start: number; end: number }>;
}

const GOV_HEADS = /^(ministere|ministry|department|departement|police|army|armee|forces|force|unit|unite|agency|agence|bureau|gouvernement|government|service|services|directorate|direction|commandement|command|brigade|regime|autorites|authorities|garde|guard|gendarmerie|tribunal|court)$/;
const COMPANY_HEADS = /^(inc|ltd|llc|sa|sas|sarl|gmbh|ag|plc|corp|corporation|co|limited|technologies|technology|systems|group|groupe|holdings|labs|solutions)$/;
const GENERIC_VICTIMS = new Set(['civilians', 'minorities', 'women', 'protesters', 'migrants']);
const NAME_PARTICLES = new Set(['al', 'el', 'de', 'da', 'van', 'von', 'bin', 'ibn', 'ben', 'du', 'la', 'le', 'di', 'dos', 'das', 'der']);
const NOT_NAMES = new Set(['le', 'la', 'les', 'un', 'une', 'des', 'the', 'a', 'an', 'ce', 'cette', 'ces', 'il', 'elle', 'ils', 'elles', 'nous', 'vous', 'this', 'that', 'these', 'we', 'they', 'he', 'she', 'it', 'en', 'dans', 'pour', 'par', 'selon', 'in', 'on', 'for', 'by', 'according', 'but', 'mais', 'et', 'and', 'or', 'ou', 'de', 'du', 'au', 'aux', 'si', 'if', 'when', 'lorsque', 'quand', 'depuis', 'since', 'after', 'apres', 'avant', 'before', 'comme', 'as', 'tout', 'tous', 'toutes', 'all', 'son', 'sa', 'ses', 'its', 'their', 'leur', 'leurs', 'while', 'alors', 'jamais', 'parmi', 'among', 'sur', 'with', 'avec', 'human', 'rights', 'droits']);

const isUpper = startsUpper;

export function findMentions(text: string, tokens: readonly Token[], sents: readonly Span[], lex: Lexicon): MentionSet {
  const entities = new Map<string, DocEntity>();
  const mentions: Mention[] = [];
  const roles: MentionSet['roles'] = [];
  const sentenceOf = sentenceIndexer(tokens, sents);
  const taken = new Uint8Array(tokens.length);

  const entity = (key: string, kind: EntityKind, name: string, at: number, extra: Partial<DocEntity> = {}): DocEntity => {
    let e = entities.get(key);
    if (!e) entities.set(key, (e = { key, kind, name, aliases: new Set(), fields: {}, firstSeen: at, ...extra }));
    return e;
  };
  const mention = (e: DocEntity, from: number, to: number, isName = true) => {
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    if (isName) e.aliases.add(text.slice(start, end));
    mentions.push({ entity: e.key, kind: e.kind, start, end, from, to, sentence: sentenceOf(from) });
    for (let i = from; i < to; i++) taken[i] = 1;
    if (indexed) {
      const m = mentions.at(-1)!;
      for (let i = from; i < to; i++) covering[i] ??= m;
      endingAt[to] ??= m;
    }
  };
  // Mentions by token (the first that covers it) and by their last token, rebuilt after changes: lookups in
  // loops over tokens stay linear on long documents.
  let indexed = false;
  let covering: Array<Mention | undefined> = [];
  let endingAt: Array<Mention | undefined> = [];
  const index = () => {
    if (indexed) return;
    covering = new Array(tokens.length);
    endingAt = new Array(tokens.length + 1);
    for (const m of mentions) {
      for (let i = m.from; i < m.to; i++) covering[i] ??= m;
      endingAt[m.to] ??= m;
    }
    indexed = true;
  };
  const remove = (m: Mention) => {
    const k = mentions.lastIndexOf(m);
    if (k >= 0) mentions.splice(k, 1);
    if (!indexed) return;
    for (let i = m.from; i < m.to; i++) if (covering[i] === m) covering[i] = undefined;
    if (endingAt[m.to] === m) endingAt[m.to] = undefined;
  };

  // 1. Lexicon names (gazetteer, technology classes, abuses, victims), leftmost-longest. A technology phrase
  // ("surveillance software") outranks the shorter class or abuse word inside it ("surveillance").
  const hits = lex.names.longest(tokens, (p, from, to) => caseFits(p.phrase, text.slice(tokens[from]!.start, tokens[to - 1]!.end)));
  // Products by name first: "surveillance software called Golden Shield" names Golden Shield, not the class.
  const products = productNames(text, tokens, lex);
  const chunks = [...products, ...techPhrases(text, tokens, lex).filter((c) => !products.some((p) => p.from < c.to && c.from < p.to))];
  const chunkAt = new Int32Array(tokens.length).fill(-1);
  chunks.forEach((c, n) => {
    for (let i = c.from; i < c.to; i++) chunkAt[i] = n;
  });
  const droppedChunks = new Set<number>();
  const coveredByChunk = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const n = chunkAt[i]!;
      if (n >= 0 && !droppedChunks.has(n) && chunks[n]!.to - chunks[n]!.from >= to - from) return true;
    }
    return false;
  };
  for (const h of hits) {
    const hit = h.payload.hit;
    // "facial recognition systems" is the class "facial recognition": one entity, the phrase its alias.
    if (hit.type === 'tech') {
      const n = chunkAt[h.from]!;
      if (n >= 0 && chunkAt[h.to - 1] === n) Object.assign(chunks[n]!, { key: `tech:${hit.key}`, fields: { techType: hit.techType, generic: true } });
    }
    if (hit.type !== 'entity') continue;
    for (let i = h.from; i < h.to; i++) if (chunkAt[i]! >= 0) droppedChunks.add(chunkAt[i]!);
  }
  const victims: Array<{ key: string; from: number; to: number; sentence: number }> = [];
  const abuseHits: Array<{ hit: Extract<LexHit, { type: 'abuse' }>; from: number; to: number; sentence: number }> = [];
  for (const h of hits) {
    const hit = h.payload.hit;
    if (hit.type !== 'entity' && coveredByChunk(h.from, h.to)) continue;
    if (hit.type === 'entity') {
      const en = hit.entry;
      // "le ministère de l'Intérieur égyptien": a generic name the gazetteer gives one country, said of another.
      const other = en.kind === 'GovernmentBody' && typeof en.country === 'string' ? demonymAfter(tokens, h.to, lex.demonyms) : null;
      if (other && other.country !== en.country) {
        const name = text.slice(tokens[h.from]!.start, tokens[other.to - 1]!.end);
        const e = entity(`rec:GovernmentBody:${tokens.slice(h.from, other.to).map((t) => t.norm).join(' ')}`, 'GovernmentBody', name, h.from, {
          fields: { country: other.country, ...(en.govType ? { govType: en.govType } : {}) },
        });
        mention(e, h.from, other.to);
        continue;
      }
      const fields = Object.fromEntries(Object.entries(en).filter(([k]) => !['kind', 'name', 'aliases', 'wikidata', 'source', 'supplier'].includes(k)));
      const e = entity(`gaz:${en.kind}:${en.name}`, en.kind, en.name, h.from, { entry: en, fields, ...(en.wikidata ? { wikidataId: en.wikidata } : {}) });
      for (const a of en.aliases) e.aliases.add(a);
      mention(e, h.from, h.to);
    } else if (hit.type === 'tech') {
      const e = entity(`tech:${hit.key}`, 'Technology', text.slice(tokens[h.from]!.start, tokens[h.to - 1]!.end), h.from, { fields: { techType: hit.techType, generic: true } });
      e.aliases.add(hit.name);
      mention(e, h.from, h.to);
    } else if (hit.type === 'victim') victims.push({ key: hit.key, from: h.from, to: h.to, sentence: sentenceOf(h.from) });
    else abuseHits.push({ hit, from: h.from, to: h.to, sentence: sentenceOf(h.from) });
  }

  const addShape = (m: ShapeMention) => {
    const e = entity(m.key, m.kind, m.name, m.from, { fields: { ...m.fields } });
    for (const a of m.aliases) e.aliases.add(a);
    e.aliases.add(m.name);
    mention(e, m.from, m.to, !m.reference);
  };
  const isFree = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (taken[i]) return false;
    return true;
  };
  chunks.forEach((c, n) => {
    if (!droppedChunks.has(n) && isFree(c.from, c.to)) addShape(c);
  });

  // 2. Recognisers for names outside the gazetteer: state bodies and bodies by their shape, then the rest.
  const countryAt = countryLookup(tokens, mentions, entities, lex);
  for (const m of stateBodies(text, tokens, lex, countryAt, isFree)) if (isFree(m.from, m.to)) addShape(m);
  // Places come from the gazetteer only (step 1): one index serves the readers below; removed ones drop out.
  const places: Array<Mention | undefined> = new Array(tokens.length);
  for (const m of mentions) if (m.kind === 'Location') for (let i = m.from; i < m.to; i++) places[i] ??= m;
  const removedPlaces = new Set<Mention>();
  const placeAt = (i: number) => {
    const m = places[i];
    return m && !removedPlaces.has(m) ? m : undefined;
  };
  for (const m of namedBodies(text, tokens, lex, taken, countryAt, placeAt)) {
    // A name that holds a place ("Telecommunication Co of Iran") replaces the place's mention inside it.
    for (let i = m.from; i < m.to; i++) {
      const p = placeAt(i);
      if (p && p.from >= m.from && p.to <= m.to) {
        remove(p);
        removedPlaces.add(p);
      }
    }
    for (let i = m.from; i < m.to; i++) taken[i] = 0;
    if (isFree(m.from, m.to)) addShape(m);
  }
  for (const m of cityBodies(text, tokens, taken, placeAt, entities)) addShape(m);
  // "Nokia Siemens Networks": known companies' names before a company head name another company.
  for (let i = 1; i < tokens.length; i++) {
    if (taken[i] || !lex.shapes.companyOnly.has(tokens[i]!.norm) || !isUpper(text, tokens[i]!)) continue;
    const inside: Mention[] = [];
    let from = i;
    index();
    for (let m = endingAt[from]; m && m.kind === 'Company' && /^[^\S\n]+$/.test(text.slice(tokens[m.to - 1]!.end, tokens[from]!.start)); m = endingAt[from]) {
      inside.push(m);
      from = m.from;
    }
    if (!inside.length) continue;
    // A legal form after one company's name ("ZTE Corp", "Netsweeper Inc.") is that company's name in full.
    if (inside.length === 1 && LEGAL_FORMS.test(tokens[i]!.norm)) {
      mention(entities.get(inside[0]!.entity)!, i, i + 1, false);
      entities.get(inside[0]!.entity)!.aliases.add(text.slice(tokens[from]!.start, tokens[i]!.end));
      continue;
    }
    for (const m of inside) remove(m);
    const name = text.slice(tokens[from]!.start, tokens[i]!.end);
    const e = entity(`rec:Company:${tokens.slice(from, i + 1).map((t) => t.norm).join(' ')}`, 'Company', name, from);
    // The name without its head ("Nokia Siemens") names it too, later on.
    e.aliases.add(text.slice(tokens[from]!.start, tokens[i - 1]!.end));
    mention(e, from, i + 1);
  }
  platformProducts(text, tokens, lex, mentions, () => (index(), covering), remove, (key, name, from, to) => {
    for (let i = from; i < to; i++) taken[i] = 0;
    mention(entity(key, 'Technology', name, from, { fields: { techType: 'software', platform: true } }), from, to);
  });
  for (const m of namesByNoun(text, tokens, lex, taken)) if (isFree(m.from, m.to)) addShape(m);
  recognise(text, tokens, taken, lex.demonyms, (kind, from, to, key, country) => {
    const name = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    // "l'unité 8200" in lower case is still the gazetteer's Unit 8200 (its aliases are capitalised).
    const known = key?.startsWith('rec:GovernmentBody:unit ') ? unitEntry(lex, key.slice('rec:GovernmentBody:unit '.length)) : undefined;
    if (known) {
      const fields = Object.fromEntries(Object.entries(known).filter(([k]) => !['kind', 'name', 'aliases', 'wikidata', 'source', 'supplier'].includes(k)));
      const g = entity(`gaz:GovernmentBody:${known.name}`, 'GovernmentBody', known.name, from, { entry: known, fields, ...(known.wikidata ? { wikidataId: known.wikidata } : {}) });
      for (const a of known.aliases) g.aliases.add(a);
      mention(g, from, to);
      return;
    }
    const e = entity(key ?? `rec:${kind}:${tokens.slice(from, to).map((t) => t.norm).join(' ')}`, kind, name, from);
    if (country) e.fields.country ??= country;
    mention(e, from, to);
  });
  acronyms(text, tokens, mentions, entities, taken, (e, from, to) => mention(e, from, to));
  // Anaphora first: "Brad Smith, the company's president" needs "the company" to find the role's organisation.
  anaphora(text, tokens, taken, mentions, sentenceOf, (key, from, to) => mention(entities.get(key)!, from, to, false));
  persons(text, tokens, taken, sentenceOf, lex, mentions, entities, roles, (key, name, from, to) => mention(entity(key, 'Person', name, from), from, to));
  // References back: "the system", "ces outils"; "the government", "les autorités".
  const byFrom = () => [...mentions].sort((a, b) => a.from - b.from);
  const techs = byFrom().filter((m) => m.kind === 'Technology').map((m) => ({ from: m.from, to: m.to, key: m.entity, sentence: m.sentence }));
  for (const r of techReferences(text, tokens, lex, taken, techs, sentenceOf)) mention(entities.get(r.key)!, r.from, r.to, false);
  const governments = byFrom().filter((m) => entities.get(m.entity)?.fields.govType === 'government' && typeof entities.get(m.entity)?.fields.country === 'string').map((m) => ({ from: m.from, key: m.entity }));
  const countries = byFrom().flatMap((m) => {
    const c = countryAt(m.from);
    return c && c.from === m.from ? [{ from: m.from, code: c.code }] : [];
  });
  const govEntity = (code: string) => {
    const g = governmentOf(lex, code);
    const e = entity(g.key, 'GovernmentBody', g.name, tokens.length, { fields: { ...(g.entry ? Object.fromEntries(Object.entries(g.entry).filter(([k]) => !['kind', 'name', 'aliases', 'wikidata', 'source', 'supplier'].includes(k))) : {}), ...g.fields }, ...(g.entry ? { entry: g.entry } : {}), ...(g.entry?.wikidata ? { wikidataId: g.entry.wikidata } : {}) });
    for (const a of g.aliases) e.aliases.add(a);
    return e.key;
  };
  for (const r of governmentReferences(tokens, taken, governments, countries, govEntity)) {
    const e = entities.get(r.key)!;
    if (e.firstSeen > r.from) e.firstSeen = r.from;
    mention(e, r.from, r.to, false);
  }

  // A name read once from its context names the same entity wherever else the document writes it.
  propagate(text, tokens, taken, entities, (from, to) => {
    index();
    const out = new Set<Mention>();
    for (let i = from; i < to; i++) if (covering[i]) out.add(covering[i]!);
    return [...out];
  }, remove, (e, from, to) => mention(e, from, to, false));

  // 3. Abuses, each bound to the victim group or place of its sentence (or the document's last one).
  const placesBySentence = new Map<number, Mention[]>();
  for (const m of mentions) if (m.kind === 'Location') placesBySentence.set(m.sentence, [...(placesBySentence.get(m.sentence) ?? []), m]);
  const lastVictimOf = new Map<string, string>();
  const adoptedBy = new Map<string, { victim: string; target: string }>();
  const victimsBySentence = new Map<number, typeof victims>();
  for (const v of victims) victimsBySentence.set(v.sentence, [...(victimsBySentence.get(v.sentence) ?? []), v]);
  for (const a of abuseHits) {
    const inSentence = victimsBySentence.get(a.sentence) ?? [];
    const victim = inSentence.find((v) => v.from >= a.to) ?? inSentence.at(-1);
    const place = (placesBySentence.get(a.sentence) ?? [])[0];
    if (!a.hit.strong && !victim) continue;
    // Generic victims (civilians, minorities…) do not split an abuse already named with a specific group.
    const specific = victim && !GENERIC_VICTIMS.has(victim.key) ? victim.key : undefined;
    // Without a group of its own, an abuse joins the one of its category the report named before it.
    let target = specific ?? lastVictimOf.get(a.hit.key) ?? victim?.key ?? lastVictimOf.get(`any:${a.hit.key}`) ?? (place ? `place:${place.entity}` : '');
    // "… and torture." then "the torture of Falun Gong practitioners": the first group named for an abuse
    // named bare before is whom that abuse was done to, one abuse, not two.
    if (specific && !lastVictimOf.has(a.hit.key)) {
      const bare = [...entities.keys()].find((k) => k === `abuse:${a.hit.key}:` || k.startsWith(`abuse:${a.hit.key}:place:`));
      if (bare) adoptedBy.set(a.hit.key, { victim: specific, target: bare.slice(`abuse:${a.hit.key}:`.length) });
    }
    const adopted = adoptedBy.get(a.hit.key);
    if (specific && adopted?.victim === specific) target = adopted.target;
    if (specific) lastVictimOf.set(a.hit.key, specific);
    if (!lastVictimOf.has(`any:${a.hit.key}`)) lastVictimOf.set(`any:${a.hit.key}`, target);
    const key = `abuse:${a.hit.key}:${target}`;
    const surface = text.slice(tokens[a.from]!.start, tokens[a.to - 1]!.end);
    const victimText = victim ? text.slice(tokens[victim.from]!.start, tokens[victim.to - 1]!.end) : '';
    const name = victim && victim.from >= a.to && victim.from - a.to <= 4 ? text.slice(tokens[a.from]!.start, tokens[victim.to - 1]!.end) : victimText ? `${surface} (${victimText})` : surface;
    const e = entity(key, 'Abuse', name, a.from, { fields: { category: a.hit.category } });
    // The lexicon's English name with the victims' ("mass surveillance of Palestinians") comes first among
    // the aliases: the same abuse reported in French and in English meets under it at resolution.
    const group = specific && adopted?.victim === specific ? specific : target.startsWith('place:') ? '' : target;
    // The bare class ("mass surveillance") is no name of an abuse bound to victims: it would join them all.
    if (group) e.aliases.add(`${a.hit.name} of ${group[0]!.toUpperCase()}${group.slice(1)}`);
    else e.aliases.add(a.hit.name);
    mention(e, a.from, a.to, !group);
  }
  // A person is a victim of an arrest, a trial or torture told of them ("X was charged", "X, who was
  // detained"), unless the report gives them a post in a company or a state body (an executive charged
  // with fraud is no abuse).
  const officials = new Set(roles.filter((r) => ['Company', 'GovernmentBody'].includes(entities.get(r.org)?.kind ?? '')).map((r) => r.person));
  const personVictims = mentions.filter((m) => m.kind === 'Person' && !officials.has(m.entity)).map((m) => ({ key: `person:${m.entity}`, from: m.from, to: m.to }));
  abuseClauses(text, tokens, taken, lex, victims, personVictims, sentenceOf, (key, category, name, alias, from, to) => {
    const e = entity(key, 'Abuse', name, from, { fields: { category } });
    e.aliases.add(name);
    e.aliases.add(alias);
    mention(e, from, to, false);
  }, (cat) => [...entities.values()].filter((e) => e.key.startsWith(`abuse:${cat}:`)).sort((a, b) => a.firstSeen - b.firstSeen)[0]?.key, (key, from, to) => {
    if (!taken[from]) mention(entities.get(key)!, from, to, false);
  });
  groupReferences(text, tokens, lex, taken, mentions, (key, from, to) => mention(entities.get(key)!, from, to, false));
  // "the Netsweeper installations", "Hikvision cameras": a company's name before a technology noun refers to
  // its product told before.
  for (const m of [...mentions]) {
    const j = m.to;
    if (m.kind !== 'Company' || j >= tokens.length || taken[j] || !/^\s+$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) continue;
    if (!/^\p{Ll}/u.test(text.slice(tokens[j]!.start)) || !(lex.shapes.techAnaphora.has(tokens[j]!.norm) || PRODUCT_PLURALS.has(tokens[j]!.norm))) continue;
    // The technology named before with this company in its sentence ("filtering technology developed by
    // Netsweeper"); without one, the words are left alone rather than made a product nobody named.
    const withCompany = new Set(mentions.filter((x) => x.entity === m.entity && x.from < m.from).map((x) => x.sentence));
    const product = mentions.filter((x) => x.kind === 'Technology' && x.to <= m.from && withCompany.has(x.sentence)).sort((a, b) => b.from - a.from)[0];
    if (product) mention(entities.get(product.entity)!, j, j + 1, false);
  }
  mentions.sort((a, b) => a.from - b.from);
  return { entities, mentions, roles };
}

/**
 * "NTechLab and Tevian were sanctioned … The two companies supply software …": a plural kind noun under a
 * group determiner ("the two companies", "both firms", "ces deux entreprises") refers to the names of the
 * nearest coordination of that kind before it ("A and B", "A, B et C"), within 60 tokens: one reference per
 * name at the group's words, so the claim readers take them as coordinated subjects or objects.
 */
function groupReferences(text: string, tokens: readonly Token[], lex: Lexicon, taken: Uint8Array, mentions: readonly Mention[], refer: (key: string, from: number, to: number) => void) {
  const sorted = [...mentions].sort((a, b) => a.from - b.from);
  const found: Array<{ keys: string[]; from: number; to: number }> = [];
  for (const n of lex.shapes.kindNouns.longest(tokens)) {
    const det = n.from - 1;
    if (det < 0 || !/s$/.test(tokens[n.to - 1]!.norm) || !/^(two|three|both|these|those|deux|trois|ces)$/.test(tokens[det]!.norm)) continue;
    if (taken.subarray(n.from, n.to).some((x) => x)) continue;
    const from = det > 0 && /^(the|les|l)$/.test(tokens[det - 1]!.norm) ? det - 1 : det;
    const before = sorted.filter((m) => m.to <= from && from - m.to <= 60 && m.kind === n.payload);
    for (let i = before.length - 1; i > 0; i--) {
      const chain = [before[i]!];
      for (let j = i - 1; j >= 0; j--) {
        const gap = text.slice(before[j]!.end, chain[0]!.start);
        if (!/^\s*(,|and|et|&|, and|, et)\s*$/iu.test(gap)) break;
        chain.unshift(before[j]!);
      }
      const keys = [...new Set(chain.map((m) => m.entity))];
      if (keys.length >= 2) {
        found.push({ keys, from, to: n.to });
        break;
      }
    }
  }
  for (const f of found) for (const key of f.keys) refer(key, f.from, f.to);
}

/**
 * The names a list of platforms enumerates become products ("dont Gmail, Skype, Telegram et Facebook"), a
 * company's mention of the same name among them too; elsewhere in the document that name is then the product
 * as well (one sense per report: "Facebook et Twitter infiltrés" in its headline).
 */
function platformProducts(
  text: string,
  tokens: readonly Token[],
  lex: Lexicon,
  mentions: readonly Mention[],
  coveringNow: () => ReadonlyArray<Mention | undefined>,
  remove: (m: Mention) => void,
  add: (key: string, name: string, from: number, to: number) => void,
) {
  const listed = platformLists(text, tokens, lex);
  if (!listed.length) return;
  const keyOf = (from: number, to: number) => `product:${tokens.slice(from, to).map((t) => t.norm).join(' ')}`;
  const products = new Map<string, string>();
  const place = (from: number, to: number, name: string) => {
    const covering = coveringNow();
    const over = new Set<Mention>();
    for (let i = from; i < to; i++) if (covering[i]) over.add(covering[i]!);
    // Only free words or a company's name exactly: a place or a body inside the list is left as it is.
    if ([...over].some((m) => m.kind !== 'Company' || m.from !== from || m.to !== to)) return false;
    for (const m of over) remove(m);
    add(keyOf(from, to), name, from, to);
    return true;
  };
  for (const n of listed) if (place(n.from, n.to, n.name)) products.set(tokens.slice(n.from, n.to).map((t) => t.norm).join(' '), n.name);
  for (const m of [...mentions]) {
    if (m.kind !== 'Company') continue;
    const name = products.get(tokens.slice(m.from, m.to).map((t) => t.norm).join(' '));
    if (name) place(m.from, m.to, name);
  }
}

/** Nouns of a deployed product besides the technology words: "the Netsweeper installations". */
const PRODUCT_PLURALS = new Set(['installations', 'installation', 'deployments', 'deployment', 'appliances', 'servers', 'serveurs']);

/** The abuse lexicon's entry for each category of the shape lexicon's abuse verbs. */
const CATEGORY_KEYS: Record<string, { key: string; name: string }> = lookup({
  surveillance: { key: 'mass-surveillance', name: 'surveillance' },
  detention: { key: 'detention', name: 'detention' },
  torture: { key: 'torture', name: 'torture' },
  censorship: { key: 'censorship', name: 'censorship' },
  persecution: { key: 'repression', name: 'repression' },
  unlawful_killing: { key: 'killing', name: 'killing' },
});
/** What may stand between an abuse verb and its victims: "spy on its own citizens", "arrested the critics". */
const VICTIM_GAP = /^(on|of|de|d|des|du|la|le|les|l|the|its|their|his|her|own|leurs?|ses|sa|son|propres?|against|contre|sur|down|and|et|local|political|politiques?|prominent|government|pro|democracy|human|rights|des|other|certain|certains|some|many|several|plusieurs|nombreux|alleged|suspected|perceived|ethnic|religious|muslim|online|peaceful|its|ces|these|those|all|tous|toutes)$/;
/** An article between "of"/"de" and an organisation's name: "of the Media Institute", "de l'ONG". */
const ARTICLES_BEFORE_ORG = new Set(['the', 'la', 'le', 'l', 'les']);
const PASSIVE_GAP = /^(were|was|been|being|are|is|be|have|has|had|ete|sont|ont|a|etaient|etait|later|then|also|aussi|often|souvent|systematically|systematiquement|regulierement|regularly|who|qui|aurait|auraient|avait|avaient|allegedly|reportedly|would|presumement)$/;
/** The abuse categories a single named person is a victim of: arrest, trial, torture. */
const PERSON_ABUSES = new Set(['detention', 'torture', 'persecution']);

/**
 * Abuses told as clauses: an abuse verb or noun bound to the people it targets ("spy on citizens",
 * "tracked down and arrested critics", "censored the Syrian Web", "surveillance des femmes", "journalists
 * were arrested"). One entity per category and victim group in a document.
 */
function abuseClauses(
  text: string,
  tokens: readonly Token[],
  taken: Uint8Array,
  lex: Lexicon,
  knownVictims: ReadonlyArray<{ key: string; from: number; to: number }>,
  personVictims: ReadonlyArray<{ key: string; from: number; to: number }>,
  sentenceOf: (i: number) => number,
  add: (key: string, category: string, name: string, alias: string, from: number, to: number) => void,
  known: (categoryKey: string) => string | undefined,
  refer: (key: string, from: number, to: number) => void,
) {
  const unbound: Array<{ from: number; to: number; category: string }> = [];
  const victimAt = new Map<number, { to: number; key: string }>();
  for (const v of lex.shapes.victims.longest(tokens)) victimAt.set(v.from, { to: v.to, key: tokens.slice(v.from, v.to).map((t) => t.norm).join(' ') });
  // A victim group of the abuse lexicon keeps its key, so that "spying on journalists" meets "surveillance des journalistes".
  for (const v of knownVictims) victimAt.set(v.from, { to: v.to, key: v.key });
  for (const v of personVictims) if (!victimAt.has(v.from)) victimAt.set(v.from, { to: v.to, key: v.key });
  const victimEnding = new Map<number, { from: number; to: number; key: string }>();
  for (const [from, v] of victimAt) if (!victimEnding.has(v.to)) victimEnding.set(v.to, { from, to: v.to, key: v.key });
  const usedVictims = new Map<number, string>();
  const byCategory = new Map<string, string>();
  const noBreak = (a: number, b: number) => !/[.;:!?()\n«»"“”]/.test(text.slice(tokens[a]!.end, tokens[b]!.start));
  for (const h of lex.shapes.abuseVerbs.longest(tokens)) {
    if (taken[h.from] || taken[h.to - 1]) continue;
    const s = sentenceOf(h.from);
    let victim: { from: number; to: number; key: string } | undefined;
    for (let j = h.to; j < tokens.length && j - h.to <= 5 && sentenceOf(j) === s && noBreak(j - 1, j); j++) {
      const v = victimAt.get(j);
      // "minority-party politicians": a victim word inside a compound modifies the victims after it.
      const compound = (i: number) => text[tokens[i]!.end] === '-' || text[tokens[i]!.start - 1] === '-';
      // A person named after a comma starts another clause: "battu et interrogé, Toha a été ramené".
      if (v && !compound(v.to - 1) && !(v.key.startsWith('person:') && text.slice(tokens[j - 1]!.end, tokens[j]!.start).includes(','))) {
        victim = { from: j, to: v.to, key: v.key };
        break;
      }
      // Another abuse verb coordinated with this one ("tracked down and arrested critics") or an adjective.
      if (!VICTIM_GAP.test(tokens[j]!.norm) && !/(ed|ing)$/.test(tokens[j]!.norm) && !compound(j)) break;
    }
    if (!victim) {
      // "journalists were arrested", "les opposants ont été arrêtés", "X, who was detained".
      const relative = (j: number) => /^(who|qui)$/.test(tokens[j + 1]?.norm ?? '');
      for (let j = h.from - 1; j >= 0 && h.from - j <= 5 && sentenceOf(j) === s && noBreak(j, j + 1) && (relative(j) || !text.slice(tokens[j]!.end, tokens[j + 1]!.start).includes(',')); j--) {
        const v = victimEnding.get(j + 1);
        if (v) {
          victim = v;
          break;
        }
        if (!PASSIVE_GAP.test(tokens[j]!.norm)) break;
      }
    }
    const cat = CATEGORY_KEYS[h.payload];
    if (!cat) continue;
    // A named person is a victim of the state's acts on people only: not "monitored X" nor "killed X".
    if (victim?.key.startsWith('person:') && !PERSON_ABUSES.has(h.payload)) victim = undefined;
    if (!victim) {
      if (!UNBOUND_TOO_VAGUE.test(tokens[h.from]!.norm)) unbound.push({ from: h.from, to: h.to, category: cat.key });
      continue;
    }
    // Coordinated verbs on one victim are one abuse (the first verb names it), and a report's abuses of one
    // category are one pattern: "detaining protesters" and "detain activists" later on.
    // What was done to one named person is that person's case, apart from the pattern against a group.
    const person = victim.key.startsWith('person:');
    const prior = usedVictims.get(victim.from) ?? (person ? undefined : byCategory.get(cat.key));
    const key = prior ?? (person ? `abuse:case:${victim.key}` : `abuse:${cat.key}:${victim.key}`);
    if (!person) byCategory.set(cat.key, key);
    usedVictims.set(victim.from, key);
    const from = Math.min(h.from, victim.from);
    const to = Math.max(h.to, victim.to);
    const name = text.slice(tokens[from]!.start, tokens[to - 1]!.end).replace(/\s+/g, ' ');
    const group = text.slice(tokens[victim.from]!.start, tokens[victim.to - 1]!.end);
    add(key, h.payload, name, `${cat.name} of ${group}`, h.from, h.to);
  }
  // Once a report has named an abuse, its verbs tell of it again without naming the victims: "the jailers beat
  // him", "the interrogations" in a report on torture. Words too vague for that are left out.
  const knownOf = new Map<string, string | undefined>();
  for (const u of unbound) {
    if (!knownOf.has(u.category)) knownOf.set(u.category, known(u.category));
    const key = byCategory.get(u.category) ?? knownOf.get(u.category);
    if (key) refer(key, u.from, u.to);
  }
}
const UNBOUND_TOO_VAGUE = /^(control|controle|controler|controls|controlled|identify|identified|identifier|block|blocked|blocking|bloquer|bloque|bloques|filter|filtered|filtering|filtrer|filtre|filtres|charged|abuse|abused|silence|track|tracks|tracking|tracked|target|targets|targeted|targeting|cibler|cible|cibles|ciblee|ciblees|monitor|monitors|monitoring|monitored|suppress|suppressed|suppression|shut|shutdown|restrict|restreindre|faire|poursuivre|poursuivi|poursuivis|prosecute|prosecuted|frappe|frappes|executer|execute|executes|executed|hack|hacked|hacking|infect|infected|pirater|pirate|pirates|interroge|interroges|surveillance|used|utilise|utilises|utilisee|utilisees|deployed|deploye|deployes|turned|employed|viser|vise|vises|visee|visees|visait|visaient|visant|abuses|abuse|abus|violations|exactions|persecution|repression|crackdown|cracking|cracked)$/;

/** The gazetteer's military unit numbered `n` ("Unit 8200", "Unité 8200"), if it has one. */
function unitEntry(lex: Lexicon, n: string): GazetteerEntry | undefined {
  return lex.entries.find((e) => e.kind === 'GovernmentBody' && [e.name, ...e.aliases].some((a) => /^unit[ée]? \d+$/iu.test(a) && a.replace(/\D/g, '') === n));
}

const LEGAL_FORMS = /^(inc|ltd|llc|sa|sas|sarl|gmbh|ag|plc|corp|corporation|co|limited|bv|nv|spa|srl|oy|ab|as|kk)$/;

/** "la ville de Marseille", "la mairie de Lyon", "the City of Toronto": a city's government. */
function cityBodies(text: string, tokens: readonly Token[], taken: Uint8Array, placeAt: (i: number) => Mention | undefined, entities: ReadonlyMap<string, DocEntity>): ShapeMention[] {
  const out: ShapeMention[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (taken[i] || !/^(ville|mairie|city|municipalite|municipality|commune|town|prefecture|metropole)$/.test(tokens[i]!.norm) || !/^(de|d|of)$/.test(tokens[i + 1]!.norm)) continue;
    const p = placeAt(i + 2);
    const place = p && p.from === i + 2 ? entities.get(p.entity) : undefined;
    if (!place || place.fields.countryCode === undefined) continue;
    const surface = text.slice(tokens[i]!.start, tokens[p!.to - 1]!.end);
    out.push({ kind: 'GovernmentBody', from: i, to: i + 1, key: `city:${place.name}`, name: `City of ${place.name}`, aliases: [surface], fields: { country: place.fields.countryCode, govType: 'government' } });
  }
  return out;
}

/** Other occurrences of names recognised by their context (not the gazetteer's, which are found everywhere). */
function propagate(text: string, tokens: readonly Token[], taken: Uint8Array, entities: ReadonlyMap<string, DocEntity>, inside: (from: number, to: number) => Mention[], remove: (m: Mention) => void, add: (e: DocEntity, from: number, to: number) => void) {
  const byFirst = new Map<string, Array<{ words: string[]; e: DocEntity }>>();
  for (const e of entities.values()) {
    if (e.entry || !/^(rec|per|product):/.test(e.key) || !['Company', 'Organization', 'GovernmentBody', 'Technology'].includes(e.kind)) continue;
    for (const n of new Set([e.name, ...e.aliases])) {
      const words = [...n.matchAll(/\+?[\p{L}\p{N}]+/gu)].map((m) => foldWord(m[0]));
      if (!words.length || !/^\p{Lu}/u.test(n)) continue;
      byFirst.set(words[0]!, [...(byFirst.get(words[0]!) ?? []), { words, e }]);
    }
  }
  if (!byFirst.size) return;
  // A longer name may cover shorter mentions wholly inside it ("Nokia Siemens" over "Nokia" and "Siemens").
  const coverable = (from: number, to: number) => inside(from, to).every((m) => m.from >= from && m.to <= to && m.entity !== undefined) && to - from > 1;
  for (let i = 0; i < tokens.length; i++) {
    if (!/^\p{Lu}/u.test(text.slice(tokens[i]!.start, tokens[i]!.end))) continue;
    const cands = (byFirst.get(tokens[i]!.norm) ?? []).sort((a, b) => b.words.length - a.words.length);
    const hit = cands.find((c) => c.words.every((w, k) => tokens[i + k]?.norm === w) && (c.words.every((_, k) => !taken[i + k]) || (c.e.kind === "Company" && coverable(i, i + c.words.length))));
    if (!hit) continue;
    for (const m of inside(i, i + hit.words.length)) remove(m);
    add(hit.e, i, i + hit.words.length);
    i += hit.words.length - 1;
  }
}

/** Where the document names a country of the gazetteer: its code and the name's tokens. */
function countryLookup(tokens: readonly Token[], mentions: readonly Mention[], entities: ReadonlyMap<string, DocEntity>, lex: Lexicon): CountryAt {
  const at = new Map<number, { code: string; from: number; to: number }>();
  for (const m of mentions) {
    if (m.kind !== 'Location') continue;
    const e = entities.get(m.entity)!;
    const code = e.fields.countryCode;
    if (typeof code !== 'string' || lex.countries.get(code)?.name !== e.name) continue;
    for (let i = m.from; i < m.to; i++) at.set(i, { code, from: m.from, to: m.to });
  }
  void tokens;
  return (i) => at.get(i);
}

/** Words between a name's comma and its role word: "X, the company's vice chair", "Y, qui était alors …". */
const ROLE_LEAD = /^(qui|etait|est|alors|the|le|la|l|a|an|un|une|former|ancien|ancienne|now|then|its|their|s|son|sa|ses|leur|company|firm|group|groupe|entreprise|societe|organisation|organization|vice|senior|executive|deputy|adjoint|adjointe|and|et|of|de|du)$/;
const DETERMINERS = new Set(['l', 'la', 'le', 'cette', 'ce', 'cet', 'the', 'this', 'that']);
/** Nouns that, after a determiner, stand for the last entity of a kind named before them. */
const ANAPHORA: Record<string, EntityKind> = lookup({
  entreprise: 'Company', societe: 'Company', firme: 'Company', multinationale: 'Company', geant: 'Company',
  company: 'Company', firm: 'Company', multinational: 'Company', giant: 'Company',
  organisme: 'Organization', organisation: 'Organization', organization: 'Organization', ong: 'Organization', ngo: 'Organization',
  ministere: 'GovernmentBody', ministry: 'GovernmentBody', unite: 'GovernmentBody', unit: 'GovernmentBody',
});
/** Words after the noun that make it something else: "la société civile", "the unit of", "l'unité 8200". */
const NOT_ANAPHORA_AFTER = /^(civile|civil|of|de|d|du|des|\d+)$/;

/**
 * "l'entreprise", "la société", "the company", "l'organisme", "le ministère" → the last entity of that kind
 * named before it, within the three sentences before: a light coreference, so that what a report states of
 * "the company" reaches the company.
 */
function anaphora(text: string, tokens: readonly Token[], taken: Uint8Array, mentions: readonly Mention[], sentenceOf: (i: number) => number, add: (key: string, from: number, to: number) => void) {
  const sorted = [...mentions].sort((a, b) => a.from - b.from);
  const last = new Map<EntityKind, Mention>();
  let m = 0;
  for (let i = 1; i < tokens.length; i++) {
    while (m < sorted.length && sorted[m]!.to <= i - 1) {
      last.set(sorted[m]!.kind, sorted[m]!);
      m++;
    }
    const kind = ANAPHORA[tokens[i]!.norm];
    if (!kind || !DETERMINERS.has(tokens[i - 1]!.norm) || taken[i] || taken[i - 1]) continue;
    if (NOT_ANAPHORA_AFTER.test(tokens[i + 1]?.norm ?? '')) continue;
    // "l'ONG Al-Haq", "the company NSO Group": a noun before a name is its title, not a reference back.
    if (taken[i + 1] || /^\p{Lu}/u.test(text.slice(tokens[i + 1]?.start ?? 0, tokens[i + 1]?.end ?? 0))) continue;
    const antecedent = last.get(kind);
    if (!antecedent || sentenceOf(i) - antecedent.sentence > 3) continue;
    add(antecedent.entity, i - 1, i + 1);
  }
}

/** An adjective of nationality at token i (one or two words: "égyptienne", "South African"). */
function demonymAfter(tokens: readonly Token[], i: number, demonyms: ReadonlyMap<string, string>): { country: string; to: number } | null {
  const one = tokens[i]?.norm;
  if (!one) return null;
  const two = tokens[i + 1] ? demonyms.get(`${one} ${tokens[i + 1]!.norm}`) : undefined;
  if (two) return { country: two, to: i + 2 };
  const c = demonyms.get(one);
  return c ? { country: c, to: i + 1 } : null;
}

function sentenceIndexer(tokens: readonly Token[], sents: readonly Span[]) {
  const idx = new Int32Array(tokens.length);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s < sents.length - 1 && tokens[i]!.start >= sents[s]!.end) s++;
    idx[i] = s;
  }
  return (tokenIndex: number) => idx[tokenIndex] ?? 0;
}

/** "Unit 8200", ministries and departments, names with a company suffix. */
function recognise(
  text: string,
  tokens: readonly Token[],
  taken: Uint8Array,
  demonyms: ReadonlyMap<string, string>,
  add: (kind: EntityKind, from: number, to: number, key?: string, country?: string) => void,
) {
  const free = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (taken[i]) return false;
    return true;
  };
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.norm;
    // Unit 8200 / Unité 8200
    if ((w === 'unit' || w === 'unite') && /^\d{2,5}$/.test(tokens[i + 1]?.norm ?? '') && free(i, i + 2)) {
      add('GovernmentBody', i, i + 2, `rec:GovernmentBody:unit ${tokens[i + 1]!.norm}`);
      continue;
    }
    // Ministry of X / ministère de la X: up to four more words, capitalised ones kept.
    if (/^(ministry|ministere|department|departement)$/.test(w) && free(i, i + 1)) {
      let j = i + 1;
      let last = -1;
      while (j < tokens.length && j - i <= 6 && tokens[j]!.start - tokens[j - 1]!.end <= 3 && !/[.!?;:]/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) {
        const n = tokens[j]!.norm;
        if (isUpper(text, tokens[j]!) && !taken[j]) last = j;
        else if (!/^(of|the|de|la|le|l|du|des|d|and|et|for|pour|affaires|etrangeres|interieur|defense)$/.test(n)) break;
        if (/^(defense|interieur)$/.test(n)) last = j;
        j++;
      }
      // "ministère de la Défense indien": the adjective of nationality belongs to the name and gives its country.
      const nationality = last > i && !taken[last + 1] ? demonymAfter(tokens, last + 1, demonyms) : null;
      if (nationality) add('GovernmentBody', i, nationality.to, undefined, nationality.country);
      else if (last > i) add('GovernmentBody', i, last + 1);
      continue;
    }
    // Capitalised words ending in a company suffix: "Acme Widgets Ltd", "Foo Technologies".
    if (COMPANY_HEADS.test(w) && isUpper(text, tokens[i]!) && i > 0 && !taken[i]) {
      let j = i - 1;
      while (j >= 0 && i - j <= 4 && isUpper(text, tokens[j]!) && !taken[j] && tokens[j + 1]!.start - tokens[j]!.end <= 2) j--;
      if (j + 1 < i && !NOT_NAMES.has(tokens[j + 1]!.norm)) add('Company', j + 1, i + 1);
    }
  }
}

/**
 * "Long Name (ACR)": the acronym joins the entity mentioned just before the bracket, or names a new one
 * (kind from its head word); later uses of the acronym are mentions of it.
 */
function acronyms(text: string, tokens: readonly Token[], mentions: Mention[], entities: Map<string, DocEntity>, taken: Uint8Array, add: (e: DocEntity, from: number, to: number) => void) {
  const defined = new Map<string, DocEntity>();
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const acr = text.slice(t.start, t.end);
    if (!/^[\p{Lu}][\p{Lu}\p{N}]{1,8}$/u.test(acr) || text[t.start - 1] !== '(' || text[t.end] !== ')') continue;
    const before = mentions.filter((m) => m.to === i && m.end >= t.start - 3).at(-1);
    let e = before ? entities.get(before.entity) : undefined;
    if (!e) {
      // A run of capitalised words (with linking words) ending just before the bracket.
      let j = i - 1;
      let first = -1;
      while (j >= 0 && i - j <= 10) {
        const tok = tokens[j]!;
        if (isUpper(text, tok)) first = j;
        else if (!/^(de|du|des|la|le|l|d|of|the|for|and|et|aux|pour|on|sur|in|en)$/.test(tok.norm)) break;
        j--;
      }
      if (first < 0 || first >= i || NOT_NAMES.has(tokens[first]!.norm)) continue;
      const words = tokens.slice(first, i).map((x) => x.norm);
      const kind: EntityKind = words.some((w) => GOV_HEADS.test(w)) ? 'GovernmentBody' : words.some((w) => COMPANY_HEADS.test(w)) ? 'Company' : 'Organization';
      const name = text.slice(tokens[first]!.start, tokens[i - 1]!.end);
      e = entities.get(`rec:${kind}:${words.join(' ')}`) ?? { key: `rec:${kind}:${words.join(' ')}`, kind, name, aliases: new Set(), fields: {}, firstSeen: first };
      entities.set(e.key, e);
      if (!taken[first]) add(e, first, i);
    }
    e.aliases.add(acr);
    defined.set(acr, e);
  }
  if (!defined.size) return;
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const e = defined.get(text.slice(tokens[i]!.start, tokens[i]!.end));
    if (e) add(e, i, i + 1);
  }
}

/** A person: two to four capitalised words after a title, or next to a role ("X, directrice de …"). */
function persons(
  text: string,
  tokens: readonly Token[],
  taken: Uint8Array,
  sentenceOf: (i: number) => number,
  lex: Lexicon,
  mentions: Mention[],
  entities: Map<string, DocEntity>,
  roles: MentionSet['roles'],
  add: (key: string, name: string, from: number, to: number) => void,
) {
  const nameAt = (i: number, dir: 1 | -1): [number, number] | null => {
    // Scan capitalised words (and particles inside) from token i in direction dir.
    let a = i;
    let b = i;
    let n = 0;
    for (let j = i; j >= 0 && j < tokens.length && Math.abs(j - i) < 6; j += dir) {
      const t = tokens[j]!;
      if (taken[j]) break;
      let glued = false;
      if (j !== i) {
        const [l, r] = dir === 1 ? [tokens[j - 1]!, t] : [t, tokens[j + 1]!];
        const gap = text.slice(l.end, r.start);
        if (!/^([^\S\n]+|['’-]|[^\S\n]+-[^\S\n]+)$/.test(gap)) break;
        glued = /^['’-]$/.test(gap);
      }
      const up = isUpper(text, t);
      // "Ra'ad": a lowercase piece glued by an apostrophe or hyphen belongs to the word before it.
      if (!up && !glued && !(NAME_PARTICLES.has(t.norm) && n > 0)) break;
      if (up) n++;
      if (dir === 1) b = j;
      else a = j;
    }
    if (dir === 1) a = i;
    else b = i;
    while (b > a && NAME_PARTICLES.has(tokens[b]!.norm)) b--;
    // "Déclaration de Michelle Bachelet": a word and a particle before a full name are not part of it.
    if (b - a >= 3 && NAME_PARTICLES.has(tokens[a + 1]!.norm) && isUpper(text, tokens[a + 2]!) && isUpper(text, tokens[a + 3]!)) a += 2;
    const count = b - a + 1;
    if (count < 2 || n < 2 || NOT_NAMES.has(tokens[a]!.norm)) return null;
    return [a, b + 1];
  };
  const known = new Map<string, string>(); // surname → person key
  const addPerson = (from: number, to: number) => {
    const name = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const key = `per:${tokens.slice(from, to).map((t) => t.norm).join(' ')}`;
    add(key, name, from, to);
    known.set(tokens[to - 1]!.norm, key);
    return key;
  };
  // Titles.
  for (let i = 0; i < tokens.length - 1; i++) {
    const raw = text.slice(tokens[i]!.start, tokens[i]!.end + 1);
    if (/^(M\.|Mme |Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?)$/.test(raw) || /^(M|Mme|Mr|Mrs|Ms|Dr|Pr)[.\s]$/.test(raw)) {
      const span = nameAt(i + 1, 1) ?? (isUpper(text, tokens[i + 1]!) && !taken[i + 1] && tokens[i + 2] && isUpper(text, tokens[i + 2]!) && /^[^\S\n]+$/.test(text.slice(tokens[i + 1]!.end, tokens[i + 2]!.start)) ? [i + 1, i + 3] as [number, number] : null);
      if (span) addPerson(span[0], span[1]);
    }
  }
  // "the journalist Jamal Khashoggi", "l'avocate Leila X": a person noun right before a name.
  for (const n of lex.personNouns.longest(tokens)) {
    const next = n.to;
    if (next < tokens.length && !taken[next] && tokens[next]!.start - tokens[n.to - 1]!.end <= 2) {
      const span = nameAt(next, 1);
      if (span) addPerson(span[0], span[1]);
    }
  }
  // A name is no person's when a word of it heads bodies' names ("Citizen Lab", "Tender Board").
  const { heads, companyOnly } = lex.shapes;
  const personLike = (span: [number, number]) => tokens.slice(span[0], span[1]).every((t) => !heads.GovernmentBody.has(t.norm) && !heads.Organization.has(t.norm) && !heads.Company.has(t.norm) && !companyOnly.has(t.norm) && !lex.demonyms.has(t.norm));
  const spaceOnly = (a: number, b: number) => /^[^\S\n]+$/.test(text.slice(tokens[a]!.end, tokens[b]!.start));
  const inSentence = new Map<number, Mention[]>();
  for (const m of mentions) inSentence.set(m.sentence, [...(inSentence.get(m.sentence) ?? []), m]);
  // Role appositions: "NAME, role … ORG" and "role … ORG, NAME".
  for (const r of lex.roles.all(tokens)) {
    // "researchers at Citizen Lab found": a plural role names a group, not the person next to it.
    const roleWord = tokens[r.to - 1]!.norm;
    if (roleWord.length > 3 && roleWord.endsWith('s') && !roleWord.endsWith('ss')) continue;
    const s = sentenceOf(r.from);
    const org = (from: number, to: number) =>
      (inSentence.get(s) ?? []).find((m) => m.to > from && m.from < to && ['Organization', 'Company', 'GovernmentBody'].includes(m.kind));
    // NAME, [qui était alors] role
    let k = r.from - 1;
    // "Brad Smith, the company's vice chair and president": possessives and modifiers before the role word.
    // "Ben Roome, a Nokia Siemens spokesman": the organisation's name may stand before the role word too.
    while (k >= 0 && r.from - k <= 7 && (ROLE_LEAD.test(tokens[k]!.norm) || (taken[k] && !/,\s*$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))))) k--;
    // "Mme Raha Bahraini, représentante d'Amnesty International": a name a title already gave.
    const titled = k >= 0 && taken[k] && /,\s*$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start)) ? mentions.find((m) => m.kind === 'Person' && m.to === k + 1) : undefined;
    if (titled) {
      const o = org(k + 1, Math.min(tokens.length, r.to + 14));
      if (o) roles.push({ person: titled.entity, org: o.entity, sentence: s, start: titled.start, end: o.end });
      continue;
    }
    if (k >= 1 && /,\s*$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start)) && !taken[k]) {
      const span = nameAt(k, -1);
      if (span) {
        const person = addPerson(span[0], span[1]);
        const o = org(k + 1, Math.min(tokens.length, r.to + 14));
        if (o) roles.push({ person, org: o.entity, sentence: s, start: tokens[span[0]]!.start, end: o.end });
        continue;
      }
    }
    // role … ORG, NAME  (the name follows the first comma within 14 words)
    for (let j = r.to; j < tokens.length && j - r.to < 14 && sentenceOf(j) === s; j++) {
      if (!/,\s*$/.test(text.slice(tokens[j]!.end, tokens[j + 1]?.start ?? tokens[j]!.end))) continue;
      let n = j + 1;
      if (/^(m|mme|mr|dr|pr)$/.test(tokens[n]?.norm ?? '')) n++;
      // A name a title already gave ("…, M. António Guterres") is that person's.
      const named = tokens[n] && taken[n] ? mentions.find((m) => m.kind === 'Person' && m.from === n) : undefined;
      const span = tokens[n] && !taken[n] ? nameAt(n, 1) : null;
      if (span || named) {
        const person = named ? named.entity : addPerson(span![0], span![1]);
        const o = org(r.from, j + 1);
        if (o) roles.push({ person, org: o.entity, sentence: s, start: tokens[r.from]!.start, end: tokens[(named ? named.to : span![1]) - 1]!.end });
      }
      break;
    }
  }
  // After the role appositions, which read the same names with their roles. Titles before a name: "President Mahmoud Ahmadinejad", "U.S. District Judge Edward Davila", "l'eurodéputée …".
  for (const t of lex.shapes.personTitles.longest(tokens)) {
    if (t.to >= tokens.length || taken[t.to] || !isUpper(text, tokens[t.to]!) || !spaceOnly(t.to - 1, t.to)) continue;
    const span = nameAt(t.to, 1);
    if (span && personLike(span)) addPerson(span[0], span[1]);
  }
  // Speech: "X said", "said X", "a déclaré X", "selon X", "X, who …", "X, qui …"; "X of the Media Institute
  // said", "X, de l'ONG Y, a déclaré": the name before an organisation that speaks through them.
  const orgEndingAt = new Map<number, Mention>();
  for (const m of mentions) if (['Organization', 'Company', 'GovernmentBody'].includes(m.kind)) orgEndingAt.set(m.to, m);
  for (const v of lex.shapes.speechVerbs.all(tokens)) {
    const o = orgEndingAt.get(v.from) ?? (/^\s*,\s*$/.test(text.slice(tokens[v.from - 1]?.end ?? 0, tokens[v.from]!.start)) ? orgEndingAt.get(v.from) : undefined);
    if (o && o.from >= 3) {
      let j = o.from - 1;
      if (ARTICLES_BEFORE_ORG.has(tokens[j]!.norm)) j--;
      if (j >= 1 && /^(of|at|from|de|du|des|d|chez)$/.test(tokens[j]!.norm) && !taken[j - 1] && isUpper(text, tokens[j - 1]!) && /^[\s,]*$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) {
        const span = nameAt(j - 1, -1);
        if (span && personLike(span)) {
          const person = addPerson(span[0], span[1]);
          roles.push({ person, org: o.entity, sentence: sentenceOf(o.from), start: tokens[span[0]]!.start, end: o.end });
        }
      }
    }
  }
  // A government or a regime called by its leader's name: "le gouvernement de Giorgia Meloni", "the regime of X".
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!/^(gouvernement|regime|government|administration|cabinet)$/.test(tokens[i]!.norm) || !/^(de|d|of)$/.test(tokens[i + 1]!.norm) || taken[i + 2] || !isUpper(text, tokens[i + 2]!)) continue;
    const span = nameAt(i + 2, 1);
    if (span && personLike(span) && span[1] - span[0] <= 3) addPerson(span[0], span[1]);
  }
  for (const v of lex.shapes.speechVerbs.all(tokens)) {
    const b = v.from - 1;
    if (b >= 0 && !taken[b] && isUpper(text, tokens[b]!) && (spaceOnly(b, v.from) || /^,[^\S\n]*$/.test(text.slice(tokens[b]!.end, tokens[v.from]!.start)))) {
      const span = nameAt(b, -1);
      if (span && personLike(span)) addPerson(span[0], span[1]);
    }
    const a = v.to;
    if (a < tokens.length && !taken[a] && isUpper(text, tokens[a]!) && spaceOnly(v.to - 1, a)) {
      const span = nameAt(a, 1);
      if (span && personLike(span)) addPerson(span[0], span[1]);
    }
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    // "X, who heads …"
    if (/^(who|qui)$/.test(tokens[i + 1]!.norm) && !taken[i] && isUpper(text, tokens[i]!) && /^,[^\S\n]*$/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start))) {
      const span = nameAt(i, -1);
      if (span && personLike(span)) addPerson(span[0], span[1]);
    }
    // Bylines: a line opening "By Vernon Silver and Ben Elgin", "Par …".
    if (/^(by|par)$/.test(tokens[i]!.norm) && isUpper(text, tokens[i]!) && /(^|\n)[^\S\n]*$/.test(text.slice(Math.max(0, tokens[i]!.start - 3), tokens[i]!.start))) {
      let j = i + 1;
      while (j < tokens.length && !taken[j] && isUpper(text, tokens[j]!)) {
        const span = nameAt(j, 1);
        if (!span || !personLike(span)) break;
        addPerson(span[0], span[1]);
        j = span[1];
        if (/^(and|et)$/.test(tokens[j]?.norm ?? '') || /^,\s*$/.test(text.slice(tokens[j - 1]!.end, tokens[j]?.start ?? 0))) j += /^(and|et)$/.test(tokens[j]?.norm ?? '') ? 1 : 0;
        else break;
      }
    }
  }
  // Surnames alone, later on.
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i] || !isUpper(text, tokens[i]!)) continue;
    const key = known.get(tokens[i]!.norm);
    if (key) add(key, entities.get(key)?.name ?? '', i, i + 1);
  }
}

export { foldWord };
