// The ontology as code: every schema and type of ONTOLOGY.md, from one import.
export * from './vocabulary.ts';
export * from './normalize.ts';
export * from './ids.ts';
export * from './entity.ts';
export * from './document.ts';
export * from './claim.ts';
export * from './graph.ts';
export * from './extraction.ts';
export * from './exposure.ts';
export * from './lineage.ts';
export * from './response.ts';
