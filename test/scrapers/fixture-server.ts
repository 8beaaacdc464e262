// A real HTTP server on 127.0.0.1 for the scraper tests: a route table of fixture files and behaviours
// (robots.txt, ETags, 429 then 200, slow answers, redirects, oversized bodies), counting completed
// responses per path so tests can prove nothing was fetched twice.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'scrapers');
export const fixture = (path: string) => readFileSync(join(FIXTURES, path));

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void | Promise<void>;

export const file = (path: string, type = path.endsWith('.xml') ? 'application/rss+xml' : 'text/html; charset=utf-8'): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': type });
  res.end(fixture(path));
};
export const body = (text: string | Uint8Array, type = 'text/html; charset=utf-8', headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': type, ...headers });
  res.end(text);
};

export interface FixtureServer {
  url: string;
  /** Completed responses per path. */
  served: Map<string, number>;
  /** Requests received per path (completed or not). */
  received: Map<string, number>;
  userAgents: string[];
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Handler>): Promise<FixtureServer> {
  const served = new Map<string, number>();
  const received = new Map<string, number>();
  const userAgents: string[] = [];
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const n = (received.get(path) ?? 0) + 1;
    received.set(path, n);
    userAgents.push(String(req.headers['user-agent']));
    res.on('finish', () => served.set(path, (served.get(path) ?? 0) + 1));
    const h = routes[path] ?? (path === '/robots.txt' ? (_q: IncomingMessage, r: ServerResponse) => void r.writeHead(404).end() : null);
    if (!h) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    await h(req, res, n);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    received,
    userAgents,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
