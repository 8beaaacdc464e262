// Exposure paths, store-agnostic: a best-first search over a ClaimIndex along HOP_GRAMMAR (scores only fall
// as a path grows, so paths come out best first and the search stops at `limit`), then the assembly of the
// winning paths into hops with their edges, claims, documents and ended marks from the store's records.
import {
  HOP_GRAMMAR,
  DISJOINT_FACTOR,
  ENDED_FACTOR,
  pathTiming,
  rollUpHolds,
  ExposureQuery,
  endedHopIndex,
  hopWeight,
  pathScore,
  stepsFrom,
  type Claim,
  type ClaimFilter,
  type ClaimType,
  type EntityKind,
  type ExposurePath,
  type HopStep,
} from '../domain/index.ts';
import { TYPE_CODE_OF, compileFilter, dateInt, type ClaimIndex, type ClaimList, type CompiledFilter } from './claim-index.ts';
import { aggregateEdge, fetchRecords, type RecordFetcher } from './edges.ts';

export type { RecordFetcher } from './edges.ts';

interface Partial {
  /** Set on a lazy entry standing for the siblings kids[at..] of `parent` (see searchExposure). */
  cursor?: { kids: Child[]; at: number };
  node: number;
  parent: Partial | null;
  depth: number;
  score: number;
  step: HopStep | null;
  claims: number[];
  weight: number;
  ended: { claims: number[]; date?: string | undefined } | null;
}

/** A path found by the search: entity indexes and, per hop, its step, claims, weight and ended mark. */
export interface FoundPath {
  nodes: number[];
  hops: Array<{ step: HopStep; claims: number[]; weight: number; ended: Partial['ended'] }>;
  score: number;
  /** Suspensions by an actor of the path of something off the path: they end none of its hops. */
  elsewhere: number[];
}

/** At most this many suspensions off the path are reported per path. */
const ELSEWHERE_MAX = 20;

/** SUSPENDED claims (known by asOf, dated on or before it, not rejected or denied) whose subject is on the path and object is not. */
function suspensionsOffPath(index: ClaimIndex, nodes: readonly number[], cf: CompiledFilter, asOfInt: number): number[] {
  const on = new Set(nodes);
  const out: number[] = [];
  for (const n of nodes) {
    if (index.kindOf(n) === 'Abuse' || index.kindOf(n) === 'Technology') continue;
    for (const ci of index.outOf(n)) {
      if (index.typeOf(ci) !== 'SUSPENDED' || on.has(index.objectOf(ci))) continue;
      if (!((cf.statusMask >> index.statusCodeOf(ci)) & 1) || index.certaintyOf(ci) === 'denied' || !index.knownBy(ci, cf)) continue;
      const d = index.dateOf(ci);
      if (d && d > asOfInt) continue;
      out.push(ci);
      if (out.length >= ELSEWHERE_MAX) return out;
    }
  }
  return out;
}

/**
 * Bounds that keep a query on a dense graph from running away; results are then the best found so far.
 * The search is synchronous, so the time bound is also how long one search may hold the event loop:
 * measured here, a 6-hop search over 50 k companies with 20 suppliers each and no abuse to find reached
 * the pop limit in 0.7–0.9 s; on a slower or busier machine the clock stops it first.
 */
export const SEARCH_LIMITS = { maxPops: 200_000, maxPushes: 1_000_000, maxMs: 1_000 };

