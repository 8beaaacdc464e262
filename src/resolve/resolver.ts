// Mention → graph entity, in order of cost: a Wikidata id gives the stable id at once; else the id the
// mention's own name would have (kind + folded name) is looked up directly (the same name seen before, in
// any document, has that id, or redirects from it after a merge); else names and aliases are searched
// (a French mention landing on the English-named entity that lists it as an alias). Answers are cached
// for the life of the resolver (one ingest run), so a name repeated across documents costs one lookup.
import { distance } from 'fastest-levenshtein';
import { entityId, foldText, type ChangeRecord, type EntityKind } from '../domain/index.ts';
import type { ExtractedEntity } from '../domain/extraction.ts';
import type { GraphStore } from '../store/port.ts';

/** Legal forms and leading articles that do not tell two organisations apart. */
const LEGAL = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'lp', 'corp', 'corporation', 'co', 'company', 'plc', 'group', 'holding', 'holdings',
  // The legal forms registries (GLEIF, OpenSanctions) write after names, in Europe and beyond.
  'gmbh', 'ag', 'kg', 'se', 'sa', 'sas', 'sarl', 'spa', 'srl', 'sl', 'nv', 'bv', 'oy', 'oyj', 'ab', 'asa', 'aps', 'kft', 'zrt', 'sro',
  'jsc', 'pjsc', 'ojsc', 'ooo', 'pao', 'pty', 'bhd', 'tbk', 'kk',
]);
const ARTICLES = new Set(['the', 'le', 'la', 'les', 'l']);

/** The comparison key of a name: folded, without a leading article or trailing legal forms. */
export function nameKey(name: string): string {
  // Word by word rather than by regex: folded text is words separated by single spaces.
  const words = foldText(name).split(' ').filter(Boolean);
  if (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  while (words.length > 1 && LEGAL.has(words.at(-1)!)) words.pop();
  // "S.A." folds to "s a": both letters go.
  while (words.length > 2 && words.at(-2) === 's' && words.at(-1) === 'a') words.splice(-2, 2);
  return words.join(' ') || foldText(name);
}

/** Similarity of two name keys in [0, 1]: 1 − edit distance / longer length. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n ? 1 - distance(a, b) / n : 1;
}

/** Above this, a name that matched nothing exactly is flagged as a possible duplicate (never merged). */
export const DOUBT = 0.8;

export class Resolver {
  private readonly cache = new Map<string, string>();
  /** Possible duplicates found since the last take(): new entities that look like existing ones. */
  private doubts: ChangeRecord[] = [];
  lookups = 0;
  searches = 0;

  constructor(private readonly store: GraphStore) {}

  async resolve(e: Pick<ExtractedEntity, 'kind' | 'name' | 'aliases' | 'wikidataId'>): Promise<string> {
    if (e.wikidataId) return entityId(e.kind, { name: e.name, wikidataId: e.wikidataId });
    const key = `${e.kind}\u001f${nameKey(e.name)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const own = await this.byOwnId(e.kind, e.name);
    let id: string;
    if (own && !own.redirected) id = own.id;
    else {
      // A redirected id (the name was merged into another entity) yields to an entity that now bears the
      // name itself: the one an editor split off again.
      const named = await this.byNames(e);
      id = (named && (!own || named.primary) ? named.id : own?.id) ?? entityId(e.kind, { name: e.name });
      if (!named && !own && this.lastHits.length) this.doubt(id, e.name);
    }
    this.cache.set(key, id);
    return id;
  }

  private async byOwnId(kind: EntityKind, name: string): Promise<{ id: string; redirected: boolean } | null> {
    this.lookups++;
    const id = entityId(kind, { name });
    const [hit] = await this.store.getEntities([id]);
    return hit && hit.kind === kind ? { id: hit.id, redirected: hit.id !== id } : null;
  }

  private lastHits: Array<{ id: string; names: string[] }> = [];

  /**
   * A new entity whose name is close to an existing one's (a typo, a transliteration, "Hikvison") stays new:
   * merging two different organisations is worse than a duplicate. The pair is recorded as a possible
   * duplicate (judgement "unsure") for an editor's review queue.
   */
  private doubt(newId: string, name: string): void {
    const key = nameKey(name);
    let best: { id: string; sim: number; name: string } | null = null;
    for (const h of this.lastHits) {
      for (const n of h.names) {
        const sim = similarity(key, nameKey(n));
        if (sim >= DOUBT && (!best || sim > best.sim)) best = { id: h.id, sim, name: n };
      }
    }
    if (!best || best.id === newId) return;
    this.doubts.push({
      // Deterministic id: the same pair flagged by a later run is the same queue entry.
      id: `dup_${newId}_${best.id}`, at: new Date().toISOString(), by: 'resolver', action: 'possible_duplicate', judgement: 'unsure',
      targetIds: [newId, best.id], note: `"${name}" looks like "${best.name}" (similarity ${best.sim.toFixed(2)})`,
    });
  }

  /** The possible duplicates found so far (written in the batch of their entities), and forgets them. */
  takeDoubts(): ChangeRecord[] {
    const out = this.doubts;
    this.doubts = [];
    return out;
  }

  /** An entity of the kind whose name or an alias folds to a name of the mention; `primary`: by its name. */
  private async byNames(e: Pick<ExtractedEntity, 'kind' | 'name' | 'aliases'>): Promise<{ id: string; primary: boolean } | null> {
    this.searches++;
    const names = new Set([e.name, ...e.aliases].map(nameKey));
    const key = nameKey(e.name);
    const hits = await this.store.searchEntities(key.length >= 2 ? key : e.name, { kinds: [e.kind], limit: 10 });
    this.lastHits = hits.map((h) => ({ id: h.entity.id, names: [h.entity.name, ...h.entity.aliases] }));
    const primary = hits.find((h) => names.has(nameKey(h.entity.name)));
    if (primary) return { id: primary.entity.id, primary: true };
    const alias = hits.find((h) => h.entity.aliases.some((n) => names.has(nameKey(n))));
    if (alias) return { id: alias.entity.id, primary: false };
    // An abuse is named as the text phrases it ("interceptions (Palestiniens)"); its first alias is the
    // extractor's language-neutral name ("mass surveillance of Palestinians"): search by that too.
    const canonical = e.kind === 'Abuse' ? e.aliases.find((a) => nameKey(a) !== key) : undefined;
    if (!canonical) return null;
    const more = await this.store.searchEntities(nameKey(canonical), { kinds: [e.kind], limit: 10 });
    const found = more.find((h) => [h.entity.name, ...h.entity.aliases].some((n) => names.has(nameKey(n))));
    return found ? { id: found.entity.id, primary: false } : null;
  }
}
