// The explorer is typed against the API's schema: its operations (src/ui/operations.graphql) validate
// against schema/schema.graphql, and src/ui/generated/operations.ts is what `npm run ui:types` makes of them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/ui-types.ts';

describe('explorer types', () => {
  it('are generated from operations that fit the schema (run `npm run ui:types` if this fails)', () => {
    expect(readFileSync('src/ui/generated/operations.ts', 'utf8')).toBe(generate());
  });
});
