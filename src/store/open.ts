// Opens the configured graph store: Neo4j when NEO4J_URI is set, else the embedded Kùzu adapter in
// config.dataDir. Each adapter is imported only when chosen, so the embedded default never loads the
// Neo4j driver and a Neo4j deployment never loads Kùzu's native binary.
import type { Config } from '../config.ts';
import type { GraphStore } from './port.ts';

export async function openStore(config: Config, opts: { readOnly?: boolean } = {}): Promise<GraphStore> {
  if (config.neo4j) {
    const { Neo4jStore } = await import('./neo4j/store.ts');
    return Neo4jStore.open(config.neo4j);
  }
  const { KuzuStore } = await import('./kuzu/store.ts');
  return KuzuStore.open({ dataDir: config.dataDir, bufferPoolMb: config.bufferPoolMb, readOnly: !!opts.readOnly });
}

