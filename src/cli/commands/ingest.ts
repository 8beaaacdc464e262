// `rightsgraph ingest FILE…`: extract each report and add its document, entities and claims to the graph
// (one atomic batch per file; running it again changes nothing).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { IsoDate } from '../../domain/entity.ts';
import { loadConfig } from '../../config.ts';
import { FetchError } from '../../fetch/errors.ts';
import { FailureLog } from '../../ingest/failures.ts';
import { InvalidBatchError, StoreError } from '../../store/errors.ts';
import { InputError } from '../../util/input-error.ts';
import { withStore } from '../with-store.ts';
import { Progress } from '../../util/progress.ts';

export function register(program: Command): void {
  program
    .command('ingest')
    .description('extract reports (.txt, .html, .pdf files, or http(s) URLs, fetched safely and archived) and add their documents, entities and claims to the graph')
    .argument('[files...]', 'the reports: files, folders of them, or URLs')
    .option('--retry-failed', 'try again the documents that failed before (see RIGHTSGRAPH_ARCHIVE/ingest-failed.json)')
    .option('--lang <lang>', 'auto, fr or en', 'auto')
    .option('--url <url>', 'the public URL of the report (one file only)')
    .option('--title <title>', 'the title (one file only)')
    .option('--publisher <name>', 'who published it')
    .option('--published <date>', 'publication date, YYYY-MM-DD')
    .option('--max-mb <mb>', 'refuse files over this size', '20')
    .action(async (given: string[], opts: { lang: string; url?: string; title?: string; publisher?: string; published?: string; retryFailed?: boolean; maxMb: string }) => {
      const config = loadConfig();
      // The extractor and fetcher load with the command that uses them (the CLI's other commands start faster).
      const [{ ingestFile }, { ingestUrl }, { fetcherFromConfig }] = await Promise.all([import('../../ingest/ingest.ts'), import('../../ingest/ingest-url.ts'), import('../../fetch/from-config.ts')]);
      const failures = FailureLog.in(config.archiveDir);
      // A folder stands for the reports in it (.txt, .html, .htm, .pdf), recursively, in name order.
      const expand = (p: string): string[] =>
        !/^[a-z][a-z0-9+.-]*:\/\//i.test(p) && existsSync(p) && statSync(p).isDirectory()
          ? readdirSync(p, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(txt|html?|pdf)$/i.test(f)).sort().map((f) => join(p, f))
          : [p];
      const files = [...given.flatMap(expand), ...(opts.retryFailed ? failures.list().map((f) => f.input).filter((f) => !given.includes(f)) : [])];
      if (!files.length) throw new InputError(opts.retryFailed ? 'nothing to retry: no document has failed' : 'ingest: give files or URLs (or --retry-failed)');
      if (opts.published && !IsoDate.safeParse(opts.published).success) throw new InputError(`--published: ${opts.published} is not YYYY-MM-DD`);
      if (!(Number(opts.maxMb) > 0)) throw new InputError(`--max-mb: ${opts.maxMb} is not a positive number of megabytes`);
      if ((opts.url || opts.title) && files.length > 1) throw new InputError('--url and --title name one report: pass one file');
      const fetcher = files.some((f) => /^[a-z][a-z0-9+.-]*:\/\//i.test(f)) ? fetcherFromConfig(config) : null;
      await withStore({}, async (store) => {
        const progress = new Progress({ label: 'ingest', unit: 'files', total: files.length });
        let failed = 0;
        for (const file of files) {
          try {
            if (fetcher && /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
              const r = await ingestUrl(store, fetcher, config.archiveDir, file, { ...(opts.publisher ? { publisher: opts.publisher } : {}), ...(opts.published ? { publishedAt: opts.published } : {}), ...(opts.title ? { title: opts.title } : {}) });
              process.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
              failures.succeed(file);
              progress.tick();
              continue;
            }
            const r = await ingestFile(store, file, { archiveDir: config.archiveDir, maxBytes: Number(opts.maxMb) * 1024 * 1024, language: opts.lang, ...(opts.url ? { url: opts.url } : {}), ...(opts.title ? { title: opts.title } : {}), ...(opts.publisher ? { publisher: opts.publisher } : {}), publishedAt: opts.published ?? null });
            process.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
            failures.succeed(file);
          } catch (err) {
            // A store that cannot be written (locked, full) stops everything; a bad document stops only itself.
            if (err instanceof StoreError && !(err instanceof InvalidBatchError)) throw err;
            failed++;
            const reason = err instanceof InputError || err instanceof FetchError || err instanceof InvalidBatchError ? err.message : `extraction failed: ${(err as Error).message}`;
            failures.fail(file, reason);
            process.stderr.write(`rightsgraph: ${file}: ${reason}\n`);
          }
          progress.tick();
        }
        progress.done();
        if (failed) {
          process.stderr.write(`rightsgraph: ${failed} of ${files.length} failed (recorded; \`rightsgraph ingest --retry-failed\` tries them again)\n`);
          process.exitCode = 1;
        }
      });
    });
}
