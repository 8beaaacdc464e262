// `rightsgraph recover`: a database file damaged on disk (4 KB of it overwritten, so Kùzu reads a catalog
// that is not ours) next to the store's record log. Commands refuse it in one line naming `recover`;
// `recover` rebuilds the same graph from the log and keeps the damaged file; it refuses while another
// process holds the database open.
import { openSync, closeSync, readdirSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { cliOk, runCli } from '../helpers/cli.ts';

describe('rightsgraph recover', () => {
  it('rebuilds a damaged database from its record log; refuses while the database is open elsewhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-recover-'));
    const data = join(dir, 'data');
    try {
      const store = await KuzuStore.open({ dataDir: data, bufferPoolMb: 64 });
      const { documents, entities, claims } = await import('../store/fixture.ts');
      await store.upsert({ documents, entities, claims });
      await store.mergeEntities('co_ms', 'co_ms2', { by: 'tester' });
      await store.close();
      const want = runCli(data, ['export']);
      cliOk(want);

      const fd = openSync(join(data, 'graph.kuzu'), 'r+');
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096);
      closeSync(fd);
      const refused = runCli(data, ['stats']);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/^rightsgraph: .*Kùzu cannot read the database file .*`RIGHTSGRAPH_DATA=.* rightsgraph recover` rebuilds the database from it \(the damaged file is kept\)\n$/);

      const r = runCli(data, ['recover']);
      cliOk(r);
      expect(r.out).toMatch(new RegExp(`recovered .* ${entities.length - 1} entities, ${claims.length} claims, 1 redirects`));
      expect(runCli(data, ['export']).out).toBe(want.out);
      expect(readdirSync(data).filter((f) => f.startsWith('graph.kuzu.damaged-'))).toHaveLength(1);

      const open = await KuzuStore.open({ dataDir: data, bufferPoolMb: 64 });
      try {
        const busy = runCli(data, ['recover']);
        expect(busy.code).toBe(1);
        expect(busy.err).toMatch(/^rightsgraph: the database at .* is open in process \d+ \(is `rightsgraph serve` running\?\): stop it first\n$/);
      } finally {
        await open.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
