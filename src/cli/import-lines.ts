// Imports JSON lines of ExportRecords into a store. Pass 1 checks every line (JSON, the ExportRecord schema,
// claim ends and documents present in the file or the store, kinds fitting the ontology) and lists the bad
// ones by line number; unless told to skip them, any bad line refuses the whole import before anything is
// written. Pass 2 upserts documents, then entities, then claims, then changes, in batches (idempotent), so
// a file need not be ordered; into an empty store it uses the adapter's bulk path instead, when there is one.
import { ExportRecord, claimSignatureAllows, type ChangeRecord, type Claim, type EntityKind } from '../domain/index.ts';
import { InvalidBatchError } from '../store/errors.ts';
import type { GraphStore, UpsertBatchInput, UpsertResult } from '../store/port.ts';
import { Progress } from '../util/progress.ts';
import { textLines } from '../util/text-input.ts';

export interface BadLine {
  line: number;
  problem: string;
}

export interface ImportReport {
  lines: number;
  bad: BadLine[];
  imported: { documents: number; entities: number; redirects: number; claims: number; changes: number };
  refused: boolean;
}

/**
 * Into an empty store, records go through the adapter's bulk path when it has one (COPY in one transaction:
 * all or nothing, with the same validation as upsert). Returns false to fall back to batched upserts — also
 * when the file names an entity twice, which bulk loading refuses and upserts fold together.
 */
async function bulkIntoEmpty(store: GraphStore, file: string, types: LineTypes, report: ImportReport, progress: Progress): Promise<boolean> {
  if (!store.bulkLoad) return false;
  const s = await store.stats();
  if (s.documents || s.entities || s.claims) return false;
  const changes: ChangeRecord[] = [];
  async function* batches(): AsyncGenerator<UpsertBatchInput> {
    for (const type of ['document', 'entity', 'claim'] as const) {
      let data: unknown[] = [];
      for await (const [n, text] of lines(file)) {
        const t = types.of(n);
        // Change records are gathered in the first read (of documents).
        if (t === 'change' && type === 'document') changes.push(dataOf(text) as ChangeRecord);
        if (t !== type) continue;
        data.push(dataOf(text));
        if (data.length >= 50_000) {
          yield type === 'document' ? { documents: data as never } : type === 'entity' ? { entities: data as never } : { claims: data as never };
          progress.tick(data.length);
          data = [];
        }
      }
      if (data.length) {
        yield type === 'document' ? { documents: data as never } : type === 'entity' ? { entities: data as never } : { claims: data as never };
        progress.tick(data.length);
      }
    }
  }
  let result: UpsertResult;
  try {
    result = await store.bulkLoad(batches());
  } catch (err) {
    if (err instanceof InvalidBatchError && /appears twice/.test(err.message)) return false;
    throw err;
  }
  if (changes.length) await store.recordChanges(changes);
  progress.tick(changes.length);
  report.imported = { documents: result.documents.created, entities: result.entities.created, redirects: 0, claims: result.claims.created, changes: changes.length };
  return true;
}

/** The file's non-blank lines with their numbers (gzip read as such, as for FtM and GLEIF files). */
async function* lines(file: string): AsyncGenerator<[number, string]> {
  for await (const [n, l] of textLines(file)) if (l.trim()) yield [n, l];
}

/** One line as a checked record (the check pass). */
function parseLine(text: string): { ok: true; rec: ExportRecord } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `not JSON (${(err as Error).message})` };
  }
  const r = ExportRecord.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, problem: `${i.path.join('.') || 'record'}: ${i.message}` };
  }
  return { ok: true, rec: r.data };
}

/**
 * The write passes read the file once per record type. The check pass notes each good line's type (a byte a
 * line), so they skip other lines unparsed and parse theirs with JSON.parse alone: the check pass has
 * checked each line against its schema, and the store checks each batch again (upsert, bulkLoad and
 * recordChanges parse with the same zod schemas). Parsing and checking every line once per pass cost more
 * than the writes.
 */
