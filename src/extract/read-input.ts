// A file to plain text for extraction: .txt as UTF-8, .html through cheerio (the main text, without
// scripts, menus, headers, footers and forms), .pdf through pdfjs-dist's text layer. Refuses what cannot be
// read as text with one clear line: binary bytes, a file over the size limit, a PDF without a text layer.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import * as cheerio from 'cheerio';

import { InputError } from '../util/input-error.ts';

export { InputError };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Share of control bytes (other than tab, newline, carriage return, form feed) above which text is binary. */
function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) bad++;
  }
  return n > 0 && bad / n > 0.02;
}

/** The readable text of an HTML page: <main>/<article> when there is one, block elements on their own lines. */
export function htmlToText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, noscript, template, svg, nav, header, footer, aside, form, iframe, button, [role=navigation], [aria-hidden=true]').remove();
  const pick = ['main', 'article', 'body'].map((sel) => $(sel).first()).find((el) => el.length);
  const root = pick ?? $('*').first().parent();
  // Blocks end a line on both sides: in malformed HTML a paragraph may sit inside an unclosed heading.
  root.find('p, div, li, h1, h2, h3, h4, h5, h6, section, article, br, tr, blockquote').each((_i, el) => {
    $(el).prepend('\n').append('\n');
  });
  return root
    .text()
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function pdfToText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  } catch (err) {
    throw new InputError(`not a readable PDF (${(err as Error).message})`);
  }
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    let line = '';
    const lines: string[] = [];
    for (const item of content.items as Array<{ str?: string; hasEOL?: boolean }>) {
      line += item.str ?? '';
      if (item.hasEOL) (lines.push(line), (line = ''));
    }
    if (line) lines.push(line);
    pages.push(lines.join('\n'));
  }
  await doc.destroy();
  const text = pages.join('\n\n').trim();
  if (!text) throw new InputError('the PDF has no text layer (a scanned document?): run it through OCR first');
  return text;
}

/** A file's text, or an InputError: missing, unreadable, too large, binary, or holding no text at all. */
export async function readInput(file: string, opts: { maxBytes?: number } = {}): Promise<string> {
  const text = await readText(file, opts);
  if (!text.trim()) throw new InputError(`${file} holds no text`);
  return text;
}

async function readText(file: string, opts: { maxBytes?: number }): Promise<string> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new InputError(`${file} is a folder, not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? `no such file: ${file}` : code === 'EACCES' ? `cannot read ${file}: permission denied` : `cannot read ${file}`);
  }
  if (size > max) throw new InputError(`${file} is ${(size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit (--max-mb)`);
  const buf = new Uint8Array(await readFile(file));
  const ext = extname(file).toLowerCase();
  if (ext === '.pdf' || (buf[0] === 0x25 && buf[1] === 0x50 && buf[2] === 0x44 && buf[3] === 0x46)) return pdfToText(buf);
  if (looksBinary(buf)) throw new InputError(`${file} looks binary, not text, HTML or PDF`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (ext === '.html' || ext === '.htm' || /^\s*(<!doctype html|<html)/i.test(text.slice(0, 512))) return htmlToText(text);
  return text.replace(/^\uFEFF/, '');
}
