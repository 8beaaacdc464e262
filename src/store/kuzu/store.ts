// The Kùzu adapter: opens (or creates) the database in the data folder and repairs what a dead process left,
// loads the in-memory ClaimIndex (from the saved copy, else from the database), funnels every write through
// one queue (Kùzu refuses a second concurrent write transaction) and hands each persistence verb to its
// module (writes, reads, search, export). The verbs' rules are the core's (core/store.ts).
import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { knownDate, type ChangeRecord, type ClaimFilter, type Document, type EntityKind, type ExportRecord } from '../../domain/index.ts';
import { NotAStoreError, ReadOnlyStoreError, StoreError, StoreLockedError, StoreUnavailableError } from '../errors.ts';
import type { ClaimQuery, GraphStore, UpsertBatchInput, UpsertResult } from '../port.ts';
import { CoreStore } from '../core/store.ts';
import type { Persistence, Planned, RecordReader } from '../core/persistence.ts';
import { ClaimIndex } from '../claim-index.ts';
import { RecordCache } from './record-cache.ts';
import { RecordFile } from './record-file.ts';
import { readSnapshot, recordsFileOf, snapshotFileOf, writeSnapshot } from './snapshot.ts';
import { log } from '../../util/log.ts';
import { Progress } from '../../util/progress.ts';
import { Lane } from '../../util/lane.ts';
import { KuzuConnection, LOADING_SUFFIX, mapKuzuError, readUnsafeMark, removeDatabaseFiles, walBytes, writeUnsafeMark } from './connection.ts';
import { hasRecordLog, recoverFromRecordLog, type Recovery } from './recover.ts';
import { readTsv } from './csv.ts';
import { REDIRECTS_ALL, copyTo, type Dump } from './statements.ts';
import { SCHEMA_VERSION, ensureSchema } from './schema.ts';
import { ensureFreeSpace } from './disk.ts';
import * as writes from './writes.ts';
import * as reads from './reads.ts';
import { searchCandidates } from './search.ts';
import { exportAll } from './export.ts';

export const DB_FILE = 'graph.kuzu';

/** What the modules share: the connection, the index kept in step with writes, redirects and document ids. */
export interface KuzuContext {
  db: KuzuConnection;
  index: ClaimIndex;
  redirects: Map<string, string>;
  records: RecordCache;
  stagingDir: string;
  /** The data folder, for free-space checks. */
  dataDir: string;
  /** Kùzu's buffer pool, for a database opened beside this one (the first bulk import's). */
  bufferPoolMb: number;
  schemaVersion: number;
  /** The generation the saved index on disk matches ('' when none does): close saves it again only if changed. */
  savedGeneration: string;
}

const recordsPath = (ctx: KuzuContext) => recordsFileOf(ctx.db.path);
const snapshotPath = (ctx: KuzuContext) => snapshotFileOf(ctx.db.path);

export interface KuzuOpenOptions {
  dataDir: string;
  bufferPoolMb: number;
  readOnly?: boolean;
}

/** The Kùzu store: the core over this adapter, with what tests and `recover` read of the adapter. */
export class KuzuStore extends CoreStore<KuzuPersistence> {
  declare readonly bulkLoad: NonNullable<GraphStore['bulkLoad']>;
  get ctx(): KuzuContext {
    return this.persistence.ctx;
  }
  /** Where the open took the in-memory graph from: the saved index, or a rebuild from Kùzu (and why). */
  get indexSource(): IndexSource | null {
    return this.persistence.source;
  }

