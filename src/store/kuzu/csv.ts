// CSV for Kùzu's LOAD FROM / COPY: every value quoted (doubled quotes inside), absent values left empty
// (NULL), and a reader for the CSV that COPY TO writes. Hand-written because it is a dozen lines and the
// values are ours (JSON with escaped newlines, ids, enum words); a CSV library would add a dependency for it.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  // Newlines never reach a field: the JSON we write escapes them, and ids/names are single-line here.
  return `"${v.replace(/[\r\n]+/g, ' ').replace(/"/g, '""')}"`;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\n`;
}

export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted CSV field');
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

export async function* readCsv(path: string): AsyncGenerator<string[]> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.length) yield parseCsvLine(line);
}

/** A path safe to put between single quotes in a LOAD/COPY statement (ours, from mkdtemp). */
export function quotePath(path: string): string {
  if (/['\\\n]/.test(path)) throw new Error(`unsafe staging path ${path}`);
  return `'${path}'`;
}
