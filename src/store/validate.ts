// Checks a batch before any adapter writes it: zod shapes, merge redirects applied, every claim's ends and
// document present (in the batch or the store), kinds fitting CLAIM_SIGNATURES. Any problem refuses the
// whole batch (InvalidBatchError listing the problems), which is what makes a batch atomic before the
// transaction even starts. Also the rule for folding a re-upserted entity into the stored one.
import { Claim, Entity, claimSignatureAllows, KIND_FIELDS, type EntityKind, type Review, mergeTopics } from '../domain/index.ts';
import { InvalidBatchError } from './errors.ts';
import { UpsertBatch, type Actor, type EntityPatch, type UpsertBatchInput } from './port.ts';

export interface BatchContext {
  kindOf(id: string): EntityKind | undefined;
  hasDocument(id: string): boolean;
  /** The kept id for a merged-away id; the id itself otherwise. */
  resolve(id: string): string;
}

/** Folds `incoming` into `existing`: the name stays, aliases and ids join, missing fields are filled. */
export function mergeEntity(existing: Entity, incoming: Entity): Entity {
  const names = new Set([existing.name]);
  const aliases: string[] = [];
  for (const a of [...existing.aliases, incoming.name, ...incoming.aliases]) {
    if (!names.has(a)) {
      names.add(a);
      aliases.push(a);
    }
  }
  const out: Record<string, unknown> = { ...incoming, ...stripUndefined(existing) };
  out.aliases = aliases;
  out.externalIds = { ...incoming.externalIds, ...existing.externalIds };
  out.description = existing.description ?? incoming.description;
  const topics = mergeTopics(existing.topics, incoming.topics);
  if (topics) out.topics = topics;
  else delete out.topics;
  for (const f of KIND_FIELDS) if (out[f] === undefined) delete out[f];
  if (out.description === undefined) delete out.description;
  return out as Entity;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function validateBatch(input: UpsertBatchInput, ctx: BatchContext): UpsertBatch {
  return checkBatch(parseBatch(input), ctx);
}

/** The batch's shapes (zod), or InvalidBatchError naming the first problems. */
export function parseBatch(input: UpsertBatchInput): UpsertBatch {
  const parsed = UpsertBatch.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new InvalidBatchError(`invalid batch: ${problems[0]}${problems.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : ''}`, problems);
  }
  return parsed.data;
}

/** A parsed batch's references, kinds and redirects against the store (`ctx`), or InvalidBatchError. */
export function checkBatch(batch: UpsertBatch, ctx: BatchContext): UpsertBatch {
  const problems: string[] = [];
  // Redirects in the batch (a migrated merge) count before the store's.
  const carried = new Map(batch.redirects.map((r) => [r.id, r.target]));
  const resolve = (id: string) => ctx.resolve(carried.get(id) ?? id);

  // Entities: redirected ids land on the kept entity; duplicates in one batch fold together.
  const entities = new Map<string, Entity>();
  for (const e0 of batch.entities) {
    const e = { ...e0, id: resolve(e0.id) } as Entity;
    const stored = ctx.kindOf(e.id);
    if (stored && stored !== e.kind) problems.push(`entity ${e.id} is a ${stored}, not a ${e.kind}`);
    const prev = entities.get(e.id);
    if (prev && prev.kind !== e.kind) problems.push(`entity ${e.id} appears as both ${prev.kind} and ${e.kind}`);
    entities.set(e.id, prev && prev.kind === e.kind ? mergeEntity(prev, e) : e);
  }
  const kindOf = (id: string) => entities.get(id)?.kind ?? ctx.kindOf(id);
  const redirects = new Map<string, string>();
  for (const r of batch.redirects) {
    const target = resolve(r.target);
    if (r.id === target) problems.push(`redirect ${r.id} points at itself`);
    else if (kindOf(r.id)) problems.push(`redirect ${r.id}: an entity has that id`);
    else if (!kindOf(target)) problems.push(`redirect ${r.id}: unknown target ${r.target}`);
    redirects.set(r.id, target);
  }
  const docs = new Map(batch.documents.map((d) => [d.id, d]));
  const claims = new Map<string, UpsertBatch['claims'][number]>();
  for (const c0 of batch.claims) {
    const s = resolve(c0.subject);
    const o = resolve(c0.object);
    // A claim that linked two entities later merged stays as it was, on the merged-away id (as a merge leaves it).
    const betweenMerged = s === o && c0.subject !== c0.object;
    const c = betweenMerged ? c0 : { ...c0, subject: s, object: o };
    const sk = kindOf(s);
    const ok = kindOf(o);
    if (!sk) problems.push(`claim ${c.id}: unknown subject ${c.subject}`);
    if (!ok) problems.push(`claim ${c.id}: unknown object ${c.object}`);
    if (sk && ok && !claimSignatureAllows(c.type, sk, ok)) problems.push(`claim ${c.id}: ${sk} ${c.type} ${ok} does not fit the ontology`);
    if (s === o && !betweenMerged) problems.push(`claim ${c.id} links ${c.subject} to itself`);
    if (!docs.has(c.evidence.documentId) && !ctx.hasDocument(c.evidence.documentId)) {
      problems.push(`claim ${c.id}: unknown document ${c.evidence.documentId}`);
    }
    claims.set(c.id, c);
  }
  if (problems.length) {
    throw new InvalidBatchError(
      `invalid batch, nothing written: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      problems,
    );
  }
  return { documents: [...docs.values()], entities: [...entities.values()], claims: [...claims.values()], redirects: [...redirects].map(([id, target]) => ({ id, target })), changes: [...new Map(batch.changes.map((c) => [c.id, c])).values()] };
}

/** An entity with an editor's patch applied (never its id or kind), checked; InvalidBatchError if not valid. */
export function patchedEntity(entity: Entity, patch: EntityPatch): Entity {
  const draft: Record<string, unknown> = { ...entity, ...(patch.fields ?? {}) };
  for (const k of ['name', 'aliases', 'externalIds', 'description'] as const) if (patch[k] !== undefined) draft[k] = patch[k];
  draft.id = entity.id;
  draft.kind = entity.kind;
  const parsed = Entity.safeParse(draft);
  if (!parsed.success) throw new InvalidBatchError(`invalid entity update: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** A claim with a new review, who and when filled from the actor and the clock when not given. */
export function reviewedClaim(claim: Claim, review: Review, actor: Actor): Claim {
  const note = review.note ?? actor.note;
  return Claim.parse({ ...claim, review: { ...review, by: review.by ?? actor.by, at: review.at ?? new Date().toISOString(), ...(note ? { note } : {}) } });
}
