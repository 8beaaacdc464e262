// A crash in the middle of writes to a store that holds data: an import of 100,000 records (batched
// upserts, each one transaction, checkpoints every few megabytes of log so that kills land in them too)
// is SIGKILLed at eight points spread over its run, timed against an uninterrupted run of the same import
// measured first, two of them at the moment the store marks a step Kùzu cannot survive (a checkpoint, a
// search-index rebuild), which the next open rebuilds from the record log. After each kill the store opens and answers `stats`; only whole batches landed; every
// claim's ends are there; the first update and a search work (Kùzu 0.11.3 crashed on that update after
// replaying a killed process's log); and the same import run again gives the uninterrupted export.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedText } from '../helpers/cli.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';

const N = 50_000;
const BATCH = 2_000;

describe('SIGKILL in the middle of writes to a store that holds data', () => {
  it('at eight points: whole batches or nothing, the store opens and updates, a re-run gives the uninterrupted export', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-kill-'));
    try {
      const base = join(dir, 'base');
      const store = await KuzuStore.open({ dataDir: base, bufferPoolMb: 128 });
      await store.upsert({ documents: [{ id: 'doc_base' }], entities: [{ id: 'co_base', kind: 'Company', name: 'Base Ltd' }] });
      await store.close();
      const lines = [JSON.stringify({ type: 'document', data: { id: 'doc_bulk', title: 'bulk' } })];
      for (let i = 0; i < N; i++) lines.push(JSON.stringify({ type: 'entity', data: { id: `co_k${i}`, kind: 'Company', name: `Killco ${i}` } }));
      for (let i = 0; i < N; i++) {
        lines.push(JSON.stringify({ type: 'claim', data: { id: `cl_k${i}`, type: 'SUPPLIES', subject: `co_k${i}`, object: `co_k${(i + 1) % N}`, certainty: 'stated', confidence: 0.5, extractor: 'test', evidence: { documentId: 'doc_bulk', quote: `Killco ${i} supplies the next.` } } }));
      }
      const file = join(dir, 'bulk.jsonl');
      await writeFile(file, lines.join('\n') + '\n');
      // Checkpoints every 4 MB of log instead of 64: a 100 k-record import then checkpoints a dozen times.
      const env = (data: string) => ({ ...process.env, RIGHTSGRAPH_DATA: data, RIGHTSGRAPH_CHECKPOINT_MB: '4', NEO4J_URI: '', LOG_LEVEL: 'warn' });
      const cli = (data: string, ...args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env: env(data), encoding: 'utf8', timeout: 300_000 });
      // Killed `ms` into the run; with `onMark`, at the first moment after that when the store has set its
      // unsafe mark (a checkpoint or a search-index rebuild in progress: what Kùzu cannot survive by itself).
      const importKilledAt = (data: string, ms: number, onMark: boolean) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['bin/rightsgraph.js', 'import', '--batch', String(BATCH), file], { env: env(data), stdio: 'ignore' });
          const mark = join(data, 'graph.kuzu.unsafe');
          let poll: NodeJS.Timeout | undefined;
          const timer = setTimeout(() => {
            if (!onMark) child.kill('SIGKILL');
            else poll = setInterval(() => existsSync(mark) && child.kill('SIGKILL'), 1);
          }, ms);
          child.once('exit', (code) => (clearTimeout(timer), clearInterval(poll), resolve(code)));
        });
      const exported = (data: string) => exportedText(cli, data, dir);

      const reference = join(dir, 'reference');
      await cp(base, reference, { recursive: true });
      const t0 = Date.now();
      const first = cli(reference, 'import', '--batch', String(BATCH), file);
      const took = Date.now() - t0;
      expect(first.status, first.stderr).toBe(0);
      const want = await exported(reference);

      const outcomes: string[] = [];
      let rebuilt = 0;
      for (const [f, onMark] of [[0.1, false], [0.2, true], [0.3, false], [0.45, false], [0.55, true], [0.65, false], [0.8, false], [0.95, false]] as const) {
        const data = join(dir, `kill-${f}`);
        await cp(base, data, { recursive: true });
        const code = await importKilledAt(data, Math.round(f * took), onMark);
        const stats = cli(data, 'stats');
        if (stats.stderr.includes('rebuilding the database from the record log')) rebuilt++;
        expect(stats.status, `stats after a kill at ${f}: ${stats.stderr}`).toBe(0);
        const s = JSON.parse(stats.stdout) as { entities: number; claims: number };
        // Whole batches only (the document and the first entities share the first batch).
        expect((s.entities - 1) % BATCH === 0 || s.entities - 1 === N, `entities after a kill at ${f}: ${s.entities}`).toBe(true);
        expect(s.claims % BATCH === 0 || s.claims === N, `claims after a kill at ${f}: ${s.claims}`).toBe(true);
        outcomes.push(code === null ? `killed${onMark ? '-in-unsafe-step' : ''}:${s.entities - 1}e/${s.claims}c` : 'finished');

        const mid = await KuzuStore.open({ dataDir: data, bufferPoolMb: 128 });
        for await (const r of mid.exportAll()) {
          if (r.type !== 'claim') continue;
          expect((await mid.getEntities([r.data.subject, r.data.object])).length).toBe(2);
        }
        await mid.updateEntity('co_base', { aliases: ['Base'] }, { by: 'test' });
        expect((await mid.searchEntities('base'))[0]?.entity.id).toBe('co_base');
        await mid.updateEntity('co_base', { aliases: [] }, { by: 'test' });
        await mid.close();

        const again = cli(data, 'import', '--batch', String(BATCH), file);
        expect(again.status, `re-run after a kill at ${f}: ${again.stderr}`).toBe(0);
        // The two updates above leave change records; the graph itself is the uninterrupted one.
        const got = (await exported(data)).split('\n').filter((l) => !l.startsWith('{"type":"change"')).join('\n');
        expect(got, `export after a kill at ${f}`).toBe(want.split('\n').filter((l) => !l.startsWith('{"type":"change"')).join('\n'));
        await rm(data, { recursive: true, force: true });
      }
      // The kills really landed during the writes, not all after them.
      expect(outcomes.filter((o) => o.startsWith('killed')).length, outcomes.join(' ')).toBeGreaterThanOrEqual(6);
      // A kill inside a checkpoint or an index rebuild was met by a rebuild from the record log.
      expect(rebuilt, outcomes.join(' ')).toBeGreaterThanOrEqual(1);
      console.log(`kills into a store with data (uninterrupted ${took} ms; ${rebuilt} rebuilt from the record log): ${outcomes.join(' ')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
