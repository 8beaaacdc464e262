// Every Cypher statement of the Kùzu adapter, each a named constant with the parameters it takes, or a
// builder that assembles one from fixed fragments (a staging file's path, a table's columns, the
// conditions a query asks for). No other file of the adapter holds query text; values travel as
// parameters, or through staging files for LOAD FROM / COPY. test/store/kuzu-statements.test.ts executes
// every one of them (every builder with each of its fragments) against a real database, so a statement
// Kùzu cannot bind fails there, not in a user's hands.
import { quotePath, STAGING_OPTIONS } from './csv.ts';

export interface Statement {
  readonly name: string;
  readonly text: string;
  /** The parameters it reads, checked at every call (connection.ts). */
  readonly params: readonly string[];
}

const st = (name: string, text: string, params: readonly string[] = []): Statement => ({ name, text, params });

export const FTS_INDEX = 'entity_names';

// ---- transactions ----
export const BEGIN = st('BEGIN', 'BEGIN TRANSACTION');
export const COMMIT = st('COMMIT', 'COMMIT');
export const ROLLBACK = st('ROLLBACK', 'ROLLBACK');
export const CHECKPOINT = st('CHECKPOINT', 'CHECKPOINT');

// ---- schema and Meta ----
export const CREATE_TABLES: readonly Statement[] = [
  st('CREATE_META', 'CREATE NODE TABLE IF NOT EXISTS Meta(key STRING PRIMARY KEY, value STRING)'),
  st('CREATE_ENTITY', 'CREATE NODE TABLE IF NOT EXISTS Entity(id STRING PRIMARY KEY, kind STRING, folded STRING, data STRING)'),
  st('CREATE_DOCUMENT', 'CREATE NODE TABLE IF NOT EXISTS Document(id STRING PRIMARY KEY, data STRING)'),
  st('CREATE_CLAIM', `CREATE NODE TABLE IF NOT EXISTS Claim(id STRING PRIMARY KEY, type STRING, subject STRING, object STRING,
     documentId STRING, certainty STRING, confidence DOUBLE, status STRING, start STRING, date STRING,
     data STRING, review STRING)`),
  st('CREATE_REDIRECT', 'CREATE NODE TABLE IF NOT EXISTS Redirect(id STRING PRIMARY KEY, target STRING)'),
  st('CREATE_CHANGE', 'CREATE NODE TABLE IF NOT EXISTS Change(id STRING PRIMARY KEY, at STRING, action STRING, targets STRING, data STRING)'),
];
export const SHOW_TABLES = st('SHOW_TABLES', 'CALL show_tables() RETURN name');
export const META_CREATE = st('META_CREATE', 'CREATE (m:Meta {key: $key, value: $value})', ['key', 'value']);
export const META_SET = st('META_SET', 'MERGE (m:Meta {key: $key}) SET m.value = $value', ['key', 'value']);
export const META_ALL = st('META_ALL', 'MATCH (m:Meta) RETURN m.key AS key, m.value AS value');
export const META_GET = st('META_GET', 'MATCH (m:Meta) WHERE m.key = $key RETURN m.value AS v', ['key']);
export const SHOW_INDEXES = st('SHOW_INDEXES', 'CALL SHOW_INDEXES() RETURN index_name AS name');
export const CREATE_SEARCH_INDEX = st('CREATE_SEARCH_INDEX', `CALL CREATE_FTS_INDEX('Entity', '${FTS_INDEX}', ['folded'])`);
export const DROP_SEARCH_INDEX = st('DROP_SEARCH_INDEX', `CALL DROP_FTS_INDEX('Entity', '${FTS_INDEX}')`);

