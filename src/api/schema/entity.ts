// Entity: a node of the graph (company, body, technology, abuse…) with its neighbours, claims and
// documents; the queries that find entities and the mutations that correct them.
import { z } from 'zod';
import { CountryCode, EntityTopic, ExternalIds, IsoDate, type Entity, KIND_FIELDS, genericOf } from '../../domain/entity.ts';
import { NeighbourFilter, SearchOptions } from '../../domain/graph.ts';
import { requireCaller } from '../auth.ts';
import { fromTop, page, type Connection } from '../connection.ts';
import { builder } from '../builder.ts';
import { Note, parseInput } from '../validate.ts';
import { ClaimFilterInput } from './filter.ts';
import { ClaimRef, DocumentRef, EntityRef, NeighbourRef, SearchHitRef } from './refs.ts';
import { DirectionEnum, EntityKindEnum, ExternalIdSchemeEnum } from './vocabulary.ts';
import { typedErrors } from './error.ts';
import { IncompatibleMergeError, NotFoundError } from '../../store/errors.ts';
import { PAGE_SIZES, MAX_IDS } from '../page-sizes.ts';

const ExternalIdsRef = builder.objectRef<ExternalIds>('ExternalIds').implement({
  description: ExternalIds.description,
  fields: (t) => ({
    wikidata: t.exposeString('wikidata', { nullable: true }),
    opensanctions: t.exposeString('opensanctions', { nullable: true }),
    lei: t.exposeString('lei', { nullable: true }),
  }),
});

const topicField = (k: keyof typeof EntityTopic.shape) => EntityTopic.shape[k].description;
const EntityTopicRef = builder.objectRef<EntityTopic>('EntityTopic').implement({
  description: EntityTopic.description,
  fields: (t) => ({
    topic: t.exposeString('topic', { description: 'The topic, in OpenSanctions’ words: sanction, crime, export.control, role.pep, debarment, …' }),
    dataset: t.exposeString('dataset', { description: topicField('dataset') }),
    since: t.exposeString('since', { nullable: true, description: topicField('since') }),
    until: t.exposeString('until', { nullable: true, description: topicField('until') }),
    seen: t.exposeString('seen', { nullable: true, description: topicField('seen') }),
    note: t.exposeString('note', { nullable: true, description: topicField('note') }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
  }),
});

function kindField(e: Entity, field: (typeof KIND_FIELDS)[number]): string | null {
  const v = (e as Record<string, unknown>)[field];
  return v === undefined || v === null ? null : String(v);
}

EntityRef.implement({
  description: 'A company, government body, organisation, person, technology, contract, abuse or location.',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, resolve: (e) => e.kind }),
    name: t.exposeString('name'),
    aliases: t.exposeStringList('aliases', { description: 'Other names, in every language seen.' }),
    externalIds: t.field({ type: ExternalIdsRef, resolve: (e) => e.externalIds }),
    description: t.exposeString('description', { nullable: true }),
    topics: t.field({
      type: [EntityTopicRef],
      description: 'Registry topics (sanction, crime, export control, …), each with its dataset and dates: facts about the entity with their source, not claims.',
      resolve: (e) => e.topics ?? [],
    }),
    ...Object.fromEntries(
      KIND_FIELDS.map((f) => [f, t.string({ nullable: true, description: `Kind-specific field (see ONTOLOGY.md).`, resolve: (e) => kindField(e, f) })]),
    ),
    generic: t.boolean({
      nullable: true,
      description: 'For a Technology: true when it is a class (cameras, cloud storage), not a named product; paths join through it only on shared evidence.',
      resolve: (e) => genericOf(e) ?? null,
    }),
    neighbours: t.connection(
      {
        type: NeighbourRef,
        description: 'Edges of this entity (aggregates of the claims that pass the filter) with the entity at the other end, most claims first.',
        args: {
          filter: t.arg({ type: ClaimFilterInput }),
          direction: t.arg({ type: DirectionEnum }),
          kinds: t.arg({ type: [EntityKindEnum] }),
          asOf: t.arg.string({ description: 'What had been published by this date (YYYY, YYYY-MM or YYYY-MM-DD): claims of later documents, or dated later, are left out.' }),
        },
        resolve: (e, args, ctx) =>
          page(args, 'neighbours', PAGE_SIZES['Entity.neighbours'], async ({ offset, limit }) => {
            const filter = parseInput(NeighbourFilter, { ...(args.filter ?? {}), direction: args.direction, kinds: args.kinds, limit, offset, ...(args.asOf ? { asOf: args.asOf } : {}) }, 'neighbours');
            const p = await ctx.store.neighbours(e.id, filter);
            return { items: p.items, total: p.total };
          }),
      },
      {
        description: 'A page of neighbours.',
        fields: (t) => ({ totalCount: t.int({ description: 'Neighbours that pass the filter, before paging.', resolve: (c) => (c as Connection<unknown>).totalCount ?? 0 }) }),
      },
    ),
    claims: t.connection(
      {
        type: ClaimRef,
        description: 'Claims in which this entity is the subject or the object.',
        args: { filter: t.arg({ type: ClaimFilterInput }) },
        resolve: (e, args, ctx) => {
          const filter = parseInput(ClaimFilterArgs, args.filter ?? {}, 'filter');
          return page(args, 'claims', PAGE_SIZES['Entity.claims'], fromTop((n) => ctx.claimsOf(filter, n).load(e.id)));
        },
      },
      { description: 'A page of claims.' },
    ),
    documents: t.connection(
      {
        type: DocumentRef,
        description: 'Documents that carry evidence about this entity.',
        resolve: (e, args, ctx) => page(args, 'documents', PAGE_SIZES['Entity.documents'], fromTop((n) => ctx.store.documentsOf(e.id, n))),
      },
      { description: 'A page of documents.' },
    ),
  }),
});

