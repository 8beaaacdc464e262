// Hostile-query limits (GraphQL Armor): depth, aliases (__typename counted too), directives and tokens,
// checked at validation. The estimated cost is checked with the variables' values (use-query-cost.ts), and
// suggestions are hidden in production by use-hidden-suggestions.ts, which also reaches variables.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

export const ARMOR_LIMITS = { depth: 14, aliases: 15, directives: 10, tokens: 4000 } as const;

export function useArmor(): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: ARMOR_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: ARMOR_LIMITS.aliases, allowList: [] },
    maxDirectives: { n: ARMOR_LIMITS.directives },
    maxTokens: { n: ARMOR_LIMITS.tokens },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}
