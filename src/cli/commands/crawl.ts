// `rightsgraph crawl SOURCE [--since DATE] [--max N]`: discover a source's new reports, fetch, archive and
// ingest them (resumable); `rightsgraph sources` lists the sources. A refused URL is one line on stderr
// (why: robots, private address, size, type, timeout…), recorded in the crawl state, and the crawl goes on.
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { IsoDate } from '../../domain/entity.ts';
import { Progress } from '../../util/progress.ts';
import { withStore } from '../with-store.ts';

class UsageError extends Error {
  readonly userFacing = true;
}

export function register(program: Command): void {
  program
    .command('sources')
    .description('list the sources `crawl` knows, with what each covers')
    .action(async () => {
      const { SOURCES } = await import('../../../scrapers/index.ts');
      for (const s of SOURCES) process.stdout.write(`${s.name.padEnd(10)} ${s.publisher} — ${s.covers}\n           ${s.listings.map((l) => s.origin + l).join(', ')}\n`);
    });

  program
    .command('crawl')
    .description('fetch, archive and ingest the new reports of a source (see `rightsgraph sources`); resumable')
    .argument('<source>', 'a source name')
    .option('--since <date>', 'only reports published on or after this date (YYYY-MM-DD)')
    .option('--max <n>', 'fetch at most N new reports', (v) => Number.parseInt(v, 10))
    .option('--origin <url>', 'read the source from another origin (a mirror, a test server)')
    .action(async (name: string, opts: { since?: string; max?: number; origin?: string }) => {
      // The scrapers and fetcher load with the command (the CLI's other commands start faster).
      const [{ SOURCES, sourceNamed }, { crawl, stateFileFor }, { fetcherFromConfig }] = await Promise.all([
        import('../../../scrapers/index.ts'), import('../../../scrapers/crawl.ts'), import('../../fetch/from-config.ts'),
      ]);
      const source = sourceNamed(name);
      if (!source) throw new UsageError(`no source "${name}": the sources are ${SOURCES.map((s) => s.name).join(', ')}`);
      if (opts.since && !IsoDate.safeParse(opts.since).success) throw new UsageError(`--since: ${opts.since} is not YYYY-MM-DD`);
      const config = loadConfig();
      const fetcher = fetcherFromConfig(config);
      await withStore({}, async (store) => {
        const progress = new Progress({ label: `crawl ${name}`, unit: 'reports', ...(opts.max ? { total: opts.max } : {}) });
        const report = await crawl({
          source, fetcher, store, archiveDir: config.archiveDir, stateFile: stateFileFor(config.archiveDir, source.name),
          origin: opts.origin, since: opts.since, max: opts.max,
          onEvent: (e) => {
            if (e.kind === 'refused') process.stderr.write(`rightsgraph: ${e.code}: ${e.reason}\n`);
            if (e.kind === 'ingested') {
              process.stdout.write(`${JSON.stringify({ url: e.url, documentId: e.result.documentId, entities: e.result.entities, claims: e.result.claims })}\n`);
              progress.tick();
            }
          },
        });
        progress.done();
        process.stderr.write(
          `rightsgraph: crawl ${name}: ${report.listed} listed, ${report.ingested} ingested, ${report.skipped} already done, ${report.refused} refused, ${report.failed} failed (retried next time); ${report.requests} requests in ${report.seconds.toFixed(1)} s\n`,
        );
      });
    });
}