class LineTypes {
  private codes = new Uint8Array(1 << 16);
  private static readonly TYPES = ['document', 'entity', 'redirect', 'claim', 'change'] as const;
  set(line: number, type: ExportRecord['type']): void {
    if (line >= this.codes.length) {
      const next = new Uint8Array(Math.max(line + 1, this.codes.length * 2));
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[line] = LineTypes.TYPES.indexOf(type) + 1;
  }
  clear(line: number): void {
    if (line < this.codes.length) this.codes[line] = 0;
  }
  /** The type of a good line; undefined for a bad or blank one. */
  of(line: number): ExportRecord['type'] | undefined {
    const c = line < this.codes.length ? this.codes[line]! : 0;
    return c ? LineTypes.TYPES[c - 1] : undefined;
  }
}

const dataOf = (text: string): unknown => (JSON.parse(text) as { data: unknown }).data;

const PLURAL = { document: 'documents', entity: 'entities', redirect: 'redirects', claim: 'claims', change: 'changes' } as const;

export async function importLines(
  store: GraphStore,
  file: string,
  opts: { skipInvalid: boolean; batchSize: number },
): Promise<ImportReport> {
  const bad = new Map<number, string>();
  const kinds = new Map<string, EntityKind>();
  const docs = new Set<string>();
  // What the checks need of each claim, not the claim: its words and evidence would hold the file in memory.
  const claims: Array<{ line: number; c: Pick<Claim, 'id' | 'type' | 'subject' | 'object'> & { evidence: { documentId: string } } }> = [];
  // Merges carried in the file: a claim may name a merged-away id (one that linked the two merged entities).
  const redirects = new Map<string, { line: number; target: string }>();
  let total = 0;
  const types = new LineTypes();
  const check = new Progress({ label: 'import: checking', unit: 'lines' });
  for await (const [n, text] of lines(file)) {
    total = n;
    check.tick();
    const p = parseLine(text);
    if (!p.ok) {
      bad.set(n, p.problem);
      continue;
    }
    types.set(n, p.rec.type);
    if (p.rec.type === 'entity') {
      const prev = kinds.get(p.rec.data.id);
      if (prev && prev !== p.rec.data.kind) bad.set(n, `entity ${p.rec.data.id} is also a ${prev} earlier in the file`);
      else kinds.set(p.rec.data.id, p.rec.data.kind);
    } else if (p.rec.type === 'document') docs.add(p.rec.data.id);
    else if (p.rec.type === 'claim') {
      const c = p.rec.data;
      claims.push({ line: n, c: { id: c.id, type: c.type, subject: c.subject, object: c.object, evidence: { documentId: c.evidence.documentId } } });
    }
    else if (p.rec.type === 'redirect') redirects.set(p.rec.data.id, { line: n, target: p.rec.data.target });
  }
  check.done();
  const viaRedirect = (id: string) => redirects.get(id)?.target ?? id;
  // References not in the file must be in the store; ask for them in chunks.
  const named = [...claims.flatMap(({ c }) => [viaRedirect(c.subject), viaRedirect(c.object)]), ...[...redirects.values()].map((r) => r.target)];
  const missingEntities = [...new Set(named.filter((id) => !kinds.has(id)))];
  const storeKinds = new Map<string, EntityKind>();
  for (let i = 0; i < missingEntities.length; i += 5000) {
    const chunk = missingEntities.slice(i, i + 5000);
    const found = await store.getEntities(chunk);
    // getEntities answers a merged-away id with its kept entity, in the order asked (unknown ids skipped).
    const byId = new Map(found.map((e) => [e.id, e.kind]));
    for (const id of chunk) {
      const k = byId.get(id) ?? (await store.getEntities([id]))[0]?.kind;
      if (k) storeKinds.set(id, k);
    }
  }
  const missingDocs = [...new Set(claims.map(({ c }) => c.evidence.documentId).filter((d) => !docs.has(d)))];
  const storeDocs = new Set<string>();
  for (let i = 0; i < missingDocs.length; i += 5000) {
    for (const d of await store.getDocuments(missingDocs.slice(i, i + 5000))) storeDocs.add(d.id);
  }
  for (const [id, r] of redirects) {
    if (!kinds.has(r.target) && !storeKinds.has(r.target)) bad.set(r.line, `redirect ${id}: unknown target ${r.target}`);
  }
  for (const { line, c } of claims) {
    const sk = kinds.get(viaRedirect(c.subject)) ?? storeKinds.get(viaRedirect(c.subject));
    const ok = kinds.get(viaRedirect(c.object)) ?? storeKinds.get(viaRedirect(c.object));
    if (!sk) bad.set(line, `claim ${c.id}: unknown subject ${c.subject}`);
    else if (!ok) bad.set(line, `claim ${c.id}: unknown object ${c.object}`);
    else if (!claimSignatureAllows(c.type, sk, ok)) bad.set(line, `claim ${c.id}: ${sk} ${c.type} ${ok} does not fit the ontology`);
    else if (!docs.has(c.evidence.documentId) && !storeDocs.has(c.evidence.documentId)) {
      bad.set(line, `claim ${c.id}: unknown document ${c.evidence.documentId}`);
    }
  }
  const report: ImportReport = {
    lines: total,
    bad: [...bad].sort((a, b) => a[0] - b[0]).map(([line, problem]) => ({ line, problem })),
    imported: { documents: 0, entities: 0, redirects: 0, claims: 0, changes: 0 },
    refused: false,
  };
  if (bad.size && !opts.skipInvalid) {
    report.refused = true;
    return report;
  }

  const progress = new Progress({ label: 'import', total: total - bad.size, unit: 'records' });
  // The bulk path loads into an empty store without redirects (their claims need the upsert path).
  for (const n of bad.keys()) types.clear(n);
  if (!redirects.size && (await bulkIntoEmpty(store, file, types, report, progress))) {
    progress.done();
    return report;
  }
  for (const type of ['document', 'entity', 'redirect', 'claim', 'change'] as const) {
    let batch: unknown[] = [];
    const flush = async () => {
      if (!batch.length) return;
      if (type === 'change') await store.recordChanges(batch as ChangeRecord[]);
      else await store.upsert({ [PLURAL[type]]: batch });
      report.imported[PLURAL[type]] += batch.length;
      progress.tick(batch.length);
      batch = [];
    };
    for await (const [n, text] of lines(file)) {
      if (types.of(n) !== type) continue;
      batch.push(dataOf(text));
      if (batch.length >= opts.batchSize) await flush();
    }
    await flush();
  }
  progress.done();
  return report;
}
