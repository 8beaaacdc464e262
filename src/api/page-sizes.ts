// Every paged list's default and largest page, by `Type.field`: read by the list resolvers (through
// connection.ts's page) and by the query-cost estimate, so a list asked without `first` is costed at the
// page it will really return.
import type { PageSizes } from './connection.ts';

export const PAGE_SIZES = {
  'Query.search': { defaultSize: 20, maxSize: 1000, depth: 1000 },
  'Query.exposurePaths': { defaultSize: 20, maxSize: 1000, depth: 1000 },
  'Query.exposedTo': { defaultSize: 20, maxSize: 200, depth: 200 },
  'Query.changes': { defaultSize: 100, maxSize: 1000, depth: 1000 },
  'Entity.neighbours': { defaultSize: 100, maxSize: 5000 },
  'Entity.claims': { defaultSize: 100, maxSize: 1000 },
  'Entity.documents': { defaultSize: 50, maxSize: 1000 },
  'Entity.parts': { defaultSize: 100, maxSize: 1000 },
  'Document.claims': { defaultSize: 200, maxSize: 1000 },
} as const satisfies Record<string, PageSizes>;

/** Most ids one `entities(ids:)` or `nodes(ids:)` takes. */
export const MAX_IDS = 1000;
