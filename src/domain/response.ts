// The right of reply: what a company or body answered about a claim (its words, in a document, on a date),
// or that it did not answer by a date it was given. Kept as a change record (action "response") on the
// claim and the responder, so every reply is in the audit log with who added it.
import { z } from 'zod';
import { IsoDate } from './entity.ts';

export const ResponseKind = z.enum(['reply', 'no_response']);

export const ClaimResponse = z
  .object({
    claimId: z.string().min(1).max(200),
    by: z.string().min(1).max(200).describe('The entity that replied or was asked (the company or body the claim is about).'),
    kind: ResponseKind,
    quote: z.string().trim().min(1).max(5000).optional().describe('The reply’s words, as its document gives them.'),
    documentId: z.string().min(1).max(200).optional().describe('The document carrying the reply (a statement, a letter, the article quoting it).'),
    date: IsoDate.describe('reply: when it was given; no_response: the deadline it was not answered by.'),
  })
  .strict()
  .refine((r) => r.kind !== 'reply' || (r.quote !== undefined && r.documentId !== undefined), {
    message: 'a reply needs its source: the quote and the document it comes from',
  })
  .refine((r) => r.kind !== 'no_response' || r.quote === undefined, { message: 'a no_response has no quote' });
export type ClaimResponse = z.infer<typeof ClaimResponse>;
