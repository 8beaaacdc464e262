// The object types' references, declared before any is implemented, so that Entity, Claim, Document and
// Edge can point at one another from their own files without import cycles.
import type { Claim, ChangeRecord, Document, Edge, Entity, EvidencedClaim, ExposurePath, Hop, Neighbour, SearchHit } from '../../domain/index.ts';
import { builder } from '../builder.ts';

export const EntityRef = builder.objectRef<Entity>('Entity');
export const DocumentRef = builder.objectRef<Document>('Document');
export const ClaimRef = builder.objectRef<Claim>('Claim');
export const EdgeRef = builder.objectRef<Edge>('Edge');
export const NeighbourRef = builder.objectRef<Neighbour>('Neighbour');
export const SearchHitRef = builder.objectRef<SearchHit>('SearchHit');
export const HopRef = builder.objectRef<Hop>('Hop');
export const EvidencedClaimRef = builder.objectRef<EvidencedClaim>('EvidencedClaim');
export const ExposurePathRef = builder.objectRef<ExposurePath>('ExposurePath');
export const ChangeRecordRef = builder.objectRef<ChangeRecord>('ChangeRecord');
