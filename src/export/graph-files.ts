// The graph as files other tools open: GraphML (Gephi, yEd, Cytoscape desktop), GEXF 1.3 (Gephi's own
// format, attributes typed) and CSV tables (nodes.csv, edges.csv: spreadsheets, Gephi's import). One writer
// for the explorer's download and for `rightsgraph export`; written in pieces (head, a node, an edge, foot)
// so that the CLI streams a graph of any size. Pure string work: it runs in the browser too. Hand-written
// rather than through an XML library: the two formats need a dozen fixed elements and escaping, and the
// tests check the output against the published schemas' structure and a maintained GraphML/GEXF reader.

export interface FileNode {
  id: string;
  name: string;
  kind: string;
  country?: string;
  wikidata?: string;
}

/** One edge: the claims of one type between two entities, put together. */
export interface FileEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  /** The best confidence of its claims. */
  confidence: number;
  claims: number;
  /** A claim gives the relation an end (validTo), or the edge is drawn ended in the explorer. */
  ended: boolean;
  /** The earliest and latest dates its claims give (ISO dates), empty when none does. */
  firstDate: string;
  lastDate: string;
  /** Lists joined with " | ". */
  certainties: string;
  sources: string;
  documents: string;
  dates: string;
  quotes: string;
}

type AttrType = 'string' | 'double' | 'integer' | 'boolean';
export const NODE_ATTRIBUTES: ReadonlyArray<readonly [keyof FileNode & string, AttrType]> = [
  ['kind', 'string'],
  ['country', 'string'],
  ['wikidata', 'string'],
];
export const EDGE_ATTRIBUTES: ReadonlyArray<readonly [keyof FileEdge & string, AttrType]> = [
  ['type', 'string'],
  ['confidence', 'double'],
  ['claims', 'integer'],
  ['ended', 'boolean'],
  ['firstDate', 'string'],
  ['lastDate', 'string'],
  ['certainties', 'string'],
  ['sources', 'string'],
  ['documents', 'string'],
  ['dates', 'string'],
  ['quotes', 'string'],
];

const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
/**
 * XML text and attribute values: the five entities; line breaks and tabs as character references, which an
 * attribute (GEXF's values) would otherwise turn into spaces; the control characters XML 1.0 cannot hold dropped.
 */
export function xmlText(s: unknown): string {
  return String(s ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[<>&"'\n\r\t]/g, (c) => XML_ESCAPES[c]!);
}

export const graphml = {
  // Gephi reads the "label" key as a node's label and "weight" as an edge's; key ids are the attribute names
  // (node and edge attributes share none).
  head(): string {
    const keys = [
      `  <key id="label" for="node" attr.name="label" attr.type="string"/>`,
      ...NODE_ATTRIBUTES.map(([k, t]) => `  <key id="${k}" for="node" attr.name="${k}" attr.type="${graphmlType(t)}"/>`),
      `  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>`,
      ...EDGE_ATTRIBUTES.map(([k, t]) => `  <key id="${k}" for="edge" attr.name="${k}" attr.type="${graphmlType(t)}"/>`),
    ];
    return `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n${keys.join('\n')}\n  <graph id="rightsgraph" edgedefault="directed">\n`;
  },
  node(n: FileNode): string {
    const data = [`<data key="label">${xmlText(n.name)}</data>`, ...NODE_ATTRIBUTES.filter(([k]) => n[k] !== undefined && n[k] !== '').map(([k]) => `<data key="${k}">${xmlText(n[k])}</data>`)];
    return `    <node id="${xmlText(n.id)}">${data.join('')}</node>\n`;
  },
  edge(e: FileEdge): string {
    const data = [`<data key="weight">${e.confidence}</data>`, ...EDGE_ATTRIBUTES.map(([k]) => `<data key="${k}">${xmlText(e[k])}</data>`)];
    return `    <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}">${data.join('')}</edge>\n`;
  },
  foot(): string {
    return `  </graph>\n</graphml>\n`;
  },
};

export const gexf = {
  head(description = 'rightsgraph'): string {
    const attrs = (list: ReadonlyArray<readonly [string, AttrType]>) => list.map(([k, t]) => `<attribute id="${k}" title="${k}" type="${t}"/>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n  <meta><creator>rightsgraph</creator><description>${xmlText(description)}</description></meta>\n  <graph defaultedgetype="directed" mode="static">\n    <attributes class="node">${attrs(NODE_ATTRIBUTES)}</attributes>\n    <attributes class="edge">${attrs(EDGE_ATTRIBUTES)}</attributes>\n    <nodes>\n`;
  },
  node(n: FileNode): string {
    const values = NODE_ATTRIBUTES.filter(([k]) => n[k] !== undefined && n[k] !== '').map(([k]) => `<attvalue for="${k}" value="${xmlText(n[k])}"/>`);
    return `      <node id="${xmlText(n.id)}" label="${xmlText(n.name)}">${values.length ? `<attvalues>${values.join('')}</attvalues>` : ''}</node>\n`;
  },
  /** Between the last node and the first edge. */
  middle(): string {
    return `    </nodes>\n    <edges>\n`;
  },
  edge(e: FileEdge): string {
    const values = EDGE_ATTRIBUTES.map(([k]) => `<attvalue for="${k}" value="${xmlText(e[k])}"/>`);
    // GEXF weights must be positive: a confidence of 0 is written as the smallest one.
    return `      <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}" label="${xmlText(e.type)}" weight="${Math.max(e.confidence, 0.001)}"><attvalues>${values.join('')}</attvalues></edge>\n`;
  },
  foot(): string {
    return `    </edges>\n  </graph>\n</gexf>\n`;
  },
};

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(v: unknown): string {
  const s = String(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvRow = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

/** Gephi's spreadsheet import reads Id and Label for nodes, Source, Target, Type and Weight for edges. */
export const csv = {
  nodesHead: (): string => csvRow(['Id', 'Label', ...NODE_ATTRIBUTES.map(([k]) => k)]),
  node: (n: FileNode): string => csvRow([n.id, n.name, ...NODE_ATTRIBUTES.map(([k]) => n[k])]),
  edgesHead: (): string => csvRow(['Id', 'Source', 'Target', 'Type', 'Weight', 'Label', ...EDGE_ATTRIBUTES.filter(([k]) => k !== 'type').map(([k]) => k)]),
  edge: (e: FileEdge): string => csvRow([e.id, e.source, e.target, 'Directed', e.confidence, e.type, ...EDGE_ATTRIBUTES.filter(([k]) => k !== 'type').map(([k]) => e[k])]),
};

/** A whole graph in one string (the explorer's download). */
export function toGraphml(nodes: readonly FileNode[], edges: readonly FileEdge[]): string {
  return graphml.head() + nodes.map(graphml.node).join('') + edges.map(graphml.edge).join('') + graphml.foot();
}
export function toGexf(nodes: readonly FileNode[], edges: readonly FileEdge[], description?: string): string {
  return gexf.head(description) + nodes.map(gexf.node).join('') + gexf.middle() + edges.map(gexf.edge).join('') + gexf.foot();
}

function graphmlType(t: AttrType): string {
  return t === 'integer' ? 'int' : t;
}