  static async open(opts: KuzuOpenOptions): Promise<KuzuStore> {
    const dir = opts.dataDir;
    const file = join(dir, DB_FILE);
    try {
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new NotAStoreError(`${dir} is a file, not a rightsgraph data folder`);
      if (!existsSync(file)) {
        // A folder with other things in it and no database is someone else's folder: do not write into it.
        // (The archive of fetched pages lives there by default and may come first.)
        if (existsSync(dir) && readdirSync(dir).some((f) => !f.startsWith('.') && f !== 'archive' && !f.startsWith(DB_FILE))) {
          throw new NotAStoreError(`${dir} is not a rightsgraph data folder (it holds other files and no ${DB_FILE})`);
        }
        if (opts.readOnly) throw new NotAStoreError(`${dir} holds no rightsgraph database: run \`rightsgraph init\` first`);
        try {
          mkdirSync(dir, { recursive: true });
        } catch (err) {
          throw new ReadOnlyStoreError(`cannot create the data folder ${dir} (${(err as { code?: string }).code ?? (err as Error).message}): check that its parent exists and can be written`, { cause: err });
        }
      }
      if (!opts.readOnly) ensureFreeSpace(dir, 0);
    } catch (err) {
      throw mapKuzuError(err, dir);
    }
    // A first import killed before its database was swapped in: the store is as it was before it.
    if (!opts.readOnly && existsSync(`${file}${LOADING_SUFFIX}`)) {
      removeDatabaseFiles(`${file}${LOADING_SUFFIX}`);
      log.warn({ path: dir }, 'discarded an interrupted first import (nothing of it had been committed): run the import again');
    }
    // A new store is made under a side name and renamed into place once its schema is written: a process
    // killed while Kùzu creates the file leaves nothing the next open would take for a store.
    if (!opts.readOnly && !existsSync(file)) {
      const creating = `${file}.creating`;
      removeDatabaseFiles(creating);
      const fresh = await KuzuConnection.open(creating, { bufferPoolMb: Math.min(opts.bufferPoolMb, 128), readOnly: false });
      try {
        await ensureSchema(fresh);
      } finally {
        await fresh.close();
      }
      rmSync(`${creating}.wal`, { force: true });
      renameSync(creating, file);
    }
    const db = await openDatabase(file, opts);
    try {
      const schemaVersion = db.schemaVersion;
      await db.readGeneration();
      const stagingRoot = opts.readOnly ? tmpdir() : join(dir, '.staging');
      mkdirSync(stagingRoot, { recursive: true });
      // Holding the database for writing, this process is the only one using the folder: what is there was
      // left by a writer killed mid-way (a bulk load's staged rows and parked graph: gigabytes at 5 M claims).
      if (!opts.readOnly) for (const left of readdirSync(stagingRoot)) rmSync(join(stagingRoot, left), { recursive: true, force: true });
      const stagingDir = await mkdtemp(join(stagingRoot, 'rg-'));
      const index = new ClaimIndex();
      const ctx: KuzuContext = {
        db, index, redirects: new Map(), records: new RecordCache(index, RecordFile.unopened(recordsFileOf(file))), stagingDir, dataDir: dir,
        bufferPoolMb: opts.bufferPoolMb, schemaVersion, savedGeneration: '',
      };
      for (const r of await db.read(REDIRECTS_ALL)) {
        ctx.redirects.set(String(r.id), String(r.target));
      }
      db.beforeUnsafe = () => ctx.records.file.sync();
      return new KuzuStore(new KuzuPersistence(ctx));
    } catch (err) {
      await db.close().catch(() => undefined);
      throw mapKuzuError(err, dir);
    }
  }

}

type IndexSource = { from: 'snapshot' } | { from: 'database'; why: string };

/** The persistence adapter over Kùzu (core/persistence.ts). */
export class KuzuPersistence implements Persistence {
  readonly name = 'kuzu';
  /** One writer (the engine's rule); a full wait list answers BusyError instead of growing without bound. */
  private readonly queue = new Lane('the embedded store', 256);
  readonly read: RecordReader;
  source: IndexSource | null = null;
  private loading: Promise<void> | null = null;

  constructor(readonly ctx: KuzuContext) {
    this.read = reads.recordReader(ctx, () => this.ready());
  }

  get schemaVersion(): number {
    return this.ctx.schemaVersion;
  }

