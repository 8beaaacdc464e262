// `rightsgraph import FILE|-`: JSON lines of ExportRecords (what `export` writes) back into the store,
// idempotently. Bad lines are listed by line number; by default any bad line refuses the whole import
// (nothing lands); --skip-invalid imports the good lines. Either way a bad line makes the exit status 1.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { importLines } from '../import-lines.ts';
import { withStore } from '../with-store.ts';

const SHOWN = 20;

export function register(program: Command): void {
  program
    .command('import')
    .description('read JSON lines written by `export` (FILE, or - for stdin) into the store; idempotent')
    .argument('<file>', 'a JSON-lines file, or - to read stdin')
    .option('--skip-invalid', 'import the valid lines and skip the bad ones (default: refuse the whole import)')
    .option('--batch <n>', 'records per write transaction', (v) => Number.parseInt(v, 10), 10_000)
    .action(async (file: string, opts: { skipInvalid?: boolean; batch: number }) => {
      let path = file;
      let tmp: string | null = null;
      if (file === '-') {
        // Two passes over the input (check, then write) need it on disk.
        tmp = mkdtempSync(join(tmpdir(), 'rg-import-'));
        path = join(tmp, 'stdin.jsonl');
        await pipeline(process.stdin, createWriteStream(path));
      }
      try {
        const report = await withStore({}, (store) =>
          importLines(store, path, { skipInvalid: !!opts.skipInvalid, batchSize: Math.max(1, opts.batch || 10_000) }),
        );
        for (const b of report.bad.slice(0, SHOWN)) process.stderr.write(`rightsgraph: ${file}:${b.line}: ${b.problem}\n`);
        if (report.bad.length > SHOWN) process.stderr.write(`rightsgraph: … and ${report.bad.length - SHOWN} more bad lines\n`);
        const i = report.imported;
        if (report.refused) {
          process.stderr.write(`rightsgraph: import refused: ${report.bad.length} bad line(s) of ${report.lines}; nothing written (use --skip-invalid to import the valid lines)\n`);
        } else {
          process.stderr.write(
            `rightsgraph: imported ${i.documents} documents, ${i.entities} entities, ${i.redirects} redirects, ${i.claims} claims, ${i.changes} changes` +
              (report.bad.length ? `; skipped ${report.bad.length} bad line(s)` : '') + '\n',
          );
        }
        if (report.bad.length) process.exitCode = 1;
      } finally {
        if (tmp) rmSync(tmp, { recursive: true, force: true });
      }
    });
}
