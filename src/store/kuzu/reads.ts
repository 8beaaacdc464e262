// Kùzu reads: records by id from the RecordCache, the graph's shape from the in-memory index, and the
// queries only the database answers (claim pages, an entity's documents, change lists, counts, text scans).
import { dateKey, type ChangeRecord, type ClaimFilter, type Claim, type Document } from '../../domain/index.ts';
import { compileFilter } from '../claim-index.ts';
import type { RecordReader } from '../core/persistence.ts';
import type { ClaimQuery } from '../port.ts';
import { parseChange, parseClaim } from './rows.ts';
import type { Row } from './connection.ts';
import type { KuzuContext } from './store.ts';
import {
  COUNT_CLAIMS_BY_TYPE, COUNT_DOCUMENTS, COUNT_ENTITIES_BY_KIND, DOCUMENT_IDS_OF_ENTITY, ENTITIES_WITH_TEXT, LOCATIONS_WITH_TEXT,
  changesWhere, claimsWhere, countClaimsWhere, type ChangeCondition, type ClaimCondition,
} from './statements.ts';

/**
 * Records by id, from the RecordCache (see record-cache.ts for why not from a Kùzu query), and the graph's
 * shape from the in-memory index. One writer at a time, so a write's view and a read's are this same one.
 */
export function recordReader(kuzu: KuzuContext, ready: () => Promise<void>): RecordReader {
  const pick = <T>(ids: readonly string[], get: (id: string) => T | undefined): Map<string, T> => {
    const out = new Map<string, T>();
    for (const id of ids) {
      const v = get(id);
      if (v !== undefined) out.set(id, v);
    }
    return out;
  };
  return {
    async redirects(ids) {
      return pick(ids, (id) => kuzu.redirects.get(id));
    },
    // Answered from the index as asked, not copied out: a batch of 10,000 claims names 20,000 ends.
    async kinds() {
      await ready();
      const { index } = kuzu;
      return { get: (id) => index.kindOfId(id), has: (id) => index.kindOfId(id) !== undefined };
    },
    async entities(ids) {
      await ready();
      return pick(ids, (id) => kuzu.records.entity(id) ?? undefined);
    },
    async claims(ids) {
      await ready();
      return pick(ids, (id) => kuzu.records.claim(id) ?? undefined);
    },
    async documents(ids) {
      await ready();
      return pick(ids, (id) => kuzu.records.document(id) ?? undefined);
    },
    async knownDocuments() {
      await ready();
      const { records } = kuzu;
      return { has: (id) => records.hasDocument(id) };
    },
    async claimEnds() {
      await ready();
      const { index } = kuzu;
      return {
        has: (id) => index.claimIndex(id) !== undefined,
        get: (id) => {
          const i = index.claimIndex(id);
          return i === undefined ? undefined : { subject: index.entityIds[index.subjectOf(i)]!, object: index.entityIds[index.objectOf(i)]! };
        },
      };
    },
    async claimsAround(entityId) {
      await ready();
      const { index } = kuzu;
      return index.claimIdsOfEntity(entityId).map((id) => {
        const i = index.claimIndex(id)!;
        return { id, subject: index.entityIds[index.subjectOf(i)]!, object: index.entityIds[index.objectOf(i)]! };
      });
    },
  };
}

/** Entities whose record text contains `needle`. */
export async function entitiesContaining(ctx: KuzuContext, needle: string): Promise<Array<{ id: string; data: string }>> {
  return (await ctx.db.read(ENTITIES_WITH_TEXT, { needle })).map((r) => ({ id: String(r.id), data: String(r.data) }));
}

export async function locationsContaining(ctx: KuzuContext, needle: string, cap: number): Promise<string[]> {
  return (await ctx.db.read(LOCATIONS_WITH_TEXT, { needle, cap })).map((r) => String(r.id));
}

const LIVE_PART_OF = compileFilter({ types: ['PART_OF'], certainty: ['stated', 'alleged'] });