  /**
   * Loads the in-memory index and record cache on first need. `stats`, `export`, search and change lists
   * read Kùzu alone, so a CLI command on a 5 M-claim store does not wait two minutes for a graph it never walks.
   */
  private ready(): Promise<void> {
    this.loading ??= loadIndex(this.ctx).then((source) => {
      this.source = source;
    }).catch((err: unknown) => {
      this.loading = null;
      throw mapKuzuError(err, this.ctx.dataDir);
    });
    return this.loading;
  }

  /** One writer at a time: the plan reads the store as this write alone sees it, then its write lands. */
  write<T>(plan: (read: RecordReader) => Promise<Planned<T>>): Promise<T> {
    return this.queue.run(async () => {
      ensureFreeSpace(this.ctx.dataDir, 0);
      await this.ready();
      const { write, changes, result } = await plan(this.read);
      if (write.op === 'batch') await writes.persistBatch(this.ctx, write);
      else if (write.op === 'review') await writes.persistReview(this.ctx, write.claim, changes);
      else if (write.op === 'entity') await writes.persistEntity(this.ctx, write.entity, changes);
      else if (write.op === 'merge') await writes.persistMerge(this.ctx, write, changes);
      else await writes.persistChanges(this.ctx, changes);
      await this.ctx.db.checkpointIfLarge();
      return result;
    });
  }

  /** Forces the index and record cache to load now (a server at start; the benchmark's reopen figure). */
  async warm(): Promise<void> {
    await this.ready();
  }

  /** Initial load into an empty store by COPY (KUZU-NOTES: COPY is for empty tables): the port's optional capability. */
  bulkLoad(batches: Iterable<UpsertBatchInput> | AsyncIterable<UpsertBatchInput>, onProgress?: (claims: number) => void): Promise<UpsertResult> {
    return this.queue.run(async () => {
      ensureFreeSpace(this.ctx.dataDir, 0);
      await this.ready();
      const result = await writes.bulkLoad(this.ctx, batches, onProgress);
      await this.ctx.db.checkpointIfLarge();
      return result;
    });
  }

  /** The in-memory index is the whole graph, kept in step with every write. */
  async graph(): Promise<ClaimIndex> {
    await this.ready();
    return this.ctx.index;
  }
  async documentsByUrl(url: string): Promise<Document[]> {
    await this.ready();
    return this.ctx.records.documentIdsByUrl(url).map((id) => this.ctx.records.document(id)).filter((d): d is Document => !!d);
  }
  entitiesContaining(needle: string) {
    return reads.entitiesContaining(this.ctx, needle);
  }
  locationsContaining(needle: string, cap: number) {
    return reads.locationsContaining(this.ctx, needle, cap);
  }
  async partsOf(wholes: readonly string[], cap: number) {
    await this.ready();
    return reads.partsOf(this.ctx, wholes, cap);
  }
  searchCandidates(q: string, kinds: readonly EntityKind[] | null, pool: number) {
    return searchCandidates(this.ctx, q, kinds, pool);
  }
  claimPage(query: ClaimQuery) {
    return reads.claimPage(this.ctx, query);
  }
  async claimsOfEntities(entityIds: readonly string[], filter: ClaimFilter, limit: number) {
    await this.ready();
    return reads.claimsOfEntities(this.ctx, entityIds, filter, limit);
  }
  async documentsOf(entityId: string, limit: number) {
    await this.ready();
    return reads.documentsOf(this.ctx, entityId, limit);
  }
  changes(query: { targetId?: string; action?: ChangeRecord['action']; limit: number }) {
    return reads.changes(this.ctx, query);
  }
  counts() {
    return reads.counts(this.ctx);
  }
  exportAll(): AsyncIterable<ExportRecord> {
    return exportAll(this.ctx);
  }

