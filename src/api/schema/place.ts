// A place's parts (`Entity.parts`): for the place view's roll-up, every Location of a country's code and
// what is PART_OF a place at any depth, paged, with how each part came in.
import type { PlacePart } from '../../store/port.ts';
import { PLACE_LIMITS } from '../../store/place-parts.ts';
import { builder } from '../builder.ts';
import { page, type Connection } from '../connection.ts';
import { PAGE_SIZES } from '../page-sizes.ts';
import { EntityRef } from './refs.ts';

const PlacePartViaEnum = builder.enumType('PlacePartVia', {
  values: { countryCode: { description: 'A place of the country’s code.' }, PART_OF: { description: 'A PART_OF claim into the place or one of its parts.' } } as const,
});

const PlacePartRef = builder.objectRef<PlacePart>('PlacePart').implement({
  description: 'A place inside another: its entity, how it came in, what it is directly part of, and how deep.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (p) => p.entity }),
    via: t.field({ type: PlacePartViaEnum, resolve: (p) => p.via }),
    parentId: t.exposeID('parentId', { description: 'The place it is directly part of: the asked place, or one of its parts.' }),
    depth: t.exposeInt('depth', { description: '1 for a direct part, 2 for a part of a part, …' }),
  }),
});

type PartsConnection = Connection<PlacePart> & { truncated: boolean };

builder.objectField(EntityRef, 'parts', (t) =>
  t.connection(
    {
      type: PlacePartRef,
      description: `For a Location: the places inside it (a country: every place of its country code; any place: what is PART_OF it, at any depth), by depth then name. Empty for other kinds. The walk stops at ${PLACE_LIMITS.parts.toLocaleString('en')} parts (then truncated is true).`,
      resolve: async (e, args, ctx) => {
        let truncated = false;
        const conn = await page(args, 'parts', PAGE_SIZES['Entity.parts'], async (p) => {
          const found = e.kind === 'Location' ? await ctx.store.placeParts(e.id, p) : null;
          truncated = found?.truncated ?? false;
          return { items: found?.items ?? [], total: found?.total ?? 0 };
        });
        return { ...conn, truncated } as PartsConnection;
      },
    },
    {
      description: 'A page of a place’s parts.',
      fields: (t) => ({
        totalCount: t.int({ description: 'Parts found in all, before paging.', resolve: (c) => (c as PartsConnection).totalCount ?? 0 }),
        truncated: t.boolean({ description: 'True when the walk stopped before finding every part: totalCount is then a floor.', resolve: (c) => (c as PartsConnection).truncated }),
      }),
    },
  ),
);
