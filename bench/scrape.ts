// `npm run bench:scrape`: how fast each source's reader parses its fixture report pages (pages/s, one core),
// and the crawl rate of the whole pipeline (fetch → archive → read → extract → upsert) against a local
// server with politeness off (no delay), next to the fetch alone, so the pipeline's own cost is known.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../scrapers/crawl.ts';
import { SOURCES, sourceNamed } from '../scrapers/index.ts';
import { readReport } from '../scrapers/source.ts';
import { Fetcher } from '../src/fetch/fetcher.ts';
import { parseAllowList } from '../src/fetch/guard.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';

const FIX = join(import.meta.dirname, '..', 'test', 'fixtures', 'scrapers');
console.log('bench:scrape — readers on their fixture pages');
for (const s of SOURCES) {
  const pages = readdirSync(join(FIX, s.name)).filter((f) => f.endsWith('.html') && !/latest|listing/.test(f)).map((f) => readFileSync(join(FIX, s.name, f), 'utf8'));
  const n = 300;
  const t = performance.now();
  for (let i = 0; i < n; i++) readReport(s, pages[i % pages.length]!, `https://example.org/${i}`);
  const secs = (performance.now() - t) / 1000;
  console.log(`  ${s.name.padEnd(10)} ${Math.round(n / secs).toLocaleString('en')} pages/s (${pages.length} fixture page${pages.length > 1 ? 's' : ''}, ${Math.round(pages.reduce((a, p) => a + p.length, 0) / pages.length / 1024)} KB each)`);
}

const REPORTS = 200;
const page = (i: number) =>
  `<html lang="en"><head><title>Report ${i}</title><meta property="article:published_time" content="2025-10-01"></head><body><nav>menu</nav><div class="article-body"><div class="rich-text">${'<p>Filler paragraph about the situation on the ground, with enough words to look like a report.</p>'.repeat(20)}<p>Vendor${i} Systems Ltd supplies surveillance cameras to the Xinjiang public security bureau.</p></div></div></body></html>`;
const rss = `<?xml version="1.0"?><rss version="2.0"><channel>${Array.from({ length: REPORTS }, (_, i) => `<item><link>https://www.hrw.org/news/2025/10/01/r${i}</link></item>`).join('')}</channel></rss>`;
const server = createServer((req, res) => {
  const m = /\/news\/2025\/10\/01\/r(\d+)/.exec(req.url ?? '');
  if (req.url === '/rss/news') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
  if (m) return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(Number(m[1])));
  res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const dir = mkdtempSync(join(tmpdir(), 'rg-bench-scrape-'));
try {
  const fetcher = () => new Fetcher({ userAgent: 'rightsgraph-bench', allow: parseAllowList('127.0.0.1'), minDelayMs: 0 });
  const f = fetcher();
  let t = performance.now();
  for (let i = 0; i < REPORTS; i++) await f.fetch({ url: `${origin}/news/2025/10/01/r${i}` });
  const fetchRate = REPORTS / ((performance.now() - t) / 1000);
  const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 256 });
  t = performance.now();
  const r = await crawl({ source: sourceNamed('hrw')!, fetcher: fetcher(), store, archiveDir: join(dir, 'archive'), stateFile: join(dir, 'state.json'), origin });
  const crawlRate = r.ingested / ((performance.now() - t) / 1000);
  await store.close();
  console.log(`fetch alone (guard, robots, queue; politeness off): ${Math.round(fetchRate).toLocaleString('en')} pages/s`);
  console.log(`crawl (fetch → WARC archive → read → extract → upsert, one transaction per report): ${crawlRate.toFixed(1)} reports/s, ${r.ingested} reports`);
  console.log(`the pipeline's own cost per report: ${(1000 / crawlRate - 1000 / fetchRate).toFixed(1)} ms beyond the fetch`);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
