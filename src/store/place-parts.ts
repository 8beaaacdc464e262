// The parts of a place, for the place view's roll-up: a country holds every place of its country code
// (Xinjiang and Ürümqi under China), and any place holds what is PART_OF it, at any depth (a city PART_OF
// its region). One walk for both stores over two narrow reads each adapter answers in its own query text.
import type { Entity } from '../domain/index.ts';

export interface PlacePart {
  entity: Entity;
  /** How it came in: by its country code (the place is its country) or by a PART_OF claim. */
  via: 'countryCode' | 'PART_OF';
  /** The place it is a part of: the asked place, or one of its parts. */
  parentId: string;
  /** 1 for a direct part, 2 for a part of a part, … */
  depth: number;
}

export interface PlacePartsPage {
  items: PlacePart[];
  /** Parts found in all (before paging). */
  total: number;
  /** True when the walk stopped at PLACE_LIMITS before finding every part: `total` is then a floor. */
  truncated: boolean;
}

export const PLACE_LIMITS = {
  /** Most parts one walk collects (a country of the generated gazetteer has up to a few hundred cities). */
  parts: 10_000,
  /** Deepest PART_OF nesting followed (country > region > province > city > district > site). */
  depth: 6,
};

/** What an adapter answers for the walk; ids are already resolved (no redirects). */
export interface PlaceReads {
  entities(ids: readonly string[]): Promise<Entity[]>;
  /** Ids of the Locations with this country code, at most `cap`. */
  locationsInCountry(code: string, cap: number): Promise<string[]>;
  /** [part, whole] pairs: Locations with a live PART_OF claim (not rejected, superseded or denied) to one of `wholes`. */
  partsOf(wholes: readonly string[], cap: number): Promise<Array<[string, string]>>;
}

const isCountry = (e: Entity) => e.kind === 'Location' && e.placeType === 'country';

export async function placeParts(io: PlaceReads, id: string, page: { offset?: number; limit?: number } = {}): Promise<PlacePartsPage | null> {
  const [place] = await io.entities([id]);
  if (!place || place.kind !== 'Location') return null;
  const found = new Map<string, Omit<PlacePart, 'entity'>>();
  let truncated = false;
  const add = (part: string, info: Omit<PlacePart, 'entity'>) => {
    if (part === place.id || found.has(part)) return false;
    if (found.size >= PLACE_LIMITS.parts) {
      truncated = true;
      return false;
    }
    found.set(part, info);
    return true;
  };
  let frontier = [place.id];
  if (isCountry(place) && place.countryCode) {
    const ids = await io.locationsInCountry(place.countryCode, PLACE_LIMITS.parts + 2);
    for (const p of ids) add(p, { via: 'countryCode', parentId: place.id, depth: 1 });
    frontier.push(...found.keys());
  }
  for (let depth = 1; depth <= PLACE_LIMITS.depth && frontier.length && !truncated; depth++) {
    const next: string[] = [];
    for (const [part, whole] of await io.partsOf(frontier, PLACE_LIMITS.parts + 1)) {
      if (add(part, { via: 'PART_OF', parentId: whole, depth: (found.get(whole)?.depth ?? 0) + 1 })) next.push(part);
    }
    frontier = next;
  }
  const entities = new Map((await io.entities([...found.keys()])).map((e) => [e.id, e]));
  // A country code can also be held by other countries' records (a duplicate "China"): those are not parts.
  const items = [...found]
    .filter(([pid, info]) => entities.has(pid) && !(isCountry(entities.get(pid)!) && info.via === 'countryCode'))
    .map(([pid, info]) => ({ entity: entities.get(pid)!, ...info }))
    .sort((a, b) => a.depth - b.depth || a.entity.name.localeCompare(b.entity.name) || a.entity.id.localeCompare(b.entity.id));
  const offset = page.offset ?? 0;
  return { items: items.slice(offset, offset + (page.limit ?? 100)), total: items.length, truncated };
}
