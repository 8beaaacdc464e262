// The committed schema/schema.graphql must equal the code's printed schema: run `npm run schema` when it differs.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../../src/api/print-schema.ts';

test('schema/schema.graphql is the printed schema (run `npm run schema` if this fails)', () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
});
