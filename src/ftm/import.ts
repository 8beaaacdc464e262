// FollowTheMoney (FtM) in: FtM entity JSON lines (an Aleph export, OpenSanctions' entities.ftm.json, or our
// own `export --format ftm`) turned into rightsgraph's export records, which `import` then checks and
// writes like any other. Two passes over the file, so relationships may come before the entities they
// link: the first maps things (companies, bodies, people, technologies, abuses, places, contracts,
// documents) and keeps only an id map; the second maps relationships to claims.
//
// Ids: ours read back from our own export (`co.Q2283` → `co_Q2283`). Another dataset's entity gets the id
// its kind and Wikidata QID or name give (domain/ids.ts), so it lands on the graph's entity of that QID or
// name, and keeps the FtM id as its OpenSanctions id. Its relationships become claims with extractor
// `import:<dataset>`, the record's dates, and evidence of kind summary, written by the dataset, in a
// document of the record's proof, or of its source URL, or of the dataset.
import { Model, defaultModel } from '@opensanctions/followthemoney';
import { z } from 'zod';
import {
  AbuseCategory,
  Certainty,
  ClaimType,
  ContractStatus,
  CountryCode,
  EntityTopic,
  GovType,
  mergeTopics,
  IsoDate,
  OrgType,
  PlaceType,
  ReviewStatus,
  TechType,
  documentId,
  entityId,
  sha256Hex,
  type Claim,
  type ClaimInput,
  type DocumentInput,
  type EntityInput,
  type EntityKind,
  type ExportRecord,
} from '../domain/index.ts';
import { TOPIC_NOTE, parseClaimSummary } from './export.ts';
import { textLineBatches } from '../util/text-input.ts';
import { LineCodes } from '../util/line-codes.ts';
import { RegistryMatcher } from '../resolve/registry-match.ts';
import type { GraphStore } from '../store/port.ts';

/** Kinds of our id prefixes, to read our own ids back. */
const OUR_PREFIXES = new Set(['co', 'gov', 'org', 'per', 'tech', 'ctr', 'abuse', 'loc', 'doc', 'cl']);

/** Our id from an FtM id our export wrote (a dot for each underscore); null for another dataset's id. */
export function ourId(ftm: string): string | null {
  const prefix = ftm.split('.')[0]!;
  return OUR_PREFIXES.has(prefix) && /^[a-z]+\.[0-9A-Za-z.-]+$/.test(ftm) ? ftm.replaceAll('.', '_') : null;
}

const LANGUAGE_2: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', ara: 'ar', heb: 'he', fas: 'fa',
  rus: 'ru', ukr: 'uk', zho: 'zh', jpn: 'ja', kor: 'ko', tur: 'tr', pol: 'pl', swe: 'sv', hun: 'hu', ell: 'el',
};

const FtmLine = z.object({
  id: z.string().min(1),
  schema: z.string().min(1),
  properties: z.record(z.string(), z.array(z.unknown())).default({}),
  datasets: z.array(z.string()).optional(),
  // OpenSanctions' own fields: when its datasets first and last listed the entity.
  first_seen: z.string().optional(),
  last_seen: z.string().optional(),
});
type FtmLine = z.infer<typeof FtmLine>;

/** Schemata that hold a thing we keep, by what they become. */
function kindOf(line: FtmLine): EntityKind | null {
  const keywords = strings(line, 'keywords');
  switch (line.schema) {
    case 'Company':
      return 'Company';
    case 'PublicBody':
      return 'GovernmentBody';
    case 'Organization':
    case 'LegalEntity':
      return 'Organization';
    case 'Person':
      return 'Person';
    case 'Asset':
      return keywords.includes('technology') ? 'Technology' : null;
    case 'Event':
      return keywords.includes('abuse') ? 'Abuse' : null;
    case 'Address':
      return 'Location';
    case 'Contract':
      return 'Contract';
    default:
      return null;
  }
}

