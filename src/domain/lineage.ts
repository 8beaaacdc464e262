// Independent sources: the documents behind an edge grouped into lines of evidence. Outlets republishing one
// investigation, or citing one NGO's report, are one line, not several: two documents are on one line when
// they share a publisher, when either's claims are attributed to the other's publisher or to the same
// source ("according to Amnesty International", "selon Le Monde"), or when one cites the other's URL.
// Documents are grouped with a union-find over those links; each line is named by the source it traces to.
import type { Claim } from './claim.ts';
import type { Document } from './document.ts';
import { foldText } from './normalize.ts';

export interface Lineage {
  /** The source the line traces to: an attributed source, else the publisher, else the document's title or id. */
  source: string;
  documentIds: string[];
}

/** A URL compared without scheme, "www.", fragment or trailing slash. */
function urlKey(u: string): string {
  try {
    const x = new URL(u);
    let path = x.pathname;
    while (path.endsWith('/')) path = path.slice(0, -1);
    return `${x.hostname.replace(/^www\./, '')}${path}${x.search}`.toLowerCase();
  } catch {
    return u.toLowerCase();
  }
}

export function evidenceLineages(claims: ReadonlyArray<Pick<Claim, 'evidence'>>, docs: ReadonlyMap<string, Document>): Lineage[] {
  const ids = [...new Set(claims.map((c) => c.evidence.documentId))].sort();
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  // Every name a document's evidence traces to: its publisher and the sources its claims are attributed to.
  const label = new Map<string, string>();
  const byName = new Map<string, string>();
  const link = (docId: string, name: string | undefined, attributed: boolean) => {
    // "The Guardian" and "Guardian", "Le Monde" and "Monde" are one source.
    const key = name ? foldText(name).replace(/^(?:the|la|le|les|l) /, '') : '';
    if (!key) return;
    if (attributed || !label.has(docId)) label.set(docId, name!);
    const first = byName.get(key);
    if (first) union(first, docId);
    else byName.set(key, docId);
  };
  for (const c of claims) link(c.evidence.documentId, c.evidence.attributedTo, true);
  for (const id of ids) link(id, docs.get(id)?.publisher, false);
  const byUrl = new Map<string, string>();
  for (const id of ids) {
    const u = docs.get(id)?.url;
    if (u) byUrl.set(urlKey(u), id);
  }
  for (const id of ids) {
    for (const cited of docs.get(id)?.cites ?? []) {
      const other = byUrl.get(urlKey(cited));
      if (other) union(id, other);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const r = find(id);
    groups.set(r, [...(groups.get(r) ?? []), id]);
  }
  return [...groups.values()].map((documentIds) => {
    // A line is named by an attributed source where there is one, else by its first document's publisher.
    const attributed = claims.find((c) => documentIds.includes(c.evidence.documentId) && c.evidence.attributedTo)?.evidence.attributedTo;
    const d = docs.get(documentIds[0]!);
    return { source: attributed ?? label.get(documentIds[0]!) ?? d?.title ?? documentIds[0]!, documentIds };
  });
}
