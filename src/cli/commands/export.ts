// `rightsgraph export`: the whole graph, streamed with a progress line on stderr, as
//   jsonl     every document, entity, claim and change (ExportRecord), for `import`;
//   ftm       FollowTheMoney entities (src/ftm/export.ts), for Aleph and OpenSanctions tools;
//   graphml   GraphML, gexf GEXF 1.3 (Gephi), csv nodes.csv + edges.csv in the --out folder (or a .zip of
//             the two when --out ends in .zip): one node per
//             entity, one edge per subject, type and object with its claim count, certainty, dates and
//             sources (src/export/). Rejected and superseded claims are left out of these three.
// A file is written beside its name and renamed into place when complete, so a failed export (disk full, a
// killed run) never leaves a truncated file behind.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { EdgeTable } from '../../export/edge-table.ts';
import { csv, gexf, graphml, type FileEdge, type FileNode } from '../../export/graph-files.ts';
import { InputError } from '../../util/input-error.ts';
import type { ExportRecord } from '../../domain/index.ts';
import { log } from '../../util/log.ts';
import { Progress } from '../../util/progress.ts';
import { withStore } from '../with-store.ts';

const FORMATS = ['jsonl', 'ftm', 'graphml', 'gexf', 'csv'] as const;
type Format = (typeof FORMATS)[number];

/** The file's stream, opened now so a missing folder or a read-only place is one clear line. */
async function openOut(file: string, shown: string): Promise<WriteStream> {
  try {
    const fh = await open(file, 'w');
    return createWriteStream(file, { fd: fh });
  } catch (err) {
    throw new InputError(`--out: cannot write ${shown}: ${why(err)}`);
  }
}

function why(err: unknown): string {
  const code = (err as { code?: string }).code;
  return code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EROFS' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOTDIR' ? 'a file stands in its path' : (err as Error).message;
}

/** Text written in chunks to a file (through its .partial twin) or to stdout, waiting when the pipe is full. */
class Sink {
  private chunk = '';
  private failed: Error | null = null;
  private constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly file: WriteStream | null,
    private readonly partial: string | null,
    private readonly final: string | null,
  ) {
    out.on('error', (e: Error) => (this.failed = e));
  }

  static async open(path: string | undefined): Promise<Sink> {
    if (!path) return new Sink(process.stdout, null, null, null);
    const partial = `${path}.partial`;
    const file = await openOut(partial, path);
    return new Sink(file, file, partial, path);
  }

  async write(s: string): Promise<void> {
    this.chunk += s;
    if (this.chunk.length < 1 << 16) return;
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failed) throw new InputError(`export: cannot write ${this.final ?? 'stdout'}: ${this.failed.message}`);
    const c = this.chunk;
    this.chunk = '';
    if (this.out.write(c)) return;
    // The wait that loses the race is cancelled: left pending, each added listeners until Node warned of a leak.
    const ac = new AbortController();
    try {
      await Promise.race([once(this.out, 'drain', { signal: ac.signal }), once(this.out, 'close', { signal: ac.signal })]);
    } finally {
      ac.abort();
    }
  }

  /** Writes what is left and, for a file, renames it into place. */
  async close(): Promise<void> {
    await this.flush();
    if (this.file) await new Promise<void>((res) => this.file!.end(() => res()));
    if (this.failed) throw new InputError(`export: cannot write ${this.final ?? 'stdout'}: ${(this.failed as Error).message}`);
    if (this.partial) await rename(this.partial, this.final!);
  }

  async abort(): Promise<void> {
    if (this.file) this.file.destroy();
    if (this.partial) await rm(this.partial, { force: true });
  }
}

/** What a format writes for each record, and at the start and the end. */
interface Writer {
  start(): Promise<void>;
  record(rec: ExportRecord): Promise<void>;
  end(): Promise<void>;
}

