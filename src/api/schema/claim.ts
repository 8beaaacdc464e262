// Claim: one statement a document makes about two entities, with its evidence (document, exact quote,
// offsets), certainty, dates, confidence and review; the claim queries and the mutations that review and
// add claims.
import { z } from 'zod';
import { Claim, Evidence, Review } from '../../domain/claim.ts';
import { IsoDate } from '../../domain/entity.ts';
import { claimId } from '../../domain/ids.ts';
import { Certainty, ClaimType } from '../../domain/vocabulary.ts';
import { requireCaller } from '../auth.ts';
import { builder } from '../builder.ts';
import { InputError, Note, parseInput } from '../validate.ts';
import { ClaimListArgs } from './entity.ts';
import { ClaimFilterInput } from './filter.ts';
import { ClaimRef, DocumentRef, EntityRef } from './refs.ts';
import { CertaintyEnum, ClaimTypeEnum, ReviewStatusEnum } from './vocabulary.ts';
import { typedErrors } from './error.ts';
import { InvalidBatchError, NotFoundError } from '../../store/errors.ts';

const EvidenceRef = builder.objectRef<Evidence>('Evidence').implement({
  description: 'Where a claim comes from: the document and its exact words.',
  fields: (t) => ({
    document: t.field({ type: DocumentRef, nullable: true, resolve: (e) => e.documentId }),
    documentId: t.exposeID('documentId'),
    quote: t.exposeString('quote', { description: 'The exact words of the document, in its language.' }),
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
    quote: t.string({ required: true, description: 'The exact words of the document.' }),
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
    quote: z.string().trim().min(1).max(5000),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
    certainty: Certainty.default('stated'),
    date: IsoDate.optional(),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    confidence: z.number().min(0).max(1).default(1),
  })
  .strict();

builder.mutationFields((t) => ({
  reviewClaim: t.field({
    errors: typedErrors(NotFoundError),
    type: ClaimRef,
    description: 'Accepts or rejects a claim (or puts it back to unreviewed). Rejected claims leave edges and paths.',
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: ReviewStatusEnum, required: true }), note: t.arg.string() },
    resolve: (_r, a, ctx) => {
      const caller = requireCaller(ctx);
      const note = parseInput(Note, a.note ?? undefined, 'note');
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
      const at = new Date().toISOString();
      const claim = parseInput(
        Claim,
        {
          id: claimId({ type: input.type, subjectName: subject.name, objectName: object.name, qualifier: input.qualifier, documentId: input.documentId, start: input.start, end: input.end, quote: input.quote }),
          type: input.type,
          subject: subject.id,
          object: object.id,
          qualifier: input.qualifier,
          evidence: { documentId: input.documentId, quote: input.quote, start: input.start, end: input.end },
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
