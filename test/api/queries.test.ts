// Reads through GraphQL on the seeded graph: search, neighbours with filters, exposure paths with their
// evidence and the asOf replay of Microsoft's 2025-09-25 suspension, documents and claims, input errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/api/yoga.ts';
import { nodes, seededApi } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
beforeAll(async () => {
  ctx = await seededApi();
});
afterAll(() => ctx.cleanup());

const PATHS = `query($from: ID!, $asOf: String, $maxHops: Int) {
  exposurePaths(from: $from, asOf: $asOf, maxHops: $maxHops) { edges { node {
    score ended
    hops { from { name } to { name kind } direction edge { type } ended { date claims { type date evidence { quote document { publisher url } } } }
      claims { claim { id evidence { quote documentId } certainty extractor } document { url publishedAt } } }
  } } }
}`;

describe('GraphQL reads', () => {
  it('finds entities by name or alias, whatever the case and accents', async () => {
    const r = await ctx.gql(`{ a: search(text: "unite 8200") { edges { node { entity { name kind } } } } b: search(text: "ARMEE ISRAELIENNE", kinds: [GovernmentBody]) { edges { node { entity { name } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(nodes(r.data!.a)[0].entity).toEqual({ name: 'Unit 8200', kind: 'GovernmentBody' });
    expect(nodes(r.data!.b)[0].entity.name).toBe('Israel Defense Forces');
  });

  it('traces Microsoft to the mass surveillance of Palestinians, every hop with a cited claim', async () => {
    const ms = nodes((await ctx.gql(`{ search(text: "microsoft", kinds: [Company], first: 1) { edges { node { entity { id } } } } }`)).data!.search)[0].entity.id;
    const r = await ctx.gql(PATHS, { from: ms, asOf: '2025-08-10' });
    expect(r.errors).toBeUndefined();
    const paths = nodes(r.data!.exposurePaths);
    const chain = (p: any) => p.hops.map((h: any) => `${h.from.name}>${h.edge.type}>${h.to.name}`).join(' | ');
    const names = paths.map(chain);
    const via8200 = 'Microsoft>PROVIDES>Azure | Azure>USES>Unit 8200 | Unit 8200>RESPONSIBLE_FOR>Mass surveillance of Palestinians in Gaza and the West Bank';
    expect(names).toContain(via8200);
    // asOf is what had been published by then: before The Guardian's report of 2025-08-06, the chain it tells is not there.
    expect(nodes((await ctx.gql(PATHS, { from: ms, asOf: '2025-08-01' })).data!.exposurePaths).map(chain)).not.toContain(via8200);
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
    const ms = nodes((await ctx.gql(`{ search(text: "microsoft", first: 1) { edges { node { entity { id } } } } }`)).data!.search)[0].entity.id;
    const after = nodes((await ctx.gql(PATHS, { from: ms, asOf: '2025-10-01' })).data!.exposurePaths);
    const via8200 = after.find((p) => p.hops.some((h: any) => h.edge.type === 'USES'));
    expect(via8200).toBeDefined();
    expect(via8200.ended).toBe(true);
    const endedHop = via8200.hops.find((h: any) => h.ended);
    expect(endedHop.ended.date).toBe('2025-09-25');
    expect(endedHop.to.name).toBe('Unit 8200');
    // The end is cited: the SUSPENDED claim with its words and its document.
    expect(endedHop.ended.claims.length).toBeGreaterThan(0);
    for (const c of endedHop.ended.claims) {
      expect(c).toMatchObject({ type: 'SUSPENDED', date: '2025-09-25', evidence: { quote: expect.any(String), document: { url: expect.stringMatching(/^https:/) } } });
    }
    const before = nodes((await ctx.gql(PATHS, { from: ms, asOf: '2025-09-24' })).data!.exposurePaths);
    expect(before.length).toBe(after.length);
    expect(before.every((p) => !p.ended)).toBe(true);
  });

  it('filters neighbours by claim type, direction and certainty', async () => {
    const q = `query($t: String!) { search(text: $t, first: 1) { edges { node { entity { name
      all: neighbours { totalCount edges { node { entity { name } direction edge { type claimCount } } } }
      out: neighbours(direction: out, filter: { types: [RESPONSIBLE_FOR] }) { totalCount edges { node { entity { name } } } }
      alleged: neighbours(filter: { certainty: [alleged] }) { totalCount }
      stated: neighbours(filter: { certainty: [stated] }) { totalCount }
    } } } } }`;
    const r = await ctx.gql(q, { t: 'Hikvision' });
    expect(r.errors).toBeUndefined();
    const e = nodes(r.data!.search)[0].entity;
    expect(e.all.totalCount).toBe(2);
    expect(nodes(e.out).map((i: any) => i.entity.name)).toEqual(['Repression, mass arbitrary detention and high-tech surveillance of Uyghurs in Xinjiang']);
    expect(e.alleged.totalCount).toBe(1);
    expect(e.stated.totalCount).toBe(1);
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
    const d = await ctx.gql(`query($id: ID!) { document(id: $id) { url publisher claims { totalCount edges { node { id subject { name } object { name } } } } } }`, { id: docId });
    expect(d.data!.document.claims.totalCount).toBeGreaterThan(0);
    expect(nodes(d.data!.document.claims)[0].subject.name).toBeTruthy();
  });

  it('answers bad arguments with BAD_USER_INPUT naming the field', async () => {
    const r = await ctx.gql(PATHS, { from: 'co_Q2283', maxHops: 7 });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/maxHops/);
    const d = await ctx.gql(`{ claims(filter: { from: "last tuesday" }) { totalCount } }`);
    expect(d.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(d.errors?.[0]?.message).toMatch(/from/);
    const e = await ctx.gql(`{ search(text: "   ") { edges { node { score } } } }`);
    expect(e.errors?.[0]?.message).toMatch(/empty/);
  });

  it('answers an unknown id with null, not an error', async () => {
    const r = await ctx.gql(`{ entity(id: "co_nope") { name } document(id: "doc_nope") { url } claim(id: "cl_nope") { id } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ entity: null, document: null, claim: null });
  });

  it('ranks the companies exposed to one abuse (exposedTo), each with its best path', async () => {
    const abuse = nodes((await ctx.gql(`{ search(text: "mass surveillance of palestinians", kinds: [Abuse], first: 1) { edges { node { entity { id } } } } }`)).data!.search)[0].entity.id;
    const q = `query($a: ID!, $asOf: String, $h: Int) { exposedTo(abuse: $a, asOf: $asOf, maxHops: $h) { edges { node { score ended hops { from { name kind } to { id } } } } } }`;
    const r = await ctx.gql(q, { a: abuse });
    expect(r.errors).toBeUndefined();
    const paths = nodes(r.data!.exposedTo) as Array<{ score: number; hops: Array<{ from: { name: string; kind: string }; to: { id: string } }> }>;
    expect(paths.map((p) => p.hops[0]!.from.name)).toContain('Microsoft');
    for (const p of paths) {
      expect(p.hops[0]!.from.kind).toBe('Company');
      expect(p.hops.at(-1)!.to.id).toBe(abuse);
    }
    expect(paths.map((p) => p.score)).toEqual([...paths.map((p) => p.score)].sort((a, b) => b - a));
    // A one-hop limit reaches no company; a bad maxHops and an unknown abuse are answered plainly.
    expect(nodes((await ctx.gql(q, { a: abuse, h: 1 })).data!.exposedTo)).toEqual([]);
    expect((await ctx.gql(q, { a: abuse, h: 50 })).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/maxHops is at most 6/) });
    expect(nodes((await ctx.gql(q, { a: 'abuse_nope' })).data!.exposedTo)).toEqual([]);
    // As of a date before every report: nobody is exposed yet (seed claims count from their documents' dates).
    expect(nodes((await ctx.gql(q, { a: abuse, asOf: '2000' })).data!.exposedTo)).toEqual([]);
  });

  it('rolls a place up through Entity.parts: a country holds its code’s places, paged and bounded', async () => {
    const q = `query($id: ID!, $first: Int) { entity(id: $id) { placeType parts(first: $first) { totalCount truncated pageInfo { hasNextPage } edges { node { via depth parentId entity { name placeType } } } } } }`;
    const china = await ctx.gql(q, { id: 'loc_Q148' });
    expect(china.errors).toBeUndefined();
    expect(china.data!.entity.placeType).toBe('country');
    expect(nodes(china.data!.entity.parts)).toContainEqual({ via: 'countryCode', depth: 1, parentId: 'loc_Q148', entity: { name: 'Xinjiang', placeType: 'region' } });
    expect(china.data!.entity.parts.truncated).toBe(false);
    // A company has no parts; a page too large is refused naming the argument.
    const company = await ctx.gql(q, { id: 'co_Q2283' });
    expect(company.data!.entity.parts).toMatchObject({ totalCount: 0, edges: [] });
    const big = await ctx.gql(q, { id: 'loc_Q148', first: 5000 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0]?.message).toMatch(/parts\.first/);
  });

  it('pages every list the same way: first/after, last/before, cursors checked, sizes bounded', async () => {
    const q = `query($first: Int, $after: String, $last: Int, $before: String) {
      search(text: "israel", first: $first, after: $after, last: $last, before: $before) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { entity { id } } } } }`;
    const all = nodes((await ctx.gql(q, { first: 50 })).data!.search).map((h: any) => h.entity.id);
    expect(all.length).toBeGreaterThan(4);
    const p1 = (await ctx.gql(q, { first: 2 })).data!.search;
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = (await ctx.gql(q, { first: 2, after: p1.pageInfo.endCursor })).data!.search;
    expect(p2.pageInfo.hasPreviousPage).toBe(true);
    expect([...nodes(p1), ...nodes(p2)].map((h: any) => h.entity.id)).toEqual(all.slice(0, 4));
    // Back from the second page's start gives the first page again.
    const back = (await ctx.gql(q, { last: 2, before: p2.pageInfo.startCursor })).data!.search;
    expect(nodes(back).map((h: any) => h.entity.id)).toEqual(all.slice(0, 2));
    const last = (await ctx.gql(q, { first: 50, after: p1.edges[0].cursor })).data!.search;
    expect(last.pageInfo.hasNextPage).toBe(false);
    // Bad paging arguments name what to change.
    for (const [vars, pattern] of [
      [{ first: 0 }, /search\.first: at least 1/],
      [{ first: 5000 }, /search\.first: at most 1,000/],
      [{ first: 2, after: 'not-a-cursor' }, /search\.after: not a cursor/],
      [{ last: 2 }, /search\.last: .*before/],
    ] as const) {
      const r = await ctx.gql(q, vars);
      expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(pattern) });
    }
    // The same connection shape on an entity's neighbours, claims and documents, and on exposure paths.
    const ms = await ctx.gql(`{ entity(id: "co_Q2283") {
      neighbours(first: 1) { totalCount pageInfo { hasNextPage } edges { node { entity { name } } } }
      claims(first: 2) { pageInfo { hasNextPage } edges { node { id } } }
      documents(first: 1) { edges { node { url } } }
    } exposurePaths(from: "co_Q2283", first: 1) { pageInfo { hasNextPage } edges { node { score } } } }`);
    expect(ms.errors).toBeUndefined();
    const e = ms.data!.entity;
    expect(e.neighbours.totalCount).toBeGreaterThan(1);
    expect(e.neighbours.pageInfo.hasNextPage).toBe(true);
    expect(e.claims.edges).toHaveLength(2);
    expect(e.documents.edges).toHaveLength(1);
    expect(ms.data!.exposurePaths.edges).toHaveLength(1);
    expect(ms.data!.exposurePaths.pageInfo.hasNextPage).toBe(true);
  });

  it('opens GraphiQL on a query that runs', async () => {
    const r = await ctx.gql(DEFAULT_QUERY);
    expect(r.errors).toBeUndefined();
    expect(nodes(r.data!.search)[0].entity.name).toBe('Microsoft');
  });
});
