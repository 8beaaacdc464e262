// Every Cypher statement of the Neo4j adapter, each a named constant with the parameters it takes, so the
// lint test (test/store/neo4j-cypher.test.ts) checks all of them with Neo4j's own parser and semantic
// analysis. No other file of the adapter holds Cypher text; values always travel as parameters.
//
// Graph layout (what an investigator sees in Neo4j Browser):
//   (:Entity:<Kind> {id, kind, name, names, data})  names = folded names and aliases, data = full JSON
//   (:Entity)-[:CLAIM {id, type, certainty, confidence, status, start, date, documentId, quote, data, review}]->(:Entity)
//   (:Document {id, title, url, publisher, publishedAt, data})   (:Change {id, at, action, targets, data})   (:Meta {key, value})
//   a merged-away entity becomes (:Redirect {id, target}) and keeps the claims that linked it to the kept one.
import { EntityKind } from '../../domain/index.ts';

export interface Statement {
  readonly name: string;
  readonly text: string;
  /** The parameters the statement reads (declared to the linter; checked at every call). */
  readonly params: readonly string[];
}

const st = (name: string, text: string, params: readonly string[] = []): Statement => ({ name, text, params });

export const LABELS = ['Entity', ...EntityKind.options, 'Document', 'Redirect', 'Change', 'Meta'] as const;
export const RELATIONSHIP_TYPES = ['CLAIM'] as const;
export const FULLTEXT_INDEX = 'entity_names';

// ---- schema (created idempotently at every open) ----

export const SCHEMA_STATEMENTS: readonly Statement[] = [
  st('CONSTRAINT_ENTITY_ID', 'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE'),
  st('CONSTRAINT_DOCUMENT_ID', 'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE'),
  st('CONSTRAINT_REDIRECT_ID', 'CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (r:Redirect) REQUIRE r.id IS UNIQUE'),
  st('CONSTRAINT_CHANGE_ID', 'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE'),
  st('CONSTRAINT_META_KEY', 'CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE'),
  // Relationship uniqueness constraints exist since Neo4j 5.7, in Community too.
  st('CONSTRAINT_CLAIM_ID', 'CREATE CONSTRAINT claim_id IF NOT EXISTS FOR ()-[c:CLAIM]-() REQUIRE c.id IS UNIQUE'),
  st('INDEX_CLAIM_DOCUMENT', 'CREATE INDEX claim_document IF NOT EXISTS FOR ()-[c:CLAIM]-() ON (c.documentId)'),
  st('INDEX_CLAIM_TYPE', 'CREATE INDEX claim_type IF NOT EXISTS FOR ()-[c:CLAIM]-() ON (c.type, c.status)'),
  st('INDEX_DOCUMENT_URL', 'CREATE INDEX document_url IF NOT EXISTS FOR (d:Document) ON (d.url)'),
  st('INDEX_ENTITY_KIND', 'CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)'),
  st('INDEX_ENTITY_NAMES_TEXT', 'CREATE TEXT INDEX entity_names_text IF NOT EXISTS FOR (e:Entity) ON (e.names)'),
  st('INDEX_CHANGE_AT', 'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)'),
  // standard-folding: Lucene's ASCII folding, so "unite" finds "Unité" whatever the query's accents.
  st(
    'INDEX_ENTITY_FULLTEXT',
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.names]
     OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-folding'}}`,
  ),
];

/** The constraint names the adapter cannot work without (a batch's atomicity and idempotence rest on them). */
export const REQUIRED_CONSTRAINTS = ['entity_id', 'document_id', 'redirect_id', 'change_id', 'claim_id'] as const;

export const SHOW_CONSTRAINTS = st('SHOW_CONSTRAINTS', 'SHOW CONSTRAINTS YIELD name RETURN name');
export const SERVER_COMPONENTS = st(
  'SERVER_COMPONENTS',
  'CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition',
);
export const ANY_FOREIGN_NODE = st(
  'ANY_FOREIGN_NODE',
  'MATCH (n) WHERE NOT (n:Entity OR n:Document OR n:Redirect OR n:Change OR n:Meta) RETURN count(n) > 0 AS foreign LIMIT 1',
);
export const META_GET = st('META_GET', 'MATCH (m:Meta {key: $key}) RETURN m.value AS value', ['key']);
export const META_SET = st('META_SET', 'MERGE (m:Meta {key: $key}) SET m.value = $value', ['key', 'value']);

