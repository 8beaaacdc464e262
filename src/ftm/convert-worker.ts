// The worker thread of convert-thread.ts: runs the FtM conversion with no store (the graph is empty) and
// posts its records in chunks, waiting for the main thread to read one before it sends more than IN_FLIGHT.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../util/input-error.ts';
import { CHUNK_RECORDS, IN_FLIGHT, type ConvertedChunk, type FromConverter } from './convert-thread.ts';
import { ftmRecords, type FtmImportCounts } from './import.ts';

const port = parentPort!;
const { file, dataset } = workerData as { file: string; dataset: string };
let credit = IN_FLIGHT;
let resume: (() => void) | null = null;
port.on('message', () => {
  credit++;
  resume?.();
  resume = null;
});
const send = (m: FromConverter) => port.postMessage(m);

const counts: FtmImportCounts = { lines: 0, documents: 0, entities: 0, claims: 0, skipped: {}, dangling: 0, sanctions: 0, onGraph: 0, byName: 0, possibleDuplicates: 0 };
let chunk: ConvertedChunk = { text: '', origins: [], bad: [] };
async function flush(): Promise<void> {
  if (!chunk.origins.length && !chunk.bad.length) return;
  while (credit <= 0) await new Promise<void>((res) => (resume = res));
  credit--;
  send({ type: 'chunk', ...chunk });
  chunk = { text: '', origins: [], bad: [] };
}
try {
  for await (const batch of ftmRecords(file, { dataset }, counts, null)) {
    for (const r of batch) {
      if ('bad' in r) chunk.bad.push({ line: r.line, problem: r.bad });
      else {
        chunk.text += `${JSON.stringify(r.rec)}\n`;
        chunk.origins.push(r.line);
      }
    }
    if (chunk.origins.length + chunk.bad.length >= CHUNK_RECORDS) await flush();
  }
  await flush();
  send({ type: 'done', counts });
} catch (err) {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err), input: err instanceof InputError });
}
// Nothing more to wait for: the thread may end (what it sent is still delivered).
port.unref();
