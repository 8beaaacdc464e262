// The Neo4j adapter under the core (core/store.ts). Neo4j is the source of truth for every read (other
// clients, Neo4j Browser and other servers write the same graph). Each write is one managed transaction: the
// core's plan reads the batch's references through it, checks them, and its statements run in it, so a batch
// lands whole or not at all. Exposure searches run the store-agnostic search shared with Kùzu over the whole graph's claims
// in memory (the path index: built at the first search, kept in step with this process's writes, rebuilt
// when another writer changed the graph), so both adapters return the same paths, as fast; neighbour pages
// list their edges from it too. Claim queries and the benchmark's other walks fetch what they need with
// Cypher.
import {
  HOP_GRAMMAR,
  claimStart,
  dateKey,
  genericOf,
  knownDate,
  stepsFrom,
  type ChangeRecord,
  type Claim,
  type ClaimFilter,
  type ClaimType,
  type Document,
  type Entity,
  type EntityKind,
  type ExportRecord,
} from '../../domain/index.ts';
import { randomUUID } from 'node:crypto';
import { log } from '../../util/log.ts';
import { Progress } from '../../util/progress.ts';
import { ClaimIndex, claimKeyOf } from '../claim-index.ts';
import { CoreStore } from '../core/store.ts';
import type { GraphQuestion, Persistence, Planned, RecordReader, SearchCandidate } from '../core/persistence.ts';
import { InvalidBatchError, NotFoundError } from '../errors.ts';
import type { ClaimQuery } from '../port.ts';
import { claimJson, foldedNames, parseChange, parseClaim, parseDocument, parseEntity } from '../records.ts';
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
type Mirror = ((index: ClaimIndex) => void) | 'unchanged' | 'rebuild';

/** An entity's node in the path index, as PATH_INDEX_CLAIMS gives it (generic is a Technology's alone). */
const indexEntity = (index: ClaimIndex, e: Pick<Entity, 'id' | 'kind'> & Partial<Entity>) =>
  index.setEntity(e.id, e.kind, e.kind === 'Technology' ? genericOf(e as Entity) === true : undefined);

/** The Neo4j store: the core over this adapter, with what tests and the benchmark read of the adapter. */
export class Neo4jStore extends CoreStore<Neo4jPersistence> {
  declare readonly clear: () => Promise<void>;

  static async open(opts: Neo4jOptions & { walk?: Neo4jWalk }): Promise<Neo4jStore> {
    return new Neo4jStore(await Neo4jPersistence.open(opts));
  }
  /** How many times this store built its path index (logs and tests: a write it followed builds nothing). */
  get pathIndexBuilds(): number {
    return this.persistence.pathIndexBuilds;
  }
}

/** Records by id through one reader (a write's transaction, or read sessions); entities read are kept in `seen`. */
function recordReader(read: Reader, seen = new Map<string, Entity>()): RecordReader {
  const entities = async (ids: readonly string[]) => {
    const out = new Map<string, Entity>();
    if (!ids.length) return out;
    for (const r of await read(S.ENTITY_RECORDS, { ids: [...new Set(ids)] })) {
      const e = parseEntity(r.data);
      out.set(String(r.id), e);
      seen.set(e.id, e);
    }
    return out;
  };
  const claimRows = async (ids: readonly string[]) => (ids.length ? read(S.CLAIM_RECORDS, { ids: [...new Set(ids)] }) : []);
  return {
    async redirects(ids) {
      if (!ids.length) return new Map();
      return new Map((await read(S.RESOLVE_REDIRECTS, { ids: [...new Set(ids)] })).map((r) => [String(r.id), String(r.target)]));
    },
    async kinds(ids) {
      return new Map([...(await entities(ids))].map(([id, e]) => [id, e.kind]));
    },
    entities,
    async claims(ids) {
      return new Map((await claimRows(ids)).map((r) => [String(r.id), parseClaim(r.data, r.review)]));
    },
    async documents(ids) {
      if (!ids.length) return new Map();
      return new Map((await read(S.DOCUMENT_RECORDS, { ids: [...new Set(ids)] })).map((r) => [String(r.id), parseDocument(r.data)]));
    },
    async knownDocuments(ids) {
      return new Set(ids.length ? (await read(S.DOCUMENT_RECORDS, { ids: [...new Set(ids)] })).map((r) => String(r.id)) : []);
    },
    async claimEnds(ids) {
      return new Map((await claimRows(ids)).map((r) => [String(r.id), { subject: String(r.subject), object: String(r.object) }]));
    },
    async claimsAround(entityId) {
      return (await read(S.CLAIMS_AROUND, { ids: [entityId], types: null, cap: WALK_CAP })).map((r) => ({ id: String(r.id), subject: String(r.subject), object: String(r.object) }));
    },
  };
}