// ---- reads ----
export const REDIRECTS_ALL = st('REDIRECTS_ALL', 'MATCH (r:Redirect) RETURN r.id AS id, r.target AS target');
export const ENTITIES_WITH_TEXT = st('ENTITIES_WITH_TEXT', 'MATCH (e:Entity) WHERE e.data CONTAINS $needle RETURN e.id AS id, e.data AS data', ['needle']);
export const LOCATIONS_WITH_TEXT = st(
  'LOCATIONS_WITH_TEXT',
  "MATCH (e:Entity) WHERE e.kind = 'Location' AND e.data CONTAINS $needle RETURN e.id AS id ORDER BY id LIMIT $cap",
  ['needle', 'cap'],
);
export const DOCUMENT_IDS_OF_ENTITY = st(
  'DOCUMENT_IDS_OF_ENTITY',
  'MATCH (c:Claim) WHERE c.subject = $e OR c.object = $e RETURN DISTINCT c.documentId AS d ORDER BY d LIMIT $limit',
  ['e', 'limit'],
);
export const COUNT_DOCUMENTS = st('COUNT_DOCUMENTS', 'MATCH (d:Document) RETURN count(*) AS n');
export const COUNT_ENTITIES_BY_KIND = st('COUNT_ENTITIES_BY_KIND', 'MATCH (e:Entity) RETURN e.kind AS k, count(*) AS n');
export const COUNT_CLAIMS_BY_TYPE = st('COUNT_CLAIMS_BY_TYPE', 'MATCH (c:Claim) RETURN c.type AS k, count(*) AS n');

/** The conditions findClaims may combine, each a fixed fragment with its parameter. */
export const CLAIM_CONDITIONS = {
  entity: ['(c.subject = $e OR c.object = $e)', 'e'],
  document: ['c.documentId = $d', 'd'],
  types: ['c.type IN $types', 'types'],
  certainty: ['c.certainty IN $cert', 'cert'],
  status: ['c.status IN $status', 'status'],
  minConfidence: ['c.confidence >= $minc', 'minc'],
  from: ["(c.start IS NULL OR c.start = '' OR c.start >= $from)", 'from'],
  to: ["(c.start IS NULL OR c.start = '' OR c.start <= $to)", 'to'],
  after: ['c.id > $after', 'after'],
} as const;
export type ClaimCondition = keyof typeof CLAIM_CONDITIONS;

const claimWhere = (conds: readonly ClaimCondition[]) => ({
  where: conds.length ? `WHERE ${conds.map((c) => CLAIM_CONDITIONS[c][0]).join(' AND ')}` : '',
  params: conds.map((c) => CLAIM_CONDITIONS[c][1]),
});

export function countClaimsWhere(conds: readonly ClaimCondition[]): Statement {
  const { where, params } = claimWhere(conds);
  return st('COUNT_CLAIMS_WHERE', `MATCH (c:Claim) ${where} RETURN count(*) AS n`, params);
}

export function claimsWhere(conds: readonly ClaimCondition[]): Statement {
  const { where, params } = claimWhere(conds);
  return st('CLAIMS_WHERE', `MATCH (c:Claim) ${where} RETURN c.data AS data, c.review AS review ORDER BY c.id LIMIT $limit`, [...params, 'limit']);
}

export const CHANGE_CONDITIONS = {
  target: ['c.targets CONTAINS $t', 't'],
  action: ['c.action = $a', 'a'],
} as const;
export type ChangeCondition = keyof typeof CHANGE_CONDITIONS;

export function changesWhere(conds: readonly ChangeCondition[]): Statement {
  const where = conds.length ? `WHERE ${conds.map((c) => CHANGE_CONDITIONS[c][0]).join(' AND ')}` : '';
  return st('CHANGES_WHERE', `MATCH (c:Change) ${where} RETURN c.data AS data ORDER BY c.at, c.id LIMIT $limit`, [...conds.map((c) => CHANGE_CONDITIONS[c][1]), 'limit']);
}

// ---- search ----
export function searchFts(byKind: boolean): Statement {
  return st(
    'SEARCH_FTS',
    `CALL QUERY_FTS_INDEX('Entity', '${FTS_INDEX}', $q) WITH node AS e, score WHERE true ${byKind ? 'AND e.kind IN $kinds' : ''}
       RETURN e.id AS id, e.data AS data, score ORDER BY score DESC LIMIT $pool`,
    byKind ? ['q', 'pool', 'kinds'] : ['q', 'pool'],
  );
}

