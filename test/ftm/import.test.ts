// `rightsgraph import --format ftm`, run as a child process: our own FtM export read back into an empty
// store gives the same documents, entities and claims (reviews included); an OpenSanctions-shaped file
// (invented records, relationships before their entities) lands on the graph's entities by Wikidata id and
// by name, keeps its ids as OpenSanctions ids, and turns its relationships into claims of
// `import:<dataset>` with their dates; what has no kind here is counted; a bad line refuses the import.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cliOk, runCli } from '../helpers/cli.ts';
import { afterAll, describe, expect, it } from 'vitest';
import type { Claim, Entity, ExportRecord } from '../../src/domain/index.ts';
import { claims, documents, entities } from '../store/fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'rg-ftm-in-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = runCli;
const ok = cliOk;

/** The graph's documents, entities and claims, by id (what FtM can carry). */
function graphOf(data: string): Map<string, unknown> {
  const file = join(root, `export-${Math.random().toString(36).slice(2)}.jsonl`);
  ok(cli(data, ['export', '--out', file]));
  const out = new Map<string, unknown>();
  for (const l of readFileSync(file, 'utf8').trim().split('\n')) {
    const r = JSON.parse(l) as ExportRecord;
    if (r.type === 'document' || r.type === 'entity' || r.type === 'claim') out.set(`${r.type}:${r.data.id}`, r.data);
  }
  return out;
}

