// Entity search candidates: Kùzu's FTS index over an accent-folded copy of names and aliases (folded in JS,
// since FTS does not fold accents), joined with a CONTAINS scan of the same folded text (FTS strips digits,
// so "8200" would not match otherwise). The core ranks them.
import type { EntityKind } from '../../domain/index.ts';
import type { SearchCandidate } from '../core/persistence.ts';
import { searchContains, searchFts } from './statements.ts';
import type { KuzuContext } from './store.ts';

export async function searchCandidates(ctx: KuzuContext, q: string, kinds: readonly EntityKind[] | null, pool: number): Promise<SearchCandidate[]> {
  const kindParam = kinds ? { kinds } : {};
  const found: SearchCandidate[] = [];
  try {
    for (const r of await ctx.db.read(searchFts(!!kinds), { q, pool, ...kindParam })) found.push({ id: String(r.id), data: r.data, fts: Number(r.score) });
  } catch {
    // A query of stop words or digits only has no FTS terms: the CONTAINS pass below still answers it.
  }
  for (const r of await ctx.db.read(searchContains(!!kinds), { q, pool, ...kindParam })) found.push({ id: String(r.id), data: r.data, fts: 0 });
  return found;
}
