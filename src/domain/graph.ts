// What reads of the graph return and take: aggregated edges, neighbour and exposure-path queries and
// results, merge and change records, stats and the export format. Shared by every store adapter and the API.
import { z } from 'zod';
import { Claim } from './claim.ts';
import { Document } from './document.ts';
import { Entity, IsoDate } from './entity.ts';
import { Certainty, ClaimType, Direction, EntityKind, ReviewStatus } from './vocabulary.ts';

/** Most values a list of vocabulary terms takes in a query (there are at most 14 of any kind; repeats are refused past this). */
export const ENUM_LIST_MAX = 20;

/** Which claims count: every read that aggregates claims takes this filter. */
export const ClaimFilter = z
  .object({
    types: z.array(ClaimType).max(ENUM_LIST_MAX, `at most ${ENUM_LIST_MAX} values`).optional(),
    minConfidence: z.number().min(0).max(1).optional(),
    certainty: z.array(Certainty).max(ENUM_LIST_MAX, `at most ${ENUM_LIST_MAX} values`).optional(),
    review: z.array(ReviewStatus).max(ENUM_LIST_MAX, `at most ${ENUM_LIST_MAX} values`).optional().describe('Default: unreviewed and accepted (rejected claims hidden).'),
    from: IsoDate.optional().describe('Claims dated (date or validFrom) on or after this date; undated claims count.'),
    to: IsoDate.optional().describe('Claims dated on or before this date; undated claims count.'),
  })
  .strict();
export type ClaimFilter = z.infer<typeof ClaimFilter>;

export const NeighbourFilter = ClaimFilter.extend({
  direction: Direction.default('both'),
  kinds: z.array(EntityKind).max(ENUM_LIST_MAX, `at most ${ENUM_LIST_MAX} values`).optional().describe('Only neighbours of these kinds.'),
  limit: z.number().int().min(1).max(10_000).default(100),
  offset: z.number().int().min(0).default(0),
  asOf: IsoDate.optional().describe('What had been published by this date: claims of later documents, or dated later, left out.'),
});
export type NeighbourFilter = z.input<typeof NeighbourFilter>;

/** The edge between two entities for one claim type: the aggregate of its (filtered) claims. */
export const Edge = z.object({
  type: ClaimType,
  subject: z.string(),
  object: z.string(),
  claimIds: z.array(z.string()),
  claimCount: z.number().int(),
  bestConfidence: z.number(),
  certainties: z.array(Certainty),
  earliestDate: IsoDate.optional(),
  latestDate: IsoDate.optional(),
  documentIds: z.array(z.string()),
  independentSources: z.number().int().describe('Lines of evidence: documents by one publisher, repeating one attributed source, or citing one another count once.'),
  lineages: z
    .array(z.object({ source: z.string(), documentIds: z.array(z.string()) }))
    .describe('The lines of evidence behind the edge: the source each traces to, and its documents.'),
});
export type Edge = z.infer<typeof Edge>;

export const Neighbour = z.object({
  entity: Entity,
  direction: z.enum(['out', 'in']).describe('out: the queried entity is the subject of the edge.'),
  edge: Edge,
});
export type Neighbour = z.infer<typeof Neighbour>;

export const NeighbourPage = z.object({ total: z.number().int(), items: z.array(Neighbour) });
export type NeighbourPage = z.infer<typeof NeighbourPage>;

export const ExposureQuery = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1).optional(),
    toKinds: z.array(EntityKind).min(1).max(ENUM_LIST_MAX, `at most ${ENUM_LIST_MAX} values`).default(['Abuse']),
    maxHops: z.number().int().min(1).max(6, 'maxHops is at most 6').default(4),
    filter: ClaimFilter.default({}),
    asOf: IsoDate.optional().describe('What had been published by this date: claims of later documents, or dated later, ignored; suspensions up to it applied.'),
    limit: z.number().int().min(1).max(1000).default(20),
  })
  .strict();
export type ExposureQuery = z.input<typeof ExposureQuery>;

