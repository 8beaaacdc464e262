// A real Kùzu store in a temp folder (or the live Neo4j in the Neo4j pass) with the seed stories loaded, and the API on it; `gql` posts through
// yoga.fetch (no socket), the HTTP tests listen on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeeds } from '../../src/ingest/seed.ts';
import { openTestStore } from '../helpers/test-store.ts';
import { createApi, type Api } from '../../src/api/yoga.ts';
import type { Fetcher } from '../../src/fetch/fetcher.ts';

export const WRITER_KEY = 'test-key-0123456789abcdef';
export const READER_KEY = 'reader-key-0123456789abcdef';
export const ADMIN_KEY = 'admin-key-0123456789abcdef';

export interface GqlResult {
  status: number;
  data?: Record<string, any>;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function seededApi(opts: { uiDir?: string; anonymousRead?: boolean; production?: boolean; rateLimitPerMinute?: number; fetcher?: Fetcher; archiveDir?: string; maxWaitingIngests?: number; timeLimitMs?: number } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'rg-api-'));
  const store = await openTestStore(dir);
  await loadSeeds(store);
  const api = createApi({
    store,
    apiKeys: [
      { name: 'alice', role: 'editor', key: WRITER_KEY },
      { name: 'rita', role: 'reader', key: READER_KEY },
      { name: 'ada', role: 'admin', key: ADMIN_KEY },
    ],
    uiDir: opts.uiDir ?? null,
    anonymousRead: opts.anonymousRead ?? true,
    production: !!opts.production,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 100_000,
    fetcher: opts.fetcher ?? null,
    archiveDir: opts.archiveDir ?? null,
    ...(opts.maxWaitingIngests !== undefined ? { maxWaitingIngests: opts.maxWaitingIngests } : {}),
    ...(opts.timeLimitMs !== undefined ? { timeLimitMs: opts.timeLimitMs } : {}),
  });
  const gql = async (query: string, variables: Record<string, unknown> = {}, key?: string): Promise<GqlResult> => {
    const res = await api.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  return { api: api as Api, store, gql, dir, cleanup: async () => (await store.close(), await rm(dir, { recursive: true, force: true })) };
}

/** The nodes of a connection page, in order. */
export const nodes = (connection: { edges: Array<{ node: any }> }): any[] => connection.edges.map((e) => e.node);
