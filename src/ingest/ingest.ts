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
import { KIND_FIELDS, claimId, documentId, sha256Hex, type ChangeRecord, type Claim, type Document, type Entity, type EntityInput } from '../domain/index.ts';
import { planVersion, retireClaims, type VersionPlan } from './versions.ts';
import type { ExtractedEntity } from '../domain/extraction.ts';
import { extract, type DocumentMeta } from '../extract/extract.ts';
import { z } from 'zod';
import { IsoDate } from '../domain/entity.ts';
import { InputError, readInput } from '../extract/read-input.ts';
import type { GraphStore, UpsertBatchInput, UpsertResult } from '../store/port.ts';
import { Resolver } from '../resolve/resolver.ts';
import { Lane } from '../util/lane.ts';
import { InvalidBatchError } from '../store/errors.ts';

export interface IngestOptions extends DocumentMeta {
  maxBytes?: number;
  /** Where to keep the file's bytes as WARC by sha256 (the CLI passes RIGHTSGRAPH_ARCHIVE). */
  archiveDir?: string;
}

async function resolveEntity(resolver: Resolver, e: ExtractedEntity): Promise<Entity> {
  const id = await resolver.resolve(e);
  const fields = Object.fromEntries(Object.entries(e.fields ?? {}).filter(([k]) => (KIND_FIELDS as readonly string[]).includes(k) || (k === 'generic' && e.kind === 'Technology')));
  return { id, kind: e.kind, name: e.name, aliases: e.aliases.slice(0, 100), externalIds: e.wikidataId ? { wikidata: e.wikidataId } : {}, ...fields } as EntityInput as Entity;
}

export type IngestResult = UpsertResult & { documentId: string; extracted: { entities: number; claims: number }; supersedes?: string };

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
  const text = await readInput(file, opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {});
  const bytes = new Uint8Array(await readFile(file));
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
  /** URLs the document links to from its body (its citations). */
  cites?: string[] | undefined;
}

/** Waiting ingests a store takes before refusing more (BusyError; the API's 503). */
export const INGEST_WAITING = 32;
const lanes = new WeakMap<GraphStore, Lane>();

/**
 * The store's ingest lane: resolution and upsert of one document at a time, in order of arrival. Resolving
 * reads the graph, so two documents resolved at once both miss each other's new entities, and the French
 * and English names of one technology landed apart depending on timing; one at a time, parallel ingests
 * give the graph the same documents give one by one.
 */
export function ingestLane(store: GraphStore): Lane {
  let lane = lanes.get(store);
  if (!lane) lanes.set(store, (lane = new Lane('ingest', INGEST_WAITING)));
  return lane;
}

/** A document's text into the graph: extract, then (in the store's ingest lane) resolve and one atomic upsert. Idempotent by content. */
export async function ingestText(store: GraphStore, text: string, opts: SourceMeta): Promise<IngestResult> {
  const lane = ingestLane(store);
  // Refuse before extracting when the lane is full: no work done for a write that cannot wait.
  if (lane.waiting >= lane.maxWaiting) return lane.run(async () => undefined as never);
  const result = extract(text, opts);
  return lane.run(async () => {
    const resolver = new Resolver(store);
    const p = await prepare(resolver, text, result, await keepFetchedAt(store, opts));
    carryDoubts([p], resolver);
    const plan = await planVersionOf(store, p);
    const r = await store.upsert(p.batch);
    await retireClaims(store, p.document, plan);
    await recordResponses(store, [p.responses]);
    return { ...r, documentId: p.documentId, extracted: p.extracted, ...(plan.supersedes ? { supersedes: plan.supersedes } : {}) };
  });
}

/**
 * Many documents in one write transaction (each whole, all or none): the fast path for bulk ingest. If the
 * combined batch is refused, each document is written alone, so one bad document does not block the rest.
 */
