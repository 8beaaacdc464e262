// Registry data on the store under test: entities found by their external ids (an LEI, a QID, an
// OpenSanctions id) with a cap on the list; registry topics (OpenSanctions' sanction, export control, …) as
// dated facts of an entity: a later release of a dataset updates its dates and keeps the earliest start, another dataset
// adds its own; GraphQL answers them on Entity.topics; a dossier lists them, for the entity and for the
// entities on its paths, apart from the claims. Invented entities and listings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../src/api/yoga.ts';
import { seededApi, WRITER_KEY } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
let api: ReturnType<typeof createApi>;
let dossiers: string;
beforeAll(async () => {
  ctx = await seededApi();
  dossiers = await mkdtemp(join(tmpdir(), 'rg-topics-'));
  api = createApi({ store: ctx.store, apiKeys: [{ name: 'alice', role: 'editor', key: WRITER_KEY }], dossierDir: dossiers });
  const doc = { id: 'doc_topics_case', title: 'An invented report', publishedAt: '2024-05-01' };
  const ev = (quote: string) => ({ documentId: doc.id, kind: 'paraphrase' as const, quote, writtenBy: 'test' });
  await ctx.store.upsert({
    documents: [doc],
    entities: [
      { id: 'co_topics_vendor', kind: 'Company', name: 'Example Vendor', externalIds: { lei: '5493EXAMPLE000000001', opensanctions: 'NK-example-vendor' }, topics: [{ topic: 'export.control', dataset: 'example_dual_use', since: '2022-01-10', seen: '2024-01-01' }] },
      { id: 'tech_topics_tool', kind: 'Technology', name: 'Example Interceptor' },
      { id: 'gov_topics_agency', kind: 'GovernmentBody', name: 'Example Agency', topics: [{ topic: 'sanction', dataset: 'example_sanctions', since: '2023-04-02', note: 'Example programme; Example ministry', sourceUrl: 'https://example.org/sanctions/42' }] },
      { id: 'abuse_topics_case', kind: 'Abuse', name: 'interception of reporters’ calls', startDate: '2023' },
    ],
    claims: [
      { id: 'cl_topics_1', type: 'PROVIDES', subject: 'co_topics_vendor', object: 'tech_topics_tool', evidence: ev('The vendor makes the interceptor.'), confidence: 0.9, extractor: 'manual' },
      { id: 'cl_topics_2', type: 'USES', subject: 'gov_topics_agency', object: 'tech_topics_tool', evidence: ev('The agency uses the interceptor.'), confidence: 0.9, extractor: 'manual' },
      { id: 'cl_topics_3', type: 'RESPONSIBLE_FOR', subject: 'gov_topics_agency', object: 'abuse_topics_case', evidence: ev('The agency intercepted reporters’ calls.'), confidence: 0.9, extractor: 'manual' },
    ],
  });
});
afterAll(async () => {
  await ctx.cleanup();
  await rm(dossiers, { recursive: true, force: true });
});

const gql = async (query: string, variables: Record<string, unknown> = {}) =>
  (await (await api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER_KEY}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
const TOPICS = `query($id: ID!) { entity(id: $id) { name topics { topic dataset since until seen note sourceUrl } } }`;

describe('registry topics', () => {
  it('are dated facts of the entity: a later release updates its dataset’s dates, another dataset adds its own', async () => {
    await ctx.store.upsert({
      entities: [
        {
          id: 'co_topics_vendor', kind: 'Company', name: 'Example Vendor',
          topics: [
            { topic: 'export.control', dataset: 'example_dual_use', since: '2022-03-01', seen: '2025-06-30' },
            { topic: 'debarment', dataset: 'example_procurement', since: '2024-11' },
          ],
        },
      ],
    });
    const r = await gql(TOPICS, { id: 'co_topics_vendor' });
    expect(r.errors).toBeUndefined();
    expect(r.data.entity.topics).toEqual([
      { topic: 'debarment', dataset: 'example_procurement', since: '2024-11', until: null, seen: null, note: null, sourceUrl: null },
      { topic: 'export.control', dataset: 'example_dual_use', since: '2022-01-10', until: null, seen: '2025-06-30', note: null, sourceUrl: null },
    ]);
    // An entity without any: an empty list, not null.
    expect((await gql(TOPICS, { id: 'tech_topics_tool' })).data.entity.topics).toEqual([]);
  });

  it('are listed in dossiers, for the entity and the entities on its paths, apart from the claims', async () => {
    const r = await gql(`mutation($e: ID!) { dossier(entityId: $e) { markdown paths } }`, { e: 'co_topics_vendor' });
    expect(r.errors).toBeUndefined();
    const md: string = r.data.dossier.markdown;
    expect(r.data.dossier.paths).toBe(1);
    const section = md.slice(md.indexOf('## Registry listings'), md.indexOf('## Timeline'));
    expect(section).toContain('- Example Vendor: **export.control**, listed by example\\_dual\\_use (from 2022-01-10, last listed 2025-06-30)');
    expect(section).toContain('- Example Agency: **sanction**, listed by example\\_sanctions (from 2023-04-02): Example programme; Example ministry <https://example.org/sanctions/42>');
    // A dossier whose entities have none has no such section.
    const plain = await gql(`mutation($e: ID!) { dossier(entityId: $e) { markdown } }`, { e: 'co_Q2283' });
    expect(plain.data.dossier.markdown).not.toContain('## Registry listings');
  });

  it('finds entities by an external id of one registry, in the order asked, and caps the list', async () => {
    const Q = `query($s: ExternalIdScheme!, $v: [String!]!) { entitiesByExternalId(scheme: $s, values: $v) { value entity { id name } } }`;
    const lei = await gql(Q, { s: 'lei', v: ['5493EXAMPLE000000009', '5493EXAMPLE000000001'] });
    expect(lei.errors).toBeUndefined();
    expect(lei.data.entitiesByExternalId).toEqual([{ value: '5493EXAMPLE000000001', entity: { id: 'co_topics_vendor', name: 'Example Vendor' } }]);
    const both = await gql(Q, { s: 'wikidata', v: ['Q2283'] });
    expect(both.data.entitiesByExternalId).toEqual([{ value: 'Q2283', entity: { id: 'co_Q2283', name: 'Microsoft' } }]);
    expect((await gql(Q, { s: 'opensanctions', v: ['NK-example-vendor'] })).data.entitiesByExternalId[0].entity.id).toBe('co_topics_vendor');
    const many = await gql(Q, { s: 'lei', v: Array.from({ length: 1001 }, (_, i) => `X${i}`) });
    expect(many.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(many.errors?.[0]?.message).toMatch(/values: at most 1000 ids/);
    const scheme = await gql(Q, { s: 'isin', v: ['X'] });
    expect(scheme.errors?.[0]?.message).toMatch(/ExternalIdScheme/);
  });

  it('refuses a topic that is not a topic word, writing nothing', async () => {
    await expect(
      ctx.store.upsert({ entities: [{ id: 'co_topics_bad', kind: 'Company', name: 'Bad Topic Co', topics: [{ topic: 'Sanctioned!', dataset: 'x' }] }] }),
    ).rejects.toThrow(/topics\.0\.topic: a topic such as sanction/);
    expect(await ctx.store.getEntities(['co_topics_bad'])).toEqual([]);
  });
});
