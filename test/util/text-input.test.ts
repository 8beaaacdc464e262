// textLineBatches reads lines as readline does, whatever falls on a read chunk's edge, plain or gzipped.
import { once } from 'node:events';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { textLineBatches, textLines } from '../../src/util/text-input.ts';

const dir = mkdtempSync(join(tmpdir(), 'rg-text-input-'));

async function viaReadline(file: string): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  rl.on('line', (l) => lines.push(l));
  await once(rl, 'close');
  return lines;
}

async function viaBatches(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const b of textLineBatches(file)) {
    expect(b.from).toBe(lines.length + 1);
    lines.push(...b.lines);
  }
  return lines;
}

describe('textLineBatches', () => {
  // Node reads a file 64 KiB at a time: the break is put on either side of that edge.
  const CHUNK = 64 * 1024;
  const cases: Record<string, string> = {
    'a \\r\\n split across two chunks': `${'x'.repeat(CHUNK - 1)}\r\nnext\r\nlast`,
    'a \\r ending a chunk, then a letter': `${'x'.repeat(CHUNK - 1)}\rnext\n`,
    'a \\n starting a chunk': `${'x'.repeat(CHUNK)}\nnext`,
    'lone \\r, blank lines, a last line unended': 'one\rtwo\n\nthree\r\n\r\nfour',
    'many chunks of short lines, some multibyte': Array.from({ length: 50_000 }, (_, i) => `{"id":"é${i}"}`).join('\n') + '\n',
    'empty file': '',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`reads ${name} as readline does`, async () => {
      const file = join(dir, `${Object.keys(cases).indexOf(name)}.txt`);
      writeFileSync(file, text);
      const want = await viaReadline(file);
      expect(await viaBatches(file)).toEqual(want);
      writeFileSync(`${file}.gz`, gzipSync(text));
      expect(await viaBatches(`${file}.gz`)).toEqual(want);
      const numbered: Array<[number, string]> = [];
      for await (const l of textLines(file)) numbered.push(l);
      expect(numbered).toEqual(want.map((l, i) => [i + 1, l]));
    });
  }

  it('names the file and the last line read when the gzip is cut short', async () => {
    const file = join(dir, 'cut.gz');
    const gz = gzipSync(Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n'));
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
    await expect(viaBatches(file)).rejects.toThrow(/cut\.gz: a truncated or corrupt gzip file .* after line \d+; nothing written/);
  });
});
