// What a source is: where its reports are listed (RSS/Atom feeds or HTML listing pages), which links on a
// listing are reports, and how to read one report page. A source is a small object; the crawl (crawl.ts)
// does the fetching, politeness, archiving and state. Adding a source is one file in ./sources plus its
// fixture test (see README "Scrapers").
import * as cheerio from 'cheerio';
import { isoDay, readArticle, type ReadHints, type ReadPage } from './readers/article.ts';

export interface Source {
  /** Short name used on the command line (`rightsgraph crawl hrw`). */
  name: string;
  /** The publisher's name, as Documents carry it. */
  publisher: string;
  /** What the source covers, for `rightsgraph sources`. */
  covers: string;
  /** https://host of the site; the crawl can point a source at another origin (tests, mirrors). */
  origin: string;
  /** Paths of feeds or listing pages, newest reports first. */
  listings: string[];
  /** On an HTML listing: the CSS selector of links to reports. */
  linkSelector?: string;
  /** Which discovered URLs are reports (default: any same-site link that is not the listing itself). */
  isReport?: (url: URL) => boolean;
  /** Hints for the article reader on this site's report pages. */
  hints?: ReadHints;
}

export interface Discovered {
  url: string;
  publishedAt: string | null;
}

export function defineSource(s: Source): Source {
  return s;
}

/** Report links on a listing: items of an RSS or Atom feed, or the source's links on an HTML page. */
export function discover(source: Source, body: string, listingUrl: string): Discovered[] {
  const out = new Map<string, Discovered>();
  const add = (href: string | undefined, date: string | null) => {
    if (!href) return;
    let u: URL;
    try {
      u = new URL(href.trim(), listingUrl);
    } catch {
      return;
    }
    u.hash = '';
    // A feed names the real site; the crawl may be pointed at another origin (a mirror, a test server).
    const origin = new URL(listingUrl).origin;
    if (u.origin === new URL(source.origin).origin) u = new URL(u.pathname + u.search, origin);
    if (u.origin !== origin || u.href === listingUrl) return;
    if (source.isReport && !source.isReport(u)) return;
    if (!out.has(u.href)) out.set(u.href, { url: u.href, publishedAt: date });
  };
  const head = body.slice(0, 500);
  if (/<(rss|feed|rdf:RDF)[\s>]/i.test(head)) {
    const $ = cheerio.load(body, { xmlMode: true });
    $('item').each((_, el) => add($(el).find('link').first().text() || $(el).find('guid').first().text(), isoDay($(el).find('pubDate').first().text() || $(el).find('dc\\:date').first().text())));
    $('entry').each((_, el) => add($(el).find('link').first().attr('href'), isoDay($(el).find('published').first().text() || $(el).find('updated').first().text())));
  } else {
    const $ = cheerio.load(body);
    $(source.linkSelector ?? 'a[href]').each((_, el) => {
      const a = $(el).is('a') ? $(el) : $(el).find('a[href]').first();
      const time = $(el).closest('article, li, div').find('time[datetime]').first().attr('datetime');
      add(a.attr('href'), isoDay(time));
    });
  }
  return [...out.values()];
}

export function readReport(source: Source, html: string, url: string): ReadPage {
  return readArticle(html, url, source.hints);
}
