// The claim filter every read takes (types, confidence, certainty, review, date window), as one GraphQL
// input; its values are checked by the domain's ClaimFilter schema in the resolvers.
import { builder } from '../builder.ts';
import { CertaintyEnum, ClaimTypeEnum, ReviewStatusEnum } from './vocabulary.ts';

export const ClaimFilterInput = builder.inputType('ClaimFilter', {
  description: 'Which claims count. Rejected claims are hidden unless `review` asks for them.',
  fields: (t) => ({
    types: t.field({ type: [ClaimTypeEnum] }),
    minConfidence: t.float({ description: 'Between 0 and 1.' }),
    certainty: t.field({ type: [CertaintyEnum] }),
    review: t.field({ type: [ReviewStatusEnum], description: 'Default: unreviewed and accepted.' }),
    from: t.string({ description: 'YYYY, YYYY-MM or YYYY-MM-DD: claims dated on or after it (undated claims count).' }),
    to: t.string({ description: 'YYYY, YYYY-MM or YYYY-MM-DD: claims dated on or before it (undated claims count).' }),
  }),
});
