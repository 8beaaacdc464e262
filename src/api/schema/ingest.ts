// Ingest through the API: `ingestDocument` (a text or HTML body with its metadata, ingested at once) and
// `ingestUrl` (fetched with the crawler's safeguards and archived: long work, so it returns a Job whose
// progress `job(id)` reports). Both need the editor role, like every mutation.
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { readArticle } from '../../../scrapers/readers/article.ts';
import { IsoDate } from '../../domain/entity.ts';
import { sha256Hex } from '../../domain/ids.ts';
import { archiveFile } from '../../archive/warc.ts';
import { ingestText, type IngestResult } from '../../ingest/ingest.ts';
import { ingestUrl } from '../../ingest/ingest-url.ts';
import { requireCaller } from '../auth.ts';
import { builder } from '../builder.ts';
import type { Job } from '../jobs.ts';
import { InputError, parseInput } from '../validate.ts';
import { DocumentRef } from './refs.ts';
import { typedErrors } from './error.ts';
import { InvalidBatchError } from '../../store/errors.ts';

const JobErrorRef = builder.objectRef<{ code: string; message: string }>('JobError').implement({
  fields: (t) => ({ code: t.exposeString('code', { description: 'robots, private-address, too-large, content-type, timeout, http-status, …' }), message: t.exposeString('message') }),
});

const JobRef = builder.objectRef<Job>('Job').implement({
  description: 'Long work started through the API (the ingest of a URL); poll `job(id)` until done or failed.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind'),
    input: t.exposeString('input', { description: 'What the job works on (the URL).' }),
    by: t.exposeString('by'),
    status: t.exposeString('status', { description: 'queued, running, done or failed.' }),
    step: t.exposeString('step', { nullable: true, description: 'What a running job is doing: fetching, reading, writing.' }),
    createdAt: t.exposeString('createdAt'),
    finishedAt: t.exposeString('finishedAt', { nullable: true }),
    error: t.field({ type: JobErrorRef, nullable: true, resolve: (j) => j.error }),
    document: t.field({ type: DocumentRef, nullable: true, resolve: (j) => j.documentId ?? null }),
    result: t.string({ nullable: true, description: 'JSON: entities and claims created or matched.', resolve: (j) => (j.result ? JSON.stringify(j.result) : null) }),
  }),
});

const IngestResultRef = builder.objectRef<IngestResult>('IngestResult').implement({
  fields: (t) => ({
    document: t.field({ type: DocumentRef, nullable: true, resolve: (r) => r.documentId }),
    entitiesCreated: t.int({ resolve: (r) => r.entities.created }),
    entitiesMatched: t.int({ resolve: (r) => r.entities.updated }),
    claimsCreated: t.int({ resolve: (r) => r.claims.created }),
    claimsExisting: t.int({ resolve: (r) => r.claims.existing, description: 'Already in the graph (the same document ingested before).' }),
  }),
});

const DocumentInput = builder.inputType('IngestDocumentInput', {
  description: 'A document to ingest: its text or its HTML (one of them), and what is known about it.',
  fields: (t) => ({
    text: t.string(),
    html: t.string({ description: 'A page; its main text is read as the crawler reads pages.' }),
    title: t.string(),
    url: t.string(),
    publisher: t.string(),
    publishedAt: t.string({ description: 'YYYY-MM-DD.' }),
    language: t.string({ description: 'fr, en, or auto (default).' }),
  }),
});

const Meta = {
  title: z.string().trim().min(1).max(1000).optional(),
  url: z.string().url().max(2000).refine((u) => /^https?:/i.test(u), 'an http(s) URL').optional(),
  publisher: z.string().trim().min(1).max(300).optional(),
  publishedAt: IsoDate.optional(),
};
const IngestDocument = z
  .object({ text: z.string().max(900_000).refine((t) => t.trim() !== '', 'holds no text').optional(), html: z.string().min(1).max(900_000).optional(), language: z.enum(['auto', 'fr', 'en']).default('auto'), ...Meta })
  .strict()
  .refine((d) => !!d.text !== !!d.html, { message: 'give either text or html, not both and not neither' });
const IngestUrl = z.object({ url: z.string().min(1).max(2000), publisher: Meta.publisher, publishedAt: Meta.publishedAt, title: Meta.title }).strict();

builder.queryFields((t) => ({
  job: t.field({ type: JobRef, nullable: true, description: 'A job by id (kept in the server’s memory: the last 1,000).', args: { id: t.arg.id({ required: true }) }, resolve: (_r, a, ctx) => ctx.jobs.get(String(a.id)) }),
}));

builder.mutationFields((t) => ({
  ingestDocument: t.field({
    errors: typedErrors(InvalidBatchError),
    type: IngestResultRef,
    description: 'Extracts a document given as text or HTML and adds it, its entities and claims to the graph (idempotent by content).',
    args: { input: t.arg({ type: DocumentInput, required: true }) },
    resolve: async (_r, a, ctx) => {
      requireCaller(ctx);
      const d = parseInput(IngestDocument, a.input, 'input');
      const raw = d.text ?? d.html!;
      const page = d.html ? readArticle(d.html, d.url ?? 'https://invalid.example/') : null;
      if (page && !page.text.trim()) throw new InputError('input.html: the page holds no readable text', [{ path: 'input.html', message: 'no readable text' }]);
      const sha256 = sha256Hex(raw);
      // Kept as given, so the document's "archived copy" opens what was ingested (and hand-added quotes can be checked).
      if (ctx.archiveDir) {
        await archiveFile(ctx.archiveDir, new TextEncoder().encode(raw), sha256, d.url ?? `urn:sha256:${sha256}`, d.html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
      }
      return ingestText(ctx.store, page ? page.text : raw, {
        sha256, language: d.language, title: d.title ?? page?.title ?? undefined, url: d.url ?? null,
        publisher: d.publisher ?? null, publishedAt: d.publishedAt ?? page?.publishedAt ?? null, authors: page?.authors, cites: page?.cites,
      });
    },
  }),
  ingestUrl: t.field({
    errors: typedErrors(),
    type: JobRef,
    description: 'Fetches a report (robots.txt, private addresses, size and type checked), archives it and ingests it, as a job.',
    args: { url: t.arg.string({ required: true }), publisher: t.arg.string(), publishedAt: t.arg.string(), title: t.arg.string() },
    resolve: (_r, a, ctx) => {
      const caller = requireCaller(ctx);
      const input = parseInput(IngestUrl, a, 'ingestUrl');
      if (!ctx.fetcher || !ctx.archiveDir) throw new GraphQLError('this server does not fetch URLs', { extensions: { code: 'NOT_CONFIGURED' } });
      const { fetcher, archiveDir, store } = ctx;
      return ctx.jobs.start('ingestUrl', input.url, caller.name, async (step) => {
        step('fetching');
        const r = await ingestUrl(store, fetcher, archiveDir, input.url, {
          ...(input.publisher ? { publisher: input.publisher } : {}), ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}), ...(input.title ? { title: input.title } : {}),
        });
        return { documentId: r.documentId, result: { url: r.url, sha256: r.sha256, entities: r.entities, claims: r.claims } };
      });
    },
  }),
}));
