// `rightsgraph ingest FILE…`: extract each report and add its document, entities and claims to the graph
// (one atomic batch per file; running it again changes nothing).
import type { Command } from 'commander';
import { IsoDate } from '../../domain/entity.ts';
import { ingestFile } from '../../ingest/ingest.ts';
import { ingestUrl } from '../../ingest/ingest-url.ts';
import { loadConfig } from '../../config.ts';
import { FetchError } from '../../fetch/errors.ts';
import { fetcherFromConfig } from '../../fetch/from-config.ts';
import { InputError } from '../../extract/read-input.ts';
import { withStore } from '../with-store.ts';
import { Progress } from '../../util/progress.ts';

export function register(program: Command): void {
  program
    .command('ingest')
    .description('extract reports (.txt, .html, .pdf files, or http(s) URLs, fetched safely and archived) and add their documents, entities and claims to the graph')
    .argument('<files...>', 'the reports: files or URLs')
    .option('--lang <lang>', 'auto, fr or en', 'auto')
    .option('--url <url>', 'the public URL of the report (one file only)')
    .option('--title <title>', 'the title (one file only)')
    .option('--publisher <name>', 'who published it')
    .option('--published <date>', 'publication date, YYYY-MM-DD')
    .action(async (files: string[], opts: { lang: string; url?: string; title?: string; publisher?: string; published?: string }) => {
      if (opts.published && !IsoDate.safeParse(opts.published).success) throw new InputError(`--published: ${opts.published} is not YYYY-MM-DD`);
      if ((opts.url || opts.title) && files.length > 1) throw new InputError('--url and --title name one report: pass one file');
      const config = loadConfig();
      const fetcher = files.some((f) => /^[a-z][a-z0-9+.-]*:\/\//i.test(f)) ? fetcherFromConfig(config) : null;
      await withStore({}, async (store) => {
        const progress = new Progress({ label: 'ingest', unit: 'files', total: files.length });
        let failed = 0;
        for (const file of files) {
          try {
            if (fetcher && /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
              const r = await ingestUrl(store, fetcher, config.archiveDir, file, { ...(opts.publisher ? { publisher: opts.publisher } : {}), ...(opts.published ? { publishedAt: opts.published } : {}), ...(opts.title ? { title: opts.title } : {}) });
              process.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
              progress.tick();
              continue;
            }
            const r = await ingestFile(store, file, { language: opts.lang, ...(opts.url ? { url: opts.url } : {}), ...(opts.title ? { title: opts.title } : {}), ...(opts.publisher ? { publisher: opts.publisher } : {}), publishedAt: opts.published ?? null });
            process.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
          } catch (err) {
            if (!(err instanceof InputError) && !(err instanceof FetchError)) throw err;
            failed++;
            process.stderr.write(`rightsgraph: ${file}: ${err.message}\n`);
          }
          progress.tick();
        }
        progress.done();
        if (failed) process.exitCode = 1;
      });
    });
}
