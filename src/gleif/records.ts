// GLEIF files read into plain records: Level 2 relationship records (who consolidates whom, over which
// periods) and Level 1 LEI records (an LEI's legal name, other names and country). Each comes as GLEIF
// publishes it: the golden copy's CSV (columns such as `Relationship.StartNode.NodeID`, periods and
// qualifiers numbered `.1.`, `.2.`, …), the API's JSON (`{"data": [{"attributes": …}]}`), or JSON lines
// of either's records; gzip or not. CSV is streamed; a JSON document is read whole (the API pages it).
import { parse } from 'csv-parse';
import { InputError } from '../util/input-error.ts';
import { openText, readError, textLines } from '../util/text-input.ts';

export interface RelationshipPeriod {
  start?: string;
  end?: string;
  type: string;
}

export interface RelationshipRecord {
  child: string;
  childType: string;
  parent: string;
  parentType: string;
  /** IS_DIRECTLY_CONSOLIDATED_BY, IS_ULTIMATELY_CONSOLIDATED_BY, IS_INTERNATIONAL_BRANCH_OF, fund links. */
  type: string;
  /** ACTIVE or INACTIVE. */
  status: string;
  periods: RelationshipPeriod[];
  /** "ACCOUNTING_STANDARD IFRS", … */
  qualifiers: string[];
  /** "100 PERCENTAGE (ACCOUNTING_CONSOLIDATION)", … */
  quantifiers: string[];
  registration: { initial?: string; lastUpdate?: string; status?: string };
}

export interface LeiRecord {
  lei: string;
  name: string;
  otherNames: string[];
  country?: string;
}

