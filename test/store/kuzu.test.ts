// The store contract on the embedded Kùzu adapter, plus what only Kùzu has: its files, schema version,
// lock between processes and reopening.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { describeStoreContract } from './contract.ts';

/** A statement only this test runs (the adapter's own are in statements.ts, executed by kuzu-statements.test.ts). */
const adHoc = (text: string) => ({ name: 'test', text, params: [] });

async function tempStore() {
  const dir = await mkdtemp(join(tmpdir(), 'rg-kuzu-'));
  const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
  return { store, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describeStoreContract('kuzu', tempStore);

describe('kuzu store files', () => {
  it('keeps its data across a reopen, index included', async () => {
    const { store, dir, cleanup } = await tempStore();
    try {
      const { documents, entities, claims } = await import('./fixture.ts');
      await store.upsert({ documents, entities, claims });
      const before = await store.exposurePaths({ from: 'co_ms', limit: 50 });
      await store.close();
      const again = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
      expect((await again.stats()).claims).toBe(claims.length);
      expect(await again.exposurePaths({ from: 'co_ms', limit: 50 })).toEqual(before);
      expect((await again.searchEntities('unite 8200'))[0]?.entity.id).toBe('gov_8200');
      await again.close();
      // Read-only opens share the folder and see the same graph.
      const ro = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 64, readOnly: true });
      expect((await ro.stats()).claims).toBe(claims.length);
      await ro.close();
    } finally {
      await cleanup();
    }
  });

  it('refuses a folder that is not a rightsgraph database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-notstore-'));
    try {
      await writeFile(join(dir, 'notes.txt'), 'someone else’s files');
      await expect(KuzuStore.open({ dataDir: dir, bufferPoolMb: 64 })).rejects.toMatchObject({ code: 'NOT_A_STORE' });
      const junk = join(dir, 'junk');
      await mkdir(junk);
      await writeFile(join(junk, 'graph.kuzu'), 'not a database at all '.repeat(500));
      await expect(KuzuStore.open({ dataDir: junk, bufferPoolMb: 64 })).rejects.toMatchObject({ code: 'NOT_A_STORE' });
      await expect(KuzuStore.open({ dataDir: join(dir, 'notes.txt'), bufferPoolMb: 64 })).rejects.toMatchObject({ code: 'NOT_A_STORE' });
      await expect(KuzuStore.open({ dataDir: join(dir, 'absent'), bufferPoolMb: 64, readOnly: true })).rejects.toMatchObject({ code: 'NOT_A_STORE' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database of an older schema it cannot migrate, of a newer schema, and a Kùzu database that is not ours', async () => {
    const { store, dir, cleanup } = await tempStore();
    try {
      // An older version with no migration to this one is refused with a clear message, not opened half-read.
      await store.ctx.db.query(adHoc("MATCH (m:Meta {key: 'schemaVersion'}) SET m.value = '0'"));
      await store.close();
      await expect(KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 64 })).rejects.toMatchObject({
        code: 'SCHEMA_VERSION',
        message: expect.stringMatching(/has schema 0, which this rightsgraph cannot migrate/),
      });
      // Set a newer version behind the store's back, with Kùzu directly.
      await (async () => {
        const kuzu = (await import('kuzu')).default;
        const db = new kuzu.Database(join(dir, 'data', 'graph.kuzu'), 64 * 1024 * 1024);
        const conn = new kuzu.Connection(db);
        const r = await conn.query("MATCH (m:Meta {key: 'schemaVersion'}) SET m.value = '99'");
        (Array.isArray(r) ? r : [r]).forEach((x) => x.close());
        await conn.close();
        await db.close();
      })();
      await expect(KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 64 })).rejects.toMatchObject({
        code: 'SCHEMA_VERSION',
        message: expect.stringMatching(/newer rightsgraph \(schema 99/),
      });
      const kuzu = (await import('kuzu')).default;
      await mkdir(join(dir, 'other'));
      const db = new kuzu.Database(join(dir, 'other', 'graph.kuzu'), 64 * 1024 * 1024);
      const conn = new kuzu.Connection(db);
      const r = await conn.query('CREATE NODE TABLE Person(name STRING PRIMARY KEY)');
      (Array.isArray(r) ? r : [r]).forEach((x) => x.close());
      await conn.close();
      await db.close();
      await expect(KuzuStore.open({ dataDir: join(dir, 'other'), bufferPoolMb: 64 })).rejects.toMatchObject({ code: 'NOT_A_STORE' });
    } finally {
      await cleanup();
    }
  });

  it('says the database is locked when another process holds it for writing', async () => {
    const { store, dir, cleanup } = await tempStore();
    try {
      const { spawnSync } = await import('node:child_process');
      // A second process opening the same folder for writing: the CLI's `stats` does exactly that.
      const child = spawnSync(process.execPath, ['bin/rightsgraph.js', 'stats'], {
        env: { ...process.env, RIGHTSGRAPH_DATA: join(dir, 'data'), NEO4J_URI: '' },
        encoding: 'utf8',
      });
      expect(child.status).not.toBe(0);
      expect(child.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^rightsgraph: the database at .* is open for writing in another process \(is `rightsgraph serve` running\? stop it or use its API\)$/),
      ]);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});

