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
  for (let i = 0; i < depth; i++) q = `neighbours { items { entity { ${q} } } }`;
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

  it('refuses an alias flood', async () => {
    const aliases = Array.from({ length: ARMOR_LIMITS.aliases + 5 }, (_, i) => `a${i}: exposurePaths(from: "co_Q2283", maxHops: 6) { score }`).join(' ');
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
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
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
