// Honest evidence through the API: a curated seed's words are a paraphrase (kind, who wrote them, their
// language) with no archived copy; an ingested document's claims are quotes at their offsets and its
// archived copy opens the bytes ingested; a hand-added quote must be in the document's archived text, and a
// paraphrase added by hand is signed by its editor.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodes, seededApi, WRITER_KEY } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
let archive: string;
beforeAll(async () => {
  archive = await mkdtemp(join(tmpdir(), 'rg-api-evidence-'));
  ctx = await seededApi({ archiveDir: archive });
});
afterAll(async () => {
  await ctx.cleanup();
  await rm(archive, { recursive: true, force: true });
});

const TEXT = 'Le rapport indique que Hikvision fournit des caméras de surveillance au bureau de la sécurité publique du Xinjiang.';
const INGEST = `mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { ... on IngestResult { document { id sha256 archiveUrl } } ... on Error { code message } } }`;
const DOC_CLAIMS = `query($id: ID!) { document(id: $id) { archiveUrl claims(first: 50) { edges { node { id evidence { kind quote writtenBy start end } } } } } }`;
const ADD = `mutation($input: AddClaimInput!) { addClaim(input: $input) { __typename ... on Claim { id evidence { kind quote writtenBy language } } ... on Error { code message } } }`;

describe('evidence kinds and archived copies', () => {
  it('shows a seed’s words as a paraphrase by the seed editors, with no archived copy', async () => {
    const r = await ctx.gql(`{ search(text: "Unit 8200", first: 1) { edges { node { entity { claims(first: 50) { edges { node { extractor evidence { kind quote writtenBy language document { archiveUrl language } } } } } } } } } }`);
    expect(r.errors).toBeUndefined();
    const claims = nodes(nodes(r.data!.search)[0].entity.claims);
    expect(claims.length).toBeGreaterThan(3);
    for (const c of claims) {
      expect(c.evidence).toMatchObject({ kind: 'paraphrase', writtenBy: 'rightsgraph seed editors' });
      expect(c.evidence.document.archiveUrl).toBeNull();
    }
  });

  it('gives an ingested document quotes at their offsets and an archived copy that opens what was ingested', async () => {
    const ing = await ctx.gql(INGEST, { input: { text: TEXT, title: 'Rapport', publisher: 'ONG test', publishedAt: '2025-10-02' } }, WRITER_KEY);
    expect(ing.errors).toBeUndefined();
    const doc = ing.data!.ingestDocument.document;
    expect(doc.archiveUrl).toBe(`/archive/${doc.sha256}`);
    const claims = nodes((await ctx.gql(DOC_CLAIMS, { id: doc.id })).data!.document.claims);
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) {
      expect(c.evidence.kind).toBe('quote');
      expect(c.evidence.writtenBy).toBeNull();
      expect(TEXT.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.quote);
    }
    const res = await ctx.api.fetch(`http://localhost${doc.archiveUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(TEXT);
  });

  it('takes a hand-added quote only when the document says it, and signs a paraphrase', async () => {
    const doc = (await ctx.gql(INGEST, { input: { text: TEXT, title: 'Rapport' } }, WRITER_KEY)).data!.ingestDocument.document;
    const ents = await ctx.gql(`{ a: search(text: "Hikvision", first: 1) { edges { node { entity { id } } } } b: search(text: "Xinjiang", kinds: [GovernmentBody], first: 1) { edges { node { entity { id } } } } }`);
    const subject = nodes(ents.data!.a)[0].entity.id;
    const object = nodes(ents.data!.b)[0].entity.id;
    const base = { type: 'SUPPLIES', subject, object, documentId: doc.id };

    const invented = await ctx.gql(ADD, { input: { ...base, quote: 'Hikvision sells drones to the bureau.' } }, WRITER_KEY);
    expect(invented.errors?.[0]?.extensions?.code ?? invented.data?.addClaim?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(invented)).toMatch(/not in the document’s archived text/);

    const at = TEXT.indexOf('Hikvision');
    const wrongOffsets = await ctx.gql(ADD, { input: { ...base, quote: 'Hikvision fournit', start: at + 1, end: at + 1 + 'Hikvision fournit'.length } }, WRITER_KEY);
    expect(JSON.stringify(wrongOffsets)).toMatch(/is not the quote/);

    // Line breaks and typographic apostrophes of the page do not stop an exact quote.
    const quoted = await ctx.gql(ADD, { input: { ...base, quote: 'Hikvision fournit des caméras\nde surveillance' } }, WRITER_KEY);
    expect(quoted.data!.addClaim).toMatchObject({ __typename: 'Claim', evidence: { kind: 'quote', writtenBy: null } });

    const para = await ctx.gql(ADD, { input: { ...base, kind: 'paraphrase', quote: 'Hikvision supplies the Xinjiang bureau with surveillance cameras.', language: 'en' } }, WRITER_KEY);
    expect(para.data!.addClaim).toMatchObject({ __typename: 'Claim', evidence: { kind: 'paraphrase', writtenBy: 'alice', language: 'en' } });
  });
});
