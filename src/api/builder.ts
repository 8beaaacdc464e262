// Builds the Pothos schema builder (and nothing else): the context every resolver sees, and the access
// rule of each root type (scope-auth): reading needs the reader scope, every mutation the editor scope;
// typed errors (the errors plugin) for the mutations, declared in schema/error.ts.
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { typenameOfId } from './global-id.ts';
import { unauthorized, type AuthScopes } from './auth.ts';
import type { ApiContext } from './context.ts';
import { MAX_IDS } from './page-sizes.ts';
import { InputError } from './validate.ts';

// Fields are non-null unless declared nullable, so clients (the explorer's generated types) know what is there.
export const builder = new SchemaBuilder<{ Context: ApiContext; AuthScopes: AuthScopes; DefaultInputFieldRequiredness: false; DefaultFieldNullability: false }>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, DataloaderPlugin, RelayPlugin],
  // Global ids are the graph's own ids: their prefix already names the type (co_… an Entity, cl_… a Claim,
  // doc_… a Document), and investigators paste them between GraphQL, the CLI and Neo4j Browser.
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (globalID) => ({ typename: typenameOfId(globalID), id: globalID }),
    // Every list argument has a ceiling: 10,000 ids nested in neighbours once held the server for 25 s.
    nodesQueryOptions: {
      resolve: (_root, args, _ctx, _info, resolveNodes) => {
        if (args.ids.length > MAX_IDS) throw new InputError(`ids: at most ${MAX_IDS} ids`, [{ path: 'ids', message: `at most ${MAX_IDS}` }]);
        return resolveNodes(args.ids);
      },
    },
  },
  scopeAuth: {
    authScopes: (ctx) => ctx.scopes,
    unauthorizedError: (_parent, ctx, _info, result) => unauthorized(ctx, scopeOf(result.failure)),
  },
});
builder.queryType({ authScopes: { reader: true } });
builder.mutationType({
  description: 'Corrections and ingest by an editor; each needs an API key and leaves a change record.',
  authScopes: { editor: true },
});

/** The scope a refusal was about (the first one named in the failure). */
function scopeOf(f: { kind: string; scope?: string; failures?: unknown[] }): string {
  if (f.scope) return f.scope;
  for (const x of f.failures ?? []) {
    const s = scopeOf(x as typeof f);
    if (s !== 'reader') return s;
  }
  return 'reader';
}
