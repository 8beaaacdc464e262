// `npm run bench:store [-- --entities N --claims M]`: bulk-loads a synthetic graph into a fresh Kùzu store
// and prints the load rate, the reopen time (index load), neighbours and exposurePaths latencies over 200
// random companies, peak RSS, and the same path searches done by a plain in-memory BFS over the same edges
// in this process, as the reference, with the ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stepsFrom } from '../src/domain/index.ts';
import type { ClaimIndex } from '../src/store/claim-index.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';
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
  console.log(`exposurePaths (≤5 hops, limit 10, with records fetched from Kùzu): p50 ${ms(pct(ex, 50))}, p95 ${ms(pct(ex, 95))}; ${(paths / Q).toFixed(1)} paths per query`);

  const index = store.ctx.index;
  const ref: number[] = [];
  let reached = 0;
  for (const id of sample) {
    const t = now();
    reached += bfs(index, index.entityIndex(id)!, 5, 10);
    ref.push(now() - t);
  }
  console.log(`reference plain BFS (same edges, ≤5 hops, first 10 abuses): p50 ${ms(pct(ref, 50))}, p95 ${ms(pct(ref, 95))}; ${(reached / Q).toFixed(1)} abuses per query`);
  console.log(`ratio exposurePaths / BFS: p50 ${(pct(ex, 50) / pct(ref, 50)).toFixed(1)}×, p95 ${(pct(ex, 95) / pct(ref, 95)).toFixed(1)}×`);
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