const INTERVALS = new Set(['Ownership', 'Directorship', 'Employment', 'Membership', 'ContractAward', 'UnknownLink']);

function strings(line: FtmLine, prop: string): string[] {
  const values = line.properties[prop];
  return (Array.isArray(values) ? values : []).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}
/** strings(line, prop)[0] without building the list: most properties are read for their first value. */
function first(line: FtmLine, prop: string): string | undefined {
  const values = line.properties[prop];
  if (!Array.isArray(values)) return undefined;
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}
/** A value kept only when it fits our schema (FtM's dates may carry a time, its countries may be regions). */
function fit<T>(schema: z.ZodType<T>, v: unknown): T | undefined {
  // Absent values are the common case: a failed safeParse builds an error (a tenth of the conversion's time).
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return fitString(schema, v);
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
}
/**
 * A registry repeats its values (countries, dates, topics, classifications) across millions of lines: each
 * distinct string is checked once per schema, its answer kept (up to MEMO strings a schema, then forgotten).
 */
const MEMO = 20_000;
const fitted = new WeakMap<z.ZodType, Map<string, unknown>>();
function fitString<T>(schema: z.ZodType<T>, v: string): T | undefined {
  let memo = fitted.get(schema);
  if (!memo) fitted.set(schema, (memo = new Map()));
  if (memo.has(v)) return memo.get(v) as T | undefined;
  const r = schema.safeParse(v);
  if (memo.size >= MEMO) memo.clear();
  memo.set(v, r.success ? r.data : undefined);
  return r.success ? r.data : undefined;
}
/** A topic of a dataset's `topics` as a dated fact, checked once for each distinct topic, dataset and dates. */
const fittedTopics = new Map<string, EntityTopic | undefined>();
function datedTopic(topic: string, dataset: string, since: string | undefined, seen: string | undefined): EntityTopic | undefined {
  const key = `${topic}\u001f${dataset}\u001f${since ?? ''}\u001f${seen ?? ''}`;
  let t = fittedTopics.get(key);
  if (t === undefined && !fittedTopics.has(key)) {
    t = fit(EntityTopic, { topic, dataset, ...(since ? { since } : {}), ...(seen ? { seen } : {}) });
    if (fittedTopics.size >= MEMO) fittedTopics.clear();
    fittedTopics.set(key, t);
  }
  // A copy: the entity's topics are merged and changed later.
  return t && { ...t };
}
const date = (v: string | undefined) => (v ? fit(IsoDate, v.slice(0, 10)) ?? fit(IsoDate, v.slice(0, 7)) ?? fit(IsoDate, v.slice(0, 4)) : undefined);
const country = (v: string | undefined) => fit(CountryCode, v?.toUpperCase());
// Built once: a zod schema is costly to build, and these check every line.
const URL = z.string().url();
const DATETIME = z.string().datetime({ offset: true });
const QID = z.string().regex(/^Q[1-9]\d*$/);
const LEI = z.string().regex(/^[A-Z0-9]{20}$/);
const AMOUNT = z.number().nonnegative();
const CURRENCY = z.string().regex(/^[A-Z]{3}$/);
const url = (v: string | undefined) => fit(URL, v);

export interface FtmImportCounts {
  lines: number;
  documents: number;
  entities: number;
  claims: number;
  /** Lines of a schema we have no kind for (vessels, sanctions, addresses of a kind we skip, …), by schema. */
  skipped: Record<string, number>;
  /** Relationships whose ends are not in the file. */
  dangling: number;
  /** Sanctions kept as dated topics of their entities. */
  sanctions: number;
  /** Entities found on the graph by OpenSanctions id or LEI, matched by name, and doubtful (for review). */
  onGraph: number;
  byName: number;
  possibleDuplicates: number;
}

