// The crawl as users run it (the CLI, a real process): killed with SIGKILL in the middle, then resumed, it
// fetches no report twice and ends with every report in the graph; a refused URL is one line and the crawl
// goes on; `sources`, `archive show` and `ingest URL` do what README says.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, startFixtureServer, type FixtureServer, type Handler } from './fixture-server.ts';

const REPORTS = 12;
const path = (i: number) => `/news/2025/10/${String(i + 1).padStart(2, '0')}/report-${i}`;
let srv: FixtureServer;
let dir: string;
let holdSixth: (() => void) | null = null;
let sixthReceived: Promise<void>;

const rss = () =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${Array.from({ length: REPORTS }, (_, i) => `<item><link>https://www.hrw.org${path(i)}</link><pubDate>Wed, ${String(i + 1).padStart(2, '0')} Oct 2025 09:00:00 GMT</pubDate></item>`).join('')}
  <item><link>https://www.hrw.org/news/2025/10/20/blocked</link></item></channel></rss>`;
const page = (i: number) =>
  `<html lang="en"><head><title>Report ${i}</title></head><body><div class="article-body"><div class="rich-text"><p>Sentinel${i} Systems Ltd supplies surveillance cameras to the Xinjiang public security bureau, the report says.</p></div></div></body></html>`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-crawl-cli-'));
  let resolveSixth!: () => void;
  sixthReceived = new Promise((r) => (resolveSixth = r));
  const routes: Record<string, Handler> = {
    '/rss/news': body(rss(), 'application/rss+xml'),
    '/robots.txt': body('User-agent: *\nDisallow: /news/2025/10/20/\n', 'text/plain'),
    '/page.html': body(page(99)),
  };
  for (let i = 0; i < REPORTS; i++) {
    routes[path(i)] = async (_q, res) => {
      if (i === 5 && !holdSixth) {
        // The crawler asks for report 6 only once report 5 is archived and ingested: kill it now.
        await new Promise<void>((r) => {
          holdSixth = r;
          resolveSixth();
        });
      }
      body(page(i))(_q, res, 0);
    };
  }
  srv = await startFixtureServer(routes);
});
afterAll(async () => {
  holdSixth?.();
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({
  ...process.env,
  RIGHTSGRAPH_DATA: join(dir, 'data'),
  RIGHTSGRAPH_ARCHIVE: join(dir, 'archive'),
  RIGHTSGRAPH_FETCH_ALLOW: '127.0.0.1',
  RIGHTSGRAPH_FETCH_DELAY_MS: '0',
  NEO4J_URI: '',
  LOG_LEVEL: 'warn',
});
// Asynchronous: the fixture server lives in this process, so a spawnSync would freeze it.
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
function cli(...args: string[]) {
  return run(args, env());
}
function run(args: string[], e: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/rightsgraph.js', ...args], { env: e, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('close', (status, signal) => resolve({ status, stdout, stderr: signal ? `${stderr}[killed by ${signal}]` : stderr })));
}

describe('crawl from the command line', () => {
  it('survives a SIGKILL mid-crawl: the resumed crawl fetches nothing twice and finishes the job', async () => {
    const child = spawn(process.execPath, ['bin/rightsgraph.js', 'crawl', 'hrw', '--origin', srv.url], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await sixthReceived;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    holdSixth!();
    expect(out.trim().split('\n')).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(srv.served.get(path(i))).toBe(1);
    expect(srv.served.get(path(5))).toBeUndefined();

    const again = await cli('crawl', 'hrw', '--origin', srv.url);
    expect(again.status).toBe(0);
    for (let i = 0; i < REPORTS; i++) expect(srv.served.get(path(i)), path(i)).toBe(1);
    // The robots-disallowed report: one line, recorded, and the crawl went on.
    expect(again.stderr).toMatch(/^rightsgraph: robots: .*\/news\/2025\/10\/20\/blocked: refused: robots.txt disallows it$/m);
    expect(again.stderr).toMatch(/crawl hrw: 13 listed, 7 ingested, 5 already done, 1 refused, 0 failed/);
    const state = JSON.parse(await readFile(join(dir, 'archive', 'crawl', 'hrw.json'), 'utf8'));
    expect(Object.values(state.pages).filter((p: any) => p.status === 'ingested')).toHaveLength(REPORTS);
    expect(Object.values(state.pages).filter((p: any) => p.status === 'refused')).toHaveLength(1);
    const stats = JSON.parse((await cli('stats')).stdout);
    expect(stats.documents).toBe(REPORTS);
  });

  it('lists the sources, shows an archived page, and ingests one URL with the same safeguards', async () => {
    const sources = await cli('sources');
    expect(sources.stdout).toMatch(/^hrw\s+Human Rights Watch — /m);
    expect(sources.stdout.match(/^\S+\s{2,}/gm)?.length).toBe(7);

    const one = await cli('ingest', `${srv.url}/page.html`);
    expect(one.status).toBe(0);
    const r = JSON.parse(one.stdout.trim());
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    const shown = await cli('archive', 'show', r.sha256);
    expect(shown.stdout).toMatch(/^WARC-Type: response$/m);
    expect(shown.stdout).toMatch(/Sentinel99 Systems Ltd supplies surveillance cameras/);
    expect(shown.stdout).toMatch(/^WARC-Type: request$/m);
    expect(shown.stdout).toMatch(/^user-agent: rightsgraph\/0\.1 \(\+https:\/\/github\.com\/rightsgraph\/rightsgraph\)$/m);

    const refused = await run(['ingest', 'http://169.254.169.254/latest/meta-data/'], { ...env(), RIGHTSGRAPH_FETCH_ALLOW: '' });
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^rightsgraph: http:\/\/169\.254\.169\.254\/latest\/meta-data\/: .*refused: 169\.254\.169\.254 is 169\.254\.169\.254, a private or internal address/),
      'rightsgraph: 1 of 1 failed (recorded; `rightsgraph ingest --retry-failed` tries them again)',
    ]);
    const missing = await cli('archive', 'show', '0'.repeat(64));
    expect(missing.stderr.trim()).toBe(`rightsgraph: the archive holds nothing with sha256 ${'0'.repeat(64)}`);
  });
});
