// Polite, safe fetching. Every request: the SSRF guard (guard.ts) on the URL and on the address connected
// to; robots.txt as RFC 9309 says (robots.ts); one queue per host with a concurrency and a minimum delay
// (p-queue), raised to the site's Crawl-delay; an honest User-Agent with a contact URL; conditional requests
// (ETag / Last-Modified); connect and total timeouts; a body size limit enforced while reading; a content-type
// check; at most 5 redirects, each re-checked; retries with exponential backoff and jitter on 429 and 5xx,
// honouring Retry-After. Built on node:http(s) rather than fetch(): fetch hides the socket, and the guard
// needs the address actually connected to.
import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import PQueue from 'p-queue';
import { FetchError } from './errors.ts';
import { checkAddress, checkUrl, guardedLookup, type AllowList } from './guard.ts';
import { RobotsCache } from './robots.ts';

export interface FetcherOptions {
  userAgent: string;
  allow: AllowList;
  maxBytes?: number;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxRedirects?: number;
  retries?: number;
  /** First backoff step; doubled at each retry, with jitter. */
  backoffMs?: number;
  /** Longest wait a Retry-After may impose before the fetch gives up. */
  maxRetryAfterMs?: number;
  perHostConcurrency?: number;
  minDelayMs?: number;
  robots?: boolean;
}

export interface FetchRequest {
  url: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Content types accepted (default: pages, PDFs, feeds and plain text). */
  accept?: readonly string[];
}

export interface FetchResult {
  requestedUrl: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  body: Buffer;
  sha256: string;
  fetchedAt: string;
  redirects: string[];
  notModified: boolean;
}