/**
 * Reads an FtM file and yields export records, in batches: documents and entities first (pass one), then the claims
 * of its relationships (pass two). `dataset` names the source when the lines carry none.
 *
 * Which graph entity another dataset's entity is: ours by its id; one of its Wikidata QID by that id;
 * the graph's entity holding its OpenSanctions id or LEI (found in one look-up per scheme, from a first
 * read of the file); else by name, country and kind through the RegistryMatcher (doubtful matches become
 * possible duplicates, persons are never matched by name alone); else a new entity.
 */
/** A record of the import, or a bad line: by its line number. */
export type FtmRecord = { line: number; rec: ExportRecord } | { line: number; bad: string };

export async function* ftmRecords(file: string, opts: { dataset: string }, counts: FtmImportCounts, store: GraphStore | null): AsyncGenerator<FtmRecord[]> {
  // What pass two needs of each FtM id: ours and its kind (a million entries at 1 M entities: nothing more).
  const ids = new Map<string, { id: string; kind: EntityKind | 'Document' }>();
  const datasetDocs = new Map<string, DocumentInput>();
  const skip = (schema: string) => (counts.skipped[schema] = (counts.skipped[schema] ?? 0) + 1);
  // The registry ids the file holds, looked up on the graph at once.
  const osIds: string[] = [];
  const leis: string[] = [];
  // Sanctions, as dated topics of the entities they name (a Sanction may come before its entity).
  const sanctions = new Map<string, EntityTopic[]>();
  // Into an empty graph there is nothing to match by name or registry id: only one record per id (two
  // records of one name are two entities: the dataset told them apart).
  // `store` null: the caller knows the graph is empty (a conversion in a worker thread, which has no store).
  const graph = store && (await store.stats()).entities > 0 ? store : null;
  const empty = !graph;
  // This read only gathers: JSON alone, no checks (pass one checks every line and names the bad ones). Into
  // an empty graph it needs the sanctions only, so it parses only the lines that can be one.
  for await (const { lines } of textLineBatches(file)) {
    for (const text of lines) {
      if (empty && !text.includes('Sanction')) continue;
      let line: FtmLine;
      try {
        line = JSON.parse(text) as FtmLine;
        if (typeof line?.id !== 'string' || typeof line.schema !== 'string' || !line.properties || typeof line.properties !== 'object') continue;
      } catch {
        continue;
      }
      if (line.schema === 'Sanction') {
        // Only a line pass one will accept (with --skip-invalid, a bad one must not land).
        const checked = FtmLine.safeParse(line);
        if (!checked.success || unknownToFtm(checked.data)) continue;
        line = checked.data;
        const target = first(line, 'entity');
        const topic = target ? sanctionTopic(line, datasetOf(line, opts.dataset)) : undefined;
        if (target && topic) sanctions.set(target, [...(sanctions.get(target) ?? []), topic]);
      }
      if (empty || INTERVALS.has(line.schema) || line.schema === 'Document' || line.schema === 'Sanction' || ourId(line.id)) continue;
      osIds.push(line.id);
      const lei = fit(LEI, first(line, 'leiCode'));
      if (lei) leis.push(lei);
    }
  }
  const byOs = graph ? await graph.entitiesByExternalId('opensanctions', osIds) : new Map<string, string>();
  const byLei = graph ? await graph.entitiesByExternalId('lei', leis) : new Map<string, string>();
  const known = new Map(graph ? (await graph.getEntities([...new Set([...byOs.values(), ...byLei.values()])])).map((e) => [e.id, e]) : []);
  const matcher = graph ? await RegistryMatcher.over(graph, `import:${opts.dataset}`, ['Company', 'GovernmentBody', 'Organization', 'Person', 'Technology', 'Contract', 'Abuse', 'Location']) : null;
  // The ids this import made or matched: a second record may not take one.
  const taken = matcher?.taken ?? new Set<string>();
  for (const id of known.keys()) taken.add(id);
  // The relationships' lines, for pass two to parse alone.
  const relationships = new LineCodes();
  for await (const batch of ftmLines(file)) {
    const out: FtmRecord[] = [];
    for (const [n, line] of batch) {
      counts.lines = n;
      if ('bad' in line) {
        out.push({ bad: line.bad, line: n });
        continue;
      }
      if (INTERVALS.has(line.schema)) {
        relationships.set(n, 1);
        continue;
      }
      if (line.schema === 'Sanction') continue;
      if (line.schema === 'Document') {
        const d = documentOf(line);
        ids.set(line.id, { id: d.id!, kind: 'Document' });
        counts.documents++;
        out.push({ line: n, rec: { type: 'document', data: d } as ExportRecord });
        continue;
      }
      const kind = kindOf(line);
      const name = first(line, 'name') ?? first(line, 'full') ?? first(line, 'title');
      if (!kind || !name) {
        skip(line.schema);
        continue;
      }
      const dataset = datasetOf(line, opts.dataset);
      const e = entityOf(line, kind, name, dataset);
      const sanctioned = sanctions.get(line.id);
      if (sanctioned) {
        // A sanction told with its programme and dates stands for the dataset's bare `sanction` topic.
        const detailed = new Set(sanctioned.map((t) => t.dataset));
        e.topics = mergeTopics(e.topics?.filter((t) => t.topic !== 'sanction' || !detailed.has(t.dataset) || t.note), sanctioned);
        counts.sanctions += sanctioned.length;
        sanctions.delete(line.id);
      }
      if (!ourId(line.id) && !e.externalIds?.wikidata) {
        const lei = e.externalIds?.lei;
        const held = known.get(byOs.get(line.id) ?? (lei ? byLei.get(lei) ?? '' : ''));
        if (held && held.kind === kind) {
          e.id = held.id;
          counts.onGraph++;
        } else if (!matcher) {
          if (taken.has(e.id!)) e.id = entityId(kind, { name: `${name} ${line.id}` });
          taken.add(e.id!);
        } else {
          const country = 'country' in e ? (e.country as string | undefined) : undefined;
          const m = await matcher.match(
            { kind, name, aliases: e.aliases ?? [], country, externalIds: e.externalIds ?? {}, label: `${dataset} ${line.id}` },
            e.id!,
            entityId(kind, { name: `${name} ${line.id}` }),
          );
          e.id = m.id;
          if (m.matched) counts.byName++;
        }
      }
      ids.set(line.id, { id: e.id!, kind });
      counts.entities++;
      out.push({ line: n, rec: { type: 'entity', data: e } as ExportRecord });
    }
    if (out.length) yield out;
  }
  for await (const batch of ftmLines(file, (n) => relationships.get(n) === 1)) {
    const out: FtmRecord[] = [];
    for (const [n, line] of batch) {
      if ('bad' in line) continue;
      const dataset = datasetOf(line, opts.dataset);
      const claim = claimOf(line, ids, dataset, (key, doc) => {
        if (!datasetDocs.has(key)) {
          datasetDocs.set(key, doc);
          counts.documents++;
          return doc;
        }
        return null;
      });
      if (claim === 'skip') {
        skip(line.schema);
        continue;
      }
      if (claim === 'dangling') {
        counts.dangling++;
        continue;
      }
      if (claim.newDocument) out.push({ line: n, rec: { type: 'document', data: claim.newDocument } as ExportRecord });
      counts.claims++;
      out.push({ line: n, rec: { type: 'claim', data: claim.claim } as ExportRecord });
    }
    if (out.length) yield out;
  }
  // Sanctions of entities the file does not hold (or holds under a schema with no kind here).
  for (const list of sanctions.values()) counts.dangling += list.length;
  const doubts = matcher?.possibleDuplicates() ?? [];
  counts.possibleDuplicates = doubts.length;
  if (doubts.length) yield doubts.map((d) => ({ line: 0, rec: { type: 'change', data: d } as ExportRecord }));
}

