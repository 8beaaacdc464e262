// Replies and silences as reports write them, in English and French, bound to the party named before the cue.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/extract.ts';

const party = (r: ReturnType<typeof extract>, id: string) => r.entities.find((e) => e.id === id)?.name;

describe('replies found in reports', () => {
  it.each([
    ['en', 'Hikvision supplies surveillance cameras to the Xinjiang public security bureau. Hikvision did not respond to a request for comment.', 'Hikvision', 'no_response'],
    ['en', 'NSO Group sold Pegasus to the Saudi government. NSO Group declined to comment.', 'NSO Group', 'no_response'],
    ['en', 'Microsoft provides Azure to Unit 8200. Microsoft said in a statement that it had opened a review.', 'Microsoft', 'reply'],
    ['fr', 'Thales fournit des caméras au ministère de l’Intérieur. Thales n’a pas répondu à nos questions.', 'Thales', 'no_response'],
    ['fr', 'Microsoft fournit Azure à l’unité 8200. Dans un communiqué, Microsoft a déclaré avoir ouvert une enquête.', 'Microsoft', 'reply'],
  ] as const)('%s: %s', (lang, text, who, kind) => {
    const r = extract(text, { language: lang });
    expect(r.responses.map((x) => [party(r, x.entity), x.kind])).toContainEqual([who, kind]);
    for (const x of r.responses) expect(text.slice(x.start, x.end)).toBe(x.quote);
  });

  it('finds none where no party answers or stays silent', () => {
    const r = extract('Hikvision supplies surveillance cameras to the Xinjiang public security bureau, the report said.', { language: 'en' });
    expect(r.responses).toEqual([]);
  });
});
