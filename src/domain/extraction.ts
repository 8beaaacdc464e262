// The extractor's output for one document (ONTOLOGY.md, "Extraction output"): entity ids local to the
// document, claims pointing at them with the exact quote and its offsets.
import { z } from 'zod';
import { IsoDate } from './entity.ts';
import { Certainty, ClaimType, EntityKind } from './vocabulary.ts';

export const ExtractedEntity = z
  .object({
    id: z.string().min(1),
    kind: EntityKind,
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    wikidataId: z.string().optional(),
    /** Kind-specific fields known from a gazetteer or the text (country, govType, amount …). */
    fields: z.record(z.string(), z.unknown()).optional(),
    mentions: z.array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })).optional(),
  })
  .passthrough();
export type ExtractedEntity = z.infer<typeof ExtractedEntity>;

export const ExtractedClaim = z
  .object({
    type: ClaimType,
    subject: z.string(),
    object: z.string(),
    qualifier: z.string().optional(),
    certainty: Certainty,
    quote: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    confidence: z.number().min(0).max(1),
    date: IsoDate.optional(),
    attributedTo: z.string().optional().describe('The source the sentence names for it ("according to X", "selon X").'),
    rule: z.string().optional(),
  })
  .passthrough();
export type ExtractedClaim = z.infer<typeof ExtractedClaim>;

/** A reply of a party the document names, or its silence ("did not respond to a request for comment"). */
export const ExtractedResponse = z.object({
  entity: z.string(),
  kind: z.enum(['reply', 'no_response']),
  quote: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const Extraction = z.object({
  document: z
    .object({
      title: z.string().optional(),
      language: z.string().optional(),
      publishedAt: IsoDate.optional().nullable(),
      publisher: z.string().optional().nullable(),
      url: z.string().optional().nullable(),
    })
    .passthrough(),
  entities: z.array(ExtractedEntity),
  claims: z.array(ExtractedClaim),
  responses: z.array(ExtractedResponse).default([]),
});
export type Extraction = z.infer<typeof Extraction>;
