// The GraphQL server instance (graphql-yoga on the Pothos schema), apart from listening (main.ts): tests
// call `api.fetch()` directly. Each concern is a plugin in ./plugins; hardening is on by default.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { ApiKey } from '../config.ts';
import type { GraphStore } from '../store/port.ts';
import { callerOf } from './auth.ts';
import { createContext, type ApiContext } from './context.ts';
import { Jobs } from './jobs.ts';
import type { Fetcher } from '../fetch/fetcher.ts';
import { maskError } from './errors.ts';
import { useArmor } from './plugins/use-armor.ts';
import { useQueryCost } from './plugins/use-query-cost.ts';
import { useTimeLimit } from './plugins/use-time-limit.ts';
import { useHiddenSuggestions } from './plugins/use-hidden-suggestions.ts';
import { useRateLimit } from './plugins/use-rate-limit.ts';
import { useStaticUi, useUiNotBuilt } from './plugins/use-static-ui.ts';
import { useArchive } from './plugins/use-archive.ts';
import { useDossiers } from './plugins/use-dossiers.ts';
import { schema } from './schema/index.ts';
import { ingestLane } from '../ingest/ingest.ts';

export interface ApiOptions {
  store: GraphStore;
  /** Who may call with `Authorization: Bearer <key>`, and in which role. */
  apiKeys?: ApiKey[];
  /** Reading without a key (default true). */
  anonymousRead?: boolean;
  /** Requests a minute per key or per client address (default 600). */
  rateLimitPerMinute?: number;
  /** Folder of the built explorer UI, served at /. */
  uiDir?: string | null;
  /** Production: no introspection, no GraphiQL, no field suggestions. */
  production?: boolean;
  maxBodyBytes?: number;
  /** For `ingestUrl`: the guarded fetcher and the WARC archive folder (without them, ingestUrl is refused). */
  fetcher?: Fetcher | null;
  archiveDir?: string | null;
  /** Where frozen dossiers are kept (the `dossier` mutation and /dossiers/<sha256>); without it, dossiers are refused. */
  dossierDir?: string | null;
  /** Ingests waiting their turn before more are refused with 503 (default INGEST_WAITING). */
  maxWaitingIngests?: number;
  /** Longest an operation may take before it is answered with TIMEOUT (default 30 s). */
  timeLimitMs?: number;
}

export type Api = YogaServerInstance<Record<string, unknown>, ApiContext>;

export const GRAPHQL_ENDPOINT = '/graphql';
/** Operations in one batched request (an array body); more is refused before any runs. */
export const MAX_BATCH = 10;

function clientAddress(request: Request, serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local';
}

export function createApi(opts: ApiOptions): Api {
  const keys = opts.apiKeys ?? [];
  const anonymousRead = opts.anonymousRead ?? true;
  const production = !!opts.production;
  if (opts.maxWaitingIngests !== undefined) ingestLane(opts.store).maxWaiting = opts.maxWaitingIngests;
  const services = { store: opts.store, jobs: new Jobs(), fetcher: opts.fetcher ?? null, archiveDir: opts.archiveDir ?? null, dossierDir: opts.dossierDir ?? null };
  return createYoga<Record<string, unknown>, ApiContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: production ? false : { title: 'rightsgraph', defaultQuery: DEFAULT_QUERY },
    // GraphiQL from the npm package, scripts and styles inline: yoga's default loads them from a CDN and
    // stays on "Loading…" on an offline newsroom machine. Imported on first use (the bundle is 9 MB).
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    maskedErrors: { maskError, isDev: false },
    batching: { limit: MAX_BATCH },
    // Yoga refuses a declared Content-Length over the limit before reading, and stops reading a chunked
    // body as soon as it passes the limit (413, REQUEST_ENTITY_TOO_LARGE).
    maxRequestBodySize: opts.maxBodyBytes ?? 1_000_000,
    logging: false,
    context: ({ request }) => {
      const caller = callerOf(request.headers.get('authorization'), keys);
      if (caller === 'bad-key') {
        throw new GraphQLError('unknown API key: check the `Authorization: Bearer <key>` header', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      return createContext(services, caller, anonymousRead);
    },
    plugins: [
      useRateLimit({
        perMinute: opts.rateLimitPerMinute ?? 600,
        keyOf: (request, sc) => {
          const c = callerOf(request.headers.get('authorization'), keys);
          return c && c !== 'bad-key' ? `key:${c.name}` : `ip:${clientAddress(request, sc)}`;
        },
      }),
      // Browser requests must be preflighted (JSON POST, or a GET with this header): a page on another site
      // cannot make a reader's browser run a mutation with its cookies or network position.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-rightsgraph'] }),
      useArmor(),
      useQueryCost(),
      useTimeLimit(opts.timeLimitMs),
      ...(production ? [useDisableIntrospection(), useHiddenSuggestions()] : []),
      ...(opts.archiveDir ? [useArchive(opts.archiveDir)] : []),
      ...(opts.dossierDir ? [useDossiers(opts.dossierDir, opts.store)] : []),
      opts.uiDir ? useStaticUi(opts.uiDir, GRAPHQL_ENDPOINT) : useUiNotBuilt(GRAPHQL_ENDPOINT),
    ],
  });
}

export const DEFAULT_QUERY = `# Who is exposed? Find an entity, then follow its exposure paths to abuses, with the quotes.
query {
  search(text: "microsoft", first: 3) { edges { node { score entity { id name kind } } } }
}
`;
