// The one GraphStore: every verb of the port implemented once, over a narrow persistence adapter
// (persistence.ts) per database. Validation, redirects, the merge guards, review and update, change records,
// search ranking, neighbour pages and the exposure searches live here; the adapters persist and fetch.
import {
  ChangeRecord,
  ExposureQuery,
  SearchOptions as SearchOptionsSchema,
  foldText,
  type Claim,
  type ClaimFilter,
  type Document,
  type Entity,
  type ExportRecord,
  type ExposurePath,
  type MergeResult,
  type NeighbourFilter,
  type NeighbourPage,
  type Review,
  type SearchHit,
  type SearchOptions,
  type Stats,
} from '../../domain/index.ts';
import { neighbourPage, type RecordFetcher } from '../edges.ts';
import { IncompatibleMergeError, NotFoundError } from '../errors.ts';
import { exposedToPaths, exposurePathsOver } from '../exposure-assembly.ts';
import { placeParts } from '../place-parts.ts';
import { type Actor, type ClaimQuery, type EntityPatch, type ExposedToQuery, type GraphStore, type UpsertBatchInput, type UpsertResult } from '../port.ts';
import { compareHits, newChangeRecord, parseEntity, searchRank } from '../records.ts';
import { checkBatch, mergeEntity, parseBatch, patchedEntity, reviewedClaim } from '../validate.ts';
import type { GraphQuestion, Persistence, RecordReader } from './persistence.ts';
import type { ClaimIndex } from '../claim-index.ts';

const inOrder = <T>(ids: readonly string[], found: ReadonlyMap<string, T>): T[] => ids.map((id) => found.get(id)).filter((x): x is T => x !== undefined);
const pageLimit = (limit: number | undefined) => Math.min(Math.max(limit ?? 100, 1), 10_000);

export class CoreStore<P extends Persistence = Persistence> implements GraphStore {
  readonly bulkLoad?: GraphStore['bulkLoad'];
  readonly clear?: () => Promise<void>;

  constructor(readonly persistence: P) {
    // Capabilities appear on the store exactly when the adapter has them.
    if (persistence.bulkLoad) this.bulkLoad = persistence.bulkLoad.bind(persistence);
    if (persistence.clear) this.clear = persistence.clear.bind(persistence);
  }

  get name(): string {
    return this.persistence.name;
  }

  private get read(): RecordReader {
    return this.persistence.read;
  }

  /** Each id to the entity it stands for now: its kept entity if it was merged away. */
  private async resolve(read: RecordReader, ids: readonly string[]): Promise<(id: string) => string> {
    const redirects = ids.length ? await read.redirects([...new Set(ids)]) : new Map<string, string>();
    return (id) => redirects.get(id) ?? id;
  }
  private async resolveOne(id: string): Promise<string> {
    return (await this.resolve(this.read, [id]))(id);
  }

  /**
   * How the searches fetch the records of what they found. Their entity ids come from the graph they walked,
   * live ids: read directly, and only an id missing there (merged away since) is resolved, which saves a
   * server store a round trip per search.
   */
  private readonly fetcher: RecordFetcher = {
    entities: async (ids) => {
      const found = ids.length ? await this.read.entities([...new Set(ids)]) : new Map<string, Entity>();
      if (ids.every((id) => found.has(id))) return inOrder(ids, found);
      return this.getEntities(ids);
    },
    claims: (ids) => this.getClaims(ids),
    documents: (ids) => this.getDocuments(ids),
  };