export function searchContains(byKind: boolean): Statement {
  return st(
    'SEARCH_CONTAINS',
    `MATCH (e:Entity) WHERE e.folded CONTAINS $q ${byKind ? 'AND e.kind IN $kinds' : ''} RETURN e.id AS id, e.data AS data LIMIT $pool`,
    byKind ? ['q', 'pool', 'kinds'] : ['q', 'pool'],
  );
}

// ---- bulk reads through files (COPY TO a staging file; row-by-row reads cost a round trip per row) ----
export const DUMPS = {
  documentIndex: 'MATCH (d:Document) RETURN d.id, d.data',
  entityIndex: 'MATCH (e:Entity) RETURN e.id, e.kind, e.data',
  claimIndex: 'MATCH (c:Claim) RETURN c.id, c.type, c.subject, c.object, c.certainty, c.confidence, c.status, c.start, c.date, c.documentId, c.data, c.review',
  exportDocuments: 'MATCH (x:Document) RETURN x.data ORDER BY x.id',
  exportEntities: 'MATCH (x:Entity) RETURN x.data ORDER BY x.id',
  exportRedirects: 'MATCH (x:Redirect) RETURN x.id, x.target ORDER BY x.id',
  exportClaims: 'MATCH (x:Claim) RETURN x.data, x.review ORDER BY x.id',
  exportChanges: 'MATCH (x:Change) RETURN x.data ORDER BY x.at, x.id',
} as const;
export type Dump = keyof typeof DUMPS;

export function copyTo(dump: Dump, file: string): Statement {
  return st(`COPY_TO_${dump}`, `COPY (${DUMPS[dump]}) TO ${quotePath(file)} (header=false, ${STAGING_OPTIONS})`);
}

// ---- writes ----
export type Table = 'Document' | 'Entity' | 'Claim' | 'Redirect' | 'Change';

/** Every column of a staged table is a string but these (LOAD FROM would otherwise sniff JSON into STRUCTs). */
const COLUMN_TYPES: Record<string, string> = { confidence: 'DOUBLE' };

/** LOAD + MERGE of one staged file (header line, `cols` in order) into `table`; `keepOnMatch` columns are written on create only. */
export function mergeFrom(table: Table, cols: readonly string[], file: string, keepOnMatch: readonly string[] = []): Statement {
  const header = cols.map((c) => `${c} ${COLUMN_TYPES[c] ?? 'STRING'}`).join(', ');
  const sets = (names: readonly string[]) => names.filter((c) => c !== 'id').map((c) => `x.${c} = ${c}`).join(', ');
  return st(
    `MERGE_FROM_${table}`,
    `LOAD WITH HEADERS (${header}) FROM ${quotePath(file)} (header=true, ${STAGING_OPTIONS})
    WITH ${cols.join(', ')}
    MERGE (x:${table} {id: id})
    ON CREATE SET ${sets(cols)}
    ON MATCH SET ${sets(cols.filter((c) => !keepOnMatch.includes(c)))}`,
  );
}

/** COPY of a staged file (no header, the table's columns in order) into an empty table. */
export function copyFrom(table: Table, file: string): Statement {
  return st(`COPY_FROM_${table}`, `COPY ${table} FROM ${quotePath(file)} (header=false, ${STAGING_OPTIONS})`);
}

export const CLAIM_UPDATE = st(
  'CLAIM_UPDATE',
  'MATCH (x:Claim {id: $id}) SET x.subject = $s, x.object = $o, x.status = $status, x.data = $data, x.review = $review',
  ['id', 's', 'o', 'status', 'data', 'review'],
);
export const ENTITY_UPDATE = st('ENTITY_UPDATE', 'MATCH (x:Entity {id: $id}) SET x.folded = $folded, x.data = $data', ['id', 'folded', 'data']);
export const ENTITY_DELETE = st('ENTITY_DELETE', 'MATCH (x:Entity {id: $id}) DELETE x', ['id']);
export const REDIRECTS_RETARGET = st('REDIRECTS_RETARGET', 'MATCH (r:Redirect) WHERE r.target = $drop SET r.target = $keep', ['drop', 'keep']);
export const REDIRECT_SET = st('REDIRECT_SET', 'MERGE (r:Redirect {id: $drop}) SET r.target = $keep', ['drop', 'keep']);
