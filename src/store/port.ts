// The graph store port: the domain verbs of the graph store. One implementation, the core
// (core/store.ts), over a persistence adapter per database (core/persistence.ts: Kùzu embedded, Neo4j). No
// query language appears here; adapters hold all of it. The shared contract suite (test/store/contract.ts)
// is the definition of what each verb must do.
import { z } from 'zod';
import type { ExposedToQuery } from './exposure-assembly.ts';
import type { PlacePartsPage } from './place-parts.ts';
export type { ExposedToQuery } from './exposure-assembly.ts';
export type { PlacePart, PlacePartsPage } from './place-parts.ts';
import {
  Redirect,
  ChangeRecord,
  Claim,
  Document,
  Entity,
  type ClaimFilter,
  type EntityKind,
  type ExportRecord,
  type ExposurePath,
  type ExposureQuery,
  type MergeResult,
  type NeighbourFilter,
  type NeighbourPage,
  type Review,
  type SearchHit,
  type SearchOptions,
  type Stats,
} from '../domain/index.ts';

/** One atomic write: all of it lands, or none of it. Validated with zod before any adapter sees it. */
export const UpsertBatch = z.object({
  documents: z.array(Document).default([]),
  entities: z.array(Entity).default([]),
  claims: z.array(Claim).default([]),
  /** Merges carried over from another store (export, migrate): a claim may name a merged-away id. */
  redirects: z.array(Redirect).default([]),
  /**
   * Change records the batch raises (an ingest's possible duplicates, which name its new entities): written in
   * the same transaction, so a process killed after the batch cannot leave its entities without them.
   */
  changes: z.array(ChangeRecord).default([]),
});
export type UpsertBatch = z.infer<typeof UpsertBatch>;
export type UpsertBatchInput = z.input<typeof UpsertBatch>;

export interface UpsertResult {
  documents: { created: number; existing: number };
  entities: { created: number; updated: number };
  claims: { created: number; existing: number };
}

/** A query over claims themselves (review queues, a document's claims, an entity's claims). */
export interface ClaimQuery extends ClaimFilter {
  documentId?: string;
  entityId?: string;
  limit?: number;
  /** Opaque cursor from a previous page (a claim id); claims come ordered by id. */
  after?: string;
}

export interface EntityPatch {
  name?: string;
  aliases?: string[];
  externalIds?: Entity['externalIds'];
  description?: string;
  fields?: Record<string, unknown>;
}

export interface Actor {
  by: string;
  note?: string;
}

export interface GraphStore {
  /** Which adapter ("kuzu", "neo4j"), for stats and logs. */
  readonly name: string;

  /**
   * Writes documents, entities and claims in one transaction. Idempotent: the same batch twice leaves the
   * same graph. Existing entities gain new aliases and fields (the name stays); existing claims keep their
   * review. Claims whose subject or object was merged away are redirected to the kept entity. Every claim's
   * ends and document must exist in the batch or in the store, and its kinds must fit CLAIM_SIGNATURES;
   * otherwise the whole batch is refused (InvalidBatchError) and nothing is written.
   */
  upsert(batch: UpsertBatchInput): Promise<UpsertResult>;

  /**
   * A capability, not a duty: fills an **empty** store faster than upserts can (Kùzu: COPY into a side
   * database swapped in when complete). Same validation as upsert, all or nothing; refuses redirects and an
   * entity given twice (InvalidBatchError), for which callers fall back to upsert. Absent on Neo4j.
   */
  bulkLoad?(batches: Iterable<UpsertBatchInput> | AsyncIterable<UpsertBatchInput>, onProgress?: (claims: number) => void): Promise<UpsertResult>;

  /** A capability: deletes the whole graph, schema kept (Neo4j, whose database outlives a test or a migrate). */
  clear?(): Promise<void>;

  /**
   * Loads now what the first request would otherwise wait for (Kùzu: its index and record cache; Neo4j: the
   * path index of its exposure searches). A server calls it before it listens; a no-op where nothing waits.
   */
  warm(): Promise<void>;

