// Who may write: mutations need a caller (an API key from RIGHTSGRAPH_API_KEYS); reads are open.
import { GraphQLError } from 'graphql';
import type { ApiContext, Caller } from './context.ts';

export function requireCaller(ctx: ApiContext): Caller {
  if (!ctx.caller) {
    throw new GraphQLError('this mutation needs an API key: send `Authorization: Bearer <key>`', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return ctx.caller;
}
