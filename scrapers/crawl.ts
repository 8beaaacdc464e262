// A crawl of one source: list its reports (feeds or listing pages, conditional requests), fetch the new ones
// through the polite, guarded Fetcher, archive each response as WARC, read it, and ingest it. Resumable:
// the state file records every URL as it moves on (fetched = archived, then ingested, or refused with the
// reason), written atomically after each step, so an interrupted crawl picks up where it stopped and never
// fetches a page twice (a page archived but not yet ingested is ingested from the archive).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { archiveResponse, readArchived } from '../src/archive/warc.ts';
import { pdfToText } from '../src/extract/read-input.ts';
import { FetchError } from '../src/fetch/errors.ts';
import type { Fetcher, FetchResult } from '../src/fetch/fetcher.ts';
import { ingestText, type IngestResult } from '../src/ingest/ingest.ts';
import type { GraphStore } from '../src/store/port.ts';
import { discover, readReport, type Source } from './source.ts';

export interface PageState {
  status: 'fetched' | 'ingested' | 'refused' | 'failed';
  sha256?: string;
  code?: string;
  reason?: string;
  at: string;
  publishedAt?: string | null;
}

export interface CrawlState {
  source: string;
  listings: Record<string, { etag?: string; lastModified?: string; at: string }>;
  pages: Record<string, PageState>;
}

export type CrawlEvent =
  | { kind: 'ingested'; url: string; result: IngestResult }
  | { kind: 'refused'; url: string; code: string; reason: string }
  | { kind: 'skipped'; url: string; status: string };

export interface CrawlOptions {
  source: Source;
  fetcher: Fetcher;
  store: GraphStore;
  archiveDir: string;
  stateFile: string;
  /** Point the source at another origin (a mirror; tests' local server). */
  origin?: string | undefined;
  since?: string | undefined;
  /** New reports to fetch at most. */
  max?: number | undefined;
  onEvent?: (e: CrawlEvent) => void;
}

export interface CrawlReport {
  listed: number;
  ingested: number;
  skipped: number;
  refused: number;
  failed: number;
  requests: number;
  seconds: number;
}

export function loadState(file: string, source: string): CrawlState {
  if (!existsSync(file)) return { source, listings: {}, pages: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as CrawlState;
}

function saveState(file: string, state: CrawlState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 1));
  renameSync(tmp, file);
}

const isPdf = (r: { headers: Record<string, string> }) => (r.headers['content-type'] ?? '').startsWith('application/pdf');

export async function crawl(o: CrawlOptions): Promise<CrawlReport> {
  const t0 = Date.now();
  const origin = (o.origin ?? o.source.origin).replace(/\/$/, '');
  const state = loadState(o.stateFile, o.source.name);
  const report: CrawlReport = { listed: 0, ingested: 0, skipped: 0, refused: 0, failed: 0, requests: 0, seconds: 0 };
  const requestsBefore = o.fetcher.requests;
  const now = () => new Date().toISOString();
  const refuse = (url: string, err: unknown) => {
    const e = err instanceof FetchError ? err : new FetchError('network', url, (err as Error).message, true);
    // Retryable failures (timeouts, 5xx, robots unreachable) are tried again by the next crawl.
    state.pages[url] = { status: e.retryable ? 'failed' : 'refused', code: e.code, reason: e.message, at: now() };
    saveState(o.stateFile, state);
    report[e.retryable ? 'failed' : 'refused']++;
    o.onEvent?.({ kind: 'refused', url, code: e.code, reason: e.message });
  };

  // 1. Listings: what is new.
  const found: Array<{ url: string; publishedAt: string | null }> = [];
  for (const path of o.source.listings) {
    const url = `${origin}${path}`;
    const prev = state.listings[url];
    try {
      const res = await o.fetcher.fetch({ url, etag: prev?.etag, lastModified: prev?.lastModified });
      state.listings[url] = { ...(res.headers.etag ? { etag: res.headers.etag } : {}), ...(res.headers['last-modified'] ? { lastModified: res.headers['last-modified'] } : {}), at: now() };
      saveState(o.stateFile, state);
      if (res.notModified) continue;
      for (const d of discover(o.source, res.body.toString('utf8'), res.url)) if (!found.some((f) => f.url === d.url)) found.push(d);
    } catch (err) {
      refuse(url, err);
    }
  }
  report.listed = found.length;

  // 2. Reports, oldest state first: finish what an interrupted crawl archived, then fetch new ones.
  let fresh = 0;
  for (const d of found) {
    if (o.since && d.publishedAt && d.publishedAt < o.since) continue;
    const prev = state.pages[d.url];
    if (prev && (prev.status === 'ingested' || prev.status === 'refused')) {
      report.skipped++;
      o.onEvent?.({ kind: 'skipped', url: d.url, status: prev.status });
      continue;
    }
    let res: Pick<FetchResult, 'body' | 'sha256' | 'headers' | 'fetchedAt' | 'url'>;
    if (prev?.status === 'fetched' && prev.sha256) {
      const records = await readArchived(o.archiveDir, prev.sha256);
      const rec = records?.find((r) => r.type === 'response');
      if (!rec) {
        delete state.pages[d.url];
      } else {
        res = { body: Buffer.from(rec.body), sha256: prev.sha256, headers: rec.httpHeaders, fetchedAt: rec.date, url: d.url };
      }
    }
    if (!state.pages[d.url]) {
      if (o.max !== undefined && fresh >= o.max) break;
      fresh++;
      try {
        const r = await o.fetcher.fetch({ url: d.url });
        await archiveResponse(o.archiveDir, r);
        state.pages[d.url] = { status: 'fetched', sha256: r.sha256, at: now(), publishedAt: d.publishedAt };
        saveState(o.stateFile, state);
        res = r;
      } catch (err) {
        refuse(d.url, err);
        continue;
      }
    }
    try {
      const r = res!;
      let ingested: IngestResult;
      const base = { url: d.url, publisher: o.source.publisher, sha256: r.sha256, fetchedAt: r.fetchedAt, language: 'auto' };
      if (isPdf(r)) {
        ingested = await ingestText(o.store, await pdfToText(new Uint8Array(r.body)), { ...base, title: decodeURIComponent(d.url.split('/').pop() ?? d.url), publishedAt: d.publishedAt });
      } else {
        const page = readReport(o.source, r.body.toString('utf8'), d.url);
        ingested = await ingestText(o.store, page.text, {
          ...base, title: page.title ?? undefined, publishedAt: page.publishedAt ?? d.publishedAt, authors: page.authors, cites: page.cites,
          ...(page.language ? { language: page.language } : {}),
        });
        // Reports linked as PDFs are documents of their own, crawled like pages.
        for (const pdf of page.pdfLinks) if (!state.pages[pdf] && !found.some((f) => f.url === pdf)) found.push({ url: pdf, publishedAt: page.publishedAt });
      }
      state.pages[d.url] = { status: 'ingested', sha256: r.sha256, at: now(), publishedAt: d.publishedAt };
      saveState(o.stateFile, state);
      report.ingested++;
      o.onEvent?.({ kind: 'ingested', url: d.url, result: ingested });
    } catch (err) {
      refuse(d.url, err);
    }
  }
  report.requests = o.fetcher.requests - requestsBefore;
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}

export const stateFileFor = (archiveDir: string, source: string) => join(archiveDir, 'crawl', `${source}.json`);
