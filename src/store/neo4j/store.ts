// The Neo4j GraphStore. Neo4j is the source of truth for every read (other clients, Neo4j Browser and other
// servers write the same graph). Writes run as managed transactions: a batch's references are read, checked
// (validateBatch, the same rules as every adapter) and written in one transaction, so a batch lands whole or
// not at all. Exposure searches run the store-agnostic search shared with Kùzu over the whole graph's claims
// in memory (the path index: built at the first search, kept in step with this process's writes, rebuilt
// when another writer changed the graph), so both adapters return the same paths, as fast; neighbour pages
// list their edges from it too. Claim queries and the benchmark's other walks fetch what they need with
// Cypher.
import {
  ChangeRecord,
  Claim,
  Entity,
  ExposureQuery,
  HOP_GRAMMAR,
  claimStart,
  dateKey,
  stepsFrom,
  type ClaimFilter,
  type ClaimType,
  type Document,
  type EntityKind,
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
import { randomUUID } from 'node:crypto';
import { SearchOptions as SearchOptionsSchema, foldText, genericOf, knownDate } from '../../domain/index.ts';
import { log } from '../../util/log.ts';
import { Progress } from '../../util/progress.ts';
import { ClaimIndex, claimKeyOf } from '../claim-index.ts';
import { neighbourPage, type RecordFetcher } from '../edges.ts';
import { IncompatibleMergeError, InvalidBatchError, NotFoundError } from '../errors.ts';
import { assemblePaths, exposedToPaths, exposurePathsOver, searchExposure } from '../exposure-assembly.ts';
import { placeParts } from '../place-parts.ts';
import type { Actor, ClaimQuery, EntityPatch, ExposedToQuery, GraphStore, UpsertBatchInput, UpsertResult } from '../port.ts';
import { UpsertBatch } from '../port.ts';
import { claimJson, compareHits, foldedNames, newChangeRecord, parseChange, parseClaim, parseDocument, parseEntity, searchRank } from '../records.ts';
import { mergeEntity, patchedEntity, reviewedClaim, validateBatch } from '../validate.ts';
import { Neo4jConnection, type Neo4jOptions, type Row, type WriteTx } from './connection.ts';
import { ensureNeo4jSchema } from './schema.ts';
import * as S from './statements.ts';

/** Rows per UNWIND statement: large enough to amortise a round trip, small enough for the server's memory. */
const CHUNK = 5_000;
/** Claims a graph walk may fetch before it stops expanding (the search then works on what it has). */
const WALK_CAP = 500_000;

const chunks = <T>(a: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, (i + 1) * n));
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function claimRow(c: Claim) {
  const [data, review] = claimJson(c);
  const start = claimStart(c);
  return {
    id: c.id, subject: c.subject, object: c.object, type: c.type, documentId: c.evidence.documentId, certainty: c.certainty,
    confidence: c.confidence, start: start ? dateKey(start) : null, date: c.date ?? null, quote: c.evidence.quote, data, status: c.review.status, review,
  };
}
// Titles, URLs and quotes are copied out of the JSON so that Neo4j Browser users can read them directly.
const documentRow = (d: Document) => ({
  id: d.id, data: JSON.stringify(d), title: d.title ?? null, url: d.url ?? null, publisher: d.publisher ?? null, publishedAt: d.publishedAt ?? null,
});
const entityRow = (e: Entity) => ({ id: e.id, kind: e.kind, name: e.name, names: foldedNames(e), data: JSON.stringify(e), generic: genericOf(e) ?? null });
const changeRow = (r: ChangeRecord) => ({ id: r.id, at: r.at, action: r.action, targets: r.targetIds, data: JSON.stringify(r) });

/** The parameters of CLAIM_CONDITIONS for a filter (all but the document). */
function claimConditions(q: ClaimFilter) {
  return {
    types: q.types ?? null,
    cert: q.certainty ?? null,
    status: q.review ?? ['unreviewed', 'accepted'],
    minc: q.minConfidence !== undefined ? q.minConfidence - 1e-9 : null,
    from: q.from ? dateKey(q.from) : null,
    to: q.to ? dateKey(q.to) : null,
  };
}

/** The earlier of a filter's end date and asOf, compared as the index compares them (earliest day meant). */
const minDate = (to: string | undefined, asOf: string): string => (!to || dateKey(asOf) < dateKey(to) ? asOf : to);