/** FtM 4's own model (the npm package the export is tested against): each schema's property names. */
let model: Model | null = null;
/**
 * Property names by schema, asked of the model once: its getProperties() builds the schema's whole
 * inherited map on every call, which made this check most of an import's time.
 */
const propertiesOf = new Map<string, Set<string> | null>();

function schemaProperties(name: string): Set<string> | null {
  let props = propertiesOf.get(name);
  if (props !== undefined) return props;
  model ??= new Model(defaultModel);
  try {
    props = new Set(model.getSchema(name).getProperties().keys());
  } catch {
    props = null;
  }
  propertiesOf.set(name, props);
  return props;
}

/** A schema or property FtM does not have makes the line bad (a typo would otherwise drop data unseen). */
function unknownToFtm(line: FtmLine): { bad: string } | null {
  const props = schemaProperties(line.schema);
  if (!props) return { bad: `${line.schema} is not an FtM schema` };
  const unknown = Object.keys(line.properties).filter((p) => !props.has(p));
  return unknown.length ? { bad: `${line.schema} has no propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.slice(0, 5).join(', ')}` } : null;
}

/**
 * The file's FtM lines, each checked, or why it is bad, in batches. With `only`, the other lines are passed
 * over unparsed (a later read of a file whose lines an earlier one checked and sorted).
 */
