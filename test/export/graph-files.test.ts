// `rightsgraph export --format graphml|gexf|csv`, run as a child process on a store holding the hand-made
// fixture graph plus a second claim on one edge, a rejected claim, a quote with XML and CSV specials and a
// merge. Each file is checked against its published format's structure (GraphML 1.0 keys and data, GEXF
// 1.3 typed attributes, nodes before edges, positive weights; RFC 4180 CSV) and read back by maintained
// readers (graphology-graphml, graphology-gexf, csv-parse): every node and edge, with typed attributes.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import * as cheerio from 'cheerio';
import { parse as parseCsv } from 'csv-parse/sync';
import yauzl from 'yauzl';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim, claims, documents, entities } from '../store/fixture.ts';

/** What the tests read of a graphology graph. */
interface ReadGraph {
  order: number;
  size: number;
  edges(): string[];
  source(e: string): string;
  target(e: string): string;
  getEdgeAttributes(e: string): Record<string, unknown>;
  getEdgeAttribute(e: string, k: string): unknown;
  getNodeAttribute(n: string, k: string): unknown;
  hasNode(n: string): boolean;
}

const root = mkdtempSync(join(tmpdir(), 'rg-graphfile-'));
const data = join(root, 'data');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(data, args);

const SPECIAL = 'Azure, "the cloud" & <its> tools\nsaid the report';
const extra = [
  // A second claim on Microsoft PROVIDES Azure, from another document and later.
  claim('PROVIDES', 'co_ms', 'tech_azure', { id: 'cl_provides_again', date: '2024-05-02', confidence: 0.95, evidence: { documentId: 'doc_b', quote: SPECIAL } }),
  // Rejected on review: left out of the graph files.
  claim('USES', 'gov_police', 'tech_office', { id: 'cl_rejected', review: { status: 'rejected', by: 'tester' } }),
  claim('USES', 'co_ms2', 'tech_office', { id: 'cl_merged' }),
];
const entityCount = entities.length - 1; // co_ms2 is merged into co_ms

beforeAll(() => {
  const file = join(root, 'graph.jsonl');
  const records = [
    ...documents.map((d) => ({ type: 'document', data: d })),
    ...entities.map((e) => ({ type: 'entity', data: e })),
    ...[...claims, ...extra].map((c) => ({ type: 'claim', data: c })),
  ];
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const imported = cli(['import', file]);
  expect(imported.code, imported.err).toBe(0);
  const merged = cli(['merge', 'co_ms', 'co_ms2', '--by', 'tester']);
  expect(merged.code, merged.err).toBe(0);
}, 120_000);