/** Reads through either a transaction (inside a write) or the connection's read sessions. */
type Reader = (s: S.Statement, params?: Record<string, unknown>) => Promise<Row[]>;

/**
 * How exposure searches read the graph: the path index (default); or, measured against it in bench:store,
 * one Cypher query per hop, or one variable-length match per search.
 */
export type Neo4jWalk = 'index' | 'hops' | 'paths';

/** What a committed write does to the path index: these changes, none, or too much to follow (rebuild). */
type Mirror<T> = ((index: ClaimIndex, result: T) => void) | 'unchanged' | 'rebuild';

/** An entity's node in the path index, as PATH_INDEX_CLAIMS gives it (generic is a Technology's alone). */
const indexEntity = (index: ClaimIndex, e: Pick<Entity, 'id' | 'kind'> & Partial<Entity>) =>
  index.setEntity(e.id, e.kind, e.kind === 'Technology' ? genericOf(e as Entity) === true : undefined);

export class Neo4jStore implements GraphStore {
  readonly name = 'neo4j';

  private constructor(
    readonly db: Neo4jConnection,
    readonly schemaVersion: number,
    readonly walk: Neo4jWalk,
  ) {}

  static async open(opts: Neo4jOptions & { walk?: Neo4jWalk }): Promise<Neo4jStore> {
    const db = await Neo4jConnection.connect(opts);
    try {
      return new Neo4jStore(db, await ensureNeo4jSchema(db), opts.walk ?? 'index');
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
  }

  private readonly reader: Reader = (s, p) => this.db.read(s, p);

  /** The path index and the generation of the graph it holds; null until the first search, or when stale. */
  private paths: { index: ClaimIndex; generation: string | null } | null = null;
  /** How many times this store built its path index (logs and tests: a write it followed builds nothing). */
  pathIndexBuilds = 0;
  private building: Promise<{ index: ClaimIndex; generation: string | null }> | null = null;

  /**
   * A write transaction that replaces the graph's generation last. When the generation it replaced is the one
   * the path index holds, no other writer came between and `mirror` brings the index up to date; otherwise
   * the index is dropped and the next search rebuilds it.
   */
  private async write<T>(work: (tx: WriteTx) => Promise<T>, mirror: Mirror<T>): Promise<T> {
    let before: string | null = null;
    let next = '';
    const result = await this.db.write(async (tx) => {
      const r = await work(tx);
      next = randomUUID();
      const [row] = await tx.run(S.GENERATION_NEXT, { next });
      before = row?.before === null || row?.before === undefined ? null : String(row.before);
      return r;
    });
    const p = this.paths;
    if (p && p.generation === before && mirror !== 'rebuild') {
      if (mirror !== 'unchanged') mirror(p.index, result);
      p.generation = next;
    } else this.paths = null;
    return result;
  }

  /**
   * The path index of the graph as it is now: the one held if the generation has not moved, else a new one
   * (one build at a time; a caller that finds the graph moved again while it waited builds once more, at most
   * twice, then uses what it has).
   */
  private async pathIndex(): Promise<ClaimIndex> {
    let built: { index: ClaimIndex; generation: string | null } | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const [row] = await this.db.read(S.GENERATION_GET);
      const generation = row?.value === null || row?.value === undefined ? null : String(row.value);
      if (this.paths && this.paths.generation === generation) return this.paths.index;
      this.building ??= this.buildPathIndex(generation).finally(() => (this.building = null));
      built = await this.building;
      if (built.generation === generation) return built.index;
    }
    return built!.index;
  }

  /** Builds the path index now (a server before it listens), so that the first search does not wait for it. */
  async warm(): Promise<void> {
    if (this.walk === 'index') await this.pathIndex();
  }

  private async buildPathIndex(generation: string | null): Promise<{ index: ClaimIndex; generation: string | null }> {
    this.paths = null;
    const t0 = performance.now();
    const index = new ClaimIndex();
    const total = (await this.db.read(S.CLAIMS_BY_TYPE)).reduce((n, r) => n + Number(r.n), 0);
    const progress = new Progress({ label: 'neo4j: path index', total, unit: 'claims' });
    let rows: Row[] = [];
    for await (const r of this.db.stream(S.PATH_INDEX_CLAIMS)) {
      rows.push(r);
      if (rows.length >= CHUNK) {
        Neo4jStore.fill(index, rows);
        progress.tick(rows.length);
        rows = [];
      }
    }
    Neo4jStore.fill(index, rows);
    progress.tick(rows.length);
    progress.done();
    for await (const r of this.db.stream(S.PATH_INDEX_DOCUMENTS)) {
      const fetchedAt = r.data ? parseDocument(r.data).fetchedAt : undefined;
      index.setDocument(String(r.id), knownDate({ publishedAt: str(r.publishedAt), fetchedAt }));
    }
    log.info({ claims: index.claimCount, entities: index.entityCount, ms: Math.round(performance.now() - t0) }, 'neo4j: path index built');
    const built = { index, generation };
    this.paths = built;
    this.pathIndexBuilds++;
    return built;
  }

