// A registry's record (a GLEIF company, an OpenSanctions entity) onto the graph by name, once its ids found
// nothing: the resolver finds the graph's entity of that kind and name, and the match holds unless something
// says they differ — another id of the same registry, another country, an entity this import already
// matched to another record — or the record is a person, whom a name alone never identifies. A match that
// does not hold makes a new entity and a possible duplicate (judgement unsure) for the review queue:
// merging two different organisations is worse than a duplicate an editor merges in one click.
import type { ChangeRecord, EntityKind, ExternalIds } from '../domain/index.ts';
import type { GraphStore } from '../store/port.ts';
import { Resolver } from './resolver.ts';

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

export class RegistryMatcher {
  private readonly resolver: Resolver;
  /** Graph entities matched (or made) by this import: a second record may not take one. */
  readonly taken = new Set<string>();
  private readonly doubts = new Map<string, ChangeRecord>();

  constructor(
    private readonly store: GraphStore,
    /** Who decides, in change records ("import:gleif"). */
    private readonly by: string,
  ) {
    this.resolver = new Resolver(store);
  }

  /**
   * The graph entity the record is, or `newId` (`altId` when newId is the very entity a conflict keeps
   * apart, or already taken: a name-derived id would otherwise merge them anyway).
   */
  async match(r: RegistryRecord, newId: string, altId: string): Promise<RegistryMatch> {
    const found = await this.resolver.resolve({ kind: r.kind, name: r.name, aliases: [...r.aliases], wikidataId: undefined });
    const similar = this.resolver.takeDoubts();
    const [hit] = await this.store.getEntities([found]);
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
    // A new entity whose name is close to an existing one's: the resolver's doubt, under the id kept here.
    for (const d of similar) {
      const other = d.targetIds.find((t) => t !== d.targetIds[0]);
      if (other && other !== id) this.doubt(id, other, d.note ?? `"${r.name}" looks like another entity`);
    }
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
