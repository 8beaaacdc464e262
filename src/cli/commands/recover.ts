// `rightsgraph recover`: rebuilds the embedded store's database from its record log, for a database file
// Kùzu cannot read (damaged on disk, or by a crash the open did not catch). The open already does this by
// itself after a kill it can see (store/kuzu/recover.ts); this is the same rebuild on the user's word.
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { InputError } from '../../util/input-error.ts';

export function register(program: Command): void {
  program
    .command('recover')
    .description('rebuild the embedded store from its record log (graph.kuzu.records), keeping the current database file as graph.kuzu.damaged-<time>')
    .action(async () => {
      const config = loadConfig();
      if (config.neo4j) throw new InputError('recover rebuilds the embedded store; with NEO4J_URI set, Neo4j keeps its own transaction log');
      const { KuzuStore, recoverStore } = await import('../../store/kuzu/store.ts');
      const r = await recoverStore({ dataDir: config.dataDir, bufferPoolMb: config.bufferPoolMb });
      // Opened once for writing: the in-memory index and the record file are rebuilt and saved now.
      const store = await KuzuStore.open({ dataDir: config.dataDir, bufferPoolMb: config.bufferPoolMb });
      try {
        await store.warm();
      } finally {
        await store.close();
      }
      process.stdout.write(
        `recovered ${config.dataDir} from its record log: ${r.documents} documents, ${r.entities} entities, ${r.claims} claims, ${r.redirects} redirects, ${r.changes} changes; the old database file is kept at ${r.keptAt} (delete it once satisfied)\n`,
      );
    });
}