  private async redirects(read: Reader, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    return new Map((await read(S.RESOLVE_REDIRECTS, { ids: [...new Set(ids)] })).map((r) => [String(r.id), String(r.target)]));
  }
  private async resolveOne(id: string): Promise<string> {
    return (await this.redirects(this.reader, [id])).get(id) ?? id;
  }

  private async entityRecords(read: Reader, ids: readonly string[]): Promise<Map<string, Entity>> {
    if (!ids.length) return new Map();
    const rows = await read(S.ENTITY_RECORDS, { ids: [...new Set(ids)] });
    return new Map(rows.map((r) => [String(r.id), parseEntity(r.data)]));
  }

  async upsert(input: UpsertBatchInput): Promise<UpsertResult> {
    const pre = UpsertBatch.safeParse(input);
    // An invalid shape is refused by validateBatch with its usual message, before any round trip.
    if (!pre.success) validateBatch(input, { kindOf: () => undefined, hasDocument: () => false, resolve: (id) => id });
    const raw = pre.data!;
    const out = await this.write(async (tx) => {
      const read: Reader = (s, p) => tx.run(s, p);
      const named = [...raw.entities.map((e) => e.id), ...raw.claims.flatMap((c) => [c.subject, c.object]), ...raw.redirects.flatMap((r) => [r.id, r.target])];
      const redirects = await this.redirects(read, named);
      const stored = await this.entityRecords(read, [...new Set(named.map((id) => redirects.get(id) ?? id))]);
      const docIds = [...new Set([...raw.documents.map((d) => d.id), ...raw.claims.map((c) => c.evidence.documentId)])];
      const docs = new Set(docIds.length ? (await read(S.DOCUMENT_RECORDS, { ids: docIds })).map((r) => String(r.id)) : []);
      const claimIds = raw.claims.map((c) => c.id);
      const existingRows = claimIds.length ? await read(S.CLAIM_RECORDS, { ids: claimIds }) : [];
      const existingClaims = new Set(existingRows.map((r) => String(r.id)));
      const endsOf = new Map(existingRows.map((r) => [String(r.id), `${String(r.subject)}|${String(r.object)}`]));

      const batch = validateBatch(input, {
        kindOf: (id) => stored.get(id)?.kind,
        hasDocument: (id) => docs.has(id),
        resolve: (id) => redirects.get(id) ?? id,
      });
      const entities = batch.entities.map((e) => (stored.has(e.id) ? mergeEntity(stored.get(e.id)!, e) : e));
      const result: UpsertResult = {
        documents: { created: 0, existing: 0 },
        entities: { created: 0, updated: 0 },
        claims: { created: 0, existing: 0 },
      };
      for (const d of batch.documents) result.documents[docs.has(d.id) ? 'existing' : 'created']++;
      for (const e of entities) result.entities[stored.has(e.id) ? 'updated' : 'created']++;
      for (const c of batch.claims) result.claims[existingClaims.has(c.id) ? 'existing' : 'created']++;

      for (const rows of chunks(batch.documents.map(documentRow))) await tx.run(S.UPSERT_DOCUMENTS, { rows });
      for (const rows of chunks(entities.map(entityRow))) await tx.run(S.UPSERT_ENTITIES, { rows });
      for (const rows of chunks(batch.redirects)) await tx.run(S.UPSERT_REDIRECTS, { rows });
      // Claims between two merged entities keep their merged-away end (a Redirect node), as a merge leaves them.
      const carried = new Set([...batch.redirects.map((r) => r.id), ...redirects.keys()]);
      const onRedirect = (c: (typeof batch.claims)[number]) => carried.has(c.subject) || carried.has(c.object);
      // A claim whose ends changed (a split moved it) is re-made between its new ends first, review kept.
      const moved = batch.claims.filter((c) => endsOf.has(c.id) && endsOf.get(c.id) !== `${c.subject}|${c.object}`);
      for (const rows of chunks(moved.map((c) => ({ id: c.id, subject: c.subject, object: c.object, data: claimJson(c)[0] })))) {
        const [r] = await tx.run(S.MOVE_CLAIMS, { rows });
        if (Number(r?.n) !== rows.length) throw new InvalidBatchError('invalid batch, nothing written: a moved claim lost an end');
      }
      for (const rows of chunks(batch.claims.filter(onRedirect).map(claimRow))) {
        const [r] = await tx.run(S.UPSERT_CLAIMS_ON_REDIRECTS, { rows });
        if (Number(r?.n) !== rows.length) throw new InvalidBatchError('invalid batch, nothing written: a claim between merged entities lost an end');
      }
      for (const rows of chunks(batch.claims.filter((c) => !onRedirect(c)).map(claimRow))) {
        const [r] = await tx.run(S.UPSERT_CLAIMS, { rows });
        // An end deleted by another client since the check: refuse the batch (the transaction rolls back).
        if (Number(r?.n) !== rows.length) throw new InvalidBatchError(`invalid batch, nothing written: ${rows.length - Number(r?.n)} claim(s) lost an end while the batch was written`);
      }
      for (const rows of chunks(batch.changes.map(changeRow))) await tx.run(S.RECORD_CHANGES, { rows });
      // What the path index gains (PATH_INDEX_CLAIMS would read the same): the claims between entities, each
      // existing one with the review it kept.
      const walked = batch.claims.filter((c) => !onRedirect(c));
      const ends = new Map<string, Entity>([...stored, ...entities.map((e) => [e.id, e] as const)]);
      return { result, documents: batch.documents, entities, claims: walked, ends, merges: batch.redirects.length > 0 };
    }, (index, w) => {
      for (const d of w.documents) index.setDocument(d.id, knownDate(d));
      for (const e of w.entities) if (index.entityIndex(e.id) !== undefined) indexEntity(index, e);
      for (const c of w.claims) {
        for (const id of [c.subject, c.object]) if (index.entityIndex(id) === undefined) indexEntity(index, w.ends.get(id)!);
        const i = index.claimIndex(c.id);
        index.setClaim({ ...claimKeyOf(c), ...(i !== undefined ? { status: index.statusOf(i) } : {}) });
      }
    });
    // Redirects carried in a batch turn entities into redirects: more than the index follows.
    if (out.merges) this.paths = null;
    return out.result;
  }