describe('import --format ftm', () => {
  it('reads our own export back to the same graph', () => {
    const a = join(root, 'a');
    ok(cli(a, ['seed']));
    const file = join(root, 'fixture.jsonl');
    // One entity with dated topics (invented), which FtM holds as bare words and our notes carry in full.
    const topical = { id: 'co_topical', kind: 'Company', name: 'Topical Ltd', topics: [
      { topic: 'export.control', dataset: 'example_list', since: '2021-02' },
      { topic: 'sanction', dataset: 'example_list', since: '2020-01-02', until: '2024', seen: '2025-06-30', note: 'Programme X; Example authority', sourceUrl: 'https://example.org/list/x' },
    ] };
    writeFileSync(file, [...documents.map((d) => ({ type: 'document', data: d })), ...[...entities, topical].map((e) => ({ type: 'entity', data: e })), ...claims.map((c) => ({ type: 'claim', data: c }))].map((r) => JSON.stringify(r)).join('\n') + '\n');
    ok(cli(a, ['import', file]));
    ok(cli(a, ['review', 'cl_uses_gov_8200_tech_azure', '--accept', '--by', 'rita', '--note', 'checked; against the report']));
    const ftm = join(root, 'a.ftm.json');
    ok(cli(a, ['export', '--format', 'ftm', '--out', ftm]));
    const b = join(root, 'b');
    const r = cli(b, ['import', '--format', 'ftm', ftm]);
    ok(r);
    expect(r.err).toMatch(/imported \d+ documents, \d+ entities, 0 redirects, \d+ claims/);
    const before = graphOf(a);
    const after = graphOf(b);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) expect(after.get(k), k).toEqual(v);
    expect((after.get('entity:co_topical') as Entity).topics).toHaveLength(2);
    expect((after.get('claim:cl_uses_gov_8200_tech_azure') as Claim).review).toMatchObject({ status: 'accepted', by: 'rita', note: 'checked; against the report' });
  });

  it('lands another dataset’s records on the graph, its relationships as dated claims of that dataset', () => {
    const c = join(root, 'c');
    ok(cli(c, ['seed']));
    // Invented records in OpenSanctions' shape, the relationships first.
    const lines = [
      { id: 'os-own-1', schema: 'Ownership', properties: { owner: ['NK-parent'], asset: ['NK-sub'], startDate: ['2019-04-01'], endDate: ['2023'], sourceUrl: ['https://registry.example.org/filing/1'] }, datasets: ['example_registry'] },
      { id: 'os-dir-1', schema: 'Directorship', properties: { director: ['NK-person'], organization: ['NK-parent'], role: ['Chairman'] }, datasets: ['example_registry'] },
      { id: 'os-own-2', schema: 'Ownership', properties: { owner: ['NK-parent'], asset: ['NK-missing'] }, datasets: ['example_registry'] },
      { id: 'NK-parent', schema: 'Company', properties: { name: ['Zeltron Holdings'], country: ['mn'], topics: ['sanction', 'export.control'] }, datasets: ['example_registry'], first_seen: '2022-01-05T10:00:00', last_seen: '2025-11-30T09:00:00' },
      { id: 'NK-sub', schema: 'Company', properties: { name: ['Zeltron Systems LLC'], alias: ['Zeltron Systems'], leiCode: ['5493001KJTIIGC8Y1R12'] }, datasets: ['example_registry'] },
      { id: 'NK-person', schema: 'Person', properties: { name: ['Ada Example'] }, datasets: ['example_registry'] },
      { id: 'NK-ms', schema: 'Company', properties: { name: ['MICROSOFT CORP'], wikidataId: ['Q2283'] }, datasets: ['example_registry'] },
      { id: 'NK-sanction', schema: 'Sanction', properties: { entity: ['NK-parent'], program: ['Example list'], authority: ['Example ministry'], startDate: ['2022-03-01'], sourceUrl: ['https://registry.example.org/list/7'] }, datasets: ['example_registry'] },
      { id: 'NK-boat', schema: 'Vessel', properties: { name: ['Sea Example'] }, datasets: ['example_registry'] },
    ];
    const file = join(root, 'os.ftm.json');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = cli(c, ['import', '--format', 'ftm', file]);
    ok(r);
    expect(r.err).toMatch(/FtM: 9 lines, 4 entities, 2 documents, 2 relationships, 1 sanctions \(as dated topics\); no kind here for 1 Vessel; 1 relationships to entities not in the file/);
    const g = graphOf(c);
    const all = [...g.values()] as Array<Entity & Claim>;
    // By Wikidata id: onto the seeded Microsoft, which keeps its name and gains the other name and the id.
    const ms = g.get('entity:co_Q2283') as Entity;
    expect(ms.name).toBe('Microsoft');
    expect(ms.aliases).toContain('MICROSOFT CORP');
    expect(ms.externalIds).toMatchObject({ wikidata: 'Q2283', opensanctions: 'NK-ms' });
    const parent = all.find((e) => e.name === 'Zeltron Holdings') as unknown as Entity;
    const sub = all.find((e) => e.name === 'Zeltron Systems LLC') as unknown as Entity;
    expect(parent).toMatchObject({ kind: 'Company', country: 'MN', externalIds: { opensanctions: 'NK-parent' } });
    // Its topics as dated facts: the sanction with its programme, dates and source, which stands for the
    // bare topic; export control dated by when the dataset first and last listed the company.
    expect(parent.topics).toEqual([
      { topic: 'export.control', dataset: 'example_registry', since: '2022-01-05', seen: '2025-11-30' },
      { topic: 'sanction', dataset: 'example_registry', since: '2022-03-01', note: 'Example list; Example ministry', sourceUrl: 'https://registry.example.org/list/7' },
    ]);
    expect(sub.externalIds).toMatchObject({ lei: '5493001KJTIIGC8Y1R12', opensanctions: 'NK-sub' });
    const partOf = all.find((x) => (x as Claim).type === 'PART_OF' && (x as Claim).subject === sub.id) as Claim;
    expect(partOf).toMatchObject({ object: parent.id, extractor: 'import:example_registry', validFrom: '2019-04-01', validTo: '2023', evidence: { kind: 'summary', writtenBy: 'import:example_registry' } });
    const doc = g.get(`document:${partOf.evidence.documentId}`) as { url: string; publisher: string };
    expect(doc).toMatchObject({ url: 'https://registry.example.org/filing/1', publisher: 'example_registry' });
    const role = all.find((x) => (x as Claim).type === 'ROLE_IN') as Claim;
    expect(role).toMatchObject({ object: parent.id, qualifier: 'Chairman' });
    // The same file again: the same graph.
    ok(cli(c, ['import', '--format', 'ftm', file]));
    expect(graphOf(c).size).toBe(g.size);
  });

  it('matches another dataset’s entities by OpenSanctions id, LEI, then name and country; persons and conflicts go to the duplicate queue', () => {
    const e = join(root, 'e');
    // The graph before: invented entities, one holding an OpenSanctions id, one an LEI.
    const graph = [
      { type: 'document', data: { id: 'doc_os_case', title: 'An invented report', authors: [] } },
      { type: 'entity', data: { id: 'co_quill', kind: 'Company', name: 'Quill Data', aliases: [], externalIds: { opensanctions: 'NK-quill' } } },
      { type: 'entity', data: { id: 'co_lumen', kind: 'Company', name: 'Lumen Optics', aliases: [], externalIds: { lei: '5493001KJTIIGC8Y1R12' } } },
      { type: 'entity', data: { id: 'co_varga', kind: 'Company', name: 'Varga Systems', aliases: [], externalIds: {}, country: 'HU' } },
      { type: 'entity', data: { id: 'co_orbis', kind: 'Company', name: 'Orbis Trading', aliases: [], externalIds: {}, country: 'CY' } },
      { type: 'entity', data: { id: 'per_mira', kind: 'Person', name: 'Mira Example', aliases: [], externalIds: {} } },
    ];
    const gfile = join(root, 'e-graph.jsonl');
    writeFileSync(gfile, graph.map((r) => JSON.stringify(r)).join('\n') + '\n');
    ok(cli(e, ['import', gfile]));
    const lines = [
      // Renamed in a later release: found by its OpenSanctions id.
      { id: 'NK-quill', schema: 'Company', properties: { name: ['Quill Data Holdings'] } },
      { id: 'NK-lumen', schema: 'Company', properties: { name: ['LUMEN OPTICAL SYSTEMS AG'], leiCode: ['5493001KJTIIGC8Y1R12'] } },
      // Same name with a legal form, same country: the graph's company.
      { id: 'NK-varga', schema: 'Company', properties: { name: ['Varga Systems Kft'], country: ['hu'] } },
      // Same name, another country: a new company and a possible duplicate.
      { id: 'NK-orbis', schema: 'Company', properties: { name: ['Orbis Trading Ltd'], country: ['ae'] } },
      // A person of the same name: never merged by name alone.
      { id: 'NK-mira', schema: 'Person', properties: { name: ['Mira Example'] } },
      // Two records of one name in the file: two companies.
      { id: 'NK-twin-1', schema: 'Company', properties: { name: ['Twin Co'], country: ['fr'] } },
      { id: 'NK-twin-2', schema: 'Company', properties: { name: ['Twin Co'], country: ['be'] } },
    ];
    const file = join(root, 'e.ftm.json');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = cli(e, ['import', '--format', 'ftm', file, '--dataset', 'example_sanctions']);
    ok(r);
    expect(r.err).toMatch(/FtM: 2 found on the graph by OpenSanctions id or LEI, 1 matched by name, 2 possible duplicates for review/);
    const g = graphOf(e);
    const ent = (id: string) => g.get(`entity:${id}`) as Entity | undefined;
    expect(ent('co_quill')).toMatchObject({ name: 'Quill Data', aliases: ['Quill Data Holdings'] });
    expect(ent('co_lumen')).toMatchObject({ name: 'Lumen Optics', aliases: ['LUMEN OPTICAL SYSTEMS AG'], externalIds: { lei: '5493001KJTIIGC8Y1R12', opensanctions: 'NK-lumen' } });
    expect(ent('co_varga')).toMatchObject({ aliases: ['Varga Systems Kft'], externalIds: { opensanctions: 'NK-varga' } });
    const people = [...g.values()].filter((x) => (x as Entity).kind === 'Person') as Entity[];
    expect(people.map((p) => p.id).sort()).toHaveLength(2);
    const orbis = [...g.values()].filter((x) => (x as Entity).name?.startsWith('Orbis')) as Array<{ country?: string }>;
    expect(orbis.map((o) => o.country).sort()).toEqual(['AE', 'CY']);
    expect(([...g.values()] as Array<{ name?: string; country?: string }>).filter((x) => x.name === 'Twin Co').map((x) => x.country).sort()).toEqual(['BE', 'FR']);
    // The doubts are in the review queue, each naming both entities and why.
    const notes = cli(e, ['duplicates']).out;
    expect(notes).toMatch(/"Orbis Trading Ltd" \(example_sanctions NK-orbis\) is named like "Orbis Trading", which is in CY, the record's in AE/);
    expect(notes).toMatch(/"Mira Example" \(example_sanctions NK-mira\) is named like "Mira Example", which is a person of the same name/);
    // Again: every entity found by its OpenSanctions id now, the same graph.
    ok(cli(e, ['import', '--format', 'ftm', file, '--dataset', 'example_sanctions']));
    expect([...graphOf(e).keys()].sort()).toEqual([...g.keys()].sort());
  });

  it('refuses a file with a line that is not an FtM entity, naming the line, unless told to skip it', () => {
    const d = join(root, 'd');
    const file = join(root, 'bad.ftm.json');
    const lines = [
      { id: 'x-1', schema: 'Company', properties: { name: ['Example Co'] } },
      'not json',
      { schema: 'Person' },
      { id: 'x-2', schema: 'Compnay', properties: { name: ['Typo Co'] } },
      { id: 'x-3', schema: 'Company', properties: { name: ['Other Co'], nmae: ['typo'] } },
    ];
    writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    const r = cli(d, ['import', '--format', 'ftm', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${file}:2: not JSON`));
    expect(r.err).toMatch(new RegExp(`${file}:3: not an FtM entity: id`));
    expect(r.err).toMatch(new RegExp(`${file}:4: Compnay is not an FtM schema`));
    expect(r.err).toMatch(new RegExp(`${file}:5: Company has no property nmae`));
    expect(r.err).toMatch(/import refused: 4 bad line\(s\) of 5; nothing written/);
    const s = cli(d, ['import', '--format', 'ftm', '--skip-invalid', file]);
    expect(s.code).toBe(1);
    expect(JSON.parse(cli(d, ['stats']).out).entities).toBe(1);
  });

  it('refuses a truncated gzip in one line, read in the conversion thread, and writes nothing', () => {
    const d = join(root, 'gz');
    const file = join(root, 'cut.ftm.json.gz');
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: `gz-${i}`, schema: 'Company', properties: { name: [`Gzip Example ${i}`], country: ['fr'] } }));
    const whole = gzipSync(lines.join('\n') + '\n');
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const r = cli(d, ['import', '--format', 'ftm', file]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(new RegExp(`^rightsgraph: ${file}: a truncated or corrupt gzip file \\(.*\\) after line \\d+; nothing written$`, "m"));
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(JSON.parse(cli(d, ['stats']).out)).toMatchObject({ documents: 0, entities: 0, claims: 0 });
    // The whole file, gzipped, goes in.
    writeFileSync(file, whole);
    ok(cli(d, ['import', '--format', 'ftm', file]));
    expect(JSON.parse(cli(d, ['stats']).out).entities).toBe(5000);
  });
});
