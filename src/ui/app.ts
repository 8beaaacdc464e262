// What the panels share: the graph, the view state, the current filter as the API takes it, and the
// actions (open an entity, expand it, show a path, report a status line).
import type { Graph } from './graph.ts';
import type { ViewState } from './state.ts';

export const CLAIM_TYPES = ['PROVIDES', 'SUPPLIES', 'USES', 'PARTY_TO', 'FUNDS', 'PART_OF', 'RESPONSIBLE_FOR', 'ENABLES', 'OCCURRED_IN', 'BASED_IN', 'ROLE_IN', 'SUSPENDED', 'DOCUMENTS', 'PARTNERS_WITH'];
export const CERTAINTIES = ['stated', 'alleged', 'denied'];
export const REVIEWS = ['unreviewed', 'accepted', 'rejected', 'superseded'];

export interface App {
  graph: Graph;
  state: ViewState;
  /** The claim filter for API calls (types, confidence, certainty, review). */
  filter(): Record<string, unknown>;
  open(id: string): Promise<void>;
  expand(id: string): Promise<void>;
  status(text: string): void;
  save(): void;
}

/** An Edge of the API (the EdgeFields fragment of operations.graphql) as the graph view takes it. */
export function edgeData(e: { type: string; subjectId: string; objectId: string; bestConfidence: number; certainties: string[]; claimCount: number; claimIds: string[]; lineages: ReadonlyArray<{ source: string }> }, ended = false) {
  return { type: e.type, subject: e.subjectId, object: e.objectId, bestConfidence: e.bestConfidence, certainties: e.certainties, claimCount: e.claimCount, claimIds: e.claimIds, sources: e.lineages.map((l) => l.source), ended };
}
