// The server killed during mutations: `rightsgraph serve` takes parallel `ingestDocument` mutations and is
// SIGKILLed while they run. The store opens again (`stats`), a restarted server takes the same documents,
// and the graph equals the one an uninterrupted server builds (compared without the times of the run).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devCorpusDir } from '../../src/util/shared.ts';
import { waitForUrl } from '../helpers/wait-for-url.ts';

const BIN = join(import.meta.dirname, '../../bin/rightsgraph.js');
const KEY = 'kill-test-key-0123456789';
const MUTATION = `mutation($i: IngestDocumentInput!) { ingestDocument(input: $i) { __typename } }`;

function serve(data: string) {
  const env = { ...process.env, RIGHTSGRAPH_DATA: data, NEO4J_URI: '', LOG_LEVEL: 'warn', RIGHTSGRAPH_BUFFER_POOL_MB: '128', RIGHTSGRAPH_API_KEYS: `tester:editor:${KEY}` };
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = waitForUrl(child);
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  return { child, url, exited, env };
}

describe('the server killed during mutations', () => {
  it('opens again, and the same documents sent again give the uninterrupted graph', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-serve-kill-'));
    try {
      const corpus = devCorpusDir();
      const docs = await Promise.all(
        readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().slice(0, 10).map(async (f) => ({ title: f, text: await readFile(join(corpus, f), 'utf8') })),
      );
      const post = (base: string, i: Record<string, unknown>) =>
        fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ query: MUTATION, variables: { i } }) }).then((r) => r.json() as Promise<any>);
      const graph = async (data: string) => {
        const out = join(dir, `out-${Math.random().toString(36).slice(2)}.jsonl`);
        const r = spawnSync(process.execPath, [BIN, 'export', '--out', out], { env: { ...process.env, RIGHTSGRAPH_DATA: data, NEO4J_URI: '', LOG_LEVEL: 'warn' }, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        return (await readFile(out, 'utf8')).split('\n').filter(Boolean).map((l) => {
          const rec = JSON.parse(l) as { type: string; data: Record<string, unknown> };
          delete rec.data.fetchedAt;
          if (rec.type === 'change') delete rec.data.at;
          return JSON.stringify(rec);
        }).sort().join('\n');
      };
      const sendAll = async (base: string) => {
        for (const d of docs) expect((await post(base, d)).data.ingestDocument.__typename).toBe('IngestResult');
      };

      const ref = join(dir, 'reference');
      const a = serve(ref);
      await sendAll(await a.url);
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      const want = await graph(ref);

      const data = join(dir, 'killed');
      const b = serve(data);
      const base = await b.url;
      const inFlight = docs.map((d) => post(base, d).catch(() => null));
      // Killed once the first document is written, while the others wait or are being written.
      await Promise.race(inFlight);
      b.child.kill('SIGKILL');
      expect(await b.exited).toBeNull();
      const answered = (await Promise.all(inFlight)).filter((r) => r?.data?.ingestDocument?.__typename === 'IngestResult').length;
      expect(answered).toBeLessThan(docs.length);

      const stats = spawnSync(process.execPath, [BIN, 'stats'], { env: b.env, encoding: 'utf8' });
      expect(stats.status, stats.stderr).toBe(0);
      expect(JSON.parse(stats.stdout).documents).toBeGreaterThanOrEqual(answered);
      const c = serve(data);
      await sendAll(await c.url);
      c.child.kill('SIGTERM');
      expect(await c.exited).toBe(0);
      expect(await graph(data)).toBe(want);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