// ---- reads by id ----

export const RESOLVE_REDIRECTS = st(
  'RESOLVE_REDIRECTS',
  'UNWIND $ids AS id MATCH (r:Redirect {id: id}) RETURN r.id AS id, r.target AS target',
  ['ids'],
);
export const ENTITY_RECORDS = st(
  'ENTITY_RECORDS',
  'UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.kind AS kind, e.data AS data',
  ['ids'],
);
export const DOCUMENT_RECORDS = st(
  'DOCUMENT_RECORDS',
  'UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.data AS data',
  ['ids'],
);
export const DOCUMENTS_BY_URL = st(
  'DOCUMENTS_BY_URL',
  'MATCH (d:Document) WHERE d.url = $url RETURN d.id AS id, d.data AS data ORDER BY id',
  ['url'],
);
/** Locations of one country code: the code sits in the record's JSON (JSON.stringify: no spaces); callers check the parsed record. */
/** Entities whose record holds an external id of a scheme (the needle); the parsed record decides. */
export const ENTITIES_WITH_EXTERNAL_ID = st(
  'ENTITIES_WITH_EXTERNAL_ID',
  'MATCH (e:Entity) WHERE e.data CONTAINS $needle RETURN e.id AS id, e.data AS data',
  ['needle'],
);
export const LOCATIONS_IN_COUNTRY = st(
  'LOCATIONS_IN_COUNTRY',
  'MATCH (e:Location) WHERE e.data CONTAINS $needle RETURN e.id AS id ORDER BY id LIMIT $cap',
  ['needle', 'cap'],
);
/** Locations with a live PART_OF claim (not rejected or superseded, not denied) into one of `wholes`. */
export const PLACE_PARTS_OF = st(
  'PLACE_PARTS_OF',
  `MATCH (p:Location)-[c:CLAIM {type: 'PART_OF'}]->(w:Location)
   WHERE w.id IN $wholes AND c.status IN ['unreviewed', 'accepted'] AND c.certainty IN ['stated', 'alleged']
   RETURN DISTINCT p.id AS part, w.id AS whole ORDER BY whole, part LIMIT $cap`,
  ['wholes', 'cap'],
);
// Claims by id name their index in a hint, so a plan can only seek it (a missing index is an error, not a
// scan per id): one bench load after the test suite sat 21 minutes in this lookup, cause not found.
export const CLAIM_RECORDS = st(
  'CLAIM_RECORDS',
  `UNWIND $ids AS id MATCH (s)-[c:CLAIM]->(o) USING INDEX c:CLAIM(id) WHERE c.id = id
   RETURN c.id AS id, c.data AS data, c.review AS review, s.id AS subject, o.id AS object`,
  ['ids'],
);

// ---- writes (each inside one managed write transaction per batch) ----

export const UPSERT_DOCUMENTS = st(
  'UPSERT_DOCUMENTS',
  `UNWIND $rows AS r MERGE (d:Document {id: r.id})
   SET d.data = r.data, d.title = r.title, d.url = r.url, d.publisher = r.publisher, d.publishedAt = r.publishedAt`,
  ['rows'],
);

// One FOREACH per kind sets the kind's label: dynamic labels ($(…)) need Neo4j 5.26, this works on every 5.x.
export const UPSERT_ENTITIES = st(
  'UPSERT_ENTITIES',
  `UNWIND $rows AS r
   MERGE (e:Entity {id: r.id})
   SET e.kind = r.kind, e.name = r.name, e.names = r.names, e.data = r.data, e.generic = r.generic
   ${EntityKind.options.map((k) => `FOREACH (_ IN CASE WHEN r.kind = '${k}' THEN [1] ELSE [] END | SET e:${k})`).join('\n   ')}
   RETURN count(e) AS n`,
  ['rows'],
);

