// The graph's records (entities, claims, documents) by id, for reads that return them: their JSON text
// lives in the RecordFile beside the database and memory holds only where each one is (an offset and a
// length per record, in typed arrays indexed like the ClaimIndex). Why not a Kùzu query: fetching 100
// claims by primary key (`UNWIND $ids … MATCH (c:Claim {id: i})`) is planned as a hash join over a full
// scan on Kùzu 0.11.3, 28–90 ms on 100 k claims and growing with the table; one query per id costs 0.75 ms;
// a positioned read costs microseconds. Why not in memory: every record as a string was most of the 5.9 GB
// of RSS at 5 M claims. Kùzu stays the source of truth (every write lands there first, in a transaction);
// records are appended here after each commit. Every record was parsed with its zod schema before it was
// written, so reads only JSON.parse it (zod on the way out doubled exposurePaths' time for nothing).
import type { Claim, Document, Entity } from '../../domain/index.ts';
import type { ClaimIndex } from '../claim-index.ts';
import type { RecordFile } from './record-file.ts';

const DEFAULT_REVIEW = '{"status":"unreviewed"}';

/** Offsets and lengths of records in the file; offset 0 (the file's header) means none. */
class Slots {
  off = new Float64Array(1024);
  len = new Uint32Array(1024);
  set(i: number, [o, l]: [number, number]): void {
    if (i >= this.off.length) {
      const n = Math.max(i + 1, this.off.length * 2);
      const off = new Float64Array(n);
      off.set(this.off);
      const len = new Uint32Array(n);
      len.set(this.len);
      this.off = off;
      this.len = len;
    }
    this.off[i] = o;
    this.len[i] = l;
  }
  clear(i: number): void {
    if (i < this.off.length) this.off[i] = 0;
  }
  has(i: number): boolean {
    return i < this.off.length && this.off[i]! > 0;
  }
}

/** What a snapshot keeps of a RecordCache (the file itself stays where it is). */
export interface RecordColumns {
  entOff: Float64Array; entLen: Uint32Array;
  claimOff: Float64Array; claimLen: Uint32Array;
  revOff: Float64Array; revLen: Uint32Array;
  docIds: string[]; docUrls: string[];
  docOff: Float64Array; docLen: Uint32Array;
}

export class RecordCache {
  private entities = new Slots();
  private claims = new Slots();
  /** Review JSON per claim; none for the common unreviewed default. */
  private reviews = new Slots();
  private docs = new Slots();
  private readonly docSlot = new Map<string, number>();
  private readonly docUrls: string[] = [];
  /** Document ids by URL: the versions of one document. */
  private readonly byUrl = new Map<string, string[]>();

  constructor(private readonly index: ClaimIndex, readonly file: RecordFile) {}

  /** Entity JSON for an id the index already holds. */
  setEntity(id: string, json: string): void {
    this.entities.set(this.index.entityIndex(id)!, this.file.append('E', id, json));
  }
  /** Claim JSON without its review, and its review JSON (null: keep the one stored), for a claim the index holds. */
  setClaim(id: string, json: string, reviewJson: string | null): void {
    const i = this.index.claimIndex(id)!;
    this.claims.set(i, this.file.append('C', id, json));
    if (reviewJson !== null) this.putReview(id, i, reviewJson);
  }
  setReview(id: string, reviewJson: string): void {
    const i = this.index.claimIndex(id);
    if (i !== undefined) this.putReview(id, i, reviewJson);
  }
  private putReview(id: string, i: number, json: string): void {
    if (json !== DEFAULT_REVIEW) this.reviews.set(i, this.file.append('R', id, json));
    else if (this.reviews.has(i)) {
      // Back to the default: the log says so, or a recovery would bring the earlier review back.
      this.file.append('R', id, json);
      this.reviews.clear(i);
    }
  }
  setDocument(id: string, json: string): void {
    let slot = this.docSlot.get(id);
    if (slot === undefined) {
      slot = this.docSlot.size;
      this.docSlot.set(id, slot);
      const url = (JSON.parse(json) as Document).url ?? '';
      this.docUrls.push(url);
      if (url) this.byUrl.set(url, [...(this.byUrl.get(url) ?? []), id].sort());
    }
    this.docs.set(slot, this.file.append('D', id, json));
  }
  documentIdsByUrl(url: string): readonly string[] {
    return this.byUrl.get(url) ?? [];
  }
  deleteEntity(id: string): void {
    const i = this.index.entityIndex(id);
    if (i !== undefined) this.entities.clear(i);
    this.file.append('Z', id, 'null');
  }
  /** Lines for the log alone (no read goes through the file for them): redirects and change records. */
  noteRedirect(id: string, target: string): void {
    this.file.append('X', id, JSON.stringify(target));
  }
  noteChange(id: string, json: string): void {
    this.file.append('K', id, json);
  }
  /** Puts what the last commit appended into the file (a write call; `file.sync()` also asks the disk). */
  committed(): void {
    this.file.flush();
  }

