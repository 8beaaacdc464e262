// Exposure paths: from a supplier along the hop grammar to abuses, each hop with its edge and the claims
// (and documents) that carry it; the `exposurePaths` query.
import { z } from 'zod';
import { ClaimFilter, ENUM_LIST_MAX, ExposureQuery, PathTiming } from '../../domain/graph.ts';
import { IsoDate } from '../../domain/entity.ts';
import { EntityKind } from '../../domain/vocabulary.ts';
import { builder } from '../builder.ts';
import { fromTop, page } from '../connection.ts';
import { parseInput } from '../validate.ts';
import { ClaimFilterInput } from './filter.ts';
import { ClaimRef, DocumentRef, EdgeRef, EntityRef, EvidencedClaimRef, ExposurePathRef, HopRef } from './refs.ts';
import { EntityKindEnum } from './vocabulary.ts';
import { PAGE_SIZES } from '../page-sizes.ts';

const AS_OF_HELP =
  'What had been published by this date (YYYY, YYYY-MM or YYYY-MM-DD): claims of documents published later, or dated later, are left out; suspensions up to it end their hops.';

EvidencedClaimRef.implement({
  description: 'A claim with the document that carries its evidence, ready to cite.',
  fields: (t) => ({
    claim: t.field({ type: ClaimRef, resolve: (e) => e.claim }),
    document: t.field({ type: DocumentRef, nullable: true, resolve: (e) => e.document }),
  }),
});

const HopEndRef = builder.objectRef<{ date?: string | undefined; claimIds: string[] }>('HopEnd').implement({
  description: 'A suspension that ended this supply on or before asOf, with the claims that say so.',
  fields: (t) => ({
    date: t.exposeString('date', { nullable: true, description: 'When the supply was first reported ended.' }),
    claimIds: t.exposeIDList('claimIds'),
    claims: t.field({ type: [ClaimRef], description: 'The SUSPENDED claims, each with its quote and document (evidence { quote document }), to cite the end.', resolve: (e) => e.claimIds }),
  }),
});

HopRef.implement({
  fields: (t) => ({
    from: t.field({ type: EntityRef, resolve: (h) => h.from }),
    to: t.field({ type: EntityRef, resolve: (h) => h.to }),
    direction: t.exposeString('direction', { description: 'backward: the path walks the edge from its object to its subject.' }),
    edge: t.field({ type: EdgeRef, resolve: (h) => h.edge }),
    claims: t.field({ type: [EvidencedClaimRef], resolve: (h) => h.claims }),
    weight: t.exposeFloat('weight'),
    ended: t.field({ type: HopEndRef, nullable: true, resolve: (h) => h.ended }),
  }),
});

const PathTimingRef = builder.objectRef<PathTiming>('PathTiming').implement({
  description: 'Whether the hops of a path can have held at one time: a supply that ended before the abuse began is no exposure to it.',
  fields: (t) => ({
    overlap: t.exposeBoolean('overlap', { nullable: true, description: PathTiming.shape.overlap.description }),
    from: t.exposeString('from', { nullable: true, description: PathTiming.shape.from.description }),
    to: t.exposeString('to', { nullable: true, description: PathTiming.shape.to.description }),
    note: t.exposeString('note', { nullable: true, description: PathTiming.shape.note.description }),
  }),
});

ExposurePathRef.implement({
  description: 'A chain from a supplier to an abuse; every hop carries its evidence.',
  fields: (t) => ({
    hops: t.field({ type: [HopRef], resolve: (p) => p.hops }),
    score: t.exposeFloat('score', { description: 'Product of the hop weights (ended hops count half; a path whose hops cannot overlap in time, a quarter).' }),
    ended: t.exposeBoolean('ended', { description: 'True when a hop was suspended on or before asOf.' }),
    timing: t.field({ type: PathTimingRef, resolve: (p) => p.timing }),
    unaffectedBy: t.field({
      type: [EvidencedClaimRef],
      description: 'Suspensions by an actor of this path of something the path does not pass through (another unit, another product): none of its hops is ended by them.',
      resolve: (p) => p.unaffectedBy,
    }),
  }),
});

builder.queryField('exposurePaths', (t) =>
  t.connection(
    {
      type: ExposurePathRef,
      description: 'Paths from `from` along the hop grammar of ONTOLOGY.md to `to`, or to entities of `toKinds` (default Abuse), best first.',
      args: {
        from: t.arg.id({ required: true }),
        to: t.arg.id(),
        toKinds: t.arg({ type: [EntityKindEnum] }),
        maxHops: t.arg.int({ description: '1–6; default 4.' }),
        filter: t.arg({ type: ClaimFilterInput }),
        asOf: t.arg.string({ description: AS_OF_HELP }),
      },
      resolve: (_r, a, ctx) => {
        const q = { from: String(a.from), to: a.to ? String(a.to) : undefined, toKinds: a.toKinds, maxHops: a.maxHops, filter: a.filter ?? {}, asOf: a.asOf };
        parseInput(ExposureQuery, q, 'exposurePaths'); // every argument checked before any page is read
        return page(a, 'exposurePaths', PAGE_SIZES['Query.exposurePaths'], fromTop((limit) => ctx.store.exposurePaths(parseInput(ExposureQuery, { ...q, limit }, 'exposurePaths'))));
      },
    },
    { description: 'A page of exposure paths.' },
  ),
);

const ExposedToArgs = z.object({
  abuse: z.string().min(1).max(200),
  kinds: z.array(EntityKind).min(1).max(ENUM_LIST_MAX, `at most ${ENUM_LIST_MAX} values`).default(['Company']),
  maxHops: z.number().int().min(1).max(6, 'maxHops is at most 6').default(4),
  filter: ClaimFilter.default({}),
  asOf: IsoDate.optional(),
  limit: z.number().int().min(1).max(200).default(20),
});

builder.queryField('exposedTo', (t) =>
  t.connection(
    {
      type: ExposurePathRef,
      description:
        'Who is exposed to one abuse: for each actor of `kinds` (default Company) within maxHops, its best exposure path to the abuse, best first.',
      args: {
        abuse: t.arg.id({ required: true }),
        kinds: t.arg({ type: [EntityKindEnum] }),
        maxHops: t.arg.int({ description: '1–6; default 4.' }),
        filter: t.arg({ type: ClaimFilterInput }),
        asOf: t.arg.string({ description: AS_OF_HELP }),
      },
      resolve: (_r, a, ctx) => {
        const q = { abuse: String(a.abuse), kinds: a.kinds, maxHops: a.maxHops, filter: a.filter, asOf: a.asOf };
        parseInput(ExposedToArgs, q, 'exposedTo');
        return page(a, 'exposedTo', PAGE_SIZES['Query.exposedTo'], fromTop((limit) => ctx.store.exposedTo(parseInput(ExposedToArgs, { ...q, limit }, 'exposedTo'))));
      },
    },
    { description: 'A page of exposed actors, each with its best path.' },
  ),
);
