// A Claim: one statement a document makes about two entities, with its evidence, certainty, time,
// confidence, provenance and review. The unit of evidence; edges aggregate claims.
import { z } from 'zod';
import { IsoDate } from './entity.ts';
import { Certainty, ClaimType, ReviewStatus } from './vocabulary.ts';

/**
 * What a claim's words are. `quote`: the document's exact words, in its language (the extractor takes them
 * from the text at their offsets; a hand-added quote is checked against the archived text where there is
 * one). `paraphrase` (one statement in other words) and `summary` (several put together) are someone's own
 * words about the document, never to be shown as a quotation: `writtenBy` says whose.
 */
export const EvidenceKind = z.enum(['quote', 'paraphrase', 'summary']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const Evidence = z
  .object({
    documentId: z.string().min(1),
    kind: EvidenceKind.default('quote'),
    quote: z
      .string()
      .min(1)
      .max(5000)
      .describe('kind quote: the exact words of the document, in its language; otherwise the paraphrase or summary itself.'),
    writtenBy: z.string().min(1).max(300).optional().describe('Who wrote a paraphrase or summary (an editor, "rightsgraph seed editors").'),
    language: z.string().regex(/^[a-z]{2,3}$/).optional().describe('The language of these words, where it is not the document’s.'),
    attributedTo: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .describe('The source the document gives for this ("according to Amnesty International", "selon Le Monde"): documents repeating one source are one line of evidence.'),
    start: z.number().int().nonnegative().optional().describe('Offset of the quote in the document text (UTF-16 units).'),
    end: z.number().int().nonnegative().optional(),
  })
  .refine((e) => e.start === undefined || e.end === undefined || e.end - e.start === e.quote.length, {
    message: 'end - start must equal the quote length',
  })
  .refine((e) => e.kind === 'quote' || e.writtenBy !== undefined, { message: 'a paraphrase or summary needs writtenBy: who wrote it' })
  .refine((e) => e.kind === 'quote' || (e.start === undefined && e.end === undefined), { message: 'offsets belong to a quote: a paraphrase has none' });
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
