// Staging files for Kùzu's LOAD FROM / COPY, and a reader for what COPY TO writes in the same format. Staging uses
// tab-separated values with quoting switched off (QUOTE/ESCAPE set to U+0001): measured here, COPY of
// quoted CSV holding JSON ran 2.4× slower than the same rows unquoted. A value may then hold no tab, line
// break or U+0001 — JSON.stringify escapes all three, and ids or names that hold one are refused. Hand-
// written because it is a dozen lines over our own values; a CSV library would add a dependency for it.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The options every LOAD/COPY of a staging file takes (constants, not values). */
export const STAGING_OPTIONS = "delim='\t', quote='\u0001', escape='\u0001'";

const FORBIDDEN = /[\t\r\n\u0001]/;

export function tsvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (FORBIDDEN.test(v)) throw new StagingValueError(v);
  return v;
}

export function tsvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(tsvField).join('\t')}\n`;
}

export class StagingValueError extends Error {
  constructor(readonly value: string) {
    super(`a value holds a tab, line break or control character: ${JSON.stringify(value.slice(0, 80))}`);
  }
}

/**
 * Reads a file that COPY TO wrote with STAGING_OPTIONS: tab-separated, unquoted. Our values hold no tab or
 * line break (refused at staging; JSON escapes them), so a split is exact — and it avoids the cons-string
 * garbage that undoubling CSV quotes in JSON made (GC was half of the reopen time).
 */
export async function* readTsv(path: string): AsyncGenerator<string[]> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.length) yield line.split('\t');
}

/** A path safe to put between single quotes in a LOAD/COPY statement (ours, from mkdtemp). */
export function quotePath(path: string): string {
  if (/['\\\n]/.test(path)) throw new Error(`unsafe staging path ${path}`);
  return `'${path}'`;
}
