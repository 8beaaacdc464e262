// `npm run eval:dev`: extracts every document of ../shared/corpus/dev into a temp folder and prints the
// score of ../shared/eval/score.mjs against the gold annotations, then the same figures for each half of
// the corpus (A: even ids, B: odd ids; each half holds French and English reports). Rules are changed while
// looking at one half and kept only when the other half gains too. `--json` prints the scorer's JSON.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../src/extract/extract.ts';
import { devCorpusDir, sharedDir } from '../src/util/shared.ts';

const dev = devCorpusDir();
const out = mkdtempSync(join(tmpdir(), 'rg-eval-'));
const ids: string[] = [];
for (const f of readdirSync(dev).filter((f) => /^\d+\.txt$/.test(f)).sort()) {
  const id = f.replace(/\.txt$/, '');
  ids.push(id);
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
const json = process.argv.includes('--json');
const score = (gold: string, asJson: boolean) =>
  execFileSync(process.execPath, [join(sharedDir(), 'eval', 'score.mjs'), '--gold', gold, '--pred', out, '--docs', dev, ...(asJson ? ['--json'] : [])], { encoding: 'utf8' });

process.stdout.write(`predictions in ${out}\n`);
process.stdout.write(score(dev, json));
if (json) process.exit(0);

interface Figures { p: number; r: number; f1: number }
interface Score { entities: Figures; relations: Figures; exposure: Figures & { gold: number } }
const line = (name: string, s: Score) =>
  `${name}: entities F1 ${s.entities.f1} (R ${s.entities.r}); relations F1 ${s.relations.f1} (P ${s.relations.p} R ${s.relations.r}); exposure pairs P ${s.exposure.p} R ${s.exposure.r} of ${s.exposure.gold}\n`;
for (const [name, parity] of [['half A (even ids)', 0], ['half B (odd ids)', 1]] as const) {
  const dir = join(out, `gold-${parity}`);
  mkdirSync(dir);
  for (const id of ids.filter((id) => Number(id) % 2 === parity)) symlinkSync(join(dev, `${id}.gold.json`), join(dir, `${id}.gold.json`));
  process.stdout.write(line(name, JSON.parse(score(dir, true)) as Score));
}
