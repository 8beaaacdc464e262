// The Kùzu schema and its version: tables created on first open, the version kept in a Meta table, and an
// open refused when the database was made by a newer rightsgraph or is not a rightsgraph database at all.
//
// Layout: every entity (Abuse included) is a row of Entity keyed by id, with its full zod-valid JSON in
// `data` and an accent-folded copy of its names in `folded` for the FTS index. Claims are Claim nodes keyed
// by id (a relationship table has no primary key, so lookups, MERGE and review by claim id would scan);
// graph walks run over the in-memory ClaimIndex, loaded from the Claim table's key columns at open.
import { SchemaVersionError, NotAStoreError } from '../errors.ts';
import type { KuzuConnection } from './connection.ts';
import { log } from '../../util/log.ts';
import { CREATE_SEARCH_INDEX, CREATE_TABLES, DROP_SEARCH_INDEX, FTS_INDEX, META_ALL, META_CREATE, META_SET, SHOW_INDEXES, SHOW_TABLES } from './statements.ts';

export const APP_NAME = 'rightsgraph';
export const SCHEMA_VERSION = 1;
export { FTS_INDEX };

/** Migrations from version N to N+1, in order; empty while there is only version 1. */
const MIGRATIONS: Record<number, (db: KuzuConnection) => Promise<void>> = {};

async function tableNames(db: KuzuConnection): Promise<Set<string>> {
  const rows = await db.query(SHOW_TABLES);
  return new Set(rows.map((r) => String(r.name)));
}

/**
 * Checks what the database is and brings it to SCHEMA_VERSION. A fresh (empty) database gets the tables;
 * one with tables but no rightsgraph Meta row is someone else's database (NotAStoreError).
 */
export async function ensureSchema(db: KuzuConnection, opts: { recovered?: boolean } = {}): Promise<number> {
  const tables = await tableNames(db);
  if (tables.size === 0) {
    if (db.readOnly) throw new NotAStoreError(`${db.path} is an empty database: run \`rightsgraph init\` first`);
    await db.transaction(async () => {
      for (const ddl of CREATE_TABLES) await db.query(ddl);
      await db.query(META_CREATE, { key: 'app', value: APP_NAME });
      await db.query(META_CREATE, { key: 'schemaVersion', value: String(SCHEMA_VERSION) });
    });
    await db.query(CREATE_SEARCH_INDEX);
    return SCHEMA_VERSION;
  }
  if (!tables.has('Meta')) throw new NotAStoreError(`${db.path} is a Kùzu database but not a rightsgraph one`);
  const meta = new Map((await db.query(META_ALL)).map((r) => [r.key, r.value]));
  if (meta.get('app') !== APP_NAME) throw new NotAStoreError(`${db.path} is a Kùzu database but not a rightsgraph one`);
  const version = Number(meta.get('schemaVersion'));
  if (!Number.isInteger(version)) throw new NotAStoreError(`${db.path} has no readable schema version`);
  if (version > SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `${db.path} was made by a newer rightsgraph (schema ${version}; this one reads up to ${SCHEMA_VERSION}): upgrade rightsgraph`,
    );
  }
  if (!db.readOnly && opts.recovered) {
    // Kùzu 0.11.3 segfaults on the first update of an FTS-indexed row after replaying the WAL of a killed
    // process (reproduced here: SIGKILL after a few upserts, reopen, update an entity). Building the index
    // afresh after such a recovery avoids it, at about 11 µs per entity.
    log.warn({ path: db.path }, 'the last process did not close the database: rebuilding the search index');
    await dropSearchIndex(db);
  }
  if (!db.readOnly) await ensureSearchIndex(db);
  if (version < SCHEMA_VERSION) {
    if (db.readOnly) throw new SchemaVersionError(`${db.path} has schema ${version}: open it once for writing to migrate it`);
    for (let v = version; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) throw new SchemaVersionError(`${db.path} has schema ${v}, which this rightsgraph cannot migrate`);
      await step(db);
      await db.query(META_SET, { key: 'schemaVersion', value: String(v + 1) });
    }
  }
  return SCHEMA_VERSION;
}

/**
 * Creates the FTS index over entity names if it is missing: large upserts drop it and build it again after
 * (see writes.ts), so a process killed in between leaves it missing until the next writable open.
 */
export async function ensureSearchIndex(db: KuzuConnection): Promise<void> {
  const rows = await db.query(SHOW_INDEXES);
  if (rows.some((r) => r.name === FTS_INDEX)) return;
  try {
    await db.query(CREATE_SEARCH_INDEX);
  } catch (err) {
    // A process killed while Kùzu built the index leaves internal tables behind that neither SHOW_INDEXES
    // nor DROP TABLE can reach (Kùzu 0.11.3). Search then runs on the folded-name scan alone (slower on a
    // large graph, same answers for names and aliases) rather than the store refusing to open.
    log.warn({ err: String((err as Error).message) }, 'the search index could not be rebuilt; search falls back to a name scan');
  }
}

export async function dropSearchIndex(db: KuzuConnection): Promise<void> {
  const rows = await db.query(SHOW_INDEXES);
  if (rows.some((r) => r.name === FTS_INDEX)) await db.query(DROP_SEARCH_INDEX);
}
