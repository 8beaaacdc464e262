// Copies a whole graph from one store to another through the port alone (exportAll on one side, upsert and
// recordChanges batches on the other), so it works for any pair of adapters. Streams: at most one batch is
// held in memory. Ends by comparing the two sides: counts per record type and an order-independent checksum
// of every id, computed on the source while copying and on the target by a second export pass.
import { createHash } from 'node:crypto';
import type { ChangeRecord, ExportRecord } from '../domain/index.ts';
import type { GraphStore, UpsertBatch } from './port.ts';
import { StoreError } from './errors.ts';

type RecordType = ExportRecord['type'];
const TYPES: readonly RecordType[] = ['document', 'entity', 'redirect', 'claim', 'change'];

export interface IdDigest {
  counts: Record<RecordType, number>;
  /** Per type: the sum, modulo 2^64, of the first 8 bytes of each id's sha256, in hex. */
  checksums: Record<RecordType, string>;
}

export interface MigrateReport {
  source: IdDigest;
  target: IdDigest;
  same: boolean;
  seconds: number;
}

export class TargetNotEmptyError extends StoreError {
  constructor(message: string) {
    super('TARGET_NOT_EMPTY', message);
  }
}

class Digest {
  private readonly counts = Object.fromEntries(TYPES.map((t) => [t, 0])) as Record<RecordType, number>;
  private readonly sums = Object.fromEntries(TYPES.map((t) => [t, 0n])) as Record<RecordType, bigint>;
  add(r: ExportRecord): void {
    this.counts[r.type]++;
    const h = createHash('sha256').update(r.data.id).digest();
    this.sums[r.type] = (this.sums[r.type] + h.readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
  }
  value(): IdDigest {
    return {
      counts: { ...this.counts },
      checksums: Object.fromEntries(TYPES.map((t) => [t, this.sums[t].toString(16).padStart(16, '0')])) as Record<RecordType, string>,
    };
  }
}

/** The id digest of everything a store holds. */
export async function digestOf(store: GraphStore): Promise<IdDigest> {
  const d = new Digest();
  for await (const r of store.exportAll()) d.add(r);
  return d.value();
}

export async function migrate(
  from: GraphStore,
  to: GraphStore,
  opts: { batchSize?: number; intoNonEmpty?: boolean; onProgress?: (records: number) => void } = {},
): Promise<MigrateReport> {
  const t0 = Date.now();
  const size = Math.max(1, opts.batchSize ?? 5_000);
  const before = await to.stats();
  if (!opts.intoNonEmpty && (before.documents || before.entities || before.claims)) {
    throw new TargetNotEmptyError(
      `the target store already holds ${before.documents} documents, ${before.entities} entities and ${before.claims} claims: migrate into an empty store (or pass --into-non-empty to merge)`,
    );
  }
  const source = new Digest();
  const empty = (): UpsertBatch => ({ documents: [], entities: [], claims: [], redirects: [], changes: [] });
  let batch = empty();
  let changes: ChangeRecord[] = [];
  let pending = 0;
  const flush = async () => {
    if (batch.documents.length || batch.entities.length || batch.claims.length || batch.redirects.length) await to.upsert(batch);
    if (changes.length) await to.recordChanges(changes);
    opts.onProgress?.(pending);
    batch = empty();
    changes = [];
    pending = 0;
  };
  // exportAll yields documents, then entities, redirects and claims: every claim's ends (or the redirect
  // it names) and document are written by an earlier (or the same) batch.
  for await (const r of from.exportAll()) {
    source.add(r);
    if (r.type === 'document') batch.documents.push(r.data);
    else if (r.type === 'entity') batch.entities.push(r.data);
    else if (r.type === 'redirect') batch.redirects.push(r.data);
    else if (r.type === 'claim') batch.claims.push(r.data);
    else changes.push(r.data);
    if (++pending >= size) await flush();
  }
  await flush();
  const target = await digestOf(to);
  const src = source.value();
  const same = opts.intoNonEmpty
    ? TYPES.every((t) => target.counts[t] >= src.counts[t])
    : TYPES.every((t) => src.counts[t] === target.counts[t] && src.checksums[t] === target.checksums[t]);
  return { source: src, target, same, seconds: (Date.now() - t0) / 1000 };
}
