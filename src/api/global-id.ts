// The GraphQL type of a graph id, from its prefix (see domain/ids.ts): Relay's `node(id)` needs it.
import { KIND_PREFIX } from '../domain/ids.ts';

const ENTITY_PREFIXES = new Set(Object.values(KIND_PREFIX));

export function typenameOfId(id: string): string {
  const prefix = id.split('_')[0] ?? '';
  if (prefix === 'doc') return 'Document';
  if (prefix === 'cl') return 'Claim';
  if (ENTITY_PREFIXES.has(prefix)) return 'Entity';
  return 'Unknown';
}
