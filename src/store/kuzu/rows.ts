// How domain records become Kùzu rows and back: the full zod-valid record as JSON in `data`, plus the key
// columns that queries filter on. Reads parse `data` with the domain schemas, so a row never leaks out
// half-typed.
import { Claim, ChangeRecord, Document, Entity, claimStart, dateKey, foldText } from '../../domain/index.ts';

export const ENTITY_COLUMNS = ['id', 'kind', 'folded', 'data'] as const;
export const DOCUMENT_COLUMNS = ['id', 'data'] as const;
export const CLAIM_COLUMNS = [
  'id', 'type', 'subject', 'object', 'documentId', 'certainty', 'confidence', 'status', 'start', 'date', 'data', 'review',
] as const;
export const CHANGE_COLUMNS = ['id', 'at', 'action', 'targets', 'data'] as const;

/** Every name of an entity, folded, for the FTS index and the CONTAINS fallback (which keeps digits). */
export function foldedNames(e: Pick<Entity, 'name' | 'aliases'>): string {
  return [...new Set([e.name, ...e.aliases].map(foldText).filter(Boolean))].join(' | ');
}

export function entityRow(e: Entity): string[] {
  return [e.id, e.kind, foldedNames(e), JSON.stringify(e)];
}

export function documentRow(d: Document): string[] {
  return [d.id, JSON.stringify(d)];
}

/** A claim's JSON without its review, and its review's JSON: stored apart so a re-upsert keeps the review. */
export function claimJson(c: Claim): [data: string, review: string] {
  const { review, ...rest } = c;
  return [JSON.stringify(rest), JSON.stringify(review)];
}

export function claimRow(c: Claim, json: [string, string] = claimJson(c)): Array<string | number | undefined> {
  const start = claimStart(c);
  return [
    c.id, c.type, c.subject, c.object, c.evidence.documentId, c.certainty, c.confidence, c.review.status,
    start ? dateKey(start) : undefined, c.date, json[0], json[1],
  ];
}

export function changeRow(r: ChangeRecord): Array<string | undefined> {
  // Targets joined by bars; listChanges narrows with CONTAINS, then checks exactly in JS.
  return [r.id, r.at, r.action, `|${r.targetIds.join('|')}|`, JSON.stringify(r)];
}

export const parseEntity = (data: unknown): Entity => Entity.parse(JSON.parse(String(data)));
export const parseDocument = (data: unknown): Document => Document.parse(JSON.parse(String(data)));
export const parseClaim = (data: unknown, review: unknown): Claim =>
  Claim.parse({ ...JSON.parse(String(data)), review: JSON.parse(String(review)) });
export const parseChange = (data: unknown): ChangeRecord => ChangeRecord.parse(JSON.parse(String(data)));
