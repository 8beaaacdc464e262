// Reads: records by id (from the RecordCache), neighbour pages and exposure paths (walked over the
// ClaimIndex, then only the page's records fetched), claim queries, an entity's documents, changes, stats.
import { dateKey, type ChangeRecord, type ClaimFilter, type Claim, type Document, type Entity, type ExposureQuery, type NeighbourFilter, type NeighbourPage, type Stats } from '../../domain/index.ts';
import { neighbourPage } from '../edges.ts';
import { compileFilter } from '../claim-index.ts';
import { exposedToPaths, exposurePathsOver, type ExposedToQuery } from '../exposure-assembly.ts';
import type { ClaimQuery } from '../port.ts';
import { placeParts as walkPlaceParts } from '../place-parts.ts';
import { parseChange, parseClaim } from './rows.ts';
import type { KuzuContext } from './store.ts';
import {
  COUNT_CLAIMS_BY_TYPE, COUNT_DOCUMENTS, COUNT_ENTITIES_BY_KIND, DOCUMENT_IDS_OF_ENTITY, ENTITIES_WITH_TEXT, LOCATIONS_WITH_TEXT,
  changesWhere, claimsWhere, countClaimsWhere, type ChangeCondition, type ClaimCondition,
} from './statements.ts';

// Reads by id come from the RecordCache (see record-cache.ts for why not from a Kùzu query).
export async function getEntities(ctx: KuzuContext, ids: readonly string[]): Promise<Entity[]> {
  return ids.map((id) => ctx.records.entity(ctx.redirects.get(id) ?? id)).filter((e): e is Entity => !!e);
}

export async function getClaims(ctx: KuzuContext, ids: readonly string[]): Promise<Claim[]> {
  return ids.map((id) => ctx.records.claim(id)).filter((c): c is Claim => !!c);
}

export async function getDocuments(ctx: KuzuContext, ids: readonly string[]): Promise<Document[]> {
  return ids.map((id) => ctx.records.document(id)).filter((d): d is Document => !!d);
}

export async function neighbours(ctx: KuzuContext, id0: string, filter?: NeighbourFilter): Promise<NeighbourPage> {
  return neighbourPage(ctx.index, ctx.redirects.get(id0) ?? id0, filter, fetcher(ctx));
}

const fetcher = (ctx: KuzuContext) => ({
  entities: (ids: readonly string[]) => getEntities(ctx, ids),
  claims: (ids: readonly string[]) => getClaims(ctx, ids),
  documents: (ids: readonly string[]) => getDocuments(ctx, ids),
});

export async function exposurePaths(ctx: KuzuContext, query: ExposureQuery) {
  const from = ctx.redirects.get(query.from) ?? query.from;
  const to = query.to !== undefined ? (ctx.redirects.get(query.to) ?? query.to) : undefined;
  return exposurePathsOver(ctx.index, { ...query, from, ...(to !== undefined ? { to } : {}) }, fetcher(ctx));
}

export async function exposedTo(ctx: KuzuContext, query: ExposedToQuery) {
  return exposedToPaths(ctx.index, { ...query, abuse: ctx.redirects.get(query.abuse) ?? query.abuse }, fetcher(ctx));
}

/**
 * External ids live in the record's JSON (written by JSON.stringify: no spaces), so one scan finds every
 * entity holding an id of the scheme, and the parsed record decides.
 */
export async function entitiesByExternalId(ctx: KuzuContext, scheme: keyof Entity['externalIds'], values: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(values);
  const out = new Map<string, string>();
  if (!wanted.size) return out;
  const rows = await ctx.db.read(ENTITIES_WITH_TEXT, { needle: `${JSON.stringify(scheme)}:"` });
  for (const r of rows) {
    const value = (JSON.parse(String(r.data)) as Entity).externalIds?.[scheme];
    if (value && wanted.has(value) && !out.has(value)) out.set(value, String(r.id));
  }
  return out;
}

const LIVE_PART_OF = compileFilter({ types: ['PART_OF'], certainty: ['stated', 'alleged'] });

export async function placeParts(ctx: KuzuContext, id: string, page: { offset?: number; limit?: number }) {
  return walkPlaceParts(
    {
      entities: (ids) => getEntities(ctx, ids),
      // The country code lives in the record's JSON (written by JSON.stringify, so without spaces); every
      // row found is checked on the parsed record.
      locationsInCountry: async (code, cap) => {
        const rows = await ctx.db.read(LOCATIONS_WITH_TEXT, {
          needle: `"countryCode":${JSON.stringify(code)}`,
          cap,
        });
        return (await getEntities(ctx, rows.map((r) => String(r.id)))).filter((e) => e.kind === 'Location' && e.countryCode === code).map((e) => e.id);
      },
      // Walked over the in-memory index: the claims into each whole, PART_OF and live, from a Location.
      partsOf: async (wholes, cap) => {
        const out: Array<[string, string]> = [];
        for (const whole of wholes) {
          const w = ctx.index.entityIndex(whole);
          if (w === undefined) continue;
          for (const ci of ctx.index.inn[w] ?? []) {
            if (out.length >= cap) return out;
            const part = ctx.index.subjectOf(ci);
            if (ctx.index.passes(ci, LIVE_PART_OF) && ctx.index.kindOf(part) === 'Location') out.push([ctx.index.entityIds[part]!, whole]);
          }
        }
        return out;
      },
    },
    ctx.redirects.get(id) ?? id,
    page,
  );
}

