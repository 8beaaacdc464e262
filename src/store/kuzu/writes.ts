// Writes to Kùzu, as the core decided them (core/store.ts): each batch written as CSV files in the staging
// folder and loaded with LOAD FROM … MERGE inside one transaction (all or nothing), then mirrored into the
// ClaimIndex and the record log after commit; edits, merges and change records likewise. The first import's
// bulk load by COPY, a capability of this adapter, validates its batches itself.
// Values reach Kùzu only through those files or statement parameters, never through query text.
import { createWriteStream, existsSync, renameSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { genericOf, knownDate, type ChangeRecord, type Claim, type Entity } from '../../domain/index.ts';
import { ClaimIndex, claimKeyOf } from '../claim-index.ts';
import { RecordCache } from './record-cache.ts';
import { RecordFile } from './record-file.ts';
import { readSnapshot, recordsFileOf, restampSnapshot, snapshotFileOf, writeSnapshot } from './snapshot.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { collectGarbage } from '../../util/gc.ts';
import { InvalidBatchError } from '../errors.ts';
import type { UpsertBatch, UpsertBatchInput, UpsertResult } from '../port.ts';
import { validateBatch } from '../validate.ts';
import type { BatchWrite, Write } from '../core/persistence.ts';
import { log } from '../../util/log.ts';
import { KuzuConnection, LOADING_SUFFIX, mapKuzuError, removeDatabaseFiles } from './connection.ts';
import { ensureFreeSpace } from './disk.ts';
import { StagingValueError, tsvRow } from './csv.ts';
import { dropSearchIndex, ensureSchema, ensureSearchIndex } from './schema.ts';
import { CLAIM_UPDATE, CREATE_SEARCH_INDEX, DROP_SEARCH_INDEX, ENTITY_DELETE, ENTITY_UPDATE, REDIRECTS_RETARGET, REDIRECT_SET, copyFrom, mergeFrom } from './statements.ts';
import {
  CHANGE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, ENTITY_COLUMNS, changeRow, claimJson, claimRow, documentRow, entityRow, foldedNames,
} from './rows.ts';
import type { KuzuContext } from './store.ts';

const REDIRECT_COLUMNS = ['id', 'target'] as const;

/**
 * A batch's rows in a staging file for a MERGE, one row per id (the last given wins, as in memory): Kùzu
 * 0.11.3, merging a file that names an id twice, stored that id twice and lost another row of the file.
 */
function stage(ctx: KuzuContext, name: string, cols: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  const file = join(ctx.stagingDir, `${name}-${process.pid}-${Date.now()}.csv`);
  const last = new Map<unknown, number>();
  rows.forEach((r, i) => last.set(r[0], i));
  const unique = last.size === rows.length ? rows : rows.filter((r, i) => last.get(r[0]) === i);
  try {
    writeFileSync(file, cols.join('\t') + '\n' + unique.map((r) => tsvRow(r)).join(''));
  } catch (err) {
    rmSync(file, { force: true });
    if (err instanceof StagingValueError) throw new InvalidBatchError(`invalid batch, nothing written: ${err.message}`);
    throw mapKuzuError(err, ctx.stagingDir);
  }
  return file;
}

/**
 * Persists a batch the core checked (core/store.ts) in one transaction, then mirrors it into memory. The
 * entities come folded into their stored versions already.
 */
export async function persistBatch(ctx: KuzuContext, w: BatchWrite): Promise<void> {
  const { batch, result } = w;
  const entities = batch.entities;
  // What is already stored exactly as it would be written is left alone: re-running an import or a seed
  // (the idempotent path) then costs a comparison per record instead of a MERGE, and appends nothing to
  // the record file. Texts are compared as written, so a difference of key order only means a rewrite.
  const documents = batch.documents.filter((d) => ctx.records.documentJson(d.id) !== JSON.stringify(d));
  const changedEntities = entities.filter((e) => ctx.records.entityJson(e.id) !== JSON.stringify(e));
  const claimJsons = batch.claims.map(claimJson);
  const changed = batch.claims.map((c, n) => ctx.records.claimJson(c.id) !== claimJsons[n]![0]);
  const claims = batch.claims.filter((_, n) => changed[n]);
  const jsons = claimJsons.filter((_, n) => changed[n]);
  if (!documents.length && !changedEntities.length && !claims.length && !batch.redirects.length && !batch.changes.length) return;

  const files: string[] = [];
  try {
    const docFile = documents.length ? stage(ctx, 'docs', DOCUMENT_COLUMNS, documents.map(documentRow)) : null;
    const entFile = changedEntities.length ? stage(ctx, 'entities', ENTITY_COLUMNS, changedEntities.map(entityRow)) : null;
    const claimFile = claims.length ? stage(ctx, 'claims', CLAIM_COLUMNS, claims.map((c, i) => claimRow(c, jsons[i]))) : null;
    const redirectFile = batch.redirects.length ? stage(ctx, 'redirects', REDIRECT_COLUMNS, batch.redirects.map((r) => [r.id, r.target])) : null;
    files.push(...[docFile, entFile, claimFile, redirectFile].filter((f): f is string => !!f));
    // Kùzu aborts the process on ENOSPC mid-transaction: refuse first if the batch might not fit.
    ensureFreeSpace(ctx.dataDir, 4 * files.reduce((n, f) => n + statSync(f).size, 0));
    // Kùzu keeps the FTS index up to date row by row, which made entity upserts 5–6× slower (7 k/s against
    // 40 k/s, measured here); building it afresh costs about 11 µs per stored entity. So a batch that adds
    // more than a tenth of the stored entities drops the index and builds it again after the write (an
    // interrupted rebuild is redone at the next writable open; search meanwhile falls back to CONTAINS).
    const added = result.entities.created;
    const rebuild = added >= 1000 && added > ctx.index.entityCount / 10;
    const write = () => ctx.db.transaction(async () => {
      if (docFile) await ctx.db.query(mergeFrom('Document', DOCUMENT_COLUMNS, docFile));
      if (entFile) await ctx.db.query(mergeFrom('Entity', ENTITY_COLUMNS, entFile));
      if (redirectFile) await ctx.db.query(mergeFrom('Redirect', REDIRECT_COLUMNS, redirectFile));
      // An existing claim keeps its review.
      if (claimFile) await ctx.db.query(mergeFrom('Claim', CLAIM_COLUMNS, claimFile, ['status', 'review']));
      await writeChanges(ctx, batch.changes);
    });
    if (!rebuild) await write();
    else {
      // A process killed while Kùzu drops or builds the index left a catalog it could not read back
      // (reproduced here): the whole sequence runs under the database's unsafe mark (connection.ts).
      await ctx.db.unsafe('rebuilding the search index', async () => {
        await dropSearchIndex(ctx.db);
        try {
          await write();
        } finally {
          await ensureSearchIndex(ctx.db);
        }
      });
    }
  } finally {
    for (const f of files) rmSync(f, { force: true });
  }
  // Committed: mirror into memory.
  for (const d of documents) {
    ctx.index.setDocument(d.id, knownDate(d));
    ctx.records.setDocument(d.id, JSON.stringify(d));
  }
  for (const e of changedEntities) {
    ctx.index.setEntity(e.id, e.kind, genericOf(e));
    ctx.records.setEntity(e.id, JSON.stringify(e));
  }
  for (const r of batch.redirects) {
    ctx.redirects.set(r.id, r.target);
    ctx.records.noteRedirect(r.id, r.target);
  }
  claims.forEach((c, n) => {
    const i = ctx.index.claimIndex(c.id);
    // A claim between two merged entities keeps its merged-away end; the index walks it from the kept one.
    const key = { ...claimKeyOf(c), subject: ctx.redirects.get(c.subject) ?? c.subject, object: ctx.redirects.get(c.object) ?? c.object };
    if (i !== undefined) key.status = ctx.index.statusOf(i);
    ctx.index.setClaim(key);
    // An existing claim keeps its review: only a new one brings its own.
    ctx.records.setClaim(c.id, jsons[n]![0], i === undefined ? jsons[n]![1] : null);
  });
  for (const r of batch.changes) ctx.records.noteChange(r.id, JSON.stringify(r));
  ctx.records.committed();
}

/**
 * Initial load by COPY into empty tables: the fastest path Kùzu has (KUZU-NOTES: 0.5–1 M rows/s). Each
 * input batch is still validated (zod, references, kinds) before it is staged; nothing is copied unless
 * every batch passed.
 */
export async function bulkLoad(
  ctx: KuzuContext,
  batches: Iterable<UpsertBatchInput> | AsyncIterable<UpsertBatchInput>,
  onProgress?: (claims: number) => void,
): Promise<UpsertResult> {
  if (ctx.index.entityCount || ctx.index.claimCount || ctx.records.documentCount) {
    throw new InvalidBatchError('bulkLoad needs an empty store; use upsert to add to one that holds data');
  }
  const files = {
    Document: join(ctx.stagingDir, 'bulk-docs.csv'),
    Entity: join(ctx.stagingDir, 'bulk-entities.csv'),
    Claim: join(ctx.stagingDir, 'bulk-claims.csv'),
  };
  const streams: Record<keyof typeof files, WriteStream> = {
    Document: createWriteStream(files.Document),
    Entity: createWriteStream(files.Entity),
    Claim: createWriteStream(files.Claim),
  };
  const write = async (s: WriteStream, text: string) => {
    if (!s.write(text)) await once(s, 'drain');
  };
  // The store is empty, so the index and record cache fill as rows are staged (holding the rows apart until
  // the COPY would double the memory) and are reset to empty if anything fails. Validation sees the
  // loaded-so-far data through them, so later batches may cite earlier ones (sets of its own held 5 M claim
  // ids a second time).
  // Staged records go to the loading database's own record file, renamed into place with it: the log
  // (record-file.ts) must hold committed records only, and a killed load commits nothing.
  const main = ctx.db.path;
  const side = `${main}${LOADING_SUFFIX}`;
  removeDatabaseFiles(side);
  ctx.records.file.close();
  ctx.index = ClaimIndex.forBulkLoad();
  ctx.records = new RecordCache(ctx.index, RecordFile.create(recordsFileOf(side)));
  const parked = join(ctx.stagingDir, 'bulk-graph.index');
  let ok = false;
  const result: UpsertResult = { documents: { created: 0, existing: 0 }, entities: { created: 0, updated: 0 }, claims: { created: 0, existing: 0 } };
  try {
    for await (const input of batches) {
      const b: UpsertBatch = validateBatch(input, { kindOf: (id) => ctx.index.kindOfId(id), hasDocument: (id) => ctx.records.hasDocument(id), resolve: (id) => id });
      // Redirects need the upsert path (their claims are indexed through them); the import falls back to it.
      if (b.redirects.length) throw new InvalidBatchError('bulkLoad: redirects are loaded through upsert');
      if (b.changes.length) throw new InvalidBatchError('bulkLoad: change records are loaded through upsert or recordChanges');
      let text = '';
      for (const d of b.documents) {
        if (ctx.records.hasDocument(d.id)) continue;
        const row = documentRow(d);
        ctx.index.setDocument(d.id, knownDate(d));
        ctx.records.setDocument(d.id, row[1]!);
        text += tsvRow(row);
        result.documents.created++;
      }
      await write(streams.Document, text);
      text = '';
      for (const e of b.entities) {
        if (ctx.index.kindOfId(e.id)) throw new InvalidBatchError(`bulkLoad: entity ${e.id} appears twice`);
        const row = entityRow(e);
        ctx.index.setEntity(e.id, e.kind, genericOf(e));
        ctx.records.setEntity(e.id, row[3]!);
        text += tsvRow(row);
        result.entities.created++;
      }
      await write(streams.Entity, text);
      text = '';
      for (const c of b.claims) {
        if (ctx.index.claimIndex(c.id) !== undefined) continue;
        const json = claimJson(c);
        text += tsvRow(claimRow(c, json));
        ctx.index.setClaim(claimKeyOf(c));
        ctx.records.setClaim(c.id, json[0], json[1]);
        result.claims.created++;
      }
      await write(streams.Claim, text);
      onProgress?.(result.claims.created);
    }
    await Promise.all(Object.values(streams).map((s) => new Promise<void>((res, rej) => s.end((e?: Error | null) => (e ? rej(e) : res())))));
    ensureFreeSpace(ctx.dataDir, 3 * Object.values(files).reduce((n, f) => n + statSync(f).size, 0));
    // The load goes into a database of its own beside the empty one, which it replaces only once complete:
    // a process killed during COPY, the index build or the checkpoint of a first import left a database that
    // never opened again (Kùzu 0.11.3: a missing FTS index, then segfaults). Killed now, it leaves the empty
    // store as it was and a `.loading` file the next open discards.
    const t: Record<string, number> = { staged: performance.now() };
    const staged = Math.round(process.memoryUsage().rss / 2 ** 20);
    await parkGraph(ctx, parked);
    t.parked = performance.now();
    const sideDb = await KuzuConnection.open(side, { bufferPoolMb: ctx.bufferPoolMb, readOnly: false });
    try {
      await ensureSchema(sideDb);
      // COPY refuses a table with an FTS index in some versions; drop it and build it once over the loaded names.
      await sideDb.query(DROP_SEARCH_INDEX);
      await sideDb.transaction(async () => {
        for (const table of ['Document', 'Entity', 'Claim'] as const) {
          await sideDb.query(copyFrom(table, files[table]));
          t[table] = performance.now();
        }
      });
      await sideDb.query(CREATE_SEARCH_INDEX);
      t.fts = performance.now();
    } finally {
      // Closing checkpoints: the loaded database is whole in its one file.
      await sideDb.close();
    }
    t.checkpoint = performance.now();
    const copied = Math.round(process.resourceUsage().maxRSS / 1024);
    unparkGraph(ctx, parked);
    t.unparked = performance.now();
    // The swap: close the empty database, drop its (empty) WAL, rename the loaded file over it (atomic), reopen.
    await ctx.db.close();
    if (existsSync(`${side}.wal`) && statSync(`${side}.wal`).size > 0) throw new Error(`the loaded database left a WAL (${side}.wal): not swapped in`);
    rmSync(`${side}.wal`, { force: true });
    rmSync(`${main}.wal`, { force: true });
    ctx.records.file.sync();
    renameSync(side, main);
    renameSync(recordsFileOf(side), recordsFileOf(main));
    const beforeUnsafe = ctx.db.beforeUnsafe;
    ctx.db = await KuzuConnection.open(main, { bufferPoolMb: ctx.bufferPoolMb, readOnly: false });
    ctx.db.beforeUnsafe = beforeUnsafe;
    await ctx.db.readGeneration();
    // The parked graph is the loaded one: it becomes the store's saved index as it is (a failure costs a rebuild at the next open).
    try {
      restampSnapshot(parked, snapshotFileOf(main), { schemaVersion: SCHEMA_VERSION, generation: ctx.db.generation, recordsId: ctx.records.file.id });
      ctx.savedGeneration = ctx.db.generation;
    } catch (err) {
      log.warn({ err: String((err as Error).message) }, 'could not save the index beside the database: the next open rebuilds it');
    }
    ok = true;
    log.debug({ ms: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v - t.staged!)])), rssMb: { staged, peakToCopied: copied } }, 'bulk load stages');
  } catch (err) {
    throw mapKuzuError(err, ctx.db.path);
  } finally {
    // A staging write still in flight when a batch failed would report the destroyed stream: the files go anyway.
    for (const s of Object.values(streams)) s.on('error', () => undefined).destroy();
    for (const f of [...Object.values(files), parked]) rmSync(f, { force: true });
    if (!ok) {
      // Back to empty: the records staged so far are dropped with their file, and the saved index no longer matches it.
      ctx.index = new ClaimIndex();
      ctx.records.file.close();
      rmSync(recordsFileOf(side), { force: true });
      ctx.records = new RecordCache(ctx.index, RecordFile.create(recordsFileOf(ctx.db.path)));
      ctx.savedGeneration = '';
    }
  }
  log.debug({ claims: result.claims.created }, 'bulk load done');
  return result;
}

