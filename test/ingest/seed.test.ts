// The curated seed stories: every one compiles (references, kinds, ontology signatures), every document has
// a public https URL, quotes are marked as paraphrases, and loading twice changes nothing.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimSignatureAllows } from '../../src/domain/index.ts';
import { loadSeeds, readSeeds, SEED_EXTRACTOR, seedIfEmpty } from '../../src/ingest/seed.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';

describe('seed stories', () => {
  it('compile into records that fit the ontology, each citing a public URL', () => {
    const s = readSeeds();
    expect(s.stories).toBeGreaterThanOrEqual(4);
    const kinds = new Map(s.entities.map((e) => [e.id, e.kind]));
    for (const c of s.claims) {
      expect(claimSignatureAllows(c.type, kinds.get(c.subject)!, kinds.get(c.object)!)).toBe(true);
      expect(c.extractor).toBe(SEED_EXTRACTOR);
    }
    for (const d of s.documents) expect(d.url).toMatch(/^https:\/\//);
    // An entity named in two stories is one entity with the aliases of both.
    const idf = s.entities.filter((e) => e.name === 'Israel Defense Forces');
    expect(idf).toHaveLength(1);
    expect(idf[0]!.aliases).toEqual(expect.arrayContaining(['Tsahal', 'Israeli military']));
  });

  it('refuse a story that names an entity it does not define, saying where', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-seed-'));
    try {
      await mkdir(join(dir, 'stories'));
      await writeFile(
        join(dir, 'stories', 'bad.json'),
        JSON.stringify({
          story: 'x',
          documents: [{ key: 'd', url: 'https://example.org/a', title: 't', publisher: 'p', language: 'en' }],
          entities: [{ kind: 'Company', name: 'Acme', source: 'https://example.org/acme' }],
          claims: [{ type: 'PROVIDES', subject: 'Acme', object: 'Widget', doc: 'd', says: 'Acme makes widgets.', confidence: 0.5 }],
        }),
      );
      expect(() => readSeeds(join(dir, 'stories'))).toThrow(/bad\.json: claim 1 \(Acme PROVIDES Widget\): Widget is not among/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('load idempotently, and only into an empty store at start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-seed-'));
    const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
    try {
      expect(await seedIfEmpty(store)).toBe(true);
      const first = await store.stats();
      const again = await loadSeeds(store);
      expect(again.claims.created).toBe(0);
      expect(await store.stats()).toEqual(first);
      expect(await seedIfEmpty(store)).toBe(false);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
