// Curated seed stories (seeds/stories/*.json) into the graph. A story names its entities and documents by
// name and key; this module derives the stable ids, checks every reference and every fact's public URL, and
// upserts all stories in one batch. `seedIfEmpty` runs at `start`, so a fresh clone has a graph to explore.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { Claim, Document, Entity, entityId, documentId, claimId, type EntityInput } from '../domain/index.ts';
import { Certainty, ClaimType, EntityKind } from '../domain/vocabulary.ts';
import { IsoDate } from '../domain/entity.ts';
import type { GraphStore, UpsertBatch, UpsertResult } from '../store/port.ts';
import { repoRoot } from '../util/shared.ts';
import { log } from '../util/log.ts';

export const SEEDS_DIR = resolve(repoRoot, 'seeds', 'stories');
/** Seed "says" are our own paraphrases of the source, never its text: the evidence kind and extractor say so. */
export const SEED_EXTRACTOR = 'curated:paraphrase';
export const SEED_WRITER = 'rightsgraph seed editors';

const SeedDocument = z.object({
  key: z.string().min(1),
  url: z.string().url(),
  title: z.string().min(1),
  publisher: z.string().min(1),
  publishedAt: IsoDate.optional(),
  language: z.string().regex(/^[a-z]{2,3}$/),
  authors: z.array(z.string()).default([]),
});

const SeedEntity = z
  .object({ kind: EntityKind, name: z.string().min(1), aliases: z.array(z.string()).default([]), wikidata: z.string().optional(), source: z.string().url() })
  .catchall(z.unknown());

const SeedClaim = z
  .object({
    type: ClaimType,
    subject: z.string().min(1),
    object: z.string().min(1),
    qualifier: z.string().optional(),
    doc: z.string().min(1),
    says: z.string().min(1).max(1000),
    certainty: Certainty.default('stated'),
    date: IsoDate.optional(),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    confidence: z.number().min(0).max(1),
  })
  .strict();

export const SeedStory = z.object({
  story: z.string().min(1),
  note: z.string().optional(),
  documents: z.array(SeedDocument).min(1),
  entities: z.array(SeedEntity).min(1),
  claims: z.array(SeedClaim).min(1),
});
export type SeedStory = z.infer<typeof SeedStory>;

export class SeedError extends Error {
  readonly userFacing = true;
}

/** Turns one story into graph records; `file` names it in errors. */
export function compileStory(story: SeedStory, file: string): UpsertBatch {
  const docs = new Map<string, Document>();
  for (const d of story.documents) {
    const { key, ...rest } = d;
    docs.set(key, Document.parse({ ...rest, id: documentId({ url: d.url }) }));
  }
  const byName = new Map<string, Entity>();
  for (const e of story.entities) {
    const { kind, name, aliases, wikidata, source: _source, ...fields } = e;
    const input = { id: entityId(kind, { name, wikidataId: wikidata }), kind, name, aliases, externalIds: wikidata ? { wikidata } : {}, ...fields } as EntityInput;
    const parsed = Entity.safeParse(input);
    if (!parsed.success) throw new SeedError(`${file}: entity ${name}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    byName.set(name, parsed.data);
  }
  const claims: Claim[] = story.claims.map((c, i) => {
    const where = `${file}: claim ${i + 1} (${c.subject} ${c.type} ${c.object})`;
    const subject = byName.get(c.subject);
    const object = byName.get(c.object);
    const doc = docs.get(c.doc);
    if (!subject || !object) throw new SeedError(`${where}: ${subject ? c.object : c.subject} is not among the story's entities`);
    if (!doc) throw new SeedError(`${where}: no document with key ${c.doc}`);
    const qualifier = c.qualifier ? (byName.get(c.qualifier)?.id ?? c.qualifier) : undefined;
    const parsed = Claim.safeParse({
      id: claimId({ type: c.type, subjectName: subject.name, objectName: object.name, qualifier, documentId: doc.id, quote: c.says }),
      type: c.type,
      subject: subject.id,
      object: object.id,
      ...(qualifier ? { qualifier } : {}),
      // Written in English whatever the source's language, so the language is stated where it differs.
      evidence: { documentId: doc.id, kind: 'paraphrase', quote: c.says, writtenBy: SEED_WRITER, ...(doc.language !== 'en' ? { language: 'en' } : {}) },
      certainty: c.certainty,
      ...(c.date ? { date: c.date } : {}),
      // As an ingested claim: a suspension without a date of its own is dated by the document that reports it;
      // asOf shows any claim only from its document's publication.
      ...(c.validFrom ? { validFrom: c.validFrom } : {}),
      ...(!c.date && c.type === 'SUSPENDED' && doc.publishedAt ? { date: doc.publishedAt } : {}),
      ...(c.validTo ? { validTo: c.validTo } : {}),
      confidence: c.confidence,
      extractor: SEED_EXTRACTOR,
      review: { status: 'unreviewed' },
    });
    if (!parsed.success) throw new SeedError(`${where}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  return { documents: [...docs.values()], entities: [...byName.values()], claims, redirects: [], changes: [] };
}

/** Every story in `dir`, compiled and folded together (an entity in two stories keeps every alias). */
export function readSeeds(dir = SEEDS_DIR): UpsertBatch & { stories: number } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const documents = new Map<string, Document>();
  const entities = new Map<string, Entity>();
  const claims = new Map<string, Claim>();
  for (const f of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (err) {
      throw new SeedError(`${f}: not JSON (${(err as Error).message})`);
    }
    const story = SeedStory.safeParse(json);
    if (!story.success) throw new SeedError(`${f}: ${story.error.issues[0]?.path.join('.')}: ${story.error.issues[0]?.message}`);
    const batch = compileStory(story.data, f);
    for (const d of batch.documents) documents.set(d.id, d);
    for (const e of batch.entities) {
      const prev = entities.get(e.id);
      if (prev && prev.kind !== e.kind) throw new SeedError(`${f}: ${e.name} is a ${e.kind} here and a ${prev.kind} elsewhere`);
      entities.set(e.id, prev ? { ...e, ...prev, aliases: [...new Set([...prev.aliases, ...e.aliases])] } : e);
    }
    for (const c of batch.claims) claims.set(c.id, c);
  }
  return { stories: files.length, documents: [...documents.values()], entities: [...entities.values()], claims: [...claims.values()], redirects: [], changes: [] };
}

export async function loadSeeds(store: GraphStore, dir = SEEDS_DIR): Promise<UpsertResult & { stories: number }> {
  const { stories, ...batch } = readSeeds(dir);
  const result = await store.upsert(batch);
  log.info({ stories, documents: batch.documents.length, entities: batch.entities.length, claims: batch.claims.length }, 'seeds loaded');
  return { ...result, stories };
}

/** Loads the seeds into a store that holds nothing yet; leaves any other store alone. */
export async function seedIfEmpty(store: GraphStore, dir = SEEDS_DIR): Promise<boolean> {
  const s = await store.stats();
  if (s.documents || s.entities || s.claims) return false;
  await loadSeeds(store, dir);
  return true;
}
