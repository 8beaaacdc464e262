// GLEIF Level 2 in: relationship records (child LEI → parent LEI, directly or ultimately consolidated, or an
// international branch) as dated PART_OF claims between companies holding their LEIs, so a subsidiary's
// exposure rolls up to its parent over the periods GLEIF gives (domain/exposure.ts: rollUpHolds).
//
// Which entity an LEI is: the graph's entity holding that LEI; else the company whose name or alias has the
// key of the Level 1 record's names (RegistryMatcher: without another LEI or another country); else a new
// company with an LEI-derived id. A name match that conflicts (another LEI, another country) makes a new company and a
// possible duplicate for the review queue, never a merge. An LEI neither on the graph nor named by the Level
// 1 file given is a bad record: a relationship between nameless codes tells a reader nothing.
//
// Three reads of the file: the checks and the LEIs named (pass one), the other ends of records that touch
// the graph (with --known-only), then the claims. Memory holds the LEIs and each child's periods, not the
// records.
import { z } from 'zod';
import { IsoDate, entityId, documentId, sha256Hex, type ClaimInput, type DocumentInput, type EntityInput, type ExportRecord } from '../domain/index.ts';
import { RegistryMatcher } from '../resolve/registry-match.ts';
import type { GraphStore } from '../store/port.ts';
import { isLei } from './lei.ts';
import { leiRecords, relationshipRecords, type LeiRecord, type RelationshipRecord } from './records.ts';

/** The relationship types that make a PART_OF claim, with the words a reader sees. */
const PART_OF_TYPES: Record<string, { phrase: string; qualifier: string; api: string }> = {
  IS_DIRECTLY_CONSOLIDATED_BY: { phrase: 'is directly consolidated by', qualifier: 'direct parent (GLEIF)', api: 'direct-parent-relationship' },
  IS_ULTIMATELY_CONSOLIDATED_BY: { phrase: 'is ultimately consolidated by', qualifier: 'ultimate parent (GLEIF)', api: 'ultimate-parent-relationship' },
  IS_INTERNATIONAL_BRANCH_OF: { phrase: 'is an international branch of', qualifier: 'international branch (GLEIF)', api: '' },
};
/** Fund relationships: a fund is no subsidiary, and funds are outside this graph's kinds. */
const FUND_TYPES = new Set(['IS_FUND-MANAGED_BY', 'IS_SUBFUND_OF', 'IS_FEEDER_TO']);
/** Registration states of a record GLEIF says was made in error. */
const VOID_REGISTRATIONS = new Set(['ANNULLED', 'DUPLICATE']);
/** How sure a registry record is, by its registration state: a lapsed one was not re-validated on time. */
const CONFIDENCE: Record<string, number> = { PUBLISHED: 0.95, LAPSED: 0.85, RETIRED: 0.85 };

export interface GleifImportCounts {
  records: number;
  claims: number;
  /** LEIs found on the graph, matched by name, and new companies. */
  onGraph: number;
  byName: number;
  created: number;
  possibleDuplicates: number;
  skipped: Record<string, number>;
}

