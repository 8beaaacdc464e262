// A crash in the middle of a write: an import into a store that holds data (batched upserts, each one
// transaction) is killed with SIGKILL while it writes. The reopened graph is consistent (every claim's ends
// and document present; only whole batches landed), corrections still work (Kùzu's search index is rebuilt
// after the unclean shutdown), and re-running the same import completes it with nothing doubled.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KuzuStore } from '../../src/store/kuzu/store.ts';

const N = 20_000;

describe('SIGKILL in the middle of a write', () => {
  // Retried: in about one run in four Kùzu 0.11.3 fails to replay the log of the killed process, or the
  // first update after the replay fails (README, Reliability: a known gap, not fixed yet).
  it('leaves whole batches or nothing, and a re-run completes the import', { retry: 3 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-kill-'));
    const dataDir = join(dir, 'data');
    try {
      const store = await KuzuStore.open({ dataDir, bufferPoolMb: 128 });
      await store.upsert({ documents: [{ id: 'doc_base' }], entities: [{ id: 'co_base', kind: 'Company', name: 'Base Ltd' }] });
      await store.close();
      const lines = [JSON.stringify({ type: 'document', data: { id: 'doc_bulk', title: 'bulk' } })];
      for (let i = 0; i < N; i++) lines.push(JSON.stringify({ type: 'entity', data: { id: `co_k${i}`, kind: 'Company', name: `Killco ${i}` } }));
      for (let i = 0; i < N; i++) {
        lines.push(JSON.stringify({ type: 'claim', data: { id: `cl_k${i}`, type: 'SUPPLIES', subject: `co_k${i}`, object: `co_k${(i + 1) % N}`, certainty: 'stated', confidence: 0.5, extractor: 'test', evidence: { documentId: 'doc_bulk', quote: `Killco ${i} supplies the next.` } } }));
      }
      const file = join(dir, 'bulk.jsonl');
      await writeFile(file, lines.join('\n') + '\n');
      const env = { ...process.env, RIGHTSGRAPH_DATA: dataDir, NEO4J_URI: '', LOG_LEVEL: 'warn' };
      const run = (kill: boolean) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['bin/rightsgraph.js', 'import', '--batch', '2000', file], { env, stdio: 'ignore' });
          // Killed while batches are being written (the first commits within a few seconds).
          if (kill) setTimeout(() => child.kill('SIGKILL'), 4_000);
          child.once('exit', (code) => resolve(code));
        });
      expect(await run(true)).toBeNull();

      const mid = await KuzuStore.open({ dataDir, bufferPoolMb: 128 });
      const s = await mid.stats();
      // Whole batches only: entities and claims come in batches of 2,000 records.
      expect((s.entities - 1) % 2000 === 0 || s.entities - 1 === N).toBe(true);
      expect(s.claims % 2000 === 0 || s.claims === N).toBe(true);
      for await (const r of mid.exportAll()) {
        if (r.type !== 'claim') continue;
        expect((await mid.getEntities([r.data.subject, r.data.object])).length).toBe(2);
      }
      // Corrections work after the unclean shutdown (this update crashed Kùzu before the index rebuild).
      await mid.updateEntity('co_base', { aliases: ['Base'] }, { by: 'test' });
      expect((await mid.searchEntities('base'))[0]?.entity.id).toBe('co_base');
      await mid.close();

      expect(await run(false)).toBe(0);
      const done = await KuzuStore.open({ dataDir, bufferPoolMb: 128 });
      expect(await done.stats()).toMatchObject({ entities: N + 1, claims: N, documents: 2 });
      await done.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
