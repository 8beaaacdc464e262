// Ingest through GraphQL: a document given as text or HTML (at once, idempotent), a URL as a job fetched
// from a real local server with the crawler's safeguards, and refusals (both text and HTML, a reader's key,
// a private address) as coded errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { parseAllowList } from '../../src/fetch/guard.ts';
import { readArchived } from '../../src/archive/warc.ts';
import { body, startFixtureServer, type FixtureServer } from '../scrapers/fixture-server.ts';
import { nodes, READER_KEY, seededApi, WRITER_KEY } from './helpers.ts';
import { Jobs } from '../../src/api/jobs.ts';
import { BusyError } from '../../src/store/errors.ts';

let ctx: Awaited<ReturnType<typeof seededApi>>;
let srv: FixtureServer;
let archive: string;
beforeAll(async () => {
  archive = await mkdtemp(join(tmpdir(), 'rg-api-archive-'));
  srv = await startFixtureServer({
    '/report.html': body('<html lang="en"><head><title>Cameras report</title><meta property="article:published_time" content="2025-10-03"></head><body><article><h1>Cameras report</h1><p>Vigilant Optics Ltd supplies surveillance cameras to the Xinjiang public security bureau, the report found.</p></article></body></html>'),
  });
  ctx = await seededApi({ fetcher: new Fetcher({ userAgent: 'rightsgraph-test', allow: parseAllowList('127.0.0.1'), minDelayMs: 0 }), archiveDir: archive });
});
afterAll(async () => {
  await ctx.cleanup();
  await srv.close();
  await rm(archive, { recursive: true, force: true });
});

const INGEST_DOC = `mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { ... on IngestResult { document { id title publisher sha256 } entitiesCreated claimsCreated claimsExisting } ... on Error { code message } } }`;
const INGEST_URL = `mutation($url: String!) { ingestUrl(url: $url, publisher: "Test NGO") { ... on Job { id status } ... on Error { code message } } }`;
const JOB = `query($id: ID!) { job(id: $id) { status step error { code message } document { title url sha256 publishedAt publisher } result } }`;