  async close(): Promise<void> {
    await this.queue.onIdle();
    const loaded = await (this.loading?.then(() => true, () => false) ?? false);
    await this.ctx.db.close();
    // Saved after the checkpoint: a process killed before this point leaves a saved index of an older
    // generation, which the next open sees and rebuilds.
    if (loaded && !this.ctx.db.readOnly && this.ctx.db.generation !== this.ctx.savedGeneration) saveSnapshot(this.ctx);
    this.ctx.records.file.close();
    rmSync(this.ctx.stagingDir, { recursive: true, force: true });
    // Let the in-memory graph go now, even if a caller still holds this object (gigabytes at 5 M claims).
    this.ctx.index = new ClaimIndex();
    this.ctx.records = new RecordCache(this.ctx.index, RecordFile.unopened(recordsPath(this.ctx)));
  }
}

/**
 * Opens the database file, after what a dead process left: its unsafe mark (killed while Kùzu rewrote the
 * file: rebuilt from the record log), or a WAL (killed between checkpoints: Kùzu replays it, under the mark,
 * and a replay that fails is rebuilt from the log too).
 */
async function openDatabase(file: string, opts: KuzuOpenOptions): Promise<KuzuConnection & { schemaVersion: number }> {
  const readOnly = !!opts.readOnly;
  const mark = readUnsafeMark(file);
  const held = markHolder(file, mark);
  if (mark && held && !readOnly) throw markedBusy(opts.dataDir, mark);
  if (mark && !held) {
    const cause = `a process was killed during ${mark.what}`;
    // A read-only open (`stats`, `export`) repairs too: the user's first command after a crash just works.
    try {
      await recoverFromRecordLog(file, cause, opts.bufferPoolMb);
    } catch (err) {
      const mapped = mapKuzuError(err, opts.dataDir);
      if (mapped instanceof ReadOnlyStoreError) {
        throw new StoreUnavailableError(`${opts.dataDir}: ${cause}, and the store must be rebuilt from its record log, which needs write access to the folder: ${mapped.message}`);
      }
      throw mapped;
    }
  }
  // A WAL left beside the database means the last writer did not close it (killed, crashed).
  const replay = !readOnly && walBytes(file) > 0;
  if (replay) writeUnsafeMark(file, 'the replay of a write-ahead log');
  let db: KuzuConnection | null = null;
  try {
    db = await KuzuConnection.open(file, { bufferPoolMb: opts.bufferPoolMb, readOnly });
    const schemaVersion = await ensureSchema(db, { recovered: replay });
    if (replay) await db.checkpoint();
    return Object.assign(db, { schemaVersion });
  } catch (err) {
    await db?.close().catch(() => undefined);
    const mapped = mapKuzuError(err, opts.dataDir);
    if (replay && !(mapped instanceof StoreError)) {
      // A replay that Kùzu itself failed (a lock, a foreign file or a newer schema stay what they are).
      await recoverFromRecordLog(file, `Kùzu could not replay the write-ahead log (${(err as Error).message})`, opts.bufferPoolMb);
      const again = await KuzuConnection.open(file, { bufferPoolMb: opts.bufferPoolMb, readOnly });
      return Object.assign(again, { schemaVersion: await ensureSchema(again) });
    }
    // A database file Kùzu cannot read, beside a record log of ours: damaged, not foreign. Rebuilding is
    // the user's call (`recover`), since what damaged it is unknown.
    if ((mapped instanceof NotAStoreError || !(mapped instanceof StoreError)) && hasRecordLog(file)) {
      throw new StoreUnavailableError(
        `${opts.dataDir}: Kùzu cannot read the database file (${(mapped as Error).message}), but the store's record log is beside it: ` +
          `\`RIGHTSGRAPH_DATA=${opts.dataDir} rightsgraph recover\` rebuilds the database from it (the damaged file is kept)`,
        { cause: err },
      );
    }
    throw mapped;
  }
}

/** The unsafe mark of a live process: it is writing. */
function markedBusy(dataDir: string, mark: { pid: number; what: string }): StoreLockedError {
  return new StoreLockedError(`the database at ${dataDir} is being written by process ${mark.pid} (${mark.what}): wait for it, or stop it`);
}

