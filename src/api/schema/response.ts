// The right of reply: a claim's responses (the company's or body's reply, or that it did not respond by a
// date), `Claim.responses`, and the `addResponse` mutation (editors). Stored as change records, so each is
// in the audit log with who added it.
import { ClaimResponse, type ChangeRecord } from '../../domain/index.ts';
import { newChangeRecordId } from '../../store/records.ts';
import { requireCaller } from '../auth.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { InputError, Note, parseInput } from '../validate.ts';
import { ClaimRef, DocumentRef, EntityRef } from './refs.ts';

type Stored = ClaimResponse & { addedBy: string; addedAt: string; note?: string | undefined };

const ResponseKindEnum = builder.enumType('ResponseKind', { values: ['reply', 'no_response'] as const, description: 'reply: what it answered; no_response: it did not answer by `date`.' });

const ResponseRef = builder.objectRef<Stored>('Response').implement({
  description: 'A reply of the company or body a claim is about, or its silence by a date: shown with the claim wherever it is cited.',
  fields: (t) => ({
    kind: t.field({ type: ResponseKindEnum, resolve: (r) => r.kind }),
    by: t.field({ type: EntityRef, nullable: true, resolve: (r) => r.by }),
    quote: t.exposeString('quote', { nullable: true, description: 'The reply’s own words.' }),
    document: t.field({ type: DocumentRef, nullable: true, resolve: (r) => r.documentId ?? null }),
    date: t.exposeString('date', { description: 'When it replied, or the deadline it did not answer by.' }),
    addedBy: t.exposeString('addedBy', { description: 'The editor (or rule) who recorded it.' }),
    addedAt: t.exposeString('addedAt'),
    note: t.exposeString('note', { nullable: true }),
  }),
});

/** A claim's responses, oldest first, from its change records. */
export async function responsesOf(ctx: Pick<ApiContext, 'responses'>, claimId: string): Promise<Stored[]> {
  const records = await ctx.responses.load(claimId);
  return records
    .map((r) => ({ ...(r.after as ClaimResponse), addedBy: r.by, addedAt: r.at, ...(r.note ? { note: r.note } : {}) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.addedAt.localeCompare(b.addedAt));
}

builder.objectField(ClaimRef, 'responses', (t) =>
  t.field({
    type: [ResponseRef],
    description: 'The right of reply: what the company or body answered about this claim, or that it did not respond by a date.',
    resolve: (c, _a, ctx) => responsesOf(ctx, c.id),
  }),
);

const AddResponseInput = builder.inputType('AddResponseInput', {
  fields: (t) => ({
    claimId: t.id({ required: true }),
    by: t.id({ required: true, description: 'The entity that replied or was asked.' }),
    kind: t.field({ type: ResponseKindEnum, required: true }),
    quote: t.string({ description: 'A reply’s words (required for a reply).' }),
    documentId: t.id({ description: 'The document carrying the reply (required for a reply).' }),
    date: t.string({ required: true, description: 'YYYY-MM-DD: the reply’s date, or the deadline not answered by.' }),
  }),
});

builder.mutationField('addResponse', (t) =>
  t.field({
    type: ResponseRef,
    description: 'Records a reply to a claim, or that none came by a date (editors). Refused without a source, or for an unknown claim, entity or document.',
    args: { input: t.arg({ type: AddResponseInput, required: true }), note: t.arg.string() },
    resolve: async (_r, a, ctx) => {
      const caller = requireCaller(ctx);
      const input = parseInput(ClaimResponse, { ...a.input, claimId: String(a.input.claimId), by: String(a.input.by), ...(a.input.documentId ? { documentId: String(a.input.documentId) } : {}), quote: a.input.quote ?? undefined }, 'input');
      const note = parseInput(Note, a.note ?? undefined, 'note');
      const [claim] = await ctx.store.getClaims([input.claimId]);
      if (!claim) throw new InputError(`input.claimId: no claim ${input.claimId}`, [{ path: 'input.claimId', message: 'not in the graph' }]);
      const [by] = await ctx.store.getEntities([input.by]);
      if (!by) throw new InputError(`input.by: no entity ${input.by}`, [{ path: 'input.by', message: 'not in the graph' }]);
      if (input.documentId && !(await ctx.store.getDocument(input.documentId))) {
        throw new InputError(`input.documentId: no document ${input.documentId} in the graph: ingest the reply first`, [{ path: 'input.documentId', message: 'not in the graph' }]);
      }
      const record: ChangeRecord = {
        id: newChangeRecordId(), at: new Date().toISOString(), by: caller.name, action: 'response',
        targetIds: [claim.id, by.id], after: { ...input, by: by.id }, ...(note ? { note } : {}),
      };
      await ctx.store.recordChanges([record]);
      return { ...input, by: by.id, addedBy: caller.name, addedAt: record.at, ...(note ? { note } : {}) };
    },
  }),
);

