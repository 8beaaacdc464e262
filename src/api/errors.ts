// Maps errors to what a GraphQL client sees: store errors keep their message and get their code (NOT_FOUND,
// INVALID_BATCH…), GraphQL errors pass through, anything else is masked as INTERNAL_SERVER_ERROR and logged.
import { GraphQLError } from 'graphql';
import { StoreError } from '../store/errors.ts';
import { log } from '../util/log.ts';

const CLIENT_CODES = new Set(['NOT_FOUND', 'INVALID_BATCH', 'INCOMPATIBLE_MERGE']);

export function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof StoreError) {
    const client = CLIENT_CODES.has(original.code);
    if (!client) log.error({ err: original }, 'store error');
    return new GraphQLError(client ? original.message : `the store is unavailable (${original.code})`, {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
      extensions: { code: original.code },
    });
  }
  if (original instanceof GraphQLError) return original;
  if (error instanceof GraphQLError && !error.originalError) return error;
  log.error({ err: original }, 'unexpected error in a resolver');
  return new GraphQLError(message, {
    ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
