// One URL into the graph with the crawler's safeguards: fetched by the guarded, polite Fetcher, archived as
// WARC by its sha256, read by the generic article reader (or as a PDF), then ingested like a file.
import { readArticle } from '../../scrapers/readers/article.ts';
import { archiveResponse } from '../archive/warc.ts';
import { pdfToText } from '../extract/read-input.ts';
import type { Fetcher } from '../fetch/fetcher.ts';
import type { GraphStore } from '../store/port.ts';
import { ingestText, type IngestResult } from './ingest.ts';

export async function ingestUrl(
  store: GraphStore,
  fetcher: Fetcher,
  archiveDir: string,
  url: string,
  meta: { publisher?: string; publishedAt?: string; title?: string } = {},
): Promise<IngestResult & { url: string; sha256: string }> {
  const r = await fetcher.fetch({ url });
  await archiveResponse(archiveDir, r);
  const base = { url: r.url, sha256: r.sha256, fetchedAt: r.fetchedAt, language: 'auto', ...(meta.publisher ? { publisher: meta.publisher } : {}) };
  let result: IngestResult;
  if ((r.headers['content-type'] ?? '').startsWith('application/pdf')) {
    result = await ingestText(store, await pdfToText(new Uint8Array(r.body)), { ...base, title: meta.title ?? decodeURIComponent(new URL(r.url).pathname.split('/').pop() || r.url), publishedAt: meta.publishedAt ?? null });
  } else {
    const page = readArticle(r.body.toString('utf8'), r.url);
    result = await ingestText(store, page.text, {
      ...base, title: meta.title ?? page.title ?? undefined, publishedAt: meta.publishedAt ?? page.publishedAt, authors: page.authors, cites: page.cites,
      ...(page.language ? { language: page.language } : {}),
    });
  }
  return { ...result, url: r.url, sha256: r.sha256 };
}
