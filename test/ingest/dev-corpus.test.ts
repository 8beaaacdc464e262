// End to end, as a user runs it: `rightsgraph ingest` of the five dev-corpus texts (their .meta.json beside
// them) into an empty store yields an exposure path from Microsoft to the mass surveillance of Palestinians
// whose hops quote the Human Rights Watch text, with Microsoft's suspension marked; the same ingest again
// leaves identical counts.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { devCorpusDir } from '../../src/util/shared.ts';

describe('ingest of the dev corpus into an empty store', () => {
  it('traces Microsoft to the surveillance of Palestinians with HRW quotes and the suspension, idempotently', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-dev-ingest-'));
    try {
      const files = readdirSync(devCorpusDir()).filter((f) => /^\d{3}\.txt$/.test(f)).map((f) => join(devCorpusDir(), f));
      expect(files).toHaveLength(5);
      const env = { ...process.env, RIGHTSGRAPH_DATA: join(dir, 'data'), NEO4J_URI: '', LOG_LEVEL: 'warn' };
      const run = () => spawnSync(process.execPath, ['bin/rightsgraph.js', 'ingest', ...files], { env, encoding: 'utf8', timeout: 300_000 });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(5);
      // The sidecar's metadata reached the documents.
      const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
      const hrwDoc = await store.getDocument(lines.find((l) => l.file.endsWith('002.txt'))!.documentId);
      expect(hrwDoc).toMatchObject({ publisher: 'Human Rights Watch', publishedAt: '2025-10-10', language: 'fr' });
      const stats1 = await store.stats();

      const ms = (await store.searchEntities('Microsoft', { kinds: ['Company'], limit: 1 }))[0]!.entity;
      const paths = await store.exposurePaths({ from: ms.id, limit: 100 });
      const surveillance = paths.filter((p) => {
        const abuse = p.hops.at(-1)!.to.name.normalize('NFD').toLowerCase();
        return /surveil|intercept/.test(abuse) && /palestin/.test(abuse);
      });
      expect(surveillance.length).toBeGreaterThan(0);
      const quotedByHrw = surveillance.find((p) => p.hops.every((h) => h.claims.some((c) => c.document?.publisher === 'Human Rights Watch')));
      expect(quotedByHrw, 'a path whose every hop quotes the HRW release').toBeDefined();
      // Microsoft's suspension: some path to that abuse has a hop marked ended.
      const ended = surveillance.filter((p) => p.ended);
      expect(ended.length).toBeGreaterThan(0);
      expect(ended[0]!.hops.find((h) => h.ended)!.from.id).toBe(ms.id);
      await store.close();

      const second = run();
      expect(second.status).toBe(0);
      for (const l of second.stdout.trim().split('\n').map((x) => JSON.parse(x))) expect(l.claims.created).toBe(0);
      const again = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
      expect(await again.stats()).toEqual(stats1);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