/** Creates or updates claims; an existing claim keeps its review. Returns how many rows found both ends. */
/** Writes one row `r` as the claim between `s` and `o`; an existing claim keeps its review. */
const MERGE_CLAIM = `MERGE (s)-[c:CLAIM {id: r.id}]->(o)
   ON CREATE SET c.status = r.status, c.review = r.review
   SET c.type = r.type, c.documentId = r.documentId, c.certainty = r.certainty, c.confidence = r.confidence,
       c.start = r.start, c.date = r.date, c.quote = r.quote, c.data = r.data
   RETURN count(c) AS n`;

export const UPSERT_CLAIMS = st(
  'UPSERT_CLAIMS',
  `UNWIND $rows AS r
   MATCH (s:Entity {id: r.subject})
   MATCH (o:Entity {id: r.object})
   ${MERGE_CLAIM}`,
  ['rows'],
);

/** Merges carried from another store (migrate, import): (:Redirect {id, target}), as a merge leaves them. */
export const UPSERT_REDIRECTS = st(
  'UPSERT_REDIRECTS',
  `UNWIND $rows AS r
   MERGE (x:Redirect {id: r.id})
   SET x.target = r.target`,
  ['rows'],
);

/**
 * Claims that linked two entities later merged: one end is the (:Redirect) the merge left, as in the store
 * they come from. Few (one per such claim), so the OPTIONAL MATCH on both labels costs nothing that matters.
 */
export const UPSERT_CLAIMS_ON_REDIRECTS = st(
  'UPSERT_CLAIMS_ON_REDIRECTS',
  `UNWIND $rows AS r
   OPTIONAL MATCH (se:Entity {id: r.subject})
   OPTIONAL MATCH (sr:Redirect {id: r.subject})
   OPTIONAL MATCH (oe:Entity {id: r.object})
   OPTIONAL MATCH (orr:Redirect {id: r.object})
   WITH r, coalesce(se, sr) AS s, coalesce(oe, orr) AS o
   WHERE s IS NOT NULL AND o IS NOT NULL
   ${MERGE_CLAIM}`,
  ['rows'],
);

export const SET_CLAIM_REVIEW = st(
  'SET_CLAIM_REVIEW',
  'MATCH ()-[c:CLAIM]->() USING INDEX c:CLAIM(id) WHERE c.id = $id SET c.status = $status, c.review = $review RETURN count(c) AS n',
  ['id', 'status', 'review'],
);

export const SET_ENTITY = st(
  'SET_ENTITY',
  'MATCH (e:Entity {id: $id}) SET e.name = $name, e.names = $names, e.data = $data, e.generic = $generic RETURN count(e) AS n',
  ['id', 'name', 'names', 'data', 'generic'],
);

/** Moves claims onto new ends (a merge): the relationship is deleted and made again between the new ends. */
export const MOVE_CLAIMS = st(
  'MOVE_CLAIMS',
  `UNWIND $rows AS r
   MATCH ()-[c:CLAIM]->() USING INDEX c:CLAIM(id) WHERE c.id = r.id
   WITH r, properties(c) AS props, c
   DELETE c
   WITH r, props
   MATCH (s:Entity {id: r.subject})
   MATCH (o:Entity {id: r.object})
   CREATE (s)-[n:CLAIM]->(o)
   SET n = props, n.data = r.data
   RETURN count(n) AS n`,
  ['rows'],
);

/** The dropped entity of a merge becomes a redirect, out of search; claims linking it to `keep` stay on it. */
export const ENTITY_TO_REDIRECT = st(
  'ENTITY_TO_REDIRECT',
  `MATCH (d:Entity {id: $drop})
   REMOVE d:${['Entity', ...EntityKind.options].join(':')}
   SET d:Redirect, d.target = $keep
   RETURN count(d) AS n`,
  ['drop', 'keep'],
);

export const RETARGET_REDIRECTS = st(
  'RETARGET_REDIRECTS',
  'MATCH (r:Redirect) WHERE r.target = $drop SET r.target = $keep',
  ['drop', 'keep'],
);

export const RECORD_CHANGES = st(
  'RECORD_CHANGES',
  `UNWIND $rows AS r
   MERGE (c:Change {id: r.id})
   SET c.at = r.at, c.action = r.action, c.targets = r.targets, c.data = r.data`,
  ['rows'],
);

// ---- the path index (the whole graph's claims in memory for exposure searches) ----