/** Walked over the in-memory index: the claims into each whole, PART_OF and live, from a Location. */
export function partsOf(ctx: KuzuContext, wholes: readonly string[], cap: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const whole of wholes) {
    const w = ctx.index.entityIndex(whole);
    if (w === undefined) continue;
    for (const ci of ctx.index.inOf(w)) {
      if (out.length >= cap) return out;
      const part = ctx.index.subjectOf(ci);
      if (ctx.index.passes(ci, LIVE_PART_OF) && ctx.index.kindOf(part) === 'Location') out.push([ctx.index.entityIds[part]!, whole]);
    }
  }
  return out;
}

export async function claimPage(ctx: KuzuContext, q: ClaimQuery): Promise<{ total: number; items: Claim[] }> {
  // Conditions are fixed fragments (statements.ts); every value is a parameter.
  const conds: ClaimCondition[] = [];
  const params: Record<string, unknown> = {};
  const add = (c: ClaimCondition, name: string, value: unknown) => {
    conds.push(c);
    params[name] = value;
  };
  if (q.entityId) add('entity', 'e', q.entityId);
  if (q.documentId) add('document', 'd', q.documentId);
  if (q.types) add('types', 'types', q.types);
  if (q.certainty) add('certainty', 'cert', q.certainty);
  add('status', 'status', q.review ?? ['unreviewed', 'accepted']);
  if (q.minConfidence !== undefined) add('minConfidence', 'minc', q.minConfidence - 1e-9);
  if (q.from) add('from', 'from', dateKey(q.from));
  if (q.to) add('to', 'to', dateKey(q.to));
  const [count] = await ctx.db.read(countClaimsWhere(conds), params);
  const page: ClaimCondition[] = q.after ? [...conds, 'after'] : conds;
  const rows = await ctx.db.read(claimsWhere(page), { ...params, ...(q.after ? { after: q.after } : {}), limit: q.limit ?? 100 });
  return { total: Number(count?.n ?? 0), items: rows.map((r) => parseClaim(r.data, r.review)) };
}

/** Walked over the in-memory index (no query): filter, order by id, cut, then records from the cache. */
export function claimsOfEntities(ctx: KuzuContext, entityIds: readonly string[], filter: ClaimFilter, limit: number): Map<string, Claim[]> {
  const cf = compileFilter(filter);
  const out = new Map<string, Claim[]>();
  for (const id of entityIds) {
    const ids = ctx.index.claimIdsOfEntity(id).filter((c) => ctx.index.passes(ctx.index.claimIndex(c)!, cf)).sort().slice(0, limit);
    out.set(id, ids.map((c) => ctx.records.claim(c)).filter((c): c is Claim => !!c));
  }
  return out;
}

export async function documentsOf(ctx: KuzuContext, entityId: string, limit: number): Promise<Document[]> {
  const rows = await ctx.db.read(DOCUMENT_IDS_OF_ENTITY, { e: entityId, limit });
  return rows.map((r) => ctx.records.document(String(r.d))).filter((d): d is Document => !!d);
}

export async function changes(ctx: KuzuContext, q: { targetId?: string; action?: ChangeRecord['action']; limit: number }): Promise<ChangeRecord[]> {
  const conds: ChangeCondition[] = [];
  const params: Record<string, unknown> = {};
  if (q.targetId) (conds.push('target'), (params.t = `|${q.targetId}|`));
  if (q.action) (conds.push('action'), (params.a = q.action));
  const rows = await ctx.db.read(changesWhere(conds), { ...params, limit: q.limit });
  return rows.map((r) => parseChange(r.data)).filter((r) => !q.targetId || r.targetIds.includes(q.targetId));
}

export async function counts(ctx: KuzuContext) {
  const [docs] = await ctx.db.read(COUNT_DOCUMENTS);
  const byKey = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
  return {
    documents: Number(docs?.n ?? 0),
    entitiesByKind: byKey(await ctx.db.read(COUNT_ENTITIES_BY_KIND)),
    claimsByType: byKey(await ctx.db.read(COUNT_CLAIMS_BY_TYPE)),
  };
}
