// The graph view (Cytoscape.js: canvas rendering that stays fluid with thousands of nodes, built-in
// layouts, and PNG export; sigma.js would be faster still on very large graphs but brings less of that).
// Kinds are told apart by shape and colour; edges carry their claim type, best confidence and certainties.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { toGexf, toGraphml, type FileEdge, type FileNode } from '../export/graph-files.ts';

export const KIND_STYLE: Record<string, { color: string; shape: string }> = {
  Company: { color: '#264653', shape: 'round-rectangle' },
  GovernmentBody: { color: '#e76f51', shape: 'hexagon' },
  Organization: { color: '#8ab17d', shape: 'diamond' },
  Person: { color: '#9b5de5', shape: 'ellipse' },
  Technology: { color: '#2a9d8f', shape: 'triangle' },
  Contract: { color: '#e9c46a', shape: 'rectangle' },
  Abuse: { color: '#c1121f', shape: 'star' },
  Location: { color: '#577590', shape: 'vee' },
};

export interface NodeData {
  id: string;
  name: string;
  kind: string;
}
export interface EdgeData {
  type: string;
  /** The claims behind the edge, opened when it is clicked. */
  claimIds?: string[];
  subject: string;
  object: string;
  bestConfidence: number;
  certainties: string[];
  claimCount: number;
  ended?: boolean;
  /** The lines of evidence behind it (Edge.lineages' sources), for exports. */
  sources?: string[];
}

/** What an export says of each claim of an edge: its words, document, date and certainty. */
export interface ExportClaim {
  quote: string;
  kind: string;
  document: string;
  date: string;
  certainty: string;
}

export class Graph {
  readonly cy: Core;

