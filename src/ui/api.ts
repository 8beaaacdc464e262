// The explorer's only way to the graph: the public GraphQL API, with the editor's key when one was given
// (kept for the browser session only). The x-rightsgraph header marks requests as the app's (CSRF rule).
import { OPERATIONS, type OperationName } from './generated/operations.ts';

const KEY = 'rightsgraph.key';

export function editorKey(): string | null {
  return sessionStorage.getItem(KEY);
}
export function setEditorKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = editorKey();
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rightsgraph': '1', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new ApiError(body.errors[0]!.message, body.errors[0]!.extensions?.code);
  return body.data as T;
}

type Ops = typeof OPERATIONS;
/** A named operation of operations.graphql, typed by the generated result and variable types. */
export function op<N extends OperationName>(name: N, variables: Ops[N]['variables']): Promise<Ops[N]['data']> {
  return gql<Ops[N]['data']>(OPERATIONS[name].document, variables as Record<string, unknown>);
}

/** The nodes of a page of a connection, in order. */
export const nodes = <T>(connection: { edges: ReadonlyArray<{ node: T }> }): T[] => connection.edges.map((e) => e.node);

/** A mutation's result, or its typed error (InputError, NotFoundError …) thrown as an ApiError. */
export function ok<R extends { __typename: string }>(result: R): Exclude<R, { code: string; message: string }> {
  if ('code' in result && 'message' in result) throw new ApiError(String(result.message), String(result.code));
  return result as Exclude<R, { code: string; message: string }>;
}
