// An FtM file converted in a worker thread, for an import into an empty graph: there is nothing on the graph
// to match, so the conversion needs no store, and it runs on the second core while the main thread checks
// and stages the records it already has. The records come over as JSON-lines text in chunks, each with the
// FtM line of every record and the bad input lines met; at most IN_FLIGHT chunks wait unread, so memory
// stays flat whatever the file's size.
import { Worker } from 'node:worker_threads';
import { InputError } from '../util/input-error.ts';
import type { FtmImportCounts } from './import.ts';

export interface ConvertedChunk {
  /** Export records as JSON lines, each ended by a newline. */
  text: string;
  /** The FtM line of each record, in order. */
  origins: number[];
  bad: Array<{ line: number; problem: string }>;
}

export type FromConverter = ({ type: 'chunk' } & ConvertedChunk) | { type: 'done'; counts: FtmImportCounts } | { type: 'error'; message: string; input: boolean };

export const CHUNK_RECORDS = 2000;
export const IN_FLIGHT = 4;

/** The converted records, chunk by chunk; `counts` is filled once the last chunk is read. */
export async function* convertInWorker(file: string, dataset: string, counts: FtmImportCounts): AsyncGenerator<ConvertedChunk> {
  const worker = new Worker(new URL('../../bin/worker.js', import.meta.url), {
    workerData: { module: new URL('./convert-worker.ts', import.meta.url).href, file, dataset },
    // The conversion makes short-lived objects by the million beside a growing id map: with V8's default
    // young generation they were promoted and collected again, a fifth of the thread's time (1 M entities:
    // 53.7 → 43–46 s end to end with 48 MB; 16 MB gave 59 s, 128 MB no better than 48).
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  const queue: FromConverter[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const nudge = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: FromConverter) => (queue.push(m), nudge()));
  worker.on('error', (err) => ((failure = err), nudge()));
  worker.on('exit', () => ((exited = true), nudge()));
  try {
    for (;;) {
      while (!queue.length) {
        if (failure) throw failure;
        if (exited) throw new Error('the FtM conversion thread ended before its last record');
        await new Promise<void>((res) => (wake = res));
      }
      const m = queue.shift()!;
      if (m.type === 'done') {
        Object.assign(counts, m.counts);
        return;
      }
      if (m.type === 'error') throw m.input ? new InputError(m.message) : new Error(`FtM conversion: ${m.message}`);
      yield m;
      // Read: the converter may send another.
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}