async function* ftmLines(file: string, only?: (line: number) => boolean): AsyncGenerator<Array<[number, FtmLine | { bad: string }]>> {
  for await (const { from, lines } of textLineBatches(file)) {
    const out: Array<[number, FtmLine | { bad: string }]> = [];
    for (let i = 0; i < lines.length; i++) {
      const n = from + i;
      const text = lines[i]!;
      if (only ? !only(n) : !text.trim()) continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        out.push([n, { bad: 'not JSON' }]);
        continue;
      }
      const p = FtmLine.safeParse(json);
      if (!p.success) {
        out.push([n, { bad: `not an FtM entity: ${p.error.issues[0]?.path.join('.') || 'line'}: ${p.error.issues[0]?.message}` }]);
        continue;
      }
      out.push([n, unknownToFtm(p.data) ?? p.data]);
    }
    if (out.length) yield out;
  }
}

const datasetOf = (line: FtmLine, fallback: string) => line.datasets?.find((d) => d !== 'rightsgraph') ?? (line.datasets?.includes('rightsgraph') ? 'rightsgraph' : fallback);

function documentOf(line: FtmLine): DocumentInput {
  const notes = strings(line, 'notes');
  const sha256 = notes.map((x) => /^sha256 ([0-9a-f]{64})$/.exec(x)?.[1]).find(Boolean);
  const fetchedAt = notes.map((x) => /^fetched (\S+)$/.exec(x)?.[1]).find(Boolean);
  const sourceUrl = url(first(line, 'sourceUrl'));
  const byline = strings(line, 'summary').map((x) => /^by (.+)$/.exec(x)?.[1]).find(Boolean);
  const language = first(line, 'language');
  return {
    id: ourId(line.id) ?? documentId({ sha256, url: sourceUrl ?? `urn:ftm:${line.id}` }),
    ...(first(line, 'title') ?? first(line, 'name') ? { title: (first(line, 'title') ?? first(line, 'name'))!.slice(0, 2000) } : {}),
    ...(sourceUrl ? { url: sourceUrl } : {}),
    ...(first(line, 'publisher') ? { publisher: first(line, 'publisher')!.slice(0, 500) } : {}),
    ...(date(first(line, 'publishedAt') ?? first(line, 'date')) ? { publishedAt: date(first(line, 'publishedAt') ?? first(line, 'date')) } : {}),
    ...(language && (LANGUAGE_2[language] ?? (/^[a-z]{2}$/.test(language) ? language : undefined)) ? { language: LANGUAGE_2[language] ?? language } : {}),
    ...(sha256 ? { sha256 } : {}),
    ...(fetchedAt && fit(DATETIME, fetchedAt) ? { fetchedAt } : {}),
    ...(byline ? { authors: byline.split(', ') } : {}),
  };
}

