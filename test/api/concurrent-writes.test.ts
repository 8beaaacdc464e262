// Parallel writers over real HTTP: 20 `ingestDocument` mutations at once leave the server up and the same
// graph as the same documents ingested one by one; past the ingest wait list the server answers 503 with
// Retry-After, loses nothing it accepted, and keeps answering.
import { readFile, readdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../src/api/main.ts';
import { devCorpusDir } from '../../src/util/shared.ts';
import { WRITER_KEY, seededApi } from './helpers.ts';

const MUTATION = `mutation($i: IngestDocumentInput!) { ingestDocument(input: $i) { __typename ... on IngestResult { document { id } } ... on Error { code message } } }`;

async function corpusTexts(n: number): Promise<Array<{ title: string; text: string; language: string }>> {
  const dir = devCorpusDir();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort().slice(0, n);
  return Promise.all(
    files.map(async (f) => {
      const meta = JSON.parse(await readFile(join(dir, f.replace(/\.txt$/, '.meta.json')), 'utf8')) as { lang: string };
      return { title: f, text: await readFile(join(dir, f), 'utf8'), language: meta.lang };
    }),
  );
}

async function serve(opts: Parameters<typeof seededApi>[0] = {}) {
  const ctx = await seededApi(opts);
  const { server, url } = await listen(ctx.api, '127.0.0.1', 0);
  const post = async (i: Record<string, unknown>) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER_KEY}` }, body: JSON.stringify({ query: MUTATION, variables: { i } }) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  };
  // The graph's entities and claims by id (documents differ only in fetchedAt).
  const entityIds = async () => {
    const ids: string[] = [];
    for await (const r of ctx.store.exportAll()) if (r.type === 'entity' || r.type === 'claim') ids.push(`${r.type} ${r.data.id}`);
    return ids.sort();
  };
  return { ctx, server, url, post, entityIds };
}

describe('concurrent writes', () => {
  let docs: Awaited<ReturnType<typeof corpusTexts>>;
  beforeAll(async () => {
    docs = await corpusTexts(20);
  });

  it('20 parallel ingestDocument mutations: the server stays up and the graph equals the one-by-one graph', async () => {
    const one = await serve();
    let sequentialIds: string[];
    try {
      for (const d of docs) expect((await one.post(d)).body.data.ingestDocument.__typename).toBe('IngestResult');
      sequentialIds = await one.entityIds();
    } finally {
      await closeServer(one.server);
      await one.ctx.cleanup();
    }
    const par = await serve();
    try {
      const answers = await Promise.all(docs.map((d) => par.post(d)));
      for (const a of answers) expect(a.body.data?.ingestDocument?.__typename, JSON.stringify(a.body).slice(0, 300)).toBe('IngestResult');
      expect(await par.entityIds()).toEqual(sequentialIds);
      const health = await fetch(`${par.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await closeServer(par.server);
      await par.ctx.cleanup();
    }
  }, 240_000);

  it('past the wait list: 503 with Retry-After and code BUSY, every accepted document written, the server answering', async () => {
    const s = await serve({ maxWaitingIngests: 2 });
    try {
      const before = (await s.ctx.store.stats()).documents;
      const answers = await Promise.all(docs.slice(0, 12).map((d) => s.post(d)));
      const busy = answers.filter((a) => a.status === 503);
      const ok = answers.filter((a) => a.body.data?.ingestDocument?.__typename === 'IngestResult');
      expect(busy.length).toBeGreaterThan(0);
      expect(ok.length + busy.length).toBe(answers.length);
      for (const b of busy) {
        expect(b.retryAfter).toMatch(/^\d+$/);
        expect(b.body.errors[0].extensions.code).toBe("BUSY");
        expect(b.body.errors[0].message).toMatch(/retry/);
      }
      expect((await s.ctx.store.stats()).documents).toBe(before + ok.length);
      // A refused document is accepted once the lane has room.
      const again = await s.post(docs[answers.findIndex((a) => a.status === 503)]!);
      expect(again.body.data.ingestDocument.__typename).toBe('IngestResult');
    } finally {
      await closeServer(s.server);
      await s.ctx.cleanup();
    }
  }, 240_000);
});