export const ClaimFilterArgs = NeighbourFilter.pick({ types: true, minConfidence: true, certainty: true, review: true, from: true, to: true });
export const ClaimListArgs = ClaimFilterArgs.extend({ limit: z.number().int().min(1).max(1000).default(100) });

SearchHitRef.implement({
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (h) => h.entity }),
    score: t.exposeFloat('score', { description: 'Higher is better: exact name, then prefix, then words.' }),
  }),
});

const Ids = z.array(z.string().min(1).max(200)).max(MAX_IDS, `at most ${MAX_IDS} ids`);

const ExternalIdMatchRef = builder.objectRef<{ value: string; id: string }>('ExternalIdMatch').implement({
  description: 'An external id and the entity that holds it.',
  fields: (t) => ({
    value: t.exposeString('value'),
    entity: t.field({ type: EntityRef, resolve: (m) => m.id }),
  }),
});

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'One entity by id (a merged-away id answers the entity it was merged into).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args) => String(args.id),
  }),
  entities: t.field({
    type: [EntityRef],
    description: 'Entities by id, in the order asked; unknown ids are skipped.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_r, args, ctx) => ctx.store.getEntities(parseInput(Ids, args.ids.map(String), 'ids')),
  }),
  entitiesByExternalId: t.field({
    type: [ExternalIdMatchRef],
    description: 'The entities holding these ids of one registry (an LEI, a Wikidata QID, an OpenSanctions id), in the order asked; ids no entity holds are skipped.',
    args: { scheme: t.arg({ type: ExternalIdSchemeEnum, required: true }), values: t.arg.stringList({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const values = parseInput(Ids, args.values, 'values');
      const found = await ctx.store.entitiesByExternalId(args.scheme, values);
      return [...new Set(values)].filter((v) => found.has(v)).map((value) => ({ value, id: found.get(value)! }));
    },
  }),
  search: t.connection(
    {
      type: SearchHitRef,
      description: 'Entities by name or alias, case- and accent-insensitive ("unite 8200" finds "Unité 8200"), best first.',
      args: { text: t.arg.string({ required: true }), kinds: t.arg({ type: [EntityKindEnum] }) },
      resolve: (_r, args, ctx) => {
        const text = parseInput(z.string().trim().min(1, 'search text is empty').max(500), args.text, 'text');
        const kinds = parseInput(SearchOptions.shape.kinds, args.kinds, 'kinds');
        return page(args, 'search', PAGE_SIZES['Query.search'], fromTop((limit) => ctx.store.searchEntities(text, { kinds, limit })));
      },
    },
    { description: 'A page of search hits.' },
  ),
}));

const EntityPatchInput = builder.inputType('EntityPatch', {
  description: 'What to change on an entity (its id and kind never change).',
  fields: (t) => ({
    name: t.string(),
    aliases: t.stringList({ description: 'Replaces the aliases.' }),
    description: t.string(),
    wikidata: t.string(),
    opensanctions: t.string(),
    lei: t.string(),
    country: t.string(),
    startDate: t.string(),
    endDate: t.string(),
  }),
});

const EntityPatch = z
  .object({
    name: z.string().trim().min(1).max(500).optional(),
    aliases: z.array(z.string().trim().min(1).max(500)).max(500).optional(),
    description: z.string().max(4000).optional(),
    wikidata: ExternalIds.shape.wikidata,
    opensanctions: ExternalIds.shape.opensanctions,
    lei: ExternalIds.shape.lei,
    country: CountryCode.optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
  })
  .strict();

builder.mutationFields((t) => ({
  updateEntity: t.field({
    errors: typedErrors(NotFoundError),
    type: EntityRef,
    description: 'Corrects an entity; the change is recorded with its before and after.',
    args: { id: t.arg.id({ required: true }), patch: t.arg({ type: EntityPatchInput, required: true }), note: t.arg.string() },
    resolve: async (_r, args, ctx) => {
      const caller = requireCaller(ctx);
      const p = parseInput(EntityPatch, args.patch, 'patch');
      const { wikidata, opensanctions, lei, country, startDate, endDate, ...rest } = p;
      const current = (await ctx.store.getEntities([String(args.id)]))[0];
      const externalIds = wikidata || opensanctions || lei ? { ...(current?.externalIds ?? {}), ...withDefined({ wikidata, opensanctions, lei }) } : undefined;
      const fields = withDefined({ country, startDate, endDate });
      return ctx.store.updateEntity(
        String(args.id),
        { ...rest, ...(externalIds ? { externalIds } : {}), ...(Object.keys(fields).length ? { fields } : {}) },
        { by: caller.name, ...(args.note ? { note: parseInput(Note, args.note, 'note') } : {}) },
      );
    },
  }),
  mergeEntities: t.field({
    errors: typedErrors(NotFoundError, IncompatibleMergeError),
    type: EntityRef,
    description: 'Merges `drop` into `keep` (same kind): aliases, ids and claims move; `drop` redirects to `keep`.',
    args: { keep: t.arg.id({ required: true }), drop: t.arg.id({ required: true }), note: t.arg.string() },
    resolve: async (_r, args, ctx) => {
      const caller = requireCaller(ctx);
      const res = await ctx.store.mergeEntities(String(args.keep), String(args.drop), {
        by: caller.name,
        ...(args.note ? { note: parseInput(Note, args.note, 'note') } : {}),
      });
      const kept = (await ctx.store.getEntities([res.keep]))[0];
      if (!kept) throw new Error(`merged entity ${res.keep} vanished`);
      return kept;
    },
  }),
}));

function withDefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
