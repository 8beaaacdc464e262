// Imports every domain noun's file, then builds the schema.
import { builder } from '../builder.ts';
import './vocabulary.ts';
import './stats.ts';

export const schema = builder.toSchema();