  async upsert(input: UpsertBatchInput): Promise<UpsertResult> {
    // An invalid shape is refused before the store is read; the parse is done once (it is most of the cost).
    const raw = parseBatch(input);
    return this.persistence.write(async (read) => {
      const named: string[] = [];
      for (const e of raw.entities) named.push(e.id);
      for (const c of raw.claims) named.push(c.subject, c.object);
      for (const r of raw.redirects) named.push(r.id, r.target);
      const redirects = named.length ? await read.redirects(named) : new Map<string, string>();
      // Every id the check may ask the kind of: those named, and where the store's redirects lead.
      const kinds = await read.kinds(redirects.size ? [...named, ...redirects.values()] : named);
      const docIds: string[] = raw.documents.map((d) => d.id);
      for (const c of raw.claims) docIds.push(c.evidence.documentId);
      const docs = await read.knownDocuments(docIds);
      const storedClaims = await read.claimEnds(raw.claims.map((c) => c.id));

      const batch = checkBatch(raw, { kindOf: (id) => kinds.get(id), hasDocument: (id) => docs.has(id), resolve: (id) => redirects.get(id) ?? id });
      // Re-upserted entities keep their name and gain aliases and fields.
      const storedIds = batch.entities.filter((e) => kinds.has(e.id)).map((e) => e.id);
      const stored = storedIds.length ? await read.entities(storedIds) : new Map<string, Entity>();
      batch.entities = batch.entities.map((e) => (stored.has(e.id) ? mergeEntity(stored.get(e.id)!, e) : e));
      const result: UpsertResult = {
        documents: { created: 0, existing: 0 },
        entities: { created: 0, updated: 0 },
        claims: { created: 0, existing: 0 },
      };
      for (const d of batch.documents) result.documents[docs.has(d.id) ? 'existing' : 'created']++;
      for (const e of batch.entities) result.entities[stored.has(e.id) ? 'updated' : 'created']++;
      for (const c of batch.claims) result.claims[storedClaims.has(c.id) ? 'existing' : 'created']++;
      return { write: { op: 'batch', batch, result, storedRedirects: redirects, storedClaims }, changes: batch.changes, result };
    });
  }

  async getEntities(ids: readonly string[]): Promise<Entity[]> {
    if (!ids.length) return [];
    const resolve = await this.resolve(this.read, ids);
    const wanted = ids.map(resolve);
    return inOrder(wanted, await this.read.entities([...new Set(wanted)]));
  }
  async getClaims(ids: readonly string[]): Promise<Claim[]> {
    return ids.length ? inOrder(ids, await this.read.claims([...new Set(ids)])) : [];
  }
  async getDocuments(ids: readonly string[]): Promise<Document[]> {
    return ids.length ? inOrder(ids, await this.read.documents([...new Set(ids)])) : [];
  }
  async getDocument(id: string): Promise<Document | null> {
    return (await this.getDocuments([id]))[0] ?? null;
  }
  documentsByUrl(url: string): Promise<Document[]> {
    return this.persistence.documentsByUrl(url);
  }

  /**
   * External ids live in the record's JSON (written by JSON.stringify: no spaces), so one scan finds every
   * entity holding an id of the scheme, and the parsed record decides.
   */
  async entitiesByExternalId(scheme: keyof Entity['externalIds'], values: readonly string[]): Promise<Map<string, string>> {
    const wanted = new Set(values);
    const out = new Map<string, string>();
    if (!wanted.size) return out;
    for (const r of await this.persistence.entitiesContaining(`${JSON.stringify(scheme)}:"`)) {
      const value = (JSON.parse(r.data) as Entity).externalIds?.[scheme];
      if (value && wanted.has(value) && !out.has(value)) out.set(value, r.id);
    }
    return out;
  }

  /** Ranked: exact name > name prefix > substring > the database's full-text relevance (records.ts). */
  async searchEntities(text: string, options?: SearchOptions): Promise<SearchHit[]> {
    const opts = SearchOptionsSchema.parse(options ?? {});
    const q = foldText(text);
    if (!q) return [];
    const found = await this.persistence.searchCandidates(q, opts.kinds ?? null, Math.max(opts.limit * 5, 50));
    const seen = new Set<string>();
    const hits = found
      .filter((c) => !seen.has(c.id) && !!seen.add(c.id))
      .map(({ data, fts }) => {
        const entity = parseEntity(data);
        return { entity, score: searchRank(entity, q, fts) };
      });
    return hits.sort(compareHits).slice(0, opts.limit);
  }