/** The persistence adapter over Neo4j (core/persistence.ts). */
export class Neo4jPersistence implements Persistence {
  readonly name = 'neo4j';
  readonly read: RecordReader;

  private constructor(
    readonly db: Neo4jConnection,
    readonly schemaVersion: number,
    readonly walk: Neo4jWalk,
  ) {
    this.read = recordReader((st, p) => this.db.read(st, p));
  }

  static async open(opts: Neo4jOptions & { walk?: Neo4jWalk }): Promise<Neo4jPersistence> {
    const db = await Neo4jConnection.connect(opts);
    try {
      return new Neo4jPersistence(db, await ensureNeo4jSchema(db), opts.walk ?? 'index');
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
  }

  /** The path index and the generation of the graph it holds; null until the first search, or when stale. */
  private paths: { index: ClaimIndex; generation: string | null } | null = null;
  pathIndexBuilds = 0;
  private building: Promise<{ index: ClaimIndex; generation: string | null }> | null = null;

  /**
   * A write transaction that replaces the graph's generation last. When the generation it replaced is the one
   * the path index holds, no other writer came between and the write's mirror brings the index up to date;
   * otherwise the index is dropped and the next search rebuilds it.
   */
  private async transact<T>(work: (tx: WriteTx) => Promise<{ result: T; mirror: Mirror }>): Promise<T> {
    let before: string | null = null;
    let next = '';
    const { result, mirror } = await this.db.write(async (tx) => {
      const r = await work(tx);
      next = randomUUID();
      const [row] = await tx.run(S.GENERATION_NEXT, { next });
      before = row?.before === null || row?.before === undefined ? null : String(row.before);
      return r;
    });
    const p = this.paths;
    if (p && p.generation === before && mirror !== 'rebuild') {
      if (mirror !== 'unchanged') mirror(p.index);
      p.generation = next;
    } else this.paths = null;
    return result;
  }

  /** One managed transaction: the plan reads through it, then its write runs in it (a retried transaction plans again). */
  write<T>(plan: (read: RecordReader) => Promise<Planned<T>>): Promise<T> {
    return this.transact(async (tx) => {
      const seen = new Map<string, Entity>();
      const planned = await plan(recordReader((st, p) => tx.run(st, p), seen));
      return { result: planned.result, mirror: await this.persist(tx, planned, seen) };
    });
  }

  /** Runs a planned write's statements; returns what it does to the path index. */
  private async persist(tx: WriteTx, { write: w, changes }: Planned<unknown>, seen: ReadonlyMap<string, Entity>): Promise<Mirror> {
    const recordChanges = async () => {
      for (const rows of chunks(changes.map(changeRow))) await tx.run(S.RECORD_CHANGES, { rows });
    };
    switch (w.op) {
      case 'batch': {
        const { batch } = w;
        for (const rows of chunks(batch.documents.map(documentRow))) await tx.run(S.UPSERT_DOCUMENTS, { rows });
        for (const rows of chunks(batch.entities.map(entityRow))) await tx.run(S.UPSERT_ENTITIES, { rows });
        for (const rows of chunks(batch.redirects)) await tx.run(S.UPSERT_REDIRECTS, { rows });
        // Claims between two merged entities keep their merged-away end (a Redirect node), as a merge leaves them.
        const carried = new Set([...batch.redirects.map((r) => r.id), ...w.storedRedirects.keys()]);
        const onRedirect = (c: Claim) => carried.has(c.subject) || carried.has(c.object);
        // A claim whose ends changed (a split moved it) is re-made between its new ends first, review kept.
        const moved = batch.claims.filter((c) => {
          const ends = w.storedClaims.get(c.id);
          return ends && (ends.subject !== c.subject || ends.object !== c.object);
        });
        for (const rows of chunks(moved.map((c) => ({ id: c.id, subject: c.subject, object: c.object, data: claimJson(c)[0] })))) {
          const [r] = await tx.run(S.MOVE_CLAIMS, { rows });
          if (Number(r?.n) !== rows.length) throw new InvalidBatchError('invalid batch, nothing written: a moved claim lost an end');
        }
        for (const rows of chunks(batch.claims.filter(onRedirect).map(claimRow))) {
          const [r] = await tx.run(S.UPSERT_CLAIMS_ON_REDIRECTS, { rows });
          if (Number(r?.n) !== rows.length) throw new InvalidBatchError('invalid batch, nothing written: a claim between merged entities lost an end');
        }
        const walked = batch.claims.filter((c) => !onRedirect(c));
        for (const rows of chunks(walked.map(claimRow))) {
          const [r] = await tx.run(S.UPSERT_CLAIMS, { rows });
          // An end deleted by another client since the check: refuse the batch (the transaction rolls back).
          if (Number(r?.n) !== rows.length) throw new InvalidBatchError(`invalid batch, nothing written: ${rows.length - Number(r?.n)} claim(s) lost an end while the batch was written`);
        }
        await recordChanges();
        // Redirects carried in a batch turn entities into redirects: more than the index follows.
        if (batch.redirects.length) return 'rebuild';
        // What the path index gains (PATH_INDEX_CLAIMS would read the same): the claims between entities, each
        // existing one with the review it kept.
        const ends = new Map<string, Entity>([...seen, ...batch.entities.map((e) => [e.id, e] as const)]);
        return (index) => {
          for (const d of batch.documents) index.setDocument(d.id, knownDate(d));
          for (const e of batch.entities) if (index.entityIndex(e.id) !== undefined) indexEntity(index, e);
          for (const c of walked) {
            for (const id of [c.subject, c.object]) if (index.entityIndex(id) === undefined) indexEntity(index, ends.get(id)!);
            const i = index.claimIndex(c.id);
            index.setClaim({ ...claimKeyOf(c), ...(i !== undefined ? { status: index.statusOf(i) } : {}) });
          }
        };
      }
      case 'review': {
        const c = w.claim;
        await tx.run(S.SET_CLAIM_REVIEW, { id: c.id, status: c.review.status, review: JSON.stringify(c.review) });
        await recordChanges();
        return (index) => index.setStatus(c.id, c.review.status);
      }
      case 'entity': {
        const e = w.entity;
        await setEntity(tx, e);
        await recordChanges();
        return (index) => {
          if (index.entityIndex(e.id) !== undefined) indexEntity(index, e);
        };
      }
      case 'merge': {
        const { keep, drop } = w;
        for (const rows of chunks(w.moved.map((c) => ({ id: c.id, subject: c.subject, object: c.object, data: claimJson(c)[0] })))) {
          const [r] = await tx.run(S.MOVE_CLAIMS, { rows });
          if (Number(r?.n) !== rows.length) throw new InvalidBatchError(`merge of ${drop.id} into ${keep.id} failed: a claim lost an end`);
        }
        await setEntity(tx, w.merged);
        await tx.run(S.RETARGET_REDIRECTS, { drop: drop.id, keep: keep.id });
        await tx.run(S.ENTITY_TO_REDIRECT, { drop: drop.id, keep: keep.id });
        await recordChanges();
        return 'rebuild';
      }
      case 'changes':
        await recordChanges();
        return 'unchanged';
    }
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
        fill(index, rows);
        progress.tick(rows.length);
        rows = [];
      }
    }
    fill(index, rows);
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