  private text(s: Slots, i: number | undefined): string | undefined {
    return i === undefined || !s.has(i) ? undefined : this.file.read(s.off[i]!, s.len[i]!);
  }
  /** The stored JSON text of a record, as written: an upsert compares it with what it would write. */
  entityJson(id: string): string | undefined {
    return this.text(this.entities, this.index.entityIndex(id));
  }
  claimJson(id: string): string | undefined {
    return this.text(this.claims, this.index.claimIndex(id));
  }
  documentJson(id: string): string | undefined {
    return this.text(this.docs, this.docSlot.get(id));
  }
  entity(id: string): Entity | undefined {
    const json = this.entityJson(id);
    return json === undefined ? undefined : (JSON.parse(json) as Entity);
  }
  claim(id: string): Claim | undefined {
    const i = this.index.claimIndex(id);
    const json = this.text(this.claims, i);
    if (json === undefined) return undefined;
    const claim = JSON.parse(json) as Claim;
    claim.review = JSON.parse(this.text(this.reviews, i) ?? DEFAULT_REVIEW) as Claim['review'];
    return claim;
  }
  document(id: string): Document | undefined {
    const json = this.text(this.docs, this.docSlot.get(id));
    return json === undefined ? undefined : (JSON.parse(json) as Document);
  }
  hasDocument(id: string): boolean {
    return this.docSlot.has(id);
  }
  get documentCount(): number {
    return this.docSlot.size;
  }

  columns(): RecordColumns {
    const e = this.index.entityCount;
    const c = this.index.claimCount;
    const d = this.docSlot.size;
    const cut = <T extends Float64Array | Uint32Array>(a: T, n: number, make: (n: number) => T): T => {
      const out = make(n);
      out.set(a.subarray(0, Math.min(n, a.length)) as never);
      return out;
    };
    const f = (n: number) => new Float64Array(n);
    const u = (n: number) => new Uint32Array(n);
    return {
      entOff: cut(this.entities.off, e, f), entLen: cut(this.entities.len, e, u),
      claimOff: cut(this.claims.off, c, f), claimLen: cut(this.claims.len, c, u),
      revOff: cut(this.reviews.off, c, f), revLen: cut(this.reviews.len, c, u),
      docIds: [...this.docSlot.keys()], docUrls: this.docUrls,
      docOff: cut(this.docs.off, d, f), docLen: cut(this.docs.len, d, u),
    };
  }

  static fromColumns(index: ClaimIndex, file: RecordFile, c: RecordColumns): RecordCache {
    const r = new RecordCache(index, file);
    const slots = (off: Float64Array, len: Uint32Array) => Object.assign(new Slots(), { off, len });
    r.entities = slots(c.entOff, c.entLen);
    r.claims = slots(c.claimOff, c.claimLen);
    r.reviews = slots(c.revOff, c.revLen);
    r.docs = slots(c.docOff, c.docLen);
    c.docIds.forEach((id, slot) => {
      r.docSlot.set(id, slot);
      const url = c.docUrls[slot] ?? '';
      r.docUrls.push(url);
      if (url) {
        const list = r.byUrl.get(url);
        if (list) list.push(id);
        else r.byUrl.set(url, [id]);
      }
    });
    for (const list of r.byUrl.values()) list.sort();
    return r;
  }
}
