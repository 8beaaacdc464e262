// A near-miss name (a typo) is not merged into the entity it resembles: it becomes its own entity and a
// possible duplicate in the review queue (`rightsgraph duplicates`), which lists the merge to run; a folder
// given to `ingest` stands for the reports in it.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('possible duplicates', () => {
  it('keeps a look-alike apart, queues it for review, and the queue empties once merged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-dup-'));
    try {
      const env = { ...process.env, RIGHTSGRAPH_DATA: join(dir, 'data'), RIGHTSGRAPH_ARCHIVE: join(dir, 'archive'), NEO4J_URI: '', LOG_LEVEL: 'warn' };
      const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
      await mkdir(join(dir, 'reports', 'sub'), { recursive: true });
      await writeFile(join(dir, 'reports', 'a.txt'), 'Brightlens Analytics Ltd supplies surveillance cameras to the Xinjiang public security bureau.');
      await writeFile(join(dir, 'reports', 'sub', 'b.txt'), 'Brightlens Analytcs Ltd sells facial recognition software to the Xinjiang public security bureau.');
      await writeFile(join(dir, 'reports', 'notes.json'), '{}');
      const ingest = cli('ingest', join(dir, 'reports'));
      expect(ingest.status, ingest.stderr).toBe(0);
      expect(ingest.stdout.trim().split('\n')).toHaveLength(2);
      const queue = cli('duplicates');
      expect(queue.status).toBe(0);
      const lines = queue.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/"Brightlens Analytcs Ltd"\s+~\s+\S+ "Brightlens Analytics Ltd"\s+\("Brightlens Analytcs Ltd" looks like "Brightlens Analytics Ltd" \(similarity 0\.\d+\)\)/);
      const merge = lines[1]!.trim().split(/\s+/).slice(1);
      expect(merge[0]).toBe('merge');
      // Ingesting again does not queue the pair twice.
      expect(cli('ingest', join(dir, 'reports')).status).toBe(0);
      expect(cli('duplicates').stdout.trim().split('\n')).toHaveLength(2);
      expect(cli(...merge).status).toBe(0);
      expect(cli('duplicates').stdout.trim()).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