  /** The path index; or, for the benchmark's other walks, the claims the question can reach fetched with Cypher. */
  async graph(question: GraphQuestion): Promise<ClaimIndex> {
    if (this.walk === 'index' || question.verb === 'placeParts') return this.pathIndex();
    const index = new ClaimIndex();
    if (question.verb === 'neighbours') {
      fill(index, await this.db.read(S.CLAIMS_AROUND, { ids: [question.id], types: null, cap: WALK_CAP }));
      if (question.filter?.asOf) await this.dateDocuments(index);
      return index;
    }
    if (question.verb === 'exposedTo') {
      // The claims within maxHops of the abuse (the grammar's types and suspensions, one round trip per level;
      // every hop and suspension of a path of ≤ maxHops hops touches an entity nearer than maxHops).
      const q = question.query;
      const types = [...new Set([...HOP_GRAMMAR.map((st) => st.type), 'SUSPENDED'])];
      let frontier = [q.abuse];
      const seen = new Set(frontier);
      for (let depth = 0; depth < q.maxHops && frontier.length && index.claimCount < WALK_CAP; depth++) {
        const next = new Set<string>();
        for (const ids of chunks(frontier)) {
          for (const e of fill(index, await this.db.read(S.CLAIMS_AROUND, { ids, types, cap: WALK_CAP - index.claimCount }))) {
            if (!seen.has(e)) (seen.add(e), next.add(e));
          }
        }
        frontier = [...next];
      }
      if (q.asOf) await this.dateDocuments(index);
      return index;
    }
    const q = question;
    const start = (await this.read.entities([q.from])).get(q.from);
    if (!start) return index;
    const wanted = q.filter.types;
    const types = [...new Set([...HOP_GRAMMAR.filter((st) => !wanted || wanted.includes(st.type)).map((st) => st.type), 'SUSPENDED'])];
    index.setEntity(q.from, start.kind, genericOf(start));
    // The filter and asOf in the query too: a claim outside them is never fetched (types: the grammar's).
    const conditions = { ...claimConditions({ ...q.filter, ...(q.asOf ? { to: minDate(q.filter.to, q.asOf) } : {}) }), types: null, d: null };
    if (this.walk === 'paths') {
      const hopTypes = types.filter((t) => t !== 'SUSPENDED');
      const statement = S.EXPOSURE_PATHS_UPTO[q.maxHops - 1]!;
      fill(index, await this.db.read(statement, { start: q.from, target: q.to ?? null, toKinds: q.toKinds, hopTypes, cap: WALK_CAP, ...conditions }));
    } else {
      // Breadth-first, one round trip per hop: the last hop's far ends need no expansion, only their kinds.
      let frontier = [q.from];
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
        for (const e of fill(index, rows)) {
          if (seen.has(e)) continue;
          seen.add(e);
          if (stepsFrom(index.kindOfId(e)!, wanted).length) next.add(e);
        }
        frontier = [...next];
      }
    }
    if (q.asOf) await this.dateDocuments(index);
    return index;
  }

  /** Gives the index its claims' documents' dates, which asOf reads (ClaimIndex.setDocument). */
  private async dateDocuments(index: ClaimIndex): Promise<void> {
    const ids = index.undatedDocuments();
    for (const d of (await this.read.documents(ids)).values()) index.setDocument(d.id, knownDate(d));
  }

  async documentsByUrl(url: string) {
    return (await this.db.read(S.DOCUMENTS_BY_URL, { url })).map((r) => parseDocument(r.data));
  }

  async entitiesContaining(needle: string) {
    return (await this.db.read(S.ENTITIES_WITH_EXTERNAL_ID, { needle })).map((r) => ({ id: String(r.id), data: String(r.data) }));
  }

  async locationsContaining(needle: string, cap: number) {
    return (await this.db.read(S.LOCATIONS_IN_COUNTRY, { needle, cap })).map((r) => String(r.id));
  }

  async partsOf(wholes: readonly string[], cap: number): Promise<Array<[string, string]>> {
    return (await this.db.read(S.PLACE_PARTS_OF, { wholes: [...wholes], cap })).map((r) => [String(r.part), String(r.whole)]);
  }

  async searchCandidates(q: string, kinds: readonly EntityKind[] | null, pool: number): Promise<SearchCandidate[]> {
    const found: SearchCandidate[] = [];
    // Lucene query syntax: every term quoted, so a user's "AND", "*" or ":" is text, not an operator.
    const lucene = q.split(/\s+/).filter(Boolean).map((t) => `"${t.replace(/["\\]/g, '')}"`).filter((t) => t !== '""').join(' ');
    if (lucene) for (const r of await this.db.read(S.SEARCH_FULLTEXT, { q: lucene, kinds, pool })) found.push({ id: String(r.id), data: r.data, fts: Number(r.score) });
    for (const r of await this.db.read(S.SEARCH_CONTAINS, { q, kinds, pool })) found.push({ id: String(r.id), data: r.data, fts: 0 });
    return found;
  }

  async claimPage(q: ClaimQuery): Promise<{ total: number; items: Claim[] }> {
    const params = { ...claimConditions(q), d: q.documentId ?? null };
    const page = { after: q.after ?? null, limit: q.limit ?? 100 };
    const e = q.entityId ? { e: q.entityId } : null;
    const [count] = await this.db.read(e ? S.COUNT_CLAIMS_OF_ENTITY : S.COUNT_CLAIMS, { ...params, ...e });
    const rows = await this.db.read(e ? S.PAGE_CLAIMS_OF_ENTITY : S.PAGE_CLAIMS, { ...params, ...e, ...page });
    return { total: Number(count?.n ?? 0), items: rows.map((r) => parseClaim(r.data, r.review)) };
  }

  async claimsOfEntities(entityIds: readonly string[], filter: ClaimFilter, limit: number): Promise<Map<string, Claim[]>> {
    const by = new Map<string, Claim[]>();
    for (const r of await this.db.read(S.CLAIMS_OF_ENTITIES, { ...claimConditions(filter), d: null, es: [...entityIds], limit })) {
      const list = by.get(String(r.entity)) ?? [];
      list.push(parseClaim(r.data, r.review));
      by.set(String(r.entity), list);
    }
    return by;
  }

  async documentsOf(entityId: string, limit: number) {
    return (await this.db.read(S.DOCUMENTS_OF, { e: entityId, limit })).map((r) => parseDocument(r.data));
  }

  async changes(q: { targetId?: string; action?: ChangeRecord['action']; limit: number }): Promise<ChangeRecord[]> {
    const rows = await this.db.read(S.LIST_CHANGES, { t: q.targetId ?? null, a: q.action ?? null, limit: q.limit });
    return rows.map((r) => parseChange(r.data));
  }

  async counts() {
    const [docs] = await this.db.read(S.COUNT_DOCUMENTS);
    const byKey = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
    return { documents: Number(docs?.n ?? 0), entitiesByKind: byKey(await this.db.read(S.ENTITIES_BY_KIND)), claimsByType: byKey(await this.db.read(S.CLAIMS_BY_TYPE)) };
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
    await this.transact(async () => ({ result: undefined, mirror: 'rebuild' }));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

async function setEntity(tx: WriteTx, e: Entity): Promise<void> {
  const [r] = await tx.run(S.SET_ENTITY, { id: e.id, name: e.name, names: foldedNames(e), data: JSON.stringify(e), generic: genericOf(e) ?? null });
  if (Number(r?.n) !== 1) throw new NotFoundError('entity', e.id);
}

/** Adds claim rows of CLAIMS_AROUND to an index (ends with their kinds); returns the ends seen. */
function fill(index: ClaimIndex, rows: Row[]): string[] {
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
