// `rightsgraph extract FILE`: a report (.txt, .html or .pdf) to the entities and claims of ONTOLOGY.md,
// printed as JSON with --json, or as a readable list of claims with their quotes.
import type { Command } from 'commander';
import { InputError } from '../../util/input-error.ts';
import { IsoDate } from '../../domain/entity.ts';

export function register(program: Command): void {
  program
    .command('extract')
    .description('extract entities and evidence-backed claims from a .txt, .html or .pdf file')
    .argument('<file>', 'the report')
    .option('--lang <lang>', 'auto, fr or en (or another ISO 639-1 code)', 'auto')
    .option('--published <date>', 'the document date (YYYY-MM-DD), for dates without a year')
    .option('--max-mb <mb>', 'refuse files over this size', '20')
    .option('--json', 'print the extraction JSON of ONTOLOGY.md')
    .action(async (file: string, opts: { lang: string; published?: string; maxMb: string; json?: boolean }) => {
      if (opts.published && !IsoDate.safeParse(opts.published).success) throw new InputError(`--published: ${opts.published} is not YYYY, YYYY-MM or YYYY-MM-DD`);
      if (!/^(auto|[a-z]{2})$/.test(opts.lang)) throw new InputError(`--lang: ${opts.lang} is not auto or a two-letter language code`);
      const { readInput } = await import('../../extract/read-input.ts');
      const text = await readInput(file, { maxBytes: Number(opts.maxMb) * 1024 * 1024 });
      const { extract } = await import('../../extract/extract.ts');
      const result = extract(text, { language: opts.lang, publishedAt: opts.published ?? null });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const name = new Map(result.entities.map((e) => [e.id, `${e.name} (${e.kind})`]));
      process.stdout.write(`${result.entities.length} entities, ${result.claims.length} claims (language ${result.document.language})\n`);
      for (const c of result.claims) {
        process.stdout.write(`\n${name.get(c.subject)} -${c.type}-> ${name.get(c.object)} [${c.certainty}, ${c.confidence}]\n  “${c.quote.length > 300 ? `${c.quote.slice(0, 300)}…` : c.quote}” @${c.start}\n`);
      }
    });
}
