// The fetch pipeline against a real local server: robots.txt (disallow, 404 = allow all, 500 = disallow
// all), 429 with Retry-After then 200, a 304 on a conditional second fetch, redirects to a metadata address
// and to a private address (refused), bodies over the limit (declared and streamed; refused, nothing
// archived), a slow server (timeout), content types, schemes, an honest User-Agent, and the WARC archive.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveResponse, readArchived } from '../../src/archive/warc.ts';
import { FetchError } from '../../src/fetch/errors.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { isPrivateAddress, parseAllowList } from '../../src/fetch/guard.ts';
import { body, startFixtureServer, type FixtureServer } from './fixture-server.ts';

const UA = 'rightsgraph/0.1 (+https://example.org/contact)';
let srv: FixtureServer;
let archive: string;
const fetcher = (o: Partial<ConstructorParameters<typeof Fetcher>[0]> = {}) =>
  new Fetcher({ userAgent: UA, allow: parseAllowList('127.0.0.1'), minDelayMs: 0, backoffMs: 20, ...o });
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof FetchError) return e;
    throw e;
  }
  throw new Error('expected a FetchError');
};

beforeAll(async () => {
  archive = await mkdtemp(join(tmpdir(), 'rg-archive-'));
  srv = await startFixtureServer({
    '/robots.txt': body('User-agent: *\nDisallow: /private/\n', 'text/plain'),
    '/page': body('<html><body><p>Hello</p></body></html>', 'text/html; charset=utf-8', { etag: '"v1"' }),
    '/private/secret': body('no'),
    '/busy': (_q, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' });
        res.end('slow down');
      } else body('<p>now</p>')(_q, res, n);
    },
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"e1"') {
        res.writeHead(304);
        res.end();
      } else body('<p>v1</p>', 'text/html', { etag: '"e1"' })(req, res, 0);
    },
    '/to-metadata': (_q, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    },
    '/to-private': (_q, res) => {
      res.writeHead(301, { location: 'http://10.0.0.1/admin' });
      res.end();
    },
    '/to-page': (_q, res) => {
      res.writeHead(302, { location: '/page' });
      res.end();
    },
    '/loop': (_q, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    },
    '/huge-declared': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.end();
    },
    '/huge-streamed': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let i = 0;
      const more = () => {
        while (i++ < 60) if (!res.write(chunk)) return res.once('drain', more);
        res.end();
      };
      more();
    },
    '/slow': async (_q, res) => {
      await new Promise((r) => setTimeout(r, 3000));
      body('late')(_q, res, 0);
    },
    '/image': body(Buffer.from([0x89, 0x50]), 'image/png'),
  });
});
afterAll(async () => {
  await srv.close();
  await rm(archive, { recursive: true, force: true });
});

