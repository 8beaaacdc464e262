// Access: roles from API keys (reader reads, editor corrects, admin also reads the audit log), anonymous
// reading that can be turned off, a wrong key refused, per-key rate limits, CSRF prevention for browser
// requests, and production mode without introspection or GraphiQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, nodes, READER_KEY, seededApi, WRITER_KEY } from './helpers.ts';

let open: Awaited<ReturnType<typeof seededApi>>;
let closed: Awaited<ReturnType<typeof seededApi>>;
beforeAll(async () => {
  open = await seededApi();
  closed = await seededApi({ anonymousRead: false, production: true, rateLimitPerMinute: 5 });
});
afterAll(async () => {
  await open.cleanup();
  await closed.cleanup();
});

const review = `mutation($id: ID!) { reviewClaim(id: $id, status: accepted, note: "checked") { ... on Claim { review { status by } } } }`;
const audit = `query($id: ID!) { changes(targetId: $id) { edges { node { action by before after } } } }`;

describe('roles', () => {
  it('lets a reader read but not write, an editor write but not read the audit log, an admin do both', async () => {
    const id = (await open.store.findClaims({ limit: 1 })).items[0]!.id;
    const byReader = await open.gql(review, { id }, READER_KEY);
    expect(byReader.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/rita \(reader\) may not do this: it needs the editor role/) });
    expect((await open.store.getClaims([id]))[0]!.review.status).toBe('unreviewed');
    const anon = await open.gql(review, { id });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const byEditor = await open.gql(review, { id }, WRITER_KEY);
    expect(byEditor.data!.reviewClaim.review).toEqual({ status: 'accepted', by: 'alice' });
    const editorAudit = await open.gql(audit, { id }, WRITER_KEY);
    expect(editorAudit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const adminAudit = await open.gql(audit, { id }, ADMIN_KEY);
    const rec = nodes(adminAudit.data!.changes).find((c: { action: string }) => c.action === 'review');
    // Who, what, before and after: the audit record of the editor's review.
    expect(rec).toMatchObject({ by: 'alice' });
    expect(JSON.parse(rec.before)).toMatchObject({ status: 'unreviewed' });
    expect(JSON.parse(rec.after)).toMatchObject({ status: 'accepted', by: 'alice', note: 'checked' });
    expect((await open.gql('{ stats { claims } }', {}, ADMIN_KEY)).data!.stats.claims).toBeGreaterThan(0);
  });

  it('refuses an unknown key outright rather than treating it as anonymous', async () => {
    const r = await open.gql('{ stats { claims } }', {}, 'not-a-key-0123456789abcdef');
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/unknown API key/) });
    expect(r.data?.stats).toBeUndefined();
  });

  it('with anonymous reading off, reading needs a key', async () => {
    const anon = await closed.gql('{ stats { claims } }');
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anon.data?.stats ?? null).toBeNull();
    const reader = await closed.gql('{ stats { claims } }', {}, READER_KEY);
    expect(reader.data!.stats.claims).toBeGreaterThan(0);
  });
});

describe('production hardening', () => {
  it('hides the schema: no introspection, no GraphiQL', async () => {
    const r = await closed.gql('{ __schema { types { name } } }', {}, ADMIN_KEY);
    expect(r.errors?.[0]?.message).toMatch(/introspection/i);
    const page = await closed.api.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    // Development mode keeps both, for investigators exploring the schema.
    expect((await open.gql('{ __schema { queryType { name } } }')).data!.__schema.queryType.name).toBe('Query');
  });

  it('suggests nothing: neither field names nor enum values, literal or in a variable', async () => {
    const typo = await closed.gql('{ stats { claimz } }', {}, ADMIN_KEY);
    const badEnum = await closed.gql('query($k: [EntityKind!]) { search(text: "x", kinds: $k) { edges { cursor } } }', { k: ['Compny'] }, ADMIN_KEY);
    for (const r of [typo, badEnum]) {
      expect(r.errors?.[0]?.message).toBeTruthy();
      expect(r.errors![0]!.message).not.toMatch(/did you mean|Company|claims/i);
    }
    // Development mode keeps the suggestions.
    expect((await open.gql('query($k: [EntityKind!]) { search(text: "x", kinds: $k) { edges { cursor } } }', { k: ['Compny'] })).errors?.[0]?.message).toMatch(/Did you mean/);
  });

  it('limits each key’s request rate with 429 and Retry-After, without touching other keys', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await closed.api.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${READER_KEY}` },
        body: JSON.stringify({ query: '{ stats { claims } }' }),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    // A burst of at most 5 (the reader used one token earlier in this file), then refusals only.
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(4);
    expect(first429).toBeLessThanOrEqual(5);
    expect(statuses.slice(0, first429).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await closed.gql('{ stats { claims } }', {}, ADMIN_KEY)).status).toBe(200);
  });

  it('refuses a simple (non-preflighted) browser request: CSRF prevention', async () => {
    const res = await open.api.fetch('http://localhost/graphql?query=%7Bstats%7Bclaims%7D%7D', { method: 'GET' });
    expect(res.status).toBe(403);
    const form = await open.api.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('mutation { reviewClaim(id: "x", status: rejected) { __typename } }')}`,
    });
    expect(form.status).toBe(403);
    // A script that sets the header (or posts JSON, which browsers preflight) gets through.
    const ok = await open.api.fetch('http://localhost/graphql?query=%7Bstats%7Bclaims%7D%7D', { method: 'GET', headers: { 'x-rightsgraph': '1' } });
    expect(ok.status).toBe(200);
  });
});
