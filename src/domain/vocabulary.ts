// The closed vocabularies of ONTOLOGY.md (entity kinds, claim types, certainties, sub-types) as zod enums:
// the one place these words are spelled.
import { z } from 'zod';

export const EntityKind = z
  .enum(['Company', 'GovernmentBody', 'Organization', 'Person', 'Technology', 'Contract', 'Abuse', 'Location'])
  .describe('What kind of thing an entity is (ONTOLOGY.md, "Entities").');
export type EntityKind = z.infer<typeof EntityKind>;

/** Kinds that act: they can supply, use, fund, be responsible. */
export const ACTOR_KINDS = ['Company', 'GovernmentBody', 'Organization', 'Person'] as const satisfies readonly EntityKind[];

export const GovType = z.enum(['government', 'ministry', 'military', 'military_unit', 'intelligence', 'police', 'agency', 'other']);
export type GovType = z.infer<typeof GovType>;

/** What a Location is: a country rolls up every place of its country code; a region or city its PART_OF parts. */
export const PlaceType = z.enum(['country', 'region', 'city', 'site']);
export type PlaceType = z.infer<typeof PlaceType>;

export const OrgType = z.enum(['ngo', 'igo', 'media', 'academic', 'party', 'other']);
export type OrgType = z.infer<typeof OrgType>;

export const TechType = z.enum(['cloud', 'ai', 'surveillance', 'spyware', 'biometrics', 'hardware', 'software', 'telecom', 'other']);
export type TechType = z.infer<typeof TechType>;

export const AbuseCategory = z.enum([
  'surveillance', 'unlawful_killing', 'targeting', 'detention', 'torture', 'forced_labor', 'censorship',
  'persecution', 'displacement', 'other',
]);
export type AbuseCategory = z.infer<typeof AbuseCategory>;

export const ContractStatus = z.enum(['planned', 'active', 'ended', 'suspended', 'cancelled', 'unknown']);
export type ContractStatus = z.infer<typeof ContractStatus>;

export const ClaimType = z
  .enum([
    'PROVIDES', 'SUPPLIES', 'USES', 'PARTY_TO', 'FUNDS', 'PART_OF', 'RESPONSIBLE_FOR', 'ENABLES', 'OCCURRED_IN',
    'BASED_IN', 'ROLE_IN', 'SUSPENDED', 'DOCUMENTS', 'PARTNERS_WITH',
  ])
  .describe('The relation a claim states between its subject and object (ONTOLOGY.md, "Claims").');
export type ClaimType = z.infer<typeof ClaimType>;

export const Certainty = z
  .enum(['stated', 'alleged', 'denied'])
  .describe('stated: the source asserts it; alleged: it reports an allegation; denied: it reports it is not so.');
export type Certainty = z.infer<typeof Certainty>;

export const ReviewStatus = z
  .enum(['unreviewed', 'accepted', 'rejected', 'superseded'])
  .describe('superseded: the claim of an earlier version of a document that a corrected version replaced (hidden, as rejected claims are).');
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const Direction = z.enum(['out', 'in', 'both']);
export type Direction = z.infer<typeof Direction>;

/**
 * Which subject and object kinds each claim type admits (ONTOLOGY.md's claim table). A claim outside these is
 * refused at the boundary, so a store never holds "Technology SUPPLIES Location".
 */
const ACTORS = ACTOR_KINDS;
const ANY_ACTOR_OR_CONTRACT = [...ACTORS] as EntityKind[];
export const CLAIM_SIGNATURES: Record<ClaimType, { subject: readonly EntityKind[]; object: readonly EntityKind[] }> = {
  PROVIDES: { subject: ['Company', 'GovernmentBody', 'Organization'], object: ['Technology'] },
  SUPPLIES: { subject: ['Company'], object: ['GovernmentBody', 'Organization', 'Company'] },
  USES: { subject: ['GovernmentBody', 'Organization', 'Company'], object: ['Technology'] },
  PARTY_TO: { subject: ANY_ACTOR_OR_CONTRACT, object: ['Contract'] },
  FUNDS: { subject: ACTORS, object: [...ACTORS, 'Contract'] },
  PART_OF: { subject: ['GovernmentBody', 'Company', 'Organization'], object: ['GovernmentBody', 'Company', 'Organization'] },
  RESPONSIBLE_FOR: { subject: ['GovernmentBody', 'Company', 'Organization', 'Person'], object: ['Abuse'] },
  ENABLES: { subject: ['Technology'], object: ['Abuse'] },
  OCCURRED_IN: { subject: ['Abuse'], object: ['Location'] },
  BASED_IN: { subject: ACTORS, object: ['Location'] },
  ROLE_IN: { subject: ['Person'], object: ['Company', 'GovernmentBody', 'Organization'] },
  SUSPENDED: { subject: ['Company'], object: ['Technology', 'Contract', 'GovernmentBody', 'Organization', 'Company'] },
  DOCUMENTS: { subject: ['Organization', 'Person', 'GovernmentBody'], object: ['Abuse'] },
  PARTNERS_WITH: { subject: ACTORS, object: ACTORS },
};

/**
 * Places nest (a city PART_OF its region): a pair outside CLAIM_SIGNATURES' kind lists, since a place is
 * part of a place only, so the extractor, which reads those lists, never proposes one from prose.
 */
export const PLACE_PART_OF = { type: 'PART_OF', subject: 'Location', object: 'Location' } as const;

export function claimSignatureAllows(type: ClaimType, subject: EntityKind, object: EntityKind): boolean {
  const sig = CLAIM_SIGNATURES[type];
  if (type === PLACE_PART_OF.type && subject === PLACE_PART_OF.subject && object === PLACE_PART_OF.object) return true;
  return sig.subject.includes(subject) && sig.object.includes(object);
}
