// A conversion's records loaded as they come (import-streamed.ts), into a real Kùzu store in a temp folder:
// what the bulk load cannot take in one stream (a claim before its ends, a record that fails its check)
// ends it with the store still empty and the records file whole, which the ordinary import then writes;
// bad input lines refuse the import unless skipped; a source that fails midway leaves the store empty and
// usable. The chunk sources stand for the FtM worker thread: plain async iterables of chunks.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLines } from '../../src/cli/import-lines.ts';
import { importStreamed } from '../../src/cli/import-streamed.ts';
import type { ConvertedChunk } from '../../src/ftm/convert-thread.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { InputError } from '../../src/util/input-error.ts';

const doc = { type: 'document', data: { id: 'doc_s', title: 'streamed' } };
const company = (i: number) => ({ type: 'entity', data: { id: `co_s${i}`, kind: 'Company', name: `Streamco ${i}` } });
const supplies = (i: number, a: number, b: number) => ({
  type: 'claim',
  data: { id: `cl_s${i}`, type: 'SUPPLIES', subject: `co_s${a}`, object: `co_s${b}`, certainty: 'stated', confidence: 0.5, extractor: 'test', evidence: { documentId: 'doc_s', quote: `Streamco ${a} supplies Streamco ${b}.` } },
});

/** Records in chunks of `size`, each record's input line its index + 1; `bad` input lines added to the first chunk. */
async function* chunksOf(records: unknown[], size: number, bad: ConvertedChunk['bad'] = [], failAfter?: number): AsyncGenerator<ConvertedChunk> {
  for (let i = 0; i < records.length; i += size) {
    if (failAfter !== undefined && i >= failAfter) throw new InputError('example.ftm.json.gz: a truncated or corrupt gzip file (unexpected end of file) after line 40; nothing written');
    const part = records.slice(i, i + size);
    yield { text: part.map((r) => `${JSON.stringify(r)}\n`).join(''), origins: part.map((_, j) => i + j + 1), bad: i === 0 ? bad : [] };
  }
}

describe('a conversion imported as it comes', () => {
  let dir: string;
  let store: KuzuStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-streamed-'));
    store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const opts = { skipInvalid: false, batchSize: 7, label: 'test' };

  it('loads records in order in one stream, the records file holding each as written', async () => {
    const records = [doc, ...Array.from({ length: 30 }, (_, i) => company(i)), ...Array.from({ length: 40 }, (_, i) => supplies(i, i % 30, (i + 1) % 30))];
    const out = join(dir, 'records.jsonl');
    const r = await importStreamed(store, chunksOf(records, 9), out, opts);
    expect(r.kind).toBe('imported');
    expect(r.kind === 'imported' && r.report.imported).toEqual({ documents: 1, entities: 30, redirects: 0, claims: 40, changes: 0 });
    expect(r.origin).toEqual(records.map((_, i) => i + 1));
    expect((await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l))).toEqual(records);
    expect(await store.stats()).toMatchObject({ documents: 1, entities: 30, claims: 40 });
    expect((await store.neighbours('co_s1')).items.length).toBe(2);
  });

  it('hands a claim before its ends to the ordinary import, with the store untouched until then', async () => {
    // The claim's object comes in a later batch than the claim (within one batch, the store takes it).
    const records = [doc, company(0), supplies(0, 0, 20), ...Array.from({ length: 20 }, (_, i) => company(i + 1))];
    const out = join(dir, 'records.jsonl');
    const r = await importStreamed(store, chunksOf(records, 5), out, opts);
    expect(r.kind).toBe('fallback');
    expect(await store.stats()).toMatchObject({ documents: 0, entities: 0, claims: 0 });
    // The file is whole: the ordinary import checks it and writes it all.
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(records.length);
    if (r.kind !== 'fallback') return;
    const report = await importLines(store, out, { skipInvalid: false, batchSize: 7 });
    expect(report.bad).toEqual([]);
    expect(await store.stats()).toMatchObject({ documents: 1, entities: 21, claims: 1 });
  });

  it('hands a record that fails its check to the ordinary import, which names it', async () => {
    const records = [doc, company(0), { type: 'entity', data: { id: 'co_bad', kind: 'Company' } }, company(1)];
    const out = join(dir, 'records.jsonl');
    const r = await importStreamed(store, chunksOf(records, 2), out, opts);
    expect(r.kind).toBe('fallback');
    if (r.kind !== 'fallback') return;
    const report = await importLines(store, out, { skipInvalid: false, batchSize: 7 });
    expect(report.refused).toBe(true);
    expect(report.bad.map((b) => b.line)).toEqual([3]);
    expect((await store.stats()).entities).toBe(0);
  });

  it('refuses bad input lines unless told to skip them; skipped, the rest is loaded', async () => {
    const records = [doc, company(0), company(1)];
    const bad = [{ line: 2, problem: 'not JSON' }];
    const refused = await importStreamed(store, chunksOf(records, 2, bad), join(dir, 'a.jsonl'), opts);
    expect(refused.kind).toBe('refused');
    expect(refused.inputBad).toEqual(bad);
    expect((await store.stats()).entities).toBe(0);
    const skipped = await importStreamed(store, chunksOf(records, 2, bad), join(dir, 'b.jsonl'), { ...opts, skipInvalid: true });
    expect(skipped.kind).toBe('imported');
    expect((await store.stats()).entities).toBe(2);
  });

  it('passes on a source that fails midway, and leaves the store empty and usable', async () => {
    const records = [doc, ...Array.from({ length: 60 }, (_, i) => company(i))];
    await expect(importStreamed(store, chunksOf(records, 10, [], 30), join(dir, 'a.jsonl'), opts)).rejects.toThrow(/truncated or corrupt gzip/);
    expect(await store.stats()).toMatchObject({ documents: 0, entities: 0 });
    const again = await importStreamed(store, chunksOf(records, 10), join(dir, 'b.jsonl'), opts);
    expect(again.kind).toBe('imported');
    expect((await store.stats()).entities).toBe(60);
  });
});