export async function findClaims(ctx: KuzuContext, q: ClaimQuery): Promise<{ total: number; items: Claim[] }> {
  // Conditions are fixed fragments (statements.ts); every value is a parameter.
  const conds: ClaimCondition[] = [];
  const params: Record<string, unknown> = {};
  const add = (c: ClaimCondition, name: string, value: unknown) => {
    conds.push(c);
    params[name] = value;
  };
  if (q.entityId) add('entity', 'e', ctx.redirects.get(q.entityId) ?? q.entityId);
  if (q.documentId) add('document', 'd', q.documentId);
  if (q.types) add('types', 'types', q.types);
  if (q.certainty) add('certainty', 'cert', q.certainty);
  add('status', 'status', q.review ?? ['unreviewed', 'accepted']);
  if (q.minConfidence !== undefined) add('minConfidence', 'minc', q.minConfidence - 1e-9);
  if (q.from) add('from', 'from', dateKey(q.from));
  if (q.to) add('to', 'to', dateKey(q.to));
  const [count] = await ctx.db.read(countClaimsWhere(conds), params);
  const page: ClaimCondition[] = q.after ? [...conds, 'after'] : conds;
  const rows = await ctx.db.read(claimsWhere(page), {
    ...params, ...(q.after ? { after: q.after } : {}), limit: Math.min(Math.max(q.limit ?? 100, 1), 10_000),
  });
  return { total: Number(count?.n ?? 0), items: rows.map((r) => parseClaim(r.data, r.review)) };
}

export async function claimsOfEntities(ctx: KuzuContext, entityIds: readonly string[], filter: ClaimFilter, limit: number): Promise<Map<string, Claim[]>> {
  // Walked over the in-memory index (no query): filter, order by id, cut, then records from the cache.
  const cf = compileFilter(filter);
  const out = new Map<string, Claim[]>();
  for (const asked of entityIds) {
    const ids = ctx.index
      .claimIdsOfEntity(ctx.redirects.get(asked) ?? asked)
      .filter((id) => ctx.index.passes(ctx.index.claimIndex(id)!, cf))
      .sort()
      .slice(0, limit);
    out.set(asked, await getClaims(ctx, ids));
  }
  return out;
}

export async function documentsOf(ctx: KuzuContext, entityId: string, limit = 100): Promise<Document[]> {
  const id = ctx.redirects.get(entityId) ?? entityId;
  const rows = await ctx.db.read(DOCUMENT_IDS_OF_ENTITY, { e: id, limit });
  return getDocuments(ctx, rows.map((r) => String(r.d)));
}

export async function listChanges(ctx: KuzuContext, q: { targetId?: string; action?: ChangeRecord['action']; limit?: number }): Promise<ChangeRecord[]> {
  const conds: ChangeCondition[] = [];
  const params: Record<string, unknown> = {};
  if (q.targetId) (conds.push('target'), (params.t = `|${q.targetId}|`));
  if (q.action) (conds.push('action'), (params.a = q.action));
  const rows = await ctx.db.read(changesWhere(conds), { ...params, limit: Math.min(Math.max(q.limit ?? 100, 1), 10_000) });
  return rows.map((r) => parseChange(r.data)).filter((r) => !q.targetId || r.targetIds.includes(q.targetId));
}

export async function stats(ctx: KuzuContext): Promise<Stats> {
  const [docs] = await ctx.db.read(COUNT_DOCUMENTS);
  const kinds = await ctx.db.read(COUNT_ENTITIES_BY_KIND);
  const types = await ctx.db.read(COUNT_CLAIMS_BY_TYPE);
  const byKey = (rows: typeof kinds) => Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]).sort());
  const sum = (rows: typeof kinds) => rows.reduce((s, r) => s + Number(r.n), 0);
  return {
    documents: Number(docs?.n ?? 0),
    entities: sum(kinds),
    claims: sum(types),
    entitiesByKind: byKey(kinds),
    claimsByType: byKey(types),
    schemaVersion: ctx.schemaVersion,
    store: 'kuzu',
  };
}
