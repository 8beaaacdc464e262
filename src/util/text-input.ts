// A data file read as UTF-8 text, gunzipped when its first bytes say gzip (whatever its name), line by line
// or as one stream. A truncated or corrupt gzip ends the read with one InputError naming the file and how
// far it got, so an import refuses it before writing anything.
import { createReadStream, openSync, readSync, closeSync, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
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

/** The file's lines, numbered from 1; a gzip error is thrown as an InputError naming the last line read. */
export async function* textLines(file: string): AsyncGenerator<[number, string]> {
  const input = openText(file);
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of rl) yield [++n, text];
  } catch (err) {
    throw readError(file, err, `after line ${n}`);
  } finally {
    // A reader that stops early (a format sniffed from the first line) closes the file too.
    input.on('error', () => undefined).destroy();
  }
}
