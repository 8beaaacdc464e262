// The narrow persistence adapter under the one GraphStore core (core/store.ts). An adapter reads records by
// id, persists in one transaction what the core decided, answers the queries only its database answers
// fast, and declares what it can do besides (capabilities). Every use-case rule (validation, redirects,
// merge guards, review and update, change records, ranking, the path searches) is the core's; every line of
// query text is the adapter's own statements file.
import type {
  ChangeRecord,
  Claim,
  ClaimFilter,
  Document,
  Entity,
  EntityKind,
  ExportRecord,
  NeighbourFilter,
} from '../../domain/index.ts';
import type { ClaimIndex } from '../claim-index.ts';
import type { ExposedToQuery } from '../exposure-assembly.ts';
import type { ClaimQuery, UpsertBatch, UpsertBatchInput, UpsertResult } from '../port.ts';

/** A stored claim's two ends, as the adapter keeps them. */
export interface ClaimEnds {
  subject: string;
  object: string;
}

/** What a reader answers for the ids it was asked: a Map does; an adapter holding the graph in memory answers from it. */
export interface Lookup<T> {
  get(id: string): T | undefined;
  has(id: string): boolean;
}

/**
 * Records by id: inside a write, as that write's transaction sees them; outside, as the store is now. Ids
 * are taken as given (the core resolves redirects first); unknown ids are left out of the answer.
 */
export interface RecordReader {
  /** The merged-away ids among `ids`, each to the entity it was merged into. */
  redirects(ids: readonly string[]): Promise<Map<string, string>>;
  /** The kind of each of `ids` that is a stored entity. */
  kinds(ids: readonly string[]): Promise<Lookup<EntityKind>>;
  entities(ids: readonly string[]): Promise<Map<string, Entity>>;
  claims(ids: readonly string[]): Promise<Map<string, Claim>>;
  documents(ids: readonly string[]): Promise<Map<string, Document>>;
  /** Which of `ids` are stored documents, without reading them. */
  knownDocuments(ids: readonly string[]): Promise<Pick<Lookup<unknown>, 'has'>>;
  /** The ends of each of `ids` that is a stored claim. */
  claimEnds(ids: readonly string[]): Promise<Lookup<ClaimEnds>>;
  /** Every claim of an entity, as subject or object, with its ends. */
  claimsAround(entityId: string): Promise<Array<{ id: string } & ClaimEnds>>;
}

/** A batch the core checked: entities already folded into their stored versions. */
export interface BatchWrite {
  op: 'batch';
  batch: UpsertBatch;
  /** The batch's counts (what is new, what was stored), which also tell an adapter how much it adds. */
  result: UpsertResult;
  /** The redirects the store held for ids the batch names. */
  storedRedirects: ReadonlyMap<string, string>;
  /** The stored ends of the batch's claims that were stored already. */
  storedClaims: Lookup<ClaimEnds>;
}

/** What one write persists, as the core decided it; its change records go with it in the same transaction. */
export type Write =
  | BatchWrite
  | { op: 'review'; claim: Claim }
  | { op: 'entity'; entity: Entity }
  /** `drop` becomes a redirect to `keep`, which becomes `merged`; `moved` are drop's claims, re-ended on keep. */
  | { op: 'merge'; keep: Entity; drop: Entity; merged: Entity; moved: Claim[] }
  | { op: 'changes' };

/** What a write's plan returns: the write, its change records, and the verb's answer. */
export interface Planned<T> {
  write: Write;
  changes: readonly ChangeRecord[];
  result: T;
}

/** Which walk a path question needs: adapters that build a partial graph per question (Neo4j's benchmark walks) use it. */
export type GraphQuestion =
  | { verb: 'neighbours'; id: string; filter?: NeighbourFilter | undefined }
  | { verb: 'exposurePaths'; from: string; to?: string | undefined; toKinds: readonly EntityKind[]; maxHops: number; filter: ClaimFilter; asOf?: string | undefined }
  | { verb: 'exposedTo'; query: ExposedToQuery }
  | { verb: 'placeParts' };

/** The rows a name search starts from, before the core ranks them. */
export interface SearchCandidate {
  id: string;
  data: unknown;
  /** The database's full-text relevance, 0 for a substring match. */
  fts: number;
}

export interface Persistence {
  /** "kuzu", "neo4j": stats and logs. */
  readonly name: string;
  readonly schemaVersion: number;
  /** Reads outside any write. */
  readonly read: RecordReader;

  /**
   * One write: `plan` reads what it needs through the reader it is given (the write's own view: one writer
   * at a time, or the transaction itself) and returns what to persist; all of it lands in one transaction
   * with its change records, or none of it does. The adapter keeps its own in-memory graph in step.
   */
  write<T>(plan: (read: RecordReader) => Promise<Planned<T>>): Promise<T>;

  /** The claims the path searches walk (a ClaimIndex), as the store holds them now. */
  graph(question: GraphQuestion): Promise<ClaimIndex>;

  documentsByUrl(url: string): Promise<Document[]>;
  /** Entities whose record text contains `needle` (a scan the core filters on the parsed records). */
  entitiesContaining(needle: string): Promise<Array<{ id: string; data: string }>>;
  /** Ids of Locations whose record text contains `needle`, in id order, at most `cap`. */
  locationsContaining(needle: string, cap: number): Promise<string[]>;
  /** Live PART_OF claims from a Location into one of `wholes`: [part, whole] pairs, at most `cap`. */
  partsOf(wholes: readonly string[], cap: number): Promise<Array<[string, string]>>;
  /** Entities matching a folded query, by full text and by substring, at most `pool` of each. */
  searchCandidates(folded: string, kinds: readonly EntityKind[] | null, pool: number): Promise<SearchCandidate[]>;
  /** A page of claims by id with the total (the query's entity id already resolved). */
  claimPage(query: ClaimQuery): Promise<{ total: number; items: Claim[] }>;
  /** The claims of each resolved entity id passing the filter, by id, at most `limit` each. */
  claimsOfEntities(entityIds: readonly string[], filter: ClaimFilter, limit: number): Promise<Map<string, Claim[]>>;
  documentsOf(entityId: string, limit: number): Promise<Document[]>;
  changes(query: { targetId?: string; action?: ChangeRecord['action']; limit: number }): Promise<ChangeRecord[]>;
  counts(): Promise<{ documents: number; entitiesByKind: Record<string, number>; claimsByType: Record<string, number> }>;
  exportAll(): AsyncIterable<ExportRecord>;
  /** Loads now what the first request would wait for. */
  warm(): Promise<void>;
  close(): Promise<void>;

  // Capabilities: present where the database has them.
  /** Fills an empty store faster than upserts (the port's bulkLoad). */
  bulkLoad?(batches: Iterable<UpsertBatchInput> | AsyncIterable<UpsertBatchInput>, onProgress?: (claims: number) => void): Promise<UpsertResult>;
  /** Deletes the whole graph, schema kept. */
  clear?(): Promise<void>;
}
