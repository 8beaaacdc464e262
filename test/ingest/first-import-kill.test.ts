// A first import killed at any moment: a generated export of 100,000+ records is imported into an empty
// folder and the process is SIGKILLed at eight points of the store's work, timed from the moment the load's
// own database appears (the COPY of each table, the index build, the checkpoint and swap, the change
// records written after), plus one during staging. Each time the store opens
// (`stats` answers), the same import run again finishes, and its export equals an uninterrupted import's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedText } from '../helpers/cli.ts';
import { devCorpusDir } from '../../src/util/shared.ts';

const ENTITIES = 40_000;
const CLAIMS = 60_000;

function records(): string {
  const lines = [JSON.stringify({ type: 'document', data: { id: 'doc_gen', title: 'generated', publishedAt: '2025-01-01' } })];
  for (let i = 0; i < ENTITIES; i++) lines.push(JSON.stringify({ type: 'entity', data: { id: `co_g${i}`, kind: 'Company', name: `Genco ${i}`, aliases: [`G${i}`] } }));
  for (let i = 0; i < CLAIMS; i++) {
    lines.push(JSON.stringify({ type: 'claim', data: { id: `cl_g${i}`, type: 'SUPPLIES', subject: `co_g${i % ENTITIES}`, object: `co_g${(i * 7 + 1) % ENTITIES}`, certainty: 'stated', confidence: 0.5, extractor: 'test', evidence: { documentId: 'doc_gen', quote: `Genco ${i} supplies another.` } } }));
  }
  for (let i = 0; i < 5; i++) lines.push(JSON.stringify({ type: 'change', data: { id: `chg_g${i}`, at: '2025-01-02T00:00:00.000Z', by: 'test', action: 'review', targetIds: [`cl_g${i}`] } }));
  return lines.join('\n') + '\n';
}