export function register(program: Command): void {
  program
    .command('export')
    .description('write the whole graph: JSON lines of documents, entities, redirects (merges), claims and changes; FollowTheMoney entities; or a graph file for Gephi and spreadsheets')
    .option('-o, --out <path>', 'write to this file instead of stdout (for csv: the folder to write nodes.csv and edges.csv in, or a .zip of them)')
    .option('--format <format>', `${FORMATS.join(', ')}: jsonl (rightsgraph records, for import), ftm (FollowTheMoney entities), graphml or gexf (Gephi, yEd, Cytoscape), csv (nodes.csv + edges.csv)`, 'jsonl')
    .action(async (opts: { out?: string; format: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new InputError(`--format: ${opts.format} is not a format; use ${FORMATS.join(', ')}`);
      const format = opts.format as Format;
      if (format === 'csv' && !opts.out) throw new InputError('--format csv writes two files, nodes.csv and edges.csv: give the folder (or a .zip) with --out');
      // A .zip: the two tables are written in a folder beside it, then zipped into place.
      const zip = format === 'csv' && /\.zip$/i.test(opts.out ?? '') ? opts.out! : null;
      const folder = zip ? join(dirname(zip), `.${basename(zip)}.parts`) : opts.out;
      if (format === 'csv') {
        try {
          await mkdir(folder!, { recursive: true });
        } catch (err) {
          throw new InputError(`--out: cannot make the folder ${zip ? dirname(zip) : opts.out}: ${why(err)}`);
        }
      }
      const sinks = format === 'csv' ? [await Sink.open(join(folder!, 'nodes.csv')), await Sink.open(join(folder!, 'edges.csv'))] : [await Sink.open(opts.out)];
      try {
        await withStore({ readOnly: true }, async (store) => {
          const s = await store.stats();
          const progress = new Progress({ label: 'export', total: s.documents + s.entities + s.claims, unit: 'records' });
          const writer = await writerFor(format, sinks);
          await writer.start();
          for await (const rec of store.exportAll()) {
            await writer.record(rec);
            progress.tick();
          }
          await writer.end();
          for (const sink of sinks) await sink.close();
          if (zip) await zipInto(zip, folder!, ['nodes.csv', 'edges.csv']);
          progress.done();
        });
      } catch (err) {
        for (const sink of sinks) await sink.abort();
        throw err;
      } finally {
        if (zip) await rm(folder!, { recursive: true, force: true });
      }
    });
}

/** The files of `folder` zipped (deflated) into `zip`, through its .partial twin. */
async function zipInto(zip: string, folder: string, files: readonly string[]): Promise<void> {
  const partial = `${zip}.partial`;
  const out = await openOut(partial, zip);
  const { default: yazl } = await import('yazl');
  const z = new yazl.ZipFile();
  for (const f of files) z.addFile(join(folder, f), f);
  z.end();
  await new Promise<void>((res, rej) => {
    z.outputStream.on('error', rej);
    out.on('error', rej);
    out.on('close', () => res());
    z.outputStream.pipe(out);
  });
  await rename(partial, zip);
}

async function writerFor(format: Format, sinks: Sink[]): Promise<Writer> {
  const [out, edgesOut] = sinks as [Sink, Sink | undefined];
  if (format === 'jsonl') return { start: async () => {}, record: (rec) => out.write(`${JSON.stringify(rec)}\n`), end: async () => {} };
  if (format === 'ftm') {
    const { FtmWriter } = await import('../../ftm/export.ts');
    const ftm = new FtmWriter();
    return {
      start: async () => {},
      record: async (rec) => {
        const e = ftm.convert(rec);
        if (e) await out.write(`${JSON.stringify(e)}\n`);
      },
      end: async () => {
        if (ftm.counts.skipped) log.info({ skipped: ftm.counts.skipped }, 'merges and change records have no FtM form: left out');
      },
    };
  }
  // Graph files: nodes as the entities stream past, edges once every claim is counted.
  const table = new EdgeTable();
  const pieces: { head: () => string; node: (n: FileNode) => string; middle: () => string; edge: (e: FileEdge) => string; foot: () => string } =
    format === 'graphml'
      ? { head: graphml.head, node: graphml.node, middle: () => '', edge: graphml.edge, foot: graphml.foot }
      : format === 'gexf'
        ? { head: () => gexf.head(), node: gexf.node, middle: gexf.middle, edge: gexf.edge, foot: gexf.foot }
        : { head: csv.nodesHead, node: csv.node, middle: () => '', edge: csv.edge, foot: () => '' };
  const edgeSink = edgesOut ?? out;
  return {
    start: async () => {
      await out.write(pieces.head());
      if (edgesOut) await edgesOut.write(csv.edgesHead());
    },
    record: async (rec) => {
      if (rec.type === 'document') table.addDocument(rec.data);
      else if (rec.type === 'entity') await out.write(pieces.node(table.node(rec.data)));
      else if (rec.type === 'redirect') table.addRedirect(rec.data);
      else if (rec.type === 'claim') table.addClaim(rec.data);
    },
    end: async () => {
      await out.write(pieces.middle());
      for (const e of table.edges()) await edgeSink.write(pieces.edge(e));
      await out.write(pieces.foot());
      log.info({ edges: table.size, ...(table.skipped.reviewed || table.skipped.dangling ? { leftOut: table.skipped } : {}) }, 'graph file written');
    },
  };
}
