// `rightsgraph start` as a user runs it: a real process on a fresh data folder loads the seeds, answers
// GraphQL over HTTP, holds the write lock (a second writer gets one clear line), and on SIGTERM stops
// cleanly so the next command can open the store.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForUrl } from '../helpers/wait-for-url.ts';

const BIN = join(import.meta.dirname, '../../bin/rightsgraph.js');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-start-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));


describe('rightsgraph start', () => {
  it('serves the seeded graph over HTTP, holds the store, and stops cleanly', async () => {
    const env = { ...process.env, RIGHTSGRAPH_DATA: join(dir, 'data'), NEO4J_URI: '', LOG_LEVEL: 'warn', RIGHTSGRAPH_BUFFER_POOL_MB: '128' };
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await waitForUrl(child);
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stats { entities claims } search(text: "microsoft azure", first: 3) { edges { node { entity { name } } } } }' }),
      });
      const body = (await res.json()) as any;
      expect(body.data.stats.claims).toBeGreaterThan(30);
      expect(body.data.search.edges[0].node.entity.name).toBeTruthy();
      // A second writer on the same folder gets one line, not a stack trace.
      const second = spawnSync(process.execPath, [BIN, 'seed'], { env, encoding: 'utf8' });
      expect(second.status).not.toBe(0);
      expect(second.stderr).toMatch(/rightsgraph: .*(lock|another process|in use)/i);
      expect(second.stderr).not.toMatch(/\n\s+at /);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    const stats = spawnSync(process.execPath, [BIN, 'stats'], { env, encoding: 'utf8' });
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout).claims).toBeGreaterThan(30);
  });
});
