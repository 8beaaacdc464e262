// Every source against a local server serving pages shaped like its site (fixtures in
// test/fixtures/scrapers): listing → report → text → graph, with the document's publisher, title and date,
// the claims the report supports, the response archived by its sha256, and a second crawl that fetches
// nothing again. Malformed HTML (+972 fixture) is still read.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../scrapers/crawl.ts';
import { SOURCES, sourceNamed } from '../../scrapers/index.ts';
import { readArchived } from '../../src/archive/warc.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { parseAllowList } from '../../src/fetch/guard.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { makePdf } from '../extract/pdf-fixture.ts';
import { body, file, startFixtureServer, type Handler } from './fixture-server.ts';

interface Case {
  routes: Record<string, Handler>;
  reports: number;
  title: string;
  publishedAt: string;
  /** A claim the report supports: type, subject name, object name. */
  claim: [string, string, string];
}

const CASES: Record<string, Case> = {
  hrw: {
    routes: {
      '/rss/news': file('hrw/rss-news.xml'),
      '/news/2025/10/10/israel-cloud-surveillance': file('hrw/israel-cloud-surveillance.html'),
      '/news/2021/07/20/spyware-abuses': file('hrw/spyware-abuses.html'),
    },
    reports: 2, title: 'Israel: Cloud contracts and surveillance', publishedAt: '2025-10-10', claim: ['PROVIDES', 'Microsoft', 'Azure'],
  },
  amnesty: {
    routes: {
      '/en/latest/news/feed/': file('amnesty/feed.xml'),
      '/en/latest/research/2021/07/pegasus-findings/': file('amnesty/pegasus-findings.html'),
      '/en/documents/doc10/4491/2021/en.pdf': body(makePdf('NSO Group sells the Pegasus spyware to government clients.'), 'application/pdf'),
    },
    reports: 2, title: 'Pegasus forensic findings', publishedAt: '2021-07-18', claim: ['PROVIDES', 'NSO Group', 'Pegasus'],
  },
  ohchr: {
    routes: { '/en/latest': file('ohchr/latest.html'), '/en/press-releases/2025/10/surveillance-experts': file('ohchr/surveillance-experts.html') },
    reports: 1, title: 'UN experts alarmed by surveillance tech', publishedAt: '2025-10-02', claim: ['SUPPLIES', 'Hikvision', ''],
  },
  accessnow: {
    routes: { '/feed/': file('accessnow/feed.xml'), '/spyware-and-the-law/': file('accessnow/spyware-and-the-law.html') },
    reports: 1, title: 'Spyware and the law', publishedAt: '2025-10-01', claim: ['PROVIDES', 'NSO Group', 'Pegasus'],
  },
  bhrrc: {
    routes: { '/en/latest-news/': file('bhrrc/latest-news.html'), '/en/latest-news/microsoft-response-unit-8200/': file('bhrrc/microsoft-response-unit-8200.html') },
    reports: 1, title: 'Microsoft responds on Unit 8200 cloud use', publishedAt: '2025-09-26', claim: ['PROVIDES', 'Microsoft', 'Azure'],
  },
  guardian: {
    routes: {
      '/world/rss': file('guardian/world-rss.xml'),
      '/technology/rss': file('guardian/technology-rss.xml'),
      '/world/2025/aug/06/microsoft-cloud-unit-8200': file('guardian/microsoft-cloud-unit-8200.html'),
    },
    reports: 1, title: 'Microsoft cloud and Unit 8200', publishedAt: '2025-08-06', claim: ['PROVIDES', 'Microsoft', 'Azure'],
  },
  '972mag': {
    routes: { '/feed/': file('972mag/feed.xml'), '/microsoft-azure-unit-8200/': file('972mag/microsoft-azure-unit-8200.html') },
    reports: 1, title: 'Inside the cloud', publishedAt: '2025-08-06', claim: ['PROVIDES', 'Microsoft', 'Azure'],
  },
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-sources-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('sources', () => {
  it('has a fixture case for every source', () => {
    expect(Object.keys(CASES).sort()).toEqual(SOURCES.map((s) => s.name).sort());
  });

  it.each(Object.keys(CASES))('%s: listing → report → graph, archived, and a second crawl fetches nothing again', async (name) => {
    const c = CASES[name]!;
    const source = sourceNamed(name)!;
    const srv = await startFixtureServer(c.routes);
    const store = await KuzuStore.open({ dataDir: join(dir, name, 'data'), bufferPoolMb: 64 });
    try {
      const fetcher = new Fetcher({ userAgent: 'rightsgraph-test', allow: parseAllowList('127.0.0.1'), minDelayMs: 0 });
      const opts = { source, fetcher, store, archiveDir: join(dir, name, 'archive'), stateFile: join(dir, name, 'state.json'), origin: srv.url };
      const first = await crawl(opts);
      expect(first.ingested).toBe(c.reports);
      expect(first.refused + first.failed).toBe(0);
      const docs = (await store.findClaims({ limit: 1000 })).items;
      const documents = await store.getDocuments([...new Set(docs.map((x) => x.evidence.documentId))]);
      const doc = documents.find((d) => d.title === c.title);
      expect(doc, `document "${c.title}" among ${documents.map((d) => d.title).join(', ')}`).toBeDefined();
      expect(doc).toMatchObject({ publisher: source.publisher, publishedAt: c.publishedAt });
      expect(doc!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect((await readArchived(opts.archiveDir, doc!.sha256!))?.[0]?.type).toBe('response');
      const [type, subj, obj] = c.claim;
      const names = new Map((await store.getEntities([...new Set(docs.flatMap((x) => [x.subject, x.object]))])).map((e) => [e.id, e.name]));
      expect(docs.some((x) => x.type === type && names.get(x.subject) === subj && (!obj || names.get(x.object) === obj)), `${type} ${subj} ${obj}`).toBe(true);
      // Nothing is fetched twice: the second crawl reads the listings (conditionally) and skips the reports.
      const servedBefore = new Map(srv.served);
      const second = await crawl(opts);
      expect(second.ingested).toBe(0);
      for (const [path, n] of srv.served) if (!source.listings.includes(path) && path !== '/robots.txt') expect(n, path).toBe(servedBefore.get(path));
    } finally {
      await store.close();
      await srv.close();
    }
  });
});