export type Numbered<T> = { line: number; record: T } | { line: number; bad: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
/** A GLEIF value in the API's JSON is a plain string; in the golden copy's JSON, `{"$": "…"}`. */
const val = (o: unknown, ...path: string[]) => {
  const v = get(o, ...path);
  return str(v) ?? str(get(v, '$'));
};

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The format of a file from its first non-blank character: `{` or `[` is JSON, anything else CSV. */
async function sniff(file: string): Promise<'csv' | 'json'> {
  for await (const [, text] of textLines(file)) {
    const t = text.trim();
    if (t) return t.startsWith('{') || t.startsWith('[') ? 'json' : 'csv';
  }
  return 'csv';
}

async function* csvRows(file: string): AsyncGenerator<{ line: number; row: Record<string, string> } | { line: number; bad: string }> {
  const text = openText(file);
  const parser = text.pipe(parse({ columns: true, bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  // pipe() does not pass a source's error on: a truncated gzip would otherwise stall or crash the read.
  text.on('error', (err) => parser.destroy(err));
  let line = 1;
  try {
    for await (const r of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      line = r.info.lines;
      yield { line, row: r.record };
    }
  } catch (err) {
    const e = readError(file, err, `after line ${line}`);
    if (e instanceof InputError) throw e;
    // csv-parse stops at the first malformed line (an unclosed quote): nothing after it can be trusted.
    throw new InputError(`${file}: not CSV after line ${line} (${(err as Error).message})`);
  }
}

/** A parsed JSON value as records: a JSON:API document's `data` (a list or one), a list, or one record. */
function recordsOf(v: unknown): unknown[] {
  const data = get(v, 'data') ?? get(v, 'records');
  return data !== undefined ? list(data) : Array.isArray(v) ? v : [v];
}

/** A JSON document (not lines) is parsed whole: past this size, the CSV golden copy or JSON lines stream. */
const MAX_JSON_DOCUMENT = 512 * 1024 * 1024;

/** JSON records: one JSON value per line (each a record or a page of them), or one JSON document over many lines. */
async function* jsonRecords(file: string): AsyncGenerator<{ line: number; json: unknown } | { line: number; bad: string }> {
  const pending: string[] = [];
  let size = 0;
  let perLine: boolean | null = null;
  for await (const [n, text] of textLines(file)) {
    if (!text.trim()) continue;
    if (perLine === false) {
      size += text.length;
      if (size > MAX_JSON_DOCUMENT) throw new InputError(`${file}: a JSON document over 512 MB; use GLEIF's CSV golden copy or JSON lines, which stream`);
      pending.push(text);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // The first line alone is not JSON: one document spread over lines.
      if (perLine === null) {
        perLine = false;
        pending.push(text);
        size = text.length;
        continue;
      }
      yield { line: n, bad: 'not JSON' };
      continue;
    }
    perLine = true;
    for (const json of recordsOf(value)) yield { line: n, json };
  }
  if (perLine !== false) return;
  let whole: unknown;
  try {
    whole = JSON.parse(pending.join('\n'));
  } catch (err) {
    throw new InputError(`${file}: not JSON (${(err as Error).message})`);
  }
  // Numbered by their place in the document's list.
  const items = recordsOf(whole);
  for (let i = 0; i < items.length; i++) yield { line: i + 1, json: items[i] };
}

function relationshipFromCsv(row: Record<string, string>): RelationshipRecord {
  const c = (k: string) => str(row[k]);
  const numbered = (prefix: string, fields: string[]) => {
    const out: string[][] = [];
    for (let i = 1; ; i++) {
      const vals = fields.map((f) => c(`${prefix}.${i}.${f}`));
      if (!fields.some((f) => `${prefix}.${i}.${f}` in row)) break;
      if (vals.some(Boolean)) out.push(vals.map((v) => v ?? ''));
    }
    return out;
  };
  return {
    child: c('Relationship.StartNode.NodeID') ?? '',
    childType: c('Relationship.StartNode.NodeIDType') ?? 'LEI',
    parent: c('Relationship.EndNode.NodeID') ?? '',
    parentType: c('Relationship.EndNode.NodeIDType') ?? 'LEI',
    type: c('Relationship.RelationshipType') ?? '',
    status: c('Relationship.RelationshipStatus') ?? '',
    periods: numbered('Relationship.Period', ['startDate', 'endDate', 'periodType']).map(([start, end, type]) => ({ ...(start ? { start } : {}), ...(end ? { end } : {}), type: type! })),
    qualifiers: numbered('Relationship.Qualifiers', ['QualifierDimension', 'QualifierCategory']).map((q) => q.join(' ').trim()),
    quantifiers: numbered('Relationship.Quantifiers', ['MeasurementMethod', 'QuantifierAmount', 'QuantifierUnits']).map(([m, a, u]) => `${a} ${u}${m ? ` (${m})` : ''}`.trim()),
    registration: {
      ...(c('Registration.InitialRegistrationDate') ? { initial: c('Registration.InitialRegistrationDate') } : {}),
      ...(c('Registration.LastUpdateDate') ? { lastUpdate: c('Registration.LastUpdateDate') } : {}),
      ...(c('Registration.RegistrationStatus') ? { status: c('Registration.RegistrationStatus') } : {}),
    },
  };
}

function relationshipFromJson(j: unknown): RelationshipRecord {
  // The API nests a record in `attributes`; the golden copy's JSON in `RelationshipRecord`, capitalised.
  const a = get(j, 'attributes') ?? get(j, 'RelationshipRecord') ?? j;
  const r = get(a, 'relationship') ?? get(a, 'Relationship');
  const reg = get(a, 'registration') ?? get(a, 'Registration');
  const node = (n: string, f: string) => val(r, n, f) ?? val(r, n[0]!.toUpperCase() + n.slice(1), f === 'id' ? 'NodeID' : 'NodeIDType');
  const periods = list(get(r, 'periods') ?? get(r, 'RelationshipPeriods', 'RelationshipPeriod'));
  return {
    child: node('startNode', 'id') ?? '',
    childType: node('startNode', 'type') ?? 'LEI',
    parent: node('endNode', 'id') ?? '',
    parentType: node('endNode', 'type') ?? 'LEI',
    type: val(r, 'type') ?? val(r, 'RelationshipType') ?? '',
    status: val(r, 'status') ?? val(r, 'RelationshipStatus') ?? '',
    periods: periods.map((p) => {
      const start = val(p, 'startDate') ?? val(p, 'StartDate');
      const end = val(p, 'endDate') ?? val(p, 'EndDate');
      return { ...(start ? { start } : {}), ...(end ? { end } : {}), type: val(p, 'type') ?? val(p, 'PeriodType') ?? '' };
    }),
    qualifiers: list(get(r, 'qualifiers') ?? get(r, 'RelationshipQualifiers', 'RelationshipQualifier')).map((q) =>
      [val(q, 'dimension') ?? val(q, 'QualifierDimension'), val(q, 'category') ?? val(q, 'QualifierCategory')].filter(Boolean).join(' '),
    ),
    quantifiers: list(get(r, 'quantifiers') ?? get(r, 'RelationshipQuantifiers', 'RelationshipQuantifier')).map((q) => {
      const m = val(q, 'measurementMethod') ?? val(q, 'MeasurementMethod');
      return `${val(q, 'amount') ?? val(q, 'QuantifierAmount') ?? ''} ${val(q, 'units') ?? val(q, 'QuantifierUnits') ?? ''}${m ? ` (${m})` : ''}`.trim();
    }),
    registration: {
      ...((val(reg, 'initialRegistrationDate') ?? val(reg, 'InitialRegistrationDate')) ? { initial: val(reg, 'initialRegistrationDate') ?? val(reg, 'InitialRegistrationDate') } : {}),
      ...((val(reg, 'lastUpdateDate') ?? val(reg, 'LastUpdateDate')) ? { lastUpdate: val(reg, 'lastUpdateDate') ?? val(reg, 'LastUpdateDate') } : {}),
      ...((val(reg, 'status') ?? val(reg, 'RegistrationStatus')) ? { status: val(reg, 'status') ?? val(reg, 'RegistrationStatus') } : {}),
    },
  };
}

/** Level 2 relationship records, numbered by their line (CSV, JSON lines) or their place in a JSON list. */
export async function* relationshipRecords(file: string): AsyncGenerator<Numbered<RelationshipRecord>> {
  if ((await sniff(file)) === 'csv') {
    for await (const r of csvRows(file)) yield 'bad' in r ? r : { line: r.line, record: relationshipFromCsv(r.row) };
    return;
  }
  for await (const r of jsonRecords(file)) yield 'bad' in r ? r : { line: r.line, record: relationshipFromJson(r.json) };
}

function leiFromCsv(row: Record<string, string>): LeiRecord {
  const others = Object.keys(row)
    .filter((k) => /^Entity\.(OtherEntityNames\.OtherEntityName|TransliteratedOtherEntityNames\.TransliteratedOtherEntityName)\.\d+$/.test(k))
    .map((k) => str(row[k]))
    .filter((v): v is string => !!v);
  const country = str(row['Entity.LegalAddress.Country']) ?? str(row['Entity.LegalJurisdiction'])?.slice(0, 2);
  return { lei: str(row.LEI) ?? '', name: str(row['Entity.LegalName']) ?? '', otherNames: others, ...(country ? { country } : {}) };
}

function leiFromJson(j: unknown): LeiRecord {
  const a = get(j, 'attributes') ?? get(j, 'LEIRecord') ?? j;
  const e = get(a, 'entity') ?? get(a, 'Entity');
  const names = (k: string, K: string, inner: string) =>
    list(get(e, k) ?? get(e, K, inner)).map((n) => str(n) ?? val(n, 'name') ?? str(get(n, '$'))).filter((v): v is string => !!v);
  const country = val(e, 'legalAddress', 'country') ?? val(e, 'LegalAddress', 'Country') ?? (val(e, 'jurisdiction') ?? val(e, 'LegalJurisdiction'))?.slice(0, 2);
  return {
    lei: val(a, 'lei') ?? val(a, 'LEI') ?? str(get(j, 'id')) ?? '',
    name: val(e, 'legalName', 'name') ?? val(e, 'LegalName') ?? '',
    otherNames: [...names('otherNames', 'OtherEntityNames', 'OtherEntityName'), ...names('transliteratedOtherNames', 'TransliteratedOtherEntityNames', 'TransliteratedOtherEntityName')],
    ...(country ? { country } : {}),
  };
}

/** Level 1 LEI records (names and countries), in the same formats as the relationship records. */
export async function* leiRecords(file: string): AsyncGenerator<Numbered<LeiRecord>> {
  if ((await sniff(file)) === 'csv') {
    for await (const r of csvRows(file)) yield 'bad' in r ? r : { line: r.line, record: leiFromCsv(r.row) };
    return;
  }
  for await (const r of jsonRecords(file)) yield 'bad' in r ? r : { line: r.line, record: leiFromJson(r.json) };
}
