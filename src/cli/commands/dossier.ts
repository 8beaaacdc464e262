// `rightsgraph dossier <entity id>`: the entity's exposure paths (or one path, --to; or who is exposed to an
// abuse) as a citable dossier in Markdown (standard output by default) or PDF (--out), frozen in the data
// folder's dossiers/ under its sha256 so the serve command's permalink /dossiers/<sha256> keeps showing it.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { IsoDate } from '../../domain/entity.ts';
import { InputError } from '../../util/input-error.ts';
import { loadConfig } from '../../config.ts';
import { DOSSIER_MAX_PATHS } from '../../dossier/build.ts';
import { withStore } from '../with-store.ts';

export function register(program: Command): void {
  program
    .command('dossier')
    .description('write a citable dossier of an entity’s exposure paths (every hop with its evidence), frozen at a permalink')
    .argument('<entity>', 'entity id (an abuse: who is exposed to it)')
    .option('--to <abuse>', 'only the paths to this entity')
    .option('--as-of <date>', 'what had been published by this date (YYYY-MM-DD)')
    .option('--format <format>', 'md or pdf', 'md')
    .option('--out <file>', 'write here instead of standard output (required for pdf)')
    .option('--max-paths <n>', `at most this many paths (default ${DOSSIER_MAX_PATHS}; the dossier says when more exist)`)
    .action(async (entity: string, opts: { to?: string; asOf?: string; format: string; out?: string; maxPaths?: string }) => {
      if (opts.format !== 'md' && opts.format !== 'pdf') throw new InputError(`--format: md or pdf, not ${opts.format}`);
      if (opts.format === 'pdf' && !opts.out) throw new InputError('--format pdf needs --out FILE');
      if (opts.asOf && !IsoDate.safeParse(opts.asOf).success) throw new InputError(`--as-of: ${opts.asOf} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
      const maxPaths = opts.maxPaths !== undefined ? Number(opts.maxPaths) : undefined;
      if (maxPaths !== undefined && !(Number.isInteger(maxPaths) && maxPaths >= 1 && maxPaths <= 500)) throw new InputError('--max-paths: a whole number from 1 to 500');
      const config = loadConfig();
      await withStore({ readOnly: true }, async (store) => {
        // The dossier's modules (Chromium's driver among them) load with the command.
        const [{ freezeDossier }, { dossierHtml, dossierPdf }] = await Promise.all([import('../../dossier/frozen.ts'), import('../../dossier/render.ts')]);
        const { id, markdown, data } = await freezeDossier(store, config.dossierDir, { entityId: entity, ...(opts.to ? { to: opts.to } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(maxPaths ? { maxPaths } : {}) });
        if (opts.format === 'pdf') writeFileSync(opts.out!, await dossierPdf(dossierHtml(markdown, { title: `Dossier: ${data.entity.name}` })));
        else if (opts.out) writeFileSync(opts.out, markdown);
        else process.stdout.write(markdown);
        process.stderr.write(`rightsgraph: dossier ${id} (${data.paths.length} path(s)${data.truncated ? ', more left out' : ''}); served by \`rightsgraph serve\` at /dossiers/${id}\n`);
      });
    });
}
