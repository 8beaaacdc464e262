// Builds the Pothos schema builder (and nothing else): the context every resolver sees, and the access
// rule of each root type (scope-auth): reading needs the reader scope, every mutation the editor scope.
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { unauthorized, type AuthScopes } from './auth.ts';
import type { ApiContext } from './context.ts';

export const builder = new SchemaBuilder<{ Context: ApiContext; AuthScopes: AuthScopes; DefaultInputFieldRequiredness: false }>({
  plugins: [ScopeAuthPlugin],
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
