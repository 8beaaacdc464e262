// Builds the Pothos schema builder (and nothing else): the context every resolver sees.
import SchemaBuilder from '@pothos/core';
import type { ApiContext } from './context.ts';

export const builder = new SchemaBuilder<{ Context: ApiContext; DefaultInputFieldRequiredness: false }>({});
builder.queryType({});
builder.mutationType({ description: 'Corrections by an investigator; each needs an API key and leaves a change record.' });
