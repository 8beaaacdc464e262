// Mention → graph entity, in order of cost: a Wikidata id gives the stable id at once; else the id the
// mention's own name would have (kind + folded name) is looked up directly (the same name seen before, in
// any document, has that id, or redirects from it after a merge); else names and aliases are searched
// (a French mention landing on the English-named entity that lists it as an alias). Answers are cached
// for the life of the resolver (one ingest run), so a name repeated across documents costs one lookup.
import { entityId, foldText, type EntityKind } from '../domain/index.ts';
import type { ExtractedEntity } from '../domain/extraction.ts';
import type { GraphStore } from '../store/port.ts';

export class Resolver {
  private readonly cache = new Map<string, string>();
  lookups = 0;
  searches = 0;

  constructor(private readonly store: GraphStore) {}

  async resolve(e: Pick<ExtractedEntity, 'kind' | 'name' | 'aliases' | 'wikidataId'>): Promise<string> {
    if (e.wikidataId) return entityId(e.kind, { name: e.name, wikidataId: e.wikidataId });
    const key = `${e.kind}\u001f${foldText(e.name)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const id = (await this.byOwnId(e.kind, e.name)) ?? (await this.byNames(e)) ?? entityId(e.kind, { name: e.name });
    this.cache.set(key, id);
    return id;
  }

  private async byOwnId(kind: EntityKind, name: string): Promise<string | null> {
    this.lookups++;
    const [hit] = await this.store.getEntities([entityId(kind, { name })]);
    return hit && hit.kind === kind ? hit.id : null;
  }

  private async byNames(e: Pick<ExtractedEntity, 'kind' | 'name' | 'aliases'>): Promise<string | null> {
    this.searches++;
    const names = new Set([e.name, ...e.aliases].map(foldText));
    const hits = await this.store.searchEntities(e.name, { kinds: [e.kind], limit: 5 });
    return hits.find((h) => [h.entity.name, ...h.entity.aliases].some((n) => names.has(foldText(n))))?.entity.id ?? null;
  }
}

/** One resolver per store, shared by the ingests of one process (the CLI run, the server). */
const resolvers = new WeakMap<GraphStore, Resolver>();
export function resolverFor(store: GraphStore): Resolver {
  let r = resolvers.get(store);
  if (!r) resolvers.set(store, (r = new Resolver(store)));
  return r;
}