  /**
   * The graph a search walks, asked for with the ids as given while they are resolved, not after: a server
   * store then waits one round trip instead of two (its generation check beside the redirect lookup). An id
   * merged away since, which is rare, asks again with the id it stands for.
   */
  private async graphFor(ids: readonly string[], question: (resolve: (id: string) => string) => GraphQuestion): Promise<{ graph: ClaimIndex; resolve: (id: string) => string }> {
    const [resolve, graph] = await Promise.all([this.resolve(this.read, ids), this.persistence.graph(question((id) => id))]);
    if (ids.every((id) => resolve(id) === id)) return { graph, resolve };
    return { graph: await this.persistence.graph(question(resolve)), resolve };
  }

  async neighbours(id0: string, filter?: NeighbourFilter): Promise<NeighbourPage> {
    const { graph, resolve } = await this.graphFor([id0], (r) => ({ verb: 'neighbours', id: r(id0), filter }));
    return neighbourPage(graph, resolve(id0), filter, this.fetcher);
  }

  async exposurePaths(query: ExposureQuery): Promise<ExposurePath[]> {
    const q = ExposureQuery.parse(query);
    const { graph, resolve } = await this.graphFor(q.to !== undefined ? [q.from, q.to] : [q.from], (r) => ({
      verb: 'exposurePaths', from: r(q.from), to: q.to !== undefined ? r(q.to) : undefined, toKinds: q.toKinds, maxHops: q.maxHops, filter: q.filter, asOf: q.asOf,
    }));
    const from = resolve(q.from);
    const to = q.to !== undefined ? resolve(q.to) : undefined;
    return exposurePathsOver(graph, { ...query, from, ...(to !== undefined ? { to } : {}) }, this.fetcher);
  }

  async exposedTo(query: ExposedToQuery): Promise<ExposurePath[]> {
    const { graph, resolve } = await this.graphFor([query.abuse], (r) => ({ verb: 'exposedTo', query: { ...query, abuse: r(query.abuse) } }));
    const q = { ...query, abuse: resolve(query.abuse) };
    return exposedToPaths(graph, q, this.fetcher);
  }

  async placeParts(id: string, page: { offset?: number; limit?: number } = {}) {
    return placeParts(
      {
        entities: (ids) => this.getEntities(ids),
        // The country code lives in the record's JSON (written by JSON.stringify, so without spaces); every
        // row found is checked on the parsed record.
        locationsInCountry: async (code, cap) => {
          const ids = await this.persistence.locationsContaining(`"countryCode":${JSON.stringify(code)}`, cap);
          return (await this.getEntities(ids)).filter((e) => e.kind === 'Location' && e.countryCode === code).map((e) => e.id);
        },
        partsOf: (wholes, cap) => this.persistence.partsOf([...wholes], cap),
      },
      await this.resolveOne(id),
      page,
    );
  }

  async findClaims(query: ClaimQuery): Promise<{ total: number; items: Claim[] }> {
    const entityId = query.entityId ? await this.resolveOne(query.entityId) : undefined;
    return this.persistence.claimPage({ ...query, ...(entityId ? { entityId } : {}), limit: pageLimit(query.limit) });
  }

  async claimsOfEntities(entityIds: readonly string[], filter: ClaimFilter, limit: number): Promise<Map<string, Claim[]>> {
    const resolve = await this.resolve(this.read, entityIds);
    const by = entityIds.length ? await this.persistence.claimsOfEntities([...new Set(entityIds.map(resolve))], filter, limit) : new Map<string, Claim[]>();
    return new Map(entityIds.map((id) => [id, by.get(resolve(id)) ?? []]));
  }

  async documentsOf(entityId: string, limit = 100): Promise<Document[]> {
    return this.persistence.documentsOf(await this.resolveOne(entityId), limit);
  }