describe('fetcher', () => {
  it('fetches with an honest User-Agent and archives the response as WARC by sha256', async () => {
    const r = await fetcher().fetch({ url: `${srv.url}/page` });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('Hello');
    expect(srv.userAgents).toContain(UA);
    const path = await archiveResponse(archive, r);
    expect(path).toContain(r.sha256);
    const records = (await readArchived(archive, r.sha256))!;
    expect(records.map((x) => x.type)).toEqual(['response', 'request']);
    expect(records[0]!.url).toBe(`${srv.url}/page`);
    expect(Buffer.from(records[0]!.body).toString()).toContain('Hello');
    expect(records[0]!.httpHeaders.etag).toBe('"v1"');
    expect(records[1]!.httpHeaders['user-agent']).toBe(UA);
    expect(records[0]!.warcHeaders['warc-payload-digest']).toBe(`sha256:${r.sha256}`);
  });

  it('honours robots.txt: a disallowed path is refused without a request', async () => {
    const e = await refusal(fetcher().fetch({ url: `${srv.url}/private/secret` }));
    expect(e.code).toBe('robots');
    expect(srv.received.get('/private/secret')).toBeUndefined();
  });

  it('treats a missing robots.txt as allow-all and an erroring one as disallow-all', async () => {
    const missing = await startFixtureServer({ '/a': body('<p>a</p>') });
    const broken = await startFixtureServer({ '/robots.txt': (_q, res) => void res.writeHead(503).end(), '/a': body('<p>a</p>') });
    try {
      expect((await fetcher().fetch({ url: `${missing.url}/a` })).status).toBe(200);
      const e = await refusal(fetcher({ retries: 0 }).fetch({ url: `${broken.url}/a` }));
      expect(e.code).toBe('robots');
      expect(e.message).toMatch(/could not be read/);
      expect(broken.received.get('/a')).toBeUndefined();
    } finally {
      await missing.close();
      await broken.close();
    }
  });

  it('waits as Retry-After says on 429, then gets the page', async () => {
    const t = Date.now();
    const r = await fetcher().fetch({ url: `${srv.url}/busy` });
    expect(r.body.toString()).toContain('now');
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    expect(srv.received.get('/busy')).toBe(2);
  });

  it('sends conditional requests: a 304 the second time', async () => {
    const f = fetcher();
    const first = await f.fetch({ url: `${srv.url}/etag` });
    const second = await f.fetch({ url: `${srv.url}/etag`, etag: first.headers.etag });
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
  });

  it('refuses redirects to a cloud-metadata or private address, and too many redirects; follows a good one', async () => {
    expect((await refusal(fetcher().fetch({ url: `${srv.url}/to-metadata` }))).code).toBe('private-address');
    expect((await refusal(fetcher().fetch({ url: `${srv.url}/to-private` }))).code).toBe('private-address');
    expect((await refusal(fetcher().fetch({ url: `${srv.url}/loop` }))).code).toBe('redirects');
    const ok = await fetcher().fetch({ url: `${srv.url}/to-page` });
    expect(ok.url).toBe(`${srv.url}/page`);
    expect(ok.redirects).toEqual([`${srv.url}/to-page`]);
  });

  it('refuses private addresses unless allow-listed, by IP and by name, checked on the connected address', async () => {
    const strict = new Fetcher({ userAgent: UA, allow: parseAllowList(''), minDelayMs: 0, retries: 0 });
    expect((await refusal(strict.fetch({ url: `${srv.url}/page` }))).code).toBe('private-address');
    // "localhost" resolves to loopback: refused by the DNS check, never connected to.
    const port = new URL(srv.url).port;
    const before = srv.received.get('/page');
    expect((await refusal(strict.fetch({ url: `http://localhost:${port}/page` }))).code).toBe('private-address');
    expect(srv.received.get('/page')).toBe(before);
    expect((await refusal(strict.fetch({ url: `http://[::ffff:127.0.0.1]:${port}/page` }))).code).toBe('private-address');
    // Decimal, hex, short and zero forms of loopback, and IPv4 inside IPv6 in every spelling.
    for (const host of ['2130706433', '0x7f000001', '127.1', '0.0.0.0', '[::7f00:1]', '[::ffff:7f00:1]', '[::ffff:0:7f00:1]', '[2002:7f00:1::1]']) {
      expect((await refusal(strict.fetch({ url: `http://${host}:${port}/page` }))).code, host).toBe('private-address');
    }
    expect(srv.received.get('/page')).toBe(before);
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '100.64.0.1', '0.0.0.0', '::a00:1', '::ffff:a00:1', '::ffff:0:a00:1', '2002:a00:1::1', '2001:0:4136:e378::1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses other schemes and credentials in URLs', async () => {
    for (const u of ['file:///etc/passwd', 'ftp://example.org/x', 'gopher://example.org/', 'javascript:alert(1)', 'data:text/html,<p>x</p>', 'http://user:pw@example.org/', 'http://user@example.org/']) {
      expect((await refusal(fetcher().fetch({ url: u }))).code, u).toBe('scheme');
    }
  });

  it('refuses bodies over the limit, declared or streamed, and archives nothing', async () => {
    const f = fetcher({ maxBytes: 20 * 1024 * 1024 });
    expect((await refusal(f.fetch({ url: `${srv.url}/huge-declared` }))).code).toBe('too-large');
    const e = await refusal(f.fetch({ url: `${srv.url}/huge-streamed` }));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/while reading/);
    const files = await readdir(archive, { recursive: true });
    expect(files.filter((x) => String(x).endsWith('.warc.gz'))).toHaveLength(1);
  });

  it('times out on a slow server, and refuses content it does not read', async () => {
    const e = await refusal(fetcher({ totalTimeoutMs: 500, retries: 0 }).fetch({ url: `${srv.url}/slow` }));
    expect(e.code).toBe('timeout');
    expect((await refusal(fetcher().fetch({ url: `${srv.url}/image` }))).code).toBe('content-type');
  });

  it('keeps a minimum delay between two requests to one host', async () => {
    const f = fetcher({ minDelayMs: 300 });
    const t = Date.now();
    await f.fetch({ url: `${srv.url}/page` });
    await f.fetch({ url: `${srv.url}/page` });
    await f.fetch({ url: `${srv.url}/page` });
    expect(Date.now() - t).toBeGreaterThanOrEqual(550);
  });
});
