// The Fetcher as configured: the User-Agent with its contact URL, the per-host delay, the SSRF allow-list.
import type { Config } from '../config.ts';
import { Fetcher, type FetcherOptions } from './fetcher.ts';
import { parseAllowList } from './guard.ts';

export function fetcherFromConfig(config: Config, overrides: Partial<FetcherOptions> = {}): Fetcher {
  return new Fetcher({ userAgent: config.fetch.userAgent, allow: parseAllowList(config.fetch.allow), minDelayMs: config.fetch.delayMs, ...overrides });
}