  async getEntities(ids: readonly string[]): Promise<Entity[]> {
    const redirects = await this.redirects(this.reader, ids);
    const found = await this.entityRecords(this.reader, ids.map((id) => redirects.get(id) ?? id));
    return ids.map((id) => found.get(redirects.get(id) ?? id)).filter((e): e is Entity => !!e);
  }

  async getClaims(ids: readonly string[]): Promise<Claim[]> {
    if (!ids.length) return [];
    const rows = await this.db.read(S.CLAIM_RECORDS, { ids: [...new Set(ids)] });
    const found = new Map(rows.map((r) => [String(r.id), parseClaim(r.data, r.review)]));
    return ids.map((id) => found.get(id)).filter((c): c is Claim => !!c);
  }

  async getDocument(id: string) {
    return (await this.getDocuments([id]))[0] ?? null;
  }

  async getDocuments(ids: readonly string[]) {
    if (!ids.length) return [];
    const rows = await this.db.read(S.DOCUMENT_RECORDS, { ids: [...new Set(ids)] });
    const found = new Map(rows.map((r) => [String(r.id), parseDocument(r.data)]));
    return ids.map((id) => found.get(id)).filter((d) => !!d);
  }

  async documentsByUrl(url: string) {
    return (await this.db.read(S.DOCUMENTS_BY_URL, { url })).map((r) => parseDocument(r.data));
  }

  async entitiesByExternalId(scheme: keyof Entity['externalIds'], values: readonly string[]) {
    const wanted = new Set(values);
    const out = new Map<string, string>();
    if (!wanted.size) return out;
    for (const r of await this.db.read(S.ENTITIES_WITH_EXTERNAL_ID, { needle: `${JSON.stringify(scheme)}:"` })) {
      const value = parseEntity(r.data).externalIds[scheme];
      if (value && wanted.has(value) && !out.has(value)) out.set(value, String(r.id));
    }
    return out;
  }

