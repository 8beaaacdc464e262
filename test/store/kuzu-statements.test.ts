// Every statement of the Kùzu adapter (src/store/kuzu/statements.ts) executed against a real database:
// each constant once, each builder with each of its fragments, with the parameters it declares, on rows
// staged the way the adapter stages them. A statement Kùzu cannot parse or bind, or one declaring other
// parameters than it reads, fails here. The last test checks that nothing exported went unexecuted.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KuzuConnection, type Row } from '../../src/store/kuzu/connection.ts';
import { tsvRow } from '../../src/store/kuzu/csv.ts';
import { CHANGE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, ENTITY_COLUMNS } from '../../src/store/kuzu/rows.ts';
import * as S from '../../src/store/kuzu/statements.ts';

const executed = new Set<string>();
let dir: string;
let db: KuzuConnection;

async function run(s: S.Statement, params?: Record<string, unknown>): Promise<Row[]> {
  executed.add(s.name);
  return db.query(s, params);
}

function staged(name: string, cols: readonly string[], rows: Array<Array<string | number>>, header = true): string {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, (header ? `${cols.join('\t')}\n` : '') + rows.map((r) => tsvRow(r)).join(''));
  return file;
}

const entityRow = ['co_a', 'Company', 'acme', JSON.stringify({ id: 'co_a', kind: 'Company', name: 'Acme', externalIds: { lei: 'X' } })];
const locationRow = ['loc_a', 'Location', 'paris', JSON.stringify({ id: 'loc_a', kind: 'Location', name: 'Paris', countryCode: 'FR' })];
const documentRow = ['doc_a', JSON.stringify({ id: 'doc_a', url: 'https://example.org/a' })];
const claimRow = ['cl_a', 'PROVIDES', 'co_a', 'loc_a', 'doc_a', 'stated', 0.9, 'unreviewed', '2025-01-01', '2025-01-01', '{"id":"cl_a"}', '{"status":"unreviewed"}'];
const changeRow = ['ch_a', '2025-01-01T00:00:00Z', 'merge', '|co_a|', '{"id":"ch_a"}'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-kuzu-st-'));
  db = await KuzuConnection.open(join(dir, 'graph.kuzu'), { bufferPoolMb: 64, readOnly: false });
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the Kùzu adapter’s statements', () => {
  it('create the schema and read and write Meta', async () => {
    for (const s of S.CREATE_TABLES) await run(s);
    const tables = (await run(S.SHOW_TABLES)).map((r) => r.name).sort();
    expect(tables).toEqual(['Change', 'Claim', 'Document', 'Entity', 'Meta', 'Redirect']);
    await run(S.META_CREATE, { key: 'app', value: 'rightsgraph' });
    await run(S.META_SET, { key: 'app', value: 'rightsgraph' });
    expect(await run(S.META_GET, { key: 'app' })).toEqual([{ v: 'rightsgraph' }]);
    expect(await run(S.META_ALL)).toEqual([{ key: 'app', value: 'rightsgraph' }]);
  });

  it('run transactions: commit and rollback', async () => {
    await run(S.BEGIN);
    await run(S.META_SET, { key: 'scratch', value: '1' });
    await run(S.ROLLBACK);
    expect(await run(S.META_GET, { key: 'scratch' })).toEqual([]);
    await run(S.BEGIN);
    await run(S.META_SET, { key: 'scratch', value: '2' });
    await run(S.COMMIT);
    expect(await run(S.META_GET, { key: 'scratch' })).toEqual([{ v: '2' }]);
  });

  it('merge staged rows into every table, twice (the second time on match)', async () => {
    const redirectCols = ['id', 'target'];
    for (let i = 0; i < 2; i++) {
      await run(S.mergeFrom('Document', DOCUMENT_COLUMNS, staged('docs', DOCUMENT_COLUMNS, [documentRow])));
      await run(S.mergeFrom('Entity', ENTITY_COLUMNS, staged('ents', ENTITY_COLUMNS, [entityRow, locationRow])));
      await run(S.mergeFrom('Redirect', redirectCols, staged('redirects', redirectCols, [['co_old', 'co_a']])));
      await run(S.mergeFrom('Claim', CLAIM_COLUMNS, staged('claims', CLAIM_COLUMNS, [claimRow]), ['status', 'review']));
      await run(S.mergeFrom('Change', CHANGE_COLUMNS, staged('changes', CHANGE_COLUMNS, [changeRow])));
    }
    expect(await run(S.COUNT_DOCUMENTS)).toEqual([{ n: 1 }]);
    expect(await run(S.COUNT_ENTITIES_BY_KIND)).toHaveLength(2);
    expect(await run(S.COUNT_CLAIMS_BY_TYPE)).toEqual([{ k: 'PROVIDES', n: 1 }]);
    expect(await run(S.REDIRECTS_ALL)).toEqual([{ id: 'co_old', target: 'co_a' }]);
  });

  it('read by text, by entity and by condition: each condition alone and all together', async () => {
    expect((await run(S.ENTITIES_WITH_TEXT, { needle: '"lei":"' })).map((r) => r.id)).toEqual(['co_a']);
    expect(await run(S.LOCATIONS_WITH_TEXT, { needle: '"countryCode":"FR"', cap: 10 })).toEqual([{ id: 'loc_a' }]);
    expect(await run(S.DOCUMENT_IDS_OF_ENTITY, { e: 'co_a', limit: 10 })).toEqual([{ d: 'doc_a' }]);
    const values: Record<string, unknown> = {
      e: 'co_a', d: 'doc_a', types: ['PROVIDES'], cert: ['stated'], status: ['unreviewed'], minc: 0.5, from: '2020-01-01', to: '2030-01-01', after: 'cl_',
    };
    const all = Object.keys(S.CLAIM_CONDITIONS) as S.ClaimCondition[];
    for (const conds of [[], ...all.map((c) => [c]), all]) {
      const params = Object.fromEntries(conds.map((c) => [S.CLAIM_CONDITIONS[c][1], values[S.CLAIM_CONDITIONS[c][1]]]));
      expect(await run(S.countClaimsWhere(conds), params), conds.join()).toEqual([{ n: 1 }]);
      expect(await run(S.claimsWhere(conds), { ...params, limit: 10 }), conds.join()).toHaveLength(1);
    }
    const changeValues: Record<string, unknown> = { t: '|co_a|', a: 'merge' };
    const allChanges = Object.keys(S.CHANGE_CONDITIONS) as S.ChangeCondition[];
    for (const conds of [[], ...allChanges.map((c) => [c]), allChanges]) {
      const params = Object.fromEntries(conds.map((c) => [S.CHANGE_CONDITIONS[c][1], changeValues[S.CHANGE_CONDITIONS[c][1]]]));
      expect(await run(S.changesWhere(conds), { ...params, limit: 10 }), conds.join()).toHaveLength(1);
    }
  });

  it('build, query and drop the search index', async () => {
    await run(S.CREATE_SEARCH_INDEX);
    expect((await run(S.SHOW_INDEXES)).map((r) => r.name)).toEqual([S.FTS_INDEX]);
    for (const byKind of [false, true]) {
      const kinds = byKind ? { kinds: ['Company'] } : {};
      expect((await run(S.searchFts(byKind), { q: 'acme', pool: 10, ...kinds })).map((r) => r.id)).toEqual(['co_a']);
      expect((await run(S.searchContains(byKind), { q: 'acm', pool: 10, ...kinds })).map((r) => r.id)).toEqual(['co_a']);
    }
    await run(S.DROP_SEARCH_INDEX);
    expect(await run(S.SHOW_INDEXES)).toEqual([]);
  });

  it('copy every dump out to a file, and copy staged files into empty tables', async () => {
    for (const dump of Object.keys(S.DUMPS) as S.Dump[]) {
      const file = join(dir, `${dump}.csv`);
      await run(S.copyTo(dump, file));
      expect(readFileSync(file, 'utf8').length, dump).toBeGreaterThan(0);
    }
    const other = db;
    db = await KuzuConnection.open(join(dir, 'empty.kuzu'), { bufferPoolMb: 64, readOnly: false });
    try {
      for (const s of S.CREATE_TABLES) await run(s);
      await run(S.copyFrom('Document', staged('bulk-docs', DOCUMENT_COLUMNS, [documentRow], false)));
      await run(S.copyFrom('Entity', staged('bulk-ents', ENTITY_COLUMNS, [entityRow, locationRow], false)));
      await run(S.copyFrom('Claim', staged('bulk-claims', CLAIM_COLUMNS, [claimRow], false)));
      expect(await run(S.COUNT_CLAIMS_BY_TYPE)).toEqual([{ k: 'PROVIDES', n: 1 }]);
    } finally {
      await db.close();
      db = other;
    }
  });

  it('update, delete and redirect', async () => {
    await run(S.CLAIM_UPDATE, { id: 'cl_a', s: 'co_a', o: 'loc_a', status: 'accepted', data: '{"id":"cl_a"}', review: '{"status":"accepted"}' });
    await run(S.ENTITY_UPDATE, { id: 'co_a', folded: 'acme corp', data: entityRow[3] });
    await run(S.REDIRECTS_RETARGET, { drop: 'co_a', keep: 'co_b' });
    await run(S.REDIRECT_SET, { drop: 'co_a', keep: 'co_b' });
    expect((await run(S.REDIRECTS_ALL)).map((r) => `${r.id}→${r.target}`).sort()).toEqual(['co_a→co_b', 'co_old→co_b']);
    await run(S.ENTITY_DELETE, { id: 'loc_a' });
    expect((await run(S.COUNT_ENTITIES_BY_KIND)).map((r) => r.k)).toEqual(['Company']);
    await run(S.CHECKPOINT);
  });

  it('refuses a statement given other parameters than it declares', async () => {
    await expect(db.query(S.META_GET, {})).rejects.toThrow(/META_GET takes \(key\), given \(\)/);
    await expect(db.query(S.META_GET, { key: 'app', extra: 1 })).rejects.toThrow(/given \(extra,key\)/);
  });

  it('left none unexecuted', () => {
    // Constants and arrays of them by their names; builders by the name their statements carry.
    const named = Object.values(S).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is S.Statement => !!v && typeof v === 'object' && 'text' in v).map((s) => s.name);
    const built = [
      ...['Document', 'Entity', 'Redirect', 'Claim', 'Change'].map((t) => `MERGE_FROM_${t}`),
      ...['Document', 'Entity', 'Claim'].map((t) => `COPY_FROM_${t}`),
      ...Object.keys(S.DUMPS).map((d) => `COPY_TO_${d}`),
      'COUNT_CLAIMS_WHERE', 'CLAIMS_WHERE', 'CHANGES_WHERE', 'SEARCH_FTS', 'SEARCH_CONTAINS',
    ];
    const builders = Object.entries(S).filter(([, v]) => typeof v === 'function').map(([k]) => k).sort();
    expect(builders).toEqual(['changesWhere', 'claimsWhere', 'copyFrom', 'copyTo', 'countClaimsWhere', 'mergeFrom', 'searchContains', 'searchFts']);
    expect([...named, ...built].filter((n) => !executed.has(n))).toEqual([]);
  });
});