export async function ingestTexts(store: GraphStore, items: ReadonlyArray<{ text: string; meta: SourceMeta }>): Promise<{ written: UpsertResult; documents: Array<{ documentId: string; extracted: IngestResult['extracted'] } | { error: string }> }> {
  const extracted = items.map((it) => ({ text: it.text, result: extract(it.text, it.meta), meta: it.meta }));
  return ingestLane(store).run(async () => {
    const resolver = new Resolver(store);
    const prepared: Prepared[] = [];
    for (const x of extracted) prepared.push(await prepare(resolver, x.text, x.result, await keepFetchedAt(store, x.meta)));
    carryDoubts(prepared, resolver);
    const plans: VersionPlan[] = [];
    for (const p of prepared) plans.push(await planVersionOf(store, p));
    const retire = async (i: number) => retireClaims(store, prepared[i]!.document, plans[i]!);
    const all = { documents: prepared.flatMap((p) => p.batch.documents ?? []), entities: prepared.flatMap((p) => p.batch.entities ?? []), claims: prepared.flatMap((p) => p.batch.claims ?? []), changes: prepared.flatMap((p) => p.batch.changes ?? []) };
    try {
      const written = await store.upsert(all);
      for (let i = 0; i < prepared.length; i++) await retire(i);
      await recordResponses(store, prepared.map((p) => p.responses));
      return { written, documents: prepared.map((p) => ({ documentId: p.documentId, extracted: p.extracted })) };
    } catch (err) {
      if (!(err instanceof InvalidBatchError)) throw err;
      const written: UpsertResult = { documents: { created: 0, existing: 0 }, entities: { created: 0, updated: 0 }, claims: { created: 0, existing: 0 } };
      const documents: Array<{ documentId: string; extracted: IngestResult['extracted'] } | { error: string }> = [];
      for (const [i, p] of prepared.entries()) {
        try {
          const r = await store.upsert(p.batch);
          await retire(i);
          await recordResponses(store, [p.responses]);
          for (const k of ['documents', 'entities', 'claims'] as const) for (const [f, v] of Object.entries(r[k])) (written[k] as Record<string, number>)[f]! += v;
          documents.push({ documentId: p.documentId, extracted: p.extracted });
        } catch (e) {
          if (!(e instanceof InvalidBatchError)) throw e;
          documents.push({ error: e.message });
        }
      }
      return { written, documents };
    }
  });
}

/**
 * The same bytes ingested again keep the document's first fetchedAt, so a re-ingest changes nothing, not
 * even the export (a date the caller gives, as the crawler does, still wins).
 */
async function keepFetchedAt(store: GraphStore, opts: SourceMeta): Promise<SourceMeta> {
  if (opts.fetchedAt) return opts;
  const [known] = await store.getDocuments([documentId({ sha256: opts.sha256 })]);
  return known?.fetchedAt ? { ...opts, fetchedAt: known.fetchedAt } : opts;
}

/** The version the prepared document replaces (set on it, as `supersedes`), with reviews carried to its claims. */
type Prepared = Awaited<ReturnType<typeof prepare>>;

/**
 * The replies found in each report, recorded unless they already are: ingesting the same bytes again changes
 * nothing, not even the audit log. Asked of the change records themselves, not of whether the document was
 * stored before: a process killed between the document's write and this one left a document without its
 * replies, and the re-run must add them. A report's replies are written in one transaction, so its first
 * one tells.
 */
async function recordResponses(store: GraphStore, perDocument: ReadonlyArray<readonly ChangeRecord[]>): Promise<void> {
  const missing: ChangeRecord[] = [];
  for (const responses of perDocument) {
    const first = responses[0];
    if (!first) continue;
    const known = await store.listChanges({ targetId: first.targetIds[0]!, action: 'response', limit: 10_000 });
    if (!known.some((c) => c.id === first.id)) missing.push(...responses);
  }
  if (missing.length) await store.recordChanges(missing);
}

async function planVersionOf(store: GraphStore, p: Prepared): Promise<VersionPlan> {
  const plan = await planVersion(store, p.document, p.claims);
  if (plan.supersedes) p.document.supersedes = plan.supersedes;
  return plan;
}

/**
 * The possible duplicates the resolver flagged go into the batch of each document that names the new entity:
 * written in the entity's own transaction, so no kill leaves it without them (a re-run finds the entity
 * stored and would not flag it again), and a document refused alone takes its flags with it.
 */
