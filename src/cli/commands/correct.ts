// An editor's corrections: `merge KEEP DROP`, `split ID --alias NAME`, `review CLAIM --accept|--reject`,
// each with `--note` and `--by` (default $USER), each recorded as a change that re-ingest does not undo.
import type { Command } from 'commander';
import { splitEntity } from '../../ingest/corrections.ts';
import { withStore } from '../with-store.ts';

class UsageError extends Error {
  readonly userFacing = true;
}

const actorOf = (o: { by?: string; note?: string }) => ({ by: o.by ?? process.env.USER ?? 'cli', ...(o.note ? { note: o.note } : {}) });

export function register(program: Command): void {
  program
    .command('merge')
    .description('merge DROP into KEEP (same kind): aliases, ids and claims move; DROP redirects to KEEP from now on')
    .argument('<keep>', 'the entity to keep')
    .argument('<drop>', 'the duplicate')
    .option('--note <why>', 'why, for the change record')
    .option('--by <name>', 'who (default $USER)')
    .action(async (keep: string, drop: string, o: { note?: string; by?: string }) => {
      await withStore({}, async (store) => {
        const r = await store.mergeEntities(keep, drop, actorOf(o));
        process.stdout.write(`${JSON.stringify({ keep: r.keep, drop: r.drop, movedClaims: r.movedClaims, change: r.record.id })}\n`);
      });
    });

  program
    .command('split')
    .description('split an alias off an entity into its own entity, with the claims whose quotes name it')
    .argument('<id>', 'the entity')
    .requiredOption('--alias <name>', 'the alias that names another real-world entity')
    .option('--note <why>', 'why, for the change record')
    .option('--by <name>', 'who (default $USER)')
    .action(async (id: string, o: { alias: string; note?: string; by?: string }) => {
      await withStore({}, async (store) => {
        const r = await splitEntity(store, id, o.alias, actorOf(o));
        process.stdout.write(`${JSON.stringify({ from: r.from.id, to: r.to.id, name: r.to.name, movedClaims: r.movedClaims })}\n`);
      });
    });

  program
    .command('duplicates')
    .description('the review queue of possible duplicates the resolver flagged (merge them, or leave them apart)')
    .option('--limit <n>', 'at most N', (v) => Number.parseInt(v, 10), 100)
    .action(async (o: { limit: number }) => {
      await withStore({ readOnly: true }, async (store) => {
        const queue = await store.listChanges({ action: 'possible_duplicate', limit: o.limit });
        const ids = [...new Set(queue.flatMap((c) => c.targetIds))];
        const alive = new Map((await store.getEntities(ids)).map((e) => [e.id, e]));
        for (const c of queue) {
          const [a, b] = c.targetIds.map((id) => alive.get(id));
          // Pairs already merged (both ids answer one entity) are done.
          if (!a || !b || a.id === b.id) continue;
          process.stdout.write(`${a.id} "${a.name}"  ~  ${b.id} "${b.name}"  (${c.note ?? ''})\n    rightsgraph merge ${b.id} ${a.id}\n`);
        }
      });
    });

  program
    .command('review')
    .description('accept or reject a claim, with a note; a rejected claim leaves edges and paths and stays rejected on re-ingest')
    .argument('<claim>', 'the claim id')
    .option('--accept', 'the claim is right')
    .option('--reject', 'the claim is wrong')
    .option('--note <why>', 'why, for the review and the change record')
    .option('--by <name>', 'who (default $USER)')
    .action(async (claim: string, o: { accept?: boolean; reject?: boolean; note?: string; by?: string }) => {
      if (!!o.accept === !!o.reject) throw new UsageError('review: give one of --accept or --reject');
      await withStore({}, async (store) => {
        const actor = actorOf(o);
        const c = await store.reviewClaim(claim, { status: o.accept ? 'accepted' : 'rejected', by: actor.by, ...(o.note ? { note: o.note } : {}) }, actor);
        process.stdout.write(`${JSON.stringify({ claim: c.id, review: c.review })}\n`);
      });
    });
}