const DAY = IsoDate;
function day(v: string | undefined): string | undefined | null {
  if (!v) return undefined;
  const d = v.slice(0, 10);
  return DAY.safeParse(d).success && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

interface Checked {
  child: string;
  parent: string;
  type: string;
  /** Relationship periods, in order; `endedBy`: no end given, the record inactive since its last update. */
  periods: Array<{ from?: string; to?: string; endedBy?: boolean }>;
  confidence: number;
  initial?: string;
  lastUpdate?: string;
  rr: RelationshipRecord;
}

/** A record's checks: a bad record says why; a record of a kind kept elsewhere says what to count it as. */
function check(rr: RelationshipRecord): Checked | { bad: string } | { skip: string } {
  if (!rr.type) return { bad: 'no relationship type' };
  if (FUND_TYPES.has(rr.type)) return { skip: `${rr.type} (a fund relationship)` };
  if (!PART_OF_TYPES[rr.type]) return { bad: `${rr.type} is not a GLEIF relationship type` };
  if (VOID_REGISTRATIONS.has(rr.registration.status ?? '')) return { skip: `${rr.registration.status} registration` };
  for (const [what, id, type] of [['start node', rr.child, rr.childType], ['end node', rr.parent, rr.parentType]] as const) {
    if (type !== 'LEI') return { skip: `${what} of type ${type}` };
    if (!id) return { bad: `no ${what} LEI` };
    if (!isLei(id)) return { bad: `${id} (${what}) is not a valid LEI (ISO 17442 check digits)` };
  }
  if (rr.child === rr.parent) return { bad: `${rr.child} is its own parent` };
  if (rr.status && rr.status !== 'ACTIVE' && rr.status !== 'INACTIVE') return { bad: `relationship status ${rr.status} is neither ACTIVE nor INACTIVE` };
  const initial = day(rr.registration.initial);
  const lastUpdate = day(rr.registration.lastUpdate);
  if (initial === null) return { bad: `initial registration date ${rr.registration.initial} is not a date` };
  if (lastUpdate === null) return { bad: `last update date ${rr.registration.lastUpdate} is not a date` };
  const periods: Checked['periods'] = [];
  for (const p of rr.periods.filter((x) => x.type === 'RELATIONSHIP_PERIOD')) {
    const from = day(p.start);
    const to = day(p.end);
    if (from === null || to === null) return { bad: `relationship period ${p.start ?? ''}–${p.end ?? ''}: not a date` };
    if (from && to && to < from) return { bad: `relationship period ends (${to}) before it starts (${from})` };
    periods.push({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }
  periods.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  for (let i = 1; i < periods.length; i++) {
    const prev = periods[i - 1]!;
    if (!prev.to || !periods[i]!.from || prev.to > periods[i]!.from!) return { bad: `its relationship periods overlap (${span(prev)} and ${span(periods[i]!)})` };
  }
  // Inactive with an open last period: it ended, by the record's last update at the latest.
  const last = periods.at(-1);
  if (rr.status === 'INACTIVE' && lastUpdate && (!last || !last.to)) {
    if (last) Object.assign(last, { to: lastUpdate, endedBy: true });
    else periods.push({ to: lastUpdate, endedBy: true });
  }
  return {
    child: rr.child, parent: rr.parent, type: rr.type, periods, rr,
    confidence: CONFIDENCE[rr.registration.status ?? ''] ?? 0.9,
    ...(initial ? { initial } : {}),
    ...(lastUpdate ? { lastUpdate } : {}),
  };
}

const span = (p: { from?: string; to?: string }) => `${p.from ?? 'open'} to ${p.to ?? 'open'}`;
const overlaps = (a: { from?: string; to?: string }, b: { from?: string; to?: string }) =>
  (a.from ?? '') <= (b.to ?? '9999') && (b.from ?? '') <= (a.to ?? '9999');

/**
 * A child has one direct and one ultimate parent at a time: a second record naming another parent over the
 * same dates contradicts the first (named by its line).
 */
class ParentPeriods {
  private readonly seen = new Map<string, Array<{ parent: string; from?: string; to?: string; line: number }>>();

  conflict(c: Checked, line: number): string | null {
    if (c.type === 'IS_INTERNATIONAL_BRANCH_OF') return null;
    const key = `${c.child} ${c.type}`;
    const held = this.seen.get(key) ?? [];
    const periods = c.periods.length ? c.periods : [{}];
    for (const h of held) {
      if (h.parent === c.parent) continue;
      const p = periods.find((x) => overlaps(x, h));
      if (p) return `overlaps line ${h.line}: ${c.child} ${PART_OF_TYPES[c.type]!.phrase} ${h.parent} over ${span(h)}, and here by ${c.parent} over ${span(p)}`;
    }
    for (const p of periods) held.push({ parent: c.parent, ...p, line });
    this.seen.set(key, held);
    return null;
  }
}

export interface GleifOptions {
  /** A Level 1 file naming the LEIs the graph does not hold. */
  leiRecords?: string;
  /** Only records with an end already on the graph (a subsidiary's parents, a parent's subsidiaries). */
  knownOnly?: boolean;
}

type Out = { line: number; rec: ExportRecord } | { line: number; bad: string };

/** Reads a GLEIF relationship file and yields export records: companies, then documents and claims. */
export async function* gleifRecords(file: string, opts: GleifOptions, store: GraphStore, counts: GleifImportCounts): AsyncGenerator<Out> {
  const skip = (why: string) => (counts.skipped[why] = (counts.skipped[why] ?? 0) + 1);
  const badLines = new Set<number>();
  const leis = new Set<string>();
  const parents = new ParentPeriods();
  for await (const r of relationshipRecords(file)) {
    if ('bad' in r) {
      badLines.add(r.line);
      yield r;
      continue;
    }
    counts.records++;
    const c = check(r.record);
    if ('skip' in c) continue;
    if ('bad' in c) {
      badLines.add(r.line);
      yield { line: r.line, bad: c.bad };
      continue;
    }
    const conflict = parents.conflict(c, r.line);
    if (conflict) {
      badLines.add(r.line);
      yield { line: r.line, bad: conflict };
      continue;
    }
    leis.add(c.child).add(c.parent);
  }

  const onGraph = await store.entitiesByExternalId('lei', [...leis]);
  // With --known-only, only the other ends of records touching the graph need a name.
  let wanted = new Set([...leis].filter((l) => !onGraph.has(l)));
  if (opts.knownOnly) {
    const touching = new Set<string>();
    for await (const r of relationshipRecords(file)) {
      if ('bad' in r || badLines.has(r.line)) continue;
      const c = check(r.record);
      if ('skip' in c || 'bad' in c) continue;
      if (onGraph.has(c.child)) touching.add(c.parent);
      if (onGraph.has(c.parent)) touching.add(c.child);
    }
    wanted = new Set([...wanted].filter((l) => touching.has(l)));
  }
  const named = new Map<string, LeiRecord>();
  if (opts.leiRecords && wanted.size) {
    for await (const r of leiRecords(opts.leiRecords)) {
      if ('bad' in r || !wanted.has(r.record.lei) || !r.record.name) continue;
      if (!named.has(r.record.lei)) named.set(r.record.lei, r.record);
    }
  }

  // Names a reader sees in the claims: the graph's, else the Level 1 legal name.
  const names = new Map<string, string>();
  const held = await store.getEntities([...new Set(onGraph.values())]);
  const heldById = new Map(held.map((e) => [e.id, e]));
  for (const [lei, id] of onGraph) {
    const e = heldById.get(id);
    if (!e) continue;
    names.set(lei, e.name);
    counts.onGraph++;
    const l1 = named.get(lei);
    // The graph's entity gains GLEIF's names as aliases (the upsert keeps its own name).
    if (l1) yield { line: 0, rec: { type: 'entity', data: { id, kind: e.kind, name: l1.name.slice(0, 500), aliases: l1.otherNames.map((n) => n.slice(0, 500)), externalIds: { lei } } as EntityInput } as ExportRecord };
  }
  const ids = new Map(onGraph);
  const matcher = await RegistryMatcher.over(store, 'import:gleif', ['Company']);
  for (const id of onGraph.values()) matcher.taken.add(id);
  for (const l1 of named.values()) {
    const country = /^[A-Z]{2}$/.test(l1.country ?? '') ? l1.country : undefined;
    const aliases = l1.otherNames.filter((n) => n !== l1.name).map((n) => n.slice(0, 500)).slice(0, 500);
    // New companies take an LEI-derived id: registries hold many companies of one name.
    const own = entityId('Company', { name: l1.name, lei: l1.lei });
    const m = await matcher.match({ kind: 'Company', name: l1.name, aliases, country, externalIds: { lei: l1.lei }, label: `LEI ${l1.lei}` }, own, own);
    ids.set(l1.lei, m.id);
    names.set(l1.lei, m.name);
    if (m.matched) counts.byName++;
    else counts.created++;
    // A matched entity gains the LEI and GLEIF's names (the upsert keeps its own name).
    yield { line: 0, rec: { type: 'entity', data: { id: m.id, kind: 'Company', name: l1.name.slice(0, 500), aliases, externalIds: { lei: l1.lei }, ...(country ? { country } : {}) } as EntityInput } as ExportRecord };
  }
  const doubts = matcher.possibleDuplicates();
  counts.possibleDuplicates = doubts.length;

  for await (const r of relationshipRecords(file)) {
    if ('bad' in r || badLines.has(r.line)) continue;
    const c = check(r.record);
    if ('skip' in c) {
      skip(c.skip);
      continue;
    }
    if ('bad' in c) continue;
    const child = ids.get(c.child);
    const parent = ids.get(c.parent);
    if (opts.knownOnly && !onGraph.has(c.child) && !onGraph.has(c.parent)) {
      skip('no end on the graph (--known-only)');
      continue;
    }
    if (!child || !parent) {
      const missing = [!child ? c.child : null, !parent ? c.parent : null].filter(Boolean).join(' and ');
      yield { line: r.line, bad: `unknown LEI ${missing}: no entity of the graph holds it${opts.leiRecords ? ' and the Level 1 file does not name it' : '; give GLEIF Level 1 records with --lei-records to name it'}` };
      continue;
    }
    for (const rec of recordsOf(c, child, parent, names)) yield { line: r.line, rec };
    counts.claims += Math.max(1, c.periods.length);
  }
  for (const d of doubts) yield { line: 0, rec: { type: 'change', data: d } as ExportRecord };
}

const URLS = z.string().url();

/** One record's document (the record at GLEIF's API) and a claim per relationship period. */
function recordsOf(c: Checked, child: string, parent: string, names: Map<string, string>): ExportRecord[] {
  const t = PART_OF_TYPES[c.type]!;
  const url = `https://api.gleif.org/api/v1/lei-records/${c.child}${t.api ? `/${t.api}` : ''}`;
  const doc: DocumentInput = {
    // One child's records with successive parents share an API address: the id tells them apart.
    id: documentId({ url: `urn:gleif:rr:${c.child}:${c.type}:${c.parent}` }),
    url: URLS.parse(url),
    title: `GLEIF relationship record: ${names.get(c.child)} (${c.child}) ${t.phrase} ${names.get(c.parent)} (${c.parent})`.slice(0, 2000),
    publisher: 'GLEIF (Global Legal Entity Identifier Foundation)',
    language: 'en',
    // asOf counts what had been published by then: GLEIF published the record at its initial registration.
    ...(c.initial ? { publishedAt: c.initial } : {}),
  };
  const facts = [
    c.rr.status ? `relationship ${c.rr.status}` : null,
    ...c.rr.qualifiers,
    ...c.rr.quantifiers,
    c.rr.registration.status ? `registration ${c.rr.registration.status}` : null,
    c.lastUpdate ? `last updated ${c.lastUpdate}` : null,
  ].filter(Boolean);
  const periods = c.periods.length ? c.periods : [{}];
  const claims = periods.map((p): ExportRecord => {
    const when = p.from || p.to ? ` over its relationship period ${p.from ? `from ${p.from}` : ''}${p.to ? `${p.from ? ' ' : ''}${p.endedBy ? 'ended by' : 'to'} ${p.to}` : ''}` : '';
    const claim: ClaimInput = {
      id: `cl_gleif_${sha256Hex([c.child, c.parent, c.type, p.from ?? ''].join('\u001f')).slice(0, 24)}`,
      type: 'PART_OF',
      subject: child,
      object: parent,
      qualifier: t.qualifier,
      evidence: {
        documentId: doc.id!,
        kind: 'summary',
        writtenBy: 'import:gleif',
        language: 'en',
        quote: `GLEIF Level 2: ${names.get(c.child)} (LEI ${c.child}) ${t.phrase} ${names.get(c.parent)} (LEI ${c.parent})${when}${p.endedBy ? ' (GLEIF gives no end date: the relationship was inactive at the record’s last update)' : ''}; ${facts.join('; ')}.`.slice(0, 5000),
      },
      certainty: 'stated',
      ...(p.from ? { validFrom: p.from } : {}),
      ...(p.to ? { validTo: p.to } : {}),
      confidence: c.confidence,
      extractor: 'import:gleif',
    };
    return { type: 'claim', data: claim } as ExportRecord;
  });
  return [{ type: 'document', data: doc } as ExportRecord, ...claims];
}
