// The ontology's vocabulary as GraphQL enums, built from the zod enums' options (never written twice).
import { Certainty, ClaimType, Direction, EntityKind, ReviewStatus } from '../../domain/vocabulary.ts';
import { EvidenceKind } from '../../domain/claim.ts';
import { ExternalIds } from '../../domain/entity.ts';
import { builder } from '../builder.ts';

function enumFrom<T extends string>(name: string, options: readonly T[], description?: string) {
  return builder.enumType(name, { values: options as readonly T[] as T[], description });
}

export const EntityKindEnum = enumFrom('EntityKind', EntityKind.options, EntityKind.description);
export const ClaimTypeEnum = enumFrom('ClaimType', ClaimType.options, ClaimType.description);
export const CertaintyEnum = enumFrom('Certainty', Certainty.options, Certainty.description);
export const ReviewStatusEnum = enumFrom('ReviewStatus', ReviewStatus.options, ReviewStatus.description);
export const DirectionEnum = enumFrom('Direction', Direction.options, 'Which edges of an entity: out (it is the subject), in, or both.');
export const EvidenceKindEnum = enumFrom('EvidenceKind', EvidenceKind.options, 'quote: the document’s exact words; paraphrase or summary: someone’s own words about it (writtenBy), never shown as a quotation.');
export const ExternalIdSchemeEnum = enumFrom('ExternalIdScheme', ExternalIds.keyof().options, 'A registry whose ids entities keep: wikidata (a QID), opensanctions (an entity id), lei (a Legal Entity Identifier).');
