// A report into the graph: read the file, extract, resolve each extracted entity to a graph entity and
// upsert document, entities and claims as one atomic batch. Resolution: an entity with a Wikidata id or a
// gazetteer name gets its stable id; otherwise an existing entity of the same kind whose name or alias folds
// to the same text (so "Unité 8200" in French lands on "Unit 8200"); otherwise a new id from kind and name.
// Claim ids come from their content, so ingesting the same file twice changes nothing.
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { archiveFile } from '../archive/warc.ts';

const TYPES: Record<string, string> = { '.txt': 'text/plain', '.html': 'text/html', '.htm': 'text/html', '.pdf': 'application/pdf' };
import { KIND_FIELDS, claimId, documentId, sha256Hex, type Claim, type Entity, type EntityInput } from '../domain/index.ts';
import type { ExtractedEntity } from '../domain/extraction.ts';
import { extract, type DocumentMeta } from '../extract/extract.ts';
import { z } from 'zod';
import { IsoDate } from '../domain/entity.ts';
import { InputError, readInput } from '../extract/read-input.ts';
import type { GraphStore, UpsertBatchInput, UpsertResult } from '../store/port.ts';
import { InvalidBatchError } from '../store/errors.ts';
import { resolverFor } from '../resolve/resolver.ts';

export interface IngestOptions extends DocumentMeta {
  maxBytes?: number;
  /** Where to keep the file's bytes as WARC by sha256 (the CLI passes RIGHTSGRAPH_ARCHIVE). */
  archiveDir?: string;
}

async function resolveEntity(store: GraphStore, e: ExtractedEntity): Promise<Entity> {
  const id = await resolverFor(store).resolve(e);
  const fields = Object.fromEntries(Object.entries(e.fields ?? {}).filter(([k]) => (KIND_FIELDS as readonly string[]).includes(k)));
  return { id, kind: e.kind, name: e.name, aliases: e.aliases.slice(0, 100), externalIds: e.wikidataId ? { wikidata: e.wikidataId } : {}, ...fields } as EntityInput as Entity;
}

export type IngestResult = UpsertResult & { documentId: string; extracted: { entities: number; claims: number } };

/** NAME.meta.json beside NAME.txt (the dev corpus' format): title, publisher, publishedAt, url, lang. */
export const SidecarMeta = z
  .object({
    title: z.string().min(1).max(1000).optional(),
    publisher: z.string().min(1).max(300).optional(),
    publishedAt: IsoDate.nullable().optional(),
    url: z.string().url().nullable().optional(),
    lang: z.string().min(2).max(8).optional(),
  })
  .passthrough();