describe('SIGKILL during a first import into an empty folder', () => {
  it('at eight points: the store opens, the re-run finishes, the export equals an uninterrupted import', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-first-kill-'));
    try {
      const file = join(dir, 'export.jsonl');
      await writeFile(file, records());
      const env = (data: string) => ({ ...process.env, RIGHTSGRAPH_DATA: data, NEO4J_URI: '', LOG_LEVEL: 'warn' });
      const cli = (data: string, ...args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env: env(data), encoding: 'utf8', timeout: 300_000 });
      // Killed `ms` after the load's database appears beside the store (or, with `ms` < 0, after -ms of run).
      const importKilledAt = (data: string, ms: number) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['bin/rightsgraph.js', 'import', file], { env: env(data), stdio: 'ignore' });
          let timer: NodeJS.Timeout | undefined;
          const poll = setInterval(() => {
            if (timer || (ms >= 0 && !existsSync(join(data, 'graph.kuzu.loading')))) return;
            timer = setTimeout(() => child.kill('SIGKILL'), Math.abs(ms));
          }, 5);
          child.once('exit', (code) => (clearInterval(poll), clearTimeout(timer), resolve(code)));
        });
      const exported = (data: string) => exportedText(cli, data, dir);

      const reference = join(dir, 'reference');
      const first = cli(reference, 'import', file);
      expect(first.status, first.stderr).toBe(0);
      const want = await exported(reference);
      expect(want.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(100_000);

      const outcomes: string[] = [];
      for (const f of [-3000, 0, 100, 250, 400, 600, 800, 1000]) {
        const data = join(dir, `kill-${f}`);
        const code = await importKilledAt(data, f);
        const stats = cli(data, 'stats');
        // A killed first import leaves an empty store or a complete one, never a broken one (or, killed
        // before it created the database, a folder that `stats` names as holding none).
        if (stats.status !== 0) {
          expect(stats.stderr, `after a kill at ${f}`).toMatch(/^rightsgraph: .* holds no rightsgraph database: run `rightsgraph init` first\n$/);
          outcomes.push('killed:none');
        } else {
          const s = JSON.parse(stats.stdout) as { entities: number; claims: number };
          expect([0, ENTITIES]).toContain(s.entities);
          outcomes.push(code === null ? `killed:${s.entities ? 'loaded' : 'empty'}` : 'finished');
        }
        const again = cli(data, 'import', file);
        expect(again.status, `re-run after a kill at ${f}: ${again.stderr}`).toBe(0);
        expect(await exported(data), `export after a kill at ${f}`).toBe(want);
        // What the killed load staged (its rows, its parked graph) went at the next writable open.
        expect(existsSync(join(data, '.staging')) ? readdirSync(join(data, '.staging')) : [], `staging left after a kill at ${f}`).toEqual([]);
        await rm(data, { recursive: true, force: true });
      }
      // The kills really landed during the run, in the store's work (not all before or after it).
      expect(outcomes.filter((o) => o === 'killed:empty' || o === 'killed:loaded').length, outcomes.join(' ')).toBeGreaterThanOrEqual(5);
      console.log(`first-import kills: ${outcomes.join(' ')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 900_000);

  it('ingest of a folder killed at three points of its writes: the store opens, the re-run finishes with the uninterrupted graph', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-ingest-kill-'));
    try {
      const reports = join(dir, 'reports');
      await mkdir(reports);
      const corpus = devCorpusDir();
      for (const f of readdirSync(corpus).filter((x) => x.endsWith('.txt')).sort().slice(0, 12)) {
        await copyFile(join(corpus, f), join(reports, f));
        await copyFile(join(corpus, f.replace(/\.txt$/, '.meta.json')), join(reports, f.replace(/\.txt$/, '.meta.json')));
      }
      const env = (data: string) => ({ ...process.env, RIGHTSGRAPH_DATA: data, NEO4J_URI: '', LOG_LEVEL: 'warn' });
      const cli = (data: string, ...args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env: env(data), encoding: 'utf8', timeout: 300_000 });
      // The graph without the times of this run (a document's fetchedAt, a change record's at).
      const graph = async (data: string) => {
        const out = join(dir, `out-${Math.random().toString(36).slice(2)}.jsonl`);
        const r = cli(data, 'export', '--out', out);
        expect(r.status, r.stderr).toBe(0);
        return (await readFile(out, 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            const rec = JSON.parse(l) as { type: string; data: Record<string, unknown> };
            delete rec.data.fetchedAt;
            if (rec.type === 'change') delete rec.data.at;
            return JSON.stringify(rec);
          })
          .sort()
          .join('\n');
      };
      const reference = join(dir, 'reference');
      expect(cli(reference, 'ingest', reports).status).toBe(0);
      const want = await graph(reference);
      // Killed this long after the store's database file appears (documents are written one by one).
      let killed = 0;
      for (const f of [200, 700, 1300]) {
        const data = join(dir, `kill-${f}`);
        await new Promise<void>((resolve) => {
          const child = spawn(process.execPath, ['bin/rightsgraph.js', 'ingest', reports], { env: env(data), stdio: 'ignore' });
          let timer: NodeJS.Timeout | undefined;
          const poll = setInterval(() => {
            if (!timer && existsSync(join(data, 'graph.kuzu'))) timer = setTimeout(() => child.kill('SIGKILL'), f);
          }, 5);
          child.once('exit', (code) => (clearInterval(poll), clearTimeout(timer), (killed += code === null ? 1 : 0), resolve()));
        });
        const stats = cli(data, 'stats');
        expect(stats.status, `stats after a kill at ${f}: ${stats.stderr}`).toBe(0);
        const again = cli(data, 'ingest', reports);
        expect(again.status, `re-run after a kill at ${f}: ${again.stderr}`).toBe(0);
        expect(await graph(data), `graph after a kill at ${f}`).toBe(want);
      }
      expect(killed).toBeGreaterThanOrEqual(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