async function waitJob(id: string) {
  for (let i = 0; i < 200; i++) {
    const j = (await ctx.gql(JOB, { id }, WRITER_KEY)).data!.job;
    if (j.status === 'done' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('ingest through the API', () => {
  it('ingests a text document at once, and the same text again changes nothing', async () => {
    const input = { text: 'Hikvision supplies surveillance cameras to the Xinjiang public security bureau, according to the filing.', title: 'Filing', publisher: 'Test NGO', publishedAt: '2025-10-02' };
    const first = await ctx.gql(INGEST_DOC, { input }, WRITER_KEY);
    expect(first.errors).toBeUndefined();
    expect(first.data!.ingestDocument.claimsCreated).toBeGreaterThan(0);
    expect(first.data!.ingestDocument.document).toMatchObject({ title: 'Filing', publisher: 'Test NGO' });
    const again = await ctx.gql(INGEST_DOC, { input }, WRITER_KEY);
    expect(again.data!.ingestDocument).toMatchObject({ claimsCreated: 0, claimsExisting: first.data!.ingestDocument.claimsCreated, entitiesCreated: 0 });
  });

  it('refuses both text and html, and a reader', async () => {
    const both = await ctx.gql(INGEST_DOC, { input: { text: 'a', html: '<p>a</p>' } }, WRITER_KEY);
    expect(both.data!.ingestDocument).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/either text or html/) });
    const reader = await ctx.gql(INGEST_DOC, { input: { text: 'a' } }, READER_KEY);
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('ingests a URL as a job: fetched, archived by sha256, read, and in the graph', async () => {
    const started = await ctx.gql(INGEST_URL, { url: `${srv.url}/report.html` }, WRITER_KEY);
    expect(started.errors).toBeUndefined();
    expect(['queued', 'running']).toContain(started.data!.ingestUrl.status);
    const job = await waitJob(started.data!.ingestUrl.id);
    expect(job.status).toBe('done');
    expect(job.document).toMatchObject({ title: 'Cameras report', url: `${srv.url}/report.html`, publishedAt: '2025-10-03', publisher: 'Test NGO' });
    expect((await readArchived(archive, job.document.sha256))?.[0]?.type).toBe('response');
    const hits = await ctx.gql(`{ search(text: "vigilant optics") { edges { node { entity { name kind } } } } }`);
    expect(nodes(hits.data!.search)[0]?.entity.kind).toBe('Company');
  });

  it('fails a job that points at a private address, with the reason, and keeps answering', async () => {
    const started = await ctx.gql(INGEST_URL, { url: 'http://169.254.169.254/latest/meta-data/' }, WRITER_KEY);
    const job = await waitJob(started.data!.ingestUrl.id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'private-address' } });
    expect(job.error.message).toMatch(/private or internal address/);
    expect((await ctx.gql('{ stats { documents } }')).data!.stats.documents).toBeGreaterThan(0);
    const file = await ctx.gql(INGEST_URL, { url: 'file:///etc/passwd' }, WRITER_KEY);
    expect((await waitJob(file.data!.ingestUrl.id)).error.code).toBe('scheme');
  });

  it('refuses every SSRF form through ingestUrl, as ingest URL does, and keeps answering', async () => {
    const port = new URL(srv.url).port;
    const forms: Array<[string, string]> = [
      [`http://2130706433:${port}/report.html`, 'private-address'],
      [`http://0x7f000001:${port}/report.html`, 'private-address'],
      [`http://127.1:${port}/report.html`, 'private-address'],
      [`http://0.0.0.0:${port}/report.html`, 'private-address'],
      [`http://[::ffff:127.0.0.1]:${port}/report.html`, 'private-address'],
      [`http://[::ffff:7f00:1]:${port}/report.html`, 'private-address'],
      [`http://localhost:${port}/report.html`, 'private-address'],
      ['http://[fd00:ec2::254]/latest/meta-data/', 'private-address'],
      ['gopher://example.org/', 'scheme'],
      ['data:text/html,<p>x</p>', 'scheme'],
      ['http://user:secret@example.org/', 'scheme'],
    ];
    // This server's fetcher allows 127.0.0.1 itself (the fixture server): the forms above must not reach it
    // unless they are that literal address, so the strict forms are checked on a server allowing nothing.
    const strict = await seededApi({ fetcher: new Fetcher({ userAgent: 'rightsgraph-test', allow: parseAllowList(''), minDelayMs: 0, retries: 0 }), archiveDir: archive });
    try {
      for (const [url, code] of forms) {
        const started = await strict.gql(INGEST_URL, { url }, WRITER_KEY);
        const id = started.data?.ingestUrl?.id;
        expect(id, `${url}: ${JSON.stringify(started)}`).toBeTruthy();
        await strict.api.fetch('http://localhost/healthz');
        let job: any;
        for (let i = 0; i < 200; i++) {
          job = (await strict.gql(`query($id: ID!) { job(id: $id) { status error { code } } }`, { id }, WRITER_KEY)).data!.job;
          if (job.status === 'done' || job.status === 'failed') break;
          await new Promise((r) => setTimeout(r, 25));
        }
        expect(job, url).toMatchObject({ status: 'failed', error: { code } });
      }
      expect((await strict.gql('{ stats { documents } }')).data!.stats.documents).toBeGreaterThan(0);
    } finally {
      await strict.cleanup();
    }
  });

  it('refuses a whitespace-only text, an HTML page without text and an impossible date, storing nothing', async () => {
    const before = (await ctx.gql('{ stats { documents } }')).data!.stats.documents;
    for (const input of [{ text: '  \n\t ' }, { html: '<html><body><script>x()</script></body></html>' }, { text: 'Acme sells cameras.', publishedAt: '2025-13-45' }, { text: 'Acme sells cameras.', publishedAt: '2025-02-29' }]) {
      const r = await ctx.gql(INGEST_DOC, { input }, WRITER_KEY);
      expect(r.data!.ingestDocument, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const asOf = await ctx.gql(`{ exposurePaths(from: "co_Q2283", asOf: "2025-99-99") { edges { cursor } } }`);
    expect(asOf.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await ctx.gql('{ stats { documents } }')).data!.stats.documents).toBe(before);
  });

  it('bounds the jobs waiting to start: one more is refused with BUSY', async () => {
    const jobs = new Jobs(2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => (await gate, { documentId: 'doc_x', result: {} });
    for (let i = 0; i < 4; i++) jobs.start('test', String(i), 'alice', work); // two running, two waiting
    expect(() => jobs.start('test', 'one too many', 'alice', work)).toThrow(BusyError);
    release();
    await jobs.idle();
    expect(jobs.list().every((j) => j.status === 'done')).toBe(true);
  });
});
