// `npm run schema`: writes the printed schema to schema/schema.graphql.
import { writeFileSync } from 'node:fs';
import { printedSchema, SCHEMA_FILE } from './print-schema.ts';

writeFileSync(SCHEMA_FILE, printedSchema());
console.log(`wrote ${SCHEMA_FILE.pathname}`);
