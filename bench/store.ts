// `npm run bench:store [-- --entities N --claims M] [--store neo4j]`: bulk-loads a synthetic graph into a
// fresh Kùzu store (or, with --store neo4j, the emptied Neo4j of NEO4J_URI through the port's upserts) and
// prints the load rate, the reopen time (index load), neighbours and exposurePaths latencies over 200
// random companies, peak RSS, and the same path searches done by a plain in-memory BFS over the same edges
// in this process, as the reference, with the ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stepsFrom } from '../src/domain/index.ts';
import type { ClaimIndex } from '../src/store/claim-index.ts';
import { ClaimIndex as Index } from '../src/store/claim-index.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';
import { Neo4jStore } from '../src/store/neo4j/store.ts';
import { loadConfig } from '../src/config.ts';
import type { GraphStore } from '../src/store/port.ts';
import { Progress } from '../src/util/progress.ts';
import { benchEntityId, generateGraph, kindCounts, prng } from './generate.ts';

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000000' },
    claims: { type: 'string', default: '5000000' },
    seed: { type: 'string', default: '42' },
    queries: { type: 'string', default: '200' },
    dir: { type: 'string' },
    'buffer-pool-mb': { type: 'string', default: '2048' },
    store: { type: 'string', default: 'kuzu' },
    /** Neo4j: also measure exposure search as one variable-length match per query (stopped after 30 s each). */
    'neo4j-walk-paths': { type: 'boolean', default: false },
  },
});
const N = Number(values.entities);
const M = Number(values.claims);
const Q = Number(values.queries);
const bufferPoolMb = Number(values['buffer-pool-mb']);
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'rg-bench-'));
const dataDir = join(dir, 'data');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
const now = () => performance.now();