  reviewClaim(id: string, review: Review, actor: Actor): Promise<Claim> {
    return this.persistence.write(async (read) => {
      const claim = (await read.claims([id])).get(id);
      if (!claim) throw new NotFoundError('claim', id);
      const next = reviewedClaim(claim, review, actor);
      return { write: { op: 'review', claim: next }, changes: [newChangeRecord('review', [id], actor, claim.review, next.review)], result: next };
    });
  }

  updateEntity(id: string, patch: EntityPatch, actor: Actor): Promise<Entity> {
    return this.persistence.write(async (read) => {
      const resolved = (await this.resolve(read, [id]))(id);
      const entity = (await read.entities([resolved])).get(resolved);
      if (!entity) throw new NotFoundError('entity', id);
      const next = patchedEntity(entity, patch);
      return { write: { op: 'entity', entity: next }, changes: [newChangeRecord('update', [entity.id], actor, entity, next)], result: next };
    });
  }

  mergeEntities(keepId: string, dropId: string, actor: Actor): Promise<MergeResult> {
    return this.persistence.write(async (read) => {
      const redirects = await read.redirects([keepId, dropId]);
      if (redirects.has(dropId)) throw new IncompatibleMergeError(`${dropId} was already merged into ${redirects.get(dropId)}`);
      const keepResolved = redirects.get(keepId) ?? keepId;
      if (keepResolved === dropId) throw new IncompatibleMergeError('cannot merge an entity into itself');
      const found = await read.entities([keepResolved, dropId]);
      const keep = found.get(keepResolved);
      const drop = found.get(dropId);
      if (!keep) throw new NotFoundError('entity', keepId);
      if (!drop) throw new NotFoundError('entity', dropId);
      if (keep.kind !== drop.kind) throw new IncompatibleMergeError(`cannot merge a ${drop.kind} (${drop.id}) into a ${keep.kind} (${keep.id})`);
      const merged = mergeEntity(keep, drop);
      // Claims between the two would become self-links: they stay as they are, on the redirect.
      const refs = (await read.claimsAround(drop.id)).filter((c) => c.subject !== keep.id && c.object !== keep.id).map((c) => c.id);
      const claims = refs.length ? inOrder(refs, await read.claims(refs)) : [];
      const moved = claims.map((c) => ({
        ...c,
        subject: c.subject === drop.id ? keep.id : c.subject,
        object: c.object === drop.id ? keep.id : c.object,
      }));
      const record = newChangeRecord('merge', [keep.id, drop.id], actor, { keep, drop }, merged);
      return { write: { op: 'merge', keep, drop, merged, moved }, changes: [record], result: { keep: keep.id, drop: drop.id, movedClaims: moved.length, record } };
    });
  }

  async recordChanges(input: readonly ChangeRecord[]): Promise<void> {
    const records = [...new Map(input.map((r) => ChangeRecord.parse(r)).map((r) => [r.id, r])).values()];
    if (!records.length) return;
    await this.persistence.write(async () => ({ write: { op: 'changes' }, changes: records, result: undefined }));
  }

  listChanges(query: { targetId?: string; action?: ChangeRecord['action']; limit?: number }): Promise<ChangeRecord[]> {
    return this.persistence.changes({ ...query, limit: pageLimit(query.limit) });
  }

  async stats(): Promise<Stats> {
    const c = await this.persistence.counts();
    const sum = (o: Record<string, number>) => Object.values(o).reduce((s, n) => s + n, 0);
    const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      documents: c.documents, entities: sum(c.entitiesByKind), claims: sum(c.claimsByType),
      entitiesByKind: sorted(c.entitiesByKind), claimsByType: sorted(c.claimsByType),
      schemaVersion: this.persistence.schemaVersion, store: this.persistence.name as Stats['store'],
    };
  }

  exportAll(): AsyncIterable<ExportRecord> {
    return this.persistence.exportAll();
  }

  warm(): Promise<void> {
    return this.persistence.warm();
  }

  close(): Promise<void> {
    return this.persistence.close();
  }
}