  async placeParts(id: string, page: { offset?: number; limit?: number } = {}) {
    return placeParts(
      {
        entities: (ids) => this.getEntities(ids),
        locationsInCountry: async (code, cap) => {
          const rows = await this.db.read(S.LOCATIONS_IN_COUNTRY, { needle: `"countryCode":${JSON.stringify(code)}`, cap });
          return (await this.getEntities(rows.map((r) => String(r.id)))).filter((e) => e.kind === 'Location' && e.countryCode === code).map((e) => e.id);
        },
        partsOf: async (wholes, cap) => (await this.db.read(S.PLACE_PARTS_OF, { wholes: [...wholes], cap })).map((r) => [String(r.part), String(r.whole)]),
      },
      await this.resolveOne(id),
      page,
    );
  }

  private readonly fetcher: RecordFetcher = {
    entities: (ids) => this.getEntities(ids),
    claims: (ids) => this.getClaims(ids),
    documents: (ids) => this.getDocuments(ids),
  };

  async searchEntities(text: string, options?: SearchOptions): Promise<SearchHit[]> {
    const opts = SearchOptionsSchema.parse(options ?? {});
    const q = foldText(text);
    if (!q) return [];
    const pool = Math.max(opts.limit * 5, 50);
    const kinds = opts.kinds ?? null;
    const found = new Map<string, { data: unknown; fts: number }>();
    // Lucene query syntax: every term quoted, so a user's "AND", "*" or ":" is text, not an operator.
    const lucene = q.split(/\s+/).filter(Boolean).map((t) => `"${t.replace(/["\\]/g, '')}"`).filter((t) => t !== '""').join(' ');
    if (lucene) for (const r of await this.db.read(S.SEARCH_FULLTEXT, { q: lucene, kinds, pool })) found.set(String(r.id), { data: r.data, fts: Number(r.score) });
    for (const r of await this.db.read(S.SEARCH_CONTAINS, { q, kinds, pool })) if (!found.has(String(r.id))) found.set(String(r.id), { data: r.data, fts: 0 });
    const hits = [...found.values()].map(({ data, fts }) => {
      const entity = parseEntity(data);
      return { entity, score: searchRank(entity, q, fts) };
    });
    return hits.sort(compareHits).slice(0, opts.limit);
  }

  /** Adds claim rows of CLAIMS_AROUND to an index (ends with their kinds); returns the ends seen. */
  private static fill(index: ClaimIndex, rows: Row[]): string[] {
    const ends: string[] = [];
    rows.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    for (const r of rows) {
      if (index.claimIndex(String(r.id)) !== undefined) continue;
      index.setEntity(String(r.subject), r.subjectKind as EntityKind, r.subjectKind === 'Technology' ? r.subjectGeneric === true : undefined);
      index.setEntity(String(r.object), r.objectKind as EntityKind, r.objectKind === 'Technology' ? r.objectGeneric === true : undefined);
      index.setClaim({
        id: String(r.id), type: r.type as ClaimType, subject: String(r.subject), object: String(r.object),
        certainty: r.certainty as Claim['certainty'], confidence: Number(r.confidence), status: r.status as Claim['review']['status'],
        start: str(r.start), date: str(r.date), documentId: str(r.documentId),
      });
      ends.push(String(r.subject), String(r.object));
    }
    return ends;
  }

  /** Gives the index its claims' documents' dates, which asOf reads (ClaimIndex.setDocument). */
  private async dateDocuments(index: ClaimIndex): Promise<void> {
    const ids = index.undatedDocuments();
    for (const d of ids.length ? await this.getDocuments(ids) : []) index.setDocument(d.id, knownDate(d));
  }

  async neighbours(id0: string, filter?: NeighbourFilter): Promise<NeighbourPage> {
    const id = await this.resolveOne(id0);
    if (this.walk === 'index') return neighbourPage(await this.pathIndex(), id, filter, this.fetcher);
    const index = new ClaimIndex();
    Neo4jStore.fill(index, await this.db.read(S.CLAIMS_AROUND, { ids: [id], types: null, cap: WALK_CAP }));
    if (filter?.asOf) await this.dateDocuments(index);
    return neighbourPage(index, id, filter, this.fetcher);
  }

