// Counting sources honestly, through the API on the store under test: a corrected version of a report (same
// URL, new text) replaces the earlier one (its claims superseded, reviews that still apply carried over, no
// quote counted twice), ingesting it again finishes a half-done replacement, and an edge backed by an
// outlet relaying an NGO's report and by the report itself counts one independent source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodes, seededApi, WRITER_KEY } from './helpers.ts';
import { VERSION_ACTOR } from '../../src/ingest/versions.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
beforeAll(async () => {
  ctx = await seededApi();
});
afterAll(async () => ctx.cleanup());

const URL = 'https://ngo.example.org/reports/cameras-2025';
const KEPT = 'Hikvision supplies surveillance cameras to the Xinjiang public security bureau.';
const V1 = `${KEPT} Dahua supplies surveillance cameras to the Xinjiang public security bureau.`;
const V2 = `${KEPT} Uniview supplies surveillance cameras to the Xinjiang public security bureau.`;
const INGEST = `mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { ... on IngestResult { document { id supersedes { id } } claimsCreated } ... on Error { code message } } }`;
const DOC = `query($id: ID!) { document(id: $id) { id supersedes { id } supersededBy { id } versions { id } claims(first: 50) { edges { node { id type subject { name } object { name } evidence { quote } review { status by note } } } } } }`;
const SUPPLIERS = `query($id: ID!) { entity(id: $id) { neighbours(direction: in, filter: { types: [SUPPLIES] }, first: 50) { edges { node { entity { name } edge { claimCount independentSources lineages { source documentIds } } } } } } }`;

const claimsOf = async (id: string) => nodes((await ctx.gql(DOC, { id })).data!.document.claims);