  /** Entities by id, in the order asked, skipping unknown ids; a merged-away id answers its kept entity. */
  getEntities(ids: readonly string[]): Promise<Entity[]>;
  getClaims(ids: readonly string[]): Promise<Claim[]>;
  getDocument(id: string): Promise<Document | null>;
  getDocuments(ids: readonly string[]): Promise<Document[]>;
  /** Every version of a document by its URL (the same URL, other texts), in id order. */
  documentsByUrl(url: string): Promise<Document[]>;

  /**
   * Which entity holds each of `values` as its external id of `scheme` (an LEI, a QID, an OpenSanctions id):
   * value → entity id, for the values some entity holds. Imports match registry records onto the graph by it.
   */
  entitiesByExternalId(scheme: keyof Entity['externalIds'], values: readonly string[]): Promise<Map<string, string>>;

  /** Names and aliases, case- and accent-insensitive, ranked (exact name first, then prefix, then words). */
  searchEntities(text: string, options?: SearchOptions): Promise<SearchHit[]>;

  /** The entity's edges (aggregates of the claims that pass the filter) with the entity at the other end. */
  neighbours(id: string, filter?: NeighbourFilter): Promise<NeighbourPage>;

  /** Paths from `from` along HOP_GRAMMAR to `to` or to entities of `toKinds`, best score first. */
  exposurePaths(query: ExposureQuery): Promise<ExposurePath[]>;

  /**
   * Who is exposed to one abuse: for each actor of `kinds` within maxHops, its best path to the abuse (as
   * exposurePaths finds it, filter and asOf included), best first. One call, bounded (EXPOSED_TO_LIMITS).
   */
  exposedTo(query: ExposedToQuery): Promise<ExposurePath[]>;

  /**
   * The parts of a place, for its roll-up: every Location of its country code when it is a country, and what
   * is PART_OF it at any depth (place-parts.ts), by depth then name, paged; null when `id` is not a Location.
   */
  placeParts(id: string, page?: { offset?: number; limit?: number }): Promise<PlacePartsPage | null>;

  /** Claims matching a query, ordered by id, for review queues and per-document or per-entity lists. */
  findClaims(query: ClaimQuery): Promise<{ total: number; items: Claim[] }>;

  /**
   * The claims of each entity (as subject or object) that pass the filter, ordered by id, at most `limit`
   * per entity: one call answers a whole page of entities (the API's batched loader), where findClaims
   * would take one call each. Keys are the ids asked (a merged-away id answers its kept entity's claims).
   */
  claimsOfEntities(entityIds: readonly string[], filter: ClaimFilter, limit: number): Promise<Map<string, Claim[]>>;

  /** Documents that carry evidence about an entity (through its claims). */
  documentsOf(entityId: string, limit?: number): Promise<Document[]>;

  /** Sets a claim's review (accepted or rejected, who, when, why) and records the change. */
  reviewClaim(id: string, review: Review, actor: Actor): Promise<Claim>;

  /** Edits an entity's name, aliases, external ids or kind fields (not its id or kind), recording before/after. */
  updateEntity(id: string, patch: EntityPatch, actor: Actor): Promise<Entity>;

  /**
   * Merges `drop` into `keep`: aliases, ids and claims move to `keep`, `drop` becomes a redirect, and a
   * change record stays, so later upserts that name `drop` land on `keep`. Kinds must match
   * (IncompatibleMergeError otherwise).
   */
  mergeEntities(keep: string, drop: string, actor: Actor): Promise<MergeResult>;

  /** Appends change records (judgements, possible duplicates, audit entries); idempotent by record id. */
  recordChanges(records: readonly ChangeRecord[]): Promise<void>;
  listChanges(query: { targetId?: string; action?: ChangeRecord['action']; limit?: number }): Promise<ChangeRecord[]>;

  stats(): Promise<Stats>;

  /** Every document, entity, claim and change record, streamed in that order. */
  exportAll(): AsyncIterable<ExportRecord>;

  close(): Promise<void>;
}

/** Kinds of the two ends of a step, for adapters that keep kinds per node. */
export type KindOf = (id: string) => EntityKind | undefined;
