// Builds the Pothos schema builder (and nothing else): the context every resolver sees.
import SchemaBuilder from '@pothos/core';
import type { GraphStore } from '../store/port.ts';

export interface ApiContext {
  store: GraphStore;
}

export const builder = new SchemaBuilder<{ Context: ApiContext }>({});
builder.queryType({});
