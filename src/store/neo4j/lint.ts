// Offline check of Cypher text with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support),
// against the adapter's schema: its labels, relationship type, property keys and each statement's declared
// parameters. Used by the lint test; no Neo4j server is needed.
import { createRequire } from 'node:module';
import type { Statement } from './statements.ts';
import { LABELS, RELATIONSHIP_TYPES } from './statements.ts';

// The package's ESM build imports files without extensions, which Node's loader refuses; its CJS build loads.
const require = createRequire(import.meta.url);
const { lintCypherQuery } = require('@neo4j-cypher/language-support') as typeof import('@neo4j-cypher/language-support');

export const PROPERTY_KEYS = [
  'id', 'kind', 'name', 'names', 'data', 'type', 'certainty', 'confidence', 'status', 'start', 'date', 'documentId',
  'review', 'target', 'at', 'action', 'targets', 'key', 'value', 'quote', 'title', 'url', 'publisher', 'publishedAt', 'generic',
];

export interface CypherProblem {
  statement: string;
  severity: 'error' | 'warning';
  message: string;
  at: string;
}

/** Every diagnostic (errors and warnings) Neo4j's linter gives for one statement. */
export function lintStatement(s: Statement): CypherProblem[] {
  const parameters = Object.fromEntries(s.params.map((p) => [p, null]));
  const diags = lintCypherQuery(s.text, {
    labels: [...LABELS],
    relationshipTypes: [...RELATIONSHIP_TYPES],
    propertyKeys: PROPERTY_KEYS,
    parameters,
  });
  return diags.map((d) => ({
    statement: s.name,
    severity: d.severity === 1 ? 'error' : 'warning',
    message: typeof d.message === 'string' ? d.message : d.message.value,
    at: s.text.slice(d.offsets.start, d.offsets.end + 20),
  }));
}

/** Every Statement exported by a module (single constants and arrays of them). */
export function statementsOf(mod: Record<string, unknown>): Statement[] {
  const isStatement = (v: unknown): v is Statement =>
    !!v && typeof v === 'object' && typeof (v as Statement).text === 'string' && Array.isArray((v as Statement).params);
  return Object.values(mod).flatMap((v) => (Array.isArray(v) ? v.filter(isStatement) : isStatement(v) ? [v] : []));
}
