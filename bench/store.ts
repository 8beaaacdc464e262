// `npm run bench:store [-- --sizes 200000x1000000,1000000x5000000 | --entities N --claims M] [--store neo4j]`:
// for each size (entities × claims; both sizes by default, so the growth of each figure shows), bulk-loads
// a synthetic graph into a fresh Kùzu store in one process, then reopens it in a second process (as
// `serve` would) and measures there: reopen time, neighbours and exposurePaths latencies over 200 random
// companies, and the same path searches by a plain in-memory BFS over the same edges as the reference,
// with the ratio. Each process's peak RSS is its own. Ends with a table against issue 19's targets.
// With --store neo4j: one size, through the port's upserts into the emptied Neo4j of NEO4J_URI; searches over
// the path index (its build timed on its own), and with --neo4j-walk-hops / --neo4j-walk-paths the other walks.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stepsFrom } from '../src/domain/index.ts';
import type { ClaimIndex } from '../src/store/claim-index.ts';
import { ClaimIndex as Index } from '../src/store/claim-index.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';
import { Neo4jStore } from '../src/store/neo4j/store.ts';
import { loadConfig } from '../src/config.ts';
import type { GraphStore, UpsertBatchInput } from '../src/store/port.ts';
import { Progress } from '../src/util/progress.ts';
import { benchEntityId, generateGraph, kindCounts, prng } from './generate.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200000x1000000,1000000x5000000' },
    entities: { type: 'string' },
    claims: { type: 'string' },
    /** Internal: the parent runs each size as a `load` child, then a `query` child, over --dir. */
    phase: { type: 'string' },
    seed: { type: 'string', default: '42' },
    queries: { type: 'string', default: '200' },
    dir: { type: 'string' },
    'buffer-pool-mb': { type: 'string', default: '2048' },
    store: { type: 'string', default: 'kuzu' },
    /** Neo4j: also measure exposure search as one Cypher query per hop. */
    'neo4j-walk-hops': { type: 'boolean', default: false },
    /** Neo4j: also measure exposure search as one variable-length match per query (stopped after 30 s each). */
    'neo4j-walk-paths': { type: 'boolean', default: false },
  },
});
const SIZES = values.entities || values.claims
  ? [[Number(values.entities ?? 1_000_000), Number(values.claims ?? 5_000_000)] as const]
  : values.sizes.split(',').map((x) => x.split('x').map(Number) as unknown as readonly [number, number]);
const [N, M] = SIZES[0]!;
const Q = Number(values.queries);
const bufferPoolMb = Number(values['buffer-pool-mb']);
/** The store of a phase child (the parent makes one folder per size under --dir, or the temp folder). */
const dataDir = join(values.dir ?? tmpdir(), 'data');

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
        const list = step.direction === 'forward' ? index.outOf(node) : index.inOf(node);
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

/**
 * Upserts through the port, batches of 10,000 claims, after the searches: the first 100,000 claims again as
 * generated (the idempotent path: a re-run import or seed), then the same claims under new ids (new claims
 * between stored entities, one MERGE transaction a batch).
 */
async function upsertRates(store: GraphStore): Promise<{ idempotentRate: number; newRate: number }> {
  const total = Math.min(100_000, M);
  const batches: UpsertBatchInput[] = [];
  let taken = 0;
  for (const b of generateGraph({ entities: N, claims: M, seed: Number(values.seed), batchSize: 10_000 })) {
    if (!b.claims) continue;
    batches.push({ claims: b.claims.slice(0, total - taken) });
    taken += batches.at(-1)!.claims!.length;
    if (taken >= total) break;
  }
  const rate = async (label: string, list: UpsertBatchInput[]) => {
    const t = now();
    for (const b of list) await store.upsert(b);
    const r = total / ((now() - t) / 1000);
    console.log(`upsert through the port, ${label}: ${total.toLocaleString('en')} claims in batches of 10,000, ${Math.round(r).toLocaleString('en')} claims/s`);
    return r;
  };
  const idempotentRate = await rate('claims stored as given (idempotent path)', batches);
  const newRate = await rate('new claims between stored entities', batches.map((b) => ({ claims: b.claims!.map((c) => ({ ...c, id: `${c.id}_again` })) })));
  return { idempotentRate, newRate };
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
  const t2 = now();
  await store.exposurePaths({ from: benchEntityId('Company', 0), maxHops: 5, limit: 10 });
  console.log(`path index built at the first search: ${((now() - t2) / 1000).toFixed(1)} s`);
  await measure(store, index, 'path index in memory');
  if (values['neo4j-walk-hops']) {
    const hops = await Neo4jStore.open({ ...config, walk: 'hops' });
    await measure(hops, index, 'Cypher, one round trip per hop');
    await hops.close();
  }
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

const rssMb = () => process.resourceUsage().maxRSS / 1024;
/** A child's figures, on one stdout line the parent reads. */
const report = (r: Record<string, number>) => console.log(`RESULT ${JSON.stringify(r)}`);

if (values.phase === 'load') {
  const store = await KuzuStore.open({ dataDir, bufferPoolMb });
  const progress = new Progress({ label: 'bulk load', total: M, unit: 'claims' });
  let last = 0;
  const t0 = now();
  await store.bulkLoad(generateGraph({ entities: N, claims: M, seed: Number(values.seed) }), (c) => {
    progress.tick(c - last);
    last = c;
  });
  const loadSecs = (now() - t0) / 1000;
  progress.done();
  await store.close();
  console.log(`bulk load: ${M.toLocaleString('en')} claims + ${N.toLocaleString('en')} entities in ${loadSecs.toFixed(1)} s = ${Math.round(M / loadSecs).toLocaleString('en')} claims/s (validation, staging, COPY, FTS index, checkpoint, saved index)`);
  report({ loadRate: M / loadSecs, loadRss: rssMb() });
  process.exit(0);
}

if (values.phase === 'query') {
  const t1 = now();
  const store = await KuzuStore.open({ dataDir, bufferPoolMb });
  await store.warm();
  const reopen = (now() - t1) / 1000;
  const source = store.indexSource;
  console.log(`reopen (${source?.from === 'snapshot' ? 'saved index read back' : `rebuilt from Kùzu: ${source && 'why' in source ? source.why : '?'}`}): ${reopen.toFixed(1)} s`);
  const { ex, ref } = await measure(store, store.ctx.index, 'records read from the record file');
  // Serving memory is taken before the upserts: writing grows Kùzu's buffer pool (its hash indexes' pages).
  const queryRss = rssMb();
  const upserts = await upsertRates(store);
  await store.close();
  report({ reopen, p95: pct(ex, 95), ratio: pct(ex, 95) / pct(ref, 95), queryRss, writeRss: rssMb(), ...upserts });
  process.exit(0);
}

/** Runs this script as a child for one phase, echoing its lines, and returns its figures. */
async function phase(name: string, entities: number, claims: number, over: string): Promise<Record<string, number>> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, fileURLToPath(import.meta.url), '--phase', name, '--entities', String(entities), '--claims', String(claims),
    '--dir', over, '--seed', values.seed, '--queries', values.queries, '--buffer-pool-mb', String(bufferPoolMb)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let result: Record<string, number> | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as Record<string, number>;
    else console.log(`  ${line}`);
  }
  const code = await new Promise<number | null>((res) => child.on('close', res));
  if (code !== 0 || !result) throw new Error(`bench:store ${name} phase exited ${code}`);
  return result;
}

