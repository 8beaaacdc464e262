// One paging rule for the API's lists: Relay connections (first/after, last/before) over offset cursors,
// with the arguments checked like every other input (a page too large or a cursor from elsewhere is a
// BAD_USER_INPUT error naming the argument) and, where the store counts them, totalCount.
import { cursorToOffset, offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { z } from 'zod';
import { InputError, parseInput } from './validate.ts';

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
  totalCount?: number;
}

/** How deep offsets may page by default: a store verb without an offset reads offset + limit items. */
const MAX_DEPTH = 10_000;

function offsetOf(cursor: string, arg: string): number {
  try {
    const n = cursorToOffset(cursor);
    if (Number.isInteger(n) && n >= 0) return n;
  } catch {
    // fall through to the error below
  }
  throw new InputError(`${arg}: not a cursor of this list; pass a cursor from its pageInfo or edges`, [{ path: arg, message: 'not a cursor of this list' }]);
}

/**
 * A page of a list. `fetch` gets the offset and how many items to read (one more than the page, to know
 * whether a next page exists) and returns them with the total when the store counts it.
 */
export interface PageSizes {
  defaultSize: number;
  maxSize: number;
  /** How many items the store verb can read in all. */
  depth?: number;
}

export async function page<T>(
  args: PageArgs,
  field: string,
  sizes: PageSizes,
  fetch: (p: { offset: number; limit: number }) => Promise<{ items: readonly T[]; total?: number }>,
): Promise<Connection<T>> {
  const size = z.number().int().min(1, 'at least 1').max(sizes.maxSize, `at most ${sizes.maxSize.toLocaleString('en')}`).optional();
  const first = parseInput(size, args.first, `${field}.first`);
  const last = parseInput(size, args.last, `${field}.last`);
  if (last !== undefined && !args.before && first === undefined) {
    throw new InputError(`${field}.last: pages backward only from a cursor; give before (or first)`, [{ path: `${field}.last`, message: 'needs before (or first)' }]);
  }
  const after = args.after ? offsetOf(args.after, `${field}.after`) : undefined;
  const before = args.before ? offsetOf(args.before, `${field}.before`) : undefined;
  const window = offsetForArgs({
    args: { first, last, ...(after !== undefined ? { after: offsetToCursor(after) } : {}), ...(before !== undefined ? { before: offsetToCursor(before) } : {}) },
    defaultSize: sizes.defaultSize,
    maxSize: sizes.maxSize,
  });
  const depth = sizes.depth ?? MAX_DEPTH;
  if (window.offset >= depth) {
    throw new InputError(`${field}: pages reach ${depth.toLocaleString('en')} items deep; narrow the query (filter, kinds) instead`, [{ path: `${field}.after`, message: 'too deep' }]);
  }
  // The last page before the depth reads no look-ahead item: it cannot say there is more, and there is none to serve.
  const { items, total } = await fetch({ offset: window.offset, limit: Math.min(window.limit, depth - window.offset) });
  const nodes = items.slice(0, window.expectedSize);
  return {
    edges: nodes.map((node, i) => ({ cursor: offsetToCursor(window.offset + i), node })),
    pageInfo: {
      startCursor: nodes.length ? offsetToCursor(window.offset) : null,
      endCursor: nodes.length ? offsetToCursor(window.offset + nodes.length - 1) : null,
      hasPreviousPage: window.hasPreviousPage,
      hasNextPage: window.hasNextPage(items.length),
    },
    ...(total !== undefined ? { totalCount: total } : {}),
  };
}

/** For store verbs that only take a limit: read the first offset + limit items and keep the page's. */
export function fromTop<T>(top: (n: number) => Promise<readonly T[]>) {
  return async ({ offset, limit }: { offset: number; limit: number }) => ({ items: (await top(offset + limit)).slice(offset) });
}
