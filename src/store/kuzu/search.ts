// Entity search: Kùzu's FTS index over an accent-folded copy of names and aliases (folded in JS, since FTS
// does not fold accents), joined with a CONTAINS scan of the same folded text (FTS strips digits, so
// "8200" would not match otherwise), ranked exact name > name prefix > substring > FTS relevance.
import { foldText, SearchOptions, type Entity, type SearchHit } from '../../domain/index.ts';
import { compareHits, parseEntity, searchRank } from '../records.ts';
import { searchContains, searchFts } from './statements.ts';
import type { KuzuContext } from './store.ts';

export async function searchEntities(ctx: KuzuContext, text: string, options?: SearchOptions): Promise<SearchHit[]> {
  const opts = SearchOptions.parse(options ?? {});
  const q = foldText(text);
  if (!q) return [];
  const kindParam = opts.kinds ? { kinds: opts.kinds } : {};
  const pool = Math.max(opts.limit * 5, 50);
  const found = new Map<string, { data: unknown; fts: number }>();
  try {
    const rows = await ctx.db.read(searchFts(!!opts.kinds), { q, pool, ...kindParam });
    for (const r of rows) found.set(String(r.id), { data: r.data, fts: Number(r.score) });
  } catch {
    // A query of stop words or digits only has no FTS terms: the CONTAINS pass below still answers it.
  }
  const rows = await ctx.db.read(searchContains(!!opts.kinds), { q, pool, ...kindParam });
  for (const r of rows) if (!found.has(String(r.id))) found.set(String(r.id), { data: r.data, fts: 0 });
  const hits = [...found.values()].map(({ data, fts }) => {
    const entity = parseEntity(data);
    return { entity, score: searchRank(entity, q, fts) };
  });
  hits.sort(compareHits);
  return hits.slice(0, opts.limit);
}