const opt = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : ({ [k]: v } as Record<K, V>));

function entityOf(line: FtmLine, kind: EntityKind, name: string, dataset: string): EntityInput {
  const own = ourId(line.id);
  const wikidata = fit(QID, first(line, 'wikidataId'));
  const lei = fit(LEI, first(line, 'leiCode'));
  const names = [...new Set([...strings(line, 'name'), ...strings(line, 'alias'), ...strings(line, 'previousName'), ...strings(line, 'weakAlias')])];
  const keywords = strings(line, 'keywords');
  const base = {
    id: own ?? entityId(kind, { name, wikidataId: wikidata }),
    name: name.slice(0, 500),
    aliases: names.filter((a) => a !== name).map((a) => a.slice(0, 500)).slice(0, 500),
    externalIds: { ...(wikidata ? { wikidata } : {}), ...(lei ? { lei } : {}), ...(own || dataset === 'rightsgraph' ? {} : { opensanctions: line.id }) },
    ...(first(line, 'description') ? { description: first(line, 'description')!.slice(0, 4000) } : {}),
    ...topicsOf(line, dataset),
  };
  const c = country(first(line, 'country') ?? first(line, 'jurisdiction') ?? first(line, 'mainCountry'));
  switch (kind) {
    case 'Company':
      return { ...base, kind, ...opt('country', c), ...opt('website', url(first(line, 'website'))) };
    case 'GovernmentBody':
      return { ...base, kind, ...opt('country', c), ...opt('govType', fit(GovType, first(line, 'classification'))) };
    case 'Organization':
      return { ...base, kind, ...opt('country', c), ...opt('orgType', fit(OrgType, first(line, 'classification'))) };
    case 'Person':
      return { ...base, kind };
    case 'Technology':
      return { ...base, kind, ...opt('techType', keywords.map((k) => fit(TechType, k)).find(Boolean)), ...(keywords.includes('generic') ? { generic: true } : {}) };
    case 'Contract': {
      const span = strings(line, 'notes').map((x) => /^from (\S+) to (\S+)$/.exec(x)).find(Boolean);
      return {
        ...base,
        kind,
        ...opt('amount', fit(AMOUNT, Number(first(line, 'amount') ?? Number.NaN))),
        ...opt('currency', fit(CURRENCY, first(line, 'currency'))),
        ...opt('status', keywords.map((k) => fit(ContractStatus, /^status (.+)$/.exec(k)?.[1])).find(Boolean)),
        ...opt('startDate', date(span?.[1])),
        ...opt('endDate', date(span?.[2])),
      };
    }
    case 'Abuse':
      return { ...base, kind, ...opt('category', keywords.map((k) => fit(AbuseCategory, k)).find(Boolean)), ...opt('startDate', date(first(line, 'startDate'))), ...opt('endDate', date(first(line, 'endDate'))) };
    case 'Location':
      return { ...base, kind, ...opt('countryCode', c), ...opt('placeType', keywords.map((k) => fit(PlaceType, k)).find(Boolean)) };
  }
}

/** A Sanction line as the `sanction` topic of its entity: its dates, programme and authority, its source. */
function sanctionTopic(line: FtmLine, dataset: string): EntityTopic | undefined {
  const since = date(first(line, 'startDate')) ?? date(first(line, 'listingDate')) ?? date(line.first_seen);
  const until = date(first(line, 'endDate'));
  const seen = date(line.last_seen);
  const note = [first(line, 'program'), first(line, 'authority'), first(line, 'reason')].filter(Boolean).join('; ').slice(0, 1000);
  const sourceUrl = url(first(line, 'sourceUrl'));
  return fit(EntityTopic, { topic: 'sanction', dataset, ...(since ? { since } : {}), ...(until ? { until } : {}), ...(seen ? { seen } : {}), ...(note ? { note } : {}), ...(sourceUrl ? { sourceUrl } : {}) });
}

