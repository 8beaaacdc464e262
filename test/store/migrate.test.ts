// `migrate` through the port: an embedded store copied to another and back again holds the same graph
// (export equal record for record, exposure paths equal), the report compares both sides, a non-empty
// target is refused, and the CLI does it as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLines } from '../../src/cli/import-lines.ts';
import type { ExportRecord } from '../../src/domain/index.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { digestOf, migrate } from '../../src/store/migrate.ts';
import type { GraphStore } from '../../src/store/port.ts';
import { claims, documents, entities } from './fixture.ts';

let dir: string;
const BETWEEN = 'cl_part_of_co_ms2_co_ms';
const open = (name: string, readOnly = false) => KuzuStore.open({ dataDir: join(dir, name), bufferPoolMb: 64, readOnly });
async function all(s: GraphStore): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of s.exportAll()) out.push(r);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-migrate-'));
  const a = await open('a');
  await a.upsert({ documents, entities, claims });
  // Reviews, merges and change records must survive the trip too.
  await a.reviewClaim(claims[0]!.id, { status: 'rejected', note: 'misread' }, { by: 'editor' });
  // A claim between the two entities about to be merged stays on the merged-away id (a merge keeps it).
  await a.upsert({ claims: [{ ...claims[0]!, id: BETWEEN, type: 'PART_OF', subject: 'co_ms2', object: 'co_ms', review: { status: 'unreviewed' } }] });
  await a.mergeEntities('co_ms', 'co_ms2', { by: 'editor', note: 'same company' });
  await a.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('copies a whole graph to an empty store and back, in small batches, and both sides compare equal', async () => {
    const a = await open('a', true);
    const b = await open('b');
    const ticks: number[] = [];
    const there = await migrate(a, b, { batchSize: 7, onProgress: (n) => ticks.push(n) });
    expect(there.same).toBe(true);
    expect(there.source).toEqual(there.target);
    expect(there.source.counts.claim).toBe(claims.length + 1);
    expect(there.source.counts.redirect).toBe(1);
    expect(there.source.counts.change).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeGreaterThan(3);
    const c = await open('c');
    const back = await migrate(b, c, { batchSize: 1000 });
    expect(back.same).toBe(true);
    expect(await all(c)).toEqual(await all(a));
    expect(await c.exposurePaths({ from: 'co_ms', limit: 50 })).toEqual(await a.exposurePaths({ from: 'co_ms', limit: 50 }));
    expect((await c.getClaims([claims[0]!.id]))[0]?.review).toMatchObject({ status: 'rejected', note: 'misread' });
    // The merge travelled: the merged-away id still answers the kept entity, and the claim between them is kept.
    expect((await c.getEntities(['co_ms2']))[0]?.id).toBe('co_ms');
    expect((await c.getClaims([BETWEEN]))[0]).toMatchObject({ subject: 'co_ms2', object: 'co_ms' });
    // Refuses to pour into a store that holds data, unless told to merge.
    await expect(migrate(a, c)).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
    const merged = await migrate(a, c, { intoNonEmpty: true });
    expect(merged.same).toBe(true);
    expect(await digestOf(c)).toEqual(back.target);
    for (const s of [a, b, c]) await s.close();
  });

  it('runs from the command line with one line per side and exit 0; a clash of stores is one line and exit 1', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/rightsgraph.js', 'migrate', ...args], { encoding: 'utf8', env: { ...process.env, NEO4J_URI: '' } });
    const ok = run('--from', join(dir, 'a'), '--to', join(dir, 'd'));
    expect(ok.stderr).toMatch(/from .*: \d+ documents, \d+ entities, 1 redirects, \d+ claims, \d+ changes; ids [0-9a-f/]+\n/);
    expect(ok.stderr).toMatch(/both sides hold the same ids/);
    expect(ok.status).toBe(0);
    const again = run('--from', join(dir, 'a'), '--to', join(dir, 'd'));
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^rightsgraph: the target store already holds .* --into-non-empty to merge\)$/)]);
    const same = run('--from', join(dir, 'a'), '--to', join(dir, 'a'));
    expect(same.status).toBe(1);
    expect(same.stderr.trim()).toBe('rightsgraph: migrate: --from and --to are the same store');
    const neo = run('--from', join(dir, 'a'), '--to', 'neo4j');
    expect(neo.stderr.trim()).toBe('rightsgraph: migrate: `neo4j` needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) set');
  });

  it('imports an export with merges into an empty store, record for record (export → import)', async () => {
    const a = await open('a', true);
    const file = join(dir, 'a.jsonl');
    await writeFile(file, (await all(a)).map((r) => JSON.stringify(r)).join('\n') + '\n');
    const e = await open('e');
    const report = await importLines(e, file, { skipInvalid: false, batchSize: 5 });
    expect(report.bad).toEqual([]);
    expect(report.imported).toMatchObject({ redirects: 1, claims: claims.length + 1 });
    expect(await all(e)).toEqual(await all(a));
    // A redirect to nothing is a bad line, named.
    const broken = join(dir, 'broken.jsonl');
    await writeFile(broken, JSON.stringify({ type: 'redirect', data: { id: 'co_x', target: 'co_nowhere' } }) + '\n');
    const f = await open('f');
    const bad = await importLines(f, broken, { skipInvalid: false, batchSize: 5 });
    expect(bad.refused).toBe(true);
    expect(bad.bad).toEqual([{ line: 1, problem: 'redirect co_x: unknown target co_nowhere' }]);
    for (const s of [a, e, f]) await s.close();
  });
});