  constructor(container: HTMLElement, on: { select: (id: string) => void; expand: (id: string) => void; edge?: (e: EdgeData) => void }) {
    this.cy = cytoscape({
      container,
      wheelSensitivity: 0.3,
      maxZoom: 2.5,
      // Large graphs stay fluid: edges hidden and a texture used while panning or zooming.
      hideEdgesOnViewport: true,
      textureOnViewport: true,
      // Measured with npm run bench:ui: labels are the cost at 2,000 nodes, so they appear only when
      // readable, and edges are straight (bezier curves cost more and add nothing at this scale).
      pixelRatio: 1,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(name)', 'font-size': 10, 'min-zoomed-font-size': 8, 'text-wrap': 'ellipsis', 'text-max-width': '120px', 'text-valign': 'bottom',
            'background-color': (n: cytoscape.NodeSingular) => KIND_STYLE[n.data('kind')]?.color ?? '#999',
            shape: (n: cytoscape.NodeSingular) => (KIND_STYLE[n.data('kind')]?.shape ?? 'ellipse') as never,
            width: 26, height: 26,
          },
        },
        { selector: 'edge', style: { width: 'mapData(bestConfidence, 0, 1, 1, 5)', 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'line-color': '#9aa', 'target-arrow-color': '#9aa', label: 'data(type)', 'font-size': 7, 'min-zoomed-font-size': 9, 'text-rotation': 'autorotate', color: '#555' } },
        // Two or more edges between one pair (SUPPLIES and SUSPENDED) fan out instead of lying on top of
        // each other; only those pay for a curve.
        { selector: 'edge.multi', style: { 'curve-style': 'bezier', 'control-point-step-size': 28 } },
        { selector: 'edge[?ended]', style: { 'line-style': 'dashed', 'line-color': '#e76f51', 'target-arrow-color': '#e76f51' } },
        { selector: ':selected', style: { 'border-width': 4, 'border-color': '#f4a261' } },
        { selector: '.path', style: { 'line-color': '#f4a261', 'target-arrow-color': '#f4a261', width: 6, 'z-index': 10 } },
        { selector: 'node.path', style: { 'border-width': 5, 'border-color': '#f4a261' } },
        { selector: '.faded', style: { opacity: 0.15 } },
        { selector: '.filtered', style: { display: 'none' } },
      ],
    });
    this.cy.on('tap', 'node', (e) => on.select(e.target.id()));
    this.cy.on('dbltap', 'node', (e) => on.expand(e.target.id()));
    this.cy.on('tap', 'edge', (e) => on.edge?.(e.target.data() as EdgeData));
  }

  /** Adds a node if missing; true when it was new. */
  addNode(n: NodeData): boolean {
    if (this.cy.getElementById(n.id).length) return false;
    this.cy.add({ group: 'nodes', data: { id: n.id, name: n.name, kind: n.kind } });
    return true;
  }

  addEdge(e: EdgeData): void {
    const id = `${e.type}:${e.subject}:${e.object}`;
    const el = this.cy.getElementById(id);
    if (el.length) el.data({ ...e });
    else this.cy.add({ group: 'edges', data: { id, source: e.subject, target: e.object, ...e } } as ElementDefinition);
    const pair = this.cy.getElementById(e.subject).edgesWith(this.cy.getElementById(e.object));
    if (pair.length > 1) pair.addClass('multi');
  }

  layout(): void {
    this.cy.layout({ name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, randomize: false } as cytoscape.LayoutOptions).run();
  }

  select(id: string): void {
    this.cy.$(':selected').unselect();
    this.cy.getElementById(id).select();
  }

  /** Highlights a path (entity ids in order, edge ids per hop) and fades the rest. */
  highlight(nodes: string[], edges: string[]): void {
    this.cy.elements().removeClass('path faded');
    const set = this.cy.collection();
    for (const id of [...nodes, ...edges]) set.merge(this.cy.getElementById(id));
    set.addClass('path');
    this.cy.elements().difference(set).addClass('faded');
    this.cy.fit(set, 60);
  }

  clearHighlight(): void {
    this.cy.elements().removeClass('path faded');
  }

  /** Hides edges that fail the filter, and nodes left without a visible edge (but the selected one). */
  applyFilter(f: { types: Set<string>; minConfidence: number; certainties: Set<string> }): void {
    this.cy.batch(() => {
      this.cy.edges().forEach((e) => {
        const ok = f.types.has(e.data('type')) && e.data('bestConfidence') >= f.minConfidence - 1e-9 && (e.data('certainties') as string[]).some((c) => f.certainties.has(c));
        e.toggleClass('filtered', !ok);
      });
      this.cy.nodes().forEach((n) => {
        const edges = n.connectedEdges();
        const visible = n.selected() || edges.length === 0 || edges.some((e) => !(e as cytoscape.EdgeSingular).hasClass('filtered'));
        n.toggleClass('filtered', !visible);
      });
    });
  }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }) as unknown as Blob;
  }

  /** The visible nodes and edges, each edge with its claims (as the export asks the API for them). */
  private exportGraph(claims: ReadonlyMap<string, ExportClaim>): { nodes: FileNode[]; edges: FileEdge[] } {
    const nodes = this.cy.nodes().not('.filtered').map((n): FileNode => ({ id: n.id(), name: String(n.data('name')), kind: String(n.data('kind')) }));
    const edges = this.cy.edges().not('.filtered').map((e): FileEdge => {
      const cs = ((e.data('claimIds') as string[] | undefined) ?? []).map((id) => claims.get(id)).filter((c): c is ExportClaim => !!c);
      const dates = cs.map((c) => c.date).filter((d): d is string => !!d).sort();
      return {
        id: e.id(), source: e.data('source') as string, target: e.data('target') as string, type: e.data('type') as string,
        confidence: Number(e.data('bestConfidence')), claims: Number(e.data('claimCount')), ended: !!e.data('ended'),
        firstDate: dates[0] ?? '', lastDate: dates.at(-1) ?? '',
        sources: ((e.data('sources') as string[] | undefined) ?? []).join(' | '),
        quotes: cs.map((c) => (c.kind === 'quote' ? `“${c.quote}”` : `(${c.kind}) ${c.quote}`)).join(' | '),
        documents: cs.map((c) => c.document).join(' | '),
        dates: cs.map((c) => c.date).join(' | '),
        certainties: [...new Set(cs.map((c) => c.certainty))].join(' | '),
      };
    });
    return { nodes, edges };
  }

  /** The visible graph as GraphML (Gephi, yEd, Cytoscape desktop), each edge with its claims as attributes. */
  graphml(claims: ReadonlyMap<string, ExportClaim> = new Map()): string {
    const { nodes, edges } = this.exportGraph(claims);
    return toGraphml(nodes, edges);
  }

  /** The visible graph as GEXF 1.3 (Gephi's own format), attributes typed, each edge with its claims. */
  gexf(claims: ReadonlyMap<string, ExportClaim> = new Map(), title = 'rightsgraph'): string {
    const { nodes, edges } = this.exportGraph(claims);
    return toGexf(nodes, edges, title);
  }

  /** The sources of the visible edges, for the PNG's caption. */
  visibleSources(): string[] {
    return [...new Set(this.cy.edges().not('.filtered').map((e) => (e.data('sources') as string[] | undefined) ?? []).flat())].sort();
  }
}
