// Puts a graph's claims together into the edges that GraphML, GEXF and CSV files draw: one edge per subject,
// claim type and object, with its claim count, best confidence, certainties, dates, sources and a few quotes.
// Fed the export's records in their order (documents, entities, redirects, claims); holds one small record
// per edge and per document, never the claims themselves, so memory grows with the edges, not the evidence.
import type { Claim, Document, Entity, Redirect } from '../domain/index.ts';
import type { FileEdge, FileNode } from './graph-files.ts';

/** Lists on an edge keep this many values; the count says how many claims there were. */
const KEEP = 20;
const KEEP_QUOTES = 5;

interface Acc {
  source: string;
  target: string;
  type: string;
  claims: number;
  confidence: number;
  ended: boolean;
  first: string;
  last: string;
  certainties: Set<string>;
  sources: Set<string>;
  documents: Set<string>;
  dates: Set<string>;
  quotes: string[];
}

export class EdgeTable {
  private readonly docs = new Map<string, { label: string; source: string }>();
  private readonly redirects = new Map<string, string>();
  private readonly nodes = new Set<string>();
  private readonly acc = new Map<string, Acc>();
  /** Claims left out: rejected or superseded on review, or naming an entity the graph does not hold. */
  readonly skipped = { reviewed: 0, dangling: 0 };

  addDocument(d: Document): void {
    this.docs.set(d.id, { label: d.url ?? d.title ?? d.id, source: d.publisher ?? (d.url ? hostOf(d.url) : d.id) });
  }

  /** The node an entity is drawn as. */
  node(e: Entity): FileNode {
    this.nodes.add(e.id);
    const country = 'country' in e && typeof e.country === 'string' ? e.country : 'countryCode' in e && typeof e.countryCode === 'string' ? e.countryCode : undefined;
    return { id: e.id, name: e.name, kind: e.kind, ...(country ? { country } : {}), ...(e.externalIds.wikidata ? { wikidata: e.externalIds.wikidata } : {}) };
  }

  addRedirect(r: Redirect): void {
    this.redirects.set(r.id, r.target);
  }

  addClaim(c: Claim): void {
    if (c.review.status === 'rejected' || c.review.status === 'superseded') {
      this.skipped.reviewed++;
      return;
    }
    const source = this.resolve(c.subject);
    const target = this.resolve(c.object);
    if (!this.nodes.has(source) || !this.nodes.has(target) || source === target) {
      this.skipped.dangling++;
      return;
    }
    const key = `${source}\u0000${c.type}\u0000${target}`;
    let a = this.acc.get(key);
    if (!a) {
      a = { source, target, type: c.type, claims: 0, confidence: 0, ended: false, first: '', last: '', certainties: new Set(), sources: new Set(), documents: new Set(), dates: new Set(), quotes: [] };
      this.acc.set(key, a);
    }
    a.claims++;
    a.confidence = Math.max(a.confidence, c.confidence);
    a.certainties.add(c.certainty);
    if (c.validTo) a.ended = true;
    for (const d of [c.date, c.validFrom, c.validTo]) {
      if (!d) continue;
      if (!a.first || d < a.first) a.first = d;
      if (!a.last || d > a.last) a.last = d;
    }
    if (c.date && a.dates.size < KEEP) a.dates.add(c.date);
    const doc = this.docs.get(c.evidence.documentId);
    if (a.sources.size < KEEP) a.sources.add(doc?.source ?? c.evidence.documentId);
    if (a.documents.size < KEEP) a.documents.add(doc?.label ?? c.evidence.documentId);
    if (a.quotes.length < KEEP_QUOTES) a.quotes.push(c.evidence.kind === 'quote' ? `“${c.evidence.quote}”` : `(${c.evidence.kind}) ${c.evidence.quote}`);
  }

  get size(): number {
    return this.acc.size;
  }

  *edges(): Generator<FileEdge> {
    let n = 0;
    for (const a of this.acc.values()) {
      yield {
        id: `e${++n}`,
        source: a.source,
        target: a.target,
        type: a.type,
        confidence: a.confidence,
        claims: a.claims,
        ended: a.ended,
        firstDate: a.first,
        lastDate: a.last,
        certainties: [...a.certainties].join(' | '),
        sources: [...a.sources].join(' | '),
        documents: [...a.documents].join(' | '),
        dates: [...a.dates].sort().join(' | '),
        quotes: a.quotes.join(' | '),
      };
    }
  }

  private resolve(id: string): string {
    // Merges chain (a into b, b into c); a cycle cannot form, but the walk is bounded all the same.
    let cur = id;
    for (let i = 0; i < 32 && this.redirects.has(cur); i++) cur = this.redirects.get(cur)!;
    return cur;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
