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
import { LineCodes } from '../util/line-codes.ts';

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
async function bulkIntoEmpty(
  store: GraphStore,
  file: string,
  types: LineTypes,
  how: { ordered: boolean; batchSize: number },
  report: ImportReport,
  progress: Progress,
): Promise<boolean> {
  if (!store.bulkLoad) return false;
  const s = await store.stats();
  if (s.documents || s.entities || s.claims) return false;
  const changes: ChangeRecord[] = [];
  /**
   * The records in batches the store can check one after another: in one read when every claim came after
   * its ends and document in the file (what export and the FtM and GLEIF conversions write), else in one
   * read per record type.
   */
  async function* batches(): AsyncGenerator<UpsertBatchInput> {
    const passes = how.ordered ? [['document', 'entity', 'claim'] as const] : ([['document'], ['entity'], ['claim']] as const);
    for (const wanted of passes) {
      let batch = { documents: [] as unknown[], entities: [] as unknown[], claims: [] as unknown[] };
      let size = 0;
      for await (const [n, text] of lines(file)) {
        const t = types.of(n);
        // Change records are gathered in the first read.
        if (t === 'change' && wanted === passes[0]) changes.push(dataOf(text) as ChangeRecord);
        if (t !== 'document' && t !== 'entity' && t !== 'claim') continue;
        if (!(wanted as readonly string[]).includes(t)) continue;
        batch[t === 'document' ? 'documents' : t === 'entity' ? 'entities' : 'claims'].push(dataOf(text));
        if (++size >= how.batchSize) {
          yield batch as UpsertBatchInput;
          progress.tick(size);
          batch = { documents: [], entities: [], claims: [] };
          size = 0;
        }
      }
      if (size) {
        yield batch as UpsertBatchInput;
        progress.tick(size);
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

/** One record as checked (the check pass): the record, or what is wrong with it. */
function parseRecord(json: unknown): { ok: true; rec: ExportRecord } | { ok: false; problem: string } {
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
  private codes = new LineCodes();
  private static readonly TYPES = ['document', 'entity', 'redirect', 'claim', 'change'] as const;
  set(line: number, type: ExportRecord['type']): void {
    this.codes.set(line, LineTypes.TYPES.indexOf(type) + 1);
  }
  clear(line: number): void {
    this.codes.set(line, 0);
  }
  /** The type of a good line; undefined for a bad or blank one. */
  of(line: number): ExportRecord['type'] | undefined {
    const c = this.codes.get(line);
    return c ? LineTypes.TYPES[c - 1] : undefined;
  }
}

const dataOf = (text: string): unknown => (JSON.parse(text) as { data: unknown }).data;

const PLURAL = { document: 'documents', entity: 'entities', redirect: 'redirects', claim: 'claims', change: 'changes' } as const;

/**
 * The check pass: each line against the ExportRecord schema as it is read, then the references of the whole
 * file against the file and the store. A conversion (FtM, GLEIF) feeds it the records it writes, so the
 * file it wrote is not read back to be checked.
 */
export class LineCheck {
  readonly bad = new Map<number, string>();
  readonly types = new LineTypes();
  /** The last line number seen. */
  total = 0;
  /** Whether every claim comes after its ends and its document (the bulk path then reads the file once). */
  ordered = true;
  private readonly kinds = new Map<string, EntityKind>();
  private readonly docs = new Set<string>();
  // What the checks need of each claim, not the claim: its words and evidence would hold the file in memory.
  private readonly claims: Array<{ line: number; c: Pick<Claim, 'id' | 'type' | 'subject' | 'object'> & { evidence: { documentId: string } } }> = [];
  // Merges carried in the file: a claim may name a merged-away id (one that linked the two merged entities).
  readonly redirects = new Map<string, { line: number; target: string }>();

  /** A line of text: JSON, then a record. */
  addText(n: number, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      this.total = n;
      this.bad.set(n, `not JSON (${(err as Error).message})`);
      return;
    }
    this.add(n, json);
  }

  add(n: number, json: unknown): void {
    this.total = n;
    const p = parseRecord(json);
    if (!p.ok) {
      this.bad.set(n, p.problem);
      return;
    }
    this.types.set(n, p.rec.type);
    if (p.rec.type === 'entity') {
      const prev = this.kinds.get(p.rec.data.id);
      if (prev && prev !== p.rec.data.kind) this.bad.set(n, `entity ${p.rec.data.id} is also a ${prev} earlier in the file`);
      else this.kinds.set(p.rec.data.id, p.rec.data.kind);
    } else if (p.rec.type === 'document') this.docs.add(p.rec.data.id);
    else if (p.rec.type === 'claim') {
      const c = p.rec.data;
      if (!this.kinds.has(c.subject) || !this.kinds.has(c.object) || !this.docs.has(c.evidence.documentId)) this.ordered = false;
      this.claims.push({ line: n, c: { id: c.id, type: c.type, subject: c.subject, object: c.object, evidence: { documentId: c.evidence.documentId } } });
    } else if (p.rec.type === 'redirect') this.redirects.set(p.rec.data.id, { line: n, target: p.rec.data.target });
  }

  /** The references: claim ends, documents and redirect targets, each in the file or in the store (null: an empty one). */
  async finish(store: GraphStore | null): Promise<void> {
    const { kinds, docs, claims, redirects, bad } = this;
    const viaRedirect = (id: string) => redirects.get(id)?.target ?? id;
    // References not in the file must be in the store; ask for them in chunks.
    const named = [...claims.flatMap(({ c }) => [viaRedirect(c.subject), viaRedirect(c.object)]), ...[...redirects.values()].map((r) => r.target)];
    const missingEntities = [...new Set(named.filter((id) => !kinds.has(id)))];
    const storeKinds = new Map<string, EntityKind>();
    for (let i = 0; store && i < missingEntities.length; i += 5000) {
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
    for (let i = 0; store && i < missingDocs.length; i += 5000) {
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
    // The write passes skip the bad lines.
    for (const n of bad.keys()) this.types.clear(n);
  }
}

/**
 * Checks the file (unless `checked` holds the check of its records, made as they were written), then writes
 * it: nothing when a line is bad, unless `skipInvalid`.
 */
export async function importLines(
  store: GraphStore,
  file: string,
  opts: { skipInvalid: boolean; batchSize: number },
  checked?: LineCheck,
): Promise<ImportReport> {
  let check = checked;
  if (!check) {
    check = new LineCheck();
    const progress = new Progress({ label: 'import: checking', unit: 'lines' });
    for await (const [n, text] of lines(file)) {
      progress.tick();
      check.addText(n, text);
    }
    progress.done();
  }
  await check.finish(store);
  const { bad, types, total } = check;
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
  if (!check.redirects.size && (await bulkIntoEmpty(store, file, types, { ordered: check.ordered, batchSize: opts.batchSize }, report, progress))) {
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
