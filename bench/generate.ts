// A deterministic synthetic graph for benchmarks: N entities of every kind (about 2% Abuse), M claims typed
// by the ontology's signatures so that exposure paths exist, with power-law degrees (a few hubs, a long
// tail). The same seed gives the same graph on every machine. Exported for the store and API benchmarks.
import { CLAIM_SIGNATURES, KIND_PREFIX, type ClaimInput, type ClaimType, type DocumentInput, type EntityInput, type EntityKind } from '../src/domain/index.ts';
import type { UpsertBatchInput } from '../src/store/port.ts';

export interface GenerateOptions {
  entities: number;
  claims: number;
  seed?: number;
  /** Claims per yielded batch. */
  batchSize?: number;
  /** Claims per document. */
  claimsPerDocument?: number;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; deterministic across platforms. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const KIND_SHARE: Record<EntityKind, number> = {
  Company: 0.3, GovernmentBody: 0.15, Organization: 0.1, Person: 0.15, Technology: 0.15, Contract: 0.05, Abuse: 0.02, Location: 0.08,
};

const TYPE_SHARE: Partial<Record<ClaimType, number>> = {
  PROVIDES: 0.15, SUPPLIES: 0.14, USES: 0.15, RESPONSIBLE_FOR: 0.1, ENABLES: 0.08, PARTY_TO: 0.1, PART_OF: 0.08,
  BASED_IN: 0.07, OCCURRED_IN: 0.03, ROLE_IN: 0.04, SUSPENDED: 0.01, FUNDS: 0.02, PARTNERS_WITH: 0.03,
};

/** The id of the i-th entity of a kind: stable, short, readable. */
export const benchEntityId = (kind: EntityKind, i: number) => `${KIND_PREFIX[kind]}_${i}`;

export function kindCounts(n: number): Record<EntityKind, number> {
  const out = {} as Record<EntityKind, number>;
  for (const [k, share] of Object.entries(KIND_SHARE)) out[k as EntityKind] = Math.max(2, Math.round(n * share));
  return out;
}

/** Yields batches: documents and entities first, then claims in batches of `batchSize`. */
export function* generateGraph(opts: GenerateOptions): Generator<UpsertBatchInput> {
  const rnd = prng(opts.seed ?? 42);
  const batchSize = opts.batchSize ?? 50_000;
  const perDoc = opts.claimsPerDocument ?? 50;
  const counts = kindCounts(opts.entities);
  const kinds = Object.keys(counts) as EntityKind[];

  const docCount = Math.max(1, Math.ceil(opts.claims / perDoc));
  let docs: DocumentInput[] = [];
  for (let d = 0; d < docCount; d++) {
    docs.push({ id: `doc_${d}`, url: `https://example.org/report/${d}`, title: `Report ${d}`, publishedAt: `20${15 + (d % 11)}-0${1 + (d % 9)}-1${d % 10}` });
    if (docs.length >= batchSize) {
      yield { documents: docs };
      docs = [];
    }
  }
  if (docs.length) yield { documents: docs };

  for (const kind of kinds) {
    let batch: EntityInput[] = [];
    for (let i = 0; i < counts[kind]; i++) {
      batch.push({ id: benchEntityId(kind, i), kind, name: `${kind} ${i}`, aliases: i % 7 === 0 ? [`${kind.slice(0, 3)}-${i}`] : [] } as EntityInput);
      if (batch.length >= batchSize) {
        yield { entities: batch };
        batch = [];
      }
    }
    if (batch.length) yield { entities: batch };
  }

  // Power law: index = floor(count × u^3) puts most ends on the first few entities of a kind (hubs).
  const pick = (kind: EntityKind) => benchEntityId(kind, Math.floor(counts[kind] * rnd() ** 3));
  const typeTable: ClaimType[] = [];
  for (const [t, share] of Object.entries(TYPE_SHARE)) for (let i = 0; i < Math.round(share * 100); i++) typeTable.push(t as ClaimType);
  const choose = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;

  let batch: ClaimInput[] = [];
  for (let i = 0; i < opts.claims; i++) {
    const type = choose(typeTable);
    const sig = CLAIM_SIGNATURES[type];
    const subject = pick(choose(sig.subject));
    let object = pick(choose(sig.object));
    while (object === subject) object = pick(choose(sig.object));
    const u = rnd();
    const quote = `${subject} ${type.toLowerCase()} ${object}`;
    const claim: ClaimInput = {
      id: `cl_${i}`,
      type,
      subject,
      object,
      certainty: u < 0.85 ? 'stated' : u < 0.97 ? 'alleged' : 'denied',
      confidence: Math.round((0.3 + 0.7 * rnd()) * 100) / 100,
      extractor: 'bench',
      evidence: { documentId: `doc_${i % docCount}`, quote, start: 0, end: quote.length },
    };
    if (rnd() < 0.6) claim.date = `20${15 + Math.floor(rnd() * 11)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 10)}`;
    batch.push(claim);
    if (batch.length >= batchSize) {
      yield { claims: batch };
      batch = [];
    }
  }
  if (batch.length) yield { claims: batch };
}
