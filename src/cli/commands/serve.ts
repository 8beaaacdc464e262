// `rightsgraph serve` (the GraphQL API and the explorer on the configured store) and `rightsgraph start`
// (the same, after loading the curated seeds into an empty store). The server holds the store open for
// writing, so other commands wait until it stops (Kùzu allows one writer per database).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { openStore } from '../../store/open.ts';
import { log } from '../../util/log.ts';
import { repoRoot } from '../../util/shared.ts';

export const UI_DIR = resolve(repoRoot, 'dist', 'ui');

async function run(opts: { port?: string; host?: string; seed: boolean }): Promise<void> {
  // Loaded here, not at the top: every other command starts without the API's modules.
  const [{ closeServer, listen }, { createApi }, { seedIfEmpty }, { fetcherFromConfig }] = await Promise.all([
    import('../../api/main.ts'), import('../../api/yoga.ts'), import('../../ingest/seed.ts'), import('../../fetch/from-config.ts'),
  ]);
  const config = loadConfig();
  const store = await openStore(config);
  try {
    if (opts.seed && (await seedIfEmpty(store))) log.info('empty store: loaded the curated seed stories');
    // Load the store's in-memory index now, so the first request does not wait for it.
    await store.warm();
    const uiDir = existsSync(resolve(UI_DIR, 'index.html')) ? UI_DIR : null;
    if (!uiDir) log.warn('no explorer UI in dist/ui (npm run build:ui builds it); / says so, the API is served');
    const api = createApi({
      store, apiKeys: config.apiKeys, anonymousRead: config.anonymousRead, rateLimitPerMinute: config.rateLimitPerMinute, uiDir, production: config.production,
      fetcher: fetcherFromConfig(config), archiveDir: config.archiveDir, dossierDir: config.dossierDir,
    });
    const port = opts.port !== undefined ? Number(opts.port) : config.port;
    const { server, url } = await listen(api, opts.host ?? config.host, port);
    log.info({ url: `${url}/graphql`, store: store.name, dataDir: config.dataDir, keys: config.apiKeys.length, anonymousRead: config.anonymousRead }, 'rightsgraph listening');
    process.stdout.write(`rightsgraph: GraphQL at ${url}/graphql${uiDir ? `, explorer at ${url}/` : ''}\n`);
    await new Promise<void>((done) => {
      const stop = (signal: string) => {
        log.info({ signal }, 'stopping');
        void closeServer(server).then(done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  for (const [name, seed, description] of [
    ['start', true, 'load the curated seeds into an empty store, then serve the GraphQL API and the explorer'],
    ['serve', false, 'serve the GraphQL API (/graphql) and the explorer (/) on the configured store'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .option('-p, --port <port>', 'port to listen on (default: $PORT or 4000; 0 picks a free one)')
      .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
      .action((opts: { port?: string; host?: string }) => run({ ...opts, seed }));
  }
}
