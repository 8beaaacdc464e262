// A Claim: one statement a document makes about two entities, with its evidence, certainty, time,
// confidence, provenance and review. The unit of evidence; edges aggregate claims.
import { z } from 'zod';
import { IsoDate } from './entity.ts';
import { Certainty, ClaimType, ReviewStatus } from './vocabulary.ts';

export const Evidence = z
  .object({
    documentId: z.string().min(1),
    quote: z.string().min(1).max(5000).describe('The exact words of the document, in its language.'),
    start: z.number().int().nonnegative().optional().describe('Offset of the quote in the document text (UTF-16 units).'),
    end: z.number().int().nonnegative().optional(),
  })
  .refine((e) => e.start === undefined || e.end === undefined || e.end - e.start === e.quote.length, {
    message: 'end - start must equal the quote length',
  });
export type Evidence = z.infer<typeof Evidence>;

export const Review = z.object({
  status: ReviewStatus.default('unreviewed'),
  by: z.string().max(200).optional(),
  at: z.string().datetime({ offset: true }).optional(),
  note: z.string().max(4000).optional(),
});
export type Review = z.infer<typeof Review>;

export const Claim = z
  .object({
    id: z.string().min(1).max(200),
    type: ClaimType,
    subject: z.string().min(1).describe('Entity id.'),
    object: z.string().min(1).describe('Entity id.'),
    qualifier: z
      .string()
      .max(500)
      .optional()
      .describe('SUPPLIES: the Technology id supplied, where named; ROLE_IN: the role ("president").'),
    evidence: Evidence,
    certainty: Certainty.default('stated'),
    date: IsoDate.optional().describe('When the source dates the relation (for SUSPENDED: when it ended).'),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    confidence: z.number().min(0).max(1),
    extractor: z.string().min(1).max(200).describe('A rule name, "manual", or "import:<source>".'),
    review: Review.default({ status: 'unreviewed' }),
  })
  .refine((c) => c.subject !== c.object, { message: 'a claim cannot link an entity to itself' });
export type Claim = z.infer<typeof Claim>;
export type ClaimInput = z.input<typeof Claim>;
