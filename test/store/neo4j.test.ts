// The Neo4j adapter: the shared store contract against a live Neo4j wherever NEO4J_URI is set (docker
// compose, the CI service container), and, everywhere, what can be checked without a server: every Cypher
// statement through Neo4j's own parser and semantic analysis, and the one-line errors for a server that is
// not there.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import * as statements from '../../src/store/neo4j/statements.ts';
import { lintStatement, statementsOf } from '../../src/store/neo4j/lint.ts';
import { Neo4jStore } from '../../src/store/neo4j/store.ts';
import { describeStoreContract } from './contract.ts';

const live = !!process.env.NEO4J_URI;

describeStoreContract(
  'neo4j',
  async () => {
    const store = await Neo4jStore.open(loadConfig().neo4j!);
    await store.clear();
    // Leave the database empty for the next user of it (CI migrates into it next).
    const cleanup = async () => {
      const again = await Neo4jStore.open(loadConfig().neo4j!);
      await again.clear();
      await again.close();
    };
    return { store, cleanup };
  },
  !live,
);

// CI runs the contract against a live Neo4j (.ci/run starts one): there, a missing NEO4J_URI is a failure.
describe.runIf(!live && !!process.env.CI)('Neo4j in CI', () => {
  it('has a live Neo4j to run the contract on (NEO4J_URI)', () => {
    expect(process.env.NEO4J_URI, '.ci/run starts one with scripts/neo4j-local.sh').toBeTruthy();
  });
});

describe('Neo4j adapter Cypher, checked offline by Neo4j’s parser', () => {
  const all = statementsOf(statements as unknown as Record<string, unknown>);

  it('finds every statement of the adapter', () => {
    // Each write verb, each read verb, the schema: a lower count means the enumeration missed some.
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((s) => s.name)).size).toBe(all.length);
  });

  it.each(all.map((s) => [s.name, s] as const))('%s has no diagnostics', (_name, s) => {
    expect(lintStatement(s)).toEqual([]);
  });

  it('rejects broken statements, so the check is known to work', () => {
    const broken = [
      { name: 'SYNTAX', text: 'MATCH (e:Entity {id: $id} RETURN e', params: ['id'] },
      { name: 'UNDECLARED_PARAM', text: 'MATCH (e:Entity {id: $idd}) RETURN e', params: ['id'] },
      { name: 'UNBOUND_VARIABLE', text: 'MATCH (e:Entity) RETURN x', params: [] },
      { name: 'MISSPELT_LABEL', text: 'MATCH (e:Entiti) RETURN e', params: [] },
    ];
    for (const s of broken) expect(lintStatement(s), s.name).not.toEqual([]);
  });

  it('declares every parameter a statement reads, and no other', () => {
    for (const s of all) {
      const used = new Set([...s.text.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]));
      expect([...used].sort(), s.name).toEqual([...s.params].sort());
    }
  });
});

describe('Neo4j connection errors', () => {
  it('says in one line that the server is unreachable, and exits non-zero', () => {
    // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
    const child = spawnSync(process.execPath, ['bin/rightsgraph.js', 'stats'], {
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_PASSWORD: 'x' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).not.toBe(0);
    expect(child.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^rightsgraph: Neo4j at bolt:\/\/127\.0\.0\.1:9 is unreachable .*is it running, and is NEO4J_URI right\?$/),
    ]);
  });
});

describe('README’s Neo4j Browser queries', () => {
  it('parse and pass semantic analysis', async () => {
    const { readFileSync } = await import('node:fs');
    const blocks = [...readFileSync('README.md', 'utf8').matchAll(/```cypher\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    blocks.forEach((text, i) => expect(lintStatement({ name: `README ${i + 1}`, text, params: [] })).toEqual([]));
  });
});
