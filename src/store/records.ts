// How domain records are stored by every adapter: the full zod-valid record as JSON text, the claim's review
// apart (so a re-upsert keeps it), and an accent-folded copy of an entity's names for search. Reads parse
// the JSON with the domain schemas, so a stored record never leaks out half-typed.
import { Claim, ChangeRecord, Document, Entity, foldText } from '../domain/index.ts';

/** Every name of an entity, folded, for full-text indexes and substring search (which keeps digits). */
export function foldedNames(e: Pick<Entity, 'name' | 'aliases'>): string {
  return [...new Set([e.name, ...e.aliases].map(foldText).filter(Boolean))].join(' | ');
}

/** A claim's JSON without its review, and its review's JSON: stored apart so a re-upsert keeps the review. */
export function claimJson(c: Claim): [data: string, review: string] {
  const { review, ...rest } = c;
  return [JSON.stringify(rest), JSON.stringify(review)];
}

export const parseEntity = (data: unknown): Entity => Entity.parse(JSON.parse(String(data)));
export const parseDocument = (data: unknown): Document => Document.parse(JSON.parse(String(data)));
export const parseClaim = (data: unknown, review: unknown): Claim =>
  Claim.parse({ ...JSON.parse(String(data)), review: JSON.parse(String(review)) });
export const parseChange = (data: unknown): ChangeRecord => ChangeRecord.parse(JSON.parse(String(data)));

/**
 * Search ranking shared by the adapters: exact name > name prefix > substring > full-text relevance
 * (`fts`, any non-negative score, folded into (0, 1) so a literal match always outranks it).
 */
export function searchRank(e: Entity, foldedQuery: string, fts: number): number {
  let best = 0;
  for (const n of [e.name, ...e.aliases]) {
    const f = foldText(n);
    const primary = n === e.name ? 0.05 : 0;
    if (f === foldedQuery) best = Math.max(best, 3 + primary);
    else if (f.startsWith(foldedQuery)) best = Math.max(best, 2 + primary);
    else if (f.includes(foldedQuery)) best = Math.max(best, 1.5 + primary);
  }
  return best || fts / (1 + fts);
}

/** Orders search hits: rank, then name, then id. */
export function compareHits(a: { entity: Entity; score: number }, b: { entity: Entity; score: number }): number {
  return b.score - a.score || a.entity.name.localeCompare(b.entity.name) || (a.entity.id < b.entity.id ? -1 : 1);
}

let changeSeq = 0;
/** A unique id for a change record (time, process, sequence). */
export function newChangeRecordId(): string {
  return `chg_${Date.now().toString(36)}_${process.pid.toString(36)}_${(changeSeq++).toString(36)}`;
}

/** An audit record of one editor's change, with a unique id. */
export function newChangeRecord(action: ChangeRecord['action'], targetIds: string[], actor: { by: string; note?: string }, before: unknown, after: unknown): ChangeRecord {
  const at = new Date().toISOString();
  return ChangeRecord.parse({
    id: newChangeRecordId(),
    at, by: actor.by, action, targetIds, ...(actor.note ? { note: actor.note } : {}), before, after,
  });
}
