// A data file read as UTF-8 text, gunzipped when its first bytes say gzip (whatever its name), line by line
// or as one stream. A truncated or corrupt gzip ends the read with one InputError naming the file and how
// far it got, so an import refuses it before writing anything.
import { createReadStream, openSync, readSync, closeSync, existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from './input-error.ts';

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The file's text as a stream, gunzipped when gzip. */
export function openText(file: string): Readable {
  if (!existsSync(file)) throw new InputError(`no such file: ${file}`);
  const raw = createReadStream(file);
  if (!isGzip(file)) return raw.setEncoding('utf8');
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  return raw.pipe(gunzip).setEncoding('utf8');
}

/** zlib's own message ("unexpected end of file") says neither which file nor what it means: this does. */
export function readError(file: string, err: unknown, where: string): unknown {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('Z_') ? new InputError(`${file}: a truncated or corrupt gzip file (${(err as Error).message}) ${where}; nothing written`) : err;
}

/**
 * The file's lines in batches (those of one read chunk), numbered from 1: a line break is \n, \r\n or a lone
 * \r, as readline reads them. A gzip error is thrown as an InputError naming the last line read. Batches,
 * not lines, because a reader of millions of lines pays for each step of an async iterator (and readline's
 * events cost as much again).
 */
export async function* textLineBatches(file: string): AsyncGenerator<{ from: number; lines: string[] }> {
  const input = openText(file);
  let n = 0;
  let rest = '';
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      let text = rest + chunk;
      // A \r at the end may be the first half of a \r\n: it waits for the next chunk.
      let held = '';
      if (text.endsWith('\r')) {
        held = '\r';
        text = text.slice(0, -1);
      }
      const lines = text.split(LINE_BREAK);
      rest = lines.pop()! + held;
      if (!lines.length) continue;
      yield { from: n + 1, lines };
      n += lines.length;
    }
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    if (rest) yield { from: n + 1, lines: [rest] };
  } catch (err) {
    throw readError(file, err, `after line ${n}`);
  } finally {
    // A reader that stops early (a format sniffed from the first line) closes the file too.
    input.on('error', () => undefined).destroy();
  }
}
const LINE_BREAK = /\r\n|\n|\r/;

/** The file's lines one by one, numbered from 1 (see textLineBatches). */
export async function* textLines(file: string): AsyncGenerator<[number, string]> {
  for await (const { from, lines } of textLineBatches(file)) for (let i = 0; i < lines.length; i++) yield [from + i, lines[i]!];
}
