// Ingest a real French report (dev corpus 002, HRW 2025) into a Kùzu store that already holds the English
// seed stories: its entities resolve onto the seeded ones across languages ("Unité 8200" → Unit 8200), its
// claims join the exposure paths with exact quotes, and ingesting twice changes nothing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../src/domain/index.ts';
import { ingestFile, ingestText } from '../../src/ingest/ingest.ts';
import { loadSeeds } from '../../src/ingest/seed.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { devCorpusDir } from '../../src/util/shared.ts';

let report: string | null = null;
try {
  report = join(devCorpusDir(), '002.txt');
  if (!existsSync(report)) report = null;
} catch {
  report = null;
}

describe.skipIf(!report)('ingest', () => {
  let dir: string;
  let store: KuzuStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-ingest-'));
    store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
    await loadSeeds(store);
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves the French report onto the seeded entities and adds quoted claims', async () => {
    const before = await store.stats();
    const r = await ingestFile(store, report!, { language: 'fr', publishedAt: '2025-10-10', publisher: 'Human Rights Watch' });
    expect(r.claims.created).toBeGreaterThan(20);
    const unit = (await store.searchEntities('Unit 8200', { kinds: ['GovernmentBody'] }))[0]!.entity;
    const claims = await store.findClaims({ entityId: unit.id, limit: 500 });
    const fromReport = claims.items.filter((c) => c.evidence.documentId === r.documentId);
    expect(fromReport.length).toBeGreaterThan(0);
    for (const c of fromReport) expect(c.evidence.quote.length).toBe(c.evidence.end! - c.evidence.start!);
    // Same entity, not a French duplicate.
    expect((await store.searchEntities('Unité 8200', { kinds: ['GovernmentBody'] })).filter((h) => /8200/.test(h.entity.name))).toHaveLength(1);
    expect((await store.stats()).entities).toBeLessThan(before.entities + r.extracted.entities);
  });

  it('changes nothing the second time, not even the export (the first fetchedAt is kept)', async () => {
    const dump = async () => {
      const lines: string[] = [];
      for await (const r of store.exportAll()) lines.push(JSON.stringify(r));
      return lines.join('\n');
    };
    const s1 = await store.stats();
    const e1 = await dump();
    await new Promise((r) => setTimeout(r, 5));
    const again = await ingestFile(store, report!, { language: 'fr', publishedAt: '2025-10-10', publisher: 'Human Rights Watch' });
    expect(again.claims.created).toBe(0);
    const s2 = await store.stats();
    expect({ ...s2 }).toEqual({ ...s1 });
    expect(await dump()).toBe(e1);
  });
});

// A process killed after a report's write and before its replies' left the report without them; the
// re-run must add them (it once skipped them, the report being stored already). The state is made here by
// importing an export without its reply records into a new store, then ingesting the report there.
describe('replies of a report stored without them', () => {
  it('are recorded when the report is ingested again, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-ingest-replies-'));
    const text = 'Vigilant Optics Ltd supplies surveillance cameras to the Xinjiang public security bureau. Vigilant Optics Ltd did not respond to a request for comment.';
    const meta = { sha256: 'a'.repeat(64), title: 'Cameras', publisher: 'Test NGO', publishedAt: '2025-11-02' };
    try {
      const a = await KuzuStore.open({ dataDir: join(dir, 'a'), bufferPoolMb: 128 });
      await ingestText(a, text, meta);
      const records: ExportRecord[] = [];
      for await (const r of a.exportAll()) records.push(r);
      await a.close();
      const replies = records.filter((r) => r.type === 'change' && r.data.action === 'response');
      expect(replies.length).toBeGreaterThan(0);
      const b = await KuzuStore.open({ dataDir: join(dir, 'b'), bufferPoolMb: 128 });
      const kept = records.filter((r) => !replies.includes(r));
      await b.upsert({
        documents: kept.flatMap((r) => (r.type === 'document' ? [r.data] : [])),
        entities: kept.flatMap((r) => (r.type === 'entity' ? [r.data] : [])),
        claims: kept.flatMap((r) => (r.type === 'claim' ? [r.data] : [])),
      });
      expect(await b.listChanges({ action: 'response' })).toEqual([]);
      await ingestText(b, text, meta);
      await ingestText(b, text, meta);
      expect((await b.listChanges({ action: 'response' })).map((c) => c.id).sort()).toEqual(replies.map((r) => r.data.id).sort());
      await b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
