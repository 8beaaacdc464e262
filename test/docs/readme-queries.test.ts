// README's "Queries investigators run" shows real outputs: the queries run again here on a fresh seeded
// store, and the section must be what they return today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUERIES, currentSection, renderSection } from '../../scripts/readme-queries.ts';

describe('README queries', () => {
  it('has at least six queries whose committed output is their real output (run `npm run readme:queries` if not)', async () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(6);
    const section = currentSection(readFileSync('README.md', 'utf8'));
    expect(section).not.toBeNull();
    expect(section).toBe(await renderSection());
    // The suspension shows: ended after 2025-09-25, not before.
    expect(section).toMatch(/"date": "2025-09-25"/);
  });
});
