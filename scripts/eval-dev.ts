// `npm run eval:dev`: extracts every document of ../shared/corpus/dev into a temp folder and prints the
// score of ../shared/eval/score.mjs against the gold annotations (pass --json for the scorer's JSON).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../src/extract/extract.ts';
import { devCorpusDir, sharedDir } from '../src/util/shared.ts';

const dev = devCorpusDir();
const out = mkdtempSync(join(tmpdir(), 'rg-eval-'));
for (const f of readdirSync(dev).filter((f) => /^\d+\.txt$/.test(f)).sort()) {
  const id = f.replace(/\.txt$/, '');
  const metaFile = join(dev, `${id}.meta.json`);
  const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, string | null>) : {};
  const result = extract(readFileSync(join(dev, f), 'utf8'), {
    ...(meta.title ? { title: meta.title } : {}),
    ...(meta.lang ? { language: meta.lang } : {}),
    publishedAt: meta.publishedAt ?? null,
    publisher: meta.publisher ?? null,
  });
  writeFileSync(join(out, `${id}.json`), JSON.stringify(result, null, 1));
}
process.stdout.write(`predictions in ${out}\n`);
const args = ['--gold', dev, '--pred', out, '--docs', dev, ...(process.argv.includes('--json') ? ['--json'] : [])];
process.stdout.write(execFileSync(process.execPath, [join(sharedDir(), 'eval', 'score.mjs'), ...args], { encoding: 'utf8' }));
