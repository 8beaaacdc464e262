// The exposure-path grammar of ONTOLOGY.md as data, and how a path is scored and marked ended. Every store
// adapter walks these steps; none spells the grammar again.
import type { Certainty, ClaimType, EntityKind } from './vocabulary.ts';
import type { Claim } from './claim.ts';
import type { Entity } from './entity.ts';

export interface HopStep {
  type: ClaimType;
  /** forward: walk subject → object; backward: object → subject. */
  direction: 'forward' | 'backward';
  fromKinds: readonly EntityKind[];
  toKinds: readonly EntityKind[];
  /** Multiplies the hop's weight: a unit's parent is exposed "with less weight". */
  weight: number;
}

export const HOP_GRAMMAR: readonly HopStep[] = [
  { type: 'PROVIDES', direction: 'forward', fromKinds: ['Company', 'GovernmentBody', 'Organization'], toKinds: ['Technology'], weight: 1 },
  { type: 'ENABLES', direction: 'forward', fromKinds: ['Technology'], toKinds: ['Abuse'], weight: 1 },
  { type: 'USES', direction: 'backward', fromKinds: ['Technology'], toKinds: ['GovernmentBody', 'Organization', 'Company'], weight: 1 },
  { type: 'RESPONSIBLE_FOR', direction: 'forward', fromKinds: ['GovernmentBody', 'Company', 'Organization', 'Person'], toKinds: ['Abuse'], weight: 1 },
  { type: 'SUPPLIES', direction: 'forward', fromKinds: ['Company'], toKinds: ['GovernmentBody', 'Organization', 'Company'], weight: 1 },
  { type: 'PARTY_TO', direction: 'forward', fromKinds: ['Company', 'GovernmentBody', 'Organization', 'Person'], toKinds: ['Contract'], weight: 1 },
  { type: 'PARTY_TO', direction: 'backward', fromKinds: ['Contract'], toKinds: ['GovernmentBody', 'Organization', 'Company'], weight: 1 },
  { type: 'PART_OF', direction: 'forward', fromKinds: ['GovernmentBody'], toKinds: ['GovernmentBody'], weight: 0.8 },
  { type: 'PART_OF', direction: 'backward', fromKinds: ['GovernmentBody'], toKinds: ['GovernmentBody'], weight: 0.8 },
  { type: 'PART_OF', direction: 'backward', fromKinds: ['Company'], toKinds: ['Company'], weight: 0.9 },
];

/** The steps allowed from an entity of `kind`, optionally restricted to some claim types. */
export function stepsFrom(kind: EntityKind, types?: readonly ClaimType[]): HopStep[] {
  return HOP_GRAMMAR.filter((s) => s.fromKinds.includes(kind) && (!types || types.includes(s.type)));
}

export const CERTAINTY_WEIGHT: Record<Certainty, number> = { stated: 1, alleged: 0.7, denied: 0 };

/** An ended hop still counts, at this fraction: the supply happened, but stopped. */
export const ENDED_FACTOR = 0.5;

/**
 * A hop's weight from its edge's claims: the best of confidence × certainty weight over its claims, times
 * the step's weight. Denied claims weigh 0, so an edge only denied is not walked.
 */
export function hopWeight(claims: readonly { confidence: number; certainty: Certainty }[], step: Pick<HopStep, 'weight'>): number {
  let best = 0;
  for (const c of claims) best = Math.max(best, c.confidence * CERTAINTY_WEIGHT[c.certainty]);
  return best * step.weight;
}

/** A path's score: the product of its hops' weights (ended hops at ENDED_FACTOR), so longer paths weigh less. */
export function pathScore(hops: readonly { weight: number; ended: unknown }[]): number {
  return hops.reduce((s, h) => s * h.weight * (h.ended ? ENDED_FACTOR : 1), 1);
}

