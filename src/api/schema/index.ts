// Imports every domain noun's file, then builds the schema.
import { builder } from '../builder.ts';
import './vocabulary.ts';
import './error.ts';
import './stats.ts';
import './entity.ts';
import './document.ts';
import './claim.ts';
import './edge.ts';
import './exposure.ts';
import './change.ts';
import './response.ts';
import './place.ts';
import './dossier.ts';
import './ingest.ts';

export const schema = builder.toSchema({ sortSchema: true });
