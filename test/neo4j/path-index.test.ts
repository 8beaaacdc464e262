// The Neo4j store's path index on a live Neo4j: exposure searches and neighbour pages over the whole graph's
// claims in memory, built by warm() or at the first search, kept in step with the store's own writes
// (upserts, reviews, updates), and rebuilt when another process wrote or after a merge. Checked against a store opened afresh (whose index is
// built from the database alone): the same paths for every query, and the build counts say which way each
// write went.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { ExposureQuery } from '../../src/domain/index.ts';
import { Neo4jStore } from '../../src/store/neo4j/store.ts';
import type { UpsertBatchInput } from '../../src/store/port.ts';
import { benchEntityId, generateGraph, kindCounts } from '../../bench/generate.ts';

const config = loadConfig().neo4j;
const ENTITIES = 1500;
const batches: UpsertBatchInput[] = [...generateGraph({ entities: ENTITIES, claims: 6000, seed: 11, batchSize: 1000 })];
const counts = kindCounts(ENTITIES);
const companies = Array.from({ length: 40 }, (_, i) => benchEntityId('Company', (i * 7) % counts.Company));
const abuses = Array.from({ length: 5 }, (_, i) => benchEntityId('Abuse', i % counts.Abuse));
const queries: ExposureQuery[] = companies.flatMap((from) => [
  { from, maxHops: 4, limit: 10 },
  { from, maxHops: 5, limit: 5, filter: { certainty: ['stated'] } },
] as ExposureQuery[]);

const opened: Neo4jStore[] = [];
const open = async () => {
  const s = await Neo4jStore.open(config!);
  opened.push(s);
  return s;
};
afterAll(async () => {
  for (const s of opened) await s.close();
});

/** Every query's paths (hop claims and scores) and every abuse's exposed actors, as one comparable value. */
async function answers(store: Neo4jStore) {
  const paths = [];
  for (const q of queries) paths.push((await store.exposurePaths(q)).map((p) => [p.score, p.hops.map((h) => h.edge.claimIds.join(','))]));
  const exposed = [];
  for (const abuse of abuses) exposed.push((await store.exposedTo({ abuse, kinds: ['Company'], maxHops: 4, filter: {}, limit: 20 })).map((p) => [p.score, p.hops[0]!.from.id]));
  // Neighbour pages list their edges from the same index.
  const neighbours = [];
  for (const id of companies.slice(0, 10)) {
    const page = await store.neighbours(id, { limit: 50 });
    neighbours.push([page.total, page.items.map((n) => [n.entity.id, n.edge.claimIds.join(',')])]);
  }
  return { paths, exposed, neighbours };
}

describe('the Neo4j path index', () => {
  it('follows its own writes as a fresh build would; another writer or a merge makes it rebuild', async () => {
    if (!config) throw new Error('needs NEO4J_URI');
    const a = await open();
    await a.clear();
    const half = Math.floor(batches.length / 2);
    for (const b of batches.slice(0, half)) await a.upsert(b);
    await a.exposurePaths(queries[0]!);
    expect(a.pathIndexBuilds).toBe(1);

    // Its own writes after the build: the rest of the graph, a claim rejected, an entity renamed.
    for (const b of batches.slice(half)) await a.upsert(b);
    const some = (await a.exposurePaths({ from: companies[1]!, maxHops: 5, limit: 3 }))[0];
    expect(some, 'a path to review').toBeDefined();
    const rejected = some!.hops[0]!.edge.claimIds[0]!;
    await a.reviewClaim(rejected, { status: 'rejected' }, { by: 'test' });
    await a.updateEntity(companies[2]!, { name: 'Renamed Example Co' }, { by: 'test' });
    const mirrored = await answers(a);
    expect(a.pathIndexBuilds, 'no rebuild after its own writes').toBe(1);
    expect(mirrored.paths.flat().length).toBeGreaterThan(50);
    expect(JSON.stringify(mirrored.paths)).not.toContain(rejected);

    // A server warms its store before it listens: the build is done there, the searches build nothing.
    const b = await open();
    await b.warm();
    expect(b.pathIndexBuilds).toBe(1);
    expect(await answers(b)).toEqual(mirrored);
    expect(b.pathIndexBuilds).toBe(1);

    // Another writer (b stands for another process): a rejects nothing it knows of, then sees b's review.
    const other = mirrored.paths.flat().map((p) => (p as [number, string[]])[1][0]!.split(',')[0]!).find((id) => id !== rejected)!;
    await b.reviewClaim(other, { status: 'rejected' }, { by: 'test' });
    const afterOther = await answers(a);
    expect(a.pathIndexBuilds, 'rebuilt once for the other writer').toBe(2);
    expect(JSON.stringify(afterOther.paths)).not.toContain(other);
    expect(afterOther).toEqual(await answers(b));

    // A merge is more than the index follows: the next search rebuilds, to what a fresh build gives.
    await a.mergeEntities(companies[3]!, companies[4]!, { by: 'test' });
    const merged = await answers(a);
    expect(a.pathIndexBuilds).toBe(3);
    expect(merged).toEqual(await answers(await open()));
  });
});
