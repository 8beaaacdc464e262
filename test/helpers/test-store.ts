// The store a test file runs on: a real Kùzu database in a temp folder, or, in the live-Neo4j pass of
// `npm test` (RIGHTSGRAPH_TEST_STORE=neo4j, vitest.neo4j.config.ts), the Neo4j of NEO4J_URI emptied first.
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { Neo4jStore } from '../../src/store/neo4j/store.ts';
import type { GraphStore } from '../../src/store/port.ts';

export const onNeo4j = process.env.RIGHTSGRAPH_TEST_STORE === 'neo4j';

/** Environment for a CLI child: the embedded folder, or the live Neo4j in the Neo4j pass. */
export function cliStoreEnv(dataDir: string): Record<string, string> {
  return onNeo4j ? { RIGHTSGRAPH_DATA: dataDir } : { RIGHTSGRAPH_DATA: dataDir, NEO4J_URI: '' };
}

export async function openTestStore(dir: string, opts: { keep?: boolean } = {}): Promise<GraphStore> {
  if (!onNeo4j) return KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
  const config = loadConfig().neo4j;
  if (!config) throw new Error('RIGHTSGRAPH_TEST_STORE=neo4j needs NEO4J_URI');
  const store = await Neo4jStore.open(config);
  if (!opts.keep) await store.clear();
  return store;
}
