// Opens the configured graph store: the embedded Kùzu adapter in config.dataDir, or Neo4j when NEO4J_URI is set.
import type { Config } from '../config.ts';
import { StoreUnavailableError } from './errors.ts';
import type { GraphStore } from './port.ts';
import { KuzuStore } from './kuzu/store.ts';

export async function openStore(config: Config, opts: { readOnly?: boolean } = {}): Promise<GraphStore> {
  if (config.neo4j) {
    // The Neo4j developer replaces this with a dynamic import of ./neo4j/.
    throw new StoreUnavailableError('the Neo4j adapter is not built yet: unset NEO4J_URI to use the embedded store');
  }
  return KuzuStore.open({ dataDir: config.dataDir, bufferPoolMb: config.bufferPoolMb, readOnly: !!opts.readOnly });
}
