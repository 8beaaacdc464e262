// A conversion's records (FtM in a worker thread) imported as they come into an empty store: each chunk is
// written to the records file, checked (LineCheck) and handed to the store's bulk load, which stages it and
// copies nothing until the last chunk came and every check passed. Conversion and load then share the two
// cores instead of following each other. Whatever the bulk load cannot take in one stream (a record that
// fails its check, a bad line under --skip-invalid, a claim before its ends, an entity given twice) ends
// the stream: the rest of the records are written and checked, and the ordinary import (importLines) takes
// the file, as it does for any conversion.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ChangeRecord, ExportRecord } from '../domain/index.ts';
import type { ConvertedChunk } from '../ftm/convert-thread.ts';
import { InvalidBatchError } from '../store/errors.ts';
import type { GraphStore, UpsertBatchInput, UpsertResult } from '../store/port.ts';
import { Progress } from '../util/progress.ts';
import { LineCheck, type BadLine, type ImportReport } from './import-lines.ts';

export type Streamed = { origin: number[]; inputBad: BadLine[] } & (
  | { kind: 'imported'; report: ImportReport }
  /** Bad input lines, and no --skip-invalid: nothing written. */
  | { kind: 'refused' }
  /** The records file is whole and checked so far: importLines writes it. */
  | { kind: 'fallback'; checked: LineCheck }
);

/** The stream ends here; the file is finished and imported the ordinary way. */
class Fallback extends Error {}
/** Bad input lines without --skip-invalid. */
class Refused extends Error {}

export async function importStreamed(
  store: GraphStore,
  chunks: AsyncIterable<ConvertedChunk>,
  out: string,
  opts: { skipInvalid: boolean; batchSize: number; label: string },
): Promise<Streamed> {
  if (!store.bulkLoad) throw new Error('importStreamed needs a store with a bulk load');
  const check = new LineCheck();
  const origin: number[] = [];
  const inputBad: BadLine[] = [];
  const changes: ChangeRecord[] = [];
  const sink = createWriteStream(out);
  const progress = new Progress({ label: opts.label, unit: 'records' });
  const source = chunks[Symbol.asyncIterator]();

  /** A chunk into the records file and the check; its records as parsed, with their numbers in the file. */
  async function take(c: ConvertedChunk): Promise<Array<[number, ExportRecord]>> {
    inputBad.push(...c.bad);
    if (c.text && !sink.write(c.text)) await once(sink, 'drain');
    const records: Array<[number, ExportRecord]> = [];
    let at = 0;
    for (const line of c.origins) {
      const end = c.text.indexOf('\n', at);
      const json = JSON.parse(c.text.slice(at, end)) as ExportRecord;
      at = end + 1;
      const n = origin.push(line);
      check.add(n, json);
      records.push([n, json]);
    }
    progress.tick(c.origins.length);
    return records;
  }

  async function* batches(): AsyncGenerator<UpsertBatchInput> {
    let batch = { documents: [] as unknown[], entities: [] as unknown[], claims: [] as unknown[] };
    let size = 0;
    for (let next = await source.next(); !next.done; next = await source.next()) {
      for (const [n, rec] of await take(next.value)) {
        if (check.bad.has(n) || rec.type === 'redirect' || !check.ordered) throw new Fallback();
        if (rec.type === 'change') {
          changes.push(rec.data);
          continue;
        }
        batch[rec.type === 'document' ? 'documents' : rec.type === 'entity' ? 'entities' : 'claims'].push(rec.data);
        if (++size >= opts.batchSize) {
          yield batch as UpsertBatchInput;
          batch = { documents: [], entities: [], claims: [] };
          size = 0;
        }
      }
    }
    if (inputBad.length && !opts.skipInvalid) throw new Refused();
    // The store is empty: every reference must be in the file.
    await check.finish(null);
    if (check.bad.size) throw new Fallback();
    if (size) yield batch as UpsertBatchInput;
  }

  const finished = async () => {
    sink.end();
    await once(sink, 'close');
    progress.done();
  };
  let result: UpsertResult | null = null;
  try {
    result = await store.bulkLoad(batches());
  } catch (err) {
    if (err instanceof Refused) {
      await source.return?.(undefined);
      await finished();
      return { kind: 'refused', origin, inputBad };
    }
    if (!(err instanceof Fallback || err instanceof InvalidBatchError)) {
      await source.return?.(undefined);
      await finished();
      throw err;
    }
  }
  if (!result) {
    for (let next = await source.next(); !next.done; next = await source.next()) await take(next.value);
    await finished();
    if (inputBad.length && !opts.skipInvalid) return { kind: 'refused', origin, inputBad };
    return { kind: 'fallback', checked: check, origin, inputBad };
  }
  await finished();
  if (changes.length) await store.recordChanges(changes);
  const report: ImportReport = {
    lines: check.total,
    bad: [],
    imported: { documents: result.documents.created, entities: result.entities.created, redirects: 0, claims: result.claims.created, changes: changes.length },
    refused: false,
  };
  return { kind: 'imported', report, origin, inputBad };
}
