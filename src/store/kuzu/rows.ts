// How domain records become Kùzu rows and back: the full zod-valid record as JSON in `data`, plus the key
// columns that queries filter on. Reads parse `data` with the domain schemas, so a row never leaks out
// half-typed.
import { claimStart, dateKey, type Claim, type ChangeRecord, type Document, type Entity } from '../../domain/index.ts';
import { claimJson, foldedNames } from '../records.ts';

export { claimJson, foldedNames, parseChange, parseClaim, parseDocument, parseEntity } from '../records.ts';

export const ENTITY_COLUMNS = ['id', 'kind', 'folded', 'data'] as const;
export const DOCUMENT_COLUMNS = ['id', 'data'] as const;
export const CLAIM_COLUMNS = [
  'id', 'type', 'subject', 'object', 'documentId', 'certainty', 'confidence', 'status', 'start', 'date', 'data', 'review',
] as const;
export const CHANGE_COLUMNS = ['id', 'at', 'action', 'targets', 'data'] as const;

export function entityRow(e: Entity): string[] {
  return [e.id, e.kind, foldedNames(e), JSON.stringify(e)];
}

export function documentRow(d: Document): string[] {
  return [d.id, JSON.stringify(d)];
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

