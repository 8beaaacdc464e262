// The code's schema as SDL (the SDL is printed, never hand-written); `npm run schema` writes it via write-schema.ts.
// graphql is loaded with require, the way Pothos loads it, so one instance of graphql sees the schema under vitest too.
import { createRequire } from 'node:module';
import { schema } from './schema/index.ts';

const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const SCHEMA_FILE = new URL('../../schema/schema.graphql', import.meta.url);

export function printedSchema(): string {
  return graphql.printSchema(graphql.lexicographicSortSchema(schema)) + '\n';
}
