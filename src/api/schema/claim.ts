// Claim: one statement a document makes about two entities, with its evidence (document, exact quote,
// offsets), certainty, dates, confidence and review; the claim queries and the mutations that review and
// add claims.
import { z } from 'zod';
import { Claim, Evidence, EvidenceKind, Review } from '../../domain/claim.ts';
import { checkQuote } from '../../ingest/quote-check.ts';
import { IsoDate } from '../../domain/entity.ts';
import { claimId } from '../../domain/ids.ts';
import { Certainty, ClaimType } from '../../domain/vocabulary.ts';
import { requireCaller } from '../auth.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { InputError, Note, parseInput } from '../validate.ts';
import { ClaimListArgs } from './entity.ts';
import { ClaimFilterInput } from './filter.ts';
import { ClaimRef, DocumentRef, EntityRef } from './refs.ts';
import { CertaintyEnum, ClaimTypeEnum, EvidenceKindEnum, ReviewStatusEnum } from './vocabulary.ts';
import { typedErrors } from './error.ts';
import { InvalidBatchError, NotFoundError } from '../../store/errors.ts';

const EvidenceRef = builder.objectRef<Evidence>('Evidence').implement({
  description: 'Where a claim comes from: the document, and its exact words (kind quote) or someone’s paraphrase or summary of it.',
  fields: (t) => ({
    document: t.field({ type: DocumentRef, nullable: true, resolve: (e) => e.documentId }),
    documentId: t.exposeID('documentId'),
    kind: t.field({ type: EvidenceKindEnum, resolve: (e) => e.kind ?? 'quote' }),
    quote: t.exposeString('quote', {
      description: 'kind quote: the exact words of the document, in its language (offsets checked where given). kind paraphrase or summary: those words are writtenBy’s, not the document’s; show them as such, never in quotation marks.',
    }),
    writtenBy: t.exposeString('writtenBy', { nullable: true, description: 'Who wrote a paraphrase or summary.' }),
    attributedTo: t.exposeString('attributedTo', { nullable: true, description: Evidence.shape.attributedTo.description }),
    language: t.exposeString('language', { nullable: true, description: 'The language of these words where it is not the document’s (a paraphrase in English of a French report).' }),
    start: t.exposeInt('start', { nullable: true, description: 'Offset of the quote in the document text (UTF-16 units).' }),
    end: t.exposeInt('end', { nullable: true }),
  }),
});

