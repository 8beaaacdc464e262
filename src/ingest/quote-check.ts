// Whether a claim's "quote" really is the document's words: read the archived bytes back to text (as the
// ingest read them: plain text, the page's text, a PDF's text layer) and look for the quote there, spaces
// folded, so line breaks of the page do not matter. A hand-added quote that is not in its document is a
// paraphrase and must say so; a document without an archived copy cannot be checked, and the answer says so.
import * as cheerio from 'cheerio';
import { archivedBody } from '../archive/warc.ts';
import { pdfToText } from '../extract/read-input.ts';

export type QuoteCheck = 'found' | 'not-found' | 'offsets-wrong' | 'no-archive';

const fold = (s: string) => s.normalize('NFC').replace(/[\s\u00a0]+/g, ' ').replace(/[’‘]/g, "'").replace(/[“”«»]/g, '"').trim();

/** The archived document's text (`plain`: the bytes are the text, so offsets into it mean something), or null. */
export async function archivedText(archiveDir: string, sha256: string): Promise<{ text: string; plain: boolean } | null> {
  const a = await archivedBody(archiveDir, sha256);
  if (!a) return null;
  if (a.contentType.startsWith('application/pdf') || (a.body[0] === 0x25 && a.body[1] === 0x50 && a.body[2] === 0x44 && a.body[3] === 0x46)) {
    return { text: await pdfToText(a.body), plain: false };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(a.body).replace(/^\uFEFF/, '');
  if (a.contentType.includes('html') || /^\s*(<!doctype html|<html)/i.test(text.slice(0, 512))) {
    const $ = cheerio.load(text);
    $('script, style, noscript, template').remove();
    // Block ends as spaces, so words of two paragraphs do not run together.
    $('p, div, li, h1, h2, h3, h4, h5, h6, br, tr, td, blockquote').append(' ');
    return { text: $.root().text(), plain: false };
  }
  return { text, plain: true };
}

/**
 * Checks a quote against its document's archived text. With offsets into a plain-text document, the words
 * at those offsets must be the quote; otherwise (a page, a PDF: offsets are into the text a reader made of
 * it) the quote must occur in the text.
 */
export async function checkQuote(archiveDir: string | null, sha256: string | undefined, quote: string, offsets?: { start?: number | undefined; end?: number | undefined }): Promise<QuoteCheck> {
  if (!archiveDir || !sha256) return 'no-archive';
  const got = await archivedText(archiveDir, sha256);
  if (got === null) return 'no-archive';
  if (got.plain && offsets?.start !== undefined && offsets.end !== undefined) {
    return got.text.slice(offsets.start, offsets.end) === quote ? 'found' : 'offsets-wrong';
  }
  return fold(got.text).includes(fold(quote)) ? 'found' : 'not-found';
}
