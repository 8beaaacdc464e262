// Document: a source (report, article, statement) with the claims it carries; the `document` query.
import { z } from 'zod';
import { builder } from '../builder.ts';
import { parseInput } from '../validate.ts';
import { ClaimRef, DocumentRef } from './refs.ts';

builder.node(DocumentRef, {
  description: 'A source: the report, article or statement that a claim quotes.',
  id: { resolve: (d) => d.id },
  loadMany: (ids, ctx) => ids.map((id) => ctx.documents.load(id)),
  fields: (t) => ({
    url: t.exposeString('url', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    publisher: t.exposeString('publisher', { nullable: true }),
    publishedAt: t.exposeString('publishedAt', { nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD.' }),
    language: t.exposeString('language', { nullable: true }),
    sha256: t.exposeString('sha256', { nullable: true, description: 'Of the archived bytes, when fetched by rightsgraph.' }),
    fetchedAt: t.exposeString('fetchedAt', { nullable: true }),
    authors: t.exposeStringList('authors'),
    claims: t.field({
      type: [ClaimRef],
      description: 'The claims whose evidence this document carries.',
      args: { limit: t.arg.int({ description: '1–1,000; default 200.' }) },
      resolve: async (d, args, ctx) =>
        (await ctx.store.findClaims({ documentId: d.id, review: ['unreviewed', 'accepted', 'rejected'], limit: parseInput(z.number().int().min(1).max(1000).default(200), args.limit, 'limit') })).items,
    }),
  }),
});

builder.queryField('document', (t) =>
  t.field({
    type: DocumentRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => ctx.documents.load(String(args.id)),
  }),
);
