// A hand-built graph with each exposure chain of ONTOLOGY.md, a dead end, a cycle, a suspension and a chain
// longer than maxHops. Facts are invented for the test (ids and names only echo the public Microsoft/Unit
// 8200 reporting, e.g. https://www.theguardian.com/world/2025/sep/25/microsoft-blocks-israels-use-of-its-technology-in-mass-surveillance-of-palestinians).
import type { ClaimInput, DocumentInput, EntityInput } from '../../src/domain/index.ts';

export const documents: DocumentInput[] = [
  { id: 'doc_a', url: 'https://example.org/a', title: 'Report A', publishedAt: '2025-08-06' },
  { id: 'doc_b', url: 'https://example.org/b', title: 'Report B', publishedAt: '2025-09-01' },
  { id: 'doc_c', url: 'https://example.org/c', title: 'Report C', publishedAt: '2025-09-25' },
];

export const entities: EntityInput[] = [
  { id: 'co_ms', kind: 'Company', name: 'Microsoft', aliases: ['Microsoft Corporation'] },
  { id: 'co_sub', kind: 'Company', name: 'Subsidiary Ltd' },
  { id: 'co_long', kind: 'Company', name: 'Longchain Inc' },
  { id: 'co_ms2', kind: 'Company', name: 'Microsoft Corp.', aliases: ['MSFT'] },
  { id: 'tech_azure', kind: 'Technology', name: 'Azure', techType: 'cloud' },
  { id: 'tech_office', kind: 'Technology', name: 'Office' },
  { id: 'gov_8200', kind: 'GovernmentBody', name: 'Unité 8200', aliases: ['Unit 8200'], govType: 'military_unit', country: 'IL' },
  { id: 'gov_idf', kind: 'GovernmentBody', name: 'Israeli army', govType: 'military' },
  { id: 'gov_mod', kind: 'GovernmentBody', name: 'Ministry of Defence', govType: 'ministry' },
  { id: 'gov_police', kind: 'GovernmentBody', name: 'City police', govType: 'police' },
  { id: 'gov_a', kind: 'GovernmentBody', name: 'Body A' },
  { id: 'gov_b', kind: 'GovernmentBody', name: 'Body B' },
  { id: 'gov_c', kind: 'GovernmentBody', name: 'Body C' },
  { id: 'gov_d', kind: 'GovernmentBody', name: 'Body D' },
  { id: 'ctr_1', kind: 'Contract', name: 'Cloud contract 2021' },
  { id: 'abuse_surv', kind: 'Abuse', name: 'Mass surveillance of Palestinians', category: 'surveillance' },
  { id: 'abuse_kill', kind: 'Abuse', name: 'Unlawful strikes', category: 'unlawful_killing' },
  { id: 'abuse_det', kind: 'Abuse', name: 'Arbitrary detention', category: 'detention' },
  { id: 'abuse_far', kind: 'Abuse', name: 'Far-away abuse', category: 'other' },
  { id: 'org_hrw', kind: 'Organization', name: 'Human Rights Watch', orgType: 'ngo' },
  { id: 'loc_gaza', kind: 'Location', name: 'Gaza' },
];

let n = 0;
export function claim(type: ClaimInput['type'], subject: string, object: string, extra: Partial<ClaimInput> = {}): ClaimInput {
  n++;
  const quote = `${subject} ${type} ${object} (${n})`;
  return {
    id: `cl_${type.toLowerCase()}_${subject}_${object}${extra.id ? '' : ''}`,
    type, subject, object, confidence: 0.9, certainty: 'stated', extractor: 'manual',
    evidence: { documentId: 'doc_a', quote, start: 0, end: quote.length },
    ...extra,
  };
}

export const claims: ClaimInput[] = [
  claim('PROVIDES', 'co_ms', 'tech_azure', { date: '2021-01-01' }),
  claim('PROVIDES', 'co_ms', 'tech_office'), // dead end
  claim('ENABLES', 'tech_azure', 'abuse_surv', { confidence: 0.8 }),
  claim('USES', 'gov_8200', 'tech_azure', { date: '2022-06-01', evidence: { documentId: 'doc_b', quote: 'Unit 8200 used Azure' } }),
  claim('RESPONSIBLE_FOR', 'gov_8200', 'abuse_surv', { certainty: 'alleged' }),
  claim('SUPPLIES', 'co_ms', 'gov_idf', { confidence: 0.6, date: '2023-03' }),
  claim('RESPONSIBLE_FOR', 'gov_idf', 'abuse_kill'),
  claim('PART_OF', 'gov_8200', 'gov_idf'),
  claim('PART_OF', 'gov_idf', 'gov_mod'), // a cycle with the next one
  claim('PART_OF', 'gov_mod', 'gov_idf'),
  claim('PARTY_TO', 'co_ms', 'ctr_1', { confidence: 0.7 }),
  claim('PARTY_TO', 'gov_idf', 'ctr_1', { confidence: 0.7 }),
  claim('PART_OF', 'co_sub', 'co_ms'),
  claim('SUPPLIES', 'co_sub', 'gov_police'),
  claim('RESPONSIBLE_FOR', 'gov_police', 'abuse_det'),
  claim('SUSPENDED', 'co_ms', 'gov_8200', { date: '2025-09-25', evidence: { documentId: 'doc_c', quote: 'Microsoft disabled services' } }),
  // Longer than 4 hops: co_long → a → b → c → d → abuse_far (5 hops).
  claim('SUPPLIES', 'co_long', 'gov_a'),
  claim('PART_OF', 'gov_a', 'gov_b'),
  claim('PART_OF', 'gov_b', 'gov_c'),
  claim('PART_OF', 'gov_c', 'gov_d'),
  claim('RESPONSIBLE_FOR', 'gov_d', 'abuse_far'),
  claim('DOCUMENTS', 'org_hrw', 'abuse_surv', { date: '2025-10-10', confidence: 0.5 }),
  claim('OCCURRED_IN', 'abuse_surv', 'loc_gaza'),
  claim('USES', 'co_ms2', 'tech_office', { confidence: 0.4 }),
];
