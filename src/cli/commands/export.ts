// `rightsgraph export`: every document, entity, claim and change as JSON lines (ExportRecord), or with
// `--format ftm` as FollowTheMoney entities (src/ftm/export.ts), streamed to stdout or a file, with a
// progress line on stderr. A file is written beside its name and renamed into
// place when complete, so a failed export (disk full, a killed run) never leaves a truncated file behind.
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Command } from 'commander';
import { InputError } from '../../extract/read-input.ts';
import { FtmWriter } from '../../ftm/export.ts';
import { log } from '../../util/log.ts';
import { Progress } from '../../util/progress.ts';
import { withStore } from '../with-store.ts';

/** The file's stream, opened now so a missing folder or a read-only place is one clear line. */
async function openOut(file: string, shown: string): Promise<WriteStream> {
  try {
    const fh = await open(file, 'w');
    return createWriteStream(file, { fd: fh });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EROFS' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new InputError(`--out: cannot write ${shown}: ${why}`);
  }
}

export function register(program: Command): void {
  program
    .command('export')
    .description('write the whole graph as JSON lines: documents, entities, redirects (merges), claims, then change records')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--format <format>', 'jsonl (rightsgraph records, for import) or ftm (FollowTheMoney entities, for Aleph and OpenSanctions tools)', 'jsonl')
    .action(async (opts: { out?: string; format: string }) => {
      if (opts.format !== 'jsonl' && opts.format !== 'ftm') throw new InputError(`--format: ${opts.format} is not a format; use jsonl or ftm`);
      const ftm = opts.format === 'ftm' ? new FtmWriter() : null;
      const partial = opts.out ? `${opts.out}.partial` : null;
      const file = partial ? await openOut(partial, opts.out!) : null;
      const out = file ?? process.stdout;
      let failed: Error | null = null;
      out.on('error', (e: Error) => (failed = e));
      try {
        await withStore({ readOnly: true }, async (store) => {
          const s = await store.stats();
          const progress = new Progress({ label: 'export', total: s.documents + s.entities + s.claims, unit: 'records' });
          let chunk = '';
          for await (const rec of store.exportAll()) {
            if (ftm) {
              const e = ftm.convert(rec);
              if (e) chunk += `${JSON.stringify(e)}\n`;
            } else chunk += `${JSON.stringify(rec)}\n`;
            progress.tick();
            if (chunk.length > 1 << 16) {
              if (failed) break;
              if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
              chunk = '';
            }
          }
          if (!failed) out.write(chunk);
          if (file) await new Promise<void>((res) => file.end(() => res()));
          if (failed) throw new InputError(`export: cannot write ${opts.out ?? 'stdout'}: ${(failed as Error).message}`);
          if (partial) await rename(partial, opts.out!);
          progress.done();
          if (ftm?.counts.skipped) log.info({ skipped: ftm.counts.skipped }, 'merges and change records have no FtM form: left out');
        });
      } catch (err) {
        if (partial) await rm(partial, { force: true });
        throw err;
      }
    });
}
