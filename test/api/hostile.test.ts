// Hostile requests: deep nesting, alias floods, token floods, oversized bodies and malformed JSON each get
// a clear error before any resolver runs, and the server keeps answering afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARMOR_LIMITS } from '../../src/api/plugins/use-armor.ts';
import { seededApi } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
beforeAll(async () => {
  ctx = await seededApi();
});
afterAll(() => ctx.cleanup());

function nested(depth: number): string {
  let q = 'name';
  for (let i = 0; i < depth; i++) q = `neighbours { edges { node { entity { ${q} } } } }`;
  return `{ entity(id: "co_Q2283") { ${q} } }`;
}

describe('hostile queries', () => {
  it('refuses a query nested deeper (or costlier) than the limits', async () => {
    const ok = await ctx.gql(nested(2));
    expect(ok.errors).toBeUndefined();
    const r = await ctx.gql(nested(8));
    expect(r.errors?.[0]?.message).toMatch(/depth|cost/i);
    expect(r.data?.entity).toBeUndefined();
  });

  it('refuses a shallow query that asks for too many items: pages multiply the estimated cost', async () => {
    const wide = `{ entity(id: "co_Q2283") { neighbours(first: 1000) { edges { node { entity { neighbours(first: 1000) { edges { node { entity { name } } } } } } } } } }`;
    const r = await ctx.gql(wide);
    expect(r.errors?.[0]?.message).toMatch(/cost/i);
    // The same shape with small pages is fine.
    expect((await ctx.gql(wide.replaceAll('first: 1000', 'first: 5'))).errors).toBeUndefined();
  });

  it('refuses an alias flood', async () => {
    const aliases = Array.from({ length: ARMOR_LIMITS.aliases + 5 }, (_, i) => `a${i}: exposurePaths(from: "co_Q2283", maxHops: 6) { edges { node { score } } }`).join(' ');
    const r = await ctx.gql(`{ ${aliases} }`);
    expect(r.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a token flood', async () => {
    const fields = Array.from({ length: ARMOR_LIMITS.tokens }, () => '__typename').join(' ');
    const r = await ctx.gql(`{ ${fields} }`);
    expect(r.errors?.[0]?.message).toMatch(/token/i);
  });

  it('refuses an oversized body with 413, without reading it', async () => {
    const res = await ctx.api.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      body: JSON.stringify({ query: '{ stats { claims } }', variables: { pad: 'x'.repeat(1000) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('answers malformed JSON and a syntax error with a clear message', async () => {
    const res = await ctx.api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ stats' });
    expect(res.status).toBe(400);
    const syntax = await ctx.gql('{ stats { ');
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    const after = await ctx.gql('{ stats { claims } }');
    expect(after.data!.stats.claims).toBeGreaterThan(0);
  });
});

describe('hostile requests over real HTTP, each followed by a normal query', () => {
  let url: string;
  let server: import('node:http').Server;
  beforeAll(async () => {
    const { listen } = await import('../../src/api/main.ts');
    ({ server, url } = await listen(ctx.api, '127.0.0.1', 0));
  });
  afterAll(async () => {
    const { closeServer } = await import('../../src/api/main.ts');
    await closeServer(server);
  });
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
  const stillAnswers = async () => {
    const res = await post(JSON.stringify({ query: '{ stats { claims } }' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.stats.claims).toBeGreaterThan(0);
  };
  const firstError = async (res: Response) => ((await res.json()) as any).errors?.[0];

  it('depth 50', async () => {
    const e = await firstError(await post(JSON.stringify({ query: nested(50) })));
    // Armor checks cost and depth; whichever trips first names itself.
    expect(e.message).toMatch(/depth|cost/i);
    await stillAnswers();
  });

  it('1,000 aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: stats { claims }`).join(' ');
    const e = await firstError(await post(JSON.stringify({ query: `{ ${aliases} }` })));
    expect(e.message).toMatch(/alias|token/i);
    await stillAnswers();
  });

  it('a batch of 500 operations', async () => {
    const batch = Array.from({ length: 500 }, () => ({ query: '{ exposurePaths(from: "co_Q2283", maxHops: 6) { edges { node { score } } } }' }));
    const res = await post(JSON.stringify(batch));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await res.json())).toMatch(/batch/i);
    // A small batch is allowed.
    const small = await post(JSON.stringify([{ query: '{ stats { claims } }' }, { query: '{ stats { entities } }' }]));
    expect(((await small.json()) as any[]).length).toBe(2);
    await stillAnswers();
  });

  it('a 10 MB body, declared or streamed without a length', async () => {
    const big = JSON.stringify({ query: '{ stats { claims } }', variables: { pad: 'x'.repeat(10 * 1024 * 1024) } });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect((await firstError(declared)).extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    // Chunked: no Content-Length, so only reading the stream can catch it.
    const chunks = (async function* () {
      for (let i = 0; i < 10; i++) yield new TextEncoder().encode(i === 0 ? `{"query":"{ stats { claims } }","variables":{"pad":"` + 'x'.repeat(1024 * 1024) : 'x'.repeat(1024 * 1024));
    })();
    const streamed = await post((ReadableStream as unknown as { from(it: AsyncIterable<Uint8Array>): ReadableStream }).from(chunks) as unknown as BodyInit);
    expect(streamed.status).toBe(413);
    await stillAnswers();
  });

  it('a cyclic fragment', async () => {
    const query = `query { entity(id: "co_Q2283") { ...A } } fragment A on Entity { neighbours { edges { node { entity { ...B } } } } } fragment B on Entity { ...A }`;
    const e = await firstError(await post(JSON.stringify({ query })));
    expect(e.message).toMatch(/cannot spread fragment|cycle|circular/i);
    await stillAnswers();
  });

  it('pages given as variables are costed like literals: three nested neighbours(first: $n), $n = 5000', async () => {
    const query = `query($n: Int) { entity(id: "co_Q2283") { neighbours(first: $n) { edges { node { entity { neighbours(first: $n) { edges { node { entity { neighbours(first: $n) { edges { node { entity { name } } } } } } } } } } } } } }`;
    const e = await firstError(await post(JSON.stringify({ query, variables: { n: 5000 } })));
    expect(e.extensions.code).toBe('COST_LIMIT');
    expect(e.message).toMatch(/cost limit/);
    // A variable's default value counts too; a small $n runs.
    const withDefault = query.replace('query($n: Int)', 'query($n: Int = 5000)');
    expect((await firstError(await post(JSON.stringify({ query: withDefault })))).extensions.code).toBe('COST_LIMIT');
    const small = await post(JSON.stringify({ query, variables: { n: 3 } }));
    expect(((await small.json()) as any).errors).toBeUndefined();
    await stillAnswers();
  });

  it('id lists have a ceiling: nodes and entities with 10,000 ids, literal or variable', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `co_x${i}`);
    for (const query of [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, `query($ids: [ID!]!) { entities(ids: $ids) { id } }`]) {
      const e = await firstError(await post(JSON.stringify({ query, variables: { ids } })));
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(e.message).toMatch(/ids.*at most 1000/);
    }
    // Lists of vocabulary terms too: 1,000 kinds in a search.
    const kinds = await firstError(await post(JSON.stringify({ query: `query($k: [EntityKind!]) { search(text: "x", kinds: $k) { edges { cursor } } }`, variables: { k: Array(1000).fill('Company') } })));
    expect(kinds.extensions.code).toBe('BAD_USER_INPUT');
    expect(kinds.message).toMatch(/kinds: at most 20/);
    // Nested under pages, a large id list is refused by its cost before any resolver runs.
    const nested = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { neighbours(first: 100) { edges { node { entity { name } } } } } } }`;
    expect((await firstError(await post(JSON.stringify({ query: nested, variables: { ids: ids.slice(0, 1000) } })))).extensions.code).toBe('COST_LIMIT');
    await stillAnswers();
  });

  it('1,000 __typename aliases count as aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ');
    const e = await firstError(await post(JSON.stringify({ query: `{ ${aliases} }` })));
    expect(e.message).toMatch(/alias/i);
    await stillAnswers();
  });

  it('limits hidden in fragments: aliases, depth, and one costly fragment spread many times', async () => {
    const aliasFrag = `query { entity(id: "co_Q2283") { ...F } } fragment F on Entity { ${Array.from({ length: 20 }, (_, i) => `n${i}: name`).join(' ')} }`;
    expect((await firstError(await post(JSON.stringify({ query: aliasFrag })))).message).toMatch(/alias/i);
    const deep = `query { entity(id: "co_Q2283") { ...D1 } } ${Array.from({ length: 8 }, (_, i) => `fragment D${i + 1} on Entity { neighbours(first: 1) { edges { node { entity { ${i < 7 ? `...D${i + 2}` : 'name'} } } } } }`).join(' ')}`;
    expect((await firstError(await post(JSON.stringify({ query: deep })))).message).toMatch(/depth|cost/i);
    const costly = `fragment C on Entity { neighbours(first: 1000) { edges { node { entity { name kind } } } } }`;
    const spreads = `query { entity(id: "co_Q2283") { neighbours(first: 1000) { edges { node { entity { ...C ...C ...C } } } } } } ${costly}`;
    expect((await firstError(await post(JSON.stringify({ query: spreads })))).extensions.code).toBe('COST_LIMIT');
    await stillAnswers();
  });
});

describe('a request that runs past the time limit', () => {
  it('is answered with TIMEOUT, and the server answers the next request', async () => {
    const slow = await seededApi({ timeLimitMs: 1 });
    try {
      const abuse = 'abuse_mass-surveillance-of-palestinian_5bc0908eee';
      const r = await slow.gql(`{ exposedTo(abuse: "${abuse}", maxHops: 6) { edges { node { score } } } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(r.errors?.[0]?.message).toMatch(/longer than 0.001 s/);
      // The default limit answers the same query in full.
      const ok = await ctx.gql(`{ exposedTo(abuse: "${abuse}", maxHops: 6) { edges { node { score } } } }`);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.exposedTo.edges.length).toBeGreaterThan(0);
    } finally {
      await slow.cleanup();
    }
  });
});
