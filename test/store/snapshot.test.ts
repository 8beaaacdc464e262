// The in-memory graph saved beside the Kùzu database: a clean close saves it, the next open reads it back
// instead of rebuilding it, and a saved index that is stale, damaged, truncated, half-written or of another
// record file is never trusted (rebuilt from Kùzu, same answers). Real databases in temp folders.
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimIndex } from '../../src/store/claim-index.ts';
import { IdIndex } from '../../src/store/id-index.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { readSnapshot, restampSnapshot, writeSnapshot } from '../../src/store/kuzu/snapshot.ts';
import { claim, claims, documents, entities } from './fixture.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function folder() {
  const dir = await mkdtemp(join(tmpdir(), 'rg-snap-'));
  dirs.push(dir);
  const data = join(dir, 'data');
  return { data, index: join(data, 'graph.kuzu.index'), records: join(data, 'graph.kuzu.records') };
}

const open = (data: string, readOnly = false) => KuzuStore.open({ dataDir: data, bufferPoolMb: 64, readOnly });

/** Everything the in-memory graph answers, for comparing two opens. */
async function answers(store: KuzuStore) {
  await store.warm();
  return {
    paths: await store.exposurePaths({ from: 'co_ms', limit: 50 }),
    neighbours: await store.neighbours('gov_8200', { limit: 50 }),
    claims: await store.getClaims(claims.map((c) => c.id!)),
    entities: await store.getEntities(entities.map((e) => e.id!)),
    byUrl: await store.documentsByUrl('https://example.org/b'),
    exposedTo: await store.exposedTo({ abuse: 'abuse_surv', kinds: ['Company'], maxHops: 5, filter: {}, limit: 20 }),
  };
}

async function seeded(data: string) {
  const store = await open(data);
  await store.upsert({ documents, entities, claims });
  // A review, a merge and an update: what the saved index must carry besides plain upserts.
  await store.reviewClaim(claims[1]!.id!, { status: 'rejected', note: 'not what the source says' }, { by: 'test' });
  await store.mergeEntities('co_ms', 'co_ms2', { by: 'test' });
  await store.updateEntity('gov_8200', { aliases: ['Unit 8200', '8200'] }, { by: 'test' });
  const expected = await answers(store);
  await store.close();
  return expected;
}

describe('the saved index beside the Kùzu database', () => {
  it('is written at close and read back at the next open, with the same answers and writes after it', async () => {
    const { data, index, records } = await folder();
    const expected = await seeded(data);
    expect(existsSync(index) && existsSync(records)).toBe(true);
    const again = await open(data);
    expect(await answers(again)).toEqual(expected);
    expect(again.indexSource).toEqual({ from: 'snapshot' });
    // Writes after a read-back land in the same record file and survive the next open.
    await again.upsert({ documents: [], entities: [{ id: 'gov_e', kind: 'GovernmentBody', name: 'Body E' }], claims: [claim('SUPPLIES', 'co_ms', 'gov_e')] });
    const more = await answers(again);
    await again.close();
    const third = await open(data);
    expect(await answers(third)).toEqual(more);
    expect(third.indexSource).toEqual({ from: 'snapshot' });
    expect((await third.getEntities(['gov_e']))[0]?.name).toBe('Body E');
    await third.close();
  });

  it('is rebuilt when the database changed after it was saved (a process that did not close)', async () => {
    const { data, index } = await folder();
    await seeded(data);
    copyFileSync(index, `${index}.old`);
    const store = await open(data);
    await store.upsert({ documents: [], entities: [{ id: 'gov_e', kind: 'GovernmentBody', name: 'Body E' }], claims: [claim('SUPPLIES', 'co_ms', 'gov_e')] });
    const expected = await answers(store);
    await store.close();
    // What a kill after the commit and before the save leaves: the older saved index.
    copyFileSync(`${index}.old`, index);
    const again = await open(data);
    expect(await answers(again)).toEqual(expected);
    expect(again.indexSource).toMatchObject({ from: 'database', why: expect.stringMatching(/changed/) });
    await again.close();
    // The rebuild saved a matching one.
    const third = await open(data);
    await third.warm();
    expect(third.indexSource).toEqual({ from: 'snapshot' });
    await third.close();
  });

  it.each([
    ['a flipped byte', (f: string) => {
      const b = readFileSync(f);
      b[Math.floor(b.length / 3)]! ^= 0xff;
      writeFileSync(f, b);
    }, /checksum|damaged|read|hold together|format/],
    ['half of it', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2)), /truncated/],
    ['its last byte', (f: string) => truncateSync(f, statSync(f).size - 1), /truncated/],
    ['something else', (f: string) => writeFileSync(f, 'not an index at all'), /truncated|not one/],
  ])('is never trusted when damaged (%s): rebuilt from the database, same answers', async (_what, damage, why) => {
    const { data, index } = await folder();
    const expected = await seeded(data);
    damage(index);
    const again = await open(data);
    expect(await answers(again)).toEqual(expected);
    expect(again.indexSource).toMatchObject({ from: 'database', why: expect.stringMatching(why) });
    await again.close();
  });

  it('is rebuilt when its record file is missing or another one, and ignores a half-written save', async () => {
    const { data, index, records } = await folder();
    const expected = await seeded(data);
    // SIGKILL during a save leaves the side file it writes to; the saved index itself is renamed in whole.
    writeFileSync(`${index}.writing`, readFileSync(index).subarray(0, 100));
    const a = await open(data);
    expect(await answers(a)).toEqual(expected);
    expect(a.indexSource).toEqual({ from: 'snapshot' });
    await a.close();
    // Another record file (a copy from another store, or one recreated): its id differs.
    copyFileSync(index, `${index}.keep`);
    const other = await folder();
    await seeded(other.data);
    copyFileSync(other.records, records);
    const b = await open(data);
    expect(await answers(b)).toEqual(expected);
    expect(b.indexSource).toMatchObject({ from: 'database', why: expect.stringMatching(/record file/) });
    await b.close();
    await rm(records);
    const c = await open(data);
    expect(await answers(c)).toEqual(expected);
    expect(c.indexSource).toMatchObject({ from: 'database', why: 'no record file' });
    await c.close();
  });

  it('is used by a read-only open, which rebuilds in memory when it is stale and leaves the folder as it was', async () => {
    const { data, index, records } = await folder();
    const expected = await seeded(data);
    const ro = await open(data, true);
    expect(await answers(ro)).toEqual(expected);
    expect(ro.indexSource).toEqual({ from: 'snapshot' });
    await ro.close();
    truncateSync(index, 10);
    const before = { index: readFileSync(index), records: readFileSync(records) };
    const stale = await open(data, true);
    expect(await answers(stale)).toEqual(expected);
    expect(stale.indexSource).toMatchObject({ from: 'database' });
    await stale.close();
    expect(readFileSync(index)).toEqual(before.index);
    expect(readFileSync(records)).toEqual(before.records);
  });

  it('is saved after a first bulk load, so the next open reads it', async () => {
    const { data } = await folder();
    const store = await open(data);
    await store.bulkLoad([{ documents, entities, claims }]);
    const expected = await answers(store);
    await store.close();
    const again = await open(data);
    expect(await answers(again)).toEqual(expected);
    expect(again.indexSource).toEqual({ from: 'snapshot' });
    await again.close();
  });
});

