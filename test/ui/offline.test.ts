// A newsroom machine offline: GraphiQL served with its scripts and styles from the npm package, in a real
// headless Chromium with every request that is not to our server aborted; and a server without a built
// explorer answers / with a page saying how to build it, not an empty 404.
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../src/api/main.ts';
import { createApi } from '../../src/api/yoga.ts';
import { loadSeeds } from '../../src/ingest/seed.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { chromiumPath } from '../../src/util/chromium.ts';

const SHOTS = resolve('test-artifacts', 'ui');
let dir: string;
let store: KuzuStore;
let server: Server;
let url: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'rg-offline-'));
  store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
  await loadSeeds(store);
  ({ server, url } = await listen(createApi({ store, uiDir: null }), '127.0.0.1', 0));
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) await closeServer(server);
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('offline', () => {
  it('runs GraphiQL with every non-local request blocked', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(url) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
      blocked.push(u);
      return route.abort();
    });
    await page.goto(`${url}/graphql`);
    // The editor is up (not "Loading…"), and the default query runs against the server.
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(async () => (await page.locator('.result-window').textContent()) ?? '', { timeout: 30_000 }).toContain('"data"');
    await page.screenshot({ path: join(SHOTS, 'graphiql-offline.png') });
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('says how to build the explorer when it is not built', async () => {
    const res = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const body = await res.text();
    expect(body).toContain('npm run build:ui');
    expect(body).toContain('/graphql');
  });
});
