// The live-Neo4j pass of `npm test` (vitest.neo4j.config.ts). With NEO4J_URI set it runs; without it, it
// fails under CI (CI must run it: .ci/run starts a Neo4j) and elsewhere says in one line how to run it.
import { spawnSync } from 'node:child_process';

if (!process.env.NEO4J_URI) {
  if (process.env.CI) {
    console.error('test-neo4j: NEO4J_URI is not set in CI: the Neo4j pass must run (see .ci/run)');
    process.exit(1);
  }
  console.error('test-neo4j: skipped, no NEO4J_URI: start one with `npm run neo4j:local` (Java 17+, Maven), then NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=rightsgraph-local npm test');
  process.exit(0);
}
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.neo4j.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