class MaxHeap {
  private readonly a: Partial[] = [];
  get size(): number {
    return this.a.length;
  }
  private better(x: Partial, y: Partial): boolean {
    // Ties go deeper first: among equal scores the path nearer a target finishes sooner.
    return x.score > y.score || (x.score === y.score && x.depth > y.depth);
  }
  push(p: Partial): void {
    const a = this.a;
    a.push(p);
    let i = a.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.better(a[i]!, a[up]!)) break;
      [a[i], a[up]] = [a[up]!, a[i]!];
      i = up;
    }
  }
  pop(): Partial | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.better(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.better(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function onPath(p: Partial, node: number): boolean {
  for (let q: Partial | null = p; q; q = q.parent) if (q.node === node) return true;
  return false;
}

function pathIds(index: ClaimIndex, p: Partial): string[] {
  const ids: string[] = [];
  for (let q: Partial | null = p; q; q = q.parent) ids.push(index.entityIds[q.node]!);
  return ids.reverse();
}

/** The SUSPENDED claims (dated on or before asOf) that end the hop from `p` to `target`, per endedHopIndex. */
function endedBy(index: ClaimIndex, p: Partial, target: number, hopClaims: number[], cf: CompiledFilter, asOf?: string): Partial['ended'] {
  let ids: string[] | null = null;
  const hits: number[] = [];
  let date: string | undefined;
  for (const ci of index.suspensionsOf(target)) {
    // Rejected suspensions do not end anything; denied ones are not suspensions.
    if (!((cf.statusMask >> index.statusCodeOf(ci)) & 1)) continue;
    if (index.certaintyOf(ci) === 'denied' || !index.knownBy(ci, cf)) continue;
    const s = index.subjectOf(ci);
    if (!onPath(p, s)) continue;
    ids ??= [...pathIds(index, p), index.entityIds[target]!];
    const hopIdx = ids.length - 2;
    // The hop's latest supply by the claims' own dates: one only known from its document does not reopen it.
    const latest = hopClaims.reduce((m, c) => Math.max(m, index.dateOf(c)), 0);
    const hit = endedHopIndex(
      ids,
      { subject: index.entityIds[s]!, object: index.entityIds[target]!, date: index.dateTextOf(ci) },
      () => (latest ? `${String(latest).slice(0, 4)}-${String(latest).slice(4, 6)}-${String(latest).slice(6, 8)}` : undefined),
      asOf,
    );
    if (hit === hopIdx) {
      hits.push(ci);
      const d = index.dateTextOf(ci);
      // The supply ended when it was first reported ended: later reports of the same suspension (a document
      // dated after, an undated claim that takes its document's date) do not move it.
      if (d && (!date || index.dateOf(ci) < Number(date.replace(/-/g, '').padEnd(8, '0')))) date = d;
    }
  }
  return hits.length ? { claims: hits, ...(date ? { date } : {}) } : null;
}

/** One hop out of an entity, before the path-dependent checks (simple path, ended mark). */
interface Child {
  other: number;
  step: HopStep;
  claims: number[];
  weight: number;
}

/**
 * The hops out of `node` along the grammar: one pass over its out- and in-lists, dispatching each claim to
 * the steps of its type and direction, grouped by (step, far entity) and weighted with hopWeight.
 */
function childrenOf(index: ClaimIndex, node: number, cf: CompiledFilter, types: readonly ClaimType[] | undefined): Child[] {
  const steps = stepsFrom(index.kindOf(node), types);
  if (!steps.length) return [];
  const fwd = new Map<number, HopStep[]>();
  const bwd = new Map<number, HopStep[]>();
  for (const st of steps) {
    const m = st.direction === 'forward' ? fwd : bwd;
    const t = TYPE_CODE_OF.get(st.type)!;
    m.set(t, [...(m.get(t) ?? []), st]);
  }
  const groups = new Map<HopStep, Map<number, number[]>>();
  const walk = (list: ClaimList, by: Map<number, HopStep[]>, forward: boolean) => {
    if (!by.size) return;
    for (const ci of list) {
      const sts = by.get(index.typeCodeOf(ci));
      if (!sts || !index.passes(ci, cf)) continue;
      const other = forward ? index.objectOf(ci) : index.subjectOf(ci);
      const kind = index.kindOf(other);
      for (const st of sts) {
        if (!st.toKinds.includes(kind)) continue;
        let g = groups.get(st);
        if (!g) groups.set(st, (g = new Map()));
        const l = g.get(other);
        if (l) l.push(ci);
        else g.set(other, [ci]);
      }
    }
  };
  walk(index.outOf(node), fwd, true);
  walk(index.inOf(node), bwd, false);
  const out: Child[] = [];
  for (const [step, g] of groups) {
    for (const [other, claims] of g) {
      const weight = hopWeight(claims.map((ci) => ({ confidence: index.confidenceOf(ci), certainty: index.certaintyOf(ci) })), step);
      if (weight > 0) out.push({ other, step, claims, weight });
    }
  }
  return out;
}

/**
 * A path may pass through a class of technology ("cameras", "cloud storage") only where its two hops there
 * are about the same thing (ONTOLOGY, exposure paths): claims of both hops from one document (the hop out
 * keeps only those claims as its evidence), or, for a user reached through the class, a SUPPLIES claim from
 * the actor before the class to that user or a contract both are party to. Otherwise an innocent maker of
 * cameras for schools would be exposed to a ministry's surveillance through the shared "cameras" node.
 */
function joinThroughClass(index: ClaimIndex, parent: Partial, k: Child, cf: CompiledFilter): Child | null {
  const docs = new Set(parent.claims.map((ci) => index.docOf(ci)));
  docs.delete(-1);
  const same = k.claims.filter((ci) => docs.has(index.docOf(ci)));
  if (same.length) {
    if (same.length === k.claims.length) return k;
    const weight = hopWeight(same.map((ci) => ({ confidence: index.confidenceOf(ci), certainty: index.certaintyOf(ci) })), k.step);
    return weight > 0 ? { ...k, claims: same, weight } : null;
  }
  const before = parent.parent?.node;
  return before !== undefined && index.kindOf(k.other) !== 'Abuse' && actorsLinked(index, before, k.other, cf) ? k : null;
}

/** Whether `a` supplies `b`, or both are party to one contract, by claims passing the filter. */
function actorsLinked(index: ClaimIndex, a: number, b: number, cf: CompiledFilter): boolean {
  const contracts = new Set<number>();
  for (const ci of index.outOf(a)) {
    if (!index.passes(ci, cf) || index.certaintyOf(ci) === 'denied') continue;
    const t = index.typeOf(ci);
    if (t === 'SUPPLIES' && index.objectOf(ci) === b) return true;
    if (t === 'PARTY_TO') contracts.add(index.objectOf(ci));
  }
  if (!contracts.size) return false;
  for (const ci of index.outOf(b)) {
    if (index.typeOf(ci) === 'PARTY_TO' && contracts.has(index.objectOf(ci)) && index.passes(ci, cf) && index.certaintyOf(ci) !== 'denied') return true;
  }
  return false;
}

/**
 * Hop lists of hubs, kept across queries for the default filter (no claim filter, no asOf): a hub's hops
 * take a pass over tens of thousands of claims, and random queries keep reaching the same few hubs.
 * Dropped whenever the index changes; bounded in total size.
 */
const HUB_DEGREE = 512;
const HUB_CACHE_MAX = 2_000_000;
const hubCache = new WeakMap<ClaimIndex, { version: number; size: number; lists: Map<number, Child[]> }>();

/**
 * Heaviest hop first; between hops of one weight, by the far entity's id, then the step: an order of the
 * graph itself, not of the order its claims were written in, so a store whose index followed its writes and
 * one that built its index afresh return the same paths, ties and cut-off included.
 */
function byWeight(index: ClaimIndex): (a: Child, b: Child) => number {
  const ids = index.entityIds;
  return (a, b) =>
    b.weight - a.weight ||
    (a.other === b.other ? 0 : ids[a.other]! < ids[b.other]! ? -1 : 1) ||
    (a.step.type === b.step.type ? 0 : a.step.type < b.step.type ? -1 : 1) ||
    (a.step.direction === b.step.direction ? 0 : a.step.direction < b.step.direction ? -1 : 1);
}

function cachedChildren(index: ClaimIndex, node: number, cf: CompiledFilter, types: readonly ClaimType[] | undefined, cacheable: boolean): Child[] {
  if (!cacheable || index.degreeOf(node) < HUB_DEGREE) {
    return childrenOf(index, node, cf, types).sort(byWeight(index));
  }
  let c = hubCache.get(index);
  if (!c || c.version !== index.version) hubCache.set(index, (c = { version: index.version, size: 0, lists: new Map() }));
  let list = c.lists.get(node);
  if (!list) {
    list = childrenOf(index, node, cf, types).sort(byWeight(index));
    if (c.size + list.length > HUB_CACHE_MAX) {
      c.lists.clear();
      c.size = 0;
    }
    c.lists.set(node, list);
    c.size += list.length;
  }
  return list;
}

/**
 * Best-first search for the query's paths over the index; returns at most `limit` paths, best first. Scores
 * only fall as a path grows, so complete paths come off the heap in score order. Each entity is expanded at
 * most `limit` times (the bound of k-shortest-path search: the best `limit` paths pass through an entity by
 * at most `limit` distinct prefixes), its hops are computed and sorted once per query, and they enter the
 * heap lazily, one sibling at a time, so a hub with 50 k claims costs one pass, not 50 k heap entries.
 */
export function searchExposure(index: ClaimIndex, queryInput: ExposureQuery): FoundPath[] {
  const q = ExposureQuery.parse(queryInput);
  const start = index.entityIndex(q.from);
  if (start === undefined) return [];
  const target = q.to !== undefined ? index.entityIndex(q.to) : undefined;
  if (q.to !== undefined && target === undefined) return [];
  const toKinds = new Set(q.toKinds);
  const isTarget = (n: number) => (q.to !== undefined ? n === target : toKinds.has(index.kindOf(n)));
  const cf = compileFilter(q.filter, q.asOf);
  const cacheable = q.asOf === undefined && Object.keys(q.filter).length === 0;
  const heap = new MaxHeap();
  heap.push({ node: start, parent: null, depth: 0, score: 1, step: null, claims: [], weight: 1, ended: null });
  const found: Partial[] = [];
  const expanded = new Map<number, number>();
  const children = new Map<number, { all: Child[]; targets: Child[] }>();
  const pushCursor = (parent: Partial, kids: Child[], at: number) => {
    const k = kids[at];
    if (!k) return;
    heap.push({ cursor: { kids, at }, node: -1, parent, depth: parent.depth + 1, score: parent.score * k.weight, step: null, claims: [], weight: 0, ended: null });
  };
  let pops = 0;
  let pushes = 0;
  const until = performance.now() + SEARCH_LIMITS.maxMs;
  while (heap.size && found.length < q.limit && pops < SEARCH_LIMITS.maxPops && pushes < SEARCH_LIMITS.maxPushes) {
    const p = heap.pop()!;
    pops++;
    // The clock is read every 1,024 pops (about 1 ms of search) to keep its cost out of the loop.
    if ((pops & 1023) === 0 && performance.now() > until) break;
    if (p.cursor) {
      // A cursor's score bounds every sibling after it (kids are sorted by weight, an ended mark only
      // lowers a score), so taking one child at a time keeps the search exactly best-first while a hub's
      // 50 k hops cost heap work only for the few that are reached.
      const { kids, at } = p.cursor;
      const parent = p.parent!;
      pushCursor(parent, kids, at + 1);
      let k = kids[at]!;
      if (onPath(parent, k.other)) continue;
      if (parent.step && index.isGeneric(parent.node)) {
        const joined = joinThroughClass(index, parent, k, cf);
        if (!joined) continue;
        k = joined;
      }
      const ended = endedBy(index, parent, k.other, k.claims, cf, q.asOf);
      const score = parent.score * k.weight * (ended ? ENDED_FACTOR : 1);
      heap.push({ node: k.other, parent, depth: p.depth, score, step: k.step, claims: k.claims, weight: k.weight, ended });
      pushes++;
      continue;
    }
    if (p.depth > 0 && isTarget(p.node)) {
      found.push(p);
      continue;
    }
    if (p.depth >= q.maxHops) continue;
    const times = expanded.get(p.node) ?? 0;
    if (times >= q.limit) continue;
    expanded.set(p.node, times + 1);
    let kids = children.get(p.node);
    if (!kids) {
      const all = cachedChildren(index, p.node, cf, q.filter.types, cacheable);
      children.set(p.node, (kids = { all, targets: all.filter((k) => isTarget(k.other)) }));
    }
    // On the last hop only a target is worth walking to.
    pushCursor(p, p.depth + 1 === q.maxHops ? kids.targets : kids.all, 0);
    pushes++;
  }
  return found.map((p) => {
    const chain: Partial[] = [];
    for (let x: Partial | null = p; x; x = x.parent) chain.push(x);
    chain.reverse();
    const nodes = chain.map((x) => x.node);
    return {
      nodes,
      hops: chain.slice(1).map((x) => ({ step: x.step!, claims: x.claims, weight: x.weight, ended: x.ended })),
      score: p.score,
      elsewhere: suspensionsOffPath(index, nodes, cf, q.asOf ? dateInt(q.asOf) : Number.MAX_SAFE_INTEGER),
    };
  });
}

/** Turns found paths into ExposurePaths with each hop's edge, evidenced claims and ended mark. */
export async function assemblePaths(index: ClaimIndex, found: FoundPath[], fetch: RecordFetcher): Promise<ExposurePath[]> {
  const entityIds = new Set<string>();
  const claimIds = new Set<string>();
  for (const f of found) {
    for (const n of f.nodes) entityIds.add(index.entityIds[n]!);
    for (const h of f.hops) for (const ci of [...h.claims, ...(h.ended?.claims ?? [])]) claimIds.add(index.claimIds[ci]!);
    for (const ci of f.elsewhere) claimIds.add(index.claimIds[ci]!);
  }
  const { entities, claims, docs } = await fetchRecords(index, entityIds, claimIds, fetch);
  const out: ExposurePath[] = [];
  for (const f of found) {
    const hops = f.hops.map((h, i) => {
      const from = entities.get(index.entityIds[f.nodes[i]!]!)!;
      const to = entities.get(index.entityIds[f.nodes[i + 1]!]!)!;
      const hc = h.claims.map((ci) => claims.get(index.claimIds[ci]!)).filter((c): c is Claim => !!c);
      const forward = h.step.direction === 'forward';
      return {
        from,
        to,
        direction: h.step.direction,
        edge: aggregateEdge(h.step.type, forward ? from.id : to.id, forward ? to.id : from.id, hc, docs),
        claims: hc.map((claim) => ({ claim, document: docs.get(claim.evidence.documentId) ?? null })),
        weight: h.weight,
        ended: h.ended
          ? { ...(h.ended.date ? { date: h.ended.date } : {}), claimIds: h.ended.claims.map((ci) => index.claimIds[ci]!).sort() }
          : null,
      };
    });
    if (hops.some((h) => !h.from || !h.to)) continue;
    // A parent outside the period it held the subsidiary is not exposed through it.
    if (!rollUpHolds(hops)) continue;
    const timing = pathTiming(hops);
    const unaffectedBy = f.elsewhere
      .map((ci) => claims.get(index.claimIds[ci]!))
      .filter((c): c is Claim => !!c)
      .map((claim) => ({ claim, document: docs.get(claim.evidence.documentId) ?? null }));
    out.push({ hops, score: pathScore(hops) * (timing.overlap === false ? DISJOINT_FACTOR : 1), ended: hops.some((h) => h.ended !== null), timing, unaffectedBy });
  }
  // Paths whose hops cannot have held at one time rank below those that can (a stable sort keeps the rest).
  return out.sort((a, b) => b.score - a.score);
}

/**
 * exposurePaths over an index: the search, then the assembly. The assembly drops a path whose company
 * roll-up lies outside its period (rollUpHolds), which the search cannot know; when it dropped some of a
 * full page, the search runs again for four times as many and the best `limit` after assembly are kept.
 */
export async function exposurePathsOver(index: ClaimIndex, query: ExposureQuery, fetch: RecordFetcher): Promise<ExposurePath[]> {
  const limit = ExposureQuery.parse(query).limit;
  const found = searchExposure(index, query);
  const paths = await assemblePaths(index, found, fetch);
  if (paths.length === found.length || found.length < limit) return paths;
  return (await assemblePaths(index, searchExposure(index, { ...query, limit: Math.min(1000, limit * 4) }), fetch)).slice(0, limit);
}

/** Paths searched per candidate actor of exposedTo, of which the best after assembly (timing included) is kept. */
const PATHS_PER_ACTOR = 3;

/** Bounds of an exposedTo search: entities visited walking back from the abuse, candidate actors tried. */
export const EXPOSED_TO_LIMITS = { visited: 200_000, candidates: 20_000 };

export interface ExposedToQuery {
  abuse: string;
  kinds: readonly EntityKind[];
  maxHops: number;
  filter: ClaimFilter;
  asOf?: string | undefined;
  limit: number;
}

/**
 * Who is exposed to one abuse, in one pass over the index: walk back from the abuse over the grammar's claims
 * (those passing the filter and asOf, both directions) for maxHops levels to collect the actors of the wanted
 * kinds, then each candidate's best paths to the abuse by the same search as exposurePaths, ranked. Yields to
 * the event loop every few hundred candidates, so other requests and the API's time limit get their turn.
 */
export async function searchExposedTo(index: ClaimIndex, q: ExposedToQuery): Promise<FoundPath[]> {
  const target = index.entityIndex(q.abuse);
  if (target === undefined) return [];
  const kinds = new Set(q.kinds);
  const cf = compileFilter(q.filter, q.asOf);
  const grammar = new Set(HOP_GRAMMAR.map((st) => TYPE_CODE_OF.get(st.type)!));
  const seen = new Set([target]);
  const candidates: number[] = [];
  let frontier = [target];
  for (let depth = 0; depth < q.maxHops && frontier.length && seen.size < EXPOSED_TO_LIMITS.visited; depth++) {
    const next: number[] = [];
    for (const n of frontier) {
      for (const list of [index.inOf(n), index.outOf(n)]) {
        for (const ci of list) {
          if (!grammar.has(index.typeCodeOf(ci)) || !index.passes(ci, cf)) continue;
          const o = index.subjectOf(ci) === n ? index.objectOf(ci) : index.subjectOf(ci);
          if (seen.has(o)) continue;
          seen.add(o);
          next.push(o);
          if (kinds.has(index.kindOf(o)) && candidates.length < EXPOSED_TO_LIMITS.candidates) candidates.push(o);
        }
      }
    }
    frontier = next;
  }
  const best: FoundPath[] = [];
  for (const [i, c] of candidates.entries()) {
    // A timer, not setImmediate: the check phase runs before the loop's timers, so only a timer lets a due
    // time limit fire first.
    if (i % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    // A few per actor: timing, known only once assembled, may demote its first (exposedToPaths keeps the best).
    best.push(...searchExposure(index, { from: index.entityIds[c]!, to: q.abuse, maxHops: q.maxHops, filter: q.filter, ...(q.asOf ? { asOf: q.asOf } : {}), limit: PATHS_PER_ACTOR }));
  }
  const name = (p: FoundPath) => index.entityIds[p.nodes[0]!]!;
  return best.sort((a, b) => b.score - a.score || (name(a) < name(b) ? -1 : 1));
}

/** exposedTo over an index: the search, then one assembly, ranked by final score (timing included), then name. */
export async function exposedToPaths(index: ClaimIndex, q: ExposedToQuery, fetch: RecordFetcher): Promise<ExposurePath[]> {
  const paths = await assemblePaths(index, await searchExposedTo(index, q), fetch);
  paths.sort((a, b) => b.score - a.score || a.hops[0]!.from.name.localeCompare(b.hops[0]!.from.name));
  const seen = new Set<string>();
  return paths.filter((p) => !seen.has(p.hops[0]!.from.id) && !!seen.add(p.hops[0]!.from.id)).slice(0, q.limit);
}