describe('document versions and independent sources', () => {
  it('replaces an earlier version: its claims superseded, a review that still applies carried, nothing counted twice', async () => {
    const v1 = (await ctx.gql(INGEST, { input: { text: V1, url: URL, title: 'Cameras', publisher: 'Test NGO', publishedAt: '2025-03-01' } }, WRITER_KEY)).data!.ingestDocument;
    const v1Claims = await claimsOf(v1.document.id);
    const hik = v1Claims.find((c: any) => c.subject.name === 'Hikvision' && c.type === 'SUPPLIES');
    const dahua = v1Claims.find((c: any) => c.subject.name === 'Dahua Technology' && c.type === 'SUPPLIES');
    expect(hik && dahua).toBeTruthy();
    const bureau = (await ctx.gql(`{ claim(id: "${hik.id}") { objectId } }`)).data!.claim.objectId;
    expect((await ctx.gql(`mutation { reviewClaim(id: "${hik.id}", status: accepted, note: "checked against the filing") { ... on Claim { id } } }`, {}, WRITER_KEY)).errors).toBeUndefined();

    const v2 = (await ctx.gql(INGEST, { input: { text: V2, url: URL, title: 'Cameras (corrected)', publisher: 'Test NGO', publishedAt: '2025-03-05' } }, WRITER_KEY)).data!.ingestDocument;
    expect(v2.document.supersedes).toEqual({ id: v1.document.id });
    const doc1 = (await ctx.gql(DOC, { id: v1.document.id })).data!.document;
    expect(doc1.supersededBy).toEqual({ id: v2.document.id });
    expect(doc1.versions.map((d: any) => d.id)).toEqual([v1.document.id, v2.document.id]);
    // Every claim of the earlier version is superseded, by the ingest, with a note naming the new version.
    for (const c of nodes(doc1.claims)) expect(c.review).toMatchObject({ status: 'superseded', by: VERSION_ACTOR, note: expect.stringContaining(v2.document.id) });
    // The same statement in the same words keeps its editor's review; a new one is unreviewed.
    const v2Claims = await claimsOf(v2.document.id);
    expect(v2Claims.find((c: any) => c.subject.name === 'Hikvision' && c.type === 'SUPPLIES').review).toMatchObject({ status: 'accepted', by: 'alice', note: expect.stringContaining('carried from the earlier version') });
    expect(v2Claims.find((c: any) => c.subject.name === 'Uniview' && c.type === 'SUPPLIES').review.status).toBe('unreviewed');

    // The bureau's suppliers: Hikvision once (one claim, one source), Dahua gone with the version that said it.
    const sup = nodes((await ctx.gql(SUPPLIERS, { id: bureau })).data!.entity.neighbours);
    const byName = new Map(sup.map((n: any) => [n.entity.name, n.edge]));
    expect(byName.get('Hikvision')).toMatchObject({ claimCount: 1, independentSources: 1 });
    expect(byName.has('Dahua Technology')).toBe(false);
    expect(byName.get('Uniview')).toMatchObject({ claimCount: 1 });

    // A replacement cut short (the process killed between the write and the retirement) is finished by
    // ingesting the version again; nothing else changes.
    await ctx.store.reviewClaim(dahua.id, { status: 'unreviewed' }, { by: 'test' });
    expect(nodes((await ctx.gql(SUPPLIERS, { id: bureau })).data!.entity.neighbours).map((n: any) => n.entity.name)).toContain('Dahua Technology');
    const again = (await ctx.gql(INGEST, { input: { text: V2, url: URL, title: 'Cameras (corrected)', publisher: 'Test NGO', publishedAt: '2025-03-05' } }, WRITER_KEY)).data!.ingestDocument;
    expect(again).toMatchObject({ claimsCreated: 0, document: { id: v2.document.id, supersedes: { id: v1.document.id } } });
    expect(nodes((await ctx.gql(SUPPLIERS, { id: bureau })).data!.entity.neighbours).map((n: any) => n.entity.name)).not.toContain('Dahua Technology');
  });

  it('refuses to mark a claim superseded by hand', async () => {
    const any = nodes((await ctx.gql(`{ claims(first: 1) { edges { node { id } } } }`)).data!.claims)[0];
    const r = await ctx.gql(`mutation { reviewClaim(id: "${any.id}", status: superseded) { ... on Claim { id } ... on Error { code message } } }`, {}, WRITER_KEY);
    expect(JSON.stringify(r)).toMatch(/set by ingesting a new version/);
  });

  it('counts an outlet relaying an NGO’s report and the report itself as one source, a second outlet’s own finding as another', async () => {
    const s = 'Vigilant Optics Ltd supplies surveillance cameras to the Xinjiang public security bureau.';
    const ngo = await ctx.gql(INGEST, { input: { text: s, url: 'https://rights.example.org/vigilant', title: 'Vigilant report', publisher: 'Rights Watchers', publishedAt: '2025-04-01' } }, WRITER_KEY);
    const relay = await ctx.gql(INGEST, { input: { text: `According to Rights Watchers, ${s}`, url: 'https://news.example.com/a', title: 'NGO says', publisher: 'Daily Example', publishedAt: '2025-04-02' } }, WRITER_KEY);
    const citing = await ctx.gql(INGEST, { input: { html: `<html><body><article><p>${s} The <a href="https://rights.example.org/vigilant">report</a> was published last week.</p></article></body></html>`, url: 'https://wire.example.net/b', title: 'Wire', publisher: 'Example Wire', publishedAt: '2025-04-03' } }, WRITER_KEY);
    const own = await ctx.gql(INGEST, { input: { text: `Our reporters found that ${s}`, url: 'https://other.example.com/c', title: 'Own finding', publisher: 'Other Times', publishedAt: '2025-04-04' } }, WRITER_KEY);
    for (const r of [ngo, relay, citing, own]) expect(r.data!.ingestDocument.claimsCreated).toBeGreaterThan(0);
    const hit = nodes((await ctx.gql(`{ search(text: "Vigilant Optics Ltd", first: 1) { edges { node { entity { id neighbours(direction: out, filter: { types: [SUPPLIES] }) { edges { node { edge { claimCount independentSources lineages { source documentIds } } } } } } } } } }`)).data!.search)[0];
    const edge = nodes(hit.entity.neighbours)[0].edge;
    expect(edge.claimCount).toBe(4);
    expect(edge.independentSources).toBe(2);
    const lines = edge.lineages.map((l: any) => [l.source, l.documentIds.length]).sort();
    expect(lines).toEqual([['Other Times', 1], ['Rights Watchers', 3]]);
  });
});
