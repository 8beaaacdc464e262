// A conversion's records (FtM in a worker thread) imported as they come into an empty store: each chunk is
// written to the records file and handed to the store's bulk load, which checks and stages it and copies
// nothing until the last chunk came and every batch passed. Conversion and load then share the two cores
// instead of following each other. The store's check is the only one on this path: a second one here (the
// import's LineCheck) parsed every record twice and held every id twice (1 M entities: a quarter of the
// time and ~100 MB). Whatever the bulk load cannot take in one stream (a record that fails the store's check,
// a claim before its ends, an entity given twice, a redirect) ends the stream: the rest of the records are
// written, and the ordinary import (importLines) checks the file, naming any bad record by its line, and
// writes it, as it does for any conversion.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ChangeRecord, ExportRecord } from '../domain/index.ts';
import type { ConvertedChunk } from '../ftm/convert-thread.ts';
import { InvalidBatchError } from '../store/errors.ts';
import type { GraphStore, UpsertBatchInput, UpsertResult } from '../store/port.ts';
import { Progress } from '../util/progress.ts';
import type { BadLine, ImportReport } from './import-lines.ts';

export type Streamed = { origin: number[]; inputBad: BadLine[] } & (
  | { kind: 'imported'; report: ImportReport }
  /** Bad input lines, and no --skip-invalid: nothing written. */
  | { kind: 'refused' }
  /** The records file is whole, nothing written: importLines checks and writes it. */
  | { kind: 'fallback' }
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
  const origin: number[] = [];
  const inputBad: BadLine[] = [];
  const changes: ChangeRecord[] = [];
  const sink = createWriteStream(out);
  const progress = new Progress({ label: opts.label, unit: 'records' });
  const source = chunks[Symbol.asyncIterator]();

  /** A chunk into the records file; its records as parsed (JSON only: the store checks them). */
  async function take(c: ConvertedChunk): Promise<ExportRecord[]> {
    inputBad.push(...c.bad);
    if (c.text && !sink.write(c.text)) await once(sink, 'drain');
    const records: ExportRecord[] = [];
    let at = 0;
    for (const line of c.origins) {
      const end = c.text.indexOf('\n', at);
      records.push(JSON.parse(c.text.slice(at, end)) as ExportRecord);
      at = end + 1;
      origin.push(line);
    }
    progress.tick(c.origins.length);
    return records;
  }

  async function* batches(): AsyncGenerator<UpsertBatchInput> {
    let batch = { documents: [] as unknown[], entities: [] as unknown[], claims: [] as unknown[] };
    let size = 0;
    for (let next = await source.next(); !next.done; next = await source.next()) {
      for (const rec of await take(next.value)) {
        if (rec.type !== 'document' && rec.type !== 'entity' && rec.type !== 'claim' && rec.type !== 'change') throw new Fallback();
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
    return { kind: 'fallback', origin, inputBad };
  }
  await finished();
  if (changes.length) await store.recordChanges(changes);
  const report: ImportReport = {
    lines: origin.length,
    bad: [],
    imported: { documents: result.documents.created, entities: result.entities.created, redirects: 0, claims: result.claims.created, changes: changes.length },
    refused: false,
  };
  return { kind: 'imported', report, origin, inputBad };
}
