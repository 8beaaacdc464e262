// `rightsgraph import FILE|-`: JSON lines of ExportRecords (what `export` writes) back into the store,
// idempotently; with `--format ftm`, FollowTheMoney entities (src/ftm/import.ts), with `--format gleif-rr`,
// GLEIF relationship records (src/gleif/import.ts), turned into those records first. Bad lines are listed by line number; by default any bad line refuses the whole import
// (nothing lands); --skip-invalid imports the good lines. Either way a bad line makes the exit status 1.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { LineCheck, importLines, type ImportReport } from '../import-lines.ts';
import type { FtmImportCounts } from '../../ftm/import.ts';
import type { GleifImportCounts } from '../../gleif/import.ts';
import type { ExportRecord } from '../../domain/index.ts';
import type { GraphStore } from '../../store/port.ts';
import { InputError } from '../../util/input-error.ts';
import { Progress } from '../../util/progress.ts';
import { withStore } from '../with-store.ts';

const SHOWN = 20;

export function register(program: Command): void {
  program
    .command('import')
    .description('read JSON lines written by `export` (FILE, or - for stdin) into the store; idempotent')
    .argument('<file>', 'a JSON-lines file, or - to read stdin')
    .option('--skip-invalid', 'import the valid lines and skip the bad ones (default: refuse the whole import)')
    .option('--batch <n>', 'records per write transaction (per checked batch, for a first import)', (v) => Number.parseInt(v, 10), 10_000)
    .option('--format <format>', 'jsonl (what export writes), ftm (FollowTheMoney entities: Aleph, OpenSanctions) or gleif-rr (GLEIF Level 2 relationship records, CSV or JSON)', 'jsonl')
    .option('--dataset <name>', 'with --format ftm: the source named in extractors and documents when a line names none', 'ftm')
    .option('--lei-records <file>', 'with --format gleif-rr: GLEIF Level 1 records (CSV or JSON) naming the LEIs the graph does not hold')
    .option('--known-only', 'with --format gleif-rr: only the records with an end the graph already holds')
    .action(async (file: string, opts: { skipInvalid?: boolean; batch: number; format: string; dataset: string; leiRecords?: string; knownOnly?: boolean }) => {
      if (!['jsonl', 'ftm', 'gleif-rr'].includes(opts.format)) throw new InputError(`--format: ${opts.format} is not a format; use jsonl, ftm or gleif-rr`);
      if ((opts.leiRecords || opts.knownOnly) && opts.format !== 'gleif-rr') throw new InputError('--lei-records and --known-only go with --format gleif-rr');
      let path = file;
      let tmp: string | null = null;
      if (file === '-' || opts.format !== 'jsonl') tmp = mkdtempSync(join(tmpdir(), 'rg-import-'));
      if (file === '-') {
        // Two passes over the input (check, then write) need it on disk.
        path = join(tmp!, 'stdin.jsonl');
        await pipeline(process.stdin, createWriteStream(path));
      }
      // Where each record came from, to name an FtM line when a record of it is refused.
      let origin: number[] | null = null;
      let checked: LineCheck | undefined;
      try {
        const report = await withStore({}, async (store) => {
          if (opts.format !== 'jsonl') {
            // Another dataset's records are matched onto the graph by id and name: the conversion reads the store.
            const out = join(tmp!, 'records.jsonl');
            const batchSize = Math.max(1, opts.batch || 10_000);
            const converted =
              opts.format === 'ftm'
                ? await convertFtm(store, path, out, opts.dataset, { skipInvalid: !!opts.skipInvalid, batchSize })
                : await convertGleif(store, path, out, opts, !!opts.skipInvalid);
            if ('report' in converted) {
              origin = converted.origin;
              return converted.report;
            }
            origin = converted.origin;
            checked = converted.checked;
            path = converted.path;
            if (converted.refused) return null;
          }
          return importLines(store, path, { skipInvalid: !!opts.skipInvalid, batchSize: Math.max(1, opts.batch || 10_000) }, checked);
        });
        if (!report) {
          process.exitCode = 1;
          return;
        }
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
 * Converted records written to `out` as JSON lines, with the input line each came from, and checked as they
 * are written (the import's check pass, without reading them back); bad input lines collected.
 */
type Converted = { line: number; rec: ExportRecord } | { line: number; bad: string };

async function writeConverted(
  file: string,
  // One at a time or in batches (a reader of millions of lines yields batches: each step costs).
  records: AsyncIterable<Converted | Converted[]>,
  out: string,
  label: string,
): Promise<{ origin: number[]; bad: Array<{ line: number; problem: string }>; checked: LineCheck }> {
  const origin: number[] = [];
  const bad: Array<{ line: number; problem: string }> = [];
  const checked = new LineCheck();
  const sink = createWriteStream(out);
  const progress = new Progress({ label, unit: 'records' });
  let chunk = '';
  for await (const got of records) {
    for (const r of Array.isArray(got) ? got : [got]) {
      if ('bad' in r) {
        bad.push({ line: r.line, problem: r.bad });
        continue;
      }
      origin.push(r.line);
      checked.add(origin.length, r.rec);
      chunk += `${JSON.stringify(r.rec)}\n`;
      progress.tick();
    }
    if (chunk.length > 1 << 16) {
      if (!sink.write(chunk)) await new Promise<void>((res) => sink.once('drain', () => res()));
      chunk = '';
    }
  }
  sink.write(chunk);
  await new Promise<void>((res, rej) => sink.end((err?: Error | null) => (err ? rej(err) : res())));
  progress.done();
  showBad(file, bad);
  return { origin, bad, checked };
}

function showBad(file: string, bad: ReadonlyArray<{ line: number; problem: string }>): void {
  for (const b of bad.slice(0, SHOWN)) process.stderr.write(`rightsgraph: ${file}:${b.line}: ${b.problem}\n`);
  if (bad.length > SHOWN) process.stderr.write(`rightsgraph: … and ${bad.length - SHOWN} more bad lines\n`);
}

/** Bad input lines refuse the import unless `skipInvalid`; either way they make the exit status 1. */
function refuses(bad: readonly unknown[], lines: number, skipInvalid: boolean): boolean {
  if (bad.length && !skipInvalid) {
    process.stderr.write(`rightsgraph: import refused: ${bad.length} bad line(s) of ${lines}; nothing written (use --skip-invalid to import the valid lines)\n`);
    return true;
  }
  if (bad.length) process.exitCode = 1;
  return false;
}

/**
 * FtM lines into export records in `out`, with the FtM line each came from. Lines that are not FtM entities
 * are listed like the bad lines of an import, and refuse it unless `skipInvalid`. Into an empty store with
 * a bulk load, the conversion runs in a worker thread and its records are loaded as they come
 * (import-streamed.ts): the import is then done here, and its report returned.
 */
async function convertFtm(
  store: GraphStore,
  file: string,
  out: string,
  dataset: string,
  opts: { skipInvalid: boolean; batchSize: number },
): Promise<{ path: string; origin: number[]; checked?: LineCheck; refused: boolean } | { report: ImportReport | null; origin: number[] }> {
  const counts: FtmImportCounts = { lines: 0, documents: 0, entities: 0, claims: 0, skipped: {}, dangling: 0, sanctions: 0, onGraph: 0, byName: 0, possibleDuplicates: 0 };
  const label = 'import: reading FtM';
  const s = await store.stats();
  if (store.bulkLoad && !s.documents && !s.entities && !s.claims) {
    const [{ convertInWorker }, { importStreamed }] = await Promise.all([import('../../ftm/convert-thread.ts'), import('../import-streamed.ts')]);
    const streamed = await importStreamed(store, convertInWorker(file, dataset, counts), out, { ...opts, label });
    showBad(file, streamed.inputBad);
    showFtmCounts(counts);
    // Refused exactly when bad input lines came without --skip-invalid (as `refused` says); prints why.
    if (refuses(streamed.inputBad, counts.lines, opts.skipInvalid) || streamed.kind === 'refused') return { report: null, origin: streamed.origin };
    if (streamed.kind === 'imported') return { report: streamed.report, origin: streamed.origin };
    return { path: out, origin: streamed.origin, refused: false };
  }
  // FtM's model and GLEIF's readers load with the format that needs them.
  const { ftmRecords } = await import('../../ftm/import.ts');
  const { origin, bad, checked } = await writeConverted(file, ftmRecords(file, { dataset }, counts, store), out, label);
  showFtmCounts(counts);
  return { path: out, origin, checked, refused: refuses(bad, counts.lines, opts.skipInvalid) };
}

function showFtmCounts(counts: FtmImportCounts): void {
  const skipped = Object.entries(counts.skipped).map(([k, n]) => `${n} ${k}`).join(', ');
  process.stderr.write(
    `rightsgraph: FtM: ${counts.lines} lines, ${counts.entities} entities, ${counts.documents} documents, ${counts.claims} relationships` +
      (counts.sanctions ? `, ${counts.sanctions} sanctions (as dated topics)` : '') +
      (skipped ? `; no kind here for ${skipped}` : '') + (counts.dangling ? `; ${counts.dangling} relationships to entities not in the file` : '') + '\n',
  );
  if (counts.onGraph || counts.byName || counts.possibleDuplicates) {
    process.stderr.write(`rightsgraph: FtM: ${counts.onGraph} found on the graph by OpenSanctions id or LEI, ${counts.byName} matched by name, ${counts.possibleDuplicates} possible duplicates for review\n`);
  }
}

/** GLEIF relationship records into export records in `out` (companies matched on the store by LEI and name). */
async function convertGleif(
  store: GraphStore,
  file: string,
  out: string,
  opts: { leiRecords?: string; knownOnly?: boolean },
  skipInvalid: boolean,
): Promise<{ path: string; origin: number[]; checked: LineCheck; refused: boolean }> {
  const { gleifRecords } = await import('../../gleif/import.ts');
  const counts: GleifImportCounts = { records: 0, claims: 0, onGraph: 0, byName: 0, created: 0, possibleDuplicates: 0, skipped: {} };
  const gleifOpts = { ...(opts.leiRecords ? { leiRecords: opts.leiRecords } : {}), ...(opts.knownOnly ? { knownOnly: true } : {}) };
  const { origin, bad, checked } = await writeConverted(file, gleifRecords(file, gleifOpts, store, counts), out, 'import: reading GLEIF');
  const skipped = Object.entries(counts.skipped).map(([k, n]) => `${n} ${k}`).join(', ');
  process.stderr.write(
    `rightsgraph: GLEIF: ${counts.records} relationship records, ${counts.claims} PART_OF claims; LEIs: ${counts.onGraph} on the graph, ${counts.byName} matched by name, ${counts.created} new companies` +
      (counts.possibleDuplicates ? `, ${counts.possibleDuplicates} possible duplicates for review` : '') + (skipped ? `; skipped ${skipped}` : '') + '\n',
  );
  return { path: out, origin, checked, refused: refuses(bad, counts.records, skipInvalid) };
}