/** What a parked graph is saved under: it is read back by the load that wrote it, from its own staging folder. */
const parkedKey = (ctx: KuzuContext) => ({ schemaVersion: SCHEMA_VERSION, generation: 'bulk-load', recordsId: ctx.records.file.id });

/**
 * Kùzu's COPY, index build and checkpoint took about 1.1 GB of their own at 5 M claims, on top of the 1.8 GB
 * the staged graph held in memory (grown by doubling, so partly empty): 2.9 GB at the peak. The graph waits
 * on disk in the saved index's format meanwhile, and comes back cut to length.
 */
async function parkGraph(ctx: KuzuContext, file: string): Promise<void> {
  ctx.records.file.sync();
  writeSnapshot(file, parkedKey(ctx), ctx.records.file.size, ctx.index.columns(), ctx.records.columns());
  ctx.index = new ClaimIndex();
  ctx.records = new RecordCache(ctx.index, ctx.records.file);
  // Nothing runs on this thread while Kùzu copies, so nothing would prompt a collection of what was let go.
  await collectGarbage();
}

function unparkGraph(ctx: KuzuContext, file: string): void {
  const snap = readSnapshot(file, parkedKey(ctx), ctx.records.file.size);
  if (!('index' in snap)) throw new Error(`bulk load: the graph set aside during the copy could not be read back (${snap.unusable})`);
  ctx.index = ClaimIndex.fromColumns(snap.index);
  ctx.records = RecordCache.fromColumns(ctx.index, ctx.records.file, snap.records);
}