/** The graph's generation: a token every write transaction of the adapter replaces (another process's too). */
export const GENERATION_GET = st('GENERATION_GET', "MATCH (m:Meta {key: 'generation'}) RETURN m.value AS value");
/** Run last in every write transaction: the token it replaces tells whether another writer came between. */
export const GENERATION_NEXT = st(
  'GENERATION_NEXT',
  "MERGE (m:Meta {key: 'generation'}) WITH m, m.value AS before SET m.value = $next RETURN before",
  ['next'],
);
/** Every claim between two entities, with CLAIMS_AROUND's columns (claims on a Redirect are walked by nothing). */
export const PATH_INDEX_CLAIMS = st(
  'PATH_INDEX_CLAIMS',
  `MATCH (s:Entity)-[c:CLAIM]->(o:Entity)
   RETURN c.id AS id, c.type AS type, s.id AS subject, o.id AS object, s.kind AS subjectKind, o.kind AS objectKind,
          s.generic AS subjectGeneric, o.generic AS objectGeneric, c.documentId AS documentId,
          c.certainty AS certainty, c.confidence AS confidence, c.status AS status, c.start AS start, c.date AS date`,
);
/** When each document was known (asOf): its publication date, else its record (for the day it was fetched). */
export const PATH_INDEX_DOCUMENTS = st(
  'PATH_INDEX_DOCUMENTS',
  'MATCH (d:Document) RETURN d.id AS id, d.publishedAt AS publishedAt, CASE WHEN d.publishedAt IS NULL THEN d.data END AS data',
);

// ---- graph reads ----

/**
 * The claims touching a set of entities, with the key fields graph walks need. Exposure paths call it once
 * per hop (the frontier of a bounded breadth-first expansion, restricted to the hop grammar's claim types);
 * neighbour listings call it for one entity.
 */
export const CLAIMS_AROUND = st(
  'CLAIMS_AROUND',
  `UNWIND $ids AS id
   MATCH (e:Entity {id: id})-[c:CLAIM]-(:Entity)
   WHERE $types IS NULL OR c.type IN $types
   WITH DISTINCT c
   MATCH (s:Entity)-[c]->(o:Entity)
   RETURN c.id AS id, c.type AS type, s.id AS subject, o.id AS object, s.kind AS subjectKind, o.kind AS objectKind,
          s.generic AS subjectGeneric, o.generic AS objectGeneric, c.documentId AS documentId,
          c.certainty AS certainty, c.confidence AS confidence, c.status AS status, c.start AS start, c.date AS date
   LIMIT $cap`,
  ['ids', 'types', 'cap'],
);

// Claim queries: every condition is a parameter that may be null (no condition), so one text serves all.
const CLAIM_CONDITIONS = `($types IS NULL OR c.type IN $types)
     AND ($cert IS NULL OR c.certainty IN $cert)
     AND c.status IN $status
     AND ($minc IS NULL OR c.confidence >= $minc)
     AND ($from IS NULL OR c.start IS NULL OR c.start >= $from)
     AND ($to IS NULL OR c.start IS NULL OR c.start <= $to)
     AND ($d IS NULL OR c.documentId = $d)`;
const CLAIM_PARAMS = ['types', 'cert', 'status', 'minc', 'from', 'to', 'd'] as const;

/**
 * One hop of an exposure walk, the grammar and the filter pushed into the query: from each frontier entity
 * only the claim types its kind may walk forward ($outTypes, as subject) or backward ($inTypes, as object),
 * and only claims passing the query's filter and asOf (the claim conditions below). The caller groups the
 * frontier by kind, so a hub technology's suppliers are not fetched when the grammar does not walk PROVIDES
 * backwards. A company's suspensions come whatever the filter: they mark hops ended, judged in the process.
 */
