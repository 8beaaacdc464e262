// Loads the gazetteer (seeds/gazetteer/*.json: real entities with aliases and sources) and the lexicons
// (seeds/lexicon/*.json: technology classes, abuses, victims, claim triggers, certainty cues) once, and
// compiles them into phrase matchers. Data, not code: an investigator corrects a name or adds a trigger by
// editing JSON.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ClaimType, EntityKind, TechType } from '../domain/vocabulary.ts';
import { repoRoot } from '../util/shared.ts';
import { PhraseLists, PhraseMatcher, type PhraseLookup } from './phrase-matcher.ts';
import { phraseWords } from './tokens.ts';

export const GAZETTEER_DIR = resolve(repoRoot, 'seeds', 'gazetteer');
export const LEXICON_DIR = resolve(repoRoot, 'seeds', 'lexicon');

export const GazetteerEntry = z
  .object({ kind: EntityKind, name: z.string().min(1), aliases: z.array(z.string()).default([]), wikidata: z.string().optional(), source: z.string().url(), supplier: z.string().optional() })
  .catchall(z.unknown());
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

const TechClasses = z.object({ classes: z.array(z.object({ key: z.string(), techType: z.string(), name: z.string(), phrases: z.array(z.string()) })) });
const Abuses = z.object({
  abuses: z.array(z.object({ key: z.string(), category: z.string(), name: z.string(), strong: z.array(z.string()), weak: z.array(z.string()) })),
  victims: z.array(z.object({ key: z.string(), phrases: z.array(z.string()) })),
});
const Triggers = z.object({
  passiveMarkers: z.array(z.string()),
  triggers: z.partialRecord(ClaimType, z.array(z.string())),
  alleged: z.array(z.string()),
  negations: z.array(z.string()),
  /** Cues that make an ending a call rather than a fact: "Microsoft devrait suspendre" states no suspension. */
  recommendations: z.array(z.string()),
  roles: z.array(z.string()),
  /** Nouns that introduce a person's name: "the journalist Jamal Khashoggi", "l'avocate X". */
  personNouns: z.array(z.string()),
});

const Shapes = z.object({
  bodyHeads: z.object({ GovernmentBody: z.array(z.string()), Organization: z.array(z.string()), Company: z.array(z.string()) }),
  companyOnly: z.array(z.string()),
  stateNouns: z.record(z.string(), z.array(z.string())),
  techHeads: z.array(z.string()),
  techModifiers: z.partialRecord(TechType, z.array(z.string())),
  techAnaphora: z.array(z.string()),
  abuseVerbs: z.record(z.string(), z.array(z.string())),
  victims: z.array(z.string()),
  speechVerbs: z.array(z.string()),
  personTitles: z.array(z.string()),
  kindNouns: z.object({ Company: z.array(z.string()), Organization: z.array(z.string()) }),
  kindNounModifiers: z.array(z.string()),
  organizationWords: z.array(z.string()),
  complicityCues: z.array(z.string()),
  productHeads: z.array(z.string()),
  headOfStateTitles: z.array(z.string()),
  platformNouns: z.array(z.string()),
  listCues: z.array(z.string()),
  oversightWords: z.array(z.string()),
});

/** The shape lexicon (seeds/lexicon/shapes.json) compiled: word sets and phrase matchers. */
export interface ShapeLexicon {
  heads: { GovernmentBody: Set<string>; Organization: Set<string>; Company: Set<string> };
  companyOnly: Set<string>;
  /** "government", "army", "police"… (one or more words) → the kind of state body a nationality makes of it. */
  stateNouns: PhraseLookup<string>;
  techHeads: PhraseLookup<true>;
  /** Modifier phrase → technology type. */
  techModifiers: PhraseLookup<string>;
  techAnaphora: Set<string>;
  /** Abuse verb or noun phrase → abuse category. */
  abuseVerbs: PhraseLookup<string>;
  victims: PhraseLookup<true>;
  speechVerbs: PhraseLookup<true>;
  personTitles: PhraseLookup<true>;
  /** "société", "firm", "l'ONG", "the newspaper": nouns that say what the name after them is. */
  kindNouns: PhraseLookup<'Company' | 'Organization'>;
  kindNounModifiers: Set<string>;
  /** Words that make a body's name an organisation's whatever its head ("Bureau of Investigative Journalism"). */
  organizationWords: Set<string>;
  /** "accused of aiding", "sanctioned for contributing to", "complicité": a company's part in an abuse. */
  complicityCues: PhraseLookup<true>;
  /** Heads a product's own name stands before or is given after: "Smart Cities program", "software called X". */
  productHeads: Set<string>;
  /** "applications", "sites", "plateformes": nouns whose listed names are products ("sites such as Facebook and Twitter"). */
  platformNouns: PhraseLookup<true>;
  /** "dont", "such as", "notamment": what opens the list of names after such a noun. */
  listCues: PhraseLookup<true>;
  /** Words in a state body's name that make it one that judges, legislates or oversees ("Ninth Circuit", "CNIL", "Senate Committee"). */
  oversightWords: Set<string>;
  /** Titles that, after a country or nationality, put the person at the head of its government. */
  headOfStateTitles: PhraseLookup<true>;
}