  async exposurePaths(query: ExposureQuery): Promise<ExposurePath[]> {
    const q = ExposureQuery.parse(query);
    const from = await this.resolveOne(q.from);
    const to = q.to !== undefined ? await this.resolveOne(q.to) : undefined;
    if (this.walk === 'index') return exposurePathsOver(await this.pathIndex(), { ...query, from, ...(to !== undefined ? { to } : {}) }, this.fetcher);
    const start = (await this.entityRecords(this.reader, [from])).get(from);
    if (!start) return [];
    const wanted = q.filter.types;
    const types = [...new Set([...HOP_GRAMMAR.filter((s) => !wanted || wanted.includes(s.type)).map((s) => s.type), 'SUSPENDED'])];
    const index = new ClaimIndex();
    index.setEntity(from, start.kind, genericOf(start));
    // Breadth-first, one round trip per hop: the last hop's far ends need no expansion, only their kinds.
    // The filter and asOf in the query too: a claim outside them is never fetched (types: the grammar's).
    const conditions = { ...claimConditions({ ...q.filter, ...(q.asOf ? { to: minDate(q.filter.to, q.asOf) } : {}) }), types: null, d: null };
    if (this.walk === 'paths') {
      const hopTypes = types.filter((t) => t !== 'SUSPENDED');
      const statement = S.EXPOSURE_PATHS_UPTO[q.maxHops - 1]!;
      Neo4jStore.fill(index, await this.db.read(statement, { start: from, target: to ?? null, toKinds: q.toKinds, hopTypes, cap: WALK_CAP, ...conditions }));
      if (q.asOf) await this.dateDocuments(index);
      return exposurePathsOver(index, { ...query, from, ...(to !== undefined ? { to } : {}) }, this.fetcher);
    }
    let frontier = [from];
    const seen = new Set(frontier);
    for (let depth = 0; depth < q.maxHops && frontier.length && index.claimCount < WALK_CAP; depth++) {
      // The grammar in the query: per kind of the frontier, only the steps that kind may take (and a
      // company's suspensions, which mark hops ended).
      const byKind = new Map<EntityKind, string[]>();
      for (const id of frontier) {
        const k = index.kindOfId(id)!;
        byKind.set(k, [...(byKind.get(k) ?? []), id]);
      }
      const rows: Row[] = [];
      for (const [kind, ids] of byKind) {
        const steps = stepsFrom(kind, wanted).filter((st) => types.includes(st.type));
        const outTypes = [...new Set([...steps.filter((st) => st.direction === 'forward').map((st) => st.type), ...(kind === 'Company' ? ['SUSPENDED'] : [])])];
        const inTypes = [...new Set(steps.filter((st) => st.direction === 'backward').map((st) => st.type))];
        if (!outTypes.length && !inTypes.length) continue;
        rows.push(...(await this.db.read(S.CLAIMS_STEPS, { ids, outTypes, inTypes, cap: WALK_CAP - index.claimCount - rows.length, ...conditions })));
      }
      const next = new Set<string>();
      for (const e of Neo4jStore.fill(index, rows)) {
        if (seen.has(e)) continue;
        seen.add(e);
        if (stepsFrom(index.kindOfId(e)!, wanted).length) next.add(e);
      }
      frontier = [...next];
    }
    if (q.asOf) await this.dateDocuments(index);
    return exposurePathsOver(index, { ...query, from, ...(to !== undefined ? { to } : {}) }, this.fetcher);
  }

  /**
   * Who is exposed to an abuse: the claims within maxHops of it (the grammar's types and suspensions, one
   * round trip per level; every hop and suspension of a path of ≤ maxHops hops touches an entity nearer
   * than maxHops), then the shared search over them.
   */
  async exposedTo(query: ExposedToQuery): Promise<ExposurePath[]> {
    const abuse = await this.resolveOne(query.abuse);
    if (this.walk === 'index') return exposedToPaths(await this.pathIndex(), { ...query, abuse }, this.fetcher);
    const index = new ClaimIndex();
    const types = [...new Set([...HOP_GRAMMAR.map((st) => st.type), 'SUSPENDED'])];
    let frontier = [abuse];
    const seen = new Set(frontier);
    for (let depth = 0; depth < query.maxHops && frontier.length && index.claimCount < WALK_CAP; depth++) {
      const next = new Set<string>();
      for (const ids of chunks(frontier)) {
        for (const e of Neo4jStore.fill(index, await this.db.read(S.CLAIMS_AROUND, { ids, types, cap: WALK_CAP - index.claimCount }))) {
          if (!seen.has(e)) (seen.add(e), next.add(e));
        }
      }
      frontier = [...next];
    }
    if (query.asOf) await this.dateDocuments(index);
    return exposedToPaths(index, { ...query, abuse }, this.fetcher);
  }

