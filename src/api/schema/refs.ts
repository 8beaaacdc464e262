// The object types' references, declared before any is implemented, so that Entity, Claim, Document and
// Edge can point at one another from their own files without import cycles.
// Entity, Document and Claim are loadable nodes (dataloader plugin): a field of their type may resolve to an
// id, and all the ids a query touches in one tick are read in one store call. An unknown id loads null (the
// casts: the plugin's types know only values and Errors, and an Error would fail `entity(id)` instead of null).
import type { Claim, ChangeRecord, Document, Edge, Entity, EvidencedClaim, ExposurePath, Hop, Neighbour, SearchHit } from '../../domain/index.ts';
import { builder } from '../builder.ts';
import { byIds, loadEntities } from '../loaders.ts';

export const EntityRef = builder.loadableNodeRef<Entity>('Entity', {
  // Stable across machines: from a Wikidata QID, or kind and name; a merged-away id loads its kept entity.
  id: { resolve: (e) => e.id },
  load: (ids, ctx) => loadEntities(ctx.store, ids) as Promise<Entity[]>,
});
export const DocumentRef = builder.loadableNodeRef<Document>('Document', {
  id: { resolve: (d) => d.id },
  load: async (ids, ctx) => byIds(ids, await ctx.store.getDocuments(ids)) as Document[],
});
export const ClaimRef = builder.loadableNodeRef<Claim>('Claim', {
  id: { resolve: (c) => c.id },
  load: async (ids, ctx) => byIds(ids, await ctx.store.getClaims(ids)) as Claim[],
});
export const EdgeRef = builder.objectRef<Edge>('Edge');
export const NeighbourRef = builder.objectRef<Neighbour>('Neighbour');
export const SearchHitRef = builder.objectRef<SearchHit>('SearchHit');
export const HopRef = builder.objectRef<Hop>('Hop');
export const EvidencedClaimRef = builder.objectRef<EvidencedClaim>('EvidencedClaim');
export const ExposurePathRef = builder.objectRef<ExposurePath>('ExposurePath');
export const ChangeRecordRef = builder.objectRef<ChangeRecord>('ChangeRecord');
