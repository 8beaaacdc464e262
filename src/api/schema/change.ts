// ChangeRecord: the audit trail of merges, reviews, edits and judgements; the `changes` query.
import { z } from 'zod';
import { ChangeRecord } from '../../domain/graph.ts';
import { builder } from '../builder.ts';
import { fromTop, page } from '../connection.ts';
import { parseInput } from '../validate.ts';
import { ChangeRecordRef } from './refs.ts';
import { PAGE_SIZES } from '../page-sizes.ts';

const ChangeActionEnum = builder.enumType('ChangeAction', { values: ChangeRecord.shape.action.options });
const JudgementEnum = builder.enumType('Judgement', { values: ChangeRecord.shape.judgement.unwrap().options });

ChangeRecordRef.implement({
  description: 'A correction made by a person or a rule, kept so that re-imports do not undo it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.exposeString('at'),
    by: t.exposeString('by'),
    action: t.field({ type: ChangeActionEnum, resolve: (c) => c.action }),
    targetIds: t.exposeIDList('targetIds'),
    judgement: t.field({ type: JudgementEnum, nullable: true, resolve: (c) => c.judgement ?? null }),
    note: t.exposeString('note', { nullable: true }),
    before: t.string({ nullable: true, description: 'JSON of the state before.', resolve: (c) => (c.before === undefined ? null : JSON.stringify(c.before)) }),
    after: t.string({ nullable: true, description: 'JSON of the state after.', resolve: (c) => (c.after === undefined ? null : JSON.stringify(c.after)) }),
  }),
});

const ChangesArgs = z.object({ targetId: z.string().min(1).max(200).optional(), action: ChangeRecord.shape.action.optional() });

builder.queryField('changes', (t) =>
  t.connection(
    {
      type: ChangeRecordRef,
      description: 'The audit trail (who, when, what, before and after) for one entity or claim or one kind of change, newest first. Admins only.',
      authScopes: { admin: true },
      args: { targetId: t.arg.id(), action: t.arg({ type: ChangeActionEnum }) },
      resolve: (_r, a, ctx) => {
        const q = parseInput(ChangesArgs, { action: a.action, targetId: a.targetId ? String(a.targetId) : undefined }, 'changes');
        return page(a, 'changes', PAGE_SIZES['Query.changes'], fromTop((limit) => ctx.store.listChanges({ ...q, limit })));
      },
    },
    { description: 'A page of change records.' },
  ),
);
