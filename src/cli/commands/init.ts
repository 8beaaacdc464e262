// `rightsgraph init`: creates the store in the data folder (or opens the existing one) and says where it is.
import type { Command } from 'commander';
import { withStore } from '../with-store.ts';

export function register(program: Command): void {
  program
    .command('init')
    .description('create the graph store in RIGHTSGRAPH_DATA (default ./data), or check the existing one')
    .action(async () => {
      await withStore({}, async (store, dataDir) => {
        const s = await store.stats();
        process.stdout.write(`store: ${dataDir} (${s.store}, schema version ${s.schemaVersion}); ${s.entities} entities, ${s.claims} claims, ${s.documents} documents\n`);
      });
    });
}
