// A Document: a source (report, article, statement). Claims point at one for their evidence.
import { z } from 'zod';
import { IsoDate } from './entity.ts';

export const Document = z.object({
  id: z.string().min(1).max(200).describe('doc_ + the sha256 of the fetched bytes, or a hash of the URL (domain/ids.ts).'),
  url: z.string().url().optional(),
  title: z.string().max(2000).optional(),
  publisher: z.string().max(500).optional(),
  publishedAt: IsoDate.optional(),
  language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code such as fr or en').optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256').optional(),
  fetchedAt: z.string().datetime({ offset: true }).optional().describe('When the bytes were fetched (ISO 8601).'),
  authors: z.array(z.string().max(300)).max(100).default([]),
  supersedes: z.string().min(1).max(200).optional().describe('The earlier version of this document (same URL, other text) that this one replaces.'),
  cites: z
    .array(z.string().url().max(2000))
    .max(500)
    .optional()
    .describe('URLs the document cites (links in its body): a document citing another is on the same line of evidence.'),
});
export type Document = z.infer<typeof Document>;
export type DocumentInput = z.input<typeof Document>;

/** When a document was public at the latest: its publication date, else the day rightsgraph fetched it. */
export function knownDate(d: Pick<Document, 'publishedAt' | 'fetchedAt'>): string | undefined {
  return d.publishedAt ?? d.fetchedAt?.slice(0, 10);
}
