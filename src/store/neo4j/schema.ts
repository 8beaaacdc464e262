// The Neo4j schema: constraints and indexes created idempotently at every open, the schema version kept in a
// (:Meta) node, and an open refused when the database holds someone else's graph, was made by a newer
// rightsgraph, or lacks the constraints after we tried to create them (a user without schema rights).
import { NotAStoreError, SchemaVersionError, StoreUnavailableError } from '../errors.ts';
import type { Neo4jConnection } from './connection.ts';
import { ANY_FOREIGN_NODE, META_GET, META_SET, REQUIRED_CONSTRAINTS, SCHEMA_STATEMENTS, SHOW_CONSTRAINTS } from './statements.ts';

export const SCHEMA_VERSION = 1;

export async function ensureNeo4jSchema(db: Neo4jConnection): Promise<number> {
  const [meta] = await db.read(META_GET, { key: 'schemaVersion' });
  if (!meta) {
    const [any] = await db.read(ANY_FOREIGN_NODE);
    if (any?.foreign) {
      throw new NotAStoreError(`Neo4j at ${db.opts.uri} holds nodes that are not rightsgraph's: use an empty database (NEO4J_DATABASE) for rightsgraph`);
    }
  } else if (Number(meta.value) > SCHEMA_VERSION) {
    throw new SchemaVersionError(`the Neo4j database was written by a newer rightsgraph (schema ${String(meta.value)}; this one knows ${SCHEMA_VERSION}): upgrade rightsgraph`);
  }
  const failures: string[] = [];
  for (const s of SCHEMA_STATEMENTS) {
    try {
      await db.command(s);
    } catch (err) {
      failures.push(`${s.name}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const names = new Set((await db.read(SHOW_CONSTRAINTS)).map((r) => String(r.name)));
  const missing = REQUIRED_CONSTRAINTS.filter((c) => !names.has(c));
  if (missing.length) {
    throw new StoreUnavailableError(
      `the Neo4j database lacks the constraints ${missing.join(', ')} and they could not be created (${failures[0] ?? 'no reason given'}): ` +
        'run rightsgraph once as a user with schema rights, or create them as README "Neo4j" shows',
    );
  }
  if (!meta) await db.command(META_SET, { key: 'schemaVersion', value: String(SCHEMA_VERSION) });
  return SCHEMA_VERSION;
}