const ReviewRef = builder.objectRef<Review>('Review').implement({
  fields: (t) => ({
    status: t.field({ type: ReviewStatusEnum, resolve: (r) => r.status }),
    by: t.exposeString('by', { nullable: true }),
    at: t.exposeString('at', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

ClaimRef.implement({
  description: 'One statement a document makes about two entities: the unit of evidence; edges aggregate claims.',
  fields: (t) => ({
    type: t.field({ type: ClaimTypeEnum, resolve: (c) => c.type }),
    subject: t.field({ type: EntityRef, nullable: true, resolve: (c) => c.subject }),
    object: t.field({ type: EntityRef, nullable: true, resolve: (c) => c.object }),
    subjectId: t.exposeID('subject'),
    objectId: t.exposeID('object'),
    qualifier: t.exposeString('qualifier', { nullable: true, description: 'SUPPLIES: the technology supplied; ROLE_IN: the role.' }),
    evidence: t.field({ type: EvidenceRef, resolve: (c) => c.evidence }),
    certainty: t.field({ type: CertaintyEnum, resolve: (c) => c.certainty }),
    date: t.exposeString('date', { nullable: true }),
    validFrom: t.exposeString('validFrom', { nullable: true }),
    validTo: t.exposeString('validTo', { nullable: true }),
    confidence: t.exposeFloat('confidence'),
    extractor: t.exposeString('extractor', { description: 'A rule name, "manual", "curated" or "import:<source>".' }),
    review: t.field({ type: ReviewRef, resolve: (c) => c.review }),
  }),
});

const Id = z.string().min(1).max(200);

builder.queryFields((t) => ({
  claim: t.field({ type: ClaimRef, nullable: true, args: { id: t.arg.id({ required: true }) }, resolve: (_r, a) => String(a.id) }),
  claims: t.connection(
    {
      type: ClaimRef,
      description: 'Claims by filter, document or entity, ordered by id, as a Relay connection: review queues and evidence lists.',
      args: {
        filter: t.arg({ type: ClaimFilterInput }),
        documentId: t.arg.id(),
        entityId: t.arg.id(),
      },
      resolve: async (_r, a, ctx) => {
        if (a.last != null || a.before != null) {
          throw new InputError('claims pages forward only: use first and after', [{ path: 'claims.last', message: 'pages forward only' }]);
        }
        const q = parseInput(ClaimListArgs, { ...(a.filter ?? {}), limit: a.first ?? 100 }, 'claims');
        const page = await ctx.store.findClaims({
          ...q,
          // One more than asked, to know whether a next page exists.
          limit: q.limit + 1,
          ...(a.documentId ? { documentId: parseInput(Id, String(a.documentId), 'documentId') } : {}),
          ...(a.entityId ? { entityId: parseInput(Id, String(a.entityId), 'entityId') } : {}),
          ...(a.after ? { after: parseInput(Id, a.after, 'after') } : {}),
        });
        const items = page.items.slice(0, q.limit);
        return {
          totalCount: page.total,
          edges: items.map((node) => ({ cursor: node.id, node })),
          pageInfo: {
            hasNextPage: page.items.length > q.limit,
            hasPreviousPage: !!a.after,
            startCursor: items[0]?.id ?? null,
            endCursor: items.at(-1)?.id ?? null,
          },
        };
      },
    },
    {
      description: 'A page of claims; pass pageInfo.endCursor as `after` for the next.',
      fields: (t) => ({ totalCount: t.int({ description: 'Claims matching, before paging.', resolve: (c) => (c as unknown as { totalCount: number }).totalCount }) }),
    },
  ),
}));

const AddClaimInput = builder.inputType('AddClaimInput', {
  description: 'A claim an investigator adds by hand, quoting a document already in the graph.',
  fields: (t) => ({
    type: t.field({ type: ClaimTypeEnum, required: true }),
    subject: t.id({ required: true }),
    object: t.id({ required: true }),
    qualifier: t.string(),
    documentId: t.id({ required: true }),
    kind: t.field({ type: EvidenceKindEnum, description: 'Default quote: then the words must be in the document’s archived text. A paraphrase or summary is written by the caller.' }),
    quote: t.string({ required: true, description: 'The exact words of the document (kind quote), or the paraphrase or summary.' }),
    language: t.string({ description: 'The language of a paraphrase or summary, where it is not the document’s.' }),
    start: t.int(),
    end: t.int(),
    certainty: t.field({ type: CertaintyEnum }),
    date: t.string(),
    validFrom: t.string(),
    validTo: t.string(),
    confidence: t.float({ description: 'Default 1 (a person read it).' }),
  }),
});

const AddClaim = z
  .object({
    type: ClaimType,
    subject: Id,
    object: Id,
    qualifier: z.string().max(500).optional(),
    documentId: Id,
    kind: EvidenceKind.default('quote'),
    quote: z.string().trim().min(1).max(5000),
    language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code such as fr or en').optional(),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
    certainty: Certainty.default('stated'),
    date: IsoDate.optional(),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    confidence: z.number().min(0).max(1).default(1),
  })
  .strict();

/**
 * A hand-added quote must be the document's words: checked against its archived text. A document without
 * an archived copy (a curated seed, a store imported without its archive) cannot be checked; the quote is
 * then taken on the editor's word, as the change record shows.
 */
async function requireQuoted(ctx: ApiContext, input: z.infer<typeof AddClaim>): Promise<void> {
  const doc = await ctx.store.getDocument(input.documentId);
  if (!doc) throw new InputError(`input.documentId: no document ${input.documentId} in the graph`, [{ path: 'input.documentId', message: 'not in the graph' }]);
  const r = await checkQuote(ctx.archiveDir, doc.sha256, input.quote, input);
  if (r === 'not-found') {
    throw new InputError('input.quote: these words are not in the document’s archived text; add them with kind PARAPHRASE or SUMMARY, or quote the document exactly', [{ path: 'input.quote', message: 'not in the document' }]);
  }
  if (r === 'offsets-wrong') {
    throw new InputError('input.start: the document’s text at start..end is not the quote', [{ path: 'input.start', message: 'offsets do not point at the quote' }]);
  }
}

builder.mutationFields((t) => ({
  reviewClaim: t.field({
    errors: typedErrors(NotFoundError),
    type: ClaimRef,
    description: 'Accepts or rejects a claim (or puts it back to unreviewed). Rejected claims leave edges and paths.',
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: ReviewStatusEnum, required: true }), note: t.arg.string() },
    resolve: (_r, a, ctx) => {
      const caller = requireCaller(ctx);
      const note = parseInput(Note, a.note ?? undefined, 'note');
      if (a.status === 'superseded') {
        throw new InputError('status: superseded is set by ingesting a new version of the document, not by hand', [{ path: 'status', message: 'not settable by hand' }]);
      }
      return ctx.store.reviewClaim(
        String(a.id),
        { status: a.status, by: caller.name, at: new Date().toISOString(), ...(note ? { note } : {}) },
        { by: caller.name, ...(note ? { note } : {}) },
      );
    },
  }),
  addClaim: t.field({
    errors: typedErrors(InvalidBatchError),
    type: ClaimRef,
    description: 'Adds a claim by hand (extractor "manual", accepted by its author) and records who added it.',
    args: { input: t.arg({ type: AddClaimInput, required: true }), note: t.arg.string() },
    resolve: async (_r, a, ctx) => {
      const caller = requireCaller(ctx);
      const input = parseInput(AddClaim, a.input, 'input');
      const [subject, object] = await ctx.store.getEntities([input.subject, input.object]);
      if (!subject || !object || subject.id === object.id) {
        throw new InputError('subject and object must be two entities of the graph', [{ path: 'input.subject', message: 'two entities of the graph' }]);
      }
      if (input.kind === 'quote') await requireQuoted(ctx, input);
      const at = new Date().toISOString();
      const claim = parseInput(
        Claim,
        {
          id: claimId({ type: input.type, subjectName: subject.name, objectName: object.name, qualifier: input.qualifier, documentId: input.documentId, start: input.start, end: input.end, quote: input.quote }),
          type: input.type,
          subject: subject.id,
          object: object.id,
          qualifier: input.qualifier,
          evidence:
            input.kind === 'quote'
              ? { documentId: input.documentId, kind: 'quote', quote: input.quote, start: input.start, end: input.end }
              : { documentId: input.documentId, kind: input.kind, quote: input.quote, writtenBy: caller.name, ...(input.language ? { language: input.language } : {}) },
          certainty: input.certainty,
          date: input.date,
          validFrom: input.validFrom,
          validTo: input.validTo,
          confidence: input.confidence,
          extractor: 'manual',
          review: { status: 'accepted', by: caller.name, at },
        },
        'input',
      );
      await ctx.store.upsert({ claims: [claim] });
      const note = parseInput(Note, a.note ?? undefined, 'note');
      await ctx.store.recordChanges([
        { id: `chg_add_${claim.id}`, at, by: caller.name, action: 'add_claim', targetIds: [claim.id, subject.id, object.id], after: claim, ...(note ? { note } : {}) },
      ]);
      return (await ctx.store.getClaims([claim.id]))[0] ?? claim;
    },
  }),
}));
