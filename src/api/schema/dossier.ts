// Dossier: an entity's exposure paths (or one path, or who is exposed to an abuse) frozen as a citable
// document; the `dossier` mutation makes one and answers its permalink and Markdown.
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { IsoDate } from '../../domain/entity.ts';
import { DossierError } from '../../dossier/build.ts';
import { freezeDossier } from '../../dossier/frozen.ts';
import { requireCaller } from '../auth.ts';
import { builder } from '../builder.ts';
import { InputError, parseInput } from '../validate.ts';

interface DossierResult {
  id: string;
  markdown: string;
  paths: number;
  truncated: boolean;
  graphVersion: string;
}

const DossierRef = builder.objectRef<DossierResult>('Dossier').implement({
  description: 'A frozen dossier: its text never changes; its permalink adds a line on what has changed since.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The sha256 of its Markdown.' }),
    permalink: t.string({ description: 'Relative to the API’s origin: the page; add .md for the Markdown, .pdf for a PDF.', resolve: (d) => `/dossiers/${d.id}` }),
    markdown: t.exposeString('markdown'),
    paths: t.exposeInt('paths'),
    truncated: t.exposeBoolean('truncated', { description: 'True when more paths exist than the dossier holds (it says so).' }),
    graphVersion: t.exposeString('graphVersion', { description: 'The graph it was made from.' }),
  }),
});

const Args = z.object({ entityId: z.string().min(1).max(200), to: z.string().min(1).max(200).optional(), asOf: IsoDate.optional(), maxPaths: z.number().int().min(1).max(500).optional() });

builder.mutationField('dossier', (t) =>
  t.field({
    type: DossierRef,
    description: 'Makes and freezes a dossier of an entity’s exposure paths (every hop with its evidence, responses, ends and timing).',
    args: { entityId: t.arg.id({ required: true }), to: t.arg.id(), asOf: t.arg.string(), maxPaths: t.arg.int() },
    resolve: async (_r, a, ctx) => {
      requireCaller(ctx);
      if (!ctx.dossierDir) throw new GraphQLError('this server keeps no dossiers', { extensions: { code: 'NOT_CONFIGURED' } });
      const q = parseInput(Args, { entityId: String(a.entityId), to: a.to ? String(a.to) : undefined, asOf: a.asOf ?? undefined, maxPaths: a.maxPaths ?? undefined }, 'dossier');
      try {
        const { id, markdown, data } = await freezeDossier(ctx.store, ctx.dossierDir, q);
        return { id, markdown, paths: data.paths.length, truncated: data.truncated, graphVersion: data.graphVersion };
      } catch (err) {
        if (err instanceof DossierError) throw new InputError(err.message, [{ path: 'entityId', message: err.message }]);
        throw err;
      }
    },
  }),
);
