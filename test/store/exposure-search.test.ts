// The store-agnostic exposure search over a ClaimIndex with a hub large enough for the hub cache: cached
// and uncached searches agree, and a write invalidates the cache.
import { describe, expect, it } from 'vitest';
import { ClaimIndex } from '../../src/store/claim-index.ts';
import { searchExposure } from '../../src/store/exposure-assembly.ts';

function hubGraph(): ClaimIndex {
  const ix = new ClaimIndex();
  ix.setEntity('co_a', 'Company');
  ix.setEntity('tech_hub', 'Technology');
  ix.setClaim({ id: 'p', type: 'PROVIDES', subject: 'co_a', object: 'tech_hub', certainty: 'stated', confidence: 0.9, status: 'unreviewed' });
  // 600 bodies use the hub technology; every tenth is responsible for an abuse.
  for (let i = 0; i < 600; i++) {
    ix.setEntity(`gov_${i}`, 'GovernmentBody');
    ix.setClaim({ id: `u${i}`, type: 'USES', subject: `gov_${i}`, object: 'tech_hub', certainty: 'stated', confidence: 0.3 + (i % 70) / 100, status: 'unreviewed' });
    if (i % 10 === 0) {
      ix.setEntity(`abuse_${i}`, 'Abuse');
      ix.setClaim({ id: `r${i}`, type: 'RESPONSIBLE_FOR', subject: `gov_${i}`, object: `abuse_${i}`, certainty: 'stated', confidence: 0.8, status: 'unreviewed' });
    }
  }
  return ix;
}

const ids = (ix: ClaimIndex, paths: ReturnType<typeof searchExposure>) => paths.map((p) => [p.nodes.map((n) => ix.entityIds[n]).join('>'), p.score.toFixed(6)]);

describe('exposure search over a hub', () => {
  it('gives the same best-first paths with the hub cache (default filter) as without it', () => {
    const ix = hubGraph();
    const cold = searchExposure(ix, { from: 'co_a', limit: 5 });
    const warm = searchExposure(ix, { from: 'co_a', limit: 5 });
    const uncached = searchExposure(ix, { from: 'co_a', limit: 5, filter: { minConfidence: 0 } });
    expect(ids(ix, cold)).toEqual(ids(ix, uncached));
    expect(ids(ix, warm)).toEqual(ids(ix, uncached));
    expect(cold.length).toBe(5);
    // Best first: a responsible body with the highest USES confidence (i % 10 = 0 and i % 70 = 60 → 0.9:
    // eight of them, tied).
    expect(ids(ix, cold)[0]![0]).toMatch(/^co_a>tech_hub>gov_(60|130|200|270|340|410|480|550)>abuse_\d+$/);
    expect(cold[0]!.score).toBeCloseTo(0.9 * 0.9 * 0.8, 5);
  });

  it('finds the same paths, ties and cut-off included, whatever order the claims were written in', () => {
    // The hub graph's entities and claims written in reverse: another entity and claim numbering.
    const ix = hubGraph();
    const reversed = new ClaimIndex();
    for (let n = ix.entityIds.length - 1; n >= 0; n--) reversed.setEntity(ix.entityIds[n]!, ix.kindOf(n));
    for (let ci = ix.claimIds.length - 1; ci >= 0; ci--) {
      reversed.setClaim({
        id: ix.claimIds[ci]!, type: ix.typeOf(ci), subject: ix.entityIds[ix.subjectOf(ci)]!, object: ix.entityIds[ix.objectOf(ci)]!,
        certainty: ix.certaintyOf(ci), confidence: ix.confidenceOf(ci), status: 'unreviewed',
      });
    }
    for (const query of [{ from: 'co_a', limit: 5 }, { from: 'co_a', limit: 3, filter: { minConfidence: 0 } }, { from: 'gov_60', limit: 4 }]) {
      expect(ids(reversed, searchExposure(reversed, query))).toEqual(ids(ix, searchExposure(ix, query)));
    }
  });

  it('sees a write made after a cached search', () => {
    const ix = hubGraph();
    searchExposure(ix, { from: 'co_a', limit: 5 });
    ix.setEntity('abuse_new', 'Abuse');
    ix.setClaim({ id: 'e', type: 'ENABLES', subject: 'tech_hub', object: 'abuse_new', certainty: 'stated', confidence: 1, status: 'unreviewed' });
    expect(ids(ix, searchExposure(ix, { from: 'co_a', limit: 1 }))[0]![0]).toBe('co_a>tech_hub>abuse_new');
  });
});
