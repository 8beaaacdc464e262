import { Claim, Entity } from '../../src/domain/index.ts';
const c = { id: 'cl_abc', type: 'PROVIDES', subject: 'co_x', object: 'tech_y', evidence: { documentId: 'doc_1', quote: 'X provides Y to the agency since 2021.', start: 10, end: 48 }, certainty: 'stated', date: '2021-03', confidence: 0.9, extractor: 'rule:provides', review: { status: 'unreviewed' } };
const e = { id: 'co_x', kind: 'Company', name: 'X Corp', aliases: ['X'], externalIds: { wikidata: 'Q1' }, country: 'US' };
for (const [name, schema, v] of [['claim', Claim, c], ['entity', Entity, e]] as const) {
  for (let i = 0; i < 20000; i++) (schema as any).parse(v);
  const t = performance.now(); const n = 200000;
  for (let i = 0; i < n; i++) (schema as any).parse(v);
  console.log(name, ((performance.now() - t) * 1000 / n).toFixed(2), 'µs');
}
const t = performance.now(); for (let i = 0; i < 200000; i++) JSON.stringify(c); console.log('stringify', ((performance.now() - t) * 1000 / 200000).toFixed(2), 'µs');
