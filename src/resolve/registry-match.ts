// A registry's record (a GLEIF company, an OpenSanctions entity) onto the graph by name, once its ids found
// nothing: the graph's entity of that kind and name (the resolver's name keys, read once for the whole
// import), and the match holds unless something says they differ — another id of the same registry,
// another country, an entity this import already matched to another record — or the record is a person,
// whom a name alone never identifies. A match that
// does not hold makes a new entity and a possible duplicate (judgement unsure) for the review queue:
// merging two different organisations is worse than a duplicate an editor merges in one click.
import type { ChangeRecord, EntityKind, ExternalIds } from '../domain/index.ts';
import type { GraphStore } from '../store/port.ts';
import { nameKey } from './resolver.ts';

export interface RegistryRecord {
  kind: EntityKind;
  name: string;
  aliases: readonly string[];
  country?: string | undefined;
  externalIds: ExternalIds;
  /** How the record names itself in notes ("LEI 5493…", "OpenSanctions NK-1"). */
  label: string;
}

export interface RegistryMatch {
  id: string;
  /** The name a reader sees: the graph's, when matched. */
  name: string;
  matched: boolean;
}

const SCHEMES = ['lei', 'opensanctions', 'wikidata'] as const;

/**
 * The graph's entities of some kinds by the keys of their names and aliases (nameKey: folded, articles and
 * legal forms dropped), read in one pass over the store. A registry brings thousands of names at once:
 * one search per name cost about 10 ms on a 100,000-entity store (31 GLEIF relationships/s); a look-up
 * here costs microseconds. Matching is the resolver's rule: a name or alias of the same key, the entity of
 * that name first.
 */
export class NameKeys {
  private readonly byName = new Map<string, string[]>();
  private readonly byAlias = new Map<string, string[]>();

  static async of(store: GraphStore, kinds: readonly EntityKind[]): Promise<NameKeys> {
    const keys = new NameKeys();
    if (!kinds.length) return keys;
    const wanted = new Set(kinds);
    let seenEntities = false;
    for await (const r of store.exportAll()) {
      if (r.type !== 'entity') {
        // Entities come after documents and before everything else: past them, stop reading.
        if (seenEntities) break;
        continue;
      }
      seenEntities = true;
      if (!wanted.has(r.data.kind)) continue;
      keys.add(r.data.kind, r.data.id, r.data.name, r.data.aliases);
    }
    return keys;
  }

  add(kind: EntityKind, id: string, name: string, aliases: readonly string[]): void {
    const push = (m: Map<string, string[]>, key: string) => {
      const k = `${kind}\u001f${key}`;
      const ids = m.get(k);
      if (!ids) m.set(k, [id]);
      else if (!ids.includes(id)) ids.push(id);
    };
    push(this.byName, nameKey(name));
    for (const a of aliases) push(this.byAlias, nameKey(a));
  }

  /** The entity of the kind bearing one of the names as its name, else as an alias; the first in id order. */
  find(kind: EntityKind, names: readonly string[]): string | undefined {
    const keys = [...new Set(names.map(nameKey))];
    for (const m of [this.byName, this.byAlias]) {
      const ids = keys.flatMap((k) => m.get(`${kind}\u001f${k}`) ?? []).sort();
      if (ids.length) return ids[0];
    }
    return undefined;
  }
}

export class RegistryMatcher {
  /** Graph entities matched (or made) by this import: a second record may not take one. */
  readonly taken = new Set<string>();
  private readonly doubts = new Map<string, ChangeRecord>();

  private constructor(
    private readonly store: GraphStore,
    /** Who decides, in change records ("import:gleif"). */
    private readonly by: string,
    private readonly keys: NameKeys,
  ) {}

  /** A matcher over the graph's entities of `kinds`, read once. */
  static async over(store: GraphStore, by: string, kinds: readonly EntityKind[]): Promise<RegistryMatcher> {
    return new RegistryMatcher(store, by, await NameKeys.of(store, kinds));
  }

  /**
   * The graph entity the record is, or `newId` (`altId` when newId is the very entity a conflict keeps
   * apart, or already taken: a name-derived id would otherwise merge them anyway).
   */
  async match(r: RegistryRecord, newId: string, altId: string): Promise<RegistryMatch> {
    const found = this.keys.find(r.kind, [r.name, ...r.aliases]);
    const [hit] = found ? await this.store.getEntities([found]) : [];
    if (hit && hit.kind === r.kind) {
      const other = SCHEMES.find((s) => hit.externalIds[s] && r.externalIds[s] && hit.externalIds[s] !== r.externalIds[s]);
      const hitCountry = 'country' in hit ? hit.country : undefined;
      const conflict = other
        ? `holds another ${other} id (${hit.externalIds[other]})`
        : hitCountry && r.country && hitCountry !== r.country
          ? `is in ${hitCountry}, the record's in ${r.country}`
          : this.taken.has(hit.id)
            ? 'was matched to another record of this import'
            : r.kind === 'Person'
              ? 'is a person of the same name (a name alone identifies no one)'
              : null;
      if (!conflict) {
        this.taken.add(hit.id);
        return { id: hit.id, name: hit.name, matched: true };
      }
      const id = newId === hit.id || this.taken.has(newId) ? altId : newId;
      this.doubt(id, hit.id, `"${r.name}" (${r.label}) is named like "${hit.name}", which ${conflict}`);
      this.taken.add(id);
      return { id, name: r.name, matched: false };
    }
    const id = this.taken.has(newId) ? altId : newId;
    this.taken.add(id);
    return { id, name: r.name, matched: false };
  }

  /** The possible duplicates found, to write once the entities are written. */
  possibleDuplicates(): ChangeRecord[] {
    return [...this.doubts.values()];
  }

  private doubt(newId: string, existing: string, note: string): void {
    // Deterministic id: the same pair found by a later run is the same queue entry.
    const id = `dup_${newId}_${existing}`;
    this.doubts.set(id, { id, at: new Date().toISOString(), by: this.by, action: 'possible_duplicate', judgement: 'unsure', targetIds: [newId, existing], note: note.slice(0, 4000) });
  }
}
