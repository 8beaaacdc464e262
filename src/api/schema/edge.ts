// Edge and Neighbour: the aggregate of the claims of one type between two entities, as neighbours() and
// exposure paths return it, with its claims loaded on demand.
import { Edge, type Lineage } from '../../domain/index.ts';
import { builder } from '../builder.ts';
import { loadFound } from '../loaders.ts';
import { ClaimRef, DocumentRef, EdgeRef, EntityRef, NeighbourRef } from './refs.ts';
import { CertaintyEnum, ClaimTypeEnum } from './vocabulary.ts';

const LineageRef = builder.objectRef<Lineage>('Lineage').implement({
  description: 'One line of evidence: documents that trace to one source (one publisher, one attributed source, or citing one another).',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'The source the line traces to.' }),
    documentIds: t.exposeIDList('documentIds'),
    documents: t.field({ type: [DocumentRef], resolve: (l, _a, ctx) => loadFound(DocumentRef.getDataloader(ctx), l.documentIds) }),
  }),
});

EdgeRef.implement({
  description: 'All the claims of one type from a subject to an object that pass the filter, taken together.',
  fields: (t) => ({
    type: t.field({ type: ClaimTypeEnum, resolve: (e) => e.type }),
    subject: t.field({ type: EntityRef, nullable: true, resolve: (e) => e.subject }),
    object: t.field({ type: EntityRef, nullable: true, resolve: (e) => e.object }),
    subjectId: t.exposeID('subject', { description: 'The subject’s id, without loading it.' }),
    objectId: t.exposeID('object'),
    claimCount: t.exposeInt('claimCount'),
    bestConfidence: t.exposeFloat('bestConfidence'),
    certainties: t.field({ type: [CertaintyEnum], resolve: (e) => e.certainties }),
    earliestDate: t.exposeString('earliestDate', { nullable: true }),
    latestDate: t.exposeString('latestDate', { nullable: true }),
    claimIds: t.exposeIDList('claimIds'),
    independentSources: t.exposeInt('independentSources', { description: Edge.shape.independentSources.description }),
    lineages: t.field({ type: [LineageRef], description: Edge.shape.lineages.description, resolve: (e) => e.lineages }),
    claims: t.field({
      type: [ClaimRef],
      resolve: (e, _a, ctx) => loadFound(ClaimRef.getDataloader(ctx), e.claimIds),
    }),
    documents: t.field({
      type: [DocumentRef],
      resolve: (e, _a, ctx) => loadFound(DocumentRef.getDataloader(ctx), e.documentIds),
    }),
  }),
});

NeighbourRef.implement({
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (n) => n.entity }),
    direction: t.exposeString('direction', { description: 'out: the queried entity is the subject of the edge; in: the object.' }),
    edge: t.field({ type: EdgeRef, resolve: (n) => n.edge }),
  }),
});
