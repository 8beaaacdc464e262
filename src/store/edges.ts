// Edges from claims: the aggregate of one claim type between two entities (count, best confidence,
// certainties, earliest and latest date, documents), and the neighbour listing over a ClaimIndex.
// Store-agnostic, shared by every adapter that keeps a ClaimIndex.
import { claimStart, dateKey, evidenceLineages, NeighbourFilter, type Claim, type Document, type Edge, type Entity, type NeighbourPage } from '../domain/index.ts';
import { compileFilter, type ClaimIndex, type ClaimList } from './claim-index.ts';

/** The edge of one claim type between two entities; `docs` (the claims' documents) give its independent sources. */
export function aggregateEdge(type: Claim['type'], subject: string, object: string, claims: readonly Claim[], docs: ReadonlyMap<string, Document>): Edge {
  const lineages = evidenceLineages(claims, docs);
  const dates = claims.map((c) => claimStart(c) ?? c.validTo).filter((d): d is string => !!d);
  dates.sort((a, b) => (dateKey(a) < dateKey(b) ? -1 : dateKey(a) > dateKey(b) ? 1 : 0));
  const sortedClaims = [...claims].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    type,
    subject,
    object,
    claimIds: sortedClaims.map((c) => c.id),
    claimCount: claims.length,
    bestConfidence: claims.reduce((m, c) => Math.max(m, c.confidence), 0),
    certainties: [...new Set(claims.map((c) => c.certainty))].sort(),
    ...(dates.length ? { earliestDate: dates[0], latestDate: dates[dates.length - 1] } : {}),
    documentIds: [...new Set(claims.map((c) => c.evidence.documentId))].sort(),
    independentSources: lineages.length,
    lineages,
  };
}

/** One edge of a neighbour listing, before its claims and far entity are fetched from the store. */
export interface NeighbourEdgeRef {
  direction: 'out' | 'in';
  type: Claim['type'];
  other: string;
  claimIds: string[];
  best: number;
}

/** The entity's edges passing the filter, ordered (best confidence, then claim count, type, other id), with the total. */
export function listNeighbourEdges(
  index: ClaimIndex,
  entityId: string,
  filterInput: NeighbourFilter | undefined,
): { total: number; page: NeighbourEdgeRef[] } {
  const filter = NeighbourFilter.parse(filterInput ?? {});
  const e = index.entityIndex(entityId);
  if (e === undefined) return { total: 0, page: [] };
  const cf = compileFilter(filter, filter.asOf);
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  const groups = new Map<string, NeighbourEdgeRef>();
  const walk = (list: ClaimList, direction: 'out' | 'in') => {
    for (const ci of list) {
      if (!index.passes(ci, cf)) continue;
      const o = direction === 'out' ? index.objectOf(ci) : index.subjectOf(ci);
      if (kinds && !kinds.has(index.kindOf(o))) continue;
      const type = index.typeOf(ci);
      const key = `${direction}\u001f${type}\u001f${o}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { direction, type, other: index.entityIds[o]!, claimIds: [], best: 0 }));
      g.claimIds.push(index.claimIds[ci]!);
      g.best = Math.max(g.best, index.confidenceOf(ci));
    }
  };
  if (filter.direction !== 'in') walk(index.outOf(e), 'out');
  if (filter.direction !== 'out') walk(index.inOf(e), 'in');
  const all = [...groups.values()].sort(
    (a, b) =>
      b.best - a.best || b.claimIds.length - a.claimIds.length || a.type.localeCompare(b.type) ||
      (a.other < b.other ? -1 : a.other > b.other ? 1 : 0) || a.direction.localeCompare(b.direction),
  );
  return { total: all.length, page: all.slice(filter.offset, filter.offset + filter.limit) };
}

/** What assembly needs from a store: records by id (unknown ids skipped). */
export interface RecordFetcher {
  entities(ids: readonly string[]): Promise<Entity[]>;
  claims(ids: readonly string[]): Promise<Claim[]>;
  documents(ids: readonly string[]): Promise<Document[]>;
}

/**
 * Entities, claims and the claims' documents, fetched at once: on a server store each fetch is a round trip,
 * the largest part of a search. The documents are the ones the index gives the claims; one the index did not
 * know (an index built before its claim's document was) is fetched after.
 */
export async function fetchRecords(index: ClaimIndex, entityIds: Iterable<string>, claimIds: Iterable<string>, fetch: RecordFetcher) {
  const claimSet = new Set(claimIds);
  const docIds = new Set<string>();
  for (const id of claimSet) {
    const ci = index.claimIndex(id);
    const d = ci === undefined ? undefined : index.documentIdOf(ci);
    if (d) docIds.add(d);
  }
  const [entityList, claimList, docList] = await Promise.all([fetch.entities([...new Set(entityIds)]), fetch.claims([...claimSet]), fetch.documents([...docIds])]);
  const entities = new Map(entityList.map((e) => [e.id, e]));
  const claims = new Map(claimList.map((c) => [c.id, c]));
  const docs = new Map(docList.map((d) => [d.id, d]));
  const missing = [...new Set([...claims.values()].map((c) => c.evidence.documentId))].filter((d) => !docIds.has(d));
  if (missing.length) for (const d of await fetch.documents(missing)) docs.set(d.id, d);
  return { entities, claims, docs };
}

/** A neighbour page over an index holding the entity's claims: edges listed, then only their records fetched. */
export async function neighbourPage(index: ClaimIndex, id: string, filter: NeighbourFilter | undefined, fetch: RecordFetcher): Promise<NeighbourPage> {
  const { total, page } = listNeighbourEdges(index, id, filter);
  const { entities, claims, docs } = await fetchRecords(index, page.map((p) => p.other), page.flatMap((p) => p.claimIds), fetch);
  const items = page.flatMap((p) => {
    const entity = entities.get(p.other);
    if (!entity) return [];
    const cs = p.claimIds.map((c) => claims.get(c)).filter((c): c is Claim => !!c);
    const [s, o] = p.direction === 'out' ? [id, p.other] : [p.other, id];
    return [{ entity, direction: p.direction, edge: aggregateEdge(p.type, s, o, cs, docs) }];
  });
  return { total, items };
}
