// `npm run bench:extract`: extraction throughput (MB of text per second, one core) and peak RSS, on the dev
// corpus repeated to 1, 4 and 16 MB, so that a rising RSS with input size would show. Reference in the
// same run: a plain pass of the tokenizer over the same text (the floor any extractor pays). Peak RSS is the
// process's maxRSS after each size: flat memory means it barely grows from 1 to 16 MB.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/extract/extract.ts';
import { tokenize } from '../src/extract/tokens.ts';
import { devCorpusDir } from '../src/util/shared.ts';

const dev = devCorpusDir();
const base = readdirSync(dev).filter((f) => /^\d+\.txt$/.test(f)).sort().map((f) => readFileSync(join(dev, f), 'utf8')).join('\n\n');
extract(base.slice(0, 20_000)); // warm up: lexicon load and JIT

for (const mb of [1, 4, 16]) {
  const target = mb * 1024 * 1024;
  let text = '';
  while (text.length < target) text += `${base}\n\n`;
  text = text.slice(0, target);
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = extract(text, { language: 'fr' });
  const secs = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const toks = tokenize(text).length;
  const tokSecs = (performance.now() - t1) / 1000;
  console.log(
    `${mb} MB: ${(mb / secs).toFixed(2)} MB/s (${secs.toFixed(2)} s), ${r.entities.length} entities, ${r.claims.length} claims; ` +
      `peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (RSS before this size ${(before / 1048576).toFixed(0)} MB); ` +
      `tokenizer alone ${(mb / tokSecs).toFixed(1)} MB/s (${toks} tokens): extraction at ${((mb / secs) / (mb / tokSecs) * 100).toFixed(1)}% of it`,
  );
}