/** The edges the fixture's live claims make: one per subject, type and object, merges applied. */
function expectedEdges(): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of [...claims, ...extra]) {
    if (c.review?.status === 'rejected') continue;
    const key = `${c.subject === 'co_ms2' ? 'co_ms' : c.subject}|${c.type}|${c.object}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

describe('export --format graphml', () => {
  let xml: string;
  beforeAll(() => {
    const out = join(root, 'graph.graphml');
    const r = cli(['export', '--format', 'graphml', '--out', out]);
    expect(r.code, r.err).toBe(0);
    xml = readFileSync(out, 'utf8');
  }, 60_000);

  it('follows GraphML 1.0: keys declared before the graph, typed, every data naming a key of its element', () => {
    const $ = cheerio.load(xml, { xml: true });
    expect($('graphml').attr('xmlns')).toBe('http://graphml.graphdrawing.org/xmlns');
    expect($('graphml').children().first().is('key')).toBe(true);
    expect($('graphml > graph').attr('edgedefault')).toBe('directed');
    const keys = new Map($('graphml > key').map((_i, k) => [[$(k).attr('id')!, { for: $(k).attr('for')!, type: $(k).attr('attr.type')! }]]).get() as Array<[string, { for: string; type: string }]>);
    for (const k of keys.values()) expect(['boolean', 'int', 'long', 'float', 'double', 'string']).toContain(k.type);
    for (const el of ['node', 'edge'] as const) {
      $(`graph > ${el} > data`).each((_i, d) => {
        expect(keys.get($(d).attr('key')!)?.for, $(d).attr('key')).toBe(el);
      });
    }
    expect(keys.get('claims')).toEqual({ for: 'edge', type: 'int' });
    expect(keys.get('confidence')).toEqual({ for: 'edge', type: 'double' });
    // Every edge joins two nodes of the file.
    const ids = new Set($('graph > node').map((_i, n) => $(n).attr('id')!).get());
    $('graph > edge').each((_i, e) => {
      expect(ids.has($(e).attr('source')!) && ids.has($(e).attr('target')!)).toBe(true);
    });
  });

  it('reads back in graphology-graphml: every entity a node, every edge with its claim count, certainty, dates and sources', () => {
    const g = parseGraphml(Graph as never, xml) as unknown as ReadGraph;
    expect(g.order).toBe(entityCount);
    const want = expectedEdges();
    expect(g.size).toBe(want.size);
    for (const e of g.edges()) {
      const a = g.getEdgeAttributes(e);
      expect(a.claims).toBe(want.get(`${g.source(e)}|${a.type}|${g.target(e)}`));
    }
    const twice = g.edges().find((e) => g.source(e) === 'co_ms' && g.target(e) === 'tech_azure')!;
    expect(g.getEdgeAttributes(twice)).toMatchObject({ type: 'PROVIDES', claims: 2, confidence: 0.95, firstDate: '2021-01-01', lastDate: '2024-05-02', certainties: 'stated' });
    expect(String(g.getEdgeAttribute(twice, 'quotes'))).toContain(SPECIAL);
    expect(String(g.getEdgeAttribute(twice, 'documents'))).toMatch(/example\.org\/a.*example\.org\/b|example\.org\/b.*example\.org\/a/);
    expect(g.getNodeAttribute('gov_8200', 'label')).toBe('Unité 8200');
    expect(g.getNodeAttribute('gov_8200', 'country')).toBe('IL');
    // The rejected claim is not drawn; the merged-away company is no node, its claim on the kept one.
    expect(g.edges().some((e) => g.source(e) === 'gov_police' && g.target(e) === 'tech_office')).toBe(false);
    expect(g.hasNode('co_ms2')).toBe(false);
    expect(g.edges().some((e) => g.source(e) === 'co_ms' && g.getEdgeAttribute(e, 'type') === 'USES')).toBe(true);
  });
});

describe('export --format gexf', () => {
  let xml: string;
  beforeAll(() => {
    const r = cli(['export', '--format', 'gexf']);
    expect(r.code, r.err).toBe(0);
    xml = r.out;
  }, 60_000);

  it('follows GEXF 1.3: typed attributes declared per class, nodes before edges, positive weights', () => {
    const $ = cheerio.load(xml, { xml: true });
    expect($('gexf').attr('version')).toBe('1.3');
    expect($('gexf').attr('xmlns')).toBe('http://gexf.net/1.3');
    const graph = $('gexf > graph');
    expect(graph.attr('defaultedgetype')).toBe('directed');
    expect(graph.children().map((_i, c) => (c as { name: string }).name).get()).toEqual(['attributes', 'attributes', 'nodes', 'edges']);
    const declared = (cls: string) => new Map($(`attributes[class="${cls}"] > attribute`).map((_i, a) => [[$(a).attr('id')!, $(a).attr('type')!]]).get() as Array<[string, string]>);
    const nodeAttrs = declared('node');
    const edgeAttrs = declared('edge');
    for (const t of [...nodeAttrs.values(), ...edgeAttrs.values()]) expect(['integer', 'long', 'double', 'float', 'boolean', 'string', 'liststring', 'anyURI']).toContain(t);
    $('nodes > node attvalue').each((_i, v) => void expect(nodeAttrs.has($(v).attr('for')!)).toBe(true));
    $('edges > edge attvalue').each((_i, v) => void expect(edgeAttrs.has($(v).attr('for')!)).toBe(true));
    $('edges > edge').each((_i, e) => void expect(Number($(e).attr('weight'))).toBeGreaterThan(0));
    expect(edgeAttrs.get('claims')).toBe('integer');
    expect(edgeAttrs.get('ended')).toBe('boolean');
  });

  it('reads back in graphology-gexf with typed values', () => {
    const g = parseGexf(Graph as never, xml) as unknown as ReadGraph;
    expect(g.order).toBe(entityCount);
    expect(g.size).toBe(expectedEdges().size);
    const twice = g.edges().find((e) => g.source(e) === 'co_ms' && g.target(e) === 'tech_azure')!;
    expect(g.getEdgeAttribute(twice, 'claims')).toBe(2);
    expect(g.getEdgeAttribute(twice, 'confidence')).toBe(0.95);
    expect(g.getEdgeAttribute(twice, 'ended')).toBe(false);
    expect(String(g.getEdgeAttribute(twice, 'quotes'))).toContain(SPECIAL);
  });
});

describe('export --format csv', () => {
  const dir = join(root, 'tables');
  beforeAll(() => {
    const r = cli(['export', '--format', 'csv', '--out', dir]);
    expect(r.code, r.err).toBe(0);
  }, 60_000);

  it('writes nodes.csv and edges.csv with the columns Gephi imports, quoted where needed', () => {
    const nodes = parseCsv(readFileSync(join(dir, 'nodes.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const edges = parseCsv(readFileSync(join(dir, 'edges.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(nodes[0]!).slice(0, 2)).toEqual(['Id', 'Label']);
    expect(Object.keys(edges[0]!).slice(0, 6)).toEqual(['Id', 'Source', 'Target', 'Type', 'Weight', 'Label']);
    expect(nodes).toHaveLength(entityCount);
    expect(edges).toHaveLength(expectedEdges().size);
    const twice = edges.find((e) => e.Source === 'co_ms' && e.Target === 'tech_azure')!;
    expect(twice).toMatchObject({ Type: 'Directed', Label: 'PROVIDES', claims: '2', Weight: '0.95', firstDate: '2021-01-01', lastDate: '2024-05-02' });
    expect(twice.quotes).toContain(SPECIAL);
    expect(existsSync(join(dir, 'nodes.csv.partial'))).toBe(false);
  });

  it('zips the same two tables when --out ends in .zip, leaving nothing beside it', async () => {
    const zip = join(root, 'tables.zip');
    const r = cli(['export', '--format', 'csv', '--out', zip]);
    expect(r.code, r.err).toBe(0);
    // Read back by yauzl, a maintained zip reader: the two entries, byte for byte the folder's files.
    const entries = await new Promise<Map<string, string>>((res, rej) => {
      const out = new Map<string, string>();
      yauzl.open(zip, { lazyEntries: true }, (err, z) => {
        if (err || !z) return rej(err);
        z.on('entry', (e: yauzl.Entry) =>
          z.openReadStream(e, (err2, stream) => {
            if (err2 || !stream) return rej(err2);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => {
              out.set(e.fileName, Buffer.concat(chunks).toString('utf8'));
              z.readEntry();
            });
          }),
        );
        z.on('end', () => res(out));
        z.on('error', rej);
        z.readEntry();
      });
    });
    expect([...entries.keys()]).toEqual(['nodes.csv', 'edges.csv']);
    expect(entries.get('nodes.csv')).toBe(readFileSync(join(dir, 'nodes.csv'), 'utf8'));
    expect(entries.get('edges.csv')).toBe(readFileSync(join(dir, 'edges.csv'), 'utf8'));
    expect(readdirSync(root).filter((f) => f.includes('tables.zip'))).toEqual(['tables.zip']);
  });

  it('asks for a folder, and names a format it does not know', () => {
    const noOut = cli(['export', '--format', 'csv']);
    expect(noOut.code).not.toBe(0);
    expect(noOut.err).toMatch(/--out/);
    const blocked = join(root, 'a-file');
    writeFileSync(blocked, 'x');
    const bad = cli(['export', '--format', 'csv', '--out', join(blocked, 'sub')]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/cannot make the folder/);
    const unknown = cli(['export', '--format', 'dot']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/graphml, gexf, csv/);
  });
});