/**
 * Whether the process that left a mark still writes: alive, and (where /proc tells) holding the database
 * file open. A pid reused by another program after a reboot is alive but holds nothing.
 */
function markHolder(file: string, mark: { pid: number; alive: boolean } | null): boolean {
  if (!mark?.alive) return false;
  const holders = processesHolding(resolve(file));
  return holders === null || holders.includes(mark.pid);
}

/**
 * `rightsgraph recover`: rebuilds the database from its record log whatever state the file is in, without
 * asking Kùzu to open it (a damaged file may crash the process). Refused while another process has it open.
 */
export async function recoverStore(opts: KuzuOpenOptions): Promise<Recovery> {
  const file = join(opts.dataDir, DB_FILE);
  if (!existsSync(file) && !hasRecordLog(file)) throw new NotAStoreError(`${opts.dataDir} holds no rightsgraph database to recover`);
  const mark = readUnsafeMark(file);
  if (markHolder(file, mark)) throw markedBusy(opts.dataDir, mark!);
  const holders = processesHolding(resolve(file)) ?? [];
  if (holders.length) {
    throw new StoreLockedError(`the database at ${opts.dataDir} is open in process ${holders.join(', ')} (is \`rightsgraph serve\` running?): stop it first`);
  }
  const out = await recoverFromRecordLog(file, '`rightsgraph recover` was asked to', opts.bufferPoolMb);
  // The saved index pointed into the old database: drop it now rather than at the next open.
  rmSync(snapshotFileOf(file), { force: true });
  return out;
}

/**
 * Processes other than this one with `file` open, from /proc; null where there is no /proc (not Linux).
 * Kùzu's own lock cannot be tested from JavaScript without opening the database, which recover avoids.
 */
function processesHolding(file: string): number[] | null {
  const out: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
        } catch {
          return false;
        }
      })) out.push(Number(pid));
    } catch {
      // another user's process, or gone
    }
  }
  return out;
}

/** Saves the in-memory graph beside the database for the next open; a failure (disk full) costs only a rebuild then. */
export function saveSnapshot(ctx: KuzuContext): void {
  if (ctx.db.readOnly || !ctx.db.generation) return;
  const t0 = Date.now();
  try {
    ctx.records.file.sync();
    writeSnapshot(snapshotPath(ctx), { schemaVersion: SCHEMA_VERSION, generation: ctx.db.generation, recordsId: ctx.records.file.id }, ctx.records.file.size, ctx.index.columns(), ctx.records.columns());
    ctx.savedGeneration = ctx.db.generation;
    log.debug({ ms: Date.now() - t0, claims: ctx.index.claimCount }, 'kuzu index saved');
  } catch (err) {
    log.warn({ err: String((err as Error).message) }, 'could not save the index beside the database: the next open rebuilds it');
  }
}

/**
 * The in-memory graph: from the saved index when it matches the database, else rebuilt from Kùzu (entity
 * kinds, claim key fields and every record's JSON into a new record file) and saved for the next open.
 */
