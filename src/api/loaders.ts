// What the loadable nodes read (dataloader plugin, see schema/refs.ts): one store call for all the ids a
// query touches in one tick, answered in the order asked, with null for an unknown id.
import DataLoader from 'dataloader';
import type { ChangeRecord, Claim, Entity } from '../domain/index.ts';
import type { GraphStore } from '../store/port.ts';

export function byIds<T extends { id: string }>(ids: readonly string[], found: readonly T[]): Array<T | null> {
  const map = new Map(found.map((x) => [x.id, x]));
  return ids.map((id) => map.get(id) ?? null);
}

/**
 * Entities: getEntities answers a merged-away id with its kept entity, in the order asked, skipping unknown
 * ids; when all were found the answer lines up with the ids, otherwise each id is asked alone.
 */
export async function loadEntities(store: GraphStore, ids: readonly string[]): Promise<Array<Entity | null>> {
  const found = await store.getEntities(ids);
  if (found.length === ids.length) return found;
  return Promise.all(ids.map(async (id) => (await store.getEntities([id]))[0] ?? null));
}

/** Loads many ids and keeps those found (an edge's claims and documents, for instance). */
export async function loadFound<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
  const out: T[] = [];
  for (const x of await loader.loadMany(ids)) if (x && !(x instanceof Error)) out.push(x);
  return out;
}

/** The claims of many entities for one filter and limit, in one store call (Entity.claims of a page). */
export function claimsOfLoader(store: GraphStore, filter: Parameters<GraphStore['claimsOfEntities']>[1], limit: number) {
  return new DataLoader<string, Claim[]>(async (ids) => {
    const found = await store.claimsOfEntities(ids, filter, limit);
    return ids.map((id) => found.get(id) ?? []);
  });
}

/** Most response records one request reads: replies are few next to claims (one per claim at most, mostly none). */
export const RESPONSES_MAX = 10_000;

/**
 * Responses (right of reply) of many claims: the store's response records read once per request and grouped
 * by claim, where one listChanges per claim made a panel of 300 claims take seconds.
 */
export function responsesLoader(store: GraphStore) {
  return new DataLoader<string, ChangeRecord[]>(async (ids) => {
    const all = await store.listChanges({ action: 'response', limit: RESPONSES_MAX });
    const byClaim = new Map<string, ChangeRecord[]>();
    for (const r of all) byClaim.set(r.targetIds[0]!, [...(byClaim.get(r.targetIds[0]!) ?? []), r]);
    return ids.map((id) => byClaim.get(id) ?? []);
  });
}