function carryDoubts(prepared: readonly Prepared[], resolver: Resolver): void {
  const doubts = resolver.takeDoubts();
  if (!doubts.length) return;
  for (const p of prepared) {
    const named = new Set((p.batch.entities ?? []).map((e) => e.id));
    const mine = doubts.filter((d) => named.has(d.targetIds[0]!));
    if (mine.length) p.batch.changes = mine;
  }
}

async function prepare(resolver: Resolver, text: string, result: ReturnType<typeof extract>, opts: SourceMeta) {
  const sha256 = opts.sha256;
  const docId = documentId({ sha256 });
  const document: Document = {
    id: docId,
    sha256,
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.url ? { url: opts.url } : {}),
    ...(opts.publisher ? { publisher: opts.publisher } : {}),
    ...(opts.publishedAt ? { publishedAt: opts.publishedAt } : {}),
    authors: opts.authors?.slice(0, 50) ?? [],
    ...(opts.cites?.length ? { cites: opts.cites.slice(0, 500) } : {}),
    ...(result.document.language && result.document.language !== 'und' ? { language: result.document.language } : {}),
    fetchedAt: opts.fetchedAt ?? new Date().toISOString(),
  };
  const byLocal = new Map<string, Entity>();
  for (const e of result.entities) byLocal.set(e.id, await resolveEntity(resolver, e));
  const entities = new Map<string, Entity>();
  for (const e of byLocal.values()) {
    const prev = entities.get(e.id);
    entities.set(e.id, prev ? { ...prev, aliases: [...new Set([...prev.aliases, ...e.aliases])] } : e);
  }
  const claims: Claim[] = [];
  for (const c of result.claims) {
    // Evidence of kind quote is the text's own words at its offsets: a rule that broke that is a bug, caught here.
    if (text.slice(c.start, c.end) !== c.quote) throw new Error(`extractor rule ${c.rule ?? '?'} quoted words that are not at ${c.start}..${c.end} of the text`);
    const s = byLocal.get(c.subject)!;
    const o = byLocal.get(c.object)!;
    if (s.id === o.id) continue;
    claims.push({
      id: claimId({ type: c.type, subjectName: s.name, objectName: o.name, documentId: docId, start: c.start, end: c.end, quote: c.quote }),
      type: c.type,
      subject: s.id,
      object: o.id,
      evidence: { documentId: docId, kind: 'quote', quote: c.quote, start: c.start, end: c.end, ...(c.attributedTo ? { attributedTo: c.attributedTo.slice(0, 300) } : {}) },
      certainty: c.certainty,
      confidence: c.confidence,
      extractor: c.rule ? `rules:${c.rule}` : 'rules',
      review: { status: 'unreviewed' },
      // The date the quote gives the relation. Without one, a suspension ended by its document's date at the
      // latest (its `date`); any other relation has no date of its own: asOf still shows it only from its
      // document's publication (ClaimIndex.setDocument), and a path's timing does not take the report's date
      // for the day the relation began.
      ...(c.date ? { date: c.date } : opts.publishedAt && c.type === 'SUSPENDED' ? { date: opts.publishedAt } : {}),
    });
  }
  // Replies and silences the report gives, recorded on its claims about that party once they are written.
  const date = document.publishedAt ?? document.fetchedAt!.slice(0, 10);
  const responses: ChangeRecord[] = result.responses.flatMap((r) => {
    const by = byLocal.get(r.entity)?.id;
    if (!by) return [];
    return claims
      .filter((c) => (c.subject === by || c.object === by) && c.type !== 'DOCUMENTS')
      .map((c) => {
        const after = { claimId: c.id, by, kind: r.kind, ...(r.kind === 'reply' ? { quote: r.quote, documentId: docId } : {}), date };
        return { id: `chg_resp_${sha256Hex(`${c.id}|${r.kind}|${r.start}`).slice(0, 24)}`, at: document.fetchedAt!, by: 'rules:reply', action: 'response' as const, targetIds: [c.id, by], after, note: `found in ${docId}: ${r.quote.slice(0, 300)}` };
      });
  });
  return {
    responses,
    batch: { documents: [document], entities: [...entities.values()], claims } as UpsertBatchInput,
    document,
    claims,
    documentId: docId,
    extracted: { entities: result.entities.length, claims: result.claims.length },
  };
}
