// The second pass of `npm test`, against the live Neo4j of NEO4J_URI (scripts/test-neo4j.mjs starts it only
// then): the API's test files and the dev-corpus ingest on a Neo4j-backed store, and the tests that need the
// server itself (test/neo4j/). One database, so one file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/neo4j/**/*.test.ts', 'test/api/**/*.test.ts', 'test/ingest/dev-corpus.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    // expect.poll waits this long (vitest's default is 1 s): a fresh page in Chromium on a loaded 2-core
    // machine (the whole suite in two workers) can take longer than that to draw.
    expect: { poll: { timeout: 15_000 } },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { RIGHTSGRAPH_TEST_STORE: 'neo4j' },
    reporters: ['default'],
  },
});
