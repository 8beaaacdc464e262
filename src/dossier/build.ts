// A dossier's content: for an entity, its exposure paths (or, for an abuse, who is exposed to it), every hop
// with its evidence (words and their kind, document, publisher, date, URL, archived copy), certainty,
// review, independent sources, the responses of those concerned, ended hops with the claims that ended
// them, the path's timing, asOf and the graph version it was made from. Bounded: at most `maxPaths`
// paths, and the dossier says when more exist.
import type { ChangeRecord, ClaimResponse, Entity, ExposurePath } from '../domain/index.ts';
import type { GraphStore } from '../store/port.ts';

export const DOSSIER_MAX_PATHS = 50;

export class DossierError extends Error {
  readonly userFacing = true;
}

export interface DossierRequest {
  entityId: string;
  to?: string | undefined;
  asOf?: string | undefined;
  maxPaths?: number | undefined;
}

export interface DossierResponse extends ClaimResponse {
  addedBy: string;
}

export interface DossierData {
  entity: Entity;
  to: Entity | null;
  asOf: string | null;
  madeAt: string;
  /** The graph the dossier was made from: its counts and store. */
  graphVersion: string;
  paths: ExposurePath[];
  /** True when more paths exist than the dossier shows. */
  truncated: boolean;
  maxPaths: number;
  /** Responses by claim id. */
  responses: Record<string, DossierResponse[]>;
  /** Every claim the dossier cites (hops, ends, suspensions elsewhere), for "what has changed since". */
  claimIds: string[];
}

/** The graph's size when the dossier was made; what changed on the dossier's own paths is compared claim by claim. */
export async function graphVersion(store: GraphStore): Promise<string> {
  const s = await store.stats();
  return `${s.documents} documents, ${s.entities} entities, ${s.claims} claims (${store.name})`;
}

export async function buildDossier(store: GraphStore, req: DossierRequest): Promise<DossierData> {
  const maxPaths = Math.min(req.maxPaths ?? DOSSIER_MAX_PATHS, 500);
  const [entity] = await store.getEntities([req.entityId]);
  if (!entity) throw new DossierError(`no entity ${req.entityId} in the graph`);
  let to: Entity | null = null;
  if (req.to) {
    [to = null] = await store.getEntities([req.to]);
    if (!to) throw new DossierError(`no entity ${req.to} in the graph (--to)`);
  }
  const asOf = req.asOf ? { asOf: req.asOf } : {};
  // One more than shown, to know whether some were left out.
  const found =
    entity.kind === 'Abuse'
      ? await store.exposedTo({ abuse: entity.id, kinds: ['Company', 'GovernmentBody', 'Organization'], maxHops: 4, filter: {}, ...asOf, limit: maxPaths + 1 })
      : await store.exposurePaths({ from: entity.id, ...(to ? { to: to.id } : {}), maxHops: 4, ...asOf, limit: maxPaths + 1 });
  if (to && !found.length) throw new DossierError(`no exposure path from ${entity.name} to ${to.name}${req.asOf ? ` as of ${req.asOf}` : ''}: it may have been rejected, superseded or never stated`);
  const paths = found.slice(0, maxPaths);
  const claimIds = new Set<string>();
  for (const p of paths) {
    for (const h of p.hops) {
      for (const c of h.claims) claimIds.add(c.claim.id);
      for (const id of h.ended?.claimIds ?? []) claimIds.add(id);
    }
    for (const c of p.unaffectedBy) claimIds.add(c.claim.id);
  }
  const responses: Record<string, DossierResponse[]> = {};
  const records: ChangeRecord[] = claimIds.size ? await store.listChanges({ action: 'response', limit: 10_000 }) : [];
  for (const r of records) {
    const id = r.targetIds[0]!;
    if (!claimIds.has(id)) continue;
    (responses[id] ??= []).push({ ...(r.after as ClaimResponse), addedBy: r.by });
  }
  for (const list of Object.values(responses)) list.sort((a, b) => a.date.localeCompare(b.date));
  return {
    entity, to, asOf: req.asOf ?? null, madeAt: new Date().toISOString(), graphVersion: await graphVersion(store),
    paths, truncated: found.length > maxPaths, maxPaths, responses, claimIds: [...claimIds].sort(),
  };
}