export const PAGE_TYPES = ['text/html', 'application/xhtml+xml', 'application/pdf', 'text/plain', 'application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml'];

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export class Fetcher {
  readonly opts: Required<FetcherOptions>;
  private readonly queues = new Map<string, PQueue>();
  readonly robots: RobotsCache;
  /** Requests sent (after every check), for the crawl's rate and the benchmark. */
  requests = 0;

  constructor(opts: FetcherOptions) {
    this.opts = {
      maxBytes: 20 * 1024 * 1024, connectTimeoutMs: 10_000, totalTimeoutMs: 60_000, maxRedirects: 5, retries: 3, backoffMs: 1_000,
      maxRetryAfterMs: 120_000, perHostConcurrency: 1, minDelayMs: 1_000, robots: true, ...opts,
    };
    this.robots = new RobotsCache((url) => this.once({ url, accept: ['text/plain', 'text/html', 'application/octet-stream', ''] }, 0), opts.userAgent);
  }

  private readonly lastStart = new Map<string, number>();

  private queue(host: string): PQueue {
    let q = this.queues.get(host);
    if (!q) {
      q = new PQueue({ concurrency: this.opts.perHostConcurrency });
      this.queues.set(host, q);
    }
    return q;
  }

  /** Waits until `delayMs` have passed since the last request to the host started (inside its queue). */
  private async waitTurn(host: string, delayMs: number): Promise<void> {
    const wait = (this.lastStart.get(host) ?? -Infinity) + delayMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastStart.set(host, Date.now());
  }

  /** Fetches a URL with every safeguard; throws FetchError with the reason when refused or failed. */
  async fetch(req: FetchRequest): Promise<FetchResult> {
    let url = checkUrl(req.url, this.opts.allow).href;
    const redirects: string[] = [];
    for (;;) {
      if (this.opts.robots) await this.robots.check(url);
      const host = new URL(url).host;
      const delay = Math.max(this.opts.minDelayMs, (this.robots.crawlDelay(url) ?? 0) * 1000);
      const res = (await this.queue(host).add(async () => {
        await this.waitTurn(host, delay);
        return this.withRetries({ ...req, url }, redirects.length === 0);
      }))!;
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && res.headers.location) {
        if (redirects.length >= this.opts.maxRedirects) throw new FetchError('redirects', req.url, `refused: more than ${this.opts.maxRedirects} redirects`);
        redirects.push(url);
        url = checkUrl(new URL(res.headers.location, url).href, this.opts.allow).href;
        continue;
      }
      return { ...res, requestedUrl: req.url, redirects };
    }
  }

  private async withRetries(req: FetchRequest, conditional: boolean): Promise<FetchResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.once(conditional ? req : { ...req, etag: undefined, lastModified: undefined }, attempt);
        if (res.status === 429 || res.status >= 500) {
          const retryAfter = parseRetryAfter(res.headers['retry-after']);
          throw new FetchError('http-status', req.url, `HTTP ${res.status}`, true, res.status, retryAfter);
        }
        if (res.status >= 400) throw new FetchError('http-status', req.url, `HTTP ${res.status}`, false, res.status);
        return res;
      } catch (err) {
        const e = err instanceof FetchError ? err : new FetchError('network', req.url, (err as Error).message, true);
        if (!e.retryable || attempt >= this.opts.retries) throw e;
        const wait = e.retryAfter !== undefined ? e.retryAfter * 1000 : this.opts.backoffMs * 2 ** attempt * (0.5 + Math.random());
        if (wait > this.opts.maxRetryAfterMs) throw new FetchError(e.code, req.url, `${e.message.replace(`${req.url}: `, '')}; asked to wait ${Math.round(wait / 1000)} s, more than allowed`, false, e.status);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** One HTTP exchange, no redirects followed, no retries. Statuses are returned, not thrown. */
  once(req: FetchRequest, _attempt: number): Promise<FetchResult> {
    const url = new URL(req.url);
    const mod = url.protocol === 'https:' ? https : http;
    const requestHeaders: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,application/xml;q=0.8,*/*;q=0.5',
      'accept-encoding': 'identity',
      ...(req.etag ? { 'if-none-match': req.etag } : {}),
      ...(req.lastModified ? { 'if-modified-since': req.lastModified } : {}),
    };
    const accept = req.accept ?? PAGE_TYPES;
    const { maxBytes, connectTimeoutMs, totalTimeoutMs, allow } = this.opts;
    this.requests++;
    return new Promise<FetchResult>((resolve, reject) => {
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        request.destroy();
        reject(e);
      };
      const request = mod.request(url, {
        method: 'GET',
        headers: requestHeaders,
        agent: url.protocol === 'https:' ? agents.https : agents.http,
        lookup: guardedLookup(req.url, allow) as never,
      });
      const total = setTimeout(() => fail(new FetchError('timeout', req.url, `timed out after ${totalTimeoutMs / 1000} s`, true)), totalTimeoutMs);
      const connect = setTimeout(() => fail(new FetchError('timeout', req.url, `no connection within ${connectTimeoutMs / 1000} s`, true)), connectTimeoutMs);
      request.on('socket', (socket) => {
        const verify = () => {
          clearTimeout(connect);
          // The address actually connected to, whatever DNS said a moment ago.
          try {
            if (socket.remoteAddress) checkAddress(req.url, socket.remoteAddress, url.hostname, allow);
          } catch (e) {
            fail(e as Error);
          }
        };
        if (socket.remoteAddress && !socket.connecting) verify();
        else socket.once('connect', verify);
      });
      request.on('error', (err) => fail(err instanceof FetchError ? err : (err as NodeJS.ErrnoException).cause instanceof FetchError ? ((err as NodeJS.ErrnoException).cause as FetchError) : new FetchError('network', req.url, err.message, true)));
      request.on('response', (res: IncomingMessage) => {
        const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
        const status = res.statusCode ?? 0;
        const done = (body: Buffer) => {
          if (settled) return;
          settled = true;
          clearTimeout(total);
          resolve({
            requestedUrl: req.url, url: req.url, status, headers, requestHeaders, body,
            sha256: createHash('sha256').update(body).digest('hex'), fetchedAt: new Date().toISOString(), redirects: [], notModified: status === 304,
          });
        };
        if (status < 200 || status >= 300) {
          res.resume();
          return done(Buffer.alloc(0));
        }
        const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!accept.includes(type)) {
          res.destroy();
          return fail(new FetchError('content-type', req.url, `refused: content type "${type || 'none'}" is not one rightsgraph reads`));
        }
        const declared = Number(headers['content-length'] ?? Number.NaN);
        if (declared > maxBytes) {
          res.destroy();
          return fail(new FetchError('too-large', req.url, `refused: ${declared} bytes, over the ${maxBytes}-byte limit`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            res.destroy();
            return fail(new FetchError('too-large', req.url, `refused: over the ${maxBytes}-byte limit while reading`));
          }
          chunks.push(c);
        });
        res.on('end', () => done(Buffer.concat(chunks)));
        res.on('error', (err) => fail(new FetchError('network', req.url, err.message, true)));
      });
      request.end();
    });
  }
}

/** Retry-After as seconds: a number of seconds or an HTTP date. */
export function parseRetryAfter(v: string | undefined): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.ceil((t - Date.now()) / 1000));
}