async function writeChanges(ctx: KuzuContext, records: readonly ChangeRecord[]): Promise<void> {
  if (!records.length) return;
  const file = stage(ctx, 'changes', CHANGE_COLUMNS, records.map(changeRow));
  try {
    await ctx.db.query(mergeFrom('Change', CHANGE_COLUMNS, file));
  } finally {
    rmSync(file, { force: true });
  }
}

/** Change records alone, in their own transaction. */
export async function persistChanges(ctx: KuzuContext, records: readonly ChangeRecord[]): Promise<void> {
  await ctx.db.transaction(() => writeChanges(ctx, records));
  noteChanges(ctx, records);
}

/** Change records go to the record log after their commit, like every record. */
function noteChanges(ctx: KuzuContext, records: readonly ChangeRecord[]): void {
  for (const r of records) ctx.records.noteChange(r.id, JSON.stringify(r));
  ctx.records.committed();
}

async function writeClaim(ctx: KuzuContext, c: Claim): Promise<void> {
  const { review, ...rest } = c;
  await ctx.db.query(
    CLAIM_UPDATE,
    { id: c.id, s: c.subject, o: c.object, status: review.status, data: JSON.stringify(rest), review: JSON.stringify(review) },
  );
}

async function writeEntity(ctx: KuzuContext, e: Entity): Promise<void> {
  await ctx.db.query(ENTITY_UPDATE, {
    id: e.id, folded: foldedNames(e), data: JSON.stringify(e),
  });
}

