// `rightsgraph export`: every document, entity, claim and change as JSON lines (ExportRecord), streamed to
// stdout or a file, with a progress line on stderr.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { Progress } from '../../util/progress.ts';
import { withStore } from '../with-store.ts';

export function register(program: Command): void {
  program
    .command('export')
    .description('write the whole graph as JSON lines: documents, entities, redirects (merges), claims, then change records')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (opts: { out?: string }) => {
      await withStore({ readOnly: true }, async (store) => {
        const s = await store.stats();
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        const progress = new Progress({ label: 'export', total: s.documents + s.entities + s.claims, unit: 'records' });
        let chunk = '';
        for await (const rec of store.exportAll()) {
          chunk += `${JSON.stringify(rec)}\n`;
          progress.tick();
          if (chunk.length > 1 << 16) {
            if (!out.write(chunk)) await once(out, 'drain');
            chunk = '';
          }
        }
        out.write(chunk);
        if (out !== process.stdout) {
          await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
        }
        progress.done();
      });
    });
}
