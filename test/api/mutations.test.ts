// Corrections through GraphQL: API keys, reviewing a claim (a rejected claim leaves the paths), adding a
// claim by hand, editing and merging entities, and the change records each leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, seededApi, WRITER_KEY } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
beforeAll(async () => {
  ctx = await seededApi();
});
afterAll(() => ctx.cleanup());

async function idOf(text: string): Promise<string> {
  return (await ctx.gql(`query($t: String!) { search(text: $t, first: 1) { edges { node { entity { id } } } } }`, { t: text })).data!.search.edges[0].node.entity.id;
}

describe('GraphQL mutations', () => {
  it('refuses a write without a key, or with a wrong one, and changes nothing', async () => {
    const claimId = (await ctx.store.findClaims({ limit: 1 })).items[0]!.id;
    const m = `mutation($id: ID!) { reviewClaim(id: $id, status: rejected) { ... on Claim { id } } }`;
    for (const key of [undefined, 'wrong-key-0123456789abcdef']) {
      const r = await ctx.gql(m, { id: claimId }, key);
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await ctx.store.getClaims([claimId]))[0]!.review.status).toBe('unreviewed');
  });

  it('a rejected claim leaves the exposure paths, and the review is recorded', async () => {
    const ms = await idOf('Microsoft');
    const paths = async () => (await ctx.gql(`query($f: ID!) { exposurePaths(from: $f) { edges { node { hops { edge { type claimIds } } } } } }`, { f: ms })).data!.exposurePaths.edges.map((e: any) => e.node) as any[];
    const before = await paths();
    const enables = before.flatMap((p) => p.hops).find((h: any) => h.edge.type === 'ENABLES');
    const claimId = enables.edge.claimIds[0];
    const r = await ctx.gql(`mutation($id: ID!) { reviewClaim(id: $id, status: rejected, note: "source retracted this") { ... on Claim { review { status by note } } } }`, { id: claimId }, WRITER_KEY);
    expect(r.errors).toBeUndefined();
    expect(r.data!.reviewClaim.review).toEqual({ status: 'rejected', by: 'alice', note: 'source retracted this' });
    const after = await paths();
    expect(after.length).toBe(before.length - 1);
    expect(after.flatMap((p) => p.hops).some((h: any) => h.edge.claimIds.includes(claimId))).toBe(false);
    const changes = await ctx.gql(`query($id: ID!) { changes(targetId: $id) { edges { node { action by note } } } }`, { id: claimId }, ADMIN_KEY);
    expect(changes.data!.changes.edges.map((e: any) => e.node)).toContainEqual({ action: 'review', by: 'alice', note: 'source retracted this' });
  });

  it('adds a claim by hand, accepted and attributed', async () => {
    const nso = await idOf('NSO Group');
    const pegasus = await idOf('Pegasus');
    const doc = (await ctx.store.findClaims({ entityId: nso, limit: 1 })).items[0]!.evidence.documentId;
    const r = await ctx.gql(
      `mutation($i: AddClaimInput!) { addClaim(input: $i) { ... on Claim { id type extractor review { status by } subject { name } object { name } evidence { quote document { url } } } } }`,
      { i: { type: 'PROVIDES', subject: nso, object: pegasus, documentId: doc, quote: 'a second reading', confidence: 0.9 } },
      WRITER_KEY,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.addClaim).toMatchObject({ type: 'PROVIDES', extractor: 'manual', review: { status: 'accepted', by: 'alice' }, subject: { name: 'NSO Group' }, object: { name: 'Pegasus' } });
    // A claim that does not fit the ontology is refused with the store's code.
    const bad = await ctx.gql(
      `mutation($i: AddClaimInput!) { addClaim(input: $i) { ... on Claim { id } ... on Error { __typename code message } } }`,
      { i: { type: 'ENABLES', subject: nso, object: pegasus, documentId: doc, quote: 'nonsense' } },
      WRITER_KEY,
    );
    // A typed error in the result, not a GraphQL error: the client branches on __typename or code.
    expect(bad.errors).toBeUndefined();
    expect(bad.data!.addClaim).toMatchObject({ __typename: 'InvalidBatchError', code: 'INVALID_BATCH', message: expect.stringMatching(/ENABLES/) });
  });

  it('edits an entity and merges a duplicate into it', async () => {
    const hik = await idOf('Hikvision');
    const up = await ctx.gql(`mutation($id: ID!) { updateEntity(id: $id, patch: { aliases: ["Hikvision", "海康威视"], country: "CN" }) { ... on Entity { aliases country } } }`, { id: hik }, WRITER_KEY);
    expect(up.errors).toBeUndefined();
    expect(up.data!.updateEntity.aliases).toContain('海康威视');
    const bad = await ctx.gql(`mutation($id: ID!) { updateEntity(id: $id, patch: { country: "China" }) { ... on Entity { id } ... on InputError { code message issues { path message } } } }`, { id: hik }, WRITER_KEY);
    expect(bad.data!.updateEntity).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'patch.country', message: expect.stringMatching(/ISO 3166/) }] });
    const missing = await ctx.gql(`mutation { updateEntity(id: "co_nope", patch: { country: "CN" }) { ... on NotFoundError { code message } } }`, {}, WRITER_KEY);
    expect(missing.data!.updateEntity).toEqual({ code: 'NOT_FOUND', message: 'no entity with id co_nope' });
    const dahua = await idOf('Dahua Technology');
    const m = await ctx.gql(`mutation($k: ID!, $d: ID!) { mergeEntities(keep: $k, drop: $d, note: "test merge") { ... on Entity { id aliases neighbours { totalCount } } } }`, { k: hik, d: dahua }, WRITER_KEY);
    expect(m.errors).toBeUndefined();
    expect(m.data!.mergeEntities.aliases).toContain('Dahua Technology');
    expect(m.data!.mergeEntities.neighbours.totalCount).toBe(2); // same abuse and same country: edges fold together
    const redirected = await ctx.gql(`query($d: ID!) { entity(id: $d) { id } }`, { d: dahua });
    expect(redirected.data!.entity.id).toBe(hik);
    const wrongKind = await ctx.gql(`mutation($k: ID!, $d: ID!) { mergeEntities(keep: $k, drop: $d) { __typename ... on Entity { id } ... on Error { __typename code message } } }`, { k: hik, d: await idOf('Xinjiang') }, WRITER_KEY);
    expect(wrongKind.data!.mergeEntities).toMatchObject({ __typename: 'IncompatibleMergeError', code: 'INCOMPATIBLE_MERGE' });
  });
});