/** A claim's new review, with its change records. */
export async function persistReview(ctx: KuzuContext, next: Claim, changes: readonly ChangeRecord[]): Promise<void> {
  await ctx.db.transaction(async () => {
    await writeClaim(ctx, next);
    await writeChanges(ctx, changes);
  });
  ctx.index.setStatus(next.id, next.review.status);
  ctx.records.setReview(next.id, JSON.stringify(next.review));
  noteChanges(ctx, changes);
}

/** An edited entity, with its change records. */
export async function persistEntity(ctx: KuzuContext, next: Entity, changes: readonly ChangeRecord[]): Promise<void> {
  await ctx.db.transaction(async () => {
    await writeEntity(ctx, next);
    await writeChanges(ctx, changes);
  });
  ctx.index.setEntity(next.id, next.kind, genericOf(next));
  ctx.records.setEntity(next.id, JSON.stringify(next));
  noteChanges(ctx, changes);
}

/** A merge the core decided: `drop` becomes a redirect to `keep`, its claims (but those between the two) move. */
export async function persistMerge(ctx: KuzuContext, w: Extract<Write, { op: 'merge' }>, changes: readonly ChangeRecord[]): Promise<void> {
  const { keep, drop, merged, moved: claims } = w;
  await ctx.db.transaction(async () => {
    await writeEntity(ctx, merged);
    for (const c of claims) await writeClaim(ctx, c);
    await ctx.db.query(ENTITY_DELETE, { id: drop.id });
    await ctx.db.query(REDIRECTS_RETARGET, { drop: drop.id, keep: keep.id });
    await ctx.db.query(REDIRECT_SET, { drop: drop.id, keep: keep.id });
    await writeChanges(ctx, changes);
  });
  for (const [from, to] of ctx.redirects) {
    if (to !== drop.id) continue;
    ctx.redirects.set(from, keep.id);
    ctx.records.noteRedirect(from, keep.id);
  }
  ctx.redirects.set(drop.id, keep.id);
  ctx.records.noteRedirect(drop.id, keep.id);
  ctx.index.moveClaims(drop.id, keep.id, new Set(claims.map((c) => c.id)));
  ctx.records.setEntity(keep.id, JSON.stringify(merged));
  ctx.records.deleteEntity(drop.id);
  for (const c of claims) ctx.records.setClaim(c.id, claimJson(c)[0], null);
  noteChanges(ctx, changes);
}