/** What a lexicon phrase found in the text stands for. */
export type LexHit =
  | { type: 'entity'; entry: GazetteerEntry; alias: string }
  | { type: 'tech'; key: string; techType: string; name: string }
  | { type: 'abuse'; key: string; category: string; name: string; strong: boolean }
  | { type: 'victim'; key: string };

export interface Lexicon {
  entries: GazetteerEntry[];
  /** Gazetteer names and aliases, technology classes, abuses and victim groups. */
  names: PhraseMatcher<{ hit: LexHit; phrase: string }>;
  triggers: PhraseMatcher<ClaimType>;
  passive: PhraseMatcher<true>;
  alleged: PhraseMatcher<true>;
  negations: PhraseMatcher<true>;
  recommendations: PhraseMatcher<true>;
  roles: PhraseMatcher<true>;
  personNouns: PhraseMatcher<true>;
  /** Adjectives of nationality (folded words joined by a space) → ISO 3166-1 code. */
  demonyms: Map<string, string>;
  /** ISO 3166-1 code → the country's English name and adjective ("Italy", "Italian"). */
  countries: Map<string, { name: string; adjective: string }>;
  shapes: ShapeLexicon;
}

function loadShapes(): ShapeLexicon {
  const s = Shapes.parse(readJson(join(LEXICON_DIR, 'shapes.json')));
  const words = (xs: readonly string[]) => new Set(xs.map((x) => phraseWords(x).join(' ')));
  // One scan of a document answers every phrase list of the shape lexicon.
  const lists = new PhraseLists();
  const plain = (xs: readonly string[]) => lists.list<true>(xs.map((x) => [phraseWords(x), true]));
  const typed = <T extends string>(table: Partial<Record<T, readonly string[]>>) =>
    lists.list<T>(Object.entries(table).flatMap(([type, xs]) => (xs as string[]).map((x) => [phraseWords(x), type as T] as [string[], T])));
  return {
    heads: { GovernmentBody: words(s.bodyHeads.GovernmentBody), Organization: words(s.bodyHeads.Organization), Company: words(s.bodyHeads.Company) },
    companyOnly: words(s.companyOnly),
    stateNouns: typed(s.stateNouns),
    techHeads: plain(s.techHeads),
    techModifiers: typed(s.techModifiers as Record<string, string[]>),
    techAnaphora: words(s.techAnaphora),
    abuseVerbs: typed(s.abuseVerbs),
    victims: plain(s.victims),
    speechVerbs: plain(s.speechVerbs),
    personTitles: plain(s.personTitles),
    kindNouns: typed<'Company' | 'Organization'>(s.kindNouns),
    kindNounModifiers: words(s.kindNounModifiers),
    organizationWords: words(s.organizationWords),
    complicityCues: plain(s.complicityCues),
    productHeads: words(s.productHeads),
    headOfStateTitles: plain(s.headOfStateTitles),
    platformNouns: plain(s.platformNouns),
    listCues: plain(s.listCues),
    oversightWords: words(s.oversightWords),
  };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function readGazetteer(dir = GAZETTEER_DIR): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const rows = z.array(GazetteerEntry).safeParse(readJson(join(dir, f)));
    if (!rows.success) throw new Error(`${f}: ${rows.error.issues[0]?.path.join('.')}: ${rows.error.issues[0]?.message}`);
    out.push(...rows.data);
  }
  return out;
}

function matcherOf(phrases: readonly string[]): PhraseMatcher<true> {
  const m = new PhraseMatcher<true>();
  for (const p of phrases) m.add(phraseWords(p), true);
  return m;
}

