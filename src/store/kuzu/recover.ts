// Rebuilds the Kùzu database from its record log (record-file.ts) when a process died while Kùzu rewrote
// the database file (a checkpoint, a log replay, a search-index rebuild: see unsafeMarkOf). Kùzu 0.11.3
// cannot be trusted after such a kill, and it cannot repair itself: the database opened with a
// duplicated primary key, or opened and failed its first update. The log holds every record as it was
// after each commit; the last line of each id wins. The rebuilt database is loaded by COPY into a side
// file and swapped in; the damaged file is kept beside it (hard links), so nothing is lost either way.
import { closeSync, existsSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChangeRecord, Claim, Entity } from '../../domain/index.ts';
import { StoreUnavailableError } from '../errors.ts';
import { log } from '../../util/log.ts';
import { Progress } from '../../util/progress.ts';
import { KuzuConnection, removeDatabaseFiles, unsafeMarkOf, writeUnsafeMark } from './connection.ts';
import { tsvRow } from './csv.ts';
import { RecordFile } from './record-file.ts';
import { ensureSchema } from './schema.ts';
import { CREATE_SEARCH_INDEX, DROP_SEARCH_INDEX, copyFrom, type Table } from './statements.ts';
import { changeRow, claimRow, entityRow } from './rows.ts';
import { recordsFileOf } from './snapshot.ts';

export interface Recovery {
  documents: number;
  entities: number;
  claims: number;
  redirects: number;
  changes: number;
  /** Where the damaged database file was kept. */
  keptAt: string;
}

const DEFAULT_REVIEW = '{"status":"unreviewed"}';

/** Rows written to a staging file in blocks (one write call per row is slow). */
class TsvFile {
  private fd: number;
  private text = '';
  rows = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }
  add(row: readonly (string | number | undefined)[]): void {
    this.text += tsvRow(row);
    this.rows++;
    if (this.text.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.text) writeSync(this.fd, this.text);
    this.text = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Whether a record log the store could be rebuilt from lies beside the database file. */
export function hasRecordLog(file: string): boolean {
  const f = RecordFile.open(recordsFileOf(file), true);
  f?.close();
  return !!f;
}

/**
 * Rebuilds the database at `file` from its record log. `cause` says why, for the messages ("a process was
 * killed during a checkpoint"). Throws StoreUnavailableError (one line, saying what to run) when there is
 * no log to read.
 */
export async function recoverFromRecordLog(file: string, cause: string, bufferPoolMb: number): Promise<Recovery> {
  const dir = dirname(file);
  const logFile = RecordFile.open(recordsFileOf(file), true);
  if (!logFile) {
    throw new StoreUnavailableError(
      `${dir}: the database must be rebuilt (${cause}; Kùzu 0.11.3 cannot repair it), and there is no record log to rebuild it ` +
        'from: move the folder aside and import your last `rightsgraph export` into a new one',
    );
  }
  // Ours from here: another process that opens the store meanwhile sees a live writer and waits (StoreLockedError).
  writeUnsafeMark(file, 'a rebuild from the record log');
  log.warn({ path: dir, cause }, `${cause}: rebuilding the database from the record log`);
  const t0 = Date.now();
  const progress = new Progress({ label: 'recovering the store: reading the record log', unit: 'lines' });
  const at = new Map<string, [number, number]>();
  const key = (tag: string, id: string) => `${tag}${id}`;
  // The last line of each (kind, id) wins; an entity merged away (Z) is gone unless written again after.
  for (const line of logFile.lines()) {
    if (line.tag === 'Z') at.delete(key('E', line.id));
    else at.set(key(line.tag, line.id), [line.offset, line.length]);
    progress.tick();
  }
  progress.done();
  const side = `${file}.recovering`;
  removeDatabaseFiles(side);
  const staging = (t: Table) => join(dir, `.recover-${t}-${process.pid}.csv`);
  const files: Record<Table, TsvFile> = {
    Document: new TsvFile(staging('Document')),
    Entity: new TsvFile(staging('Entity')),
    Claim: new TsvFile(staging('Claim')),
    Redirect: new TsvFile(staging('Redirect')),
    Change: new TsvFile(staging('Change')),
  };
  try {
    const text = (o: [number, number]) => logFile.read(o[0], o[1]);
    // Every line was written from a zod-valid record, so it is parsed, not validated again.
    for (const [k, o] of at) {
      const tag = k[0];
      const id = k.slice(1);
      if (tag === 'D') files.Document.add([id, text(o)]);
      else if (tag === 'E') files.Entity.add(entityRow(JSON.parse(text(o)) as Entity));
      else if (tag === 'X') files.Redirect.add([id, JSON.parse(text(o)) as string]);
      else if (tag === 'K') files.Change.add(changeRow(JSON.parse(text(o)) as ChangeRecord));
      else if (tag === 'C') {
        const data = text(o);
        const r = at.get(key('R', id));
        const review = r ? text(r) : DEFAULT_REVIEW;
        files.Claim.add(claimRow({ ...(JSON.parse(data) as Omit<Claim, 'review'>), review: JSON.parse(review) as Claim['review'] }, [data, review]));
      }
    }
    for (const f of Object.values(files)) f.close();
    const db = await KuzuConnection.open(side, { bufferPoolMb, readOnly: false });
    try {
      await ensureSchema(db);
      await db.query(DROP_SEARCH_INDEX);
      await db.transaction(async () => {
        for (const [table, f] of Object.entries(files) as [Table, TsvFile][]) if (f.rows) await db.query(copyFrom(table, f.path));
      });
      await db.query(CREATE_SEARCH_INDEX);
    } finally {
      await db.close();
    }
  } finally {
    logFile.close();
    for (const f of Object.values(files)) rmSync(f.path, { force: true });
  }
  // The swap: the damaged file and its WAL kept under another name (hard links: a kill anywhere here leaves
  // the mark, and the next open runs this again from the same log), the rebuilt file renamed over it.
  const keptAt = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  if (existsSync(file)) linkSync(file, keptAt);
  if (existsSync(`${file}.wal`)) linkSync(`${file}.wal`, `${keptAt}.wal`);
  renameSync(side, file);
  rmSync(`${side}.wal`, { force: true });
  rmSync(`${file}.wal`, { force: true });
  rmSync(unsafeMarkOf(file), { force: true });
  const out: Recovery = {
    documents: files.Document.rows, entities: files.Entity.rows, claims: files.Claim.rows,
    redirects: files.Redirect.rows, changes: files.Change.rows, keptAt,
  };
  log.warn({ ...out, ms: Date.now() - t0 }, `recovered the store from its record log; the damaged database file is kept at ${keptAt} (delete it once the store is checked)`);
  return out;
}