describe('kuzu transactions', () => {
  it('rolls back the statements already run when a later one fails inside a transaction', async () => {
    const { store, cleanup } = await tempStore();
    try {
      const db = store.ctx.db;
      await expect(
        db.transaction(async () => {
          await db.query(adHoc("CREATE (d:Document {id: 'doc_tx', data: '{}'})"));
          await db.query(adHoc('MATCH (x:NoSuchTable) RETURN x'));
        }),
      ).rejects.toThrow();
      expect(await db.read(adHoc("MATCH (d:Document) WHERE d.id = 'doc_tx' RETURN d.id"))).toEqual([]);
      // The connection is usable again afterwards.
      await store.upsert({ documents: [{ id: 'doc_ok' }] });
      expect((await store.stats()).documents).toBe(1);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});

describe('kuzu idempotent upserts', () => {
  it('writes nothing for records stored exactly as given, and writes the one that changed', async () => {
    const { store, cleanup } = await tempStore();
    try {
      const { documents, entities, claims } = await import('./fixture.ts');
      await store.upsert({ documents, entities, claims });
      const generation = store.ctx.db.generation;
      const bytes = store.ctx.records.file.size;
      const again = await store.upsert({ documents, entities, claims });
      expect(again.claims).toEqual({ created: 0, existing: claims.length });
      // No transaction ran (the generation token is replaced by every one) and no record was appended.
      expect(store.ctx.db.generation).toBe(generation);
      expect(store.ctx.records.file.size).toBe(bytes);

      const [first] = claims;
      await store.upsert({ claims: [{ ...first!, confidence: 0.11 }] });
      expect(store.ctx.db.generation).not.toBe(generation);
      expect((await store.getClaims([first!.id]))[0]?.confidence).toBe(0.11);
      const renamed = { ...entities[0]!, aliases: [...(entities[0]!.aliases ?? []), 'Another name'] };
      await store.upsert({ entities: [renamed] });
      expect((await store.getEntities([renamed.id]))[0]?.aliases).toContain('Another name');
    } finally {
      await store.close();
      await cleanup();
    }
  });
});

describe('kuzu bulk load', () => {
  it('loads an empty store by COPY to the same graph as upsert, and refuses a store that holds data', async () => {
    const { documents, entities, claims } = await import('./fixture.ts');
    const a = await tempStore();
    const b = await tempStore();
    try {
      await a.store.upsert({ documents, entities, claims });
      // Split in batches: later batches cite entities of earlier ones.
      await b.store.bulkLoad([{ documents }, { entities: entities.slice(0, 10) }, { entities: entities.slice(10), claims }]);
      const all = async (s: KuzuStore) => {
        const out = [];
        for await (const r of s.exportAll()) out.push(r);
        return out;
      };
      expect(await all(b.store)).toEqual(await all(a.store));
      expect(await b.store.exposurePaths({ from: 'co_ms', limit: 50 })).toEqual(await a.store.exposurePaths({ from: 'co_ms', limit: 50 }));
      // The graph waited on disk during the COPY (writes.ts, parkGraph): what comes back answers as the one upserted.
      expect(await b.store.neighbours('co_ms')).toEqual(await a.store.neighbours('co_ms'));
      expect(await b.store.documentsByUrl('https://example.org/b')).toEqual(await a.store.documentsByUrl('https://example.org/b'));
      expect(await b.store.getClaims(claims.map((c) => c.id))).toEqual(await a.store.getClaims(claims.map((c) => c.id)));
      expect((await b.store.searchEntities('unite 8200'))[0]?.entity.id).toBe('gov_8200');
      await expect(b.store.bulkLoad([{ documents }])).rejects.toThrow(/empty store/);
      const c = await tempStore();
      try {
        await expect(c.store.bulkLoad([{ documents, entities, claims: [...claims, { ...claims[0]!, id: 'cl_bad', object: 'nowhere' }] }])).rejects.toThrow(/unknown object/);
        expect((await c.store.stats()).claims).toBe(0);
      } finally {
        await c.store.close();
        await c.cleanup();
      }
    } finally {
      await a.store.close();
      await b.store.close();
      await a.cleanup();
      await b.cleanup();
    }
  });
});

describe('kuzu search index upkeep', () => {
  it('rebuilds the FTS index around a large batch, and recreates a missing one at open', async () => {
    const { store, dir, cleanup } = await tempStore();
    const indexes = async (s: KuzuStore) => (await s.ctx.db.query(adHoc('CALL SHOW_INDEXES() RETURN index_name AS n'))).map((r) => r.n);
    try {
      const many = Array.from({ length: 1500 }, (_, i) => ({ id: `co_${i}`, kind: 'Company' as const, name: `Société numéro ${i}` }));
      await store.upsert({ entities: many });
      expect(await indexes(store)).toEqual(['entity_names']);
      // "societe" only through the folded FTS terms or CONTAINS; the exact name ranks first either way.
      expect((await store.searchEntities('societe numero 1499'))[0]?.entity.id).toBe('co_1499');
      const fts = await store.ctx.db.read(adHoc("CALL QUERY_FTS_INDEX('Entity', 'entity_names', 'societe') RETURN count(*) AS n"));
      expect(Number(fts[0]?.n)).toBe(1500);
      await store.ctx.db.query(adHoc("CALL DROP_FTS_INDEX('Entity', 'entity_names')"));
      await store.close();
      const again = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
      expect(await indexes(again)).toEqual(['entity_names']);
      await again.close();
    } finally {
      await cleanup();
    }
  });
});

describe('kuzu recovery from the record log', () => {
  const exported = async (s: KuzuStore) => {
    const out: string[] = [];
    for await (const r of s.exportAll()) out.push(JSON.stringify(r));
    return out;
  };
  /** A pid no process has any more: a child that ran and exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
  /** What a kill in the middle of a Kùzu checkpoint leaves: the mark of a dead process, a file Kùzu cannot trust. */
  const killedMidCheckpoint = (dataDir: string) => {
    const db = join(dataDir, 'graph.kuzu');
    writeFileSync(db, Buffer.alloc(statSync(db).size, 0xab));
    writeFileSync(`${db}.unsafe`, JSON.stringify({ what: 'a checkpoint', pid: deadPid(), at: new Date().toISOString() }));
  };
  async function writtenStore() {
    const t = await tempStore();
    const { documents, entities, claims } = await import('./fixture.ts');
    await t.store.upsert({ documents, entities, claims });
    await t.store.reviewClaim('cl_enables_tech_azure_abuse_surv', { status: 'rejected', note: 'misread' }, { by: 'tester' });
    await t.store.reviewClaim('cl_uses_gov_8200_tech_azure', { status: 'accepted' }, { by: 'tester' });
    await t.store.reviewClaim('cl_uses_gov_8200_tech_azure', { status: 'unreviewed' }, { by: 'tester' });
    await t.store.updateEntity('tech_office', { aliases: ['Microsoft Office'] }, { by: 'tester' });
    await t.store.mergeEntities('co_ms', 'co_ms2', { by: 'tester' });
    return t;
  }

  it('rebuilds a database a kill left damaged: the same export, search and paths, the damaged file kept', async () => {
    const { store, dir, cleanup } = await writtenStore();
    const dataDir = join(dir, 'data');
    try {
      const want = await exported(store);
      const paths = await store.exposurePaths({ from: 'co_ms', limit: 50 });
      await store.close();
      killedMidCheckpoint(dataDir);
      const again = await KuzuStore.open({ dataDir, bufferPoolMb: 128 });
      expect(await exported(again)).toEqual(want);
      expect(await again.exposurePaths({ from: 'co_ms', limit: 50 })).toEqual(paths);
      expect((await again.searchEntities('microsoft office'))[0]?.entity.id).toBe('tech_office');
      // The merged-away entity still resolves through its redirect, and writes go on.
      expect((await again.getEntities(['co_ms2']))[0]?.id).toBe('co_ms');
      await again.updateEntity('co_ms', { aliases: ['MS'] }, { by: 'tester' });
      await again.close();
      expect(readdirSync(dataDir).filter((f) => /^graph\.kuzu\.damaged-[^.]+$/.test(f))).toHaveLength(1);
      expect(existsSync(join(dataDir, 'graph.kuzu.unsafe'))).toBe(false);
      // The rebuilt store is an ordinary one: it reopens without a recovery, the update kept.
      const third = await KuzuStore.open({ dataDir, bufferPoolMb: 128 });
      expect((await third.getEntities(['co_ms']))[0]?.aliases).toContain('MS');
      await third.close();
    } finally {
      await cleanup();
    }
  });

  it('repairs on a read-only open too, and after a reused pid; refuses in one line a live writer and a store without a record log', async () => {
    const { store, dir, cleanup } = await writtenStore();
    const dataDir = join(dir, 'data');
    try {
      const want = await exported(store);
      await store.close();
      killedMidCheckpoint(dataDir);
      const ro = await KuzuStore.open({ dataDir, bufferPoolMb: 64, readOnly: true });
      expect(await exported(ro)).toEqual(want);
      await ro.close();
      const db = join(dataDir, 'graph.kuzu');
      const mark = (pid: number | undefined) => writeFileSync(`${db}.unsafe`, JSON.stringify({ what: 'a checkpoint', pid, at: new Date().toISOString() }));
      // A live process holding the database file: a writer in its checkpoint, left alone.
      const writer = spawn(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(db)}, 'r'); console.log('open'); setTimeout(() => {}, 30000)`]);
      try {
        await new Promise((r) => writer.stdout.once('data', r));
        mark(writer.pid);
        await expect(KuzuStore.open({ dataDir, bufferPoolMb: 64 })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
      } finally {
        writer.kill();
      }
      // A live process that does not hold it (the pid reused after a reboot): the mark's writer is gone.
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
      try {
        killedMidCheckpoint(dataDir);
        mark(other.pid);
        const again = await KuzuStore.open({ dataDir, bufferPoolMb: 64 });
        expect(await exported(again)).toEqual(want);
        await again.close();
      } finally {
        other.kill();
      }
      killedMidCheckpoint(dataDir);
      rmSync(`${db}.records`);
      await expect(KuzuStore.open({ dataDir, bufferPoolMb: 64 })).rejects.toThrow(/no record log to rebuild it from: move the folder aside and import your last `rightsgraph export`/);
    } finally {
      await cleanup();
    }
  });
});
