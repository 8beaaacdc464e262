// The CLI as users run it: `node bin/rightsgraph.js ARGS` in a child process on one data folder, never
// the Neo4j of the environment, with its exit status, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

const BIN = resolve('bin/rightsgraph.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export function runCli(data: string, args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, RIGHTSGRAPH_DATA: data, NEO4J_URI: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Expects a zero exit, showing stderr when not. */
export const cliOk = (r: CliResult) => expect(r.code, r.err).toBe(0);

/** A store's export as text, written by `export --out` into `scratch` with the caller's own way of running the CLI. */
export async function exportedText(
  run: (data: string, ...args: string[]) => { status: number | null; stderr: string },
  data: string,
  scratch: string,
): Promise<string> {
  const out = join(scratch, `out-${Math.random().toString(36).slice(2)}.jsonl`);
  const r = run(data, 'export', '--out', out);
  expect(r.status, r.stderr).toBe(0);
  // A large export waits on the file often: each wait once left listeners behind, until Node warned.
  expect(r.stderr).not.toMatch(/MaxListenersExceededWarning/);
  return readFile(out, 'utf8');
}
