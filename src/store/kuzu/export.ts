// Export: every document, entity, redirect, claim and change record, in that order and by id, as ExportRecords.
// Each table goes out through COPY TO a CSV in the staging folder and is streamed back line by line, so a
// 5 M-claim graph never sits in memory at once and no query pages with SKIP.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportRecord } from '../../domain/index.ts';
import { readTsv } from './csv.ts';
import { copyTo } from './statements.ts';
import { parseChange, parseClaim, parseDocument, parseEntity } from './rows.ts';
import type { KuzuContext } from './store.ts';

export async function* exportAll(ctx: KuzuContext): AsyncGenerator<ExportRecord> {
  const parts = [
    { name: 'document', dump: 'exportDocuments' as const, parse: (r: string[]) => ({ type: 'document' as const, data: parseDocument(r[0]) }) },
    { name: 'entity', dump: 'exportEntities' as const, parse: (r: string[]) => ({ type: 'entity' as const, data: parseEntity(r[0]) }) },
    { name: 'redirect', dump: 'exportRedirects' as const, parse: (r: string[]) => ({ type: 'redirect' as const, data: { id: r[0]!, target: r[1]! } }) },
    { name: 'claim', dump: 'exportClaims' as const, parse: (r: string[]) => ({ type: 'claim' as const, data: parseClaim(r[0], r[1]) }) },
    { name: 'change', dump: 'exportChanges' as const, parse: (r: string[]) => ({ type: 'change' as const, data: parseChange(r[0]) }) },
  ];
  for (const p of parts) {
    const file = join(ctx.stagingDir, `export-${p.name}-${Date.now()}.csv`);
    await ctx.db.read(copyTo(p.dump, file));
    try {
      for await (const row of readTsv(file)) yield p.parse(row) as ExportRecord;
    } finally {
      rmSync(file, { force: true });
    }
  }
}