console.log(`bench:store — Kùzu, sizes ${SIZES.map(([e, c]) => `${e.toLocaleString('en')} entities / ${c.toLocaleString('en')} claims`).join('; ')}, seed ${values.seed}`);
const rows: Array<{ size: string; figures: Record<string, number> }> = [];
const count = (n: number) => (n >= 1e6 ? `${n / 1e6} M` : `${n / 1000} k`);
for (const [entities, claims] of SIZES) {
  const over = mkdtempSync(join(values.dir ?? tmpdir(), 'rg-bench-'));
  try {
    console.log(`${entities.toLocaleString('en')} entities, ${claims.toLocaleString('en')} claims, in ${over}`);
    const load = await phase('load', entities, claims, over);
    const query = await phase('query', entities, claims, over);
    rows.push({ size: `${count(entities)} / ${count(claims)}`, figures: { ...load, ...query } });
  } finally {
    rmSync(over, { recursive: true, force: true });
  }
}
const col = (f: (r: Record<string, number>) => string) => rows.map((r) => f(r.figures)).join(' | ');
const verdict = (ok: (r: Record<string, number>) => boolean) => (rows.every((r) => ok(r.figures)) ? 'met' : 'MISSED');
console.log(`
| figure | ${rows.map((r) => r.size).join(' | ')} | target (issue 19) |
|---|${rows.map(() => '---|').join('')}---|
| bulk load, full validation | ${col((r) => `${Math.round(r.loadRate!).toLocaleString('en')} claims/s`)} | ≥ 100,000 claims/s: ${verdict((r) => r.loadRate! >= 100_000)} |
| reopen and first walk (new process) | ${col((r) => `${r.reopen!.toFixed(1)} s`)} | ≤ 5 s: ${verdict((r) => r.reopen! <= 5)} |
| peak RSS, loading process | ${col((r) => `${Math.round(r.loadRss!).toLocaleString('en')} MB`)} | |
| peak RSS, reopened process (serving) | ${col((r) => `${Math.round(r.queryRss!).toLocaleString('en')} MB`)} | ≤ 2 GB: ${verdict((r) => Math.max(r.queryRss!, r.loadRss!) <= 2048)} (both processes) |
| upsert through the port, idempotent path (batches of 10 k) | ${col((r) => `${Math.round(r.idempotentRate!).toLocaleString('en')} claims/s`)} | ≥ 50,000 claims/s: ${verdict((r) => r.idempotentRate! >= 50_000)} |
| upsert through the port, new claims (batches of 10 k) | ${col((r) => `${Math.round(r.newRate!).toLocaleString('en')} claims/s`)} | |
| peak RSS, reopened process after those upserts | ${col((r) => `${Math.round(r.writeRss!).toLocaleString('en')} MB`)} | |
| exposurePaths p95 (≤ 5 hops, limit 10) | ${col((r) => `${r.p95!.toFixed(1)} ms, ${r.ratio!.toFixed(1)}× BFS`)} | ≤ 20 ms and ≤ 10× BFS: ${verdict((r) => r.p95! <= 20 && r.ratio! <= 10)} |
`);
