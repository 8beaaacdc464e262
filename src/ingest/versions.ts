// Versions of one document: a report ingested again from the same URL with other text (a correction, an
// update) is a new version that replaces the earlier one, so its claims are not counted twice and a quote is
// not shown twice on a hop. The new version names the one it replaces (`supersedes`); its claims that say
// what an earlier claim said (same type, ends and words) keep that claim's review; the earlier version's
// claims become `superseded` (hidden as rejected ones are), each with a change record.
import { foldText, type Claim, type Document } from '../domain/index.ts';
import type { GraphStore } from '../store/port.ts';

export const VERSION_ACTOR = 'ingest (new version)';

const sameStatement = (a: Claim, b: Claim) =>
  a.type === b.type && a.subject === b.subject && a.object === b.object && foldText(a.evidence.quote) === foldText(b.evidence.quote);

/** The claims of a document, whatever their review. */
async function claimsOf(store: GraphStore, documentId: string): Promise<Claim[]> {
  const out: Claim[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.findClaims({ documentId, review: ['unreviewed', 'accepted', 'rejected', 'superseded'], limit: 1000, ...(after ? { after } : {}) });
    out.push(...page.items);
    if (page.items.length < 1000) return out;
    after = page.items.at(-1)!.id;
  }
}

export interface VersionPlan {
  /** The version this document replaces, if any. */
  supersedes?: string;
  /** Claims of the replaced version to mark superseded once the new version is written. */
  retire: Claim[];
}

/**
 * Before the upsert: which version `doc` replaces (the latest version of its URL that no other replaces),
 * and the reviews its claims carry over (set on `claims` in place). A document already in the store keeps
 * the version it replaced then, so ingesting it again only finishes what a crash may have left undone.
 */
export async function planVersion(store: GraphStore, doc: Document, claims: Claim[]): Promise<VersionPlan> {
  if (!doc.url) return { retire: [] };
  const versions = await store.documentsByUrl(doc.url);
  const self = versions.find((d) => d.id === doc.id);
  let previous: string | undefined;
  if (self) previous = self.supersedes;
  else {
    const replaced = new Set(versions.map((d) => d.supersedes).filter(Boolean));
    const heads = versions.filter((d) => !replaced.has(d.id)).sort((a, b) => (a.fetchedAt ?? '').localeCompare(b.fetchedAt ?? '') || a.id.localeCompare(b.id));
    previous = heads.at(-1)?.id;
  }
  if (!previous) return { retire: [] };
  const old = await claimsOf(store, previous);
  for (const c of claims) {
    const was = old.find((o) => sameStatement(o, c) && (o.review.status === 'accepted' || o.review.status === 'rejected'));
    if (was) c.review = { ...was.review, note: `${was.review.note ? `${was.review.note} ` : ''}(review carried from the earlier version ${previous})` };
  }
  return { supersedes: previous, retire: old.filter((o) => o.review.status !== 'superseded') };
}

/** After the upsert: the replaced version's claims leave edges and paths, each with its change record. */
export async function retireClaims(store: GraphStore, doc: Document, plan: VersionPlan): Promise<number> {
  const at = new Date().toISOString();
  const note = `replaced by the version ${doc.id} of ${doc.url}`;
  for (const c of plan.retire) await store.reviewClaim(c.id, { status: 'superseded', by: VERSION_ACTOR, at, note }, { by: VERSION_ACTOR, note });
  return plan.retire.length;
}
