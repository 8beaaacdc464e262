// zod at the API boundary: arguments are parsed with the domain's schemas, and a failure becomes one
// GraphQL error with code BAD_USER_INPUT that names the field, never a stack trace.
import { GraphQLError } from 'graphql';
import { z } from 'zod';

/** Drops nulls (GraphQL's "not given") so zod's optional fields and defaults apply. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}

/**
 * An argument that fails its schema. A GraphQL error with code BAD_USER_INPUT in queries; in mutations, the
 * errors plugin answers it as the typed `InputError` (with its issues) in the mutation's result union.
 */
export class InputError extends GraphQLError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', issues: issues.map((i) => `${i.path}: ${i.message}`) } });
  }
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, argName: string): z.infer<S> {
  const parsed = schema.safeParse(withoutNulls(value));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: [argName, ...i.path].join('.'), message: i.message }));
  throw new InputError(`invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** The free-text note a mutation may carry into its change record. */
export const Note = z.string().max(4000).optional();