export const CLAIMS_STEPS = st(
  'CLAIMS_STEPS',
  `UNWIND $ids AS id
   MATCH (e:Entity {id: id})
   CALL (e) {
     MATCH (e)-[c:CLAIM]->(o:Entity) WHERE c.type IN $outTypes AND (c.type = 'SUSPENDED' OR (${CLAIM_CONDITIONS}))
     RETURN c, e AS s, o
     UNION
     MATCH (s:Entity)-[c:CLAIM]->(e) WHERE c.type IN $inTypes AND ${CLAIM_CONDITIONS}
     RETURN c, s, e AS o
   }
   RETURN c.id AS id, c.type AS type, s.id AS subject, o.id AS object, s.kind AS subjectKind, o.kind AS objectKind,
          s.generic AS subjectGeneric, o.generic AS objectGeneric, c.documentId AS documentId,
          c.certainty AS certainty, c.confidence AS confidence, c.status AS status, c.start AS start, c.date AS date
   LIMIT $cap`,
  ['ids', 'outTypes', 'inTypes', 'cap', ...CLAIM_PARAMS],
);

/**
 * The other way to walk, measured against CLAIMS_STEPS (`bench:store --store neo4j --neo4j-walk paths`):
 * one variable-length match per search, the claim types and the filter on every relationship, the target's
 * kind at the far end, and the claims of the paths found (plus the suspensions of the companies on them)
 * handed to the same best-first search. Cypher cannot take a hop bound as a parameter: one text per bound.
 */
export const EXPOSURE_PATHS_UPTO = [1, 2, 3, 4, 5, 6].map((n) =>
  st(
    `EXPOSURE_PATHS_UPTO_${n}`,
    `MATCH p = (a:Entity {id: $start})-[cs:CLAIM*1..${n}]-(b:Entity)
     WHERE ($target IS NULL OR b.id = $target) AND ($target IS NOT NULL OR b.kind IN $toKinds)
       AND all(c IN cs WHERE c.type IN $hopTypes AND ${CLAIM_CONDITIONS})
     WITH p LIMIT $cap
     UNWIND relationships(p) AS c
     WITH DISTINCT c
     MATCH (s:Entity)-[c]->(o:Entity)
     CALL (s) {
       MATCH (s)-[x:CLAIM]->(t:Entity) WHERE x.type = 'SUSPENDED' AND s.kind = 'Company'
       RETURN collect({c: x, s: s, o: t}) AS suspensions
     }
     UNWIND [{c: c, s: s, o: o}] + suspensions AS r
     WITH DISTINCT r.c AS c, r.s AS s, r.o AS o
     RETURN c.id AS id, c.type AS type, s.id AS subject, o.id AS object, s.kind AS subjectKind, o.kind AS objectKind,
            s.generic AS subjectGeneric, o.generic AS objectGeneric, c.documentId AS documentId,
            c.certainty AS certainty, c.confidence AS confidence, c.status AS status, c.start AS start, c.date AS date`,
    ['start', 'target', 'toKinds', 'hopTypes', 'cap', ...CLAIM_PARAMS],
  ),
);

export const SEARCH_FULLTEXT = st(
  'SEARCH_FULLTEXT',
  `CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $q) YIELD node, score
   WHERE $kinds IS NULL OR node.kind IN $kinds
   RETURN node.id AS id, node.data AS data, score
   ORDER BY score DESC LIMIT $pool`,
  ['q', 'kinds', 'pool'],
);

/** Substring search over folded names (the text index serves CONTAINS); catches what Lucene tokenises away. */
export const SEARCH_CONTAINS = st(
  'SEARCH_CONTAINS',
  `MATCH (e:Entity) WHERE e.names CONTAINS $q AND ($kinds IS NULL OR e.kind IN $kinds)
   RETURN e.id AS id, e.data AS data LIMIT $pool`,
  ['q', 'kinds', 'pool'],
);


export const COUNT_CLAIMS = st('COUNT_CLAIMS', `MATCH ()-[c:CLAIM]->() WHERE ${CLAIM_CONDITIONS} RETURN count(c) AS n`, CLAIM_PARAMS);
export const PAGE_CLAIMS = st(
  'PAGE_CLAIMS',
  `MATCH ()-[c:CLAIM]->() WHERE ${CLAIM_CONDITIONS} AND ($after IS NULL OR c.id > $after)
   RETURN c.id AS id, c.data AS data, c.review AS review ORDER BY id LIMIT $limit`,
  [...CLAIM_PARAMS, 'after', 'limit'],
);
export const COUNT_CLAIMS_OF_ENTITY = st(
  'COUNT_CLAIMS_OF_ENTITY',
  `MATCH (:Entity {id: $e})-[c:CLAIM]-() WHERE ${CLAIM_CONDITIONS} RETURN count(DISTINCT c) AS n`,
  [...CLAIM_PARAMS, 'e'],
);
export const PAGE_CLAIMS_OF_ENTITY = st(
  'PAGE_CLAIMS_OF_ENTITY',
  `MATCH (:Entity {id: $e})-[c:CLAIM]-() WHERE ${CLAIM_CONDITIONS} AND ($after IS NULL OR c.id > $after)
   WITH DISTINCT c
   RETURN c.id AS id, c.data AS data, c.review AS review ORDER BY id LIMIT $limit`,
  [...CLAIM_PARAMS, 'e', 'after', 'limit'],
);