async function loadIndex(ctx: KuzuContext): Promise<{ from: 'snapshot' } | { from: 'database'; why: string }> {
  const t0 = Date.now();
  const readOnly = ctx.db.readOnly;
  // A store written before generations existed gets one, so what is saved now can be checked next time.
  if (!readOnly && !ctx.db.generation) await ctx.db.transaction(async () => undefined);
  const existing = RecordFile.open(recordsPath(ctx), readOnly);
  let why = 'no record file';
  if (existing) {
    const snap = readSnapshot(snapshotPath(ctx), { schemaVersion: SCHEMA_VERSION, generation: ctx.db.generation, recordsId: existing.id }, existing.size);
    if ('index' in snap) {
      try {
        ctx.index = ClaimIndex.fromColumns(snap.index);
        ctx.records = RecordCache.fromColumns(ctx.index, existing, snap.records);
        ctx.savedGeneration = ctx.db.generation;
        log.debug({ entities: ctx.index.entityCount, claims: ctx.index.claimCount, ms: Date.now() - t0 }, 'kuzu index read from the saved copy');
        return { from: 'snapshot' };
      } catch (err) {
        why = `the saved index does not hold together (${(err as Error).message})`;
      }
    } else {
      why = snap.unusable;
    }
    existing.close();
  }
  if (ctx.index.claimCount || ctx.index.entityCount) ctx.index = new ClaimIndex();
  // Read-only: the rebuilt records go to a scratch file, and nothing beside the database is touched.
  const building = readOnly ? join(ctx.stagingDir, 'records') : `${recordsPath(ctx)}.building`;
  const file = RecordFile.create(building);
  ctx.records = new RecordCache(ctx.index, file);
  await rebuildFromDatabase(ctx);
  if (!readOnly) {
    file.sync();
    renameSync(building, recordsPath(ctx));
    saveSnapshot(ctx);
  }
  if (ctx.index.claimCount || ctx.index.entityCount) log.info({ why, ms: Date.now() - t0 }, 'rebuilt the in-memory graph from the database');
  return { from: 'database', why };
}

/**
 * Reads entity kinds, claim key fields and every record's JSON from Kùzu. Large tables go out through COPY
 * TO a CSV and are read back line by line: a row-by-row getAll() costs a threadpool round trip per row.
 */
async function rebuildFromDatabase(ctx: KuzuContext): Promise<void> {
  const t0 = Date.now();  // A large store takes minutes to read back: a progress line (count, rate) says so while it does. No
  // total: counting the tables first, for an ETA, raised peak RSS (2,301 → 2,415 MB at 1 M claims in
  // bench:store; 6.3 → 7.0 GB at 5 M).
  const progress = new Progress({ label: 'opening the store: reading the graph', unit: 'records' });
  const dump = async function* (name: Dump) {
    const file = join(ctx.stagingDir, `${name}.csv`);
    await ctx.db.read(copyTo(name, file));
    try {
      yield* readTsv(file);
    } finally {
      rmSync(file, { force: true });
    }
  };
  for await (const [id, data] of dump('documentIndex')) {
    ctx.index.setDocument(id!, knownDate(JSON.parse(data!) as Document));
    ctx.records.setDocument(id!, data!);
    progress.tick();
  }
  for await (const [id, kind, data] of dump('entityIndex')) {
    // Only technologies can be classes: the few of them are parsed, the rest are not.
    ctx.index.setEntity(id!, kind as never, kind === 'Technology' ? (JSON.parse(data!) as { generic?: boolean }).generic === true : undefined);
    ctx.records.setEntity(id!, data!);
    progress.tick();
  }
  for await (const r of dump('claimIndex')) {
    const [id, type, subject, object, certainty, confidence, status, start, date, documentId, data, review] = r as string[];
    // A claim left on a merged-away entity (one that linked the two merged entities) walks from the kept one.
    const s = ctx.redirects.get(subject!) ?? subject!;
    const o = ctx.redirects.get(object!) ?? object!;
    ctx.index.setClaim({
      id: id!, type: type as never, subject: s, object: o, certainty: certainty as never, confidence: Number(confidence),
      status: status as never, start: start || undefined, date: date || undefined, documentId: documentId || undefined,
    });
    ctx.records.setClaim(id!, data!, review!);
    progress.tick();
  }
  // Redirects and change records are read from Kùzu when needed; they go into the file for the log alone.
  for (const [id, target] of ctx.redirects) ctx.records.noteRedirect(id, target);
  if (!ctx.db.readOnly) {
    for await (const [data] of dump('exportChanges')) {
      ctx.records.noteChange((JSON.parse(data!) as ChangeRecord).id, data!);
      progress.tick();
    }
  }
  progress.done();
  log.debug({ entities: ctx.index.entityCount, claims: ctx.index.claimCount, ms: Date.now() - t0 }, 'kuzu index loaded');
}
