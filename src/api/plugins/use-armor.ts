// Hostile-query limits (GraphQL Armor): depth, aliases, directives, tokens and an estimated cost, checked
// before execution; field suggestions are hidden in production so the schema cannot be probed by typos.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

export const ARMOR_LIMITS = { depth: 14, aliases: 15, directives: 10, tokens: 4000, cost: 500_000 } as const;

export function useArmor(opts: { production: boolean }): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: ARMOR_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: ARMOR_LIMITS.aliases },
    maxDirectives: { n: ARMOR_LIMITS.directives },
    maxTokens: { n: ARMOR_LIMITS.tokens },
    costLimit: { maxCost: ARMOR_LIMITS.cost, ignoreIntrospection: true, flattenFragments: true },
    blockFieldSuggestion: { enabled: opts.production },
  }) as Plugin;
}
