// The store contract, written once against the GraphStore port: every adapter runs it (Kùzu here, Neo4j in
// its own test file). It builds the hand-made graph of fixture.ts and checks each verb's promises.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord, ExposurePath } from '../../src/domain/index.ts';
import { IncompatibleMergeError, InvalidBatchError } from '../../src/store/errors.ts';
import type { GraphStore } from '../../src/store/port.ts';
import { claim, claims, documents, entities } from './fixture.ts';

type Opened = { store: GraphStore; cleanup: () => Promise<void> };

async function collect(store: GraphStore): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of store.exportAll()) out.push(r);
  return out;
}

const chain = (p: ExposurePath) => [p.hops[0]!.from.id, ...p.hops.map((h) => h.to.id)].join(' > ');

/** `skip`: true for an adapter whose server is not configured here (Neo4j without NEO4J_URI). */
export function describeStoreContract(name: string, open: () => Promise<Opened>, skip = false): void {
  describe.skipIf(skip)(`GraphStore contract: ${name}`, () => {
    let s: GraphStore;
    let cleanup: () => Promise<void>;
    const base = { documents, entities, claims };

    beforeAll(async () => {
      ({ store: s, cleanup } = await open());
      await s.upsert(base);
    });
    afterAll(async () => {
      await s?.close();
      await cleanup?.();
    });

    it('is idempotent: the same batch twice leaves the same stats and export', async () => {
      const stats1 = await s.stats();
      const export1 = await collect(s);
      const again = await s.upsert(base);
      expect(again.claims.created).toBe(0);
      expect(again.claims.existing).toBe(claims.length);
      expect(await s.stats()).toEqual(stats1);
      expect(await collect(s)).toEqual(export1);
      expect(stats1.claims).toBe(claims.length);
      expect(stats1.entitiesByKind.Abuse).toBe(4);
    });

    it('is atomic: a batch with one invalid claim writes nothing', async () => {
      const before = await s.stats();
      const fresh = { id: 'co_new', kind: 'Company' as const, name: 'Newco' };
      await expect(
        s.upsert({ entities: [fresh], claims: [claim('SUPPLIES', 'co_new', 'gov_idf'), claim('SUPPLIES', 'co_new', 'gov_nowhere')] }),
      ).rejects.toBeInstanceOf(InvalidBatchError);
      await expect(
        s.upsert({ entities: [fresh], claims: [claim('SUPPLIES', 'tech_azure', 'abuse_surv')] }),
      ).rejects.toThrow(/does not fit/);
      await expect(s.upsert({ claims: [claim('USES', 'gov_idf', 'tech_azure', { evidence: { documentId: 'doc_zz', quote: 'q' } })] })).rejects.toThrow(/unknown document/);
      expect(await s.stats()).toEqual(before);
      expect(await s.getEntities(['co_new'])).toEqual([]);
      expect((await s.searchEntities('newco')).length).toBe(0);
    });

    it('writes the change records a batch carries with it, or none of them when it is refused', async () => {
      const doubt = (id: string, target: string) => ({ id, at: '2025-01-01T00:00:00.000Z', by: 'resolver', action: 'possible_duplicate' as const, judgement: 'unsure' as const, targetIds: [target, 'gov_idf'], note: 'looks alike' });
      const refused = { id: 'co_contract_refused', kind: 'Company' as const, name: 'Refusedco' };
      await expect(
        s.upsert({ entities: [refused], claims: [claim('SUPPLIES', 'co_contract_refused', 'gov_nowhere')], changes: [doubt('dup_contract_refused', 'co_contract_refused')] }),
      ).rejects.toBeInstanceOf(InvalidBatchError);
      expect(await s.listChanges({ targetId: 'co_contract_refused' })).toEqual([]);
      // An entity already stored as given, so the batch changes nothing but its record (no short cut skips it).
      const kept = entities.find((e) => e.id === 'co_ms')!;
      // The same record twice in one batch is kept once.
      await s.upsert({ entities: [kept], changes: [doubt('dup_contract_carried', 'co_ms'), doubt('dup_contract_carried', 'co_ms')] });
      expect((await s.listChanges({ targetId: 'co_ms', action: 'possible_duplicate' })).map((c) => [c.id, c.judgement])).toEqual([['dup_contract_carried', 'unsure']]);
      expect((await collect(s)).filter((r) => r.type === 'change' && r.data.id === 'dup_contract_carried')).toHaveLength(1);
    });

    it('keeps each change record once, whichever ids one call repeats', async () => {
      const record = (id: string, note: string) => ({ id, at: '2025-01-01T00:00:00.000Z', by: 'test', action: 'update' as const, targetIds: ['co_contract_dups'], note });
      await s.recordChanges(['chg_d1', 'chg_d2', 'chg_d3', 'chg_d3', 'chg_d4'].map((id, i) => record(id, `note ${i}`)));
      const listed = await s.listChanges({ targetId: 'co_contract_dups' });
      expect(listed.map((c) => c.id).sort()).toEqual(['chg_d1', 'chg_d2', 'chg_d3', 'chg_d4']);
      // The last one given wins.
      expect(listed.find((c) => c.id === 'chg_d3')?.note).toBe('note 3');
      expect((await collect(s)).filter((r) => r.type === 'change' && r.data.targetIds[0] === 'co_contract_dups')).toHaveLength(4);
    });

    it('reads records by id, in order, skipping unknown ids', async () => {
      const es = await s.getEntities(['gov_8200', 'nope', 'co_ms']);
      expect(es.map((e) => e.id)).toEqual(['gov_8200', 'co_ms']);
      expect(es[0]).toMatchObject({ kind: 'GovernmentBody', govType: 'military_unit', country: 'IL', aliases: ['Unit 8200'] });
      const [c] = await s.getClaims(['cl_uses_gov_8200_tech_azure']);
      expect(c).toMatchObject({ type: 'USES', date: '2022-06-01', review: { status: 'unreviewed' }, evidence: { documentId: 'doc_b' } });
      expect((await s.getDocument('doc_b'))?.title).toBe('Report B');
      expect(await s.getDocument('doc_none')).toBeNull();
    });

    it('searches names and aliases, case- and accent-insensitive, ranked, by kind', async () => {
      const unit = await s.searchEntities('unite 8200');
      expect(unit[0]?.entity.id).toBe('gov_8200');
      expect((await s.searchEntities('UNIT 8200'))[0]?.entity.id).toBe('gov_8200');
      expect((await s.searchEntities('8200'))[0]?.entity.id).toBe('gov_8200');
      const ms = await s.searchEntities('microsoft');
      expect(ms[0]?.entity.id).toBe('co_ms'); // exact name before the "Microsoft Corp." prefix match
      expect(ms.map((h) => h.entity.id)).toContain('co_ms2');
      expect((await s.searchEntities('microsoft corporation'))[0]?.entity.id).toBe('co_ms');
      expect((await s.searchEntities('surveillance'))[0]?.entity.id).toBe('abuse_surv');
      expect(await s.searchEntities('microsoft', { kinds: ['GovernmentBody'] })).toEqual([]);
      expect((await s.searchEntities('army', { kinds: ['GovernmentBody'] }))[0]?.entity.id).toBe('gov_idf');
    });

    it('lists neighbours with every filter', async () => {
      const all = await s.neighbours('co_ms');
      expect(all.total).toBe(all.items.length);
      const ids = (p: typeof all) => p.items.map((i) => `${i.direction}:${i.edge.type}:${i.entity.id}`).sort();
      expect(ids(all)).toEqual([
        'in:PART_OF:co_sub', 'out:PARTY_TO:ctr_1', 'out:PROVIDES:tech_azure', 'out:PROVIDES:tech_office',
        'out:SUPPLIES:gov_idf', 'out:SUSPENDED:gov_8200',
      ].sort());
      expect(ids(await s.neighbours('co_ms', { types: ['PROVIDES'] }))).toEqual(['out:PROVIDES:tech_azure', 'out:PROVIDES:tech_office']);
      expect(ids(await s.neighbours('co_ms', { direction: 'in' }))).toEqual(['in:PART_OF:co_sub']);
      expect((await s.neighbours('co_ms', { direction: 'out' })).total).toBe(5);
      expect(ids(await s.neighbours('co_ms', { minConfidence: 0.75 })).every((x) => !/SUPPLIES|PARTY_TO/.test(x))).toBe(true);
      expect(ids(await s.neighbours('gov_8200', { certainty: ['alleged'] }))).toEqual(['out:RESPONSIBLE_FOR:abuse_surv']);
      expect(ids(await s.neighbours('co_ms', { kinds: ['Technology'] }))).toEqual(['out:PROVIDES:tech_azure', 'out:PROVIDES:tech_office']);
      // Date window: undated claims count; dated ones must fall inside.
      const win = ids(await s.neighbours('co_ms', { from: '2022-01-01', to: '2024-12-31' }));
      expect(win).toContain('out:SUPPLIES:gov_idf');
      expect(win).not.toContain('out:PROVIDES:tech_azure');
      expect(win).not.toContain('out:SUSPENDED:gov_8200');
      expect(win).toContain('out:PROVIDES:tech_office');
      const p1 = await s.neighbours('co_ms', { limit: 2 });
      const p2 = await s.neighbours('co_ms', { limit: 2, offset: 2 });
      expect(p1.total).toBe(6);
      expect(p1.items.length).toBe(2);
      expect(p2.items.map((i) => i.entity.id)).not.toContain(p1.items[0]!.entity.id);
      const edge = (await s.neighbours('gov_8200', { types: ['USES'] })).items[0]!.edge;
      expect(edge).toMatchObject({ subject: 'gov_8200', object: 'tech_azure', claimCount: 1, documentIds: ['doc_b'], earliestDate: '2022-06-01' });
    });

    it('follows each chain of the exposure grammar, best first', async () => {
      const paths = await s.exposurePaths({ from: 'co_ms', maxHops: 4, limit: 100 });
      const chains = paths.map(chain);
      expect(chains).toContain('co_ms > tech_azure > abuse_surv'); // PROVIDES → ENABLES
      expect(chains).toContain('co_ms > tech_azure > gov_8200 > abuse_surv'); // PROVIDES ← USES → RESPONSIBLE_FOR
      expect(chains).toContain('co_ms > gov_idf > abuse_kill'); // SUPPLIES → RESPONSIBLE_FOR
      expect(chains).toContain('co_ms > ctr_1 > gov_idf > abuse_kill'); // PARTY_TO → Contract ← PARTY_TO
      expect(chains).toContain('co_ms > gov_idf > gov_8200 > abuse_surv'); // PART_OF down
      expect(chains).toContain('co_ms > tech_azure > gov_8200 > gov_idf > abuse_kill'); // PART_OF up
      expect(chains).toContain('co_ms > co_sub > gov_police > abuse_det'); // parent ← subsidiary
      expect(chains.some((c) => c.includes('tech_office'))).toBe(false); // dead end
      expect(chains.some((c) => c.includes('loc_gaza') || c.includes('org_hrw'))).toBe(false);
      for (const p of paths) expect(new Set(chain(p).split(' > ')).size).toBe(p.hops.length + 1); // simple, despite the cycle
      for (let i = 1; i < paths.length; i++) expect(paths[i - 1]!.score).toBeGreaterThanOrEqual(paths[i]!.score);
      const first = paths.find((p) => chain(p) === 'co_ms > tech_azure > gov_8200 > abuse_surv')!;
      expect(first.hops[1]).toMatchObject({ direction: 'backward', edge: { type: 'USES', subject: 'gov_8200', object: 'tech_azure' } });
      expect(first.hops[1]!.claims[0]!.document?.id).toBe('doc_b');
      expect(first.hops[2]!.claims[0]!.claim.certainty).toBe('alleged');
      expect((await s.exposurePaths({ from: 'co_ms', maxHops: 4, limit: 2 })).length).toBe(2);
      const to = await s.exposurePaths({ from: 'co_ms', to: 'abuse_det', maxHops: 4 });
      expect(to.map(chain)).toEqual(['co_ms > co_sub > gov_police > abuse_det']);
      const toGov = await s.exposurePaths({ from: 'co_ms', toKinds: ['GovernmentBody'], maxHops: 2, limit: 50 });
      expect(toGov.map(chain)).toContain('co_ms > gov_idf');
      expect(toGov.every((p) => p.hops.at(-1)!.to.kind === 'GovernmentBody')).toBe(true);
      const onlyProvides = await s.exposurePaths({ from: 'co_ms', filter: { types: ['PROVIDES', 'ENABLES'] }, limit: 50 });
      expect(onlyProvides.map(chain)).toEqual(['co_ms > tech_azure > abuse_surv']);
    });

    it('marks a SUSPENDED hop ended as of a later date, not as of an earlier one', async () => {
      const key = 'co_ms > tech_azure > gov_8200 > abuse_surv';
      const later = (await s.exposurePaths({ from: 'co_ms', asOf: '2025-10-01', limit: 100 })).find((p) => chain(p) === key)!;
      expect(later.ended).toBe(true);
      expect(later.hops[1]!.ended).toEqual({ date: '2025-09-25', claimIds: ['cl_suspended_co_ms_gov_8200'] });
      expect(later.hops[0]!.ended).toBeNull();
      // After both reports of the chain, before the suspension was reported.
      const earlier = (await s.exposurePaths({ from: 'co_ms', asOf: '2025-09-10', limit: 100 })).find((p) => chain(p) === key)!;
      expect(earlier.ended).toBe(false);
      expect(earlier.hops.every((h) => h.ended === null)).toBe(true);
      expect(earlier.score).toBeGreaterThan(later.score);
      // asOf before any report of the chain: it is not there yet, though its claims are dated 2021 and 2022.
      const early = await s.exposurePaths({ from: 'co_ms', asOf: '2025-08-01', limit: 100 });
      expect(early.map(chain)).not.toContain('co_ms > tech_azure > abuse_surv');
    });

    it('never returns a path longer than maxHops', async () => {
      expect(await s.exposurePaths({ from: 'co_long', maxHops: 4 })).toEqual([]);
      const five = await s.exposurePaths({ from: 'co_long', maxHops: 5 });
      expect(five.map(chain)).toEqual(['co_long > gov_a > gov_b > gov_c > gov_d > abuse_far']);
      for (const p of await s.exposurePaths({ from: 'co_ms', maxHops: 2, limit: 100 })) expect(p.hops.length).toBeLessThanOrEqual(2);
    });

    it('reviews claims: rejected ones hidden by default and kept on re-upsert', async () => {
      await s.reviewClaim('cl_enables_tech_azure_abuse_surv', { status: 'rejected', note: 'misread' }, { by: 'tester' });
      expect((await s.neighbours('tech_azure', { types: ['ENABLES'] })).total).toBe(0);
      expect((await s.neighbours('tech_azure', { types: ['ENABLES'], review: ['rejected'] })).total).toBe(1);
      expect((await s.exposurePaths({ from: 'co_ms', limit: 100 })).map(chain)).not.toContain('co_ms > tech_azure > abuse_surv');
      await s.upsert(base);
      const [c] = await s.getClaims(['cl_enables_tech_azure_abuse_surv']);
      expect(c?.review).toMatchObject({ status: 'rejected', by: 'tester', note: 'misread' });
      expect((await s.findClaims({ review: ['rejected'] })).items.map((x) => x.id)).toEqual(['cl_enables_tech_azure_abuse_surv']);
      expect((await s.listChanges({ targetId: 'cl_enables_tech_azure_abuse_surv' }))[0]?.action).toBe('review');
      await s.reviewClaim('cl_enables_tech_azure_abuse_surv', { status: 'accepted' }, { by: 'tester' });
    });

    it('finds claims by entity and document, and documents of an entity', async () => {
      const byDoc = await s.findClaims({ documentId: 'doc_c' });
      expect(byDoc.items.map((c) => c.id).sort()).toEqual(['cl_suspended_co_ms_gov_8200']);
      const byEnt = await s.findClaims({ entityId: 'gov_8200', limit: 2 });
      expect(byEnt.total).toBe(4);
      const next = await s.findClaims({ entityId: 'gov_8200', limit: 10, after: byEnt.items[1]!.id });
      expect(next.items.length).toBe(2);
      expect((await s.documentsOf('gov_8200')).map((d) => d.id)).toEqual(['doc_a', 'doc_b', 'doc_c']);
    });

    it('answers the claims of many entities in one call, as findClaims would one by one', async () => {
      const ids = ['gov_8200', 'co_ms', 'tech_azure', 'nope'];
      for (const filter of [{}, { types: ['USES' as const, 'SUSPENDED' as const] }, { minConfidence: 0.75 }]) {
        const many = await s.claimsOfEntities(ids, filter, 3);
        expect([...many.keys()]).toEqual(ids);
        for (const id of ids) {
          const one = await s.findClaims({ ...filter, entityId: id, limit: 3 });
          expect(many.get(id)!.map((c) => c.id)).toEqual(one.items.map((c) => c.id));
        }
      }
      expect((await s.claimsOfEntities(['gov_8200'], {}, 100)).get('gov_8200')!.length).toBe(4);
    });

    it('updates an entity and records before/after', async () => {
      const e = await s.updateEntity('tech_office', { aliases: ['Microsoft Office'], fields: { techType: 'software' } }, { by: 'tester' });
      expect(e).toMatchObject({ id: 'tech_office', techType: 'software', aliases: ['Microsoft Office'] });
      expect((await s.searchEntities('microsoft office'))[0]?.entity.id).toBe('tech_office');
      expect((await s.listChanges({ targetId: 'tech_office', action: 'update' })).length).toBe(1);
    });

    it('merges entities: kinds refused, claims and aliases moved, redirect kept', async () => {
      await expect(s.mergeEntities('co_ms', 'gov_idf', { by: 'tester' })).rejects.toBeInstanceOf(IncompatibleMergeError);
      const r = await s.mergeEntities('co_ms', 'co_ms2', { by: 'tester' });
      expect(r.movedClaims).toBe(1);
      const [kept] = await s.getEntities(['co_ms2']);
      expect(kept?.id).toBe('co_ms');
      expect(kept?.aliases).toEqual(expect.arrayContaining(['Microsoft Corporation', 'Microsoft Corp.', 'MSFT']));
      expect((await s.neighbours('co_ms', { types: ['USES'] })).items[0]?.entity.id).toBe('tech_office');
      // The searches asked with the merged-away id answer as for the kept one (the graph is asked for again).
      expect(await s.neighbours('co_ms2')).toEqual(await s.neighbours('co_ms'));
      const paths = await s.exposurePaths({ from: 'co_ms', limit: 20 });
      expect(paths.length).toBeGreaterThan(0);
      expect(await s.exposurePaths({ from: 'co_ms2', limit: 20 })).toEqual(paths);
      const abuse = paths[0]!.hops.at(-1)!.to.id;
      expect(await s.exposurePaths({ from: 'co_ms2', to: abuse, limit: 5 })).toEqual(await s.exposurePaths({ from: 'co_ms', to: abuse, limit: 5 }));
      expect((await s.searchEntities('msft'))[0]?.entity.id).toBe('co_ms');
      // A later upsert naming the dropped id lands on the kept one.
      await s.upsert({ entities: [{ id: 'co_ms2', kind: 'Company', name: 'Microsoft Corp.', country: 'US' }], claims: [claim('SUPPLIES', 'co_ms2', 'gov_police')] });
      expect(await s.getEntities(['co_ms'])).toMatchObject([{ country: 'US' }]);
      expect((await s.neighbours('co_ms', { types: ['SUPPLIES'] })).items.map((i) => i.entity.id).sort()).toEqual(['gov_idf', 'gov_police']);
      expect((await s.stats()).entities).toBe(entities.length - 1);
      expect((await s.listChanges({ action: 'merge' }))[0]?.targetIds).toEqual(['co_ms', 'co_ms2']);
    });

    it('round-trips: export, then import into an empty store, gives the same export', async () => {
      const records = await collect(s);
      const order = ['document', 'entity', 'redirect', 'claim', 'change'];
      expect(records.map((r) => r.type)).toEqual([...records.map((r) => r.type)].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      // The merge made earlier in this suite travels as a redirect record.
      expect(records.filter((r) => r.type === 'redirect').map((r) => r.data)).toEqual([{ id: 'co_ms2', target: 'co_ms' }]);
      const other = await open();
      try {
        const of = <T extends ExportRecord['type']>(t: T) => records.filter((r) => r.type === t).map((r) => r.data) as Extract<ExportRecord, { type: T }>['data'][];
        await other.store.upsert({ documents: of('document'), entities: of('entity'), redirects: of('redirect'), claims: of('claim') });
        await other.store.recordChanges(of('change'));
        const back = await collect(other.store);
        const norm = (rs: ExportRecord[]) => rs.filter((r) => r.type !== 'change');
        expect(norm(back)).toEqual(norm(records));
        expect(back.filter((r) => r.type === 'change').length).toBe(records.filter((r) => r.type === 'change').length);
        expect(await other.store.stats()).toEqual(await s.stats());
        expect((await other.store.getEntities(['co_ms2']))[0]?.id).toBe('co_ms');
      } finally {
        await other.store.close();
        await other.cleanup();
      }
    });
    it('joins hops through a class of technology only on shared evidence (the innocent camera maker)', async () => {
      // Invented: a note that Norcam sells cameras to schools in Norway; a report that a ministry uses
      // Zeltron's cameras against protesters. Both makers PROVIDE the one class node "cameras".
      const docs = [
        { id: 'doc_note', title: 'Norcam note', publishedAt: '2025-03-01' },
        { id: 'doc_report', title: 'Cameras report', publishedAt: '2025-04-01' },
        { id: 'doc_deal', title: 'Procurement record', publishedAt: '2025-05-01' },
      ];
      const ents = [
        { id: 'co_norcam', kind: 'Company', name: 'Norcam AS' },
        { id: 'co_zeltron', kind: 'Company', name: 'Zeltron Systems' },
        { id: 'co_dealer', kind: 'Company', name: 'Dealer Ltd' },
        { id: 'tech_cameras', kind: 'Technology', name: 'cameras', techType: 'surveillance', generic: true },
        { id: 'org_schools', kind: 'Organization', name: 'Norwegian schools' },
        { id: 'gov_interior', kind: 'GovernmentBody', name: 'Ruritanian interior ministry', govType: 'ministry' },
        { id: 'abuse_protest', kind: 'Abuse', name: 'Surveillance of protesters', category: 'surveillance' },
        { id: 'tech_k9', kind: 'Technology', name: 'Kestrel K9 camera', techType: 'surveillance' },
        { id: 'co_kestrel', kind: 'Company', name: 'Kestrel Optics' },
      ] as const;
      const at = (documentId: string) => ({ evidence: { documentId, quote: `quote in ${documentId}` } });
      await s.upsert({
        documents: docs,
        entities: ents as never,
        claims: [
          claim('PROVIDES', 'co_norcam', 'tech_cameras', at('doc_note')),
          claim('SUPPLIES', 'co_norcam', 'org_schools', at('doc_note')),
          claim('PROVIDES', 'co_zeltron', 'tech_cameras', at('doc_report')),
          claim('USES', 'gov_interior', 'tech_cameras', at('doc_report')),
          claim('ENABLES', 'tech_cameras', 'abuse_protest', at('doc_report')),
          claim('RESPONSIBLE_FOR', 'gov_interior', 'abuse_protest', at('doc_report')),
          // A dealer named in another document, but with its own supply to the ministry on record.
          claim('PROVIDES', 'co_dealer', 'tech_cameras', at('doc_deal')),
          claim('SUPPLIES', 'co_dealer', 'gov_interior', at('doc_deal')),
          // A named product is not a class: its maker (in the note) and its user (in the report) join.
          claim('PROVIDES', 'co_kestrel', 'tech_k9', at('doc_note')),
          claim('USES', 'gov_interior', 'tech_k9', at('doc_report')),
        ],
      });
      const to = { to: 'abuse_protest', maxHops: 4, limit: 20 };
      // The innocent maker: no path through the shared class node.
      const innocent = await s.exposurePaths({ from: 'co_norcam', ...to });
      expect(innocent.map(chain)).toEqual([]);
      // The mirror: the chain told in one report is found, each hop quoted from that report.
      const named = await s.exposurePaths({ from: 'co_zeltron', ...to });
      expect(named.map(chain).sort()).toEqual(['co_zeltron > tech_cameras > abuse_protest', 'co_zeltron > tech_cameras > gov_interior > abuse_protest']);
      for (const p of named) for (const h of p.hops) expect(h.claims.every((c) => c.claim.evidence.documentId === 'doc_report')).toBe(true);
      // Another document, but a SUPPLIES claim between the two actors: the user is reached; the class's
      // ENABLES from the report is not (no actor links a maker to an abuse).
      const dealer = await s.exposurePaths({ from: 'co_dealer', ...to });
      expect(dealer.map(chain)).toContain('co_dealer > tech_cameras > gov_interior > abuse_protest');
      expect(dealer.map(chain)).not.toContain('co_dealer > tech_cameras > abuse_protest');
      expect((await s.exposurePaths({ from: 'co_kestrel', ...to })).map(chain)).toEqual(['co_kestrel > tech_k9 > gov_interior > abuse_protest']);
    });
    it('reads asOf as "published by": a claim counts from its document, whatever its own date', async () => {
      // Invented: a 2025 report says the firm supplied the bureau in 2015; a 2026 report says it stopped in 2019.
      await s.upsert({
        documents: [
          { id: 'doc_t2025', title: 'Retrospective report', publishedAt: '2025-05-01' },
          { id: 'doc_t2026', title: 'Follow-up', publishedAt: '2026-02-01' },
        ],
        entities: [
          { id: 'co_tfirm', kind: 'Company', name: 'Tempora Firm' },
          { id: 'gov_tbureau', kind: 'GovernmentBody', name: 'Tempora Bureau', govType: 'police' },
          { id: 'abuse_tabuse', kind: 'Abuse', name: 'Tempora arrests', category: 'detention' },
        ] as never,
        claims: [
          claim('SUPPLIES', 'co_tfirm', 'gov_tbureau', { date: '2015', evidence: { documentId: 'doc_t2025', quote: 'supplied in 2015' } }),
          claim('RESPONSIBLE_FOR', 'gov_tbureau', 'abuse_tabuse', { evidence: { documentId: 'doc_t2025', quote: 'the bureau arrested' } }),
          claim('SUSPENDED', 'co_tfirm', 'gov_tbureau', { date: '2019', evidence: { documentId: 'doc_t2026', quote: 'stopped in 2019' } }),
        ],
      });
      const q = { from: 'co_tfirm', to: 'abuse_tabuse' };
      // In 2017 nothing about it had been published, though the supply is dated 2015.
      expect(await s.exposurePaths({ ...q, asOf: '2017-01-01' })).toEqual([]);
      expect((await s.neighbours('co_tfirm', { asOf: '2017-01-01' })).total).toBe(0);
      // By mid-2025 the supply was public, its end not yet: the hop is open.
      const mid = await s.exposurePaths({ ...q, asOf: '2025-06-01' });
      expect(mid.map(chain)).toEqual(['co_tfirm > gov_tbureau > abuse_tabuse']);
      expect(mid[0]!.hops[0]!.ended).toBeNull();
      expect((await s.neighbours('co_tfirm', { asOf: '2025-06-01' })).items.map((n) => n.edge.type)).toEqual(['SUPPLIES']);
      // After the follow-up: ended in 2019, as its own document says.
      const late = await s.exposurePaths({ ...q, asOf: '2026-03-01' });
      expect(late[0]!.hops[0]!.ended).toMatchObject({ date: '2019' });

      // A claim dated after its own document (a planned end, "will stop on 2027-01-01") counts from its own
      // date; a suspension with no date at all, in a document with none, ends the hop at any asOf, undated.
      await s.upsert({
        documents: [{ id: 'doc_tplan', title: 'Plan', publishedAt: '2026-06-01' }, { id: 'doc_tundated', title: 'Undated note' }],
        entities: [
          { id: 'co_tplan', kind: 'Company', name: 'Planner Co' },
          { id: 'co_tund', kind: 'Company', name: 'Undated Co' },
        ] as never,
        claims: [
          claim('SUPPLIES', 'co_tplan', 'gov_tbureau', { evidence: { documentId: 'doc_tplan', quote: 'Planner supplies the bureau' } }),
          claim('SUSPENDED', 'co_tplan', 'gov_tbureau', { date: '2027-01-01', evidence: { documentId: 'doc_tplan', quote: 'Planner will stop on 1 January 2027' } }),
          claim('SUPPLIES', 'co_tund', 'gov_tbureau', { evidence: { documentId: 'doc_tundated', quote: 'Undated supplies the bureau' } }),
          claim('SUSPENDED', 'co_tund', 'gov_tbureau', { evidence: { documentId: 'doc_tundated', quote: 'Undated stopped' } }),
        ],
      });
      const plan = (asOf: string) => s.exposurePaths({ from: 'co_tplan', to: 'abuse_tabuse', asOf });
      expect((await plan('2026-07-01'))[0]!.hops[0]!.ended).toBeNull();
      expect((await plan('2027-02-01'))[0]!.hops[0]!.ended).toMatchObject({ date: '2027-01-01' });
      for (const asOf of ['2025-06-01', '2030']) {
        const [p] = await s.exposurePaths({ from: 'co_tund', to: 'abuse_tabuse', asOf });
        expect(p!.hops[0]!.ended).toEqual({ claimIds: ['cl_suspended_co_tund_gov_tbureau'] });
      }
    });

    it('reports whether a path’s hops overlap in time, ranks those that cannot below, and names suspensions off the path', async () => {
      // Invented: Chronos sold two products to one agency; one supply ended in 2018, three years before the
      // abuse began; the other has no end. Chronos also suspended a supply to a second, unrelated agency.
      await s.upsert({
        documents: [{ id: 'doc_chronos', title: 'Chronos report', publishedAt: '2024-01-10' }],
        entities: [
          { id: 'co_chronos', kind: 'Company', name: 'Chronos Ltd' },
          { id: 'tech_ch_old', kind: 'Technology', name: 'Chronos Old Suite', techType: 'surveillance' },
          { id: 'tech_ch_new', kind: 'Technology', name: 'Chronos New Suite', techType: 'surveillance' },
          { id: 'gov_ch_agency', kind: 'GovernmentBody', name: 'Chronos agency', govType: 'intelligence' },
          { id: 'gov_ch_other', kind: 'GovernmentBody', name: 'Other agency', govType: 'police' },
          { id: 'abuse_ch', kind: 'Abuse', name: 'Chronos crackdown', category: 'surveillance', startDate: '2021-03' },
        ] as never,
        claims: [
          claim('PROVIDES', 'co_chronos', 'tech_ch_old', { validFrom: '2012', validTo: '2018', confidence: 0.95, evidence: { documentId: 'doc_chronos', quote: 'old suite 2012-2018' } }),
          claim('USES', 'gov_ch_agency', 'tech_ch_old', { confidence: 0.95, evidence: { documentId: 'doc_chronos', quote: 'agency used the old suite' } }),
          claim('PROVIDES', 'co_chronos', 'tech_ch_new', { confidence: 0.6, evidence: { documentId: 'doc_chronos', quote: 'new suite' } }),
          claim('USES', 'gov_ch_agency', 'tech_ch_new', { confidence: 0.6, evidence: { documentId: 'doc_chronos', quote: 'agency uses the new suite' } }),
          claim('RESPONSIBLE_FOR', 'gov_ch_agency', 'abuse_ch', { confidence: 0.95, evidence: { documentId: 'doc_chronos', quote: 'the agency ran the crackdown' } }),
          claim('SUSPENDED', 'co_chronos', 'gov_ch_other', { date: '2023-05', evidence: { documentId: 'doc_chronos', quote: 'Chronos stopped supplying the other agency' } }),
        ],
      });
      const paths = await s.exposurePaths({ from: 'co_chronos', to: 'abuse_ch', maxHops: 3 });
      expect(paths.map(chain)).toEqual(['co_chronos > tech_ch_new > gov_ch_agency > abuse_ch', 'co_chronos > tech_ch_old > gov_ch_agency > abuse_ch']);
      const [fresh, stale] = paths as [ExposurePath, ExposurePath];
      expect(fresh.timing).toEqual({ overlap: true, from: '2021-03' });
      expect(stale.timing).toMatchObject({ overlap: false, from: '2021-03', to: '2018' });
      expect(stale.timing.note).toMatch(/Chronos Old Suite ended by 2018, before Chronos crackdown began/);
      // Its weights alone would rank it first: the timing puts it below.
      expect(stale.hops.reduce((m, h) => m * h.weight, 1)).toBeGreaterThan(fresh.hops.reduce((m, h) => m * h.weight, 1));
      expect(stale.score).toBeLessThan(fresh.score);
      // The suspension for the other agency is named on each path, and ends none of its hops.
      for (const p of paths) {
        expect(p.ended).toBe(false);
        expect(p.unaffectedBy.map((c) => c.claim.id)).toEqual(['cl_suspended_co_chronos_gov_ch_other']);
        expect(p.unaffectedBy[0]!.document?.title).toBe('Chronos report');
      }
      // Who is exposed to the crackdown, in one store call: Chronos, with the best of those paths; nobody
      // before the report was published; nothing for an unknown abuse.
      const q = { abuse: 'abuse_ch', kinds: ['Company' as const], maxHops: 3, filter: {}, limit: 20 };
      const exposed = await s.exposedTo(q);
      expect(exposed.map(chain)).toEqual([chain(fresh)]);
      expect(exposed[0]!.score).toBeCloseTo(fresh.score, 6);
      expect(await s.exposedTo({ ...q, asOf: '2023-12-31' })).toEqual([]);
      expect(await s.exposedTo({ ...q, abuse: 'abuse_unknown' })).toEqual([]);
      // A path with no dated hop says it cannot tell.
      const undated = await s.exposurePaths({ from: 'co_ms', to: 'abuse_kill', maxHops: 2 });
      expect(undated.every((p) => p.timing.overlap !== false)).toBe(true);
    });

    it('rolls a subsidiary’s exposure up to a parent only over the period it was the parent', async () => {
      // Invented: Strand supplied a tool for an abuse that began in 2021. Owl held Strand 2014–2019 (a
      // registry period), Pike since 2020, and a report of 2018 says Finch owned it (no period).
      await s.upsert({
        documents: [{ id: 'doc_strand', title: 'Strand report', publishedAt: '2022-02-01' }],
        entities: [
          { id: 'co_strand', kind: 'Company', name: 'Strand Analytics' },
          { id: 'co_owl', kind: 'Company', name: 'Owl Holdings' },
          { id: 'co_pike', kind: 'Company', name: 'Pike Capital' },
          { id: 'co_finch', kind: 'Company', name: 'Finch Group' },
          { id: 'tech_strand', kind: 'Technology', name: 'Strand Lens' },
          { id: 'co_strand2', kind: 'Company', name: 'Strand Two' },
          { id: 'tech_strand2', kind: 'Technology', name: 'Strand Lens Lite' },
          { id: 'abuse_strand', kind: 'Abuse', name: 'Strand tracking of reporters', startDate: '2021-04' },
        ] as never,
        claims: [
          claim('PROVIDES', 'co_strand', 'tech_strand', { evidence: { documentId: 'doc_strand', quote: 'Strand makes Lens' } }),
          claim('ENABLES', 'tech_strand', 'abuse_strand', { evidence: { documentId: 'doc_strand', quote: 'Lens tracked reporters' } }),
          claim('PART_OF', 'co_strand', 'co_owl', { validFrom: '2014-01-01', validTo: '2019-12-31', evidence: { documentId: 'doc_strand', quote: 'Owl held Strand' } }),
          claim('PART_OF', 'co_strand', 'co_pike', { validFrom: '2020-01-01', evidence: { documentId: 'doc_strand', quote: 'Pike holds Strand' } }),
          claim('PART_OF', 'co_strand', 'co_finch', { date: '2018', evidence: { documentId: 'doc_strand', quote: 'Finch owned Strand' } }),
          // Owl's other subsidiary, held since 2014, with a weaker tool for the same abuse.
          claim('PART_OF', 'co_strand2', 'co_owl', { validFrom: '2014-01-01', evidence: { documentId: 'doc_strand', quote: 'Owl holds Strand Two' } }),
          claim('PROVIDES', 'co_strand2', 'tech_strand2', { confidence: 0.5, evidence: { documentId: 'doc_strand', quote: 'Strand Two makes Lens Lite' } }),
          claim('ENABLES', 'tech_strand2', 'abuse_strand', { confidence: 0.5, evidence: { documentId: 'doc_strand', quote: 'Lens Lite tracked reporters too' } }),
        ],
      });
      expect((await s.exposurePaths({ from: 'co_pike', maxHops: 3 })).map(chain)).toEqual(['co_pike > co_strand > tech_strand > abuse_strand']);
      // Owl is exposed through Strand Two only; with a page of one, the dropped path (the stronger by
      // weight) does not leave the page empty.
      expect((await s.exposurePaths({ from: 'co_owl', maxHops: 3 })).map(chain)).toEqual(['co_owl > co_strand2 > tech_strand2 > abuse_strand']);
      expect((await s.exposurePaths({ from: 'co_owl', maxHops: 3, limit: 1 })).map(chain)).toEqual(['co_owl > co_strand2 > tech_strand2 > abuse_strand']);
      // A claim dated only by when it was said is no period: the path stays, ranked by its timing.
      expect((await s.exposurePaths({ from: 'co_finch', maxHops: 3 })).map(chain)).toEqual(['co_finch > co_strand > tech_strand > abuse_strand']);
      const exposed = await s.exposedTo({ abuse: 'abuse_strand', kinds: ['Company'], maxHops: 3, filter: {}, limit: 20 });
      expect(exposed.map((p) => p.hops[0]!.from.id).sort()).toEqual(['co_finch', 'co_owl', 'co_pike', 'co_strand', 'co_strand2']);
      expect(chain(exposed.find((p) => p.hops[0]!.from.id === 'co_owl')!)).toBe('co_owl > co_strand2 > tech_strand2 > abuse_strand');
    });

    it('rolls a place up: a country holds the places of its code, any place what is PART_OF it, at any depth', async () => {
      // Invented places of an unassigned code (QZ), so no other test's places join in.
      const ents = [
        { id: 'loc_qz', kind: 'Location', name: 'Quazland', countryCode: 'QZ', placeType: 'country' },
        { id: 'loc_qz_copy', kind: 'Location', name: 'Republic of Quazland', countryCode: 'QZ', placeType: 'country' },
        { id: 'loc_qz_north', kind: 'Location', name: 'North Quaz', countryCode: 'QZ', placeType: 'region' },
        { id: 'loc_qz_city', kind: 'Location', name: 'Aqaz', countryCode: 'QZ', placeType: 'city' },
        { id: 'loc_qz_hamlet', kind: 'Location', name: 'Little Aqaz', placeType: 'site' },
        { id: 'loc_qy_far', kind: 'Location', name: 'Far Qy', countryCode: 'QY', placeType: 'region' },
        { id: 'loc_qy_denied', kind: 'Location', name: 'Denied Qy', countryCode: 'QY', placeType: 'city' },
        { id: 'gov_qz_police', kind: 'GovernmentBody', name: 'Quaz police', govType: 'police', country: 'QZ' },
      ] as const;
      const at = { evidence: { documentId: 'doc_places', quote: 'places' } };
      await s.upsert({
        documents: [{ id: 'doc_places', title: 'Gazetteer of Quazland' }],
        entities: ents as never,
        claims: [
          claim('PART_OF', 'loc_qz_city', 'loc_qz_north', at),
          claim('PART_OF', 'loc_qz_hamlet', 'loc_qz_city', at),
          claim('PART_OF', 'loc_qz_north', 'loc_qz_hamlet', at), // a cycle: walked once
          claim('PART_OF', 'loc_qy_far', 'loc_qz_north', at), // rejected below
          claim('PART_OF', 'loc_qy_denied', 'loc_qz_north', { ...at, certainty: 'denied' }),
        ],
      });
      await s.reviewClaim('cl_part_of_loc_qy_far_loc_qz_north', { status: 'rejected', note: 'not part of it' }, { by: 'tester' });
      const ids = (p: Awaited<ReturnType<GraphStore['placeParts']>>) => p?.items.map((x) => `${x.entity.id}:${x.via}:${x.parentId}:${x.depth}`);
      // The country: its code's places (not the other record of the country itself), then the hamlet through its city.
      const country = await s.placeParts('loc_qz');
      expect(ids(country)).toEqual(['loc_qz_city:countryCode:loc_qz:1', 'loc_qz_north:countryCode:loc_qz:1', 'loc_qz_hamlet:PART_OF:loc_qz_city:2']);
      expect(country).toMatchObject({ total: 3, truncated: false });
      // A region: PART_OF only, at any depth; a rejected or denied claim is no part.
      expect(ids(await s.placeParts('loc_qz_north'))).toEqual(['loc_qz_city:PART_OF:loc_qz_north:1', 'loc_qz_hamlet:PART_OF:loc_qz_city:2']);
      // Paged, with the total.
      const second = await s.placeParts('loc_qz', { offset: 1, limit: 1 });
      expect(ids(second)).toEqual(['loc_qz_north:countryCode:loc_qz:1']);
      expect(second?.total).toBe(3);
      // Not a place, or unknown: null.
      expect(await s.placeParts('gov_qz_police')).toBeNull();
      expect(await s.placeParts('loc_unknown')).toBeNull();
      // A place with no parts: an empty page.
      expect(await s.placeParts('loc_qy_far')).toEqual({ items: [], total: 0, truncated: false });
    });

    it('finds entities by an external id, one merged away found on its kept entity', async () => {
      const lei = (n: number) => `LEIX${String(n).padStart(16, '0')}`;
      await s.upsert({
        entities: [
          { id: 'co_lei_a', kind: 'Company', name: 'Alpha Registry Ltd', externalIds: { lei: lei(1) } },
          { id: 'co_lei_b', kind: 'Company', name: 'Beta Registry Ltd', externalIds: { lei: lei(2), wikidata: 'Q999001' } },
          { id: 'co_lei_c', kind: 'Company', name: 'Gamma Registry Ltd', externalIds: { lei: lei(3) } },
          // Its description names an LEI in words: only the record's external id counts.
          { id: 'co_lei_d', kind: 'Company', name: 'Delta Registry Ltd', description: `"lei":"${lei(4)}"` },
        ] as never,
      });
      const found = await s.entitiesByExternalId('lei', [lei(1), lei(2), lei(4), lei(9)]);
      expect([...found.entries()].sort()).toEqual([[lei(1), 'co_lei_a'], [lei(2), 'co_lei_b']]);
      expect([...(await s.entitiesByExternalId('wikidata', ['Q999001'])).entries()]).toEqual([['Q999001', 'co_lei_b']]);
      expect((await s.entitiesByExternalId('lei', [])).size).toBe(0);
      // The kept entity had no LEI: it takes the merged-away one's.
      await s.mergeEntities('co_lei_d', 'co_lei_c', { by: 'tester' });
      expect([...(await s.entitiesByExternalId('lei', [lei(3)])).entries()]).toEqual([[lei(3), 'co_lei_d']]);
    });
  });
}
