// What only a live Neo4j shows (the Neo4j pass of `npm test`, NEO4J_URI set): the schema created on an
// empty database and found again on an existing one; `rightsgraph migrate` embedded → Neo4j → embedded with
// the two embedded exports byte for byte equal; and the one-line refusals: a wrong password, a database
// holding another application's nodes, a constraint that cannot be created. The raw Cypher below plays
// that other application or a careless administrator; rightsgraph's own statements stay in src/store/.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { Neo4jStore } from '../../src/store/neo4j/store.ts';
import { REQUIRED_CONSTRAINTS } from '../../src/store/neo4j/statements.ts';

const config = loadConfig().neo4j;
let dir: string;
const driver = config ? neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password)) : null;
const cypher = async (text: string, params: Record<string, unknown> = {}) => (await driver!.executeQuery(text, params)).records.map((r) => r.toObject());
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 300_000 });
const emptyNeo4j = async () => {
  const s = await Neo4jStore.open(config!);
  await s.clear();
  await s.close();
};

beforeAll(async () => {
  if (!config) throw new Error('the Neo4j pass needs NEO4J_URI');
  dir = await mkdtemp(join(tmpdir(), 'rg-neo4j-live-'));
});
afterAll(async () => {
  await emptyNeo4j();
  await driver?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the schema on a live Neo4j', () => {
  it('creates every constraint and the folding full-text index on an empty database, and finds them again', async () => {
    await cypher('MATCH (n) DETACH DELETE n');
    for (const r of await cypher('SHOW CONSTRAINTS YIELD name RETURN name')) await cypher(`DROP CONSTRAINT ${String(r.name)} IF EXISTS`);
    for (const r of await cypher("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")) await cypher(`DROP INDEX ${String(r.name)} IF EXISTS`);
    for (const round of [1, 2]) {
      const store = await Neo4jStore.open(config!);
      await store.close();
      const constraints = (await cypher('SHOW CONSTRAINTS YIELD name, entityType RETURN name, entityType')).map((r) => `${r.name}:${r.entityType}`);
      for (const c of REQUIRED_CONSTRAINTS) expect(constraints.some((x) => x.startsWith(`${c}:`)), `round ${round}: ${c}`).toBe(true);
      // Claim ids are unique on relationships (Neo4j 5's relationship uniqueness constraint).
      expect(constraints).toContain('claim_id:RELATIONSHIP');
      const [fulltext] = await cypher("SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'entity_names' RETURN options");
      expect((fulltext?.options as { indexConfig: Record<string, unknown> }).indexConfig['fulltext.analyzer']).toBe('standard-folding');
    }
  });
});

describe('migrate embedded → Neo4j → embedded', () => {
  it('gives back the same graph, byte for byte', async () => {
    await emptyNeo4j();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const embedded = (data: string) => ({ RIGHTSGRAPH_DATA: data, NEO4J_URI: config!.uri, NEO4J_PASSWORD: config!.password });
    expect(cli(['seed'], { RIGHTSGRAPH_DATA: a, NEO4J_URI: '' }).status).toBe(0);
    const there = cli(['migrate', '--from', a, '--to', 'neo4j'], embedded(a));
    expect(there.status, there.stderr).toBe(0);
    const back = cli(['migrate', '--from', 'neo4j', '--to', b], embedded(b));
    expect(back.status, back.stderr).toBe(0);
    for (const [data, out] of [[a, 'a.jsonl'], [b, 'b.jsonl']] as const) {
      const r = cli(['export', '--out', join(dir, out)], { RIGHTSGRAPH_DATA: data, NEO4J_URI: '' });
      expect(r.status, r.stderr).toBe(0);
    }
    const [ea, eb] = await Promise.all([readFile(join(dir, 'a.jsonl')), readFile(join(dir, 'b.jsonl'))]);
    expect(ea.length).toBeGreaterThan(1000);
    expect(eb.equals(ea)).toBe(true);
  });
});

describe('refusals from a live Neo4j, in one line', () => {
  const oneLine = (r: ReturnType<typeof cli>) => {
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('names a wrong password', () => {
    expect(oneLine(cli(['stats'], { NEO4J_URI: config!.uri, NEO4J_PASSWORD: 'not-the-password' }))).toMatch(/^rightsgraph: Neo4j at .* refused user "neo4j": wrong user or password/);
  });

  it('refuses a database that holds another application’s nodes', async () => {
    await cypher('MATCH (n) DETACH DELETE n');
    await cypher('CREATE (:Invoice {number: 1})');
    try {
      expect(oneLine(cli(['stats'], { NEO4J_URI: config!.uri, NEO4J_PASSWORD: config!.password }))).toMatch(/holds nodes that are not rightsgraph's: use an empty database/);
    } finally {
      await cypher('MATCH (n:Invoice) DELETE n');
    }
  });

  it('refuses when a required constraint cannot be created, and says what to do', async () => {
    await emptyNeo4j();
    await cypher('DROP CONSTRAINT entity_id IF EXISTS');
    // Two entities with one id: the uniqueness constraint can no longer be created.
    await cypher("CREATE (:Entity {id: 'co_dup'}), (:Entity {id: 'co_dup'})");
    try {
      expect(oneLine(cli(['stats'], { NEO4J_URI: config!.uri, NEO4J_PASSWORD: config!.password }))).toMatch(/lacks the constraints entity_id and they could not be created .*run rightsgraph once as a user with schema rights/);
    } finally {
      await cypher("MATCH (e:Entity {id: 'co_dup'}) DELETE e");
      await emptyNeo4j();
    }
  });
});

describe('claims looked up by id', () => {
  // Every claim-by-id statement must seek the claim-id index, however small the database it is planned on:
  // a scan per id is what a 100,000-claim load would pay for each of its 50,000-id lookups.
  it('seek the claim-id index even when planned on an empty database', async () => {
    await emptyNeo4j();
    const { CLAIM_RECORDS, SET_CLAIM_REVIEW, MOVE_CLAIMS } = await import('../../src/store/neo4j/statements.ts');
    const operators = (plan: { operatorType: string; children: unknown[] }): string[] => [plan.operatorType, ...plan.children.flatMap((c) => operators(c as typeof plan))];
    for (const s of [CLAIM_RECORDS, SET_CLAIM_REVIEW, MOVE_CLAIMS]) {
      const params = Object.fromEntries(s.params.map((p) => [p, p === 'ids' ? ['cl_x'] : p === 'rows' ? [{ id: 'cl_x', subject: 'a', object: 'b' }] : 'x']));
      const { summary } = await driver!.executeQuery(`EXPLAIN ${s.text}`, params);
      const ops = operators(summary.plan as never).join(' ');
      expect(ops, s.name).toMatch(/RelationshipIndexSeek|RelationshipUniqueIndexSeek/);
      expect(ops, s.name).not.toMatch(/AllRelationshipsScan|RelationshipTypeScan/);
    }
  });
});
