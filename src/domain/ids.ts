// Stable ids: the same real-world entity, document or claim gets the same id on every machine, derived
// from content (FtM-style hashing), never from a counter or a clock.
import * as crypto from 'node:crypto';
import { foldText, slugOfFolded } from './normalize.ts';
import type { EntityKind, ClaimType } from './vocabulary.ts';

export const KIND_PREFIX: Record<EntityKind, string> = {
  Company: 'co',
  GovernmentBody: 'gov',
  Organization: 'org',
  Person: 'per',
  Technology: 'tech',
  Contract: 'ctr',
  Abuse: 'abuse',
  Location: 'loc',
};

// One-shot crypto.hash (Node ≥ 20.12) is 2.5× createHash for short inputs, and ids are hashed for every
// record an import makes; older Node 20 releases fall back.
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : null;

export function sha256Hex(data: string | Uint8Array): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

function shortHash(parts: readonly unknown[], length = 12): string {
  return sha256Hex(parts.map((p) => (p === undefined || p === null ? '' : String(p))).join('\u001f')).slice(0, length);
}

const QID = /^Q[1-9]\d*$/;

/**
 * An entity's id. A Wikidata QID wins (`co_Q2283`), since it names the thing whatever language the
 * report is in; then an LEI (`co_lei_5493…`: registries name many companies alike, the LEI tells them
 * apart); otherwise kind, a readable slug and a hash of the folded name (`co_microsoft_5b1f…`).
 */
export function entityId(kind: EntityKind, ref: { name: string; wikidataId?: string | null | undefined; lei?: string | null | undefined }): string {
  const prefix = KIND_PREFIX[kind];
  if (ref.wikidataId && QID.test(ref.wikidataId)) return `${prefix}_${ref.wikidataId}`;
  if (ref.lei && /^[A-Z0-9]{20}$/.test(ref.lei)) return `${prefix}_lei_${ref.lei}`;
  const folded = foldText(ref.name);
  if (!folded) throw new Error(`cannot derive an id for a ${kind} with an empty name`);
  return `${prefix}_${slugOfFolded(folded, 32)}_${shortHash([kind, folded], 10)}`;
}

/** A document's id: from the sha256 of its fetched bytes when known, else from its URL. */
export function documentId(ref: { sha256?: string | null | undefined; url?: string | null | undefined }): string {
  if (ref.sha256) return `doc_${ref.sha256.slice(0, 20)}`;
  if (ref.url) return `doc_u${shortHash([ref.url], 19)}`;
  throw new Error('a document id needs a sha256 or a url');
}

/**
 * A claim's id: from what it says and where. Subject and object enter by the names the source gives them
 * (folded), not by graph ids, so that merging or re-resolving entities never changes a claim's id and a
 * rejected claim stays rejected when its document is ingested again.
 */
export function claimId(c: {
  type: ClaimType;
  subjectName: string;
  objectName: string;
  qualifier?: string | null | undefined;
  documentId: string;
  start?: number | null | undefined;
  end?: number | null | undefined;
  quote: string;
}): string {
  return `cl_${shortHash(
    [c.type, foldText(c.subjectName), foldText(c.objectName), c.qualifier, c.documentId, c.start, c.end, c.quote],
    20,
  )}`;
}
