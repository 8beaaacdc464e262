// An editor's corrections from the command line, and that re-ingest does not undo them: a rejected claim
// stays rejected, a merged duplicate does not come back, a split alias keeps its own entity and claims.
// Fixture texts (test/fixtures/ingest) are invented companies.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KuzuStore } from '../../src/store/kuzu/store.ts';

const A = 'test/fixtures/ingest/acme-a.txt';
const B = 'test/fixtures/ingest/acme-b.txt';
let dir: string;
const env = () => ({ ...process.env, RIGHTSGRAPH_DATA: join(dir, 'data'), NEO4J_URI: '', LOG_LEVEL: 'warn', USER: 'editor-ed' });
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env: env(), encoding: 'utf8', timeout: 120_000 });
const withStore = async <T>(fn: (s: KuzuStore) => Promise<T>) => {
  const s = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 64 });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
};
const companies = (s: KuzuStore) => s.searchEntities('acme', { kinds: ['Company'], limit: 10 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-correct-'));
  expect(cli('ingest', A, B).status).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('corrections', () => {
  it('review: a rejected claim stays rejected when its document is ingested again', async () => {
    const claim = await withStore(async (s) => (await s.findClaims({ limit: 1 })).items[0]!);
    const r = cli('review', claim.id, '--reject', '--note', 'misread the filing');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).review).toMatchObject({ status: 'rejected', by: 'editor-ed', note: 'misread the filing' });
    expect(cli('ingest', A, B).status).toBe(0);
    await withStore(async (s) => {
      expect((await s.getClaims([claim.id]))[0]!.review).toMatchObject({ status: 'rejected', note: 'misread the filing' });
      expect((await s.listChanges({ targetId: claim.id }))[0]).toMatchObject({ action: 'review', by: 'editor-ed' });
    });
    expect(cli('review', claim.id).stderr.trim()).toBe('rightsgraph: review: give one of --accept or --reject');
  });

  it('merge: the duplicate does not come back on re-ingest; split: the alias keeps its own entity', async () => {
    const [a, b] = await withStore(async (s) => (await companies(s)).map((h) => h.entity).sort((x, y) => x.name.localeCompare(y.name)));
    expect([a!.name, b!.name]).toEqual(['Acme Vision Ltd', 'AcmeVision SA']);
    const merged = cli('merge', a!.id, b!.id, '--note', 'same company');
    expect(merged.status, merged.stderr).toBe(0);
    expect(cli('ingest', A, B).status).toBe(0);
    await withStore(async (s) => {
      const hits = await companies(s);
      expect(hits.map((h) => h.entity.id)).toEqual([a!.id]);
      expect(hits[0]!.entity.aliases).toContain('AcmeVision SA');
      expect((await s.findClaims({ entityId: a!.id })).total).toBeGreaterThanOrEqual(2);
    });

    const split = cli('split', a!.id, '--alias', 'acmevision sa', '--note', 'a different firm after all');
    expect(split.status, split.stderr).toBe(0);
    const out = JSON.parse(split.stdout);
    expect(out).toMatchObject({ from: a!.id, name: 'AcmeVision SA' });
    expect(out.movedClaims).toBeGreaterThan(0);
    expect(cli('ingest', A, B).status).toBe(0);
    await withStore(async (s) => {
      const hits = await companies(s);
      expect(hits.map((h) => h.entity.id).sort()).toEqual([a!.id, out.to].sort());
      const [kept] = await s.getEntities([a!.id]);
      expect(kept!.aliases).not.toContain('AcmeVision SA');
      const ofSplit = await s.findClaims({ entityId: out.to });
      expect(ofSplit.items.every((c) => /AcmeVision SA/.test(c.evidence.quote))).toBe(true);
      expect(ofSplit.total).toBeGreaterThan(0);
      const changes = await s.listChanges({ targetId: out.to });
      expect(changes.map((c) => c.action)).toContain('split');
    });
    // Kinds that do not fit are refused in one line.
    const gov = await withStore(async (s) => (await s.searchEntities('xinjiang public security', { kinds: ['GovernmentBody'] }))[0]!.entity.id);
    const bad = cli('merge', a!.id, gov);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^rightsgraph: cannot merge a GovernmentBody .* into a Company/);
  });
});