/** A claim with the document that carries its evidence, for citing. */
export const EvidencedClaim = z.object({ claim: Claim, document: Document.nullable() });
export type EvidencedClaim = z.infer<typeof EvidencedClaim>;

export const Hop = z.object({
  from: Entity,
  to: Entity,
  direction: z.enum(['forward', 'backward']).describe('backward: the path walks the edge from its object to its subject.'),
  edge: Edge,
  claims: z.array(EvidencedClaim),
  weight: z.number(),
  ended: z
    .object({ date: IsoDate.optional(), claimIds: z.array(z.string()) })
    .nullable()
    .describe('Set when a SUSPENDED claim dated on or before asOf ended this supply.'),
});
export type Hop = z.infer<typeof Hop>;

export const PathTiming = z.object({
  overlap: z
    .boolean()
    .nullable()
    .describe('true: the hops’ known intervals share a time; false: they cannot (a supply ended before the abuse began); null: no hop is dated.'),
  from: IsoDate.optional().describe('The latest known start among the hops: the path holds from then at the earliest.'),
  to: IsoDate.optional().describe('The earliest known end among the hops: the path holds until then at the latest.'),
  note: z.string().optional().describe('Which hop ended before which began, when they do not overlap.'),
});
export type PathTiming = z.infer<typeof PathTiming>;

export const ExposurePath = z.object({
  hops: z.array(Hop).min(1),
  score: z.number(),
  ended: z.boolean().describe('True when any hop has ended.'),
  timing: PathTiming,
  unaffectedBy: z
    .array(EvidencedClaim)
    .describe('Suspensions by an actor of this path of something the path does not pass through: they end none of its hops.'),
});
export type ExposurePath = z.infer<typeof ExposurePath>;

export const SearchHit = z.object({ entity: Entity, score: z.number() });
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchOptions = z.object({
  kinds: z.array(EntityKind).max(ENUM_LIST_MAX, `at most ${ENUM_LIST_MAX} values`).optional(),
  limit: z.number().int().min(1).max(1000).default(20),
});
export type SearchOptions = z.input<typeof SearchOptions>;

/** A correction made by a person or a rule, kept so that re-imports do not undo it (nomenklatura's judgements). */
export const Judgement = z.enum(['positive', 'negative', 'unsure']);
export const ChangeRecord = z.object({
  id: z.string(),
  at: z.string().datetime({ offset: true }),
  by: z.string().max(200),
  action: z.enum(['merge', 'split', 'review', 'update', 'add_claim', 'possible_duplicate', 'judgement', 'ingest', 'response', 'dossier', 'other']),
  targetIds: z.array(z.string()),
  judgement: Judgement.optional(),
  note: z.string().max(4000).optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;

export const MergeResult = z.object({ keep: z.string(), drop: z.string(), movedClaims: z.number().int(), record: ChangeRecord });
export type MergeResult = z.infer<typeof MergeResult>;

export const Stats = z.object({
  documents: z.number().int(),
  entities: z.number().int(),
  claims: z.number().int(),
  entitiesByKind: z.record(z.string(), z.number().int()),
  claimsByType: z.record(z.string(), z.number().int()),
  schemaVersion: z.number().int(),
  store: z.string(),
});
export type Stats = z.infer<typeof Stats>;

/** A merged-away entity id and the entity it was merged into: later mentions of `id` land on `target`. */
export const Redirect = z.object({ id: z.string().min(1), target: z.string().min(1) });
export type Redirect = z.infer<typeof Redirect>;

/** One line of `export` / `import`: JSON lines, documents first, then entities, redirects, claims and changes. */
export const ExportRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('document'), data: Document }),
  z.object({ type: z.literal('entity'), data: Entity }),
  z.object({ type: z.literal('redirect'), data: Redirect }),
  z.object({ type: z.literal('claim'), data: Claim }),
  z.object({ type: z.literal('change'), data: ChangeRecord }),
]);
export type ExportRecord = z.infer<typeof ExportRecord>;