  async findClaims(q: ClaimQuery): Promise<{ total: number; items: Claim[] }> {
    const params = { ...claimConditions(q), d: q.documentId ?? null };
    const page = { after: q.after ?? null, limit: Math.min(Math.max(q.limit ?? 100, 1), 10_000) };
    const e = q.entityId ? { e: await this.resolveOne(q.entityId) } : null;
    const [count] = await this.db.read(e ? S.COUNT_CLAIMS_OF_ENTITY : S.COUNT_CLAIMS, { ...params, ...e });
    const rows = await this.db.read(e ? S.PAGE_CLAIMS_OF_ENTITY : S.PAGE_CLAIMS, { ...params, ...e, ...page });
    return { total: Number(count?.n ?? 0), items: rows.map((r) => parseClaim(r.data, r.review)) };
  }

  async claimsOfEntities(entityIds: readonly string[], filter: ClaimFilter, limit: number): Promise<Map<string, Claim[]>> {
    const redirects = await this.redirects(this.reader, entityIds);
    const resolved = [...new Set(entityIds.map((id) => redirects.get(id) ?? id))];
    const rows = resolved.length
      ? await this.db.read(S.CLAIMS_OF_ENTITIES, { ...claimConditions(filter), d: null, es: resolved, limit })
      : [];
    const by = new Map<string, Claim[]>();
    for (const r of rows) {
      const list = by.get(String(r.entity)) ?? [];
      list.push(parseClaim(r.data, r.review));
      by.set(String(r.entity), list);
    }
    return new Map(entityIds.map((id) => [id, by.get(redirects.get(id) ?? id) ?? []]));
  }

  async documentsOf(entityId: string, limit = 100) {
    const rows = await this.db.read(S.DOCUMENTS_OF, { e: await this.resolveOne(entityId), limit });
    return rows.map((r) => parseDocument(r.data));
  }

  async reviewClaim(id: string, review: Review, actor: Actor): Promise<Claim> {
    const [claim] = await this.getClaims([id]);
    if (!claim) throw new NotFoundError('claim', id);
    const next = reviewedClaim(claim, review, actor);
    const record = newChangeRecord('review', [id], actor, claim.review, next.review);
    await this.write(async (tx) => {
      await tx.run(S.SET_CLAIM_REVIEW, { id, status: next.review.status, review: JSON.stringify(next.review) });
      await tx.run(S.RECORD_CHANGES, { rows: [changeRow(record)] });
    }, (index) => index.setStatus(id, next.review.status));
    return next;
  }

  async updateEntity(id: string, patch: EntityPatch, actor: Actor): Promise<Entity> {
    const [entity] = await this.getEntities([id]);
    if (!entity) throw new NotFoundError('entity', id);
    const next = patchedEntity(entity, patch);
    const record = newChangeRecord('update', [entity.id], actor, entity, next);
    await this.write(async (tx) => {
      await this.setEntity(tx, next);
      await tx.run(S.RECORD_CHANGES, { rows: [changeRow(record)] });
    }, (index) => {
      if (index.entityIndex(next.id) !== undefined) indexEntity(index, next);
    });
    return next;
  }

  private async setEntity(tx: WriteTx, e: Entity): Promise<void> {
    const [r] = await tx.run(S.SET_ENTITY, { id: e.id, name: e.name, names: foldedNames(e), data: JSON.stringify(e), generic: genericOf(e) ?? null });
    if (Number(r?.n) !== 1) throw new NotFoundError('entity', e.id);
  }