/**
 * An entity's topics as dated facts: ours from the notes our export wrote; another dataset's from its
 * `topics`, dated by when it first and last listed the entity.
 */
function topicsOf(line: FtmLine, dataset: string): { topics?: EntityTopic[] } {
  const ours = strings(line, 'notes')
    .filter((n) => n.startsWith(TOPIC_NOTE))
    .map((n) => {
      try {
        return fit(EntityTopic, JSON.parse(n.slice(TOPIC_NOTE.length)));
      } catch {
        return undefined;
      }
    })
    .filter((t): t is EntityTopic => !!t);
  const dated = new Set(ours.map((t) => t.topic));
  const since = date(line.first_seen);
  const seen = date(line.last_seen);
  const theirs = strings(line, 'topics')
    .filter((t) => !dated.has(t))
    .map((topic) => datedTopic(topic, dataset, since, seen))
    .filter((t): t is EntityTopic => !!t);
  const all = [...ours, ...theirs];
  return all.length ? { topics: all.slice(0, 500) } : {};
}

/** Our export's "Paraphrase, not the source’s words, by X: …" read back as [kind, writer, words]. */
function wordsOf(description: string | undefined): [string, string, string] | null {
  for (const kind of ['Paraphrase', 'Summary']) {
    const prefix = `${kind}, not the source’s words, by `;
    if (!description?.startsWith(prefix)) continue;
    const i = description.indexOf(': ', prefix.length);
    if (i > prefix.length && i + 2 < description.length) return [kind, description.slice(prefix.length, i), description.slice(i + 2)];
  }
  return null;
}

type Ends = { type: ClaimType; subject: string; object: string; qualifier?: string };

function endsOf(line: FtmLine, ids: Map<string, { id: string; kind: EntityKind | 'Document' }>): Ends | 'skip' | 'dangling' {
  const end = (prop: string) => {
    const v = first(line, prop);
    return v ? ids.get(v) : undefined;
  };
  const pick = (a: string, b: string) => [end(a), end(b)] as const;
  const role = first(line, 'role')?.replace(/ ?\(denied\)$/, '') || undefined;
  const need = (a: string, b: string) => !first(line, a) || !first(line, b);
  switch (line.schema) {
    case 'Ownership': {
      if (need('owner', 'asset')) return 'skip';
      const [owner, asset] = pick('owner', 'asset');
      if (!owner || !asset) return 'dangling';
      if (owner.kind === 'Person') return { type: 'ROLE_IN', subject: owner.id, object: asset.id, qualifier: 'owner' };
      return { type: 'PART_OF', subject: asset.id, object: owner.id };
    }
    case 'Directorship':
    case 'Employment':
    case 'Membership': {
      const [a, b] = line.schema === 'Directorship' ? ['director', 'organization'] : line.schema === 'Employment' ? ['employee', 'employer'] : ['member', 'organization'];
      if (need(a!, b!)) return 'skip';
      const [who, of] = pick(a!, b!);
      if (!who || !of) return 'dangling';
      if (who.kind === 'Person') return { type: 'ROLE_IN', subject: who.id, object: of.id, qualifier: role ?? line.schema.toLowerCase() };
      return { type: 'PART_OF', subject: who.id, object: of.id };
    }
    case 'ContractAward': {
      if (need('supplier', 'contract')) return 'skip';
      const [supplier, contract] = pick('supplier', 'contract');
      if (!supplier || !contract) return 'dangling';
      return { type: 'PARTY_TO', subject: supplier.id, object: contract.id };
    }
    default: {
      // An UnknownLink keeps our claim type in its role; another dataset's roles have no type here.
      const type = fit(ClaimType, role);
      if (!type || need('subject', 'object')) return 'skip';
      const [s, o] = pick('subject', 'object');
      if (!s || !o) return 'dangling';
      return { type, subject: s.id, object: o.id };
    }
  }
}

