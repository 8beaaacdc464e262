// Who is asking and what they may do. An API key (`Authorization: Bearer <key>`, from RIGHTSGRAPH_API_KEYS)
// names a caller with a role: reader (read), editor (read, correct, ingest), admin (all, and the audit log).
// Without a key a request may read, unless anonymous reading is off. The scope-auth plugin checks these
// scopes on the Query and Mutation types (builder.ts); here they are computed once per request.
import { timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ApiKey, Role } from '../config.ts';
import type { ApiContext, Caller } from './context.ts';

export interface AuthScopes {
  reader: boolean;
  editor: boolean;
  admin: boolean;
}

const RANK: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };

/** The caller named by a Bearer key, null without one; a wrong key is an error, not anonymity. */
export function callerOf(header: string | null, keys: readonly ApiKey[]): Caller | null | 'bad-key' {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1]) return 'bad-key';
  const given = Buffer.from(m[1]);
  for (const k of keys) {
    const want = Buffer.from(k.key);
    if (want.length === given.length && timingSafeEqual(want, given)) return { name: k.name, role: k.role };
  }
  return 'bad-key';
}

export function scopesOf(caller: Caller | null, anonymousRead: boolean): AuthScopes {
  const rank = caller ? RANK[caller.role] : 0;
  return { reader: rank >= 1 || anonymousRead, editor: rank >= 2, admin: rank >= 3 };
}

/** The error a refused field gets: UNAUTHENTICATED without a key, FORBIDDEN with one whose role is too low. */
export function unauthorized(ctx: ApiContext, need: string): GraphQLError {
  return ctx.caller
    ? new GraphQLError(`${ctx.caller.name} (${ctx.caller.role}) may not do this: it needs the ${need} role`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })
    : new GraphQLError(`this needs an API key with the ${need} role: send \`Authorization: Bearer <key>\``, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The caller of a mutation (the Mutation type's scope guarantees one); named in change records. */
export function requireCaller(ctx: ApiContext): Caller {
  if (!ctx.caller) throw unauthorized(ctx, 'editor');
  return ctx.caller;
}
