// A document that fails is recorded with its reason and does not stop the others; `ingest --retry-failed`
// tries the recorded ones again and forgets those that now pass.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('ingest failures', () => {
  it('records a failed document, goes on with the others, and retries it on --retry-failed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-fail-'));
    try {
      const env = { ...process.env, RIGHTSGRAPH_DATA: join(dir, 'data'), RIGHTSGRAPH_ARCHIVE: join(dir, 'archive'), NEO4J_URI: '', LOG_LEVEL: 'warn' };
      const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
      const bad = join(dir, 'scan.txt');
      await writeFile(bad, Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 7)));
      const good = 'test/fixtures/ingest/acme-a.txt';
      const first = cli('ingest', bad, good);
      expect(first.status).toBe(1);
      expect(first.stdout.trim().split('\n')).toHaveLength(1);
      expect(first.stderr).toMatch(/scan\.txt: .*binary/);
      const log = JSON.parse(await readFile(join(dir, 'archive', 'ingest-failed.json'), 'utf8'));
      expect(log).toEqual([expect.objectContaining({ input: bad, attempts: 1, reason: expect.stringMatching(/binary/) })]);

      await writeFile(bad, 'Acme Vision Ltd supplies surveillance cameras to the Xinjiang public security bureau.');
      const retry = cli('ingest', '--retry-failed');
      expect(retry.status, retry.stderr).toBe(0);
      expect(JSON.parse(retry.stdout.trim()).file).toBe(bad);
      expect(JSON.parse(await readFile(join(dir, 'archive', 'ingest-failed.json'), 'utf8'))).toEqual([]);
      expect(cli('ingest', '--retry-failed').stderr.trim()).toBe('rightsgraph: nothing to retry: no document has failed');
      // The file's bytes are archived by their sha256, as fetched pages are.
      const sha = createHash('sha256').update(await readFile(bad)).digest('hex');
      const shown = cli('archive', 'show', sha);
      expect(shown.status).toBe(0);
      expect(shown.stdout).toMatch(/^WARC-Type: resource$/m);
      expect(shown.stdout).toMatch(/^WARC-Target-URI: file:\/\/.*scan\.txt$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a missing, an empty and an oversized file in one line each, stores nothing, and puts the archive in the data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-fail-'));
    try {
      const env = { ...process.env, RIGHTSGRAPH_DATA: join(dir, 'data'), NEO4J_URI: '', LOG_LEVEL: 'warn' };
      delete (env as Record<string, string | undefined>).RIGHTSGRAPH_ARCHIVE;
      const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
      const empty = join(dir, 'empty.txt');
      await writeFile(empty, '  \n\t \n');
      const big = join(dir, 'big.txt');
      await writeFile(big, 'Acme sells cameras. '.repeat(60_000));
      const r = cli('ingest', '--max-mb', '1', join(dir, 'missing.txt'), empty, big);
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toEqual([
        `rightsgraph: ${join(dir, 'missing.txt')}: no such file: ${join(dir, 'missing.txt')}`,
        `rightsgraph: ${empty}: ${empty} holds no text`,
        `rightsgraph: ${big}: ${big} is 1.1 MB, over the 1 MB limit (--max-mb)`,
        'rightsgraph: 3 of 3 failed (recorded; `rightsgraph ingest --retry-failed` tries them again)',
      ]);
      expect(JSON.parse(cli('stats').stdout).documents).toBe(0);
      // The failure log lives in the data folder's archive, not in the working directory.
      expect(JSON.parse(await readFile(join(dir, 'data', 'archive', 'ingest-failed.json'), 'utf8'))).toHaveLength(3);
      expect(cli('ingest', '--max-mb', 'lots', big).stderr.trim()).toBe('rightsgraph: --max-mb: lots is not a positive number of megabytes');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