let cached: Lexicon | null = null;

export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const entries = readGazetteer();
  const names = new PhraseMatcher<{ hit: LexHit; phrase: string }>();
  for (const entry of entries) {
    for (const alias of new Set([entry.name, ...entry.aliases])) names.add(phraseWords(alias), { hit: { type: 'entity', entry, alias }, phrase: alias });
  }
  const tech = TechClasses.parse(readJson(join(LEXICON_DIR, 'technology-classes.json')));
  for (const c of tech.classes) for (const p of c.phrases) names.add(phraseWords(p), { hit: { type: 'tech', key: c.key, techType: c.techType, name: c.name }, phrase: p });
  const abuses = Abuses.parse(readJson(join(LEXICON_DIR, 'abuses.json')));
  for (const a of abuses.abuses) {
    for (const p of a.strong) names.add(phraseWords(p), { hit: { type: 'abuse', key: a.key, category: a.category, name: a.name, strong: true }, phrase: p });
    for (const p of a.weak) names.add(phraseWords(p), { hit: { type: 'abuse', key: a.key, category: a.category, name: a.name, strong: false }, phrase: p });
  }
  for (const v of abuses.victims) for (const p of v.phrases) names.add(phraseWords(p), { hit: { type: 'victim', key: v.key }, phrase: p });
  const t = Triggers.parse(readJson(join(LEXICON_DIR, 'claim-triggers.json')));
  const triggers = new PhraseMatcher<ClaimType>();
  for (const [type, phrases] of Object.entries(t.triggers)) for (const p of phrases ?? []) triggers.add(phraseWords(p), type as ClaimType);
  const demonyms = new Map<string, string>();
  const dem = z.object({ countries: z.record(z.string(), z.array(z.string())) }).parse(readJson(join(LEXICON_DIR, 'demonyms.json')));
  for (const [country, forms] of Object.entries(dem.countries)) for (const f of forms) demonyms.set(phraseWords(f).join(' '), country);
  // The generated places (seeds/gazetteer/places.json) carry every country's adjectives; the curated list wins.
  for (const e of entries) {
    if (e.kind !== 'Location' || typeof e.countryCode !== 'string' || !Array.isArray(e.demonyms)) continue;
    for (const f of e.demonyms as string[]) if (!demonyms.has(phraseWords(f).join(' '))) demonyms.set(phraseWords(f).join(' '), e.countryCode);
  }
  const countries = new Map<string, { name: string; adjective: string }>();
  for (const e of entries) {
    // The generated countries, which carry their adjectives (the curated ones only mark their place type).
    if (e.kind !== 'Location' || e.placeType !== 'country' || typeof e.countryCode !== 'string' || !Array.isArray(e.demonyms)) continue;
    const adjective = typeof e.demonyms[0] === 'string' ? e.demonyms[0] : e.name;
    if (!countries.has(e.countryCode)) countries.set(e.countryCode, { name: e.name, adjective });
  }
  for (const [country, forms] of Object.entries(dem.countries)) {
    const known = countries.get(country);
    if (known && forms[0]) known.adjective = forms[0];
  }
  cached = { entries, names, triggers, demonyms, countries, shapes: loadShapes(), passive: matcherOf(t.passiveMarkers), alleged: matcherOf(t.alleged), negations: matcherOf(t.negations), recommendations: matcherOf(t.recommendations), roles: matcherOf(t.roles), personNouns: matcherOf(t.personNouns) };
  return cached;
}

/**
 * Whether a phrase may match this stretch of text: acronyms ("WHO", "ICE", "IA") only in capitals, and a
 * one-word capitalised name ("Orange", "Apple") only when the text capitalises it too.
 */
export function caseFits(phrase: string, surface: string): boolean {
  const letters = phrase.replace(/[^\p{L}]/gu, '');
  if (letters && letters === letters.toUpperCase() && letters.length <= 6 && /\p{Lu}/u.test(letters)) {
    return surface.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}+]/gu, '') === phrase.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}+]/gu, '');
  }
  if (!/\s/.test(phrase.trim()) && /^\+?\p{Lu}/u.test(phrase)) return /^\+?\p{Lu}/u.test(surface);
  // A proper name ("Le Monde", "Local Call") needs a capital somewhere in the text too.
  if (/\p{Lu}/u.test(phrase)) return /\p{Lu}/u.test(surface);
  return true;
}
