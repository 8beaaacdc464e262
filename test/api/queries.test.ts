// Reads through GraphQL on the seeded graph: search, neighbours with filters, exposure paths with their
// evidence and the asOf replay of Microsoft's 2025-09-25 suspension, documents and claims, input errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApi } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
beforeAll(async () => {
  ctx = await seededApi();
});
afterAll(() => ctx.cleanup());

const PATHS = `query($from: ID!, $asOf: String, $maxHops: Int) {
  exposurePaths(from: $from, asOf: $asOf, maxHops: $maxHops) {
    score ended
    hops { from { name } to { name kind } direction edge { type } ended { date }
      claims { claim { id evidence { quote documentId } certainty extractor } document { url publishedAt } } }
  }
}`;

describe('GraphQL reads', () => {
  it('finds entities by name or alias, whatever the case and accents', async () => {
    const r = await ctx.gql(`{ a: searchEntities(text: "unite 8200") { entity { name kind } } b: searchEntities(text: "ARMEE ISRAELIENNE", kinds: [GovernmentBody]) { entity { name } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.a[0].entity).toEqual({ name: 'Unit 8200', kind: 'GovernmentBody' });
    expect(r.data!.b[0].entity.name).toBe('Israel Defense Forces');
  });

  it('traces Microsoft to the mass surveillance of Palestinians, every hop with a cited claim', async () => {
    const ms = (await ctx.gql(`{ searchEntities(text: "microsoft", kinds: [Company], limit: 1) { entity { id } } }`)).data!.searchEntities[0].entity.id;
    const r = await ctx.gql(PATHS, { from: ms, asOf: '2025-08-01' });
    expect(r.errors).toBeUndefined();
    const paths = r.data!.exposurePaths as any[];
    const names = paths.map((p) => p.hops.map((h: any) => `${h.from.name}>${h.edge.type}>${h.to.name}`).join(' | '));
    expect(names).toContain('Microsoft>PROVIDES>Azure | Azure>USES>Unit 8200 | Unit 8200>RESPONSIBLE_FOR>Mass surveillance of Palestinians in Gaza and the West Bank');
    for (const p of paths) {
      expect(p.ended).toBe(false);
      expect(p.hops.at(-1).to.kind).toBe('Abuse');
      for (const h of p.hops) {
        expect(h.claims.length).toBeGreaterThan(0);
        for (const c of h.claims) expect(c.document.url).toMatch(/^https:\/\//);
      }
    }
    // Scores rank the paths.
    const scores = paths.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('marks the Unit 8200 hop ended after 2025-09-25, and keeps the path', async () => {
    const ms = (await ctx.gql(`{ searchEntities(text: "microsoft", limit: 1) { entity { id } } }`)).data!.searchEntities[0].entity.id;
    const after = (await ctx.gql(PATHS, { from: ms, asOf: '2025-10-01' })).data!.exposurePaths as any[];
    const via8200 = after.find((p) => p.hops.some((h: any) => h.edge.type === 'USES'));
    expect(via8200).toBeDefined();
    expect(via8200.ended).toBe(true);
    const endedHop = via8200.hops.find((h: any) => h.ended);
    expect(endedHop.ended.date).toBe('2025-09-25');
    expect(endedHop.to.name).toBe('Unit 8200');
    const before = (await ctx.gql(PATHS, { from: ms, asOf: '2025-09-24' })).data!.exposurePaths as any[];
    expect(before.length).toBe(after.length);
    expect(before.every((p) => !p.ended)).toBe(true);
  });

  it('filters neighbours by claim type, direction and certainty', async () => {
    const q = `query($t: String!) { searchEntities(text: $t, limit: 1) { entity { name
      all: neighbours { total items { entity { name } direction edge { type claimCount } } }
      out: neighbours(direction: out, filter: { types: [RESPONSIBLE_FOR] }) { total items { entity { name } } }
      alleged: neighbours(filter: { certainty: [alleged] }) { total }
      stated: neighbours(filter: { certainty: [stated] }) { total }
    } } }`;
    const r = await ctx.gql(q, { t: 'Hikvision' });
    expect(r.errors).toBeUndefined();
    const e = r.data!.searchEntities[0].entity;
    expect(e.all.total).toBe(2);
    expect(e.out.items.map((i: any) => i.entity.name)).toEqual(['Repression, mass arbitrary detention and high-tech surveillance of Uyghurs in Xinjiang']);
    expect(e.alleged.total).toBe(1);
    expect(e.stated.total).toBe(1);
  });

  it('lists a document with its claims, and pages through claims', async () => {
    const page1 = await ctx.gql(`{ claims(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id evidence { document { url title } } } } } }`);
    expect(page1.errors).toBeUndefined();
    const p1 = page1.data!.claims;
    expect(p1.totalCount).toBeGreaterThan(30);
    expect(p1.edges).toHaveLength(5);
    expect(p1.pageInfo).toEqual({ hasNextPage: true, endCursor: p1.edges[4].node.id });
    const page2 = (await ctx.gql(`query($a: String) { claims(first: 5, after: $a) { edges { node { id } } } }`, { a: p1.pageInfo.endCursor })).data!.claims;
    expect(page2.edges[0].node.id > p1.pageInfo.endCursor).toBe(true);
    // The last page says so; paging backwards is refused plainly.
    const all = (await ctx.gql(`{ claims(first: 1000) { pageInfo { hasNextPage } edges { cursor } } }`)).data!.claims;
    expect(all.edges).toHaveLength(p1.totalCount);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect((await ctx.gql(`{ claims(last: 5) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Every claim, entity and document is a Relay node, fetched by its own id.
    const n = await ctx.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Claim { type } ... on Entity { name } } }`, { ids: [p1.edges[0].node.id, 'co_Q2283', p1.edges[0].node.evidence.document ? 'doc_nope' : 'doc_nope'] });
    expect(n.data!.nodes[0]).toMatchObject({ __typename: 'Claim', id: p1.edges[0].node.id });
    expect(n.data!.nodes[1]).toEqual({ __typename: 'Entity', id: 'co_Q2283', name: 'Microsoft' });
    expect(n.data!.nodes[2]).toBeNull();
    const docId = (await ctx.store.findClaims({ limit: 1 })).items[0]!.evidence.documentId;
    const d = await ctx.gql(`query($id: ID!) { document(id: $id) { url publisher claims { id subject { name } object { name } } } }`, { id: docId });
    expect(d.data!.document.claims.length).toBeGreaterThan(0);
    expect(d.data!.document.claims[0].subject.name).toBeTruthy();
  });

  it('answers bad arguments with BAD_USER_INPUT naming the field', async () => {
    const r = await ctx.gql(PATHS, { from: 'co_Q2283', maxHops: 7 });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/maxHops/);
    const d = await ctx.gql(`{ claims(filter: { from: "last tuesday" }) { totalCount } }`);
    expect(d.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(d.errors?.[0]?.message).toMatch(/from/);
    const e = await ctx.gql(`{ searchEntities(text: "   ") { score } }`);
    expect(e.errors?.[0]?.message).toMatch(/empty/);
  });

  it('answers an unknown id with null, not an error', async () => {
    const r = await ctx.gql(`{ entity(id: "co_nope") { name } document(id: "doc_nope") { url } claim(id: "cl_nope") { id } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ entity: null, document: null, claim: null });
  });

  it('ranks the companies exposed to one abuse (exposedTo), each with its best path', async () => {
    const abuse = (await ctx.gql(`{ searchEntities(text: "mass surveillance of palestinians", kinds: [Abuse], limit: 1) { entity { id } } }`)).data!.searchEntities[0].entity.id;
    const q = `query($a: ID!, $asOf: String, $h: Int) { exposedTo(abuse: $a, asOf: $asOf, maxHops: $h) { score ended hops { from { name kind } to { id } } } }`;
    const r = await ctx.gql(q, { a: abuse });
    expect(r.errors).toBeUndefined();
    const paths = r.data!.exposedTo as Array<{ score: number; hops: Array<{ from: { name: string; kind: string }; to: { id: string } }> }>;
    expect(paths.map((p) => p.hops[0]!.from.name)).toContain('Microsoft');
    for (const p of paths) {
      expect(p.hops[0]!.from.kind).toBe('Company');
      expect(p.hops.at(-1)!.to.id).toBe(abuse);
    }
    expect(paths.map((p) => p.score)).toEqual([...paths.map((p) => p.score)].sort((a, b) => b - a));
    // A one-hop limit reaches no company; a bad maxHops and an unknown abuse are answered plainly.
    expect((await ctx.gql(q, { a: abuse, h: 1 })).data!.exposedTo).toEqual([]);
    expect((await ctx.gql(q, { a: abuse, h: 50 })).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/maxHops is at most 6/) });
    expect((await ctx.gql(q, { a: 'abuse_nope' })).data!.exposedTo).toEqual([]);
  });
});
