// README's "Queries investigators run": each query runs against a fresh embedded store loaded with the seed
// stories, and its real output is written into README.md between the markers. `npm run readme:queries`
// rewrites the section; `--check` (run by a test) fails when README differs from what the queries return.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../src/api/yoga.ts';
import { loadSeeds } from '../src/ingest/seed.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';

export const START = '<!-- queries:start (written by `npm run readme:queries`; edit scripts/readme-queries.ts) -->';
export const END = '<!-- queries:end -->';

const SURVEILLANCE = 'abuse_mass-surveillance-of-palestinian_5bc0908eee';

export const QUERIES: Array<{ title: string; why: string; query: string }> = [
  {
    title: 'Every company exposed to an abuse, with the evidence for each hop',
    why: 'The reverse of an exposure path: start from the abuse, rank the companies whose supply leads to it (best path each, as of a date).',
    query: `query ExposedToSurveillance {
  exposedTo(abuse: "${SURVEILLANCE}", asOf: "2025-10-01", first: 3) {
    edges {
      node {
        score
        ended
        hops {
          from { name }
          edge { type }
          to { name }
          ended { date }
          claims { claim { certainty evidence { quote } } document { publisher publishedAt url } }
        }
      }
    }
  }
}`,
  },
  {
    title: 'What a military unit uses, and who supplies it',
    why: 'From Unit 8200: the technologies it is said to use, and for each the companies said to provide it.',
    query: `query Unit8200Supply {
  entity(id: "gov_unit-8200_7bc58b9cc7") {
    name
    aliases
    neighbours(filter: { types: [USES] }, direction: out) {
      edges {
        node {
          entity {
            name
            techType
            neighbours(filter: { types: [PROVIDES] }, direction: in) {
              edges { node { entity { name } edge { certainties documents { publisher publishedAt } } } }
            }
          }
          edge { claimCount certainties latestDate }
        }
      }
    }
  }
}`,
  },
  {
    title: "Microsoft's paths to any abuse before and after its 2025-09-25 suspension",
    why: 'The same question at two dates: on 2025-10-01 the Unit 8200 hop is marked ended (the path stays, with the date, at a lower score).',
    query: `query MicrosoftBeforeAndAfter {
  before: exposurePaths(from: "co_Q2283", asOf: "2025-09-01", first: 2) {
    edges { node { score ended hops { from { name } edge { type } to { name } ended { date } } } }
  }
  after: exposurePaths(from: "co_Q2283", asOf: "2025-10-01", first: 2) {
    edges { node { score ended hops { from { name } edge { type } to { name } ended { date } } } }
  }
}`,
  },
  {
    title: 'The claims of one document',
    why: 'Everything one report says, ready to check against its text: type, ends, certainty, date and the quote.',
    query: `query ClaimsOfOneReport {
  document(id: "doc_uf2350e3cbc1e84c9f55") {
    title
    publisher
    publishedAt
    url
    claims {
      totalCount
      edges { node { type subject { name } object { name } certainty date evidence { quote } } }
    }
  }
}`,
  },
  {
    title: 'The review queue: unreviewed claims above a confidence',
    why: 'What an editor reviews next, as a Relay connection; page on with `after: pageInfo.endCursor`.',
    query: `query ReviewQueue {
  claims(filter: { review: [unreviewed], minConfidence: 0.9 }, first: 4) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id type subject { name } object { name } confidence extractor } }
  }
}`,
  },
  {
    title: 'Find an entity in any language, accents optional',
    why: '"unite 8200" finds Unit 8200 by its French alias; kinds narrow the search.',
    query: `query FindUnit {
  search(text: "unite 8200", kinds: [GovernmentBody], first: 2) {
    edges { node { score entity { id name kind aliases } } }
  }
}`,
  },
];

export async function renderSection(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-readme-'));
  const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
  try {
    await loadSeeds(store);
    const api = createApi({ store });
    const parts: string[] = [START, ''];
    for (const [i, q] of QUERIES.entries()) {
      const res = await api.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q.query }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      if (body.errors) throw new Error(`README query "${q.title}" failed: ${JSON.stringify(body.errors)}`);
      parts.push(`### ${i + 1}. ${q.title}`, '', q.why, '', '```graphql', q.query, '```', '', '<details><summary>Output on the seed data</summary>', '', '```json', JSON.stringify(body.data, null, 2), '```', '', '</details>', '');
    }
    parts.push(END);
    return parts.join('\n');
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function currentSection(readme: string): string | null {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  return a >= 0 && b > a ? readme.slice(a, b + END.length) : null;
}

// Run as a script (not when a test imports it).
if (!process.env.VITEST) {
  const readme = readFileSync('README.md', 'utf8');
  const fresh = await renderSection();
  const now = currentSection(readme);
  if (process.argv.includes('--check')) {
    if (now !== fresh) {
      process.stderr.write('README.md "Queries investigators run" differs from the queries\' real output: run `npm run readme:queries`\n');
      process.exit(1);
    }
  } else {
    if (!now) throw new Error(`README.md lacks the markers ${START} … ${END}`);
    writeFileSync('README.md', readme.replace(now, fresh));
    process.stderr.write('README.md: queries section rewritten\n');
  }
}
