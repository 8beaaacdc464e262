// Configuration from the environment, validated once with zod: where the data lives, which store, the
// server's port, the crawler's identity. Each stage reads its settings from here, never from process.env.
import { join, resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  RIGHTSGRAPH_DATA: z.string().min(1).default('./data'),
  RIGHTSGRAPH_BUFFER_POOL_MB: z.coerce.number().int().min(64).max(65536).default(1024),
  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  RIGHTSGRAPH_API_KEYS: z
    .string()
    .regex(
      /^\s*([\w.@-]+:((reader|editor|admin):)?[^,\s:]{16,})(\s*,\s*[\w.@-]+:((reader|editor|admin):)?[^,\s:]{16,})*\s*$/,
      'entries name:key or name:role:key (role reader, editor or admin), separated by commas, each key at least 16 characters without ":" or ","',
    )
    .optional(),
  RIGHTSGRAPH_ARCHIVE: z.string().min(1).optional(),
  RIGHTSGRAPH_FETCH_ALLOW: z.string().optional(),
  RIGHTSGRAPH_FETCH_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
  RIGHTSGRAPH_CONTACT_URL: z.string().url().default('https://github.com/rightsgraph/rightsgraph'),
  RIGHTSGRAPH_ANONYMOUS_READ: z.enum(['true', 'false']).default('true'),
  RIGHTSGRAPH_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
});

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface ApiKey {
  name: string;
  role: Role;
  key: string;
}

/** "name:key" (an editor, the common case) or "name:role:key", comma-separated. */
export function parseApiKeys(text: string): ApiKey[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const parts = p.split(':');
      return parts.length === 3 ? { name: parts[0]!, role: parts[1] as Role, key: parts[2]! } : { name: parts[0]!, role: 'editor' as const, key: parts[1]! };
    });
}

export type Config = {
  dataDir: string;
  bufferPoolMb: number;
  neo4j: { uri: string; user: string; password: string; database?: string } | null;
  port: number;
  host: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  production: boolean;
  /** From RIGHTSGRAPH_API_KEYS="alice:key1,bob:reader:key2": who the callers are and what they may do. */
  apiKeys: ApiKey[];
  /** Where fetched pages are archived as WARC, by sha256 (RIGHTSGRAPH_ARCHIVE, default the data folder's archive/). */
  archiveDir: string;
  /** Where frozen dossiers are kept by content hash (the data folder's dossiers/). */
  dossierDir: string;
  fetch: {
    /** Hosts and networks the SSRF guard lets through (RIGHTSGRAPH_FETCH_ALLOW="localhost,10.0.0.0/8"). */
    allow: string | undefined;
    /** Minimum delay between two requests to one host. */
    delayMs: number;
    userAgent: string;
  };
  /** RIGHTSGRAPH_ANONYMOUS_READ=false: reading needs a key too. */
  anonymousRead: boolean;
  /** Requests per minute for each key (or each address, without a key): RIGHTSGRAPH_RATE_LIMIT. */
  rateLimitPerMinute: number;
  env: Record<string, string | undefined>;
};

/** A setting the user must fix: the CLI prints its message as one line. */
export class ConfigError extends Error {
  readonly userFacing = true;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (`NEO4J_URI=` in an env file) means unset.
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`bad configuration: ${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return {
    dataDir: resolve(e.RIGHTSGRAPH_DATA),
    bufferPoolMb: e.RIGHTSGRAPH_BUFFER_POOL_MB,
    neo4j: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD ?? '', ...(e.NEO4J_DATABASE ? { database: e.NEO4J_DATABASE } : {}) }
      : null,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    apiKeys: parseApiKeys(e.RIGHTSGRAPH_API_KEYS ?? ''),
    archiveDir: resolve(e.RIGHTSGRAPH_ARCHIVE ?? join(e.RIGHTSGRAPH_DATA, 'archive')),
    dossierDir: resolve(e.RIGHTSGRAPH_DATA, 'dossiers'),
    fetch: {
      allow: e.RIGHTSGRAPH_FETCH_ALLOW,
      delayMs: e.RIGHTSGRAPH_FETCH_DELAY_MS,
      userAgent: `rightsgraph/0.1 (+${e.RIGHTSGRAPH_CONTACT_URL})`,
    },
    anonymousRead: e.RIGHTSGRAPH_ANONYMOUS_READ === 'true',
    rateLimitPerMinute: e.RIGHTSGRAPH_RATE_LIMIT,
    env,
  };
}
