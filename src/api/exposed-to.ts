// Who is exposed to one abuse: the reverse of exposurePaths. Walks back from the abuse over neighbours
// (any claim, both directions, the query's filter and asOf) for maxHops levels to collect candidate actors of the
// wanted kinds, then asks the store for each candidate's best path to the abuse, and ranks them. Uses the
// port alone, so every adapter answers it; bounded so a hub cannot make one request walk the whole graph.
import { dateKey, type ClaimFilter, type EntityKind, type ExposurePath } from '../domain/index.ts';
import type { GraphStore } from '../store/port.ts';

export const EXPOSED_TO_LIMITS = { visited: 2_000, candidates: 200, neighboursPerEntity: 500 };

export async function exposedTo(
  store: GraphStore,
  q: { abuse: string; kinds: EntityKind[]; maxHops: number; filter: ClaimFilter; asOf?: string | undefined; limit: number },
): Promise<ExposurePath[]> {
  const [target] = await store.getEntities([q.abuse]);
  if (!target) return [];
  const kinds = new Set(q.kinds);
  // Candidates are looked for in the graph as of the query's date too: a supplier first reported after
  // asOf is no candidate (and no longer takes one of the 200 places).
  const window: ClaimFilter = q.asOf && (!q.filter.to || dateKey(q.asOf) < dateKey(q.filter.to)) ? { ...q.filter, to: q.asOf } : q.filter;
  const seen = new Set([target.id]);
  const candidates: string[] = [];
  let frontier = [target.id];
  for (let depth = 0; depth < q.maxHops && frontier.length && seen.size < EXPOSED_TO_LIMITS.visited; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      const page = await store.neighbours(id, { ...window, limit: EXPOSED_TO_LIMITS.neighboursPerEntity });
      for (const n of page.items) {
        if (seen.has(n.entity.id)) continue;
        seen.add(n.entity.id);
        next.push(n.entity.id);
        if (kinds.has(n.entity.kind) && candidates.length < EXPOSED_TO_LIMITS.candidates) candidates.push(n.entity.id);
      }
    }
    frontier = next;
  }
  const best: ExposurePath[] = [];
  for (const from of candidates) {
    // Yield between searches: other requests, /healthz and the time limit get their turn (with the index in
    // memory, a store call may complete without ever leaving the microtask queue).
    await new Promise((resolve) => setImmediate(resolve));
    const [p] = await store.exposurePaths({ from, to: target.id, maxHops: q.maxHops, filter: q.filter, ...(q.asOf ? { asOf: q.asOf } : {}), limit: 1 });
    if (p) best.push(p);
  }
  best.sort((a, b) => b.score - a.score || a.hops[0]!.from.name.localeCompare(b.hops[0]!.from.name));
  return best.slice(0, q.limit);
}