function claimOf(
  line: FtmLine,
  ids: Map<string, { id: string; kind: EntityKind | 'Document' }>,
  dataset: string,
  datasetDocument: (key: string, doc: DocumentInput) => DocumentInput | null,
): { claim: ClaimInput; newDocument: DocumentInput | null } | 'skip' | 'dangling' {
  const ends = endsOf(line, ids);
  if (ends === 'skip' || ends === 'dangling') return ends;
  const ours = parseClaimSummary(first(line, 'summary') ?? '');
  const description = first(line, 'description');
  const proof = first(line, 'proof');
  const proofDoc = proof ? ids.get(proof) : undefined;
  const sourceUrl = url(first(line, 'sourceUrl'));
  let newDocument: DocumentInput | null = null;
  let docId: string;
  if (proofDoc?.kind === 'Document') docId = proofDoc.id;
  else {
    // No document in the file: the record's source page, else the dataset itself, stands as the document.
    const doc: DocumentInput = sourceUrl
      ? { id: documentId({ url: sourceUrl }), url: sourceUrl, title: `${dataset}: ${sourceUrl}`, publisher: first(line, 'publisher') ?? dataset }
      : { id: documentId({ url: `urn:ftm-dataset:${dataset}` }), title: `FollowTheMoney dataset ${dataset}`, publisher: first(line, 'publisher') ?? dataset };
    docId = doc.id!;
    newDocument = datasetDocument(docId, doc);
  }
  const words = wordsOf(description);
  const kind = ours?.kind ?? (words ? (words[0] === 'Summary' ? 'summary' : 'paraphrase') : 'summary');
  const quote = (words?.[2] ?? description ?? first(line, 'summary') ?? `${line.schema}${first(line, 'role') ? ` (${first(line, 'role')})` : ''}, record ${line.id} of ${dataset}`).slice(0, 5000);
  const extra = { ...(ours?.language ? { language: ours.language } : {}), ...(ours?.attributedTo ? { attributedTo: ours.attributedTo } : {}) };
  const evidence =
    kind === 'quote'
      ? { documentId: docId, kind, quote, ...extra, ...(ours?.start !== undefined && ours.end !== undefined && ours.end - ours.start === quote.length ? { start: ours.start, end: ours.end } : {}) }
      : { documentId: docId, kind, quote, ...extra, writtenBy: words?.[1] ?? `import:${dataset}` };
  const status = fit(ReviewStatus, ours?.review.status ?? first(line, 'status'));
  const qualifier = ours ? ours.qualifier : ends.qualifier;
  const claim: ClaimInput = {
    id: ourId(line.id) ?? `cl_ftm_${sha256Hex(`${dataset}\u001f${line.id}`).slice(0, 24)}`,
    type: ours ? (fit(ClaimType, ours.type) ?? ends.type) : ends.type,
    subject: ends.subject,
    object: ends.object,
    ...(qualifier ? { qualifier: qualifier.slice(0, 500) } : {}),
    evidence: evidence as Claim['evidence'],
    certainty: fit(Certainty, ours?.certainty) ?? (/\(denied\)$/.test(first(line, 'role') ?? '') ? 'denied' : 'stated'),
    ...(date(first(line, 'date')) ? { date: date(first(line, 'date')) } : {}),
    ...(date(first(line, 'startDate')) ? { validFrom: date(first(line, 'startDate')) } : {}),
    ...(date(first(line, 'endDate')) ? { validTo: date(first(line, 'endDate')) } : {}),
    confidence: ours ? Math.min(1, Math.max(0, ours.confidence)) : 0.9,
    extractor: ours?.extractor.slice(0, 200) ?? `import:${dataset}`,
    review: { status: status ?? 'unreviewed', ...(ours?.review.by ? { by: ours.review.by } : {}), ...(ours?.review.at && fit(DATETIME, ours.review.at) ? { at: ours.review.at } : {}), ...(ours?.review.note ? { note: ours.review.note } : {}) },
  };
  return { claim, newDocument };
}
