// Document: a source (report, article, statement) with the claims it carries; the `document` query.
import { isArchived } from '../../archive/warc.ts';
import type { Document } from '../../domain/index.ts';
import { builder } from '../builder.ts';
import { page, type Connection } from '../connection.ts';
import { ClaimRef, DocumentRef } from './refs.ts';
import { PAGE_SIZES } from '../page-sizes.ts';

DocumentRef.implement({
  description: 'A source: the report, article or statement that a claim quotes.',
  fields: (t) => ({
    url: t.exposeString('url', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    publisher: t.exposeString('publisher', { nullable: true }),
    publishedAt: t.exposeString('publishedAt', { nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD.' }),
    language: t.exposeString('language', { nullable: true }),
    sha256: t.exposeString('sha256', { nullable: true, description: 'Of the archived bytes, when fetched by rightsgraph.' }),
    fetchedAt: t.exposeString('fetchedAt', { nullable: true }),
    archiveUrl: t.string({
      nullable: true,
      description: 'Where this server serves the archived bytes (/archive/<sha256>, relative to the API’s origin); null when it holds no copy (a curated seed, a store imported without its archive).',
      resolve: (d, _a, ctx) => (ctx.archiveDir && d.sha256 && isArchived(ctx.archiveDir, d.sha256) ? `/archive/${d.sha256}` : null),
    }),
    authors: t.exposeStringList('authors'),
    cites: t.stringList({ description: 'URLs the document links to from its body (its citations).', resolve: (d) => d.cites ?? [] }),
    supersedes: t.field({ type: DocumentRef, nullable: true, description: 'The earlier version (same URL, other text) this one replaces: its claims are superseded.', resolve: (d) => d.supersedes ?? null }),
    supersededBy: t.field({
      type: DocumentRef,
      nullable: true,
      description: 'The later version that replaces this one, if any: then this version’s claims no longer count.',
      resolve: async (d, _a, ctx) => (d.url ? ((await ctx.store.documentsByUrl(d.url)).find((v) => v.supersedes === d.id) ?? null) : null),
    }),
    versions: t.field({
      type: [DocumentRef],
      description: 'Every version of this document held (same URL), this one included, oldest first.',
      resolve: async (d, _a, ctx) => (d.url ? versionOrder(await ctx.store.documentsByUrl(d.url)) : [d]),
    }),
    claims: t.connection(
      {
        type: ClaimRef,
        description: 'The claims whose evidence this document carries, whatever their review.',
        resolve: (d, args, ctx) =>
          page(args, 'claims', PAGE_SIZES['Document.claims'], async ({ offset, limit }) => {
            const p = await ctx.store.findClaims({ documentId: d.id, review: ['unreviewed', 'accepted', 'rejected', 'superseded'], limit: offset + limit });
            return { items: p.items.slice(offset), total: p.total };
          }),
      },
      {
        description: 'A page of a document’s claims.',
        fields: (t) => ({ totalCount: t.int({ description: 'Claims of the document, before paging.', resolve: (c) => (c as Connection<unknown>).totalCount ?? 0 }) }),
      },
    ),
  }),
});

/** Versions in the order they replaced one another (a version before the one that supersedes it). */
function versionOrder(docs: Document[]): Document[] {
  const next = new Map(docs.filter((d) => d.supersedes).map((d) => [d.supersedes!, d]));
  const firsts = docs.filter((d) => !d.supersedes || !docs.some((x) => x.id === d.supersedes));
  const out: Document[] = [];
  for (const f of firsts) for (let d: Document | undefined = f; d && !out.includes(d); d = next.get(d.id)) out.push(d);
  return [...out, ...docs.filter((d) => !out.includes(d))];
}

builder.queryField('document', (t) =>
  t.field({
    type: DocumentRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args) => String(args.id),
  }),
);
