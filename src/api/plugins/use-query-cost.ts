// The estimated cost of an operation, checked before it runs, with its variables: GraphQL Armor's cost rule
// runs at validation, where `first: $n` has no value, so `$n = 5000` passed where the literal 5000 was refused
// and three nested pages froze the server. The estimate is how many values the answer may hold: an object
// counts 2, a scalar 1, each times the pages above it; a page multiplies by its `first`/`last` whether
// literal or variable, by its default size when neither is given (page-sizes.ts), an id list by its
// length; fragments count at every spread. (Armor's extra ×1.5 per level is left out: the depth limit
// bounds depth, and with it two nested default pages, 10,000 neighbours, would be refused.)
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { PAGE_SIZES } from '../page-sizes.ts';

export const COST_LIMIT = 500_000;
const OBJECT = 2;
const SCALAR = 1;

type Vars = Record<string, unknown>;

// By shape, not instanceof: the schema may come from the other build of graphql (CommonJS vs ES module).
function fieldOf(type: GraphQLNamedType | null | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return type && 'getFields' in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name] : undefined;
}
function namedTypeOf(field: GraphQLField<unknown, unknown> | undefined): GraphQLNamedType | null {
  let t: unknown = field?.type;
  while (t && typeof t === 'object' && 'ofType' in t) t = (t as { ofType: unknown }).ofType;
  return (t as GraphQLNamedType | undefined) ?? null;
}

function valueOf(v: ValueNode, vars: Vars): unknown {
  switch (v.kind) {
    case Kind.VARIABLE:
      return vars[v.name.value];
    case Kind.INT:
      return Number.parseInt(v.value, 10);
    case Kind.LIST:
      return v.values.map((x) => valueOf(x, vars));
    default:
      return undefined;
  }
}

export function estimateCost(schema: GraphQLSchema, op: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, variables: Vars): number {
  const vars: Vars = { ...variables };
  for (const d of op.variableDefinitions ?? []) if (vars[d.variable.name.value] === undefined && d.defaultValue) vars[d.variable.name.value] = valueOf(d.defaultValue, {});
  const root = op.operation === 'mutation' ? schema.getMutationType() : op.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const fragmentCost = new Map<string, number>();

  const setCost = (set: SelectionSetNode, type: GraphQLNamedType | null | undefined, expanding: Set<string>): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__schema' || sel.name.value === '__type') continue;
        const def = fieldOf(type, sel.name.value);
        if (!sel.selectionSet) {
          cost += SCALAR;
          continue;
        }
        let n = 1;
        let paged = false;
        for (const arg of sel.arguments ?? []) {
          const val = valueOf(arg.value, vars);
          if ((arg.name.value === 'first' || arg.name.value === 'last') && typeof val === 'number') {
            n = Math.max(n, val);
            paged = true;
          }
          // Lists of ids (or of external ids) answer one object each.
          if ((arg.name.value === 'ids' || arg.name.value === 'values') && Array.isArray(val)) n = Math.max(n, val.length);
        }
        const sizes = type ? (PAGE_SIZES as Record<string, { defaultSize: number }>)[`${type.name}.${sel.name.value}`] : undefined;
        if (!paged && sizes) n = Math.max(n, sizes.defaultSize);
        cost += n * (OBJECT + setCost(sel.selectionSet, namedTypeOf(def), expanding));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        cost += setCost(sel.selectionSet, t, expanding);
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        // A fragment spread inside itself is invalid GraphQL (validation refuses it); stop rather than loop.
        if (!frag || expanding.has(name)) continue;
        let c = fragmentCost.get(name);
        if (c === undefined) {
          expanding.add(name);
          c = setCost(frag.selectionSet, schema.getType(frag.typeCondition.name.value), expanding);
          expanding.delete(name);
          fragmentCost.set(name, c);
        }
        cost += c;
      }
    }
    return cost;
  };
  return setCost(op.selectionSet, root, new Set());
}

export function useQueryCost(limit = COST_LIMIT): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const op = args.operationName ? ops.find((o) => o.name?.value === args.operationName) : ops[0];
      if (!op) return;
      const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
      const cost = estimateCost(args.schema, op, fragments, (args.variableValues ?? {}) as Vars);
      if (cost > limit) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`query cost limit of ${limit.toLocaleString('en')} exceeded (estimated ${Math.round(cost).toLocaleString('en')}): ask for smaller pages (first) or fewer levels`, {
              extensions: { code: 'COST_LIMIT' },
            }),
          ],
        });
      }
    },
  };
}