/** The reference: a plain BFS along the grammar's steps over the same index, up to 5 hops, first 10 Abuse reached. */
function bfs(index: ClaimIndex, from: number, maxHops: number, limit: number): number {
  const seen = new Set<number>([from]);
  let frontier = [from];
  let found = 0;
  for (let depth = 0; depth < maxHops && frontier.length && found < limit; depth++) {
    const next: number[] = [];
    for (const node of frontier) {
      for (const step of stepsFrom(index.kindOf(node))) {
        const list = step.direction === 'forward' ? index.out[node]! : index.inn[node]!;
        for (const ci of list) {
          if (index.typeOf(ci) !== step.type) continue;
          const other = step.direction === 'forward' ? index.objectOf(ci) : index.subjectOf(ci);
          if (seen.has(other) || !step.toKinds.includes(index.kindOf(other))) continue;
          seen.add(other);
          if (index.kindOf(other) === 'Abuse') {
            if (++found >= limit) return found;
          } else next.push(other);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/** Latencies of neighbours and exposurePaths over the same sample, and the BFS reference, printed alike for both stores. */
async function measure(store: GraphStore, index: ClaimIndex, label: string) {
  const rnd = prng(7);
  const companies = kindCounts(N).Company;
  const sample = Array.from({ length: Q }, () => benchEntityId('Company', Math.floor(rnd() * companies)));
  const nb: number[] = [];
  for (const id of sample) {
    const t = now();
    await store.neighbours(id, { limit: 100 });
    nb.push(now() - t);
  }
  console.log(`neighbours (limit 100): p50 ${ms(pct(nb, 50))}, p95 ${ms(pct(nb, 95))}`);
  const ex: number[] = [];
  let paths = 0;
  for (const id of sample) {
    const t = now();
    paths += (await store.exposurePaths({ from: id, maxHops: 5, limit: 10 })).length;
    ex.push(now() - t);
  }
  console.log(`exposurePaths (≤5 hops, limit 10, ${label}): p50 ${ms(pct(ex, 50))}, p95 ${ms(pct(ex, 95))}; ${(paths / Q).toFixed(1)} paths per query`);
  const ref: number[] = [];
  let reached = 0;
  for (const id of sample) {
    const t = now();
    reached += bfs(index, index.entityIndex(id)!, 5, 10);
    ref.push(now() - t);
  }
  console.log(`reference plain BFS (same edges, ≤5 hops, first 10 abuses): p50 ${ms(pct(ref, 50))}, p95 ${ms(pct(ref, 95))}; ${(reached / Q).toFixed(1)} abuses per query`);
  console.log(`ratio exposurePaths / BFS: p50 ${(pct(ex, 50) / pct(ref, 50)).toFixed(1)}×, p95 ${(pct(ex, 95) / pct(ref, 95)).toFixed(1)}×`);
  return { ex, ref };
}

if (values.store === 'neo4j') {
  // Neo4j: the same graph through the port's upserts (one transaction a batch), the reference index built
  // from the same batches in this process. Neo4j's own memory is its JVM's (NEO4J_PID, if given, is read).
  const config = loadConfig().neo4j;
  if (!config) throw new Error('bench:store --store neo4j needs NEO4J_URI (npm run neo4j:local starts one)');
  console.log(`bench:store — ${N.toLocaleString('en')} entities, ${M.toLocaleString('en')} claims, seed ${values.seed}, Neo4j at ${config.uri}`);
  let store = await Neo4jStore.open(config);
  await store.clear();
  const index = new Index();
  const progress = new Progress({ label: 'load', total: M, unit: 'claims' });
  const t0 = now();
  for (const batch of generateGraph({ entities: N, claims: M, seed: Number(values.seed) })) {
    await store.upsert(batch);
    for (const e of batch.entities ?? []) index.setEntity(e.id!, e.kind);
    for (const c of batch.claims ?? []) {
      index.setClaim({ id: c.id!, type: c.type, subject: c.subject, object: c.object, certainty: c.certainty ?? 'stated', confidence: c.confidence ?? 0.5, status: 'unreviewed', start: c.validFrom ?? c.date, date: c.date });
    }
    progress.tick(batch.claims?.length ?? 0);
  }
  progress.done();
  const loadSecs = (now() - t0) / 1000;
  console.log(`load (upserts through the port, batches of the generator): ${M.toLocaleString('en')} claims + ${N.toLocaleString('en')} entities in ${loadSecs.toFixed(1)} s = ${Math.round(M / loadSecs).toLocaleString('en')} claims/s`);
  await store.close();
  const t1 = now();
  store = await Neo4jStore.open(config);
  console.log(`reopen: ${((now() - t1) / 1000).toFixed(1)} s`);
  await measure(store, index, 'Cypher, one round trip per hop');
  if (values['neo4j-walk-paths']) {
    // The other way: one variable-length match per search, each stopped by Neo4j after 30 s.
    const paths = await Neo4jStore.open({ ...config, walk: 'paths', readTimeoutMs: 30_000 });
    const rnd = prng(7);
    const companies = kindCounts(N).Company;
    const times: number[] = [];
    let stopped = 0;
    let found = 0;
    for (let i = 0; i < Q; i++) {
      const id = benchEntityId('Company', Math.floor(rnd() * companies));
      const t = now();
      try {
        found += (await paths.exposurePaths({ from: id, maxHops: 5, limit: 10 })).length;
      } catch (err) {
        stopped++;
        if (stopped === 1) console.log(`first stopped query: ${(err as Error).message.split('\n')[0]}`);
      }
      times.push(now() - t);
    }
    console.log(`exposurePaths (≤5 hops, limit 10, Cypher, one variable-length match): p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}; ${stopped} of ${Q} stopped at 30 s; ${(found / Q).toFixed(1)} paths per query`);
    await paths.close();
  }
  await store.clear();
  await store.close();
  const jvm = process.env.NEO4J_PID ? (await import('node:fs')).readFileSync(`/proc/${process.env.NEO4J_PID}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] : undefined;
  console.log(`peak RSS: this process ${Math.round(process.resourceUsage().maxRSS / 1024).toLocaleString('en')} MB${jvm ? `, Neo4j ${Math.round(Number(jvm) / 1024).toLocaleString('en')} MB` : ''}`);
  process.exit(0);
}

console.log(`bench:store — ${N.toLocaleString('en')} entities, ${M.toLocaleString('en')} claims, seed ${values.seed}, Kùzu in ${dataDir}`);
try {
  let store = await KuzuStore.open({ dataDir, bufferPoolMb });
  const progress = new Progress({ label: 'bulk load', total: M, unit: 'claims' });
  let last = 0;
  const t0 = now();
  await store.bulkLoad(generateGraph({ entities: N, claims: M, seed: Number(values.seed) }), (c) => {
    progress.tick(c - last);
    last = c;
  });
  const loadSecs = (now() - t0) / 1000;
  progress.done();
  console.log(`bulk load: ${M.toLocaleString('en')} claims + ${N.toLocaleString('en')} entities in ${loadSecs.toFixed(1)} s = ${Math.round(M / loadSecs).toLocaleString('en')} claims/s (validation, staging, COPY, FTS index, checkpoint)`);

  await store.close();
  const t1 = now();
  store = await KuzuStore.open({ dataDir, bufferPoolMb });
  await store.warm();
  console.log(`reopen (in-memory index loaded from Kùzu): ${((now() - t1) / 1000).toFixed(1)} s`);

  const { ex, ref } = await measure(store, store.ctx.index, 'with records fetched from Kùzu');
  await store.close();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS: ${Math.round(rssMb).toLocaleString('en')} MB`);
  console.log(
    `targets: load ≥ 100,000 claims/s: ${M / loadSecs >= 100_000 ? 'met' : 'MISSED'}; paths p95 ≤ 50 ms: ${pct(ex, 95) <= 50 ? 'met' : 'MISSED'}; ` +
      `within 20× of BFS (p95): ${pct(ex, 95) / pct(ref, 95) <= 20 ? 'met' : 'MISSED'}; peak RSS ≤ 6 GB: ${rssMb <= 6144 ? 'met' : 'MISSED'}`,
  );
} finally {
  if (!values.dir) rmSync(dir, { recursive: true, force: true });
}
