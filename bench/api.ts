// `npm run bench:api [-- --entities N --claims M --seconds S]`: generates a graph (default 100,000 entities,
// 500,000 claims) into a fresh embedded store, times the store calls alone (the reference), then starts
// `rightsgraph serve` on it in its own process and drives it with autocannon on 127.0.0.1: requests/s and
// p50/p99 latency for an entity lookup with its neighbours and for exposurePaths, and the API's overhead as
// the ratio of its single-connection latency to the store call's for the same query.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { KuzuStore } from '../src/store/kuzu/store.ts';
import { benchEntityId, generateGraph, kindCounts, prng } from './generate.ts';

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    claims: { type: 'string', default: '500000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const N = Number(values.entities);
const M = Number(values.claims);
const SECONDS = Number(values.seconds);
const dir = mkdtempSync(join(tmpdir(), 'rg-bench-api-'));
const dataDir = join(dir, 'data');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const ENTITY = `query($id: ID!) { entity(id: $id) { id name kind neighbours(first: 10) { totalCount edges { node { entity { id name kind } edge { type claimCount bestConfidence } } } } } }`;
const PATHS = `query($id: ID!) { exposurePaths(from: $id, maxHops: 5, first: 10) { edges { node { score ended hops { from { id } to { id } edge { type } } } } } }`;

const rnd = prng(11);
const companies = kindCounts(N).Company;
const ids = Array.from({ length: 500 }, () => benchEntityId('Company', Math.floor(rnd() * companies)));

console.log(`bench:api — ${N.toLocaleString('en')} entities, ${M.toLocaleString('en')} claims; store in ${dataDir}`);
let server: ReturnType<typeof spawn> | null = null;
try {
  // 1. The graph, and the store calls alone (same queries, same ids, serially) as the reference.
  let store = await KuzuStore.open({ dataDir, bufferPoolMb: 1024 });
  await store.bulkLoad(generateGraph({ entities: N, claims: M, seed: 42 }));
  await store.close();
  store = await KuzuStore.open({ dataDir, bufferPoolMb: 1024 });
  await store.warm();
  const ref = { entity: [] as number[], paths: [] as number[] };
  for (let round = 0; round < 2; round++) {
    for (const id of ids) {
      let t = performance.now();
      await store.getEntities([id]);
      // 11: a page of 10 reads one more item to know whether a next page exists; the reference does the same work.
      await store.neighbours(id, { limit: 11 });
      if (round) ref.entity.push(performance.now() - t);
      t = performance.now();
      await store.exposurePaths({ from: id, maxHops: 5, limit: 11 });
      if (round) ref.paths.push(performance.now() - t);
    }
  }
  await store.close();

  // 2. The server, in its own process, as users run it.
  server = spawn(process.execPath, ['bin/rightsgraph.js', 'serve', '--port', '0'], {
    env: { ...process.env, RIGHTSGRAPH_DATA: dataDir, RIGHTSGRAPH_RATE_LIMIT: '1000000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL at (http:\/\/[^\s,]+)\/graphql/.exec(out);
      if (m) resolve(m[1]!);
    });
    server!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const post = async (query: string, id: string) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { id } }) });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  // Single connection, serially: the API's latency for the same calls, for the overhead ratio, and for an
  // empty query (`{ __typename }`: HTTP, yoga's pipeline and the plugins, no store) as the floor.
  const api = { entity: [] as number[], paths: [] as number[], empty: [] as number[] };
  for (let round = 0; round < 2; round++) {
    for (const id of ids) {
      let t = performance.now();
      await post('{ __typename }', id);
      if (round) api.empty.push(performance.now() - t);
      t = performance.now();
      await post(ENTITY, id);
      if (round) api.entity.push(performance.now() - t);
      t = performance.now();
      await post(PATHS, id);
      if (round) api.paths.push(performance.now() - t);
    }
  }

  // Throughput under load: autocannon cycles through the ids.
  const load = (query: string) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      let i = 0;
      autocannon(
        {
          url: `${url}/graphql`,
          method: 'POST',
          connections: Number(values.connections),
          duration: SECONDS,
          headers: { 'content-type': 'application/json' },
          requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: { id: ids[i++ % ids.length] } }) }) }],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
    });
  const line = (name: string, r: autocannon.Result) =>
    `${name}: ${Math.round(r.requests.average).toLocaleString('en')} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${r.non2xx} non-2xx, ${r.errors} errors; ${values.connections} connections, ${SECONDS} s)`;
  const floor = await load('{ __typename }');
  console.log(line('empty query { __typename } (the server\'s ceiling here)', floor));
  const e = await load(ENTITY);
  console.log(line('entity + 10 neighbours', e));
  const p = await load(PATHS);
  console.log(line('exposurePaths (≤5 hops, limit 10)', p));
  const ratio = (a: number[], b: number[]) => pct(a, 50) / pct(b, 50);
  console.log(`single connection p50: entity API ${pct(api.entity, 50).toFixed(2)} ms vs store ${pct(ref.entity, 50).toFixed(2)} ms (${ratio(api.entity, ref.entity).toFixed(2)}×); exposurePaths API ${pct(api.paths, 50).toFixed(2)} ms vs store ${pct(ref.paths, 50).toFixed(2)} ms (${ratio(api.paths, ref.paths).toFixed(2)}×)`);
  const net = (a: number[]) => pct(a, 50) - pct(api.empty, 50);
  console.log(`empty query p50 ${pct(api.empty, 50).toFixed(2)} ms; beyond it: entity ${net(api.entity).toFixed(2)} ms (${(net(api.entity) / pct(ref.entity, 50)).toFixed(2)}× the store call), exposurePaths ${net(api.paths).toFixed(2)} ms (${(net(api.paths) / pct(ref.paths, 50)).toFixed(2)}×)`);
  console.log(`entity lookup reaches ${Math.round((100 * e.requests.average) / floor.requests.average)}% of the empty-query ceiling`);
  console.log(`targets: entity lookup ≥ 2,000 req/s: ${e.requests.average >= 2000 ? 'met' : 'MISSED'}; exposurePaths API overhead ≤ 1.5×: ${ratio(api.paths, ref.paths) <= 1.5 ? 'met' : 'MISSED'}`);
} finally {
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}