/** Each entity's claims passing the conditions, by id, at most $limit each (one call for a page of entities). */
export const CLAIMS_OF_ENTITIES = st(
  'CLAIMS_OF_ENTITIES',
  `UNWIND $es AS e
   MATCH (:Entity {id: e})-[c:CLAIM]-()
   WHERE ${CLAIM_CONDITIONS}
   WITH e, c ORDER BY c.id
   WITH e, collect(DISTINCT c)[0..$limit] AS cs
   UNWIND cs AS c
   RETURN e AS entity, c.data AS data, c.review AS review`,
  [...CLAIM_PARAMS, 'es', 'limit'],
);

export const DOCUMENTS_OF = st(
  'DOCUMENTS_OF',
  `MATCH (:Entity {id: $e})-[c:CLAIM]-()
   WITH DISTINCT c.documentId AS id ORDER BY id LIMIT $limit
   MATCH (d:Document {id: id})
   RETURN d.data AS data ORDER BY id`,
  ['e', 'limit'],
);

export const LIST_CHANGES = st(
  'LIST_CHANGES',
  `MATCH (c:Change)
   WHERE ($t IS NULL OR $t IN c.targets) AND ($a IS NULL OR c.action = $a)
   RETURN c.data AS data, c.at AS at, c.id AS id ORDER BY at, id LIMIT $limit`,
  ['t', 'a', 'limit'],
);

export const COUNT_DOCUMENTS = st('COUNT_DOCUMENTS', 'MATCH (d:Document) RETURN count(d) AS n');
export const ENTITIES_BY_KIND = st('ENTITIES_BY_KIND', 'MATCH (e:Entity) RETURN e.kind AS k, count(e) AS n');
export const CLAIMS_BY_TYPE = st('CLAIMS_BY_TYPE', 'MATCH ()-[c:CLAIM]->() RETURN c.type AS k, count(c) AS n');

// ---- export, streamed in id order ----

export const EXPORT_DOCUMENTS = st('EXPORT_DOCUMENTS', 'MATCH (d:Document) RETURN d.data AS data ORDER BY d.id');
export const EXPORT_ENTITIES = st('EXPORT_ENTITIES', 'MATCH (e:Entity) RETURN e.data AS data ORDER BY e.id');
export const EXPORT_REDIRECTS = st('EXPORT_REDIRECTS', 'MATCH (r:Redirect) RETURN r.id AS id, r.target AS target ORDER BY r.id');
export const EXPORT_CLAIMS = st(
  'EXPORT_CLAIMS',
  'MATCH ()-[c:CLAIM]->() RETURN c.data AS data, c.review AS review ORDER BY c.id',
);
export const EXPORT_CHANGES = st('EXPORT_CHANGES', 'MATCH (c:Change) RETURN c.data AS data ORDER BY c.at, c.id');

/** Deletes rightsgraph's whole graph in batches (tests, and `migrate --replace`); never other labels. Neo4j ≥ 5.23. */
/**
 * Claims go first, 10,000 to a transaction: deleting nodes with their relationships took each node's claims
 * in the same transaction, and a million-claim graph's hubs exceeded Neo4j's transaction memory pool.
 */
export const CLEAR_CLAIMS = st(
  'CLEAR_CLAIMS',
  `MATCH ()-[c:CLAIM]->()
   CALL (c) { DELETE c } IN TRANSACTIONS OF 10000 ROWS`,
);
export const CLEAR_GRAPH = st(
  'CLEAR_GRAPH',
  `MATCH (n) WHERE n:Entity OR n:Document OR n:Redirect OR n:Change
   CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
);