describe('the saved index’s parts', () => {
  it('keeps ids of any characters (line breaks, lone surrogates, accents) and dates as written', async () => {
    const { data } = await folder();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(data, { recursive: true });
    const ix = new ClaimIndex();
    const odd = ['co_plain', 'co_line\nbreak', 'co_\ud800lone', 'co_accentué', ''];
    for (const id of odd) ix.setEntity(id, 'Company');
    ix.setEntity('abuse_x', 'Abuse');
    odd.forEach((id, i) => ix.setClaim({ id: `cl_${i}\n`, type: 'RESPONSIBLE_FOR', subject: id, object: 'abuse_x', certainty: 'stated', confidence: 0.5, status: 'unreviewed', date: i % 2 ? '2025-09' : undefined }));
    const key = { schemaVersion: 1, generation: 'g', recordsId: 'r' };
    const records = { entOff: new Float64Array(6), entLen: new Uint32Array(6), claimOff: new Float64Array(5), claimLen: new Uint32Array(5), revOff: new Float64Array(5), revLen: new Uint32Array(5), docIds: [], docUrls: [], docOff: new Float64Array(0), docLen: new Uint32Array(0) };
    writeSnapshot(join(data, 'x.index'), key, 100, ix.columns(), records);
    const back = readSnapshot(join(data, 'x.index'), key, 100);
    if (!('index' in back)) throw new Error(back.unusable);
    const again = ClaimIndex.fromColumns(back.index);
    expect(again.entityIds).toEqual(ix.entityIds);
    expect(again.claimIds).toEqual(ix.claimIds);
    for (const id of odd) expect(again.entityIndex(id)).toBe(ix.entityIndex(id));
    expect(odd.map((_, i) => again.dateTextOf(i))).toEqual([undefined, '2025-09', undefined, '2025-09', undefined]);
    expect([...again.inOf(again.entityIndex('abuse_x')!)]).toEqual([...ix.inOf(ix.entityIndex('abuse_x')!)]);
    expect(again.inOf(again.entityIndex('abuse_x')!)).toHaveLength(5);
    // Another generation or record file is refused, with its reason.
    expect(readSnapshot(join(data, 'x.index'), { ...key, generation: 'h' }, 100)).toMatchObject({ unusable: expect.stringMatching(/changed/) });
    expect(readSnapshot(join(data, 'x.index'), { ...key, recordsId: 's' }, 100)).toMatchObject({ unusable: expect.stringMatching(/record file/) });
    expect(readSnapshot(join(data, 'x.index'), key, 99)).toMatchObject({ unusable: expect.stringMatching(/record file/) });
    // Restamped (a bulk load's parked graph becoming the saved index): read under its new key only, the
    // trailer rewritten longer, then shorter, the sections and checksum kept.
    restampSnapshot(join(data, 'x.index'), join(data, 'y.index'), { ...key, generation: 'a-much-longer-generation-token' });
    restampSnapshot(join(data, 'y.index'), join(data, 'z.index'), { ...key, generation: 'k' });
    expect(existsSync(join(data, 'x.index')) || existsSync(join(data, 'y.index'))).toBe(false);
    const restamped = readSnapshot(join(data, 'z.index'), { ...key, generation: 'k' }, 100);
    if (!('index' in restamped)) throw new Error(restamped.unusable);
    expect(ClaimIndex.fromColumns(restamped.index).claimIds).toEqual(ix.claimIds);
    expect(readSnapshot(join(data, 'z.index'), key, 100)).toMatchObject({ unusable: expect.stringMatching(/changed/) });
  });

  it('finds every id among many, and none that was not added', () => {
    const ids: string[] = [];
    const index = new IdIndex(ids);
    for (let i = 0; i < 100_000; i++) {
      ids.push(`cl_${(i * 7919).toString(36)}`);
      index.add(i);
    }
    const built = new IdIndex(ids);
    for (let i = 0; i < ids.length; i += 7) {
      expect(index.get(ids[i]!)).toBe(i);
      expect(built.get(ids[i]!)).toBe(i);
    }
    expect(index.get('cl_missing')).toBeUndefined();
    expect(index.size).toBe(100_000);
    // A repeated id keeps its first position.
    ids.push(ids[5]!);
    index.add(ids.length - 1);
    expect(index.get(ids[5]!)).toBe(5);
    expect(index.size).toBe(100_000);
  });

  it('answers the same after writes whether its lists came from a snapshot (one table) or were built claim by claim', () => {
    // A random graph, then the same random writes (relinked, moved, retyped claims; new entities and claims
    // on old and new ends) on an index built by setClaim and on one read back from its columns, whose
    // lists start as one compressed table and become arrays of their own as the writes touch them.
    let seed = 7;
    // An LCG's high bits (its low bits cycle with a short period).
    const rnd = (n: number) => (((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n);
    const built = new ClaimIndex();
    const kinds = ['Company', 'Technology', 'Abuse'] as const;
    for (let e = 0; e < 200; e++) built.setEntity(`e${e}`, kinds[e % 3]!);
    const claimOf = (i: number, s: number, o: number, type: 'SUPPLIES' | 'USES' | 'SUSPENDED') =>
      ({ id: `c${i}`, type, subject: `e${s}`, object: `e${o}`, certainty: 'stated', confidence: 0.5, status: 'unreviewed' }) as const;
    for (let i = 0; i < 2000; i++) built.setClaim(claimOf(i, rnd(200), rnd(200), i % 50 ? 'SUPPLIES' : 'SUSPENDED'));
    // Copies, as a snapshot read back would be (columns() hands out the index's own id lists).
    const copy = Object.fromEntries(Object.entries(built.columns()).map(([k, v]) => [k, v.slice()])) as unknown as ReturnType<ClaimIndex['columns']>;
    const read = ClaimIndex.fromColumns(copy);
    const lists = (x: ClaimIndex) => x.entityIds.map((_, e) => [[...x.outOf(e)], [...x.inOf(e)], x.degreeOf(e), [...x.suspensionsOf(e)]]);
    expect(lists(read)).toEqual(lists(built));
    let next = 2000;
    for (let step = 0; step < 600; step++) {
      const r = rnd(4);
      const s = rnd(220);
      const o = rnd(220);
      const c = rnd(next + 1);
      for (const x of [built, read]) {
        for (const e of [s, o]) if (e >= x.entityCount) for (let k = x.entityCount; k <= e; k++) x.setEntity(`e${k}`, kinds[k % 3]!);
        if (r === 0) x.setClaim(claimOf(next, s, o, 'USES'));
        else if (r === 1 && c < next) x.setClaim(claimOf(c, s, o, c % 3 ? 'SUPPLIES' : 'SUSPENDED'));
        else if (r === 2) x.moveClaims(`e${s}`, `e${o}`);
        else x.setStatus(`c${c}`, 'accepted');
      }
      if (r === 0) next++;
    }
    expect(read.entityCount).toBe(built.entityCount);
    expect(read.claimCount).toBe(built.claimCount);
    expect(lists(read)).toEqual(lists(built));
    for (let e = 0; e < read.entityCount; e += 3) expect(read.claimIdsOfEntity(`e${e}`).sort()).toEqual(built.claimIdsOfEntity(`e${e}`).sort());
  });
});