  async mergeEntities(keepId: string, dropId: string, actor: Actor): Promise<MergeResult> {
    return this.write(async (tx) => {
      const read: Reader = (s, p) => tx.run(s, p);
      const redirects = await this.redirects(read, [keepId, dropId]);
      if (redirects.has(dropId)) throw new IncompatibleMergeError(`${dropId} was already merged into ${redirects.get(dropId)}`);
      const keepResolved = redirects.get(keepId) ?? keepId;
      if (keepResolved === dropId) throw new IncompatibleMergeError('cannot merge an entity into itself');
      const found = await this.entityRecords(read, [keepResolved, dropId]);
      const keep = found.get(keepResolved);
      const drop = found.get(dropId);
      if (!keep) throw new NotFoundError('entity', keepId);
      if (!drop) throw new NotFoundError('entity', dropId);
      if (keep.kind !== drop.kind) throw new IncompatibleMergeError(`cannot merge a ${drop.kind} (${drop.id}) into a ${keep.kind} (${keep.id})`);
      const merged = mergeEntity(keep, drop);
      // Claims between the two would become self-links: they stay as they are, on the redirect.
      const around = await read(S.CLAIMS_AROUND, { ids: [drop.id], types: null, cap: WALK_CAP });
      const refs = around.filter((r) => r.subject !== keep.id && r.object !== keep.id).map((r) => String(r.id));
      const claimRows = refs.length ? await read(S.CLAIM_RECORDS, { ids: refs }) : [];
      const claims = claimRows.map((r) => {
        const c = parseClaim(r.data, r.review);
        return { ...c, subject: c.subject === drop.id ? keep.id : c.subject, object: c.object === drop.id ? keep.id : c.object };
      });
      const record = newChangeRecord('merge', [keep.id, drop.id], actor, { keep, drop }, merged);
      for (const rows of chunks(claims.map((c) => ({ id: c.id, subject: c.subject, object: c.object, data: claimJson(c)[0] })))) {
        const [r] = await tx.run(S.MOVE_CLAIMS, { rows });
        if (Number(r?.n) !== rows.length) throw new InvalidBatchError(`merge of ${drop.id} into ${keep.id} failed: a claim lost an end`);
      }
      await this.setEntity(tx, merged);
      await tx.run(S.RETARGET_REDIRECTS, { drop: drop.id, keep: keep.id });
      await tx.run(S.ENTITY_TO_REDIRECT, { drop: drop.id, keep: keep.id });
      await tx.run(S.RECORD_CHANGES, { rows: [changeRow(record)] });
      return { keep: keep.id, drop: drop.id, movedClaims: claims.length, record };
    }, 'rebuild');
  }

  async recordChanges(input: readonly ChangeRecord[]): Promise<void> {
    const records = input.map((r) => ChangeRecord.parse(r));
    if (!records.length) return;
    await this.write(async (tx) => {
      for (const rows of chunks(records.map(changeRow))) await tx.run(S.RECORD_CHANGES, { rows });
    }, 'unchanged');
  }

  async listChanges(q: { targetId?: string; action?: ChangeRecord['action']; limit?: number }): Promise<ChangeRecord[]> {
    const rows = await this.db.read(S.LIST_CHANGES, { t: q.targetId ?? null, a: q.action ?? null, limit: Math.min(Math.max(q.limit ?? 100, 1), 10_000) });
    return rows.map((r) => parseChange(r.data));
  }

  async stats(): Promise<Stats> {
    const [docs] = await this.db.read(S.COUNT_DOCUMENTS);
    const kinds = await this.db.read(S.ENTITIES_BY_KIND);
    const types = await this.db.read(S.CLAIMS_BY_TYPE);
    const byKey = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]).sort());
    const sum = (rows: Row[]) => rows.reduce((s, r) => s + Number(r.n), 0);
    return {
      documents: Number(docs?.n ?? 0), entities: sum(kinds), claims: sum(types),
      entitiesByKind: byKey(kinds), claimsByType: byKey(types), schemaVersion: this.schemaVersion, store: 'neo4j',
    };
  }

  async *exportAll(): AsyncGenerator<ExportRecord> {
    for await (const r of this.db.stream(S.EXPORT_DOCUMENTS)) yield { type: 'document', data: parseDocument(r.data) };
    for await (const r of this.db.stream(S.EXPORT_ENTITIES)) yield { type: 'entity', data: parseEntity(r.data) };
    for await (const r of this.db.stream(S.EXPORT_REDIRECTS)) yield { type: 'redirect', data: { id: String(r.id), target: String(r.target) } };
    for await (const r of this.db.stream(S.EXPORT_CLAIMS)) yield { type: 'claim', data: parseClaim(r.data, r.review) };
    for await (const r of this.db.stream(S.EXPORT_CHANGES)) yield { type: 'change', data: parseChange(r.data) };
  }

  /** Deletes the whole graph (tests; `migrate --replace`). Schema and version stay. */
  async clear(): Promise<void> {
    await this.db.command(S.CLEAR_CLAIMS);
    await this.db.command(S.CLEAR_GRAPH);
    // A new generation: another process's path index of the cleared graph is stale.
    await this.write(async () => undefined, 'rebuild');
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
