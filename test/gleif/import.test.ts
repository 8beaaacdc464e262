// `rightsgraph import --format gleif-rr`, run as a child process on a real Kùzu store: GLEIF relationship
// records (invented companies with valid LEIs, in the golden copy's CSV columns and the API's JSON) become
// dated PART_OF claims; LEIs land on the graph's entity holding them, else on a company of the Level 1
// name (not one of another country: a possible duplicate instead), else on a new company; a subsidiary's
// exposure reaches its parent only over the parent's period. Bad records are named by line and refuse the
// import; a truncated gzip refuses it whole.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliOk, runCli } from '../helpers/cli.ts';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Claim, Entity, ExportRecord } from '../../src/domain/index.ts';
import { isLei, withCheckDigits } from '../../src/gleif/lei.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';

const root = mkdtempSync(join(tmpdir(), 'rg-gleif-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = runCli;
const ok = cliOk;

function exportOf(data: string): ExportRecord[] {
  const file = join(root, `export-${Math.random().toString(36).slice(2)}.jsonl`);
  ok(cli(data, ['export', '--out', file]));
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExportRecord);
}
const claimsOf = (recs: ExportRecord[]) => recs.filter((r): r is Extract<ExportRecord, { type: 'claim' }> => r.type === 'claim').map((r) => r.data);
const entityOf = (recs: ExportRecord[], id: string) => recs.find((r) => r.type === 'entity' && r.data.id === id)?.data as Entity | undefined;

// Invented companies: a subsidiary on the graph by its LEI, a former parent on the graph by name, a parent
// whose name matches a graph company of another country, and an ultimate parent known only to GLEIF.
const LEI = {
  sub: withCheckDigits('9845001NORVALE0SUB'),
  former: withCheckDigits('9845001HOLLINGRP01'),
  parent: withCheckDigits('9845001ARDENHLD001'),
  ultimate: withCheckDigits('9845001TESSALYCAP1'),
  fund: withCheckDigits('9845001FUNDXYZ0001'),
  nameless: withCheckDigits('9845001NAMELESS001'),
};

const graph: ExportRecord[] = [
  { type: 'document', data: { id: 'doc_gleif_case', title: 'An invented report on a tracking tool', publishedAt: '2021-06-01', authors: [] } },
  { type: 'entity', data: { id: 'co_norvale', kind: 'Company', name: 'Norvale Systems', aliases: [], externalIds: { lei: LEI.sub } } },
  { type: 'entity', data: { id: 'co_hollin', kind: 'Company', name: 'Hollin Group', aliases: [], externalIds: {}, country: 'GB' } },
  { type: 'entity', data: { id: 'co_arden_de', kind: 'Company', name: 'Arden Holdings', aliases: [], externalIds: {}, country: 'DE' } },
  { type: 'entity', data: { id: 'tech_cobalt', kind: 'Technology', name: 'Cobalt Tracker', aliases: [], externalIds: {} } },
  { type: 'entity', data: { id: 'abuse_protest', kind: 'Abuse', name: 'surveillance of protesters', aliases: [], externalIds: {}, startDate: '2021-03' } },
  ...([['PROVIDES', 'co_norvale', 'tech_cobalt'], ['ENABLES', 'tech_cobalt', 'abuse_protest']] as const).map(([type, subject, object]) => ({
    type: 'claim' as const,
    data: {
      id: `cl_${type}_${subject}`, type, subject, object, certainty: 'stated', confidence: 0.9, extractor: 'manual', review: { status: 'unreviewed' },
      evidence: { documentId: 'doc_gleif_case', kind: 'paraphrase', quote: `${subject} ${type} ${object}`, writtenBy: 'test' },
    },
  })) as ExportRecord[],
];

const HEADER = [
  'Relationship.StartNode.NodeID', 'Relationship.StartNode.NodeIDType', 'Relationship.EndNode.NodeID', 'Relationship.EndNode.NodeIDType',
  'Relationship.RelationshipType', 'Relationship.RelationshipStatus',
  'Relationship.Period.1.startDate', 'Relationship.Period.1.endDate', 'Relationship.Period.1.periodType',
  'Relationship.Period.2.startDate', 'Relationship.Period.2.endDate', 'Relationship.Period.2.periodType',
  'Relationship.Qualifiers.1.QualifierDimension', 'Relationship.Qualifiers.1.QualifierCategory',
  'Relationship.Quantifiers.1.MeasurementMethod', 'Relationship.Quantifiers.1.QuantifierAmount', 'Relationship.Quantifiers.1.QuantifierUnits',
  'Registration.InitialRegistrationDate', 'Registration.LastUpdateDate', 'Registration.RegistrationStatus',
];
type Row = { child: string; parent: string; type: string; status: string; p1?: [string, string, string]; p2?: [string, string, string]; initial?: string };
function csvOf(rows: Row[]): string {
  const line = (r: Row) =>
    [r.child, 'LEI', r.parent, 'LEI', r.type, r.status, ...(r.p1 ?? ['', '', '']), ...(r.p2 ?? ['', '', '']), 'ACCOUNTING_STANDARD', 'IFRS', 'ACCOUNTING_CONSOLIDATION', '1.00', 'PERCENTAGE', r.initial ?? '2020-02-01T00:00:00Z', '2024-05-01T08:00:00Z', 'PUBLISHED']
      .map((v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v))
      .join(',');
  return [HEADER.join(','), ...rows.map(line)].join('\n') + '\n';
}
const GOOD: Row[] = [
  // Hollin held Norvale until the end of 2019, before the tracking tool's abuse (2021).
  { child: LEI.sub, parent: LEI.former, type: 'IS_DIRECTLY_CONSOLIDATED_BY', status: 'INACTIVE', p1: ['2015-01-01T00:00:00Z', '2019-12-31T00:00:00Z', 'RELATIONSHIP_PERIOD'], p2: ['2019-01-01T00:00:00Z', '', 'ACCOUNTING_PERIOD'], initial: '2016-03-01T00:00:00Z' },
  { child: LEI.sub, parent: LEI.parent, type: 'IS_DIRECTLY_CONSOLIDATED_BY', status: 'ACTIVE', p1: ['2020-01-01T00:00:00Z', '', 'RELATIONSHIP_PERIOD'] },
  { child: LEI.sub, parent: LEI.ultimate, type: 'IS_ULTIMATELY_CONSOLIDATED_BY', status: 'ACTIVE', p1: ['2020-01-01T00:00:00Z', '', 'RELATIONSHIP_PERIOD'] },
  { child: LEI.fund, parent: LEI.parent, type: 'IS_FUND-MANAGED_BY', status: 'ACTIVE' },
];
const LEVEL1 = [
  'LEI,Entity.LegalName,Entity.OtherEntityNames.OtherEntityName.1,Entity.LegalAddress.Country,Entity.LegalJurisdiction',
  `${LEI.former},HOLLIN GROUP PLC,,GB,GB`,
  `${LEI.parent},ARDEN HOLDINGS LIMITED,Arden Holdings,GB,GB`,
  `${LEI.ultimate},Tessaly Capital S.A.,,LU,LU`,
  `${LEI.fund},Some Fund,,IE,IE`,
].join('\n') + '\n';

function store(name: string): string {
  const data = join(root, name);
  const file = join(root, `${name}-graph.jsonl`);
  writeFileSync(file, graph.map((r) => JSON.stringify(r)).join('\n') + '\n');
  ok(cli(data, ['import', file]));
  return data;
}

describe('LEI check digits', () => {
  it('accepts real LEIs and refuses a typo in any place', () => {
    // Microsoft Corporation's and Apple Inc.'s LEIs, as GLEIF publishes them.
    expect(isLei('INR2EJN1ERAN0W5ZP974')).toBe(true);
    expect(isLei('HWUPKR0MPOU8FGXBT394')).toBe(true);
    const lei = 'INR2EJN1ERAN0W5ZP974';
    for (let i = 0; i < lei.length; i++) {
      const typo = lei.slice(0, i) + (lei[i] === '7' ? '8' : '7') + lei.slice(i + 1);
      expect(isLei(typo), typo).toBe(false);
    }
  });
});

describe('import --format gleif-rr', () => {
  const l1 = join(root, 'level1.csv');
  writeFileSync(l1, LEVEL1);
  const rr = join(root, 'rr.csv');
  writeFileSync(rr, csvOf(GOOD));

  it('makes dated PART_OF claims between the graph’s companies and the parents GLEIF names', async () => {
    const data = store('a');
    const r = cli(data, ['import', '--format', 'gleif-rr', rr, '--lei-records', l1]);
    ok(r);
    expect(r.err).toMatch(/GLEIF: 4 relationship records, 3 PART_OF claims; LEIs: 1 on the graph, 1 matched by name, 2 new companies, 1 possible duplicates for review; skipped 1 IS_FUND-MANAGED_BY/);
    const recs = exportOf(data);
    const partOf = claimsOf(recs).filter((c) => c.type === 'PART_OF');
    expect(partOf).toHaveLength(3);
    const former = partOf.find((c) => c.object === 'co_hollin')!;
    // On the graph by name (same country): the company gains the LEI and GLEIF's legal name as an alias.
    expect(entityOf(recs, 'co_hollin')).toMatchObject({ name: 'Hollin Group', externalIds: { lei: LEI.former }, aliases: ['HOLLIN GROUP PLC'] });
    expect(former).toMatchObject({ subject: 'co_norvale', validFrom: '2015-01-01', validTo: '2019-12-31', extractor: 'import:gleif', qualifier: 'direct parent (GLEIF)', evidence: { kind: 'summary', writtenBy: 'import:gleif' } });
    expect(former.evidence.quote).toContain(`Norvale Systems (LEI ${LEI.sub}) is directly consolidated by Hollin Group (LEI ${LEI.former}) over its relationship period from 2015-01-01 to 2019-12-31`);
    expect(former.evidence.quote).toContain('ACCOUNTING_STANDARD IFRS; 1.00 PERCENTAGE (ACCOUNTING_CONSOLIDATION)');
    // Named like a German company, GLEIF's is British: a new company and a possible duplicate, never a merge.
    const arden = entityOf(recs, `co_lei_${LEI.parent}`)!;
    expect(arden).toMatchObject({ name: 'ARDEN HOLDINGS LIMITED', country: 'GB', externalIds: { lei: LEI.parent } });
    expect(entityOf(recs, 'co_arden_de')?.externalIds).toEqual({});
    const dup = recs.find((x) => x.type === 'change' && x.data.action === 'possible_duplicate');
    expect(dup?.data).toMatchObject({ judgement: 'unsure', targetIds: [arden.id, 'co_arden_de'], by: 'import:gleif' });
    expect(entityOf(recs, `co_lei_${LEI.ultimate}`)).toMatchObject({ name: 'Tessaly Capital S.A.', country: 'LU' });
    // Each record's document is the record at GLEIF's API, published at its initial registration.
    const doc = recs.find((x) => x.type === 'document' && x.data.id === former.evidence.documentId)?.data as { url: string; publishedAt: string; publisher: string };
    expect(doc).toMatchObject({ url: `https://api.gleif.org/api/v1/lei-records/${LEI.sub}/direct-parent-relationship`, publishedAt: '2016-03-01' });

    // The same file again: the same graph.
    ok(cli(data, ['import', '--format', 'gleif-rr', rr, '--lei-records', l1]));
    const again = exportOf(data).filter((x) => x.type !== 'change');
    expect(again).toEqual(recs.filter((x) => x.type !== 'change'));

    // The roll-up: the parents since 2020 are exposed to the 2021 abuse through Norvale; Hollin, whose
    // period ended in 2019, is not.
    const s = await KuzuStore.open({ dataDir: data, bufferPoolMb: 64, readOnly: true });
    try {
      const chain = (p: { hops: Array<{ from: { id: string }; to: { id: string } }> }) => [p.hops[0]!.from.id, ...p.hops.map((h) => h.to.id)].join(' > ');
      expect((await s.exposurePaths({ from: arden.id, maxHops: 4 })).map(chain)).toEqual([`${arden.id} > co_norvale > tech_cobalt > abuse_protest`]);
      expect((await s.exposurePaths({ from: `co_lei_${LEI.ultimate}`, maxHops: 4 })).map(chain)).toEqual([`co_lei_${LEI.ultimate} > co_norvale > tech_cobalt > abuse_protest`]);
      expect(await s.exposurePaths({ from: 'co_hollin', maxHops: 4 })).toEqual([]);
      const exposed = (await s.exposedTo({ abuse: 'abuse_protest', kinds: ['Company'], maxHops: 4, filter: {}, limit: 20 })).map((p) => p.hops[0]!.from.id).sort();
      expect(exposed).toEqual([arden.id, `co_lei_${LEI.ultimate}`, 'co_norvale'].sort());
      // asOf: before GLEIF published the 2020 parents' records, they are not known.
      expect(await s.exposurePaths({ from: arden.id, maxHops: 4, asOf: '2020-01-15' })).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('reads the API’s JSON and gzip, to the same claims as the CSV', () => {
    const data = store('b');
    const json = {
      data: GOOD.slice(0, 3).map((r) => ({
        type: 'relationship-records',
        attributes: {
          relationship: {
            startNode: { id: r.child, type: 'LEI' },
            endNode: { id: r.parent, type: 'LEI' },
            type: r.type,
            status: r.status,
            periods: [r.p1, r.p2].filter(Boolean).map((p) => ({ startDate: p![0] || null, endDate: p![1] || null, type: p![2] })),
            qualifiers: [{ dimension: 'ACCOUNTING_STANDARD', category: 'IFRS' }],
            quantifiers: [{ measurementMethod: 'ACCOUNTING_CONSOLIDATION', amount: '1.00', units: 'PERCENTAGE' }],
          },
          registration: { initialRegistrationDate: r.initial ?? '2020-02-01T00:00:00Z', lastUpdateDate: '2024-05-01T08:00:00Z', status: 'PUBLISHED' },
        },
      })),
    };
    const file = join(root, 'rr.json.gz');
    writeFileSync(file, gzipSync(JSON.stringify(json, null, 2)));
    ok(cli(data, ['import', '--format', 'gleif-rr', file, '--lei-records', l1]));
    const a = exportOf(join(root, 'a'));
    const b = exportOf(data);
    const key = (cs: Claim[]) => cs.filter((c) => c.type === 'PART_OF').map((c) => JSON.stringify(c)).sort();
    expect(key(claimsOf(b))).toEqual(key(claimsOf(a)));
  });

  it('names each bad record by its line and writes nothing; --skip-invalid writes the good ones', () => {
    const data = store('c');
    const before = exportOf(data);
    const typo = LEI.parent.slice(0, 19) + (LEI.parent.endsWith('0') ? '1' : '0');
    const bad = csvOf([
      ...GOOD,
      { child: LEI.sub, parent: typo, type: 'IS_ULTIMATELY_CONSOLIDATED_BY', status: 'ACTIVE' }, // line 6
      // Another direct parent over 2021, while Arden held it from 2020 (line 3).
      { child: LEI.sub, parent: LEI.ultimate, type: 'IS_DIRECTLY_CONSOLIDATED_BY', status: 'ACTIVE', p1: ['2021-01-01T00:00:00Z', '2021-12-31T00:00:00Z', 'RELATIONSHIP_PERIOD'] }, // line 7
      { child: LEI.nameless, parent: LEI.parent, type: 'IS_DIRECTLY_CONSOLIDATED_BY', status: 'ACTIVE' }, // line 8
      { child: LEI.former, parent: LEI.parent, type: 'IS_OWNED_BY', status: 'ACTIVE' }, // line 9
      { child: LEI.former, parent: LEI.ultimate, type: 'IS_DIRECTLY_CONSOLIDATED_BY', status: 'ACTIVE', p1: ['2022-05-01T00:00:00Z', '2021-01-01T00:00:00Z', 'RELATIONSHIP_PERIOD'] }, // line 10
    ]);
    const file = join(root, 'bad.csv');
    writeFileSync(file, bad);
    const r = cli(data, ['import', '--format', 'gleif-rr', file, '--lei-records', l1]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`bad.csv:6: ${typo} (end node) is not a valid LEI (ISO 17442 check digits)`);
    expect(r.err).toMatch(/bad\.csv:7: overlaps line 3: .* is directly consolidated by .* over 2020-01-01 to open/);
    expect(r.err).toContain(`bad.csv:8: unknown LEI ${LEI.nameless}: no entity of the graph holds it and the Level 1 file does not name it`);
    expect(r.err).toContain('bad.csv:9: IS_OWNED_BY is not a GLEIF relationship type');
    expect(r.err).toContain('bad.csv:10: relationship period ends (2021-01-01) before it starts (2022-05-01)');
    expect(r.err).toMatch(/import refused: 5 bad line\(s\) of 9; nothing written/);
    expect(exportOf(data)).toEqual(before);

    const skipped = cli(data, ['import', '--format', 'gleif-rr', file, '--lei-records', l1, '--skip-invalid']);
    expect(skipped.code).toBe(1);
    expect(claimsOf(exportOf(data)).filter((c) => c.type === 'PART_OF')).toHaveLength(3);
  });

  it('without Level 1 names, keeps only what it can name: --known-only, and a truncated gzip refused whole', () => {
    const data = store('d');
    const before = exportOf(data);
    // No names for the parents: every record is refused, each naming its LEI and the option that would help.
    const r = cli(data, ['import', '--format', 'gleif-rr', rr]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`unknown LEI ${LEI.former}: no entity of the graph holds it; give GLEIF Level 1 records with --lei-records to name it`);
    // A truncated gzip: one line, nothing written.
    const gz = gzipSync(csvOf(Array.from({ length: 3000 }, () => GOOD[1]!)));
    const cut = join(root, 'cut.csv.gz');
    writeFileSync(cut, gz.subarray(0, gz.length >> 1));
    const t = cli(data, ['import', '--format', 'gleif-rr', cut, '--lei-records', l1]);
    expect(t.code).not.toBe(0);
    expect(t.err).toMatch(/cut\.csv\.gz: a truncated or corrupt gzip file \(unexpected end of file\) after line \d+; nothing written/);
    expect(t.err).not.toMatch(/\n\s+at /);
    expect(exportOf(data)).toEqual(before);
    // --known-only: records with an end on the graph (all three touch Norvale), named from Level 1.
    ok(cli(data, ['import', '--format', 'gleif-rr', rr, '--lei-records', l1, '--known-only']));
    expect(claimsOf(exportOf(data)).filter((c) => c.type === 'PART_OF')).toHaveLength(3);
  });
});
