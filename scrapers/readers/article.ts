// The generic article reader: any report page → {title, publishedAt, authors, language, text, pdfLinks}.
// Main text by Mozilla's Readability (on linkedom, a light DOM), falling back to a CSS selector or the
// whole body; metadata from JSON-LD, Open Graph / article meta tags, <time> and <html lang>. Malformed HTML
// is still read (both parsers recover); nothing here throws on odd markup.
import { Readability } from '@mozilla/readability';
import * as cheerio from 'cheerio';
import { parseHTML } from 'linkedom';
import { htmlToText } from '../../src/extract/read-input.ts';

export interface ReadPage {
  title: string | null;
  publishedAt: string | null;
  authors: string[];
  language: string | null;
  text: string;
  pdfLinks: string[];
  /** Links from the article's body to other pages (its citations), absolute, without fragments. */
  cites: string[];
}

export interface ReadHints {
  /** CSS selector of the main text, when a source knows it better than Readability. */
  body?: string;
  /** CSS selector of the publication date (a <time datetime> or text). */
  date?: string;
  /** CSS selector of author names. */
  authors?: string;
}

/** YYYY-MM-DD from an ISO timestamp, an RFC 2822 date or a YYYY-MM-DD prefix; null otherwise. */
export function isoDay(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

function jsonLd($: cheerio.CheerioAPI): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      const v = JSON.parse($(el).text()) as unknown;
      const items = Array.isArray(v) ? v : (v as { '@graph'?: unknown[] })['@graph'] ?? [v];
      for (const x of items as unknown[]) if (x && typeof x === 'object') out.push(x as Record<string, unknown>);
    } catch {
      // A broken JSON-LD block is ignored; the meta tags still speak.
    }
  });
  return out;
}

function names(v: unknown): string[] {
  if (!v) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return [(v as { name: string }).name];
  return [];
}

export function readArticle(html: string, url: string, hints: ReadHints = {}): ReadPage {
  const $ = cheerio.load(html);
  const ld = jsonLd($);
  const article = ld.find((x) => /Article|Report|NewsArticle|BlogPosting|WebPage/.test(String(x['@type'] ?? ''))) ?? {};
  const meta = (sel: string) => $(sel).attr('content')?.trim() || null;

  let text = '';
  if (hints.body && $(hints.body).length) text = htmlToText($(hints.body).first().html() ?? '');
  let readTitle: string | null = null;
  if (!text) {
    try {
      const { document } = parseHTML(html);
      const r = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
      if (r?.content) text = htmlToText(r.content);
      readTitle = r?.title ?? null;
    } catch {
      // Readability gives up on some documents; the body text below still reads them.
    }
  }
  if (!text.trim()) text = htmlToText(html);

  // An <h1> left open in malformed HTML swallows the page: only a heading-sized one counts.
  const h1 = $('h1').first().text().trim();
  const title =
    meta('meta[property="og:title"]') ?? (typeof article.headline === 'string' ? article.headline : null) ??
    ((h1 && h1.length <= 300 && !h1.includes('\n') ? h1 : null) || readTitle || $('title').text().trim() || null);
  const dateText =
    (hints.date ? $(hints.date).first().attr('datetime') ?? $(hints.date).first().text() : null) ??
    (typeof article.datePublished === 'string' ? article.datePublished : null) ??
    meta('meta[property="article:published_time"]') ?? meta('meta[name="date"]') ?? meta('meta[name="dc.date"]') ??
    $('time[datetime]').first().attr('datetime') ?? null;
  const authors = [
    ...(hints.authors ? $(hints.authors).map((_, el) => $(el).text().trim()).get() : []),
    ...names(article.author),
    ...$('meta[name="author"]').map((_, el) => $(el).attr('content') ?? '').get(),
  ].filter((a) => a && a.length < 120);
  const pdfLinks = [
    ...new Set(
      $('a[href]')
        .map((_, el) => $(el).attr('href') ?? '')
        .get()
        .filter((h) => /\.pdf(\?|#|$)/i.test(h))
        .map((h) => {
          try {
            return new URL(h, url).href;
          } catch {
            return '';
          }
        })
        .filter(Boolean),
    ),
  ];
  // Citations are the body's links: menus and footers link everywhere, so without a body element none are taken.
  const body = hints.body && $(hints.body).length ? $(hints.body).first() : $('article, main, [role=main]').first();
  const self = url.replace(/#.*$/, '');
  const cites = body.length
    ? [
        ...new Set(
          body
            .find('a[href]')
            .map((_, el) => {
              try {
                const u = new URL($(el).attr('href') ?? '', url);
                u.hash = '';
                return /^https?:$/.test(u.protocol) && u.href.length <= 2000 && u.href !== self ? u.href : '';
              } catch {
                return '';
              }
            })
            .get()
            .filter(Boolean),
        ),
      ].slice(0, 500)
    : [];
  return {
    title,
    publishedAt: isoDay(dateText),
    authors: [...new Set(authors)],
    language: ($('html').attr('lang') ?? meta('meta[property="og:locale"]') ?? '').slice(0, 2).toLowerCase() || null,
    text: text.trim(),
    pdfLinks,
    cites,
  };
}
