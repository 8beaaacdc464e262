// An editor's corrections from the command line, through the store port: merge, split and review. Each
// leaves a change record (who, when, what, why) and survives re-ingest: a rejected claim keeps its review
// when its document is ingested again (upsert keeps reviews), a merged-away id redirects to the kept entity
// (upsert follows redirects), and a split alias lives on its own entity, so exact-name resolution lands there.
import { entityId, foldText, type Claim, type Entity } from '../domain/index.ts';
import { newChangeRecordId } from '../store/records.ts';
import { NotFoundError, IncompatibleMergeError } from '../store/errors.ts';
import type { Actor, GraphStore } from '../store/port.ts';

export interface SplitResult {
  from: Entity;
  to: Entity;
  movedClaims: number;
}

/**
 * Splits `alias` off entity `id`: a new entity of the same kind named `alias`, the alias removed from the
 * original, and every claim of the original whose quote names the alias moved to the new entity, with a
 * change record (a negative judgement between the two) listing what moved.
 */
export async function splitEntity(store: GraphStore, id: string, alias: string, actor: Actor): Promise<SplitResult> {
  const [from] = await store.getEntities([id]);
  if (!from) throw new NotFoundError('entity', id);
  const folded = foldText(alias);
  const own = from.aliases.find((a) => foldText(a) === folded);
  if (!own) throw new IncompatibleMergeError(`${from.name} (${from.id}) has no alias "${alias}": its aliases are ${from.aliases.map((a) => `"${a}"`).join(', ') || 'none'}`);
  const to = { id: entityId(from.kind, { name: own }), kind: from.kind, name: own, aliases: [], externalIds: {} } as unknown as Entity;
  if (to.id === from.id) throw new IncompatibleMergeError(`"${own}" names ${from.id} itself`);
  // The natural id may be taken, typically by the very duplicate that was merged in (now a redirect).
  if ((await store.getEntities([to.id])).length) (to as { id: string }).id = `${to.id}_s${Date.now().toString(36)}`;
  const claims: Claim[] = [];
  for (let after: string | undefined; ; ) {
    const page = await store.findClaims({ entityId: from.id, review: ['unreviewed', 'accepted'], limit: 1000, ...(after ? { after } : {}) });
    claims.push(...page.items);
    if (page.items.length < 1000) break;
    after = page.items.at(-1)!.id;
  }
  const moving = claims.filter((c) => foldText(c.evidence.quote).includes(folded));
  // Claims keep their ids (derived from names and quote, which do not change) and their reviews: the upsert
  // moves their ends, and a re-ingest of the document computes the same ids on the same entity.
  const moved = moving.map((c) => ({ ...c, subject: c.subject === from.id ? to.id : c.subject, object: c.object === from.id ? to.id : c.object }));
  await store.upsert({ entities: [to], claims: moved });
  await store.updateEntity(from.id, { aliases: from.aliases.filter((a) => a !== own) }, actor);
  await store.recordChanges([
    {
      id: newChangeRecordId(), at: new Date().toISOString(), by: actor.by, action: 'split', judgement: 'negative',
      targetIds: [from.id, to.id], ...(actor.note ? { note: actor.note } : {}),
      before: { alias: own }, after: { entity: to.id, claims: moved.map((c) => c.id) },
    },
  ]);
  return { from, to, movedClaims: moving.length };
}
