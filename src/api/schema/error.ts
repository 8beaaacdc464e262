// Typed errors (Pothos errors plugin): a mutation answers its result or one of these, each with a stable
// code, in one union (`... on Error { code message }` reads them all). Queries answer the same codes as
// GraphQL errors (extensions.code), as a GraphQL client expects for a bad argument of a read.
import { IncompatibleMergeError, InvalidBatchError, NotFoundError } from '../../store/errors.ts';
import { builder } from '../builder.ts';
import { InputError } from '../validate.ts';

interface CodedError extends Error {
  code: string;
}

export const ErrorInterface = builder.interfaceRef<CodedError>('Error').implement({
  description: 'What went wrong, with a stable code a client can branch on.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'BAD_USER_INPUT, NOT_FOUND, INVALID_BATCH or INCOMPATIBLE_MERGE.' }),
    message: t.exposeString('message', { description: 'For a person: what to change.' }),
  }),
});

const InputIssueRef = builder.objectRef<{ path: string; message: string }>('InputIssue').implement({
  fields: (t) => ({ path: t.exposeString('path', { description: 'The argument, as input.field.' }), message: t.exposeString('message') }),
});

builder.objectType(InputError, {
  name: 'InputError',
  description: 'An argument that does not fit (code BAD_USER_INPUT); each issue names the field.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InputError,
  fields: (t) => ({ issues: t.field({ type: [InputIssueRef], resolve: (e) => e.issues }) }),
});

/** An error class with no fields beyond code and message, as a GraphQL object of the Error interface. */
function plainError(cls: typeof NotFoundError | typeof IncompatibleMergeError, name: string, description: string) {
  builder.objectType(cls, { name, description, interfaces: [ErrorInterface], isTypeOf: (e) => e instanceof cls, fields: () => ({}) });
}

plainError(NotFoundError, 'NotFoundError', 'No entity, claim or document with that id (code NOT_FOUND).');
plainError(IncompatibleMergeError, 'IncompatibleMergeError', 'Two entities that cannot be merged, such as a company and a place (code INCOMPATIBLE_MERGE).');

builder.objectType(InvalidBatchError, {
  name: 'InvalidBatchError',
  description: 'A write the graph refused as a whole (code INVALID_BATCH): a reference to nothing, a kind that does not fit.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidBatchError,
  fields: (t) => ({ problems: t.exposeStringList('problems') }),
});

type ErrorClass = typeof InputError | typeof NotFoundError | typeof InvalidBatchError | typeof IncompatibleMergeError;

/** A mutation's typed errors: the bad input every mutation can get, and those its store verb can raise. */
export const typedErrors = (...more: ErrorClass[]) => ({ types: [InputError, ...more], directResult: true });
