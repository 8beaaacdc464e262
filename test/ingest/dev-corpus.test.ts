// End to end, as a user runs it: `rightsgraph ingest` of every dev-corpus text (their .meta.json beside
// them) into an empty store. Each document's claims join (Company, Abuse) pairs by ONTOLOGY.md's default
// hop grammar, as the scorer counts them; every such pair must come back from `exposurePaths` with a quote
// on every hop. Microsoft reaches the surveillance of Palestinians through the Human Rights Watch release,
// with the suspension marked; the same ingest again leaves identical counts.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim, EntityKind } from '../../src/domain/index.ts';
import { cliStoreEnv, onNeo4j, openTestStore } from '../helpers/test-store.ts';
import { devCorpusDir } from '../../src/util/shared.ts';

/** ONTOLOGY.md's default grammar, as the scorer walks it: kind → [claim type, direction, next kind]. */
const STEPS: Partial<Record<EntityKind, Array<[Claim['type'], 'f' | 'b', EntityKind]>>> = {
  Company: [['PROVIDES', 'f', 'Technology'], ['SUPPLIES', 'f', 'GovernmentBody'], ['PARTY_TO', 'f', 'Contract'], ['PART_OF', 'b', 'Company']],
  Technology: [['ENABLES', 'f', 'Abuse'], ['USES', 'b', 'GovernmentBody']],
  GovernmentBody: [['RESPONSIBLE_FOR', 'f', 'Abuse'], ['PART_OF', 'f', 'GovernmentBody'], ['PART_OF', 'b', 'GovernmentBody']],
  Contract: [['PARTY_TO', 'b', 'GovernmentBody']],
};

/** The (company, abuse) pairs one document's claims join within five hops. */
function exposurePairs(claims: readonly Claim[], kindOf: (id: string) => EntityKind | undefined): Array<[string, string]> {
  const adj = new Map<string, Set<string>>();
  const add = (k: string, v: string) => adj.set(k, (adj.get(k) ?? new Set()).add(v));
  for (const c of claims) {
    add(`${c.subject}|${c.type}|f`, c.object);
    add(`${c.object}|${c.type}|b`, c.subject);
  }
  const companies = new Set(claims.flatMap((c) => [c.subject, c.object]).filter((id) => kindOf(id) === 'Company'));
  const pairs: Array<[string, string]> = [];
  for (const company of companies) {
    const seen = new Set([company]);
    const found = new Set<string>();
    let frontier = [company];
    for (let hop = 0; hop < 5 && frontier.length; hop++) {
      const next: string[] = [];
      for (const n of frontier) {
        for (const [type, dir, kind] of STEPS[kindOf(n)!] ?? []) {
          for (const m of adj.get(`${n}|${type}|${dir}`) ?? []) {
            if (kindOf(m) !== kind || seen.has(m)) continue;
            if (kind === 'Abuse') found.add(m);
            else {
              seen.add(m);
              next.push(m);
            }
          }
        }
      }
      frontier = next;
    }
    for (const a of found) pairs.push([company, a]);
  }
  return pairs;
}

describe('ingest of the dev corpus into an empty store', () => {
  it('finds every exposure pair the documents state through exposurePaths, quoted hop by hop, idempotently', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-dev-ingest-'));
    try {
      const files = readdirSync(devCorpusDir()).filter((f) => /^\d{3}\.txt$/.test(f)).map((f) => join(devCorpusDir(), f));
      expect(files.length).toBeGreaterThan(0);
      // An empty store to begin with (in the Neo4j pass, the live database emptied).
      if (onNeo4j) await (await openTestStore(dir)).close();
      const env = { ...process.env, ...cliStoreEnv(join(dir, 'data')), LOG_LEVEL: 'warn' };
      const run = () => spawnSync(process.execPath, ['bin/rightsgraph.js', 'ingest', ...files], { env, encoding: 'utf8', timeout: 600_000 });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; documentId: string });
      expect(lines).toHaveLength(files.length);
      // The sidecar's metadata reached the documents.
      const store = await openTestStore(dir, { keep: true });
      const hrwDoc = await store.getDocument(lines.find((l) => l.file.endsWith('002.txt'))!.documentId);
      expect(hrwDoc).toMatchObject({ publisher: 'Human Rights Watch', publishedAt: '2025-10-10', language: 'fr' });
      const stats1 = await store.stats();

      // Every pair a document's claims join is a path the store finds, each hop quoted.
      let pairs = 0;
      const docsWithPairs = new Set<string>();
      for (const l of lines) {
        const { items } = await store.findClaims({ documentId: l.documentId, limit: 1000 });
        const ids = [...new Set(items.flatMap((c) => [c.subject, c.object]))];
        const kinds = new Map((await store.getEntities(ids)).map((e) => [e.id, e.kind]));
        for (const [company, abuse] of exposurePairs(items, (id) => kinds.get(id))) {
          const paths = await store.exposurePaths({ from: company, to: abuse, maxHops: 5, limit: 1 });
          expect(paths.length, `${l.file}: ${company} → ${abuse}`).toBeGreaterThan(0);
          for (const hop of paths[0]!.hops) {
            expect(hop.claims.length).toBeGreaterThan(0);
            expect(hop.claims.every((c) => c.claim.evidence.quote.length > 0)).toBe(true);
          }
          pairs++;
          docsWithPairs.add(l.file);
        }
      }
      // Reports with supply chains in several documents, not one (the extractor reads reports in general).
      expect(pairs).toBeGreaterThanOrEqual(20);
      expect(docsWithPairs.size).toBeGreaterThanOrEqual(5);

      const ms = (await store.searchEntities('Microsoft', { kinds: ['Company'], limit: 1 }))[0]!.entity;
      const paths = await store.exposurePaths({ from: ms.id, limit: 100 });
      const surveillance = paths.filter((p) => {
        const abuse = p.hops.at(-1)!.to.name.normalize('NFD').toLowerCase();
        return /surveil|intercept/.test(abuse) && /palestin/.test(abuse);
      });
      expect(surveillance.length).toBeGreaterThan(0);
      const quotedByHrw = surveillance.find((p) => p.hops.every((h) => h.claims.some((c) => c.document?.publisher === 'Human Rights Watch')));
      expect(quotedByHrw, 'a path whose every hop quotes the HRW release').toBeDefined();
      // Microsoft's suspension: some path to that abuse has a hop marked ended.
      const ended = surveillance.filter((p) => p.ended);
      expect(ended.length).toBeGreaterThan(0);
      expect(ended[0]!.hops.find((h) => h.ended)!.from.id).toBe(ms.id);
      await store.close();

      const second = run();
      expect(second.status).toBe(0);
      for (const l of second.stdout.trim().split('\n').map((x) => JSON.parse(x))) expect(l.claims.created).toBe(0);
      const again = await openTestStore(dir, { keep: true });
      expect(await again.stats()).toEqual(stats1);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
