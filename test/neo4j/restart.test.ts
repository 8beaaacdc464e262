// A Neo4j killed in the middle of an ingest, then started again on the same data folder (a second Neo4j of
// its own, started here by scripts/neo4j-local.sh): the ingest stops with one line, what was committed is
// whole (a document is one transaction), the same command run again completes it, and the graph then holds
// what an uninterrupted ingest of the same reports holds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { Neo4jStore } from '../../src/store/neo4j/store.ts';
import { devCorpusDir } from '../../src/util/shared.ts';

const PASSWORD = 'restart-test-pw';
const children: ChildProcess[] = [];
let dir = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Starts a Neo4j on `data`, resolving with its Bolt URI once it accepts connections. */
function startNeo4j(data: string, port: number): Promise<{ uri: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['scripts/neo4j-local.sh'], { env: { ...process.env, NEO4J_DATA: data, NEO4J_BOLT_PORT: String(port), NEO4J_PASSWORD: PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(bolt:\/\/\S+)$/m.exec(out);
      if (m) resolve({ uri: m[1]!, child });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => reject(new Error(`neo4j-local exited ${code}: ${err.slice(-500)}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map(stopped));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a Neo4j that dies during an ingest', () => {
  it('stops in one line, keeps what was committed whole, and resumes to the same graph', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-neo4j-restart-'));
    const files = readdirSync(devCorpusDir()).filter((f) => /^\d{3}\.txt$/.test(f)).map((f) => join(devCorpusDir(), f));
    const port = await freePort();
    const data = join(dir, 'neo4j');
    const first = await startNeo4j(data, port);
    const env = { ...process.env, NEO4J_URI: first.uri, NEO4J_PASSWORD: PASSWORD, RIGHTSGRAPH_ARCHIVE: join(dir, 'archive'), LOG_LEVEL: 'warn' };

    // Kill the database (SIGKILL: no clean shutdown) once the ingest has committed its first document.
    const ingest = spawn(process.execPath, ['bin/rightsgraph.js', 'ingest', ...files], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    ingest.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    await new Promise<void>((resolve) =>
      ingest.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n') && first.child.exitCode === null && first.child.signalCode === null) {
          first.child.kill('SIGKILL');
          resolve();
        }
      }),
    );
    const code = await new Promise<number | null>((resolve) => ingest.on('exit', resolve));
    await stopped(first.child);
    const committed = out.trim().split('\n').filter(Boolean).length;
    expect(code).not.toBe(0);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(files.length);
    // Each failed document is one line naming the cause, then one summary line: no stack trace.
    // The store is gone: the run stops at once with one line naming it (no stack, no per-file noise).
    const lines = err.split('\n').filter((l) => l.startsWith('rightsgraph: '));
    expect(lines).toEqual([expect.stringMatching(/^rightsgraph: Neo4j at bolt:\/\/127\.0\.0\.1:\d+ is unreachable .*is it running, and is NEO4J_URI right\?$/)]);
    expect(err).not.toMatch(/\n\s+at /);

    // Started again on the same folder: the committed documents are there, whole, and the same command run
    // again (idempotent) completes the ingest.
    const second = await startNeo4j(data, port);
    const env2 = { ...env, NEO4J_URI: second.uri };
    const again = spawnSync(process.execPath, ['bin/rightsgraph.js', 'ingest', ...files], { env: env2, encoding: 'utf8', timeout: 600_000 });
    expect(again.status, again.stderr).toBe(0);
    const summaries = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as { documents: { existing: number } });
    expect(summaries.filter((x) => x.documents.existing === 1)).toHaveLength(committed);
    const resumed = await Neo4jStore.open({ ...loadConfig().neo4j!, uri: second.uri, password: PASSWORD });
    const got = await resumed.stats();
    await resumed.close();

    // The same reports ingested without interruption, into the pass's own Neo4j.
    const reference = await Neo4jStore.open(loadConfig().neo4j!);
    await reference.clear();
    await reference.close();
    const clean = spawnSync(process.execPath, ['bin/rightsgraph.js', 'ingest', ...files], { env: { ...process.env, RIGHTSGRAPH_ARCHIVE: join(dir, 'archive2'), LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 600_000 });
    expect(clean.status, clean.stderr).toBe(0);
    const ref = await Neo4jStore.open(loadConfig().neo4j!);
    const want = await ref.stats();
    await ref.clear();
    await ref.close();
    expect(got).toEqual({ ...want, store: got.store });
  }, 600_000);
});
