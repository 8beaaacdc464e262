// Maps errors to what a GraphQL client sees: store errors keep their message and get their code (NOT_FOUND,
// INVALID_BATCH…), GraphQL errors pass through, anything else is masked as INTERNAL_SERVER_ERROR and logged.
// GraphQL errors are recognised by name, not instanceof: yoga's executor and our resolvers may load two
// copies of graphql (its CommonJS and ES module builds).
import { GraphQLError } from 'graphql';
import { BusyError, StoreError } from '../store/errors.ts';
import { log } from '../util/log.ts';

const CLIENT_CODES = new Set(['NOT_FOUND', 'INVALID_BATCH', 'INCOMPATIBLE_MERGE', 'BUSY']);

interface GraphQLErrorLike extends Error {
  originalError?: unknown;
  nodes?: GraphQLError['nodes'];
  path?: GraphQLError['path'];
}

const isGraphQLError = (e: unknown): e is GraphQLErrorLike => e instanceof Error && e.name === 'GraphQLError';

export function maskError(error: unknown, message: string): Error {
  const located = isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {};
  const original = isGraphQLError(error) && error.originalError ? error.originalError : error;
  if (original instanceof StoreError) {
    const client = CLIENT_CODES.has(original.code);
    if (!client) log.error({ err: original }, 'store error');
    // Too many writes waiting: HTTP 503 with Retry-After, so clients and proxies back off.
    const http = original instanceof BusyError ? { http: { status: 503, headers: { 'retry-after': String(original.retryAfterSeconds) } } } : {};
    return new GraphQLError(client ? original.message : `the store is unavailable (${original.code})`, { ...located, extensions: { code: original.code, ...http } });
  }
  if (isGraphQLError(original)) return original;
  log.error({ err: original }, 'unexpected error in a resolver');
  return new GraphQLError(message, { ...located, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
