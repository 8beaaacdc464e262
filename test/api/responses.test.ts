// The right of reply through the API, on the store under test: an editor records a company's reply (its
// words and document) and another's silence by a deadline; both show under the claim and in the audit log;
// a reply without a source, or about an unknown claim, is refused and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, nodes, READER_KEY, seededApi, WRITER_KEY } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
beforeAll(async () => {
  ctx = await seededApi();
});
afterAll(async () => ctx.cleanup());

const ADD = `mutation($input: AddResponseInput!, $note: String) { addResponse(input: $input, note: $note) { kind quote date addedBy by { name } document { title } } }`;
const CLAIM = `query($id: ID!) { claim(id: $id) { responses { kind quote date addedBy note by { name } document { title publisher } } } }`;

describe('right of reply', () => {
  it('records a reply and a silence, shows them under the claim and in the audit log, and refuses a reply without a source', async () => {
    const ms = (await ctx.gql(`{ search(text: "Microsoft", kinds: [Company], first: 1) { edges { node { entity { id claims(first: 50) { edges { node { id type evidence { documentId } } } } } } } } }`)).data!.search;
    const company = nodes(ms)[0].entity;
    const claim = nodes(company.claims).find((c: any) => c.type === 'SUPPLIES');
    const statement = nodes(company.claims).find((c: any) => c.type === 'SUSPENDED').evidence.documentId;

    const reply = await ctx.gql(ADD, { input: { claimId: claim.id, by: company.id, kind: 'reply', quote: 'We are reviewing the reporting.', documentId: statement, date: '2025-08-15' }, note: 'from the company’s blog' }, WRITER_KEY);
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.addResponse).toMatchObject({ kind: 'reply', addedBy: 'alice', by: { name: 'Microsoft' } });
    const silence = await ctx.gql(ADD, { input: { claimId: claim.id, by: company.id, kind: 'no_response', date: '2025-08-01' } }, WRITER_KEY);
    expect(silence.errors).toBeUndefined();

    const shown = (await ctx.gql(CLAIM, { id: claim.id })).data!.claim.responses;
    expect(shown.map((r: any) => [r.kind, r.date])).toEqual([['no_response', '2025-08-01'], ['reply', '2025-08-15']]);
    expect(shown[1]).toMatchObject({ quote: 'We are reviewing the reporting.', note: 'from the company’s blog', document: { publisher: expect.any(String) } });
    const audit = (await ctx.gql(`query($t: ID!) { changes(targetId: $t, action: response) { edges { node { by action } } } }`, { t: claim.id }, ADMIN_KEY)).data!.changes;
    expect(nodes(audit).map((c: any) => c.by)).toEqual(['alice', 'alice']);

    for (const [input, message] of [
      [{ claimId: claim.id, by: company.id, kind: 'reply', quote: 'No comment.', date: '2025-08-20' }, /needs its source/],
      [{ claimId: claim.id, by: company.id, kind: 'reply', documentId: statement, date: '2025-08-20' }, /needs its source/],
      [{ claimId: 'cl_nope', by: company.id, kind: 'no_response', date: '2025-08-20' }, /no claim cl_nope/],
      [{ claimId: claim.id, by: 'co_nope', kind: 'no_response', date: '2025-08-20' }, /no entity co_nope/],
      [{ claimId: claim.id, by: company.id, kind: 'reply', quote: 'x', documentId: 'doc_nope', date: '2025-08-20' }, /ingest the reply first/],
      [{ claimId: claim.id, by: company.id, kind: 'no_response', date: '2025-02-30' }, /date/],
    ] as const) {
      const r = await ctx.gql(ADD, { input }, WRITER_KEY);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(message);
    }
    expect((await ctx.gql(ADD, { input: { claimId: claim.id, by: company.id, kind: 'no_response', date: '2025-08-20' } }, READER_KEY)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nothing refused was stored.
    expect((await ctx.gql(CLAIM, { id: claim.id })).data!.claim.responses).toHaveLength(2);
  });
  it('records the silences and replies a report gives, on its claims about that party, once however often it is ingested', async () => {
    const text = 'Vigilant Optics Ltd supplies surveillance cameras to the Xinjiang public security bureau. Vigilant Optics Ltd did not respond to a request for comment.';
    const input = { text, title: 'Cameras', publisher: 'Test NGO', publishedAt: '2025-11-02' };
    const ingest = `mutation($i: IngestDocumentInput!) { ingestDocument(input: $i) { ... on IngestResult { document { id claims(first: 20) { edges { node { id type subject { name } responses { kind date addedBy quote by { name } } } } } } } } }`;
    await ctx.gql(ingest, { i: input }, WRITER_KEY);
    const doc = (await ctx.gql(ingest, { i: input }, WRITER_KEY)).data!.ingestDocument.document;
    const supplies = nodes(doc.claims).find((c: any) => c.type === 'SUPPLIES' && c.subject.name === 'Vigilant Optics Ltd');
    expect(supplies.responses).toEqual([{ kind: 'no_response', date: '2025-11-02', addedBy: 'rules:reply', quote: null, by: { name: 'Vigilant Optics Ltd' } }]);
  });
});
