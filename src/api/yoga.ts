// The GraphQL server instance (graphql-yoga on the Pothos schema), apart from listening (main.ts): tests
// call `api.fetch()` directly. Each concern is a plugin in ./plugins.
import { timingSafeEqual } from 'node:crypto';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GraphStore } from '../store/port.ts';
import { createContext, type ApiContext, type Caller } from './context.ts';
import { maskError } from './errors.ts';
import { useArmor } from './plugins/use-armor.ts';
import { useBodyLimit } from './plugins/use-body-limit.ts';
import { useStaticUi } from './plugins/use-static-ui.ts';
import { schema } from './schema/index.ts';

export interface ApiOptions {
  store: GraphStore;
  /** name → key; a request with `Authorization: Bearer <key>` acts as that name. Mutations need one. */
  apiKeys?: Record<string, string>;
  /** Folder of the built explorer UI, served at /. */
  uiDir?: string | null;
  production?: boolean;
  maxBodyBytes?: number;
}

export type Api = YogaServerInstance<Record<string, unknown>, ApiContext>;

export const GRAPHQL_ENDPOINT = '/graphql';

function callerOf(header: string | null, keys: Record<string, string>): Caller | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return null;
  const given = Buffer.from(m[1]);
  for (const [name, key] of Object.entries(keys)) {
    const want = Buffer.from(key);
    if (want.length === given.length && timingSafeEqual(want, given)) return { name };
  }
  return null;
}

export function createApi(opts: ApiOptions): Api {
  const keys = opts.apiKeys ?? {};
  return createYoga<Record<string, unknown>, ApiContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: { title: 'rightsgraph', defaultQuery: DEFAULT_QUERY },
    maskedErrors: { maskError, isDev: false },
    logging: false,
    context: ({ request }) => createContext(opts.store, callerOf(request.headers.get('authorization'), keys)),
    plugins: [useBodyLimit(opts.maxBodyBytes ?? 1_000_000), useArmor({ production: !!opts.production }), ...(opts.uiDir ? [useStaticUi(opts.uiDir, GRAPHQL_ENDPOINT)] : [])],
  });
}

const DEFAULT_QUERY = `# Who is exposed? Find an entity, then follow its exposure paths to abuses, with the quotes.
query {
  searchEntities(text: "microsoft", limit: 3) { score entity { id name kind } }
}
`;
