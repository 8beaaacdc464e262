// A data folder that cannot be written: as root (CI here), a read-only bind mount of a seeded folder; as
// another user, the same folder without write permission. Writing commands answer one line that says what
// to do; `stats` and `export` still read it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/rightsgraph.js');

describe('a data folder that cannot be written', () => {
  it('refuses writes in one line, and still answers stats and export', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-ro-'));
    const src = join(dir, 'src');
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const cli = (data: string, ...args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, RIGHTSGRAPH_DATA: data, NEO4J_URI: '', LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
    const asRoot = process.getuid?.() === 0;
    let mounted = false;
    try {
      expect(cli(join(src, 'data'), 'seed').status).toBe(0);
      if (asRoot) {
        const m = spawnSync('sh', ['-c', `mount --bind ${src} ${ro} && mount -o remount,ro,bind ${ro}`], { encoding: 'utf8' });
        expect(m.status, `a read-only bind mount (root in CI): ${m.stderr}`).toBe(0);
        mounted = true;
      } else {
        chmodSync(join(src, 'data'), 0o555);
        chmodSync(join(src, 'data', 'graph.kuzu'), 0o444);
      }
      const data = asRoot ? join(ro, 'data') : join(src, 'data');
      const ingest = cli(data, 'ingest', 'test/fixtures/ingest/acme-a.txt');
      expect(ingest.status).not.toBe(0);
      expect(ingest.stderr).toMatch(/^rightsgraph: .*cannot be written \(a read-only file system, or no permission\)/m);
      expect(ingest.stderr).not.toMatch(/IO exception|\n\s+at /);
      const stats = cli(data, 'stats');
      expect(stats.status, stats.stderr).toBe(0);
      expect(JSON.parse(stats.stdout).claims).toBeGreaterThan(0);
      expect(cli(data, 'export').stdout.split('\n').filter(Boolean).length).toBeGreaterThan(10);
      // A new folder under a place that cannot be written: one line too.
      const fresh = cli(asRoot ? join(ro, 'new', 'data') : join(src, 'data', 'new'), 'seed');
      expect(fresh.status).not.toBe(0);
      expect(fresh.stderr.trim().split('\n')).toHaveLength(1);
      expect(fresh.stderr).toMatch(/^rightsgraph: (cannot create the data folder|.*cannot be written)/);
    } finally {
      if (mounted) spawnSync('umount', [ro]);
      if (!asRoot) spawnSync('chmod', ['-R', 'u+w', src]);
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