/** Compare partial ISO dates ("2025", "2025-09", "2025-09-25") as the earliest day they could mean. */
export function dateKey(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

/** The date a claim holds from: its validFrom, else its date. */
export function claimStart(c: { date?: string | undefined; validFrom?: string | undefined }): string | undefined {
  return c.validFrom ?? c.date;
}

/**
 * Which hop of a path a SUSPENDED claim ends. A suspension by company C of X (a Technology, Contract or
 * body) ends the hop of the path that reaches X, provided C stands earlier on the path: "Microsoft disabled
 * Unit 8200's services" ends the hop Azure ←USES– Unit 8200 of a path from Microsoft, and "Microsoft
 * stopped providing X" ends Microsoft –PROVIDES→ X. A suspension counts when dated on or before asOf
 * (undated: always) and not older than the hop's latest supporting claim (a later claim means it resumed).
 */
export function endedHopIndex(
  pathNodeIds: readonly string[],
  suspension: { subject: string; object: string; date?: string | undefined },
  hopLatestDate: (hopIndex: number) => string | undefined,
  asOf?: string,
): number | null {
  const si = pathNodeIds.indexOf(suspension.subject);
  const oi = pathNodeIds.indexOf(suspension.object);
  if (si < 0 || oi <= si) return null;
  const hop = oi - 1;
  if (suspension.date && asOf && dateKey(suspension.date) > dateKey(asOf)) return null;
  const latest = hopLatestDate(hop);
  if (latest && suspension.date && dateKey(latest) > dateKey(suspension.date)) return null;
  return hop;
}

/** A path whose hops cannot have held at one time (a supply ended before the abuse began) counts at this fraction. */
export const DISJOINT_FACTOR = 0.25;

/** The last day a partial date can mean ("2020" → 2020-12-31), for "definitely before" comparisons. */
function dateEndKey(d: string): string {
  return d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d;
}

interface TimedHop {
  from: Pick<Entity, 'name' | 'kind'> & { startDate?: string | undefined; endDate?: string | undefined };
  to: Pick<Entity, 'name' | 'kind'> & { startDate?: string | undefined; endDate?: string | undefined };
  edge: { type: ClaimType };
  claims: ReadonlyArray<{ claim: Pick<Claim, 'date' | 'validFrom' | 'validTo'> }>;
  ended: { date?: string | undefined } | null;
}

/**
 * Whether a path's hops can have held at one time (ONTOLOGY, time). A hop holds from the earliest date its
 * claims give the relation (their own dates, not their documents') until the suspension that ended it, or
 * the latest validTo when every claim has one; otherwise it is open at that end. An abuse or contract on the
 * path bounds its hops by its own start and end dates. The hops overlap unless one definitely ended before
 * another began; with no date at all, nothing can be said.
 */
export function pathTiming(hops: readonly TimedHop[]): { overlap: boolean | null; from?: string; to?: string; note?: string } {
  let lo: { date: string; what: string } | undefined;
  let hi: { date: string; what: string } | undefined;
  const start = (date: string | undefined, what: string) => {
    if (date && (!lo || dateKey(date) > dateKey(lo.date))) lo = { date, what };
  };
  const end = (date: string | undefined, what: string) => {
    if (date && (!hi || dateEndKey(date) < dateEndKey(hi.date))) hi = { date, what };
  };
  for (const h of hops) {
    const what = `${h.from.name} ${h.edge.type} ${h.to.name}`;
    const starts = h.claims.map((c) => c.claim.validFrom ?? c.claim.date).filter((d): d is string => !!d);
    if (starts.length) start(starts.reduce((m, d) => (dateKey(d) < dateKey(m) ? d : m)), what);
    const ends = h.claims.map((c) => c.claim.validTo);
    if (h.ended?.date) end(h.ended.date, `${what} (suspended)`);
    else if (ends.length && ends.every((d): d is string => !!d)) end(ends.reduce((m, d) => (dateEndKey(d) > dateEndKey(m) ? d : m)), what);
    for (const e of [h.from, h.to]) {
      if (e.kind !== 'Abuse' && e.kind !== 'Contract') continue;
      start(e.startDate, e.name);
      end(e.endDate, e.name);
    }
  }
  if (!lo && !hi) return { overlap: null };
  const window = { ...(lo ? { from: lo.date } : {}), ...(hi ? { to: hi.date } : {}) };
  if (lo && hi && dateEndKey(hi.date) < dateKey(lo.date)) {
    return { overlap: false, ...window, note: `${hi.what} ended by ${hi.date}, before ${lo.what} began (${lo.date})` };
  }
  return { overlap: true, ...window };
}

/**
 * Whether each company roll-up of a path held while the rest of the path did (ONTOLOGY, time). A parent is
 * exposed through its subsidiary only over the dates it was the parent: when every claim of a Company
 * PART_OF hop gives a period (validFrom or validTo, as registry records such as GLEIF's do) and none of those
 * periods meets the window of the path's other hops, the path does not hold and is not a path of the parent.
 * A hop with an undated claim, or dated only by when a report said it, is kept (pathTiming ranks it).
 */
export function rollUpHolds(hops: readonly (TimedHop & { direction?: string })[]): boolean {
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i]!;
    if (h.edge.type !== 'PART_OF' || h.from.kind !== 'Company' || h.to.kind !== 'Company') continue;
    if (!h.claims.length || !h.claims.every((c) => c.claim.validFrom || c.claim.validTo)) continue;
    const rest = pathTiming(hops.filter((_, j) => j !== i));
    const meets = h.claims.some(({ claim: c }) => !(c.validTo && rest.from && dateEndKey(c.validTo) < dateKey(rest.from)) && !(c.validFrom && rest.to && dateKey(c.validFrom) > dateEndKey(rest.to)));
    if (!meets) return false;
  }
  return true;
}
