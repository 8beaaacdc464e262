// `rightsgraph stats`: counts of documents, entities by kind and claims by type, as JSON on stdout.
import type { Command } from 'commander';
import { withStore } from '../with-store.ts';

export function register(program: Command): void {
  program
    .command('stats')
    .description('print counts of documents, entities (by kind) and claims (by type) as JSON')
    .action(async () => {
      await withStore({ readOnly: true }, async (store) => {
        process.stdout.write(`${JSON.stringify(await store.stats(), null, 2)}\n`);
      });
    });
}
