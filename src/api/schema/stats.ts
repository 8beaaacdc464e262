// Stats: the size of the graph, and the `stats` query beside its type.
import type { Stats } from '../../domain/graph.ts';
import { builder } from '../builder.ts';

const StatsRef = builder.objectRef<Stats>('Stats').implement({
  fields: (t) => ({
    documents: t.exposeInt('documents'),
    entities: t.exposeInt('entities'),
    claims: t.exposeInt('claims'),
    schemaVersion: t.exposeInt('schemaVersion'),
    store: t.exposeString('store'),
  }),
});

builder.queryField('stats', (t) =>
  t.field({ type: StatsRef, description: 'How many documents, entities and claims the graph holds.', resolve: (_r, _a, ctx) => ctx.store.stats() }),
);
