// `rightsgraph seed`: loads (again) the curated seed stories of seeds/stories; idempotent.
import type { Command } from 'commander';
import { loadSeeds, SEEDS_DIR } from '../../ingest/seed.ts';
import { withStore } from '../with-store.ts';

export function register(program: Command): void {
  program
    .command('seed')
    .description('load the curated seed stories (seeds/stories/*.json); running it twice changes nothing')
    .option('--dir <dir>', 'folder of seed stories', SEEDS_DIR)
    .action(async (opts: { dir: string }) => {
      await withStore({}, async (store) => {
        const r = await loadSeeds(store, opts.dir);
        process.stdout.write(`${JSON.stringify(r)}\n`);
      });
    });
}
