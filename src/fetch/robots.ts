// robots.txt per RFC 9309, parsed by robots-parser and cached per origin. A 2xx file is obeyed; a 4xx
// (missing) one allows everything; a 5xx or unreachable one disallows everything until it answers again
// (re-asked after a minute). Crawl-delay, when given, raises the host's minimum delay.
import robotsParserModule from 'robots-parser';
import { FetchError } from './errors.ts';
import type { FetchResult } from './fetcher.ts';

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// The package's types describe a default export its CommonJS build does not type as callable under NodeNext.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;
interface Entry {
  robots: Robots | 'allow-all' | 'disallow-all';
  at: number;
}

const RETRY_UNREACHABLE_MS = 60_000;
const KEEP_MS = 24 * 3600_000;

export class RobotsCache {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly get: (url: string) => Promise<FetchResult>,
    private readonly userAgent: string,
  ) {}

  private async entry(url: string): Promise<Entry> {
    const origin = new URL(url).origin;
    const cached = this.cache.get(origin);
    const now = Date.now();
    if (cached && now - cached.at < (cached.robots === 'disallow-all' ? RETRY_UNREACHABLE_MS : KEEP_MS)) return cached;
    const robotsUrl = `${origin}/robots.txt`;
    let e: Entry;
    try {
      const res = await this.get(robotsUrl);
      if (res.status >= 200 && res.status < 300) e = { robots: robotsParser(robotsUrl, res.body.toString('utf8')), at: now };
      else if (res.status >= 400 && res.status < 500) e = { robots: 'allow-all', at: now };
      else e = { robots: 'disallow-all', at: now };
    } catch (err) {
      // A guard refusal is about the site, not its robots file: let the page's own fetch say so.
      if (err instanceof FetchError && (err.code === 'private-address' || err.code === 'scheme')) throw err;
      e = { robots: 'disallow-all', at: now };
    }
    this.cache.set(origin, e);
    return e;
  }

  /** Throws FetchError('robots') when robots.txt forbids the URL (or cannot be read: RFC 9309 §2.3.1.4). */
  async check(url: string): Promise<void> {
    const { robots } = await this.entry(url);
    if (robots === 'allow-all') return;
    if (robots === 'disallow-all') throw new FetchError('robots', url, 'refused: robots.txt could not be read (server error or unreachable), so nothing is fetched until it answers', true);
    if (robots.isAllowed(url, this.userAgent) === false) throw new FetchError('robots', url, 'refused: robots.txt disallows it');
  }

  crawlDelay(url: string): number | undefined {
    const e = this.cache.get(new URL(url).origin);
    return e && typeof e.robots === 'object' ? e.robots.getCrawlDelay(this.userAgent) : undefined;
  }
}
