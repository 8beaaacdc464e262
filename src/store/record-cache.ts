// The graph's records (entities, claims, documents) as their JSON text, held in memory next to the
// ClaimIndex so reads by id cost a lookup, not a query. Measured on Kùzu 0.11.3: fetching 100 claims by
// primary key (`UNWIND $ids … MATCH (c:Claim {id: i})`) is planned as a hash join over a full scan, 28–90 ms
// on 100 k claims and growing with the table; one query per id costs 0.75 ms. The store's tables stay the
// source of truth (every write lands there first, in a transaction); this cache is refilled at open and
// updated after each commit. Every record was parsed with its zod schema before it was written, so reads
// only JSON.parse it (zod on the way out doubled exposurePaths' time for nothing).
import type { Claim, Document, Entity } from '../domain/index.ts';
import type { ClaimIndex } from './claim-index.ts';

const DEFAULT_REVIEW = '{"status":"unreviewed"}';

export class RecordCache {
  private readonly entityData: string[] = [];
  private readonly claimData: string[] = [];
  /** Review JSON per claim; undefined for the common unreviewed default, to save memory. */
  private readonly claimReview: (string | undefined)[] = [];
  private readonly documents = new Map<string, string>();
  /** Document ids by URL: the versions of one document. */
  private readonly byUrl = new Map<string, string[]>();

  constructor(private readonly index: ClaimIndex) {}

  /** Entity JSON for an id the index already holds. */
  setEntity(id: string, json: string): void {
    this.entityData[this.index.entityIndex(id)!] = json;
  }
  /** Claim JSON without its review, and its review JSON, for a claim the index already holds. */
  setClaim(id: string, json: string, reviewJson: string | null): void {
    const i = this.index.claimIndex(id)!;
    this.claimData[i] = json;
    if (reviewJson !== null) this.claimReview[i] = reviewJson === DEFAULT_REVIEW ? undefined : reviewJson;
  }
  setReview(id: string, reviewJson: string): void {
    const i = this.index.claimIndex(id);
    if (i !== undefined) this.claimReview[i] = reviewJson === DEFAULT_REVIEW ? undefined : reviewJson;
  }
  setDocument(id: string, json: string): void {
    if (!this.documents.has(id)) {
      const url = (JSON.parse(json) as Document).url;
      if (url) this.byUrl.set(url, [...(this.byUrl.get(url) ?? []), id].sort());
    }
    this.documents.set(id, json);
  }
  documentIdsByUrl(url: string): readonly string[] {
    return this.byUrl.get(url) ?? [];
  }
  deleteEntity(id: string): void {
    const i = this.index.entityIndex(id);
    if (i !== undefined) delete this.entityData[i];
  }

  entity(id: string): Entity | undefined {
    const i = this.index.entityIndex(id);
    const json = i === undefined ? undefined : this.entityData[i];
    return json === undefined ? undefined : (JSON.parse(json) as Entity);
  }
  claim(id: string): Claim | undefined {
    const i = this.index.claimIndex(id);
    const json = i === undefined ? undefined : this.claimData[i];
    if (json === undefined) return undefined;
    const claim = JSON.parse(json) as Claim;
    claim.review = JSON.parse(this.claimReview[i!] ?? DEFAULT_REVIEW) as Claim['review'];
    return claim;
  }
  document(id: string): Document | undefined {
    const json = this.documents.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as Document);
  }
  hasDocument(id: string): boolean {
    return this.documents.has(id);
  }
  get documentCount(): number {
    return this.documents.size;
  }
}
