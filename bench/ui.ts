// `npm run bench:ui`: is the explorer's graph view fluid with 2,000 visible nodes? Builds the explorer,
// serves it, opens it in headless Chromium, puts 2,000 nodes and 3,000 edges in the view, then pans and
// zooms it frame by frame for three seconds and prints the frame rate and the slowest frames, next to the
// same measurement on an empty view (the browser's own ceiling here, the reference).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { closeServer, listen } from '../src/api/main.ts';
import { createApi } from '../src/api/yoga.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'rg-bench-ui-'));
const chromiumPath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))!;
try {
  await build({ configFile: resolve('vite.config.ts'), build: { outDir: join(dir, 'ui'), emptyOutDir: true }, logLevel: 'error' });
  const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 64 });
  const { server, url } = await listen(createApi({ store, uiDir: join(dir, 'ui') }), '127.0.0.1', 0);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}/`);
  await page.waitForFunction('window.rightsgraph && window.rightsgraph.cy');
  // Page code goes in as text: tsx's name-keeping helper (__name) does not exist in the page.
  const MEASURE = `(async () => {
      const cy = window.rightsgraph.cy;
      const frames = [];
      let last = performance.now();
      const t0 = last;
      await new Promise((done) => {
        const step = (now) => {
          frames.push(now - last);
          last = now;
          const t = (now - t0) / 1000;
          cy.panBy({ x: Math.sin(t * 3) * 8, y: Math.cos(t * 2) * 6 });
          cy.zoom({ level: 0.3 + 0.2 * Math.sin(t * 2), renderedPosition: { x: 600, y: 400 } });
          if (now - t0 < 3000) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      frames.sort((a, b) => a - b);
      return { fps: frames.length / 3, p95: frames[Math.floor(frames.length * 0.95)], worst: frames.at(-1) };
    })()`;
  const measure = () => page.evaluate(MEASURE) as Promise<{ fps: number; p95: number; worst: number }>;
  const empty = await measure();
  await page.evaluate(`(() => {
    const cy = window.rightsgraph.cy;
    const kinds = ['Company', 'GovernmentBody', 'Organization', 'Technology', 'Abuse', 'Location', 'Person', 'Contract'];
    const els = [];
    for (let i = 0; i < 2000; i++) els.push({ group: 'nodes', data: { id: 'n' + i, name: 'Entity ' + i, kind: kinds[i % kinds.length] } });
    for (let i = 0; i < 3000; i++) els.push({ group: 'edges', data: { id: 'e' + i, source: 'n' + (i % 2000), target: 'n' + ((i * 7 + 13) % 2000), type: 'SUPPLIES', bestConfidence: 0.8, certainties: ['stated'], claimCount: 1 } });
    cy.add(els);
    cy.layout({ name: 'grid' }).run();
  })()`);
  const full = await measure();
  const line = (name: string, m: typeof empty) => `${name}: ${m.fps.toFixed(0)} frames/s, p95 frame ${m.p95.toFixed(1)} ms, worst ${m.worst.toFixed(1)} ms`;
  console.log('bench:ui — panning and zooming the graph view for 3 s in headless Chromium (software rendering)');
  console.log(line('empty view (reference)', empty));
  console.log(line('2,000 nodes, 3,000 edges', full));
  console.log(`ratio of frame rates: ${(full.fps / empty.fps).toFixed(2)}`);
  await browser.close();
  await closeServer(server);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