export async function readSidecar(file: string): Promise<z.infer<typeof SidecarMeta> | null> {
  const path = file.replace(/\.[^./]+$/, '') + '.meta.json';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const parsed = SidecarMeta.safeParse(JSON.parse(text));
  if (!parsed.success) throw new InputError(`${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export async function ingestFile(store: GraphStore, file: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const bytes = new Uint8Array(await readFile(file));
  const text = await readInput(file, opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {});
  // Options given on the command line win over the sidecar.
  const meta = await readSidecar(file);
  const fromMeta = {
    ...(meta?.title ? { title: meta.title } : {}),
    ...(meta?.publisher ? { publisher: meta.publisher } : {}),
    ...(meta?.publishedAt ? { publishedAt: meta.publishedAt } : {}),
    ...(meta?.url ? { url: meta.url } : {}),
    ...(meta?.lang ? { language: meta.lang } : {}),
  };
  const { archiveDir, maxBytes: _max, ...rest } = opts;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && !(v === 'auto')));
  const sha256 = sha256Hex(bytes);
  if (archiveDir) await archiveFile(archiveDir, bytes, sha256, pathToFileURL(resolve(file)).href, TYPES[extname(file).toLowerCase()]);
  return ingestText(store, text, { ...fromMeta, ...given, sha256, title: (given.title as string | undefined) ?? fromMeta.title ?? basename(file) });
}

/** What a fetched or read document brings besides its text. */
export interface SourceMeta extends DocumentMeta {
  /** Of the bytes as fetched or read (the archive's address). */
  sha256: string;
  title?: string | undefined;
  authors?: string[] | undefined;
  fetchedAt?: string | undefined;
}

/** A document's text into the graph: extract, resolve, and one atomic upsert. Idempotent by content. */
export async function ingestText(store: GraphStore, text: string, opts: SourceMeta): Promise<IngestResult> {
  const p = await prepare(store, text, opts);
  const r = await store.upsert(p.batch);
  await recordDoubts(store);
  return { ...r, documentId: p.documentId, extracted: p.extracted };
}

/**
 * Many documents in one write transaction (each whole, all or none): the fast path for bulk ingest. If the
 * combined batch is refused, each document is written alone, so one bad document does not block the rest.
 */
export async function ingestTexts(store: GraphStore, items: ReadonlyArray<{ text: string; meta: SourceMeta }>): Promise<{ written: UpsertResult; documents: Array<{ documentId: string; extracted: IngestResult['extracted'] } | { error: string }> }> {
  const prepared = await Promise.all(items.map(async (it) => prepare(store, it.text, it.meta)));
  const all = { documents: prepared.flatMap((p) => p.batch.documents ?? []), entities: prepared.flatMap((p) => p.batch.entities ?? []), claims: prepared.flatMap((p) => p.batch.claims ?? []) };
  try {
    const written = await store.upsert(all);
    await recordDoubts(store);
    return { written, documents: prepared.map((p) => ({ documentId: p.documentId, extracted: p.extracted })) };
  } catch (err) {
    if (!(err instanceof InvalidBatchError)) throw err;
    const written: UpsertResult = { documents: { created: 0, existing: 0 }, entities: { created: 0, updated: 0 }, claims: { created: 0, existing: 0 } };
    const documents: Array<{ documentId: string; extracted: IngestResult['extracted'] } | { error: string }> = [];
    for (const p of prepared) {
      try {
        const r = await store.upsert(p.batch);
        for (const k of ['documents', 'entities', 'claims'] as const) for (const [f, v] of Object.entries(r[k])) (written[k] as Record<string, number>)[f]! += v;
        documents.push({ documentId: p.documentId, extracted: p.extracted });
      } catch (e) {
        if (!(e instanceof InvalidBatchError)) throw e;
        documents.push({ error: e.message });
      }
    }
    await recordDoubts(store);
    return { written, documents };
  }
}

/** Possible duplicates the resolver flagged, recorded once their entities are in the store. */
async function recordDoubts(store: GraphStore): Promise<void> {
  const doubts = resolverFor(store).takeDoubts();
  const written = new Set((await store.getEntities(doubts.map((d) => d.targetIds[0]!))).map((e) => e.id));
  const keep = doubts.filter((d) => written.has(d.targetIds[0]!));
  if (keep.length) await store.recordChanges(keep);
}

async function prepare(store: GraphStore, text: string, opts: SourceMeta) {
  const result = extract(text, opts);
  const sha256 = opts.sha256;
  const docId = documentId({ sha256 });
  const document = {
    id: docId,
    sha256,
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.url ? { url: opts.url } : {}),
    ...(opts.publisher ? { publisher: opts.publisher } : {}),
    ...(opts.publishedAt ? { publishedAt: opts.publishedAt } : {}),
    ...(opts.authors?.length ? { authors: opts.authors.slice(0, 50) } : {}),
    ...(result.document.language && result.document.language !== 'und' ? { language: result.document.language } : {}),
    fetchedAt: opts.fetchedAt ?? new Date().toISOString(),
  };
  const byLocal = new Map<string, Entity>();
  for (const e of result.entities) byLocal.set(e.id, await resolveEntity(store, e));
  const entities = new Map<string, Entity>();
  for (const e of byLocal.values()) {
    const prev = entities.get(e.id);
    entities.set(e.id, prev ? { ...prev, aliases: [...new Set([...prev.aliases, ...e.aliases])] } : e);
  }
  const claims: Claim[] = [];
  for (const c of result.claims) {
    const s = byLocal.get(c.subject)!;
    const o = byLocal.get(c.object)!;
    if (s.id === o.id) continue;
    claims.push({
      id: claimId({ type: c.type, subjectName: s.name, objectName: o.name, documentId: docId, start: c.start, end: c.end, quote: c.quote }),
      type: c.type,
      subject: s.id,
      object: o.id,
      evidence: { documentId: docId, quote: c.quote, start: c.start, end: c.end },
      certainty: c.certainty,
      confidence: c.confidence,
      extractor: c.rule ? `rules:${c.rule}` : 'rules',
      review: { status: 'unreviewed' },
      // The date the quote gives the relation. Without one, a claim is known from its document's date:
      // a suspension then ended by that date at the latest (its `date`); any other relation counts from it
      // (`validFrom`, what asOf reads), but does not claim to have happened then, so a report published
      // after a suspension it describes does not reopen the supply it ended.
      ...(c.date ? { date: c.date } : opts.publishedAt ? (c.type === 'SUSPENDED' ? { date: opts.publishedAt } : { validFrom: opts.publishedAt }) : {}),
    });
  }
  return {
    batch: { documents: [document], entities: [...entities.values()], claims } as UpsertBatchInput,
    documentId: docId,
    extracted: { entities: result.entities.length, claims: result.claims.length },
  };
}
