// Neo4j going away for a moment, between the store and a live server: a TCP relay on 127.0.0.1 that can drop
// every open Bolt connection and refuse new ones, then let them through again. Reads are auto-commit queries,
// which the driver does not retry itself (connection.ts retries them): a search started during a short outage
// answers, once the server is back, what it answered before; one started during an outage longer than the
// retry window fails in one line, and the same store answers again afterwards. A write during an outage is
// retried by the driver's managed transaction and lands once.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { ExposureQuery } from '../../src/domain/index.ts';
import { loadSeeds } from '../../src/ingest/seed.ts';
import { StoreUnavailableError } from '../../src/store/errors.ts';
import { Neo4jStore } from '../../src/store/neo4j/store.ts';
import type { UpsertBatchInput } from '../../src/store/port.ts';
import { generateGraph } from '../../bench/generate.ts';

const config = loadConfig().neo4j;

/** Relays 127.0.0.1:<port> to the live server; `cut()` drops and refuses connections until `restore()`. */
class Relay {
  private server?: Server;
  private readonly open = new Set<Socket>();
  private down = false;
  /** Connections refused while down: each is an attempt the store made to reach the server. */
  refused = 0;
  port = 0;

  async start(target: { host: string; port: number }): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) {
        this.refused++;
        client.destroy();
        return;
      }
      const upstream = createConnection(target);
      for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
        this.open.add(a);
        a.on('close', () => (this.open.delete(a), b.destroy()));
        a.on('error', () => b.destroy());
        a.pipe(b);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
  }

  cut(): void {
    this.down = true;
    for (const s of this.open) s.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const relay = new Relay();
const opened: Neo4jStore[] = [];
const open = async (retryMs?: number) => {
  const s = await Neo4jStore.open({ ...config!, uri: `bolt://127.0.0.1:${relay.port}`, ...(retryMs ? { retryMs } : {}) });
  opened.push(s);
  return s;
};
// Microsoft in the seeds: its exposure paths read the path index's generation and the records of each path.
const query: ExposureQuery = { from: 'co_Q2283', maxHops: 5, limit: 10 };
const answer = async (s: Neo4jStore) => JSON.stringify(await s.exposurePaths(query));

beforeAll(async () => {
  if (!config) throw new Error('needs NEO4J_URI');
  const target = new URL(config.uri.replace(/^\w+:/, 'http:'));
  await relay.start({ host: target.hostname, port: Number(target.port || 7687) });
});
// A failed test leaves the server reachable for the next one.
afterEach(() => relay.restore());
afterAll(async () => {
  await relay.stop();
  for (const s of opened) await s.close().catch(() => undefined);
});

describe('a Neo4j that goes away for a moment', () => {
  it('answers a search started during a short outage, once it is back, as it answered before', async () => {
    const store = await open();
    await store.clear();
    await loadSeeds(store);
    const before = await answer(store);
    expect(JSON.parse(before).length, 'Microsoft has exposure paths in the seeds').toBeGreaterThan(0);

    relay.cut();
    const during = answer(store);
    await new Promise((r) => setTimeout(r, 2500));
    expect(relay.refused, 'the store tried to reach the server while it was away').toBeGreaterThan(0);
    relay.restore();
    expect(await during).toBe(before);
  });

  it('fails in one line past the retry window, and answers again once the server is back', async () => {
    const store = await open(2000);
    await answer(store);
    relay.cut();
    const refusedBefore = relay.refused;
    const err = await store.exposurePaths(query).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/^Neo4j at bolt:\/\/127\.0\.0\.1:\d+ is unreachable \(.*\): is it running, and is NEO4J_URI right\?$/);
    expect(relay.refused - refusedBefore, 'retried before giving up').toBeGreaterThan(1);
    relay.restore();
    expect(JSON.parse(await answer(store)).length).toBeGreaterThan(0);
  });

  it('lands a write sent during a short outage once', async () => {
    const store = await open();
    // The generator yields documents, entities and claims apart: one batch of them all.
    const batch = [...generateGraph({ entities: 50, claims: 120, seed: 5, batchSize: 1000 })].reduce((all, b) => {
      for (const key of ['documents', 'entities', 'claims'] as const) (all[key] ??= []).push(...((b[key] ?? []) as never[]));
      return all;
    }, {} as UpsertBatchInput);
    const statsBefore = await store.stats();
    relay.cut();
    const write = store.upsert(batch);
    await new Promise((r) => setTimeout(r, 2500));
    relay.restore();
    const result = await write;
    expect(result.claims.created).toBeGreaterThan(0);
    const after = await store.stats();
    expect(after.entities - statsBefore.entities).toBe(result.entities.created);
    expect(after.claims - statsBefore.claims).toBe(result.claims.created);
  });
});
