// No N+1: a query over 50 entities, their claims, the claims' ends and documents costs a handful of store
// calls, not one per entity or claim. The store is the real Kùzu store; a Proxy only counts the calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/yoga.ts';
import type { GraphStore } from '../../src/store/port.ts';
import { seededApi } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
const calls = new Map<string, number>();
let counted: ReturnType<typeof createApi>;

beforeAll(async () => {
  ctx = await seededApi();
  // 50 companies, each supplying two seeded bodies and providing one technology, quoted from one report.
  const doc = { id: 'doc_batching', title: 'Supplier register', url: 'https://example.org/register' };
  const entities = Array.from({ length: 50 }, (_, i) => ({ id: `co_batch_${i}`, kind: 'Company' as const, name: `Supplier ${i}` }));
  const techs = Array.from({ length: 50 }, (_, i) => ({ id: `tech_batch_${i}`, kind: 'Technology' as const, name: `Product ${i}` }));
  const claims = entities.flatMap((e, i) => [
    { id: `cl_b_${i}_p`, type: 'PROVIDES' as const, subject: e.id, object: techs[i]!.id, certainty: 'stated' as const, confidence: 0.9, extractor: 'test', evidence: { documentId: doc.id, quote: `Supplier ${i} sells Product ${i}.` } },
    { id: `cl_b_${i}_s`, type: 'SUPPLIES' as const, subject: e.id, object: techs[(i + 1) % 50]!.id.replace('tech', 'co'), certainty: 'stated' as const, confidence: 0.8, extractor: 'test', evidence: { documentId: doc.id, quote: `Supplier ${i} supplies another.` } },
  ]).filter((c) => c.type === 'PROVIDES' || c.object !== c.subject);
  await ctx.store.upsert({ documents: [doc], entities: [...entities, ...techs], claims });
  const store = new Proxy(ctx.store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as GraphStore;
  counted = createApi({ store });
});
afterAll(() => ctx.cleanup());

describe('batched store access', () => {
  it('loads 50 entities with their claims, ends and documents in a few store calls', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `co_batch_${i}`);
    const res = await counted.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($ids: [ID!]!) { entities(ids: $ids) { name claims { edges { node { type subject { name } object { name } evidence { quote document { title } } } } } } }`,
        variables: { ids },
      }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.entities).toHaveLength(50);
    const claimCount = body.data.entities.reduce((n: number, e: any) => n + e.claims.edges.length, 0);
    // Each supplier provides one product, supplies the next and is supplied by the previous one.
    expect(claimCount).toBe(150);
    expect(body.data.entities[7].claims.edges.map(({ node: c }: any) => `${c.subject.name} > ${c.object.name}`).sort()).toEqual(['Supplier 6 > Supplier 7', 'Supplier 7 > Product 7', 'Supplier 7 > Supplier 8']);
    expect(body.data.entities[7].claims.edges[0].node.evidence.document.title).toBe('Supplier register');
    const total = [...calls.values()].reduce((a, b) => a + b, 0);
    // One call for the entities, one for all their claims, one for the claims' far ends, one for documents.
    expect(Object.fromEntries(calls)).toEqual({ getEntities: 2, claimsOfEntities: 1, getDocuments: 1 });
    expect(total).toBeLessThanOrEqual(5);
  });
});
