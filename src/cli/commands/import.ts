// `rightsgraph import FILE|-`: JSON lines of ExportRecords (what `export` writes) back into the store,
// idempotently; with `--format ftm`, FollowTheMoney entities (src/ftm/import.ts), turned into those records
// first. Bad lines are listed by line number; by default any bad line refuses the whole import
// (nothing lands); --skip-invalid imports the good lines. Either way a bad line makes the exit status 1.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { importLines } from '../import-lines.ts';
import { ftmRecords, type FtmImportCounts } from '../../ftm/import.ts';
import { InputError } from '../../extract/read-input.ts';
import { Progress } from '../../util/progress.ts';
import { withStore } from '../with-store.ts';

const SHOWN = 20;

export function register(program: Command): void {
  program
    .command('import')
    .description('read JSON lines written by `export` (FILE, or - for stdin) into the store; idempotent')
    .argument('<file>', 'a JSON-lines file, or - to read stdin')
    .option('--skip-invalid', 'import the valid lines and skip the bad ones (default: refuse the whole import)')
    .option('--batch <n>', 'records per write transaction', (v) => Number.parseInt(v, 10), 10_000)
    .option('--format <format>', 'jsonl (what export writes) or ftm (FollowTheMoney entities: Aleph, OpenSanctions)', 'jsonl')
    .option('--dataset <name>', 'with --format ftm: the source named in extractors and documents when a line names none', 'ftm')
    .action(async (file: string, opts: { skipInvalid?: boolean; batch: number; format: string; dataset: string }) => {
      if (opts.format !== 'jsonl' && opts.format !== 'ftm') throw new InputError(`--format: ${opts.format} is not a format; use jsonl or ftm`);
      let path = file;
      let tmp: string | null = null;
      if (file === '-' || opts.format === 'ftm') tmp = mkdtempSync(join(tmpdir(), 'rg-import-'));
      if (file === '-') {
        // Two passes over the input (check, then write) need it on disk.
        path = join(tmp!, 'stdin.jsonl');
        await pipeline(process.stdin, createWriteStream(path));
      }
      // Where each record came from, to name an FtM line when a record of it is refused.
      let origin: number[] | null = null;
      try {
        if (opts.format === 'ftm') {
          const converted = await convertFtm(path, join(tmp!, 'records.jsonl'), opts.dataset, !!opts.skipInvalid);
          origin = converted.origin;
          path = converted.path;
          if (converted.refused) {
            process.exitCode = 1;
            return;
          }
        }
        const report = await withStore({}, (store) =>
          importLines(store, path, { skipInvalid: !!opts.skipInvalid, batchSize: Math.max(1, opts.batch || 10_000) }),
        );
        for (const b of report.bad.slice(0, SHOWN)) process.stderr.write(`rightsgraph: ${file}:${origin ? origin[b.line - 1] : b.line}: ${b.problem}\n`);
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

/**
 * FtM lines into export records in `out`, with the FtM line each came from. Lines that are not FtM entities
 * are listed like the bad lines of an import, and refuse it unless `skipInvalid`.
 */
async function convertFtm(file: string, out: string, dataset: string, skipInvalid: boolean): Promise<{ path: string; origin: number[]; refused: boolean }> {
  const counts: FtmImportCounts = { lines: 0, documents: 0, entities: 0, claims: 0, skipped: {}, dangling: 0 };
  const origin: number[] = [];
  const bad: Array<{ line: number; problem: string }> = [];
  const sink = createWriteStream(out);
  const progress = new Progress({ label: 'import: reading FtM', unit: 'records' });
  let chunk = '';
  for await (const r of ftmRecords(file, { dataset }, counts)) {
    if ('bad' in r) {
      bad.push({ line: r.line, problem: r.bad });
      continue;
    }
    origin.push(r.line);
    chunk += `${JSON.stringify(r.rec)}\n`;
    progress.tick();
    if (chunk.length > 1 << 16) {
      if (!sink.write(chunk)) await new Promise<void>((res) => sink.once('drain', () => res()));
      chunk = '';
    }
  }
  sink.write(chunk);
  await new Promise<void>((res, rej) => sink.end((err?: Error | null) => (err ? rej(err) : res())));
  progress.done();
  for (const b of bad.slice(0, SHOWN)) process.stderr.write(`rightsgraph: ${file}:${b.line}: ${b.problem}\n`);
  if (bad.length > SHOWN) process.stderr.write(`rightsgraph: … and ${bad.length - SHOWN} more bad lines\n`);
  const skipped = Object.entries(counts.skipped).map(([k, n]) => `${n} ${k}`).join(', ');
  process.stderr.write(
    `rightsgraph: FtM: ${counts.lines} lines, ${counts.entities} entities, ${counts.documents} documents, ${counts.claims} relationships` +
      (skipped ? `; no kind here for ${skipped}` : '') + (counts.dangling ? `; ${counts.dangling} relationships to entities not in the file` : '') + '\n',
  );
  if (bad.length && !skipInvalid) {
    process.stderr.write(`rightsgraph: import refused: ${bad.length} bad line(s) of ${counts.lines}; nothing written (use --skip-invalid to import the valid lines)\n`);
    return { path: out, origin, refused: true };
  }
  if (bad.length) process.exitCode = 1;
  return { path: out, origin, refused: false };
}
