// Tests run in forked processes: the Kùzu native addon and real servers behave best one process per file.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The live-Neo4j pass (vitest.neo4j.config.ts) runs after this one, its files one at a time.
    exclude: ['test/neo4j/**', 'node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    // expect.poll waits this long (vitest's default is 1 s): a fresh page in Chromium on a loaded 2-core
    // machine (the whole suite in two workers) can take longer than that to draw.
    expect: { poll: { timeout: 15_000 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
